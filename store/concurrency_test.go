package store_test

import (
	"fmt"
	"path/filepath"
	"sync"
	"testing"

	"gyakusan"
	"gyakusan/store"
	"gyakusan/store/storetest"
)

// Sixteen goroutines save at once, through two handles on one SQLite file
// as two processes would; none may fail with "database is locked".
func TestConcurrentSavesNeverLock(t *testing.T) {
	path := filepath.Join(t.TempDir(), "busy.db")
	dbs := []*store.DB{storetest.OpenDSN(t, path), storetest.OpenDSN(t, path)}
	runConcurrentSaves(t, dbs)
}

func TestConcurrentSavesPostgres(t *testing.T) {
	dsn := storetest.PGSchemaDSN(t)
	runConcurrentSaves(t, []*store.DB{storetest.OpenDSN(t, dsn), storetest.OpenDSN(t, dsn)})
}

func runConcurrentSaves(t *testing.T, dbs []*store.DB) {
	const workers, saves = 16, 10
	org := mustOrg(t, dbs[0], "Acme")
	var wg sync.WaitGroup
	errs := make(chan error, workers*saves)
	for w := range workers {
		db := dbs[w%len(dbs)]
		wg.Go(func() {
			u, err := db.CreateUser(ctx, fmt.Sprintf("worker%d@example.com", w), "h")
			if err != nil {
				errs <- err
				return
			}
			sp, err := db.CreatePlan(ctx, org.ID, u.ID, plan(t))
			if err != nil {
				errs <- err
				return
			}
			for i := range saves {
				p := sp.Plan
				p.Notes = fmt.Sprintf("save %d", i)
				if sp, err = db.UpdatePlan(ctx, org.ID, u.ID, sp.ID, sp.Version, p); err != nil {
					errs <- err
					return
				}
				if _, err := db.RecordLoginFailure(ctx, "shared-key", t0, 0); err != nil {
					errs <- err
					return
				}
				if _, err := db.Plans(ctx, org.ID, gyakusan.PlanFilter{}); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	var changes int
	if err := dbs[0].QueryRow(ctx, `SELECT COUNT(*) FROM plan_changes`).Scan(&changes); err != nil {
		t.Fatal(err)
	}
	if want := workers * (saves + 1); changes != want {
		t.Fatalf("%d history rows, want %d", changes, want)
	}
}

// Many editors save the same version at once: exactly one wins, the rest
// get a conflict, and the history has one row per version.
func TestConcurrentSameVersionOneWins(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		org := mustOrg(t, db, "Acme")
		sp := mustPlan(t, db, org.ID, 0)
		const editors = 8
		codes := make([]gyakusan.Code, editors)
		var wg sync.WaitGroup
		for i := range editors {
			wg.Go(func() {
				p := sp.Plan
				p.Notes = fmt.Sprintf("editor %d", i)
				_, err := db.UpdatePlan(ctx, org.ID, 0, sp.ID, 1, p)
				codes[i] = gyakusan.ErrorCode(err)
			})
		}
		wg.Wait()
		won := 0
		for i, c := range codes {
			switch c {
			case "":
				won++
			case gyakusan.CodeConflict:
			default:
				t.Errorf("editor %d: code %q", i, c)
			}
		}
		if won != 1 {
			t.Fatalf("%d editors saved version 1, want exactly 1", won)
		}
		h, err := db.PlanHistory(ctx, org.ID, sp.ID)
		if err != nil || len(h) != 2 || h[0].Version != 2 {
			t.Fatalf("history %+v %v", h, err)
		}
	})
}
