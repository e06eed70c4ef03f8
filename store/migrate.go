package store

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
)

// The migrations, one directory per dialect with the same numbering: NNNN_name.sql.
// Numbers from 0100 belong to the lead and actuals tables.
//
//go:embed migrations
var migrationFS embed.FS

// migration is one embedded schema change.
type migration struct {
	version int64
	name    string // the file name
	sql     string
}

// migrations returns the dialect's migrations in order.
func migrations(dialect string) ([]migration, error) {
	return readMigrations(migrationFS, "migrations/"+dialect)
}

// readMigrations reads and orders the NNNN_name.sql files of dir, refusing
// names without a number and numbers used twice.
func readMigrations(fsys fs.FS, dir string) ([]migration, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("store: read migrations: %w", err)
	}
	var out []migration
	seen := map[int64]string{}
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".sql") {
			continue
		}
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.ParseInt(num, 10, 64)
		if !ok || err != nil || v <= 0 {
			return nil, fmt.Errorf("store: migration %s/%s: name must start with a number and '_'", dir, e.Name())
		}
		if other, dup := seen[v]; dup {
			return nil, fmt.Errorf("store: migrations %s and %s share number %d", other, e.Name(), v)
		}
		seen[v] = e.Name()
		b, err := fs.ReadFile(fsys, dir+"/"+e.Name())
		if err != nil {
			return nil, fmt.Errorf("store: read migration %s: %w", e.Name(), err)
		}
		out = append(out, migration{version: v, name: e.Name(), sql: string(b)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	return out, nil
}

// lockMigrations serialises migrations of one PostgreSQL schema between
// instances that start at once; it is released when tx ends. SQLite needs no
// lock: the write transaction is already exclusive.
func lockMigrations(ctx context.Context, tx *Tx) error {
	if tx.dialect != Postgres {
		return nil
	}
	_, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtext('gyakusan migrate ' || current_schema()))`)
	return err
}

// migrate applies the pending migrations, each in its own transaction, and
// returns the names it applied.
func (db *DB) migrate(ctx context.Context) ([]string, error) {
	ms, err := migrations(db.dialect)
	if err != nil {
		return nil, err
	}
	err = db.WriteTx(ctx, func(tx *Tx) error {
		if err := lockMigrations(ctx, tx); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
			version BIGINT PRIMARY KEY,
			name    TEXT NOT NULL,
			applied BIGINT NOT NULL
		)`)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: create schema_migrations: %w", err)
	}
	var applied []string
	for _, m := range ms {
		ran := false
		err := db.WriteTx(ctx, func(tx *Tx) error {
			if err := lockMigrations(ctx, tx); err != nil {
				return err
			}
			var n int
			if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM schema_migrations WHERE version = ?`, m.version).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return nil
			}
			if _, err := tx.Exec(ctx, m.sql); err != nil {
				return err
			}
			ran = true
			_, err := tx.Exec(ctx, `INSERT INTO schema_migrations (version, name, applied) VALUES (?, ?, ?)`,
				m.version, m.name, millis(db.now()))
			return err
		})
		if err != nil {
			return applied, fmt.Errorf("store: migration %s: %w", m.name, err)
		}
		if ran {
			applied = append(applied, m.name)
		}
	}
	return applied, nil
}

// SchemaVersion returns the number of the newest applied migration.
func (db *DB) SchemaVersion(ctx context.Context) (int64, error) {
	var v int64
	err := db.QueryRow(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&v)
	if err != nil {
		return 0, fmt.Errorf("store: schema version: %w", err)
	}
	return v, nil
}
