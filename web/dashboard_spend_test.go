package web

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"gyakusan"
	"gyakusan/store"
	"gyakusan/store/storetest"
)

// typeSpend stores hand-typed spend for every month of the plan up to
// today's: Paid Search a little over its plan in alternate months, 展示会 its
// booth, Email Marketing a small tool fee the plan did not count.
func typeSpend(t *testing.T, tm *team, id int64, today gyakusan.Day) []gyakusan.SpendCell {
	t.Helper()
	sp := tm.plan(id)
	res, err := gyakusan.Compute(sp.Plan)
	if err != nil {
		t.Fatal(err)
	}
	var spend []gyakusan.SpendCell
	for i, m := range res.Months {
		if m.Month > today.Month() {
			break
		}
		ads := m.Channels[0].Spend * gyakusan.Yen(95+10*(i%2)) / 100
		spend = append(spend,
			gyakusan.SpendCell{Month: m.Month, Channel: "Paid Search", Spend: ads},
			gyakusan.SpendCell{Month: m.Month, Channel: "Email Marketing", Spend: 30_000},
			gyakusan.SpendCell{Month: m.Month, Channel: "展示会", Spend: 300_000})
	}
	last := res.Months[len(res.Months)-1].Month
	if err := tm.db.ReplaceManual(context.Background(), tm.orgID, id, sp.Plan.StartMonth, last, nil, spend); err != nil {
		t.Fatal(err)
	}
	return spend
}

func TestDashboardShowsActualSpendAndUnitCosts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		tm, id, today := liveTeam(t, db)
		ctx := context.Background()
		before := tm.get(pathOf(id, "/dashboard"), tm.editor)
		for _, w := range []string{"実績の費用は「実績の手入力」で入力します", "施策費用の実績はまだ入力されていません。"} {
			if !strings.Contains(before.Body, w) {
				t.Errorf("without spend the dashboard lacks %q", w)
			}
		}
		if strings.Contains(before.Body, `<tr class="fc-spend">`) {
			t.Error("a spend forecast without any spend typed")
		}

		typeSpend(t, tm, id, today)
		sp := tm.plan(id)
		res, _ := gyakusan.Compute(sp.Plan)
		act, err := db.Actuals(ctx, tm.orgID, id)
		if err != nil {
			t.Fatal(err)
		}
		act.AsOf = today
		rep := gyakusan.Report(sp.Plan, res, act)
		if rep.Total.Actual.Spend == 0 || rep.Total.Cost.Actual.PerLead == nil || rep.Total.Cost.Actual.PerWon == nil {
			t.Fatalf("the test data should have spend and costs: %+v", rep.Total)
		}
		r := tm.get(pathOf(id, "/dashboard"), tm.editor)
		if r.Code != 200 {
			t.Fatalf("dashboard = %d", r.Code)
		}
		var toDate gyakusan.Yen
		row := `<tbody class="fig fig-spend">`
		actualRow := `<tr class="actual"><td class="kind">実績</td>`
		for _, m := range rep.Months {
			if m.Elapsed {
				toDate += m.Plan.Spend
				actualRow += `<td class="num">` + fmtYen(m.Actual.Spend) + `</td>`
			} else {
				actualRow += `<td class="num"></td>`
			}
		}
		actualRow += `<td class="num total">` + fmtYen(rep.Total.Actual.Spend) + `</td></tr>`
		att := ratioDec(int64(rep.Total.Actual.Spend), int64(toDate))
		want := []string{
			`<div class="kpi-value">` + fmtYen(rep.Total.Actual.Spend) + `</div>`,
			`計画（今月まで） ` + fmtYen(toDate) + ` · <b class="att">` + att.String() + `%</b>`,
			row, actualRow,
			fmt.Sprintf(`<tr class="total"><th>合計</th><td class="num">%s</td><td class="num %s">%s</td>`,
				fmtYenPtr(rep.Total.Cost.Plan.PerLead), costRowOf("", rep.Total.Cost).Cells[0].Class, fmtYenPtr(rep.Total.Cost.Actual.PerLead)),
			`<td class="num">` + fmtYenPtr(rep.Total.Cost.Plan.PerWon) + `</td><td class="num ` + costRowOf("", rep.Total.Cost).Cells[2].Class + `">` + fmtYenPtr(rep.Total.Cost.Actual.PerWon) + `</td></tr>`,
			`<tr class="fc-spend"><th>施策費用</th><td class="num">` + fmtYen(rep.Forecast.Actual.Spend) + `</td>`,
			`aria-label="月別の施策費用（計画と実績）"`,
		}
		// Landing over budget is bad, under it good: the reverse of results.
		gap, cls := rep.Forecast.Gap.Spend, "good"
		gapText := fmtYen(gap)
		switch {
		case gap > 0:
			cls, gapText = "bad", "&#43;"+gapText // as html/template writes a plus
		case gap < 0:
			gapText = "-" + fmtYen(-gap)
		}
		want = append(want, `<td class="num `+cls+`">`+gapText+`</td></tr>`)
		for _, c := range rep.Channels {
			want = append(want, fmt.Sprintf(`<td class="num">%s</td><td class="num">%s</td><td class="num %s">`,
				fmtYen(c.Plan.Spend), fmtYen(c.Actual.Spend), (figure{Key: "spend"}).pctCell(int64(c.Actual.Spend), int64(c.Plan.Spend)).Class))
		}
		for _, w := range want {
			if !strings.Contains(r.Body, w) {
				t.Errorf("dashboard lacks %s", w)
			}
		}
		for _, w := range []string{"実績の費用は「実績の手入力」で入力します", "施策費用の実績はまだ入力されていません。"} {
			if strings.Contains(r.Body, w) {
				t.Errorf("with spend the dashboard still says %q", w)
			}
		}
		// Email Marketing plans no spend: no planned cost, an actual one.
		if !strings.Contains(r.Body, `<tr><th>Email Marketing</th><td class="num">—</td><td class="num ">¥`) {
			t.Error("a channel without planned spend shows no actual cost beside a dash")
		}
	})
}

func TestSpendIsGoodWithinBudgetAndBadWellOver(t *testing.T) {
	spend := figure{Key: "spend", Money: true}
	for _, tc := range []struct {
		actual, plan int64
		want         string
	}{{90, 100, "good"}, {100, 100, "good"}, {105, 100, "warn"}, {130, 100, "bad"}} {
		if got := spend.pctCell(tc.actual, tc.plan).Class; got != tc.want {
			t.Errorf("spend %d of %d = %s, want %s", tc.actual, tc.plan, got, tc.want)
		}
	}
	if got := (figure{Key: "leads"}).pctCell(90, 100).Class; got != "warn" {
		t.Errorf("leads 90 of 100 = %s, want warn", got)
	}
}

func TestShortYenFitsTheAxis(t *testing.T) {
	for _, tc := range []struct {
		lang string
		v    int64
		want string
	}{
		{"ja", 0, "0"}, {"ja", 2_500_000, "250万"}, {"ja", 125_000, "12.5万"}, {"ja", 300_000_000, "3億"},
		{"en", 0, "¥0"}, {"en", 2_500_000, "¥2.5M"}, {"en", 250_000, "¥250K"}, {"en", 4_000_000_000, "¥4B"},
	} {
		if got := shortYen(tc.lang, tc.v); got != tc.want {
			t.Errorf("shortYen(%s, %d) = %q, want %q", tc.lang, tc.v, got, tc.want)
		}
	}
}
