package store

import (
	"context"
	"time"
)

// keepFailures is how long failures are kept at least, whatever window a
// caller asks about, before RecordLoginFailure prunes them.
const keepFailures = 24 * time.Hour

// RecordLoginFailure notes a failed login for key and returns the number of
// failures within window before now, this one included. Old rows are pruned
// in the same transaction.
func (db *DB) RecordLoginFailure(ctx context.Context, key string, now time.Time, window time.Duration) (int, error) {
	var n int
	err := db.WriteTx(ctx, func(tx *Tx) error {
		if _, err := tx.Exec(ctx, `DELETE FROM login_failures WHERE at <= ?`, millis(now.Add(-max(window, keepFailures)))); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO login_failures (key, at) VALUES (?, ?)`, key, millis(now)); err != nil {
			return err
		}
		return tx.QueryRow(ctx, `SELECT COUNT(*) FROM login_failures WHERE key = ? AND at > ? AND at <= ?`,
			key, millis(now.Add(-window)), millis(now)).Scan(&n)
	})
	return n, wrap(err, "record login failure", "login failure")
}

// LoginFailures returns the failures for key within window before now.
func (db *DB) LoginFailures(ctx context.Context, key string, now time.Time, window time.Duration) (int, error) {
	var n int
	err := db.QueryRow(ctx, `SELECT COUNT(*) FROM login_failures WHERE key = ? AND at > ? AND at <= ?`,
		key, millis(now.Add(-window)), millis(now)).Scan(&n)
	return n, wrap(err, "login failures", "login failure")
}

// ClearLoginFailures forgets the failures of key, after a good login.
func (db *DB) ClearLoginFailures(ctx context.Context, key string) error {
	_, err := db.Exec(ctx, `DELETE FROM login_failures WHERE key = ?`, key)
	return wrap(err, "clear login failures", "login failure")
}
