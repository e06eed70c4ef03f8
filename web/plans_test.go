package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"gyakusan"
	"gyakusan/store/storetest"
)

// team is a server with an editor and a viewer in organization "T".
type team struct {
	*acct
	editor, viewer *http.Cookie
	editorID       int64
	orgID          int64
}

func newTeam(t *testing.T) *team {
	t.Helper()
	a := newAcct(t, storetest.Open(t), Config{})
	ed := a.user("editor@t.example", "T", gyakusan.RoleEditor)
	vw := a.user("viewer@t.example", "T", gyakusan.RoleViewer)
	return &team{acct: a, editor: a.session(ed, "T"), viewer: a.session(vw, "T"), editorID: ed.ID, orgID: a.org("T").ID}
}

// plans lists the team's stored plans.
func (tm *team) plans() []gyakusan.StoredPlan {
	tm.t.Helper()
	ps, err := tm.db.Plans(context.Background(), tm.orgID, gyakusan.PlanFilter{})
	if err != nil {
		tm.t.Fatal(err)
	}
	return ps
}

func (tm *team) plan(id int64) gyakusan.StoredPlan {
	tm.t.Helper()
	sp, err := tm.db.Plan(context.Background(), tm.orgID, id)
	if err != nil {
		tm.t.Fatal(err)
	}
	return sp
}

// post sends a form as the editor.
func (tm *team) post(path string, form url.Values) *httpResult {
	tm.t.Helper()
	return result(tm.do(req{method: "POST", path: path, form: form, cookie: tm.editor}))
}

func (tm *team) get(path string, c *http.Cookie) *httpResult {
	tm.t.Helper()
	return result(tm.do(req{method: "GET", path: path, cookie: c}))
}

// createdID is the plan id a redirect to /plans/{id} names.
func createdID(t *testing.T, r *httpResult) int64 {
	t.Helper()
	loc := r.Header.Get("Location")
	rest, ok := strings.CutPrefix(loc, "/plans/")
	if r.Code != http.StatusSeeOther || !ok {
		t.Fatalf("want a redirect to a plan, got %d %q: %s", r.Code, loc, r.Body)
	}
	rest, _, _ = strings.Cut(rest, "?")
	id, err := strconv.ParseInt(rest, 10, 64)
	if err != nil {
		t.Fatalf("redirect %q: %v", loc, err)
	}
	return id
}

func TestFirstVisitOffersTheSamplePlan(t *testing.T) {
	tm := newTeam(t)
	r := tm.get("/plans", tm.editor)
	if r.Code != 200 || !strings.Contains(r.Body, `action="/plans/sample"`) || !strings.Contains(r.Body, "サンプルプランで試す") {
		t.Fatalf("empty list should offer the sample plan: %d\n%s", r.Code, r.Body)
	}
	// A viewer cannot create, so the welcome says so instead of offering a button.
	r = tm.get("/plans", tm.viewer)
	if strings.Contains(r.Body, `action="/plans/sample"`) {
		t.Errorf("viewer is offered the sample button")
	}
}

func TestSamplePlanIsTheSeedExample(t *testing.T) {
	tm := newTeam(t)
	id := createdID(t, tm.post("/plans/sample", url.Values{}))
	sp := tm.plan(id)
	res, err := gyakusan.Compute(sp.Plan)
	if err != nil {
		t.Fatal(err)
	}
	m := res.Months[0]
	if m.Won != 5 || m.Opportunities != 20 || m.Meetings != 40 || m.Leads != 200 || res.Total.Won != 60 {
		t.Errorf("sample month = %d won, %d opps, %d meetings, %d leads; year %d won", m.Won, m.Opportunities, m.Meetings, m.Leads, res.Total.Won)
	}
	if len(res.Warnings) != 0 {
		t.Errorf("sample plan warns: %+v", res.Warnings)
	}
	page := tm.get("/plans/"+strconv.FormatInt(id, 10)+"?flash=sample", tm.editor)
	if page.Code != 200 || !strings.Contains(page.Body, `data-kpi="leads-month">200<`) || !strings.Contains(page.Body, `data-kpi="leads-total">2,400<`) {
		t.Errorf("sheet does not show 200 leads a month and 2,400 a year:\n%s", page.Body)
	}
}

func TestCreateBlankPlanComputesAtOnce(t *testing.T) {
	tm := newTeam(t)
	id := createdID(t, tm.post("/plans", url.Values{"name": {"  FY2026 plan "}}))
	sp := tm.plan(id)
	if sp.Plan.Name != "FY2026 plan" || sp.Plan.Period() != 12 || sp.Plan.Year != 1 {
		t.Errorf("blank plan = %+v", sp.Plan)
	}
	if _, err := gyakusan.Compute(sp.Plan); err != nil {
		t.Errorf("blank plan does not compute: %v", err)
	}
	unnamed := tm.plan(createdID(t, tm.post("/plans", url.Values{})))
	if unnamed.Plan.Name != "新しいプラン" {
		t.Errorf("unnamed plan is called %q", unnamed.Plan.Name)
	}
}

