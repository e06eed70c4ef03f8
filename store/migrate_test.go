package store_test

import (
	"context"
	"io/fs"
	"path/filepath"
	"sync"
	"testing"

	"gyakusan/store"
	"gyakusan/store/storetest"
)

func TestMigrationsAreIdempotent(t *testing.T) {
	ctx := context.Background()
	t.Run("sqlite", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "m.db")
		first := storetest.OpenDSN(t, path)
		if len(first.Applied()) == 0 {
			t.Fatal("a new database applied no migrations")
		}
		first.Close()
		again := storetest.OpenDSN(t, path)
		if got := again.Applied(); len(got) != 0 {
			t.Fatalf("reopening applied %v again", got)
		}
		checkVersion(ctx, t, again)
	})
	t.Run("postgres", func(t *testing.T) {
		dsn := storetest.PGSchemaDSN(t)
		// Two instances starting at once on one schema: the advisory lock
		// lets one migrate and the other find the work done.
		dbs := make([]*store.DB, 4)
		errs := make([]error, len(dbs))
		var wg sync.WaitGroup
		for i := range dbs {
			wg.Go(func() { dbs[i], errs[i] = store.Open(ctx, dsn) })
		}
		wg.Wait()
		total := 0
		for i, db := range dbs {
			if errs[i] != nil {
				t.Fatalf("instance %d: %v", i, errs[i])
			}
			defer db.Close()
			total += len(db.Applied())
		}
		n := len(mustMigrations(t, "postgres"))
		if total != n {
			t.Fatalf("instances applied %d migrations in all, want %d (each once)", total, n)
		}
		checkVersion(ctx, t, dbs[0])
	})
}

func checkVersion(ctx context.Context, t *testing.T, db *store.DB) {
	t.Helper()
	v, err := db.SchemaVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if v < 1 {
		t.Fatalf("schema version %d after migrating", v)
	}
	var rows int
	if err := db.QueryRow(ctx, `SELECT COUNT(*) FROM schema_migrations`).Scan(&rows); err != nil {
		t.Fatal(err)
	}
	if want := len(mustMigrations(t, db.Dialect())); rows != want {
		t.Fatalf("schema_migrations has %d rows, want %d", rows, want)
	}
}

func TestBothDialectsHaveTheSameMigrations(t *testing.T) {
	a, b := mustMigrations(t, "sqlite"), mustMigrations(t, "postgres")
	if len(a) != len(b) {
		t.Fatalf("sqlite has %v, postgres %v", a, b)
	}
	for i := range a {
		if a[i] != b[i] {
			t.Errorf("migration %d: sqlite %s, postgres %s", i, a[i], b[i])
		}
	}
}

func mustMigrations(t *testing.T, dialect string) []string {
	t.Helper()
	names, err := fs.Glob(store.MigrationFS(), "migrations/"+dialect+"/*.sql")
	if err != nil {
		t.Fatal(err)
	}
	for i, n := range names {
		names[i] = filepath.Base(n)
	}
	return names
}
