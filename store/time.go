package store

import (
	"database/sql"
	"time"
)

// Times are stored as Unix milliseconds in UTC: the same type and ordering
// in SQLite and PostgreSQL, with no text formats to parse.

func millis(t time.Time) int64 { return t.UnixMilli() }

func fromMillis(ms int64) time.Time { return time.UnixMilli(ms).UTC() }

// nullMillis stores a zero time as NULL.
func nullMillis(t *time.Time) any {
	if t == nil || t.IsZero() {
		return nil
	}
	return t.UnixMilli()
}

func fromNullMillis(v sql.NullInt64) *time.Time {
	if !v.Valid {
		return nil
	}
	t := fromMillis(v.Int64)
	return &t
}

// nullID stores an id of 0 (none, e.g. the CLI as the user) as NULL.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// stamp is the store's clock cut to the millisecond, so that a time a method
// returns equals the one a later read of the row gives back.
func (db *DB) stamp() time.Time { return fromMillis(millis(db.now())) }
