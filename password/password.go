// Package password hashes and verifies account passwords with argon2id, and
// makes the random secrets of sessions, API tokens and invitation links.
//
// A hash is stored as a PHC-style string that carries its own parameters and
// salt, "$argon2id$v=19$m=19456,t=2,p=1$<salt>$<key>" (unpadded standard
// base64), so the cost can be raised later without breaking stored hashes:
// NeedsRehash tells when a hash was made with other parameters.
//
// Passwords are normalised to Unicode NFC before hashing. NFC only merges
// canonically equivalent spellings of the same text (が typed as one code
// point or as か plus a combining mark, which differs between input methods
// and operating systems); it does not fold full-width and half-width forms,
// which are different characters a user chose (NFKC would, and would make
// ｱ and ア the same password).
package password

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
	"golang.org/x/text/unicode/norm"
)

// The accepted lengths. MinChars counts characters (code points) after
// normalisation, so eight kanji are as good as eight letters; MaxBytes bounds
// the work an attacker can make the server do and is far above the 64
// characters of any script that must work (64 kanji are 192 bytes).
const (
	MinChars = 8
	MaxBytes = 1024
)

// Params are argon2id's cost parameters.
type Params struct {
	Memory  uint32 // KiB
	Time    uint32 // passes
	Threads uint8
	SaltLen uint32 // bytes
	KeyLen  uint32 // bytes
}

// Default follows OWASP's argon2id recommendation (19 MiB, 2 passes, one
// thread): a few tens of milliseconds on a small server, so that a login
// burst does not exhaust memory.
var Default = Params{Memory: 19 * 1024, Time: 2, Threads: 1, SaltLen: 16, KeyLen: 32}

// Fast is for tests that sign in many times; never use it for real hashes.
var Fast = Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}

// Limits on parameters read back from a stored hash, so that a corrupted or
// planted row cannot make Verify allocate gigabytes or spin for minutes.
const (
	maxMemory  = 1 << 20 // 1 GiB in KiB
	maxTime    = 64
	maxKeyLen  = 256
	maxSaltLen = 256
)

// ErrMalformed reports a stored hash that is not one this package wrote.
var ErrMalformed = errors.New("password: malformed hash")

// The errors of Check. They carry no text for users: the caller knows the
// field's name and the user's language.
var (
	ErrTooShort = errors.New("password: too short")
	ErrTooLong  = errors.New("password: too long")
	ErrInvalid  = errors.New("password: not valid UTF-8 or contains control characters")
)

// Normalize returns pw in NFC, the form that is hashed.
func Normalize(pw string) string { return norm.NFC.String(pw) }

// Check reports whether pw is acceptable as a new password: valid UTF-8
// without control characters, at least MinChars characters and at most
// MaxBytes bytes once normalised.
func Check(pw string) error {
	if !utf8.ValidString(pw) {
		return ErrInvalid
	}
	for _, r := range pw {
		if r < 0x20 || r == 0x7f {
			return ErrInvalid
		}
	}
	n := Normalize(pw)
	if len(n) > MaxBytes {
		return ErrTooLong
	}
	if utf8.RuneCountInString(n) < MinChars {
		return ErrTooShort
	}
	return nil
}

// Hash checks pw and returns its encoded argon2id hash with Default.
func Hash(pw string) (string, error) { return Default.Hash(pw) }

// Hash checks pw and returns its encoded argon2id hash with p.
func (p Params) Hash(pw string) (string, error) {
	if err := Check(pw); err != nil {
		return "", err
	}
	salt := make([]byte, p.SaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("password: salt: %w", err)
	}
	key := argon2.IDKey([]byte(Normalize(pw)), salt, p.Time, p.Memory, p.Threads, p.KeyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, p.Memory, p.Time, p.Threads, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// Verify reports whether pw matches encoded, comparing in constant time. A
// password over MaxBytes never matches, without hashing it. The error is
// ErrMalformed for an encoded string this package cannot read.
func Verify(pw, encoded string) (bool, error) {
	p, salt, key, err := decode(encoded)
	if err != nil {
		return false, err
	}
	n := Normalize(pw)
	if len(n) > MaxBytes {
		return false, nil
	}
	got := argon2.IDKey([]byte(n), salt, p.Time, p.Memory, p.Threads, uint32(len(key)))
	return subtle.ConstantTimeCompare(got, key) == 1, nil
}

// NeedsRehash reports whether encoded was made with parameters other than
// want, so that a successful login can store a fresh hash.
func NeedsRehash(encoded string, want Params) bool {
	p, salt, key, err := decode(encoded)
	if err != nil {
		return true
	}
	return p.Memory != want.Memory || p.Time != want.Time || p.Threads != want.Threads ||
		uint32(len(salt)) != want.SaltLen || uint32(len(key)) != want.KeyLen
}

// decode parses "$argon2id$v=19$m=…,t=…,p=…$salt$key".
func decode(encoded string) (Params, []byte, []byte, error) {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" || parts[2] != "v="+strconv.Itoa(argon2.Version) {
		return Params{}, nil, nil, ErrMalformed
	}
	var p Params
	for _, kv := range strings.Split(parts[3], ",") {
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			return Params{}, nil, nil, ErrMalformed
		}
		n, err := strconv.ParseUint(v, 10, 32)
		if err != nil {
			return Params{}, nil, nil, ErrMalformed
		}
		switch k {
		case "m":
			p.Memory = uint32(n)
		case "t":
			p.Time = uint32(n)
		case "p":
			if n > 255 {
				return Params{}, nil, nil, ErrMalformed
			}
			p.Threads = uint8(n)
		default:
			return Params{}, nil, nil, ErrMalformed
		}
	}
	if p.Time < 1 || p.Time > maxTime || p.Threads < 1 || p.Memory < 8*uint32(p.Threads) || p.Memory > maxMemory {
		return Params{}, nil, nil, ErrMalformed
	}
	b64 := base64.RawStdEncoding
	salt, err := b64.DecodeString(parts[4])
	if err != nil || len(salt) < 8 || len(salt) > maxSaltLen {
		return Params{}, nil, nil, ErrMalformed
	}
	key, err := b64.DecodeString(parts[5])
	if err != nil || len(key) < 16 || len(key) > maxKeyLen {
		return Params{}, nil, nil, ErrMalformed
	}
	p.SaltLen, p.KeyLen = uint32(len(salt)), uint32(len(key))
	return p, salt, key, nil
}

// dummy holds one throw-away hash per parameter set for VerifyNone.
var dummy struct {
	mu      sync.Mutex
	encoded map[Params]string
}

// VerifyNone does the work of Verify with p against no stored hash and
// reports false, so that signing in with an unknown email takes as long as
// a wrong password and does not reveal which emails have accounts.
func (p Params) VerifyNone(pw string) bool {
	dummy.mu.Lock()
	if dummy.encoded == nil {
		dummy.encoded = map[Params]string{}
	}
	enc, ok := dummy.encoded[p]
	if !ok {
		var err error
		enc, err = p.Hash("not a password of anyone")
		if err != nil {
			dummy.mu.Unlock()
			return false
		}
		dummy.encoded[p] = enc
	}
	dummy.mu.Unlock()
	_, _ = Verify(pw, enc)
	return false
}
