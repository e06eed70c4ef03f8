package password

import (
	"strings"
	"testing"

	"gyakusan"
)

func TestNewSecret(t *testing.T) {
	a, b := NewSecret(TokenPrefix), NewSecret(TokenPrefix)
	if a == b {
		t.Fatal("two secrets are equal")
	}
	if !strings.HasPrefix(a, "gys_") || len(a) != 4+43 {
		t.Fatalf("secret %q: want gys_ and 43 base64url characters", a)
	}
	if !LooksLike(a, TokenPrefix) {
		t.Errorf("LooksLike(%q) = false", a)
	}
	for _, bad := range []string{"", "gys_", a[:len(a)-1], "gyss_" + a[4:], strings.Replace(a, a[5:6], "!", 1)} {
		if LooksLike(bad, TokenPrefix) {
			t.Errorf("LooksLike(%q) = true", bad)
		}
	}
}

func TestProblemNamesThePassword(t *testing.T) {
	for _, err := range []error{ErrTooShort, ErrTooLong, ErrInvalid} {
		p := Problem(err)
		ge, ok := p.(*gyakusan.Error)
		if !ok || ge.Code != gyakusan.CodeInvalid {
			t.Fatalf("Problem(%v) = %#v", err, p)
		}
		if !strings.Contains(ge.Message("ja"), "パスワード") || !strings.Contains(ge.Message("en"), "password") {
			t.Errorf("Problem(%v) messages %q / %q do not name the password", err, ge.Message("ja"), ge.Message("en"))
		}
	}
}
