package gyakusan

import (
	"testing"
)

func reportPlan(t *testing.T) (Plan, Result) {
	t.Helper()
	p, err := ParsePlan([]byte(`{"name": "FY2025", "start_month": "2025-04", "months": 6, "target": {"won": 30},
		"unit_price": 1000000, "rates": {"meeting": 20, "opportunity": 50, "win": 25},
		"channels": [{"name": "広告", "kind": "ads", "share": 100, "cpa": 20000}, {"name": "メルマガ", "kind": "email", "leads": 50}]}`))
	if err != nil {
		t.Fatal(err)
	}
	r, err := Compute(p)
	if err != nil {
		t.Fatal(err)
	}
	return p, r
}

func dec(d *Decimal) string {
	if d == nil {
		return "nil"
	}
	return d.String()
}

func TestReportCountsEventsInTheMonthTheyHappened(t *testing.T) {
	p, r := reportPlan(t)
	leads := []Lead{
		// Created in April, met in May, won in June.
		{ID: "1", Channel: "広告", Created: DayOf(2025, 4, 10), Meeting: DayOf(2025, 5, 2), Opportunity: DayOf(2025, 5, 20), Won: DayOf(2025, 6, 3), Amount: 1_000_000},
		{ID: "2", Channel: "メルマガ", Created: DayOf(2025, 4, 11)},
		{ID: "3", Channel: "展示会", Created: DayOf(2025, 5, 1), Meeting: DayOf(2025, 5, 9)},
		// Before the plan period: counted nowhere.
		{ID: "4", Channel: "広告", Created: DayOf(2025, 3, 31)},
	}
	rep := Report(p, r, Actuals{Cells: CountLeads(leads), AsOf: DayOf(2025, 6, 15)})
	if len(rep.Months) != 6 || rep.Months[0].Plan.Won != r.Months[0].Won || rep.Months[0].Plan.Leads != r.Months[0].Leads {
		t.Fatalf("month plan %+v, want the result's %+v", rep.Months[0].Plan, r.Months[0].Funnel)
	}
	apr, may, jun := rep.Months[0].Actual, rep.Months[1].Actual, rep.Months[2].Actual
	if apr != (Figures{Leads: 2}) || may != (Figures{Leads: 1, Meetings: 2, Opportunities: 1}) || jun != (Figures{Won: 1, Revenue: 1_000_000}) {
		t.Fatalf("actuals by month: %+v %+v %+v", apr, may, jun)
	}
	if !rep.Months[2].Elapsed || rep.Months[3].Elapsed {
		t.Fatalf("elapsed flags wrong around the as-of month")
	}
	if got := rep.Total.Actual; got.Leads != 3 || got.Won != 1 || got.Revenue != 1_000_000 {
		t.Fatalf("total actual %+v", got)
	}
	if names := [3]string{rep.Channels[0].Name, rep.Channels[1].Name, rep.Channels[2].Name}; names != [3]string{"広告", "メルマガ", "展示会"} {
		t.Fatalf("channels %v: the plan's first, then actual-only ones", names)
	}
	if rep.Channels[2].Plan != (Figures{}) || rep.Channels[2].Actual.Meetings != 1 {
		t.Fatalf("actual-only channel %+v", rep.Channels[2])
	}
	want := rep.Total.Plan.Won
	if w := dec(rep.Total.Attainment.Won); want != 30 || w != "3.33" {
		t.Fatalf("won attainment %s of plan %d, want 3.33 of 30", w, want)
	}
	if len(rep.Cohorts) != 3 || !rep.Cohorts[0].Incomplete || dec(rep.Cohorts[0].MeetingRate) != "50" {
		t.Fatalf("cohorts %+v: April is within the window and half its leads met", rep.Cohorts)
	}
}

func TestHandTypedActualsReplaceImportedCells(t *testing.T) {
	p, r := reportPlan(t)
	apr := MonthOf(2025, 4)
	rep := Report(p, r, Actuals{
		Cells:  []ActualCell{{Month: apr, Channel: "広告", Stage: StageLead, Count: 10, Cohort: 10}},
		Manual: []ActualCell{{Month: apr, Channel: "広告", Stage: StageLead, Count: 12}, {Month: apr, Channel: "メルマガ", Stage: StageWon, Count: 2, Revenue: 2_000_000}},
		AsOf:   DayOf(2025, 4, 30),
	})
	if a := rep.Months[0].Actual; a.Leads != 12 || a.Won != 2 || a.Revenue != 2_000_000 {
		t.Fatalf("April actual %+v, want 12 leads (typed over 10), 2 won", a)
	}
}

func TestBottleneckIsTheStageCostingMostWonDeals(t *testing.T) {
	p, r := reportPlan(t)
	// Complete cohorts (April, as of September): leads and meeting rate on
	// plan, opportunity rate 25 % instead of 50 %, win rate on plan.
	var cells []ActualCell
	for i, m := range []Month{MonthOf(2025, 4), MonthOf(2025, 5), MonthOf(2025, 6)} {
		leads := r.Months[i].Leads
		cells = append(cells,
			ActualCell{Month: m, Channel: "広告", Stage: StageLead, Count: leads, Cohort: leads},
			ActualCell{Month: m, Channel: "広告", Stage: StageMeeting, Count: leads / 5, Cohort: leads / 5},
			ActualCell{Month: m, Channel: "広告", Stage: StageOpportunity, Count: leads / 20, Cohort: leads / 20},
			ActualCell{Month: m, Channel: "広告", Stage: StageWon, Count: leads / 80, Cohort: leads / 80, Revenue: Yen(leads/80) * 1_000_000})
	}
	rep := Report(p, r, Actuals{Cells: cells, AsOf: DayOf(2025, 9, 10)})
	if rep.Bottleneck == nil || rep.Bottleneck.Stage != StageOpportunity || rep.Bottleneck.LostWon <= 0 {
		t.Fatalf("bottleneck %+v, want the opportunity rate", rep.Bottleneck)
	}
	if dec(rep.ActualRates.Opportunity) != "25" {
		t.Fatalf("actual opportunity rate %s, want 25", dec(rep.ActualRates.Opportunity))
	}
	f := rep.Forecast
	if f.Remaining != 0 || f.Landing.Won != f.Actual.Won {
		t.Fatalf("forecast %+v: the period is over, landing is the actual", f)
	}
}

func TestForecastExtendsThePaceOfTheLastCompleteMonths(t *testing.T) {
	p, r := reportPlan(t)
	var cells []ActualCell
	for i := range 3 { // April–June, as of mid-June: April and May are complete.
		cells = append(cells, ActualCell{Month: MonthOf(2025, 4+i), Channel: "広告", Stage: StageWon, Count: int64(2 + 2*i), Revenue: Yen(2+2*i) * 1_000_000})
	}
	rep := Report(p, r, Actuals{Cells: cells, AsOf: DayOf(2025, 6, 15)})
	f := rep.Forecast
	// Pace: (2 + 4) / 2 = 3 a month; 3 months left; to date 2+4+6 = 12.
	if f.PerMonth.Won != 3 || f.Remaining != 3 || f.Landing.Won != 21 || f.Gap.Won != 21-30 {
		t.Fatalf("forecast %+v", f)
	}
}
