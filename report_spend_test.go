package gyakusan

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
)

func yenp(y *Yen) string {
	if y == nil {
		return "nil"
	}
	return Grouped(int64(*y))
}

func TestHandTypedSpendFillsActualSpendByMonthChannelAndTotal(t *testing.T) {
	p, r := reportPlan(t)
	apr, may := MonthOf(2025, 4), MonthOf(2025, 5)
	rep := Report(p, r, Actuals{
		Cells: []ActualCell{
			{Month: apr, Channel: "広告", Stage: StageLead, Count: 80, Cohort: 80},
			{Month: apr, Channel: "広告", Stage: StageMeeting, Count: 16, Cohort: 16},
			{Month: apr, Channel: "広告", Stage: StageWon, Count: 2, Cohort: 2, Revenue: 2_000_000},
			{Month: apr, Channel: "メルマガ", Stage: StageLead, Count: 40, Cohort: 40},
		},
		Spend: []SpendCell{
			{Month: apr, Channel: "広告", Spend: 1_600_000},
			{Month: apr, Channel: "メルマガ", Spend: 100_000},
			{Month: may, Channel: "広告", Spend: 1_500_000},
			// A channel the plan does not have: shown on its own, like leads.
			{Month: may, Channel: "展示会", Spend: 300_000},
		},
		AsOf: DayOf(2025, 5, 20),
	})
	if got := rep.Months[0].Actual.Spend; got != 1_700_000 {
		t.Errorf("April actual spend %d, want 1,700,000", got)
	}
	if got := rep.Months[1].Actual.Spend; got != 1_800_000 {
		t.Errorf("May actual spend %d, want 1,800,000", got)
	}
	if got := rep.Months[0].Channels[0]; got.Name != "広告" || got.Actual.Spend != 1_600_000 {
		t.Errorf("April 広告 %s spend %d, want 1,600,000", got.Name, got.Actual.Spend)
	}
	if got := rep.Total.Actual.Spend; got != 3_500_000 {
		t.Errorf("total actual spend %d, want 3,500,000", got)
	}
	if len(rep.Channels) != 3 || rep.Channels[2].Name != "展示会" || rep.Channels[2].Actual.Spend != 300_000 || rep.Channels[2].Plan.Spend != 0 {
		t.Fatalf("channels %+v: the spend-only channel comes last with its spend", rep.Channels)
	}
	if got := rep.Channels[0].Actual.Spend; got != 3_100_000 {
		t.Errorf("広告 period spend %d, want 3,100,000", got)
	}

	// April, 広告: 1,600,000 over 80 leads, 16 meetings, 2 won.
	ads := rep.Months[0].Channels[0].Cost.Actual
	if yenp(ads.PerLead) != "20,000" || yenp(ads.PerMeeting) != "100,000" || yenp(ads.PerOpportunity) != "nil" || yenp(ads.PerWon) != "800,000" {
		t.Errorf("April 広告 costs %s %s %s %s, want 20,000 100,000 nil 800,000",
			yenp(ads.PerLead), yenp(ads.PerMeeting), yenp(ads.PerOpportunity), yenp(ads.PerWon))
	}
	// The plan's costs sit beside them: the month's planned spend over its
	// planned leads, as the sheet computes them.
	m := rep.Months[0]
	if want := Yen((int64(m.Plan.Spend)*2 + m.Plan.Leads) / (2 * m.Plan.Leads)); m.Cost.Plan.PerLead == nil || *m.Cost.Plan.PerLead != want {
		t.Errorf("April planned cost per lead %s, want %s", yenp(m.Cost.Plan.PerLead), Grouped(int64(want)))
	}
	// Without spend there is no cost: 展示会 spent but brought no lead.
	if c := rep.Channels[2].Cost.Actual; c.PerLead != nil || c.PerWon != nil {
		t.Errorf("展示会 costs %s %s without leads, want nil", yenp(c.PerLead), yenp(c.PerWon))
	}
	if c := rep.Months[2].Cost.Actual; c.PerLead != nil {
		t.Errorf("June cost per lead %s with nothing spent, want nil", yenp(c.PerLead))
	}
	planned := rep.Total.Plan.Spend
	if want := dec(ratio(3_500_000, int64(planned))); dec(rep.Total.Attainment.Spend) != want {
		t.Errorf("spend attainment %s, want %s of %d", dec(rep.Total.Attainment.Spend), want, planned)
	}
	// April is the only complete month: the pace spends 1,700,000 a month.
	if f := rep.Forecast; f.PerMonth.Spend != 1_700_000 || f.Landing.Spend != 3_500_000+4*1_700_000 || f.Gap.Spend != f.Landing.Spend-planned {
		t.Errorf("forecast spend: pace %d, landing %d, gap %d", f.PerMonth.Spend, f.Landing.Spend, f.Gap.Spend)
	}
}

