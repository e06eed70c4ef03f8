package web

import (
	"context"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"gyakusan"
	"gyakusan/store"
	"gyakusan/store/storetest"
)

func TestHandTypedSpendIsSavedWithTheCountsAndRefusedAtTheCell(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		tm := newTeamOn(t, db)
		id := tm.actualsPlan()
		ctx := context.Background()
		g := tm.get(pathOf(id, "/actuals"), tm.editor)
		if !strings.Contains(g.Body, `<tr class="r-spend">`) || !strings.Contains(g.Body, `name="v.11.2.spend" value="" placeholder="" inputmode="numeric" class="num money"`) {
			t.Fatalf("the grid has no spend row per channel and month:\n%s", g.Body)
		}
		// Month 0 is 2025-04; channel 0 is Paid Search, 1 Email Marketing, 2 展示会.
		r := tm.post(pathOf(id, "/actuals"), url.Values{
			"v.0.0.leads": {"80"}, "v.0.0.spend": {"¥1,600,000"}, "v.0.2.spend": {"３００，０００円"}, "v.1.0.spend": {"0"},
		})
		if r.Code != 303 {
			t.Fatalf("save = %d\n%s", r.Code, r.Body)
		}
		apr := gyakusan.MonthOf(2025, 4)
		want := []gyakusan.SpendCell{
			{Month: apr, Channel: "Paid Search", Spend: 1_600_000},
			{Month: apr, Channel: "展示会", Spend: 300_000},
			{Month: apr + 1, Channel: "Paid Search", Spend: 0},
		}
		if got, err := db.ManualSpend(ctx, tm.orgID, id); err != nil || !reflect.DeepEqual(got, want) {
			t.Fatalf("stored spend %+v, %v; want %+v", got, err, want)
		}
		if cells, _ := db.ManualActuals(ctx, tm.orgID, id); len(cells) != 1 || cells[0].Count != 80 {
			t.Fatalf("stored counts %+v", cells)
		}
		g = tm.get(pathOf(id, "/actuals"), tm.viewer)
		for _, w := range []string{`name="v.0.0.spend" value="1600000"`, `name="v.0.2.spend" value="300000"`, `name="v.1.0.spend" value="0"`} {
			if !strings.Contains(g.Body, w) {
				t.Errorf("grid lacks %s", w)
			}
		}
		if !strings.Contains(g.Body, `name="v.0.0.spend" value="1600000" placeholder="" inputmode="numeric" class="num money" autocomplete="off" readonly>`) {
			t.Error("the spend cells are not read-only for a viewer")
		}
		if v := result(tm.do(req{method: "POST", path: pathOf(id, "/actuals"), form: url.Values{"v.0.0.spend": {"5"}}, cookie: tm.viewer})); v.Code != 403 {
			t.Errorf("viewer save = %d", v.Code)
		}

		// Bad spend: the message at the cell and named above the grid, the
		// values kept as typed, nothing saved, the counts neither.
		bad := tm.post(pathOf(id, "/actuals"), url.Values{
			"v.0.0.leads": {"90"}, "v.0.0.spend": {"-1"}, "v.2.1.spend": {"1,000,000,000,000,001"}, "v.3.2.spend": {"12万"}, "v.4.0.spend": {"700000"},
		})
		if bad.Code != 422 {
			t.Fatalf("bad save = %d", bad.Code)
		}
		for _, w := range []string{
			`name="v.0.0.spend" value="-1"`, `name="v.2.1.spend" value="1,000,000,000,000,001"`, `name="v.3.2.spend" value="12万"`,
			`name="v.4.0.spend" value="700000"`, `name="v.0.0.leads" value="90"`,
			`aria-invalid="true" title="0以上1,000,000,000,000,000以下にしてください。"`,
			"<li>2025年4月 · Paid Search · 施策費用: 0以上1,000,000,000,000,000以下にしてください。</li>",
			"<li>2025年6月 · Email Marketing · 施策費用: 0以上1,000,000,000,000,000以下にしてください。</li>",
			"<li>2025年7月 · 展示会 · 施策費用: 整数で入力してください。</li>",
		} {
			if !strings.Contains(bad.Body, w) {
				t.Errorf("refused grid lacks %s", w)
			}
		}
		if got, _ := db.ManualSpend(ctx, tm.orgID, id); !reflect.DeepEqual(got, want) {
			t.Errorf("a refused save changed the spend: %+v", got)
		}
		if cells, _ := db.ManualActuals(ctx, tm.orgID, id); len(cells) != 1 || cells[0].Count != 80 {
			t.Errorf("a refused save changed the counts: %+v", cells)
		}
		en := result(tm.do(req{method: "POST", path: pathOf(id, "/actuals?lang=en"), form: url.Values{"v.0.1.spend": {"-3"}}, cookie: tm.editor}))
		if en.Code != 422 || !strings.Contains(en.Body, "<li>Apr 2025 · Email Marketing · Spend: Between 0 and 1,000,000,000,000,000.</li>") {
			t.Errorf("English refusal = %d", en.Code)
		}

		// An empty grid clears the typed spend with the counts.
		if r := tm.post(pathOf(id, "/actuals"), url.Values{}); r.Code != 303 {
			t.Fatalf("clear = %d", r.Code)
		}
		if left, _ := db.ManualSpend(ctx, tm.orgID, id); len(left) != 0 {
			t.Errorf("after clearing: %+v", left)
		}
	})
}

func TestSpendOfAChannelOutsideThePlanGetsItsOwnGridRows(t *testing.T) {
	tm := newTeam(t)
	id := tm.actualsPlan()
	if err := tm.db.SetManual(context.Background(), tm.orgID, id, nil,
		[]gyakusan.SpendCell{{Month: gyakusan.MonthOf(2025, 5), Channel: "ウェビナー", Spend: 50_000}}); err != nil {
		t.Fatal(err)
	}
	g := tm.get(pathOf(id, "/actuals"), tm.editor)
	if !strings.Contains(g.Body, `class="ch-name">ウェビナー</th>`) || !strings.Contains(g.Body, `name="v.1.3.spend" value="50000"`) {
		t.Errorf("the spend-only channel is not in the grid")
	}
}
