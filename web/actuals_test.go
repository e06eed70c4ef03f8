package web

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"gyakusan"
	"gyakusan/store"
	"gyakusan/store/storetest"
)

func TestHandTypedActualsAreSavedAndShown(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		tm := newTeamOn(t, db)
		id := tm.actualsPlan()
		g := tm.get(pathOf(id, "/actuals"), tm.editor)
		// 12 months × 3 channels × 6 rows (four stages, revenue and spend).
		if g.Code != 200 || strings.Count(g.Body, `<input name="v.`) != 12*3*6 {
			t.Fatalf("grid = %d with %d inputs", g.Code, strings.Count(g.Body, `<input name="v.`))
		}
		// Month 0 is 2025-04; channel 1 is Email Marketing, 0 Paid Search, 2 展示会.
		r := tm.post(pathOf(id, "/actuals"), url.Values{
			"v.0.1.leads": {"70"}, "v.1.0.won": {"2"}, "v.1.0.revenue": {"¥2,400,000"}, "v.2.2.meetings": {"１２"},
		})
		if r.Code != 303 || r.Header.Get("Location") != pathOf(id, "/actuals?flash=actuals_saved") {
			t.Fatalf("save = %d %q\n%s", r.Code, r.Header.Get("Location"), r.Body)
		}
		apr := gyakusan.MonthOf(2025, 4)
		want := []gyakusan.ActualCell{
			{Month: apr, Channel: "Email Marketing", Stage: gyakusan.StageLead, Count: 70},
			{Month: apr + 1, Channel: "Paid Search", Stage: gyakusan.StageWon, Count: 2, Revenue: 2_400_000},
			{Month: apr + 2, Channel: "展示会", Stage: gyakusan.StageMeeting, Count: 12},
		}
		got, err := db.ManualActuals(context.Background(), tm.orgID, id)
		if err != nil || len(got) != len(want) {
			t.Fatalf("stored %+v, %v", got, err)
		}
		for i := range want {
			if got[i].Month != want[i].Month || got[i].Channel != want[i].Channel || got[i].Stage != want[i].Stage ||
				got[i].Count != want[i].Count || got[i].Revenue != want[i].Revenue {
				t.Errorf("cell %d = %+v, want %+v", i, got[i], want[i])
			}
		}
		g = tm.get(pathOf(id, "/actuals?flash=actuals_saved"), tm.editor)
		for _, w := range []string{`name="v.0.1.leads" value="70"`, `name="v.1.0.revenue" value="2400000"`, `name="v.2.2.meetings" value="12"`, "実績を保存しました。"} {
			if !strings.Contains(g.Body, w) {
				t.Errorf("grid lacks %s", w)
			}
		}
		d := tm.get(pathOf(id, "/dashboard"), tm.editor)
		if !strings.Contains(d.Body, `<div class="kpi-value">70</div>`) || !strings.Contains(d.Body, `<div class="kpi-value">¥2,400,000</div>`) {
			t.Errorf("the dashboard does not show the typed actuals")
		}

		// Bad cells: messages at the cell, the values kept, nothing saved.
		bad := tm.post(pathOf(id, "/actuals"), url.Values{
			"v.0.0.leads": {"abc"}, "v.0.1.leads": {"-5"}, "v.3.0.revenue": {"100"}, "v.0.2.leads": {"12"},
		})
		if bad.Code != 422 {
			t.Fatalf("bad save = %d", bad.Code)
		}
		for _, w := range []string{
			`name="v.0.0.leads" value="abc"`, `aria-invalid="true" title="整数で入力してください。"`,
			`name="v.0.1.leads" value="-5"`, "0以上1,000,000,000以下にしてください。",
			`name="v.3.0.revenue" value="100"`, "売上を入れるときは受注数も入力してください。",
			`name="v.0.2.leads" value="12"`, "まだ何も保存していません",
		} {
			if !strings.Contains(bad.Body, w) {
				t.Errorf("refused grid lacks %s", w)
			}
		}
		if again, _ := db.ManualActuals(context.Background(), tm.orgID, id); len(again) != 3 {
			t.Errorf("a refused save changed the store: %+v", again)
		}
		// An empty grid clears the typed figures.
		if r := tm.post(pathOf(id, "/actuals"), url.Values{}); r.Code != 303 {
			t.Fatalf("clear = %d", r.Code)
		}
		if left, _ := db.ManualActuals(context.Background(), tm.orgID, id); len(left) != 0 {
			t.Errorf("after clearing: %+v", left)
		}
	})
}

func TestTheGridShowsImportedFiguresAsHints(t *testing.T) {
	tm := newTeam(t)
	id := tm.actualsPlan()
	r := tm.upload(id, tm.editor, "preset:hubspot", "auto", "h.csv", readTestdata(t, "hubspot_export.csv"))
	tm.post(pathOf(id, "/import/commit"), url.Values{"upload": {hidden(r.Body, "upload")}, "source": {"preset:hubspot"}})
	g := tm.get(pathOf(id, "/actuals"), tm.editor)
	// April 2025: Paid Search has one lead (10101), one meeting.
	if !strings.Contains(g.Body, `name="v.0.0.leads" value="" placeholder="1"`) {
		t.Errorf("imported figures are not shown as hints:\n%s", g.Body)
	}
}

func TestParseWholeReadsWhatPeopleType(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int64
		ok   bool
	}{
		{"1200", 1200, true}, {"1,200", 1200, true}, {"¥1,200,000", 1_200_000, true}, {"1,200円", 1200, true},
		{"１２３", 123, true}, {" 5 ", 5, true}, {"1.5", 0, false}, {"abc", 0, false}, {"-3", -3, true},
		{"99999999999999999999", 0, false}, {"￥１，２００", 1200, true}, {"1,200 円", 1200, true}, {"-¥5", -5, true}, {"¥", 0, false},
	} {
		got, ok := parseWhole(tc.in)
		if ok != tc.ok || (ok && got != tc.want) {
			t.Errorf("parseWhole(%q) = %d, %v; want %d, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}