func TestSpendOfALeadSourceLandsOnItsPlanChannel(t *testing.T) {
	p, r := reportPlan(t)
	apr := MonthOf(2025, 4)
	// "ads" is the kind of 広告, as an import's lead source would say it.
	rep := Report(p, r, Actuals{Spend: []SpendCell{{Month: apr, Channel: "ads", Spend: 500_000}, {Month: apr, Channel: "広告", Spend: 1}}})
	if len(rep.Channels) != 2 || rep.Months[0].Channels[0].Actual.Spend != 500_001 {
		t.Errorf("channels %d, April 広告 spend %d; want 2, 500,001", len(rep.Channels), rep.Months[0].Channels[0].Actual.Spend)
	}
	if rep.AsOf != apr {
		t.Errorf("as of %s: without a day, the last month with a figure (spend counts)", rep.AsOf)
	}
}

func TestReportJSONHasActualSpendAndCosts(t *testing.T) {
	p, r := reportPlan(t)
	apr := MonthOf(2025, 4)
	rep := Report(p, r, Actuals{
		Cells: []ActualCell{{Month: apr, Channel: "広告", Stage: StageLead, Count: 50, Cohort: 50}},
		Spend: []SpendCell{{Month: apr, Channel: "広告", Spend: 1_000_000}},
		AsOf:  DayOf(2025, 4, 30),
	})
	b, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Months []struct {
			Actual map[string]any `json:"actual"`
			Cost   struct {
				Actual map[string]any `json:"actual"`
			} `json:"cost"`
			Channels []struct {
				Actual map[string]any `json:"actual"`
			} `json:"channels"`
		} `json:"months"`
		Total struct {
			Actual     map[string]any `json:"actual"`
			Attainment map[string]any `json:"attainment"`
		} `json:"total"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	if got := doc.Months[0].Actual["spend"]; got != 1e6 {
		t.Errorf(".months[0].actual.spend = %v, want 1000000", got)
	}
	if got := doc.Months[0].Channels[0].Actual["spend"]; got != 1e6 {
		t.Errorf(".months[0].channels[0].actual.spend = %v", got)
	}
	if got := doc.Months[0].Cost.Actual["per_lead"]; got != 20000.0 {
		t.Errorf(".months[0].cost.actual.per_lead = %v, want 20000", got)
	}
	if _, ok := doc.Months[1].Actual["spend"]; !ok {
		t.Error(".months[1].actual has no spend: it is there even when nothing was spent")
	}
	if got := doc.Total.Actual["spend"]; got != 1e6 {
		t.Errorf(".total.actual.spend = %v", got)
	}
	if _, ok := doc.Total.Attainment["spend"]; !ok || !strings.Contains(string(b), `"per_won":null`) {
		t.Error("no spend attainment or no per_won cost")
	}
}

func TestStoredReportOfSpendAloneHasActuals(t *testing.T) {
	p, _ := reportPlan(t)
	onlySpend := actualsFunc(func(int64, int64) (Actuals, error) {
		return Actuals{Spend: []SpendCell{{Month: MonthOf(2025, 4), Channel: "広告", Spend: 10}}}, nil
	})
	rep, has, err := StoredReport(context.Background(), onlySpend, StoredPlan{Plan: p}, DayOf(2025, 4, 30))
	if err != nil || !has || rep.Total.Actual.Spend != 10 {
		t.Errorf("has=%v err=%v spend %d; want true, nil, 10: exports add actuals for typed spend too", has, err, rep.Total.Actual.Spend)
	}
}
