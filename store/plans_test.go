package store_test

import (
	"strings"
	"testing"

	"gyakusan"
	"gyakusan/store"
	"gyakusan/store/storetest"
)

func TestPlanCRUD(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		org := mustOrg(t, db, "Acme")
		u := mustUser(t, db, "taro@example.com")
		created := mustPlan(t, db, org.ID, u.ID)
		if created.ID == 0 || created.Version != 1 || created.OrgID != org.ID || created.UpdatedBy != u.ID {
			t.Fatalf("created %+v", created)
		}

		got, err := db.Plan(ctx, org.ID, created.ID)
		if err != nil {
			t.Fatal(err)
		}
		if d := gyakusan.DiffPlans(plan(t), got.Plan); len(d) != 0 {
			t.Fatalf("stored document differs: %v", d)
		}
		if !got.Created.Equal(created.Created) || got.Version != 1 || got.Archived {
			t.Fatalf("read back %+v, created %+v", got, created)
		}

		cli := plan(t)
		cli.Name = "CLI plan"
		second, err := db.CreatePlan(ctx, org.ID, 0, cli)
		if err != nil {
			t.Fatal(err)
		}
		if second.UpdatedBy != 0 {
			t.Fatalf("CLI plan updated by %d", second.UpdatedBy)
		}
		list, err := db.Plans(ctx, org.ID, gyakusan.PlanFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 2 {
			t.Fatalf("listed %d plans, want 2", len(list))
		}

		if _, err := db.SetArchived(ctx, org.ID, u.ID, second.ID, true); err != nil {
			t.Fatal(err)
		}
		no, yes := false, true
		for _, c := range []struct {
			archived *bool
			want     []string
		}{{nil, []string{"CLI plan", "2025 KPI"}}, {&no, []string{"2025 KPI"}}, {&yes, []string{"CLI plan"}}} {
			list, err := db.Plans(ctx, org.ID, gyakusan.PlanFilter{Archived: c.archived})
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, sp := range list {
				names = append(names, sp.Plan.Name)
			}
			if strings.Join(names, ",") != strings.Join(c.want, ",") {
				t.Errorf("filter %v: %v, want %v", c.archived, names, c.want)
			}
		}

		var mirrored string
		if err := db.QueryRow(ctx, `SELECT name FROM plans WHERE id = ?`, created.ID).Scan(&mirrored); err != nil {
			t.Fatal(err)
		}
		if mirrored != "2025 KPI" {
			t.Errorf("name column %q", mirrored)
		}

		if err := db.DeletePlan(ctx, org.ID, created.ID); err != nil {
			t.Fatal(err)
		}
		_, err = db.Plan(ctx, org.ID, created.ID)
		wantCode(t, err, gyakusan.CodeNotFound)
		wantCode(t, db.DeletePlan(ctx, org.ID, created.ID), gyakusan.CodeNotFound)
	})
}

func TestCreatePlanInMissingOrgIsNotFound(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		_, err := db.CreatePlan(ctx, 999, 0, plan(t))
		wantCode(t, err, gyakusan.CodeNotFound)
	})
}

func TestPlanThatCannotBeReadBackIsRefused(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		org := mustOrg(t, db, "Acme")
		_, err := db.CreatePlan(ctx, org.ID, 0, gyakusan.Plan{Name: "no start month"})
		wantCode(t, err, gyakusan.CodeInvalid)
		var n int
		if err := db.QueryRow(ctx, `SELECT COUNT(*) FROM plans`).Scan(&n); err != nil || n != 0 {
			t.Fatalf("%d plans stored (%v)", n, err)
		}
	})
}

func TestUpdatePlanVersions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		org := mustOrg(t, db, "Acme")
		taro, hanako := mustUser(t, db, "taro@example.com"), mustUser(t, db, "hanako@example.com")
		sp := mustPlan(t, db, org.ID, taro.ID)

		p := sp.Plan
		p.Rates.Win = 3000 // 30 %
		p.UnitPrice = 1200000
		v2, err := db.UpdatePlan(ctx, org.ID, hanako.ID, sp.ID, 1, p)
		if err != nil {
			t.Fatal(err)
		}
		if v2.Version != 2 || v2.UpdatedBy != hanako.ID || v2.Plan.Rates.Win != 3000 {
			t.Fatalf("after update %+v", v2)
		}
		read, _ := db.Plan(ctx, org.ID, sp.ID)
		if read.Version != 2 || read.Plan.UnitPrice != 1200000 || read.UpdatedBy != hanako.ID {
			t.Fatalf("read %+v", read)
		}

		// Taro still edits version 1: his save must not overwrite Hanako's.
		stale := sp.Plan
		stale.Notes = "old tab"
		_, err = db.UpdatePlan(ctx, org.ID, taro.ID, sp.ID, 1, stale)
		wantCode(t, err, gyakusan.CodeConflict)
		if gyakusan.ErrorStatus(err) != 409 {
			t.Errorf("stale save answers %d, want 409", gyakusan.ErrorStatus(err))
		}
		var ge *gyakusan.Error
		if !asError(err, &ge) || !strings.Contains(ge.Message("ja"), "バージョン2") || !strings.Contains(ge.Message("en"), "version 2") {
			t.Errorf("conflict message: ja %q en %q", ge.Message("ja"), ge.Message("en"))
		}
		read, _ = db.Plan(ctx, org.ID, sp.ID)
		if read.Version != 2 || read.Plan.Notes != "" {
			t.Fatalf("stale save changed the plan: %+v", read)
		}

		_, err = db.UpdatePlan(ctx, org.ID, taro.ID, sp.ID, 3, stale)
		wantCode(t, err, gyakusan.CodeConflict)
	})
}

