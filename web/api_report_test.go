package web

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"gyakusan"
)

func TestReportOfAPlanWithoutActualsIsThePlanAlone(t *testing.T) {
	tm := newTeam(t)
	id := tm.actualsPlan()
	sc := script{a: tm.acct, token: tm.apiToken(tm.user("viewer@t.example", "T", gyakusan.RoleViewer), "T")}
	r := sc.get("/api/v1/plans/" + strconv.FormatInt(id, 10) + "/report?as_of=2025-04-15")
	var rep gyakusan.PlanReport
	decodeInto(t, r, &rep)
	res, err := gyakusan.Compute(tm.plan(id).Plan)
	if err != nil {
		t.Fatal(err)
	}
	if r.Code != 200 || len(rep.Months) != 12 || rep.Total.Plan.Won != res.Total.Won || rep.Total.Plan.Leads != res.Total.Leads ||
		rep.Total.Actual != (gyakusan.Figures{}) || !rep.Months[0].Elapsed || rep.Months[1].Elapsed {
		t.Errorf("report = %d: %d months, plan %+v, actual %+v; want 12 months, the plan's %d won, no actuals, April elapsed only",
			r.Code, len(rep.Months), rep.Total.Plan, rep.Total.Actual, res.Total.Won)
	}
}

func TestReportAsOfMustBeARealDay(t *testing.T) {
	tm := newTeam(t)
	id := tm.actualsPlan()
	for lang, want := range map[string]string{"ja": "YYYY-MM-DD", "en": "YYYY-MM-DD"} {
		sc := script{a: tm.acct, token: tm.apiToken(tm.user("viewer@t.example", "T", gyakusan.RoleViewer), "T"), lang: lang}
		for _, day := range []string{"2025-02-30", "2025/04/01", "yesterday"} {
			r := sc.get("/api/v1/plans/" + strconv.FormatInt(id, 10) + "/report?as_of=" + day)
			var p apiProblem
			decodeInto(t, r, &p)
			if r.Code != 422 || len(p.Fields) != 1 || p.Fields[0].Field != "as_of" || !strings.Contains(p.Fields[0].Message, want) {
				t.Errorf("%s: as_of=%s = %d %+v; want 422 naming as_of and its format", lang, day, r.Code, p)
			}
		}
	}
}

func TestHistoryAPIListsTheChangesNewestFirstInTheCallersWords(t *testing.T) {
	tm := newTeam(t)
	ed := tm.user("editor@t.example", "T", gyakusan.RoleEditor)
	sc := script{a: tm.acct, token: tm.apiToken(ed, "T")}
	created := sc.send("POST", "/api/v1/plans", "application/json", []byte(seedPlanJSON))
	var res planResource
	decodeInto(t, created, &res)
	if created.Code != 201 {
		t.Fatalf("create = %d %s", created.Code, created.Body)
	}
	changed := strings.Replace(seedPlanJSON, `"win":25`, `"win":30`, 1)
	if r := sc.send("PUT", fmt.Sprintf("/api/v1/plans/%d", res.ID), "application/json", []byte(fmt.Sprintf(`{"version":%d,"plan":%s}`, res.Version, changed))); r.Code != 200 {
		t.Fatalf("update = %d %s", r.Code, r.Body)
	}
	// A change without a user, as the CLI makes them.
	if _, err := tm.db.SetArchived(context.Background(), tm.orgID, 0, res.ID, true); err != nil {
		t.Fatal(err)
	}
	for lang, want := range map[string]string{"ja": "受注率", "en": "Win rate"} {
		sc.lang = lang
		r := sc.get(fmt.Sprintf("/api/v1/plans/%d/history", res.ID))
		var h struct {
			History []historyItem `json:"history"`
		}
		decodeInto(t, r, &h)
		if r.Code != 200 || len(h.History) != 3 {
			t.Fatalf("%s: history = %d %s", lang, r.Code, r.Body)
		}
		archive, update, create := h.History[0], h.History[1], h.History[2]
		if archive.Action != "archive" || archive.Version != 3 || archive.User != "" {
			t.Errorf("%s: newest = %+v, want the archiving as version 3 without a user", lang, archive)
		}
		if update.Action != "update" || update.Version != 2 || update.User != "editor@t.example" ||
			!strings.Contains(update.Summary, want) || !strings.Contains(update.Summary, "25 → 30") {
			t.Errorf("%s: update = %+v, want the editor's change of %s from 25 to 30", lang, update, want)
		}
		if create.Action != "create" || create.Version != 1 || create.At.IsZero() || create.At.After(update.At) {
			t.Errorf("%s: oldest = %+v, want the creation", lang, create)
		}
	}
}
