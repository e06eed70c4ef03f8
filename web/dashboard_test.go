package web

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"net/url"
	"strings"
	"testing"
	"time"

	"gyakusan"
	"gyakusan/store"
	"gyakusan/store/storetest"
)

// genLeads writes a generic CSV of leads created from start up to today,
// perMonth a month, with a meeting rate below the plan's 20 % so that the
// dashboard has a bottleneck to show. The same seed gives the same file.
func genLeads(start gyakusan.Month, today gyakusan.Day, perMonth int, seed uint64) []byte {
	rng := rand.New(rand.NewPCG(seed, seed+1))
	channels := []string{"Paid Search", "Paid Search", "Paid Search", "Paid Search", "Paid Search",
		"Email Marketing", "Email Marketing", "Email Marketing", "展示会", "Organic Search"}
	var b bytes.Buffer
	b.WriteString("lead_id,created_at,channel,meeting_at,opportunity_at,won_at,amount\n")
	n := 0
	for m := start; m <= today.Month(); m++ {
		first := gyakusan.DayOf(m.Year(), m.Num(), 1)
		days := gyakusan.DaysIn(m.Year(), m.Num())
		// The pace picks up over the months, as a new plan's channels ramp up.
		count := perMonth * (80 + int(m-start)*6) / 100
		for range count {
			created := first + gyakusan.Day(rng.IntN(days))
			if created > today {
				continue
			}
			n++
			var meeting, opp, won gyakusan.Day
			var amount int64
			if rng.IntN(100) < 16 {
				meeting = created + gyakusan.Day(rng.IntN(21))
				if rng.IntN(100) < 50 {
					opp = meeting + gyakusan.Day(rng.IntN(25))
					if rng.IntN(100) < 28 {
						won = opp + gyakusan.Day(10+rng.IntN(50))
						amount = int64(800_000 + rng.IntN(9)*100_000)
					}
				}
			}
			// Nothing has happened after today yet.
			if won > today {
				won, amount = 0, 0
			}
			if opp > today {
				opp, won, amount = 0, 0, 0
			}
			if meeting > today {
				meeting, opp, won, amount = 0, 0, 0, 0
			}
			fmt.Fprintf(&b, "L%06d,%s,%s,%s,%s,%s,", n, created, channels[rng.IntN(len(channels))], meeting, opp, won)
			if won != 0 {
				fmt.Fprintf(&b, "%d", amount)
			}
			b.WriteByte('\n')
		}
	}
	return b.Bytes()
}

// liveTeam is a team with a plan that started months ago and leads up to
// today, imported through the pages.
func liveTeam(t *testing.T, db *store.DB) (*team, int64, gyakusan.Day) {
	t.Helper()
	tm := newTeamOn(t, db)
	now := tm.clock().In(time.Local)
	today := gyakusan.DayOf(now.Year(), int(now.Month()), now.Day())
	start := today.Month() - 6
	p, err := gyakusan.ParsePlan([]byte(strings.Replace(actualsPlanJSON, `"start_month":"2025-04"`, `"start_month":"`+start.String()+`"`, 1)))
	if err != nil {
		t.Fatal(err)
	}
	sp, err := tm.db.CreatePlan(context.Background(), tm.orgID, tm.editorID, p)
	if err != nil {
		t.Fatal(err)
	}
	r := tm.upload(sp.ID, tm.editor, "preset:generic", "auto", "leads.csv", genLeads(start, today, 200, 7))
	if r.Code != 200 {
		t.Fatalf("preview = %d\n%s", r.Code, r.Body)
	}
	if c := tm.post(pathOf(sp.ID, "/import/commit"), url.Values{"upload": {hidden(r.Body, "upload")}, "source": {"preset:generic"}}); c.Code != 303 {
		t.Fatalf("commit = %d\n%s", c.Code, c.Body)
	}
	return tm, sp.ID, today
}

