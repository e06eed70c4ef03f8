package store

import (
	"crypto/sha256"
	"encoding/hex"
)

// hashSecret is what the store keeps of a session id, token or invitation
// secret: a leaked database then opens no session. The secrets are long
// random strings, so a plain SHA-256 is enough (no salt or stretching).
func hashSecret(secret string) string {
	h := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(h[:])
}
