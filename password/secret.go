package password

import (
	"crypto/rand"
	"encoding/base64"
	"strings"

	"gyakusan"
)

// The prefixes of the secrets NewSecret makes. A prefix makes a leaked
// token recognisable (secret scanners, logs) and tells the kinds apart.
const (
	TokenPrefix      = "gys_"  // API tokens
	SessionPrefix    = "gyss_" // session cookies
	InvitationPrefix = "gysi_" // invitation links
)

// NewSecret returns prefix followed by 32 random bytes in unpadded
// base64url: 256 bits, never guessable, safe in URLs and cookies. The store
// keeps only a hash of it.
func NewSecret(prefix string) string {
	b := make([]byte, 32)
	// crypto/rand.Read never fails on supported platforms (Go 1.24+).
	_, _ = rand.Read(b)
	return prefix + base64.RawURLEncoding.EncodeToString(b)
}

// LooksLike reports whether s has the shape of a secret made by NewSecret
// with prefix, so that garbage is refused before a database lookup.
func LooksLike(s, prefix string) bool {
	rest, ok := strings.CutPrefix(s, prefix)
	if !ok || len(rest) != 43 {
		return false
	}
	b, err := base64.RawURLEncoding.DecodeString(rest)
	return err == nil && len(b) == 32
}

// Problem turns an error of Check into a message for the user that names
// the password field; other errors pass through.
func Problem(err error) error {
	switch err {
	case ErrTooShort:
		return gyakusan.Localized(gyakusan.CodeInvalid,
			"パスワードは8文字以上にしてください（日本語も使えます）。",
			"The password must have at least 8 characters (any script).")
	case ErrTooLong:
		return gyakusan.Localized(gyakusan.CodeInvalid,
			"パスワードは1024バイト以内にしてください（日本語で約340文字）。",
			"The password must be at most 1024 bytes long.")
	case ErrInvalid:
		return gyakusan.Localized(gyakusan.CodeInvalid,
			"パスワードに改行などの制御文字は使えません。",
			"The password cannot contain line breaks or other control characters.")
	}
	return err
}
