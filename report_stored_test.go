package gyakusan

import (
	"context"
	"testing"
)

// actualsFunc is an ActualsReader made of a function.
type actualsFunc func(orgID, planID int64) (Actuals, error)

func (f actualsFunc) Actuals(_ context.Context, orgID, planID int64) (Actuals, error) {
	return f(orgID, planID)
}

func TestStoredReportReadsThePlansOwnActualsAsOfTheDay(t *testing.T) {
	p, r := reportPlan(t)
	sp := StoredPlan{ID: 7, OrgID: 3, Plan: p}
	var asked [2]int64
	leads := []Lead{{ID: "1", Channel: "広告", Created: DayOf(2025, 4, 10), Meeting: DayOf(2025, 5, 2)}}
	a := actualsFunc(func(orgID, planID int64) (Actuals, error) {
		asked = [2]int64{orgID, planID}
		return Actuals{Cells: CountLeads(leads), AsOf: DayOf(2030, 1, 1)}, nil
	})
	rep, has, err := StoredReport(context.Background(), a, sp, DayOf(2025, 5, 20))
	if err != nil || !has {
		t.Fatalf("report: has=%v, %v", has, err)
	}
	if asked != [2]int64{3, 7} {
		t.Errorf("asked for org %d plan %d, want org 3 plan 7", asked[0], asked[1])
	}
	want := Report(p, r, Actuals{Cells: CountLeads(leads), AsOf: DayOf(2025, 5, 20)})
	if rep.AsOf != MonthOf(2025, 5) || rep.Total.Plan != want.Total.Plan || rep.Total.Actual != want.Total.Actual || rep.Months[1].Actual.Meetings != 1 {
		t.Errorf("as of %s, total %+v, May meetings %d; want 2025-05, %+v, 1", rep.AsOf, rep.Total.Actual, rep.Months[1].Actual.Meetings, want.Total.Actual)
	}
}

func TestStoredReportWithoutActualsStillHasThePlan(t *testing.T) {
	p, r := reportPlan(t)
	none := actualsFunc(func(int64, int64) (Actuals, error) { return Actuals{}, nil })
	rep, has, err := StoredReport(context.Background(), none, StoredPlan{Plan: p}, DayOf(2025, 4, 1))
	if err != nil || has || rep.Total.Plan.Won != r.Total.Won || rep.Total.Actual.Won != 0 {
		t.Errorf("has=%v err=%v plan won %d actual won %d; want false, nil, %d, 0", has, err, rep.Total.Plan.Won, rep.Total.Actual.Won, r.Total.Won)
	}
}

func TestStoredReportOfAPlanThatNoLongerValidatesIsItsError(t *testing.T) {
	p, _ := reportPlan(t)
	p.Rates.Win = 0
	none := actualsFunc(func(int64, int64) (Actuals, error) { return Actuals{}, nil })
	if _, _, err := StoredReport(context.Background(), none, StoredPlan{Plan: p}, DayOf(2025, 4, 1)); ErrorCode(err) != CodeInvalid {
		t.Errorf("err = %v, want an invalid-input error", err)
	}
}
