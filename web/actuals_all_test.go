package web

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"gyakusan"
)

// noChannelPlanJSON is a plan without channels: its grid has one row for all.
const noChannelPlanJSON = `{"name":"No channels","start_month":"2025-04","months":12,
"target":{"won":60},"unit_price":1000000,"rates":{"meeting":20,"opportunity":50,"win":25}}`

func (tm *team) noChannelPlan() int64 {
	tm.t.Helper()
	p, err := gyakusan.ParsePlan([]byte(noChannelPlanJSON))
	if err != nil {
		tm.t.Fatal(err)
	}
	sp, err := tm.db.CreatePlan(context.Background(), tm.orgID, tm.editorID, p)
	if err != nil {
		tm.t.Fatal(err)
	}
	return sp.ID
}

func TestAPlanWithoutChannelsStoresItsRowForAllUnderOneNameInEveryLanguage(t *testing.T) {
	tm := newTeam(t)
	ctx := context.Background()
	id := tm.noChannelPlan()
	r := result(tm.do(req{method: "POST", path: pathOf(id, "/actuals?lang=en"), form: url.Values{"v.0.0.leads": {"5"}, "v.1.0.spend": {"1000"}}, cookie: tm.editor}))
	if r.Code != 303 {
		t.Fatalf("English save = %d\n%s", r.Code, r.Body)
	}
	cells, _ := tm.db.ManualActuals(ctx, tm.orgID, id)
	spend, _ := tm.db.ManualSpend(ctx, tm.orgID, id)
	if len(cells) != 1 || cells[0].Channel != allChannels || len(spend) != 1 || spend[0].Channel != allChannels {
		t.Fatalf("stored %+v %+v, want both under %q", cells, spend, allChannels)
	}
	for lang, label := range map[string]string{"en": "All", "ja": "全体"} {
		g := tm.get(pathOf(id, "/actuals?lang="+lang), tm.editor)
		if !strings.Contains(g.Body, `class="ch-name">`+label+`</th>`) || !strings.Contains(g.Body, `name="v.0.0.leads" value="5"`) ||
			strings.Count(g.Body, `<input name="v.`) != 12*6 {
			t.Errorf("%s grid lacks the row %q with the typed figures", lang, label)
		}
		d := tm.get(pathOf(id, "/dashboard?lang="+lang), tm.editor)
		if !strings.Contains(d.Body, "<tr><th>"+label+"</th>") {
			t.Errorf("%s dashboard does not name the row for all %q", lang, label)
		}
	}
}

func TestFiguresAnEnglishPageStoredUnderAllMoveToTheRowForAllUnchanged(t *testing.T) {
	tm := newTeam(t)
	ctx := context.Background()
	id := tm.noChannelPlan()
	apr := gyakusan.MonthOf(2025, 4)
	if err := tm.db.ReplaceManual(ctx, tm.orgID, id, apr, apr+11,
		[]gyakusan.ActualCell{{Month: apr, Channel: legacyAllChannels, Stage: gyakusan.StageWon, Count: 2, Revenue: 2_000_000}},
		[]gyakusan.SpendCell{{Month: apr + 1, Channel: legacyAllChannels, Spend: 300_000}}); err != nil {
		t.Fatal(err)
	}
	g := tm.get(pathOf(id, "/actuals"), tm.editor)
	if strings.Count(g.Body, `<input name="v.`) != 12*6 || !strings.Contains(g.Body, `class="ch-name">全体</th>`) {
		t.Fatalf("the legacy row is not the one row for all:\n%s", g.Body)
	}
	form := url.Values{}
	for _, name := range []string{"v.0.0.won", "v.0.0.revenue", "v.1.0.spend"} {
		form.Set(name, hidden(g.Body, name))
	}
	if form.Get("v.0.0.won") != "2" || form.Get("v.0.0.revenue") != "2000000" || form.Get("v.1.0.spend") != "300000" {
		t.Fatalf("grid shows %v", form)
	}
	if r := tm.post(pathOf(id, "/actuals"), form); r.Code != 303 {
		t.Fatalf("save = %d\n%s", r.Code, r.Body)
	}
	cells, _ := tm.db.ManualActuals(ctx, tm.orgID, id)
	spend, _ := tm.db.ManualSpend(ctx, tm.orgID, id)
	if len(cells) != 1 || cells[0] != (gyakusan.ActualCell{Month: apr, Channel: allChannels, Stage: gyakusan.StageWon, Count: 2, Revenue: 2_000_000}) ||
		len(spend) != 1 || spend[0] != (gyakusan.SpendCell{Month: apr + 1, Channel: allChannels, Spend: 300_000}) {
		t.Errorf("after saving: %+v %+v", cells, spend)
	}
}

func TestFiguresUnderBothNamesForAllStayApart(t *testing.T) {
	tm := newTeam(t)
	ctx := context.Background()
	id := tm.noChannelPlan()
	apr := gyakusan.MonthOf(2025, 4)
	if err := tm.db.ReplaceManual(ctx, tm.orgID, id, apr, apr+11, []gyakusan.ActualCell{
		{Month: apr, Channel: legacyAllChannels, Stage: gyakusan.StageLead, Count: 7},
		{Month: apr, Channel: allChannels, Stage: gyakusan.StageLead, Count: 9},
	}, nil); err != nil {
		t.Fatal(err)
	}
	g := tm.get(pathOf(id, "/actuals"), tm.editor)
	if strings.Count(g.Body, `<input name="v.`) != 2*12*6 || hidden(g.Body, "v.0.0.leads")+hidden(g.Body, "v.0.1.leads") != "79" {
		t.Errorf("both rows should show, each with its own figure: %q %q", hidden(g.Body, "v.0.0.leads"), hidden(g.Body, "v.0.1.leads"))
	}
}
