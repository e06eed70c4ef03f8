package gyakusan

import (
	"strings"
	"testing"
)

func TestCheckEmail(t *testing.T) {
	tests := []struct {
		name  string
		email string
		ok    bool
	}{
		{"plain address", "aiko@example.jp", true},
		{"upper case and spaces around are normalised", "  Aiko@Example.JP ", true},
		{"empty", "", false},
		{"no at sign", "aiko.example.jp", false},
		{"nothing before the at sign", "@example.jp", false},
		{"nothing after the at sign", "aiko@", false},
		{"two at signs", "a@b@example.jp", false},
		{"space inside", "ai ko@example.jp", false},
		{"too long", strings.Repeat("a", 250) + "@example.jp", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckEmail(tt.email)
			if (err == nil) != tt.ok {
				t.Fatalf("CheckEmail(%q) = %v, want ok=%v", tt.email, err, tt.ok)
			}
			if err != nil && ErrorCode(err) != CodeInvalid {
				t.Fatalf("code = %s", ErrorCode(err))
			}
		})
	}
	if got := NormalizeEmail("  Aiko@Example.JP "); got != "aiko@example.jp" {
		t.Errorf("NormalizeEmail = %q", got)
	}
}

func TestCheckOrgName(t *testing.T) {
	if err := CheckOrgName("株式会社サンプル"); err != nil {
		t.Errorf("Japanese name: %v", err)
	}
	if err := CheckOrgName("   "); err == nil {
		t.Error("blank name accepted")
	}
	if err := CheckOrgName(strings.Repeat("社", 101)); err == nil {
		t.Error("101 characters accepted")
	}
	if err := CheckOrgName(strings.Repeat("社", 100)); err != nil {
		t.Errorf("100 characters: %v", err)
	}
}