func TestPlanHistory(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		org := mustOrg(t, db, "Acme")
		taro := mustUser(t, db, "taro@example.com")
		sp := mustPlan(t, db, org.ID, taro.ID)

		p := sp.Plan
		p.Rates.Win = 3000
		p.UnitPrice = 1200000
		if _, err := db.UpdatePlan(ctx, org.ID, taro.ID, sp.ID, 1, p); err != nil {
			t.Fatal(err)
		}
		p.Name = "2025 KPI (rev)"
		if _, err := db.UpdatePlan(ctx, org.ID, 0, sp.ID, 2, p); err != nil {
			t.Fatal(err)
		}
		if _, err := db.SetArchived(ctx, org.ID, taro.ID, sp.ID, true); err != nil {
			t.Fatal(err)
		}
		again, err := db.SetArchived(ctx, org.ID, taro.ID, sp.ID, true)
		if err != nil || again.Version != 4 {
			t.Fatalf("archiving twice: version %d, %v; want 4 and no new change", again.Version, err)
		}

		h, err := db.PlanHistory(ctx, org.ID, sp.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := []gyakusan.PlanChange{
			{Version: 4, UserEmail: "taro@example.com", Action: "archive", Summary: "archived: false → true"},
			{Version: 3, UserEmail: "", Action: "rename", Summary: `name: "2025 KPI" → "2025 KPI (rev)"`},
			{Version: 2, UserEmail: "taro@example.com", Action: "update", Summary: "rates.win: 25 → 30; unit_price: 1000000 → 1200000"},
			{Version: 1, UserEmail: "taro@example.com", Action: "create", Summary: ""},
		}
		if len(h) != len(want) {
			t.Fatalf("history has %d rows: %+v", len(h), h)
		}
		for i, w := range want {
			g := h[i]
			if g.PlanID != sp.ID || g.Version != w.Version || g.UserEmail != w.UserEmail || g.Action != w.Action || g.Summary != w.Summary || g.At.IsZero() {
				t.Errorf("change %d:\n got %+v\nwant %+v", i, g, w)
			}
		}
		if h[1].UserID != 0 || h[0].UserID != taro.ID {
			t.Errorf("user ids %d, %d", h[0].UserID, h[1].UserID)
		}

		// The history goes with the plan.
		if err := db.DeletePlan(ctx, org.ID, sp.ID); err != nil {
			t.Fatal(err)
		}
		var n int
		if err := db.QueryRow(ctx, `SELECT COUNT(*) FROM plan_changes WHERE plan_id = ?`, sp.ID).Scan(&n); err != nil || n != 0 {
			t.Fatalf("%d changes left after delete (%v)", n, err)
		}
	})
}

func TestTenantIsolation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		a, b := mustOrg(t, db, "A社"), mustOrg(t, db, "B社")
		u := mustUser(t, db, "taro@example.com")
		sp := mustPlan(t, db, a.ID, u.ID)
		missing := sp.ID + 1000

		// Each operation as org B on A's plan, and on an id that does not
		// exist: the two answers must be the same error.
		ops := map[string]func(id int64) error{
			"read":    func(id int64) error { _, err := db.Plan(ctx, b.ID, id); return err },
			"update":  func(id int64) error { _, err := db.UpdatePlan(ctx, b.ID, u.ID, id, 1, plan(t)); return err },
			"delete":  func(id int64) error { return db.DeletePlan(ctx, b.ID, id) },
			"archive": func(id int64) error { _, err := db.SetArchived(ctx, b.ID, u.ID, id, true); return err },
			"history": func(id int64) error { _, err := db.PlanHistory(ctx, b.ID, id); return err },
		}
		for name, op := range ops {
			other, none := op(sp.ID), op(missing)
			wantCode(t, other, gyakusan.CodeNotFound)
			if other.Error() != none.Error() {
				t.Errorf("%s: another org's plan answers %q, a missing one %q", name, other, none)
			}
		}
		list, err := db.Plans(ctx, b.ID, gyakusan.PlanFilter{})
		if err != nil || len(list) != 0 {
			t.Fatalf("org B lists %d plans (%v)", len(list), err)
		}

		got, err := db.Plan(ctx, a.ID, sp.ID)
		if err != nil || got.Version != 1 || got.Archived {
			t.Fatalf("org A's plan after org B's attempts: %+v, %v", got, err)
		}
	})
}

func asError(err error, target **gyakusan.Error) bool {
	e, ok := err.(*gyakusan.Error)
	*target = e
	if !ok {
		*target = &gyakusan.Error{}
	}
	return ok
}
