package password

import (
	"errors"
	"strings"
	"testing"
)

func TestHashAndVerify(t *testing.T) {
	kanji := strings.Repeat("漢", 64)
	tests := []struct {
		name  string
		pw    string
		other string // a different password that must not match
	}{
		{"ascii password", "correct horse battery staple", "correct horse battery stapl"},
		{"64 kanji (192 bytes of UTF-8)", kanji, strings.Repeat("漢", 63) + "字"},
		{"mixed scripts", "パスワードは長いほうがいいpassword", "パスワードは長いほうがいいpasswore"},
		{"64 Cyrillic letters", strings.Repeat("ж", 64), strings.Repeat("ж", 65)},
		{"emoji", "🔐🔑🗝️🚪🔐🔑🗝️🚪", "🔐🔑🗝️🚪🔐🔑🗝️"},
		{"1024 bytes", strings.Repeat("a", MaxBytes), strings.Repeat("a", MaxBytes-1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			enc, err := Fast.Hash(tt.pw)
			if err != nil {
				t.Fatalf("Hash: %v", err)
			}
			if strings.Contains(enc, tt.pw) {
				t.Fatalf("hash %q contains the password", enc)
			}
			ok, err := Verify(tt.pw, enc)
			if err != nil || !ok {
				t.Fatalf("Verify(right password) = %v, %v; want true", ok, err)
			}
			ok, err = Verify(tt.other, enc)
			if err != nil || ok {
				t.Fatalf("Verify(%q) = %v, %v; want false", tt.other, ok, err)
			}
		})
	}
}

func TestDefaultParamsHash64Kanji(t *testing.T) {
	pw := strings.Repeat("漢", 64)
	if len(pw) != 192 {
		t.Fatalf("test password has %d bytes, want 192", len(pw))
	}
	enc, err := Hash(pw)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(enc, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("encoded = %q, want the default argon2id parameters", enc)
	}
	if ok, err := Verify(pw, enc); !ok || err != nil {
		t.Fatalf("Verify = %v, %v", ok, err)
	}
	if NeedsRehash(enc, Default) {
		t.Error("a fresh default hash needs rehash")
	}
	if !NeedsRehash(enc, Fast) {
		t.Error("a default hash does not need rehash to other parameters")
	}
}

func TestSaltMakesHashesDiffer(t *testing.T) {
	a, _ := Fast.Hash("same password")
	b, _ := Fast.Hash("same password")
	if a == b {
		t.Fatalf("two hashes of one password are equal: %q", a)
	}
}

func TestNFCEquivalentSpellingsMatch(t *testing.T) {
	composed := "ががががががががパスワード"                                      // U+304C
	decomposed := strings.Repeat("か\u3099", 8) + "ハ\u309aスワート\u3099" // か + combining dakuten
	if composed == decomposed {
		t.Fatal("test strings are byte-equal")
	}
	enc, err := Fast.Hash(decomposed)
	if err != nil {
		t.Fatal(err)
	}
	if ok, _ := Verify(composed, enc); !ok {
		t.Error("the precomposed spelling does not verify against the decomposed one")
	}
}

func TestWidthFormsStayDistinct(t *testing.T) {
	enc, _ := Fast.Hash("ｱｲｳｴｵｶｷｸ") // half-width katakana
	if ok, _ := Verify("アイウエオカキク", enc); ok {
		t.Error("full-width katakana matched a half-width password; NFC must not fold widths")
	}
}

func TestCheck(t *testing.T) {
	tests := []struct {
		name string
		pw   string
		want error
	}{
		{"eight letters are enough", "abcdefgh", nil},
		{"eight kanji are enough", "漢字漢字漢字漢字", nil},
		{"seven letters are too short", "abcdefg", ErrTooShort},
		{"seven kanji are too short though 21 bytes", "漢字漢字漢字漢", ErrTooShort},
		{"empty is too short", "", ErrTooShort},
		{"1025 bytes are too long", strings.Repeat("a", MaxBytes+1), ErrTooLong},
		{"342 kanji (1026 bytes) are too long", strings.Repeat("漢", 342), ErrTooLong},
		{"a newline is refused", "abcdefgh\n", ErrInvalid},
		{"invalid UTF-8 is refused", "abcdefgh\xff", ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := Check(tt.pw); !errors.Is(err, tt.want) {
				t.Fatalf("Check = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestHashRefusesBadPasswords(t *testing.T) {
	if _, err := Fast.Hash("short"); !errors.Is(err, ErrTooShort) {
		t.Fatalf("Hash(short) = %v", err)
	}
}

func TestVerifyOverlongNeverMatches(t *testing.T) {
	enc, _ := Fast.Hash("abcdefgh")
	if ok, err := Verify(strings.Repeat("a", 100000), enc); ok || err != nil {
		t.Fatalf("Verify(overlong) = %v, %v; want false, nil", ok, err)
	}
}

func TestVerifyMalformed(t *testing.T) {
	good, _ := Fast.Hash("abcdefgh")
	parts := strings.Split(good, "$")
	tests := map[string]string{
		"empty":              "",
		"bcrypt":             "$2a$10$abcdefghijklmnopqrstuuAbCdEfGhIjKlMnOpQrStUvWxYz01234",
		"argon2i":            strings.Replace(good, "argon2id", "argon2i", 1),
		"other version":      strings.Replace(good, "v=19", "v=16", 1),
		"huge memory":        "$argon2id$v=19$m=4194304,t=1,p=1$" + parts[4] + "$" + parts[5],
		"huge time":          "$argon2id$v=19$m=64,t=1000,p=1$" + parts[4] + "$" + parts[5],
		"zero threads":       "$argon2id$v=19$m=64,t=1,p=0$" + parts[4] + "$" + parts[5],
		"unknown parameter":  "$argon2id$v=19$m=64,t=1,x=1$" + parts[4] + "$" + parts[5],
		"bad salt encoding":  "$argon2id$v=19$m=64,t=1,p=1$!!!$" + parts[5],
		"short key":          "$argon2id$v=19$m=64,t=1,p=1$" + parts[4] + "$AAAA",
		"missing key":        "$argon2id$v=19$m=64,t=1,p=1$" + parts[4],
		"trailing separator": good + "$",
	}
	for name, enc := range tests {
		t.Run(name, func(t *testing.T) {
			ok, err := Verify("abcdefgh", enc)
			if ok || !errors.Is(err, ErrMalformed) {
				t.Fatalf("Verify(%q) = %v, %v; want false, ErrMalformed", enc, ok, err)
			}
			if !NeedsRehash(enc, Fast) {
				t.Error("a malformed hash does not need rehash")
			}
		})
	}
}

func TestVerifyNone(t *testing.T) {
	if Fast.VerifyNone("not a password of anyone") {
		t.Fatal("VerifyNone reported a match")
	}
}

func BenchmarkHashDefault(b *testing.B) {
	for b.Loop() {
		if _, err := Hash("correct horse battery staple"); err != nil {
			b.Fatal(err)
		}
	}
}
