package store

import (
	"io/fs"
	"time"
)

// MigrationFS exposes the embedded migrations to the tests.
func MigrationFS() fs.FS { return migrationFS }

// SetClock replaces the store's clock in tests.
func (db *DB) SetClock(now func() time.Time) { db.now = now }