func TestDashboardNumbersMatchTheReport(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		tm, id, today := liveTeam(t, db)
		ctx := context.Background()
		sp := tm.plan(id)
		// A hand-typed figure replaces the imported one of its cell.
		if err := db.ReplaceManualActuals(ctx, tm.orgID, id, sp.Plan.StartMonth, sp.Plan.StartMonth.Add(11),
			[]gyakusan.ActualCell{{Month: sp.Plan.StartMonth, Channel: "Email Marketing", Stage: gyakusan.StageLead, Count: 77}}); err != nil {
			t.Fatal(err)
		}
		res, err := gyakusan.Compute(sp.Plan)
		if err != nil {
			t.Fatal(err)
		}
		act, err := db.Actuals(ctx, tm.orgID, id)
		if err != nil {
			t.Fatal(err)
		}
		act.AsOf = today
		rep := gyakusan.Report(sp.Plan, res, act)
		if rep.Total.Actual.Leads == 0 || rep.Bottleneck == nil || rep.Forecast.Remaining == 0 {
			t.Fatalf("the test data should have actuals, a bottleneck and months to come: %+v", rep.Forecast)
		}

		r := tm.get(pathOf(id, "/dashboard"), tm.editor)
		if r.Code != 200 {
			t.Fatalf("dashboard = %d\n%s", r.Code, r.Body)
		}
		var want []string
		for _, k := range []string{"leads", "meetings", "opportunities", "won", "revenue"} {
			f := figure{Key: k, Money: k == "revenue"}
			want = append(want, `<div class="kpi-value">`+fmtFig(f, rep.Total.Actual.Value(k))+`</div>`)
		}
		// The months table: the actual leads of every month, blank ahead.
		row := `<tr class="actual"><td class="kind">実績</td>`
		for _, m := range rep.Months {
			if m.Elapsed {
				row += `<td class="num">` + fmtNum(m.Actual.Leads) + `</td>`
			} else {
				row += `<td class="num"></td>`
			}
		}
		want = append(want, row+`<td class="num total">`+fmtNum(rep.Total.Actual.Leads)+`</td></tr>`)
		want = append(want, `<td class="num total `+attainClass(*rep.Total.Attainment.Won)+`">`+rep.Total.Attainment.Won.String()+`%</td>`)
		for _, c := range rep.Channels {
			want = append(want, fmt.Sprintf(`<td class="num">%s</td><td class="num">%s</td>`, fmtNum(c.Plan.Leads), fmtNum(c.Actual.Leads)))
		}
		want = append(want, "Organic Search <span class=\"badge\">計画にないチャネル</span>")
		fc := rep.Forecast
		want = append(want, fmt.Sprintf(`<tr class="fc-won"><th>受注</th><td class="num">%s</td><td class="num">%s</td><td class="num strong">%s</td><td class="num">%s</td>`,
			fmtNum(fc.Actual.Won), fmtNum(fc.PerMonth.Won), fmtNum(fc.Landing.Won), fmtNum(fc.Plan.Won)))
		want = append(want, rep.Bottleneck.Ja, `<p class="bn-stage">`+rep.Bottleneck.Stage.Label("ja")+`</p>`,
			fmtYen(gyakusan.Yen(rep.Bottleneck.LostWon)*sp.Plan.UnitPrice))
		incomplete := 0
		for _, c := range rep.Cohorts {
			cls := ""
			if c.Incomplete {
				cls = ` class="incomplete"`
				incomplete++
			}
			want = append(want, fmt.Sprintf(`<tr%s><th>%s</th><td class="num">%s</td>`, cls, monthName("ja", c.Month, true), fmtNum(c.Leads)))
		}
		if incomplete != gyakusan.CohortWindow {
			t.Errorf("%d incomplete cohorts, want %d", incomplete, gyakusan.CohortWindow)
		}
		want = append(want, `<td class="num">`+sp.Plan.Rates.Meeting.String()+`%</td><td class="num bad">`+rep.ActualRates.Meeting.String()+`%</td>`)
		for _, w := range want {
			if !strings.Contains(r.Body, w) {
				t.Errorf("dashboard lacks %s", w)
			}
		}
		if n := strings.Count(r.Body, `<svg class="chart"`); n != 4 {
			t.Errorf("%d charts, want 4", n)
		}
		if strings.Contains(r.Body, "<script>") || strings.Contains(r.Body, " style=") {
			t.Error("inline script or style: the CSP forbids them")
		}
	})
}

func TestDashboardOfAPlanWithoutActuals(t *testing.T) {
	tm := newTeam(t)
	id := tm.actualsPlan()
	for _, lang := range []string{"ja", "en"} {
		r := result(tm.do(req{method: "GET", path: pathOf(id, "/dashboard?lang="+lang), cookie: tm.viewer}))
		want := map[string]string{"ja": "実績はまだありません", "en": "No actuals yet"}[lang]
		if r.Code != 200 || !strings.Contains(r.Body, want) || !strings.Contains(r.Body, `<svg class="chart"`) {
			t.Errorf("%s: dashboard without actuals = %d", lang, r.Code)
		}
	}
}

func TestTheSheetLinksToTheDashboardAndItsTabsBack(t *testing.T) {
	tm := newTeam(t)
	id := tm.actualsPlan()
	if s := tm.get(pathOf(id, ""), tm.viewer); !strings.Contains(s.Body, `href="`+pathOf(id, "/dashboard")+`"`) {
		t.Error("the sheet does not link to the dashboard")
	}
	d := tm.get(pathOf(id, "/dashboard"), tm.editor)
	for _, href := range []string{pathOf(id, ""), pathOf(id, "/import"), pathOf(id, "/actuals")} {
		if !strings.Contains(d.Body, `href="`+href+`"`) {
			t.Errorf("dashboard tabs lack %s", href)
		}
	}
}

func TestActualRatesAreTheDashboardsMeasuredRates(t *testing.T) {
	tm, id, today := liveTeam(t, storetest.Open(t))
	ctx := context.Background()
	rates := ActualRatesOf(tm.db, tm.db, tm.clock)
	got, ok, err := rates(ctx, tm.orgID, id)
	if err != nil || !ok {
		t.Fatalf("rates = %v, %v", ok, err)
	}
	sp := tm.plan(id)
	res, _ := gyakusan.Compute(sp.Plan)
	act, _ := tm.db.Actuals(ctx, tm.orgID, id)
	act.AsOf = today
	ar := gyakusan.Report(sp.Plan, res, act).ActualRates
	if int64(got.Meeting) != int64(*ar.Meeting) || int64(got.Opportunity) != int64(*ar.Opportunity) || int64(got.Win) != int64(*ar.Win) {
		t.Errorf("rates = %+v, report %v %v %v", got, *ar.Meeting, *ar.Opportunity, *ar.Win)
	}
	if _, ok, err := rates(ctx, tm.orgID, tm.actualsPlan()); ok || err != nil {
		t.Errorf("a plan without actuals has rates: %v, %v", ok, err)
	}
	if _, _, err := rates(ctx, tm.orgID+1000, id); gyakusan.ErrorCode(err) != gyakusan.CodeNotFound {
		t.Errorf("another org = %v", err)
	}
}
