package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
)

// Rebind turns the ? placeholders of query into the database's own: $1, $2…
// for PostgreSQL, unchanged for SQLite. A ? inside a quoted string or
// identifier is left alone.
func (db *DB) Rebind(query string) string { return rebind(db.dialect, query) }

func rebind(dialect, query string) string {
	if dialect != Postgres || !strings.Contains(query, "?") {
		return query
	}
	var b strings.Builder
	b.Grow(len(query) + 8)
	n := 0
	var quote byte
	for i := 0; i < len(query); i++ {
		c := query[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '?':
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// Query runs a read query with ? placeholders on the read pool.
func (db *DB) Query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return db.read.QueryContext(ctx, db.Rebind(query), args...)
}

// QueryRow runs a read query with ? placeholders on the read pool.
func (db *DB) QueryRow(ctx context.Context, query string, args ...any) *sql.Row {
	return db.read.QueryRowContext(ctx, db.Rebind(query), args...)
}

// Exec runs one writing statement with ? placeholders on the write pool,
// outside a transaction.
func (db *DB) Exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return db.write.ExecContext(ctx, db.Rebind(query), args...)
}

// Tx is a write transaction whose methods take ? placeholders.
type Tx struct {
	tx      *sql.Tx
	dialect string
}

// Raw returns the underlying transaction, e.g. to prepare a statement for a
// bulk insert (rebind its text with Rebind).
func (tx *Tx) Raw() *sql.Tx { return tx.tx }

// Dialect returns "sqlite" or "postgres".
func (tx *Tx) Dialect() string { return tx.dialect }

// Rebind is DB.Rebind for the transaction's database.
func (tx *Tx) Rebind(query string) string { return rebind(tx.dialect, query) }

// Exec runs a statement in the transaction.
func (tx *Tx) Exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return tx.tx.ExecContext(ctx, tx.Rebind(query), args...)
}

// Query runs a query in the transaction.
func (tx *Tx) Query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return tx.tx.QueryContext(ctx, tx.Rebind(query), args...)
}

// QueryRow runs a query returning at most one row in the transaction.
func (tx *Tx) QueryRow(ctx context.Context, query string, args ...any) *sql.Row {
	return tx.tx.QueryRowContext(ctx, tx.Rebind(query), args...)
}

// WriteTx runs fn in a write transaction and commits it when fn returns nil.
// On SQLite the transaction begins IMMEDIATE and holds the only writer
// connection, so it must not call WriteTx again (or write through db) inside
// fn: use tx. fn's error is returned as it is, so *gyakusan.Error codes
// survive.
func (db *DB) WriteTx(ctx context.Context, fn func(tx *Tx) error) error {
	sqlTx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: begin: %w", err)
	}
	if err := fn(&Tx{tx: sqlTx, dialect: db.dialect}); err != nil {
		_ = sqlTx.Rollback()
		return err
	}
	if err := sqlTx.Commit(); err != nil {
		return fmt.Errorf("store: commit: %w", err)
	}
	return nil
}