func TestPlanListActions(t *testing.T) {
	tm := newTeam(t)
	id := createdID(t, tm.post("/plans/sample", url.Values{}))
	ids := strconv.FormatInt(id, 10)

	r := tm.post("/plans/"+ids+"/rename", url.Values{"name": {"営業部 KPI"}, "version": {"1"}})
	if r.Code != 303 || tm.plan(id).Plan.Name != "営業部 KPI" {
		t.Fatalf("rename: %d %q", r.Code, tm.plan(id).Plan.Name)
	}
	if r := tm.post("/plans/"+ids+"/rename", url.Values{"name": {"stale"}, "version": {"1"}}); r.Code != http.StatusConflict {
		t.Errorf("rename from a stale version = %d, want 409", r.Code)
	}
	if r := tm.post("/plans/"+ids+"/rename", url.Values{"name": {strings.Repeat("長", 201)}}); r.Code != 422 || !strings.Contains(r.Body, "プラン名") {
		t.Errorf("overlong name = %d, want 422 naming the field: %s", r.Code, r.Body)
	}

	dup := tm.plan(createdID(t, tm.post("/plans/"+ids+"/duplicate", nil)))
	if dup.Plan.Name != "営業部 KPIのコピー" || len(dup.Plan.Channels) != 3 || dup.Version != 1 {
		t.Errorf("duplicate = %q with %d channels", dup.Plan.Name, len(dup.Plan.Channels))
	}

	orig := tm.plan(id).Plan
	next := tm.plan(createdID(t, tm.post("/plans/"+ids+"/next-year", nil))).Plan
	if next.Year != 2 || next.StartMonth != orig.StartMonth.Add(12) || next.Name != "営業部 KPI （2年目）" {
		t.Errorf("next year = year %d from %s named %q (original from %s)", next.Year, next.StartMonth, next.Name, orig.StartMonth)
	}
	if next.Rates != orig.Rates || len(next.Channels) != len(orig.Channels) {
		t.Errorf("next year without actuals should keep the rates and channels")
	}

	if r := tm.post("/plans/"+ids+"/archive", nil); r.Code != 303 || !tm.plan(id).Archived {
		t.Fatalf("archive: %d", r.Code)
	}
	list := tm.get("/plans", tm.editor)
	if !strings.Contains(list.Body, "アーカイブ済みのプラン (1)") {
		t.Errorf("archived plan not listed apart:\n%s", list.Body)
	}
	if r := tm.post("/plans/"+ids+"/unarchive", nil); r.Code != 303 || tm.plan(id).Archived {
		t.Fatalf("unarchive: %d", r.Code)
	}
}

func TestNextYearStartsFromActualRatesWhenThereAreActuals(t *testing.T) {
	actual := gyakusan.Rates{Meeting: 22 * gyakusan.Percent, Opportunity: 45 * gyakusan.Percent, Win: 30 * gyakusan.Percent}
	p := samplePlan(fixedNow, dictJa)
	p.TargetDate = "2027-02-29"
	got := nextYear(p, fixedNow, dictJa, &actual)
	if got.Rates != actual || got.Year != 2 || got.TargetDate != "2028-02-28" {
		t.Errorf("next year = rates %+v year %d target %s", got.Rates, got.Year, got.TargetDate)
	}
	if &got.Channels[0] == &p.Channels[0] {
		t.Errorf("next year shares its channels with the original")
	}
}

func TestDeleteAsksFirstAndGETChangesNothing(t *testing.T) {
	tm := newTeam(t)
	id := createdID(t, tm.post("/plans/sample", url.Values{}))
	ids := strconv.FormatInt(id, 10)
	r := tm.get("/plans/"+ids+"/delete", tm.editor)
	if r.Code != 200 || !strings.Contains(r.Body, "サンプルプラン") || !strings.Contains(r.Body, `name="confirm" value="yes"`) {
		t.Fatalf("confirm page: %d\n%s", r.Code, r.Body)
	}
	if len(tm.plans()) != 1 {
		t.Fatal("the confirmation page deleted the plan")
	}
	if r := tm.post("/plans/"+ids+"/delete", url.Values{}); r.Code != 303 || r.Header.Get("Location") != "/plans/"+ids+"/delete" || len(tm.plans()) != 1 {
		t.Fatalf("delete without confirmation: %d %s", r.Code, r.Header.Get("Location"))
	}
	if r := tm.post("/plans/"+ids+"/delete", url.Values{"confirm": {"yes"}}); r.Code != 303 || len(tm.plans()) != 0 {
		t.Fatalf("confirmed delete: %d, %d plans left", r.Code, len(tm.plans()))
	}
	if r := tm.get("/plans/"+ids, tm.editor); r.Code != 404 {
		t.Errorf("deleted plan answers %d", r.Code)
	}
}

func TestUnknownPlanIDsAnswerNotFound(t *testing.T) {
	tm := newTeam(t)
	for _, path := range []string{"/plans/999", "/plans/abc", "/plans/-1", "/plans/0/print"} {
		if r := tm.get(path, tm.editor); r.Code != 404 || !strings.Contains(r.Body, "プランが見つかりません") {
			t.Errorf("GET %s = %d", path, r.Code)
		}
	}
}
