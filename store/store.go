// Package store keeps gyakusan's data in SQLite (the default, one file) or
// PostgreSQL (for several instances sharing one database). It implements the
// service interfaces of package gyakusan with plain SQL written once, with ?
// placeholders, for both databases.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers "pgx"
	_ "modernc.org/sqlite"             // registers "sqlite"
)

// The dialects Dialect reports.
const (
	SQLite   = "sqlite"
	Postgres = "postgres"
)

// DB is an open store. For SQLite it holds two pools: many read-only
// connections and one writer, so that writes queue in the process instead of
// failing with "database is locked". For PostgreSQL both are the same pool.
type DB struct {
	dialect string
	read    *sql.DB
	write   *sql.DB
	applied []string // migrations Open applied, for `gyakusan migrate`

	// now is the clock for the few methods that take no time argument;
	// tests replace it.
	now func() time.Time
}

// IsPostgres reports whether dsn names a PostgreSQL database rather than a
// SQLite file.
func IsPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// Open connects to dsn and applies the pending migrations. A DSN starting
// with postgres:// or postgresql:// is PostgreSQL; anything else is the path
// of a SQLite file (or a "file:" URI), created when missing.
func Open(ctx context.Context, dsn string) (*DB, error) {
	db, err := open(dsn)
	if err != nil {
		return nil, err
	}
	if err := db.read.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: connect to %s database: %w", db.dialect, err)
	}
	applied, err := db.migrate(ctx)
	if err != nil {
		db.Close()
		return nil, err
	}
	db.applied = applied
	return db, nil
}

func open(dsn string) (*DB, error) {
	if dsn == "" {
		return nil, errors.New("store: empty database name")
	}
	if IsPostgres(dsn) {
		pool, err := sql.Open("pgx", dsn)
		if err != nil {
			return nil, fmt.Errorf("store: open postgres: %w", err)
		}
		pool.SetMaxOpenConns(16)
		pool.SetMaxIdleConns(4)
		pool.SetConnMaxIdleTime(5 * time.Minute)
		return &DB{dialect: Postgres, read: pool, write: pool, now: time.Now}, nil
	}
	wdsn, err := sqliteDSN(dsn, false)
	if err != nil {
		return nil, err
	}
	rdsn, _ := sqliteDSN(dsn, true)
	write, err := sql.Open("sqlite", wdsn)
	if err != nil {
		return nil, fmt.Errorf("store: open sqlite: %w", err)
	}
	// One writer: SQLite allows one at a time anyway, and queueing in the
	// pool is fairer and cheaper than spinning on busy_timeout.
	write.SetMaxOpenConns(1)
	write.SetConnMaxIdleTime(0)
	read, err := sql.Open("sqlite", rdsn)
	if err != nil {
		write.Close()
		return nil, fmt.Errorf("store: open sqlite: %w", err)
	}
	read.SetMaxOpenConns(8)
	read.SetMaxIdleConns(8)
	db := &DB{dialect: SQLite, read: read, write: write, now: time.Now}
	// Open the writer first so that WAL mode is set before readers connect.
	if err := write.Ping(); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: open sqlite %s: %w", dsn, err)
	}
	return db, nil
}

// sqliteDSN adds the pragmas every connection needs. They go in the DSN,
// not in one-off statements, because database/sql opens connections lazily.
// Writers begin with BEGIN IMMEDIATE so that a transaction never has to
// upgrade its lock (which fails at once instead of waiting); readers are
// query_only so that a write on the wrong pool fails loudly in tests.
func sqliteDSN(dsn string, readOnly bool) (string, error) {
	if dsn == ":memory:" || strings.Contains(dsn, "mode=memory") {
		return "", errors.New("store: an in-memory SQLite database cannot be shared by the read and write pools; use a file")
	}
	sep := "?"
	if strings.Contains(dsn, "?") {
		if !strings.HasPrefix(dsn, "file:") {
			return "", fmt.Errorf("store: SQLite path %q contains '?'; write it as a file: URI", dsn)
		}
		sep = "&"
	}
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous(NORMAL)")
	if readOnly {
		q.Add("_pragma", "query_only(1)")
	} else {
		q.Set("_txlock", "immediate")
	}
	return dsn + sep + q.Encode(), nil
}

// Close closes the connection pools. On SQLite it first lets the query
// planner refresh its statistics, as SQLite advises for long-lived
// connections.
func (db *DB) Close() error {
	if db.dialect == SQLite {
		_, _ = db.write.Exec(`PRAGMA optimize`)
	}
	err := db.read.Close()
	if db.write != db.read {
		err = errors.Join(err, db.write.Close())
	}
	return err
}

// Dialect returns "sqlite" or "postgres".
func (db *DB) Dialect() string { return db.dialect }

// SQL returns the pool for reads. On SQLite its connections are read-only:
// write with Exec or WriteTx.
func (db *DB) SQL() *sql.DB { return db.read }

// Applied lists the migrations Open applied, oldest first; empty when the
// schema was already up to date.
func (db *DB) Applied() []string { return db.applied }
