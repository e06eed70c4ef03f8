package gyakusan

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The limits of account fields.
const (
	MaxEmailLen   = 254 // bytes, the longest address SMTP carries
	MaxOrgNameLen = 100 // characters
)

// NormalizeEmail trims and lower-cases an email address, the form the
// store keeps and looks up.
func NormalizeEmail(email string) string { return strings.ToLower(strings.TrimSpace(email)) }

// CheckEmail reports whether email (after NormalizeEmail) looks like an
// address: one @ with text on both sides, no spaces, at most MaxEmailLen
// bytes. Delivery is not checked; nothing is sent.
func CheckEmail(email string) error {
	e := NormalizeEmail(email)
	if e == "" {
		return Localized(CodeInvalid, "メールアドレスを入力してください。", "Enter an email address.")
	}
	local, domain, ok := strings.Cut(e, "@")
	if !ok || local == "" || domain == "" || strings.Contains(domain, "@") || len(e) > MaxEmailLen ||
		!utf8.ValidString(e) || strings.IndexFunc(e, unicode.IsSpace) >= 0 || strings.IndexFunc(e, unicode.IsControl) >= 0 {
		return Localized(CodeInvalid,
			"メールアドレスの形式が正しくありません（例: name@example.com）。",
			"This is not an email address (for example name@example.com).")
	}
	return nil
}

// CheckOrgName reports whether name (trimmed) can name an organization.
func CheckOrgName(name string) error {
	n := strings.TrimSpace(name)
	if n == "" {
		return Localized(CodeInvalid, "組織名を入力してください。", "Enter the organization's name.")
	}
	if !utf8.ValidString(n) || utf8.RuneCountInString(n) > MaxOrgNameLen || strings.IndexFunc(n, unicode.IsControl) >= 0 {
		return Localized(CodeInvalid, "組織名は100文字以内にしてください。", "The organization's name must have at most 100 characters.")
	}
	return nil
}
