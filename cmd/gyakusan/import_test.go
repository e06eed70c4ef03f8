package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"gyakusan"
	"gyakusan/crm"
)

// newPlan stores the plans test's seed plan in a new org and returns its id.
func newPlan(t *testing.T, dsn string) (orgID, planID int64) {
	t.Helper()
	db := openDB(t, dsn)
	o, err := db.CreateOrg(context.Background(), "Acme")
	if err != nil {
		t.Fatal(err)
	}
	p, err := gyakusan.ParsePlan([]byte(plansSeed))
	if err != nil {
		t.Fatal(err)
	}
	sp, err := db.CreatePlan(context.Background(), o.ID, 0, p)
	if err != nil {
		t.Fatal(err)
	}
	return o.ID, sp.ID
}

func genFile(t *testing.T, n int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "leads.csv")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := crm.Generate(f, n, 3, gyakusan.MonthOf(2026, 4)); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return path
}

func TestImportThenReportPrintsPlanVersusActual(t *testing.T) {
	eachDB(t, func(t *testing.T, dsn string) {
		_, plan := newPlan(t, dsn)
		id := strconv.FormatInt(plan, 10)
		file := genFile(t, 2000)
		out, errs, code := admin(t, "", "import", "--db", dsn, "--plan", id, "--dry-run", file)
		if code != 0 || !strings.Contains(out, "Dry run (nothing written): 2000 leads (2000 new") {
			t.Fatalf("dry run exit %d: %s %s", code, out, errs)
		}
		out, errs, code = admin(t, "", "import", "--db", dsn, "--plan", id, "--org", "Acme", file)
		if code != 0 || !strings.Contains(out, "Imported: 2000 leads (2000 new, 0 updated, 0 unchanged)") {
			t.Fatalf("import exit %d: %s %s", code, out, errs)
		}
		out, errs, code = admin(t, "", "report", "--db", dsn, "--plan", id, "--format", "csv", "--as-of", "2026-12-01")
		if code != 0 || !strings.HasPrefix(out, "month,channel,plan_leads,actual_leads,") {
			t.Fatalf("report exit %d: %s %s", code, out, errs)
		}
		lines := strings.Split(strings.TrimSpace(out), "\n")
		total := strings.Split(lines[len(lines)-1], ",")
		// The plan's 12 months hold the first 365 of the 731 days of leads.
		if total[0] != "total" || total[3] != "999" {
			t.Fatalf("total row %v, want 999 actual leads", total)
		}
		_, errs, code = admin(t, "", "import", "--db", dsn, "--plan", "999", file)
		if code != 1 || !strings.Contains(errs, "there is no plan 999") {
			t.Fatalf("missing plan: exit %d, %s", code, errs)
		}
	})
}

func TestImportOfBadFilePrintsLineNumberedErrorsAndExits2(t *testing.T) {
	dsn := filepath.Join(t.TempDir(), "g.db")
	_, plan := newPlan(t, dsn)
	file := writeFile(t, "bad.csv", "lead_id,created_at,channel\nA,2026-04-01,広告\nB,2026-04-31,広告\n")
	_, errs, code := admin(t, "", "import", "--db", dsn, "--plan", strconv.FormatInt(plan, 10), file)
	if code != 2 || !strings.Contains(errs, `line 3, column "created_at": not a date`) || !strings.Contains(errs, "nothing was imported") {
		t.Fatalf("exit %d, stderr %s", code, errs)
	}
}

// TestKilledImportLeavesTheStoreAsItWas kills a separate import process with
// SIGKILL while it writes a big file, then checks that the store holds
// exactly what it held before.
func TestKilledImportLeavesTheStoreAsItWas(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "gyakusan")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	eachDB(t, func(t *testing.T, dsn string) {
		org, plan := newPlan(t, dsn)
		id := strconv.FormatInt(plan, 10)
		small := genFile(t, 500)
		if _, errs, code := admin(t, "", "import", "--db", dsn, "--plan", id, small); code != 0 {
			t.Fatalf("first import: %s", errs)
		}
		db := openDB(t, dsn)
		before, err := db.Actuals(context.Background(), org, plan)
		if err != nil {
			t.Fatal(err)
		}
		big := genFile(t, 400_000)
		cmd := exec.Command(bin, "import", "--db", dsn, "--plan", id, big)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Kill it once it has written for a while: on SQLite when its
		// write-ahead log has grown, on PostgreSQL after a pause.
		deadline := time.Now().Add(20 * time.Second)
		for time.Now().Before(deadline) {
			if strings.HasPrefix(dsn, "postgres") {
				time.Sleep(700 * time.Millisecond)
				break
			}
			if fi, err := os.Stat(dsn + "-wal"); err == nil && fi.Size() > 2<<20 {
				break
			}
			time.Sleep(5 * time.Millisecond)
		}
		cmd.Process.Signal(syscall.SIGKILL)
		err = cmd.Wait()
		if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() {
			t.Fatalf("the import was not killed midway (it ended: %v); make the file bigger", err)
		}
		after, err := db.Actuals(context.Background(), org, plan)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(before, after) {
			t.Fatalf("the killed import changed the store")
		}
		n, err := db.LeadCount(context.Background(), org, plan)
		if err != nil || n != 500 {
			t.Fatalf("lead count %d, %v; want 500", n, err)
		}
		// And the next import works.
		if _, errs, code := admin(t, "", "import", "--db", dsn, "--plan", id, small); code != 0 {
			t.Fatalf("import after the kill: %s", errs)
		}
	})
}
