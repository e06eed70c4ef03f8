package store_test

import (
	"strings"
	"testing"

	"gyakusan/store"
	"gyakusan/store/storetest"
)

func TestDialectFromDSN(t *testing.T) {
	for dsn, want := range map[string]bool{
		"postgres://u@h/db":   true,
		"postgresql://u@h/db": true,
		"gyakusan.db":         false,
		"/var/lib/g/postgres": false,
	} {
		if got := store.IsPostgres(dsn); got != want {
			t.Errorf("IsPostgres(%q) = %v", dsn, got)
		}
	}
	if d := storetest.Open(t).Dialect(); d != "sqlite" {
		t.Errorf("file DSN has dialect %q", d)
	}
	if d := storetest.OpenPG(t).Dialect(); d != "postgres" {
		t.Errorf("postgres DSN has dialect %q", d)
	}
}

// Every pooled SQLite connection gets the pragmas, not only the first one.
func TestSQLitePragmasOnEveryConnection(t *testing.T) {
	db := storetest.Open(t)
	conns := make([]interface{ Close() error }, 0, 3)
	for i := range 3 {
		c, err := db.SQL().Conn(ctx) // distinct connections, held open
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
		for pragma, want := range map[string]string{"journal_mode": "wal", "foreign_keys": "1", "busy_timeout": "10000", "synchronous": "1", "query_only": "1"} {
			var got string
			if err := c.QueryRowContext(ctx, "PRAGMA "+pragma).Scan(&got); err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Errorf("connection %d: %s = %s, want %s", i, pragma, got, want)
			}
		}
	}
	for _, c := range conns {
		c.Close()
	}
	var fk string
	err := db.WriteTx(ctx, func(tx *store.Tx) error { return tx.QueryRow(ctx, "PRAGMA foreign_keys").Scan(&fk) })
	if err != nil || fk != "1" {
		t.Errorf("writer foreign_keys = %q, %v", fk, err)
	}
	// The read pool refuses writes, so a write on the wrong pool shows up in
	// tests instead of as a rare "database is locked".
	_, err = db.SQL().ExecContext(ctx, `INSERT INTO orgs (name, created) VALUES ('x', 0)`)
	if err == nil || !strings.Contains(err.Error(), "readonly") {
		t.Errorf("write on the read pool: %v", err)
	}
}

func TestWriteTxRollsBackOnError(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		err := db.WriteTx(ctx, func(tx *store.Tx) error {
			if _, err := tx.Exec(ctx, `INSERT INTO orgs (name, created) VALUES (?, ?)`, "rolled back", 1); err != nil {
				return err
			}
			return errSentinel
		})
		if err != errSentinel {
			t.Fatalf("WriteTx returned %v, want fn's error unchanged", err)
		}
		_, err = db.OrgByName(ctx, "rolled back")
		if err == nil {
			t.Fatal("the failed transaction's insert was committed")
		}
	})
}

var errSentinel = sentinel("stop")

type sentinel string

func (s sentinel) Error() string { return string(s) }
