package web

import (
	"strconv"
	"strings"
	"testing"

	"gyakusan"
	"gyakusan/store/storetest"
)

// The sheet lists its history newest first, in the users' words.
func TestPlanHistoryNewestFirstWithLabels(t *testing.T) {
	a := newAcct(t, storetest.Open(t), Config{})
	editor := a.session(a.user("e@example.jp", "Acme", gyakusan.RoleEditor), "Acme")
	org := a.org("Acme").ID
	p := mustPlan(t, seedPlanJSON)
	sp, err := a.db.CreatePlan(t.Context(), org, 0, p)
	if err != nil {
		t.Fatal(err)
	}
	p.Rates.Win = 30 * gyakusan.Percent
	if sp, err = a.db.UpdatePlan(t.Context(), org, 0, sp.ID, sp.Version, p); err != nil {
		t.Fatal(err)
	}
	p.Notes = "二回目"
	if _, err = a.db.UpdatePlan(t.Context(), org, 0, sp.ID, sp.Version, p); err != nil {
		t.Fatal(err)
	}
	page := a.do(req{method: "GET", path: "/plans/" + strconv.FormatInt(sp.ID, 10) + "?lang=ja", cookie: editor}).Body.String()
	i3, i2, i1 := strings.Index(page, ">v3<"), strings.Index(page, ">v2<"), strings.Index(page, ">v1<")
	if i3 < 0 || i2 < 0 || i1 < 0 || !(i3 < i2 && i2 < i1) {
		t.Fatalf("history order v3 %d, v2 %d, v1 %d: want newest first", i3, i2, i1)
	}
	if !strings.Contains(page, "受注率: 25 → 30") {
		t.Errorf("the change of the win rate is not shown in the users' words")
	}
}
