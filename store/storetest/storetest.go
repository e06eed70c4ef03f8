// Package storetest opens fresh stores for tests: a SQLite file in the
// test's temporary directory, or a PostgreSQL schema of its own that is
// dropped when the test ends.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers "pgx"

	"gyakusan/store"
)

// DefaultPG is the test database used when $GYAKUSAN_TEST_PG is unset.
const DefaultPG = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"

// Open returns a migrated store in a new SQLite file, closed at cleanup.
func Open(t testing.TB) *store.DB {
	t.Helper()
	return OpenDSN(t, filepath.Join(t.TempDir(), "gyakusan.db"))
}

// OpenDSN opens dsn and closes it at cleanup.
func OpenDSN(t testing.TB, dsn string) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// OpenPG returns a migrated store in a new PostgreSQL schema, dropped at
// cleanup. It skips the test when PostgreSQL is unreachable, unless
// $GYAKUSAN_REQUIRE_PG is 1.
func OpenPG(t testing.TB) *store.DB {
	t.Helper()
	return OpenDSN(t, PGSchemaDSN(t))
}

// PGSchemaDSN creates a fresh schema, drops it at cleanup, and returns a DSN
// whose search_path points at it, for tests that open the store themselves
// (e.g. two instances on one schema).
func PGSchemaDSN(t testing.TB) string {
	t.Helper()
	base := os.Getenv("GYAKUSAN_TEST_PG")
	if base == "" {
		base = DefaultPG
	}
	admin, err := sql.Open("pgx", base)
	if err == nil {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		err = admin.PingContext(ctx)
		cancel()
	}
	if err != nil {
		if admin != nil {
			admin.Close()
		}
		if os.Getenv("GYAKUSAN_REQUIRE_PG") == "1" {
			t.Fatalf("PostgreSQL is required (GYAKUSAN_REQUIRE_PG=1) but unreachable: %v", err)
		}
		t.Skipf("PostgreSQL unreachable, skipping: %v", err)
	}
	var b [8]byte
	rand.Read(b[:])
	schema := "t_" + hex.EncodeToString(b[:])
	if _, err := admin.Exec(`CREATE SCHEMA ` + schema); err != nil {
		admin.Close()
		t.Fatalf("create schema: %v", err)
	}
	// Cleanup runs last-in first-out: the store opened after this is closed
	// before the schema is dropped.
	t.Cleanup(func() {
		if _, err := admin.Exec(`DROP SCHEMA ` + schema + ` CASCADE`); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
		admin.Close()
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("parse %s: %v", base, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// Each runs fn as two subtests, "sqlite" and "postgres", each on a fresh
// store, so that one test suite covers both databases.
func Each(t *testing.T, fn func(t *testing.T, db *store.DB)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, Open(t)) })
	t.Run("postgres", func(t *testing.T) { fn(t, OpenPG(t)) })
}
