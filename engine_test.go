package gyakusan

import (
	"strings"
	"testing"
)

func rate(p int64) *Rate   { r := Rate(p * int64(Percent)); return &r }
func count(n int64) *int64 { return &n }

// seedPlan is the seed sheet's month: 5 won at 25 %, 50 %, 20 %, leads from
// ads 100, email 50 and offline 50.
func seedPlan() Plan {
	return Plan{
		Name: "seed", StartMonth: MonthOf(2026, 4), Months: 1,
		Target:    Target{Won: 5},
		UnitPrice: 1_000_000,
		Rates:     Rates{Meeting: 20 * Percent, Opportunity: 50 * Percent, Win: 25 * Percent},
		Channels: []Channel{
			{Name: "広告", Kind: KindAds, Leads: count(100), CPA: 10_000},
			{Name: "メルマガ", Kind: KindEmail, Leads: count(50)},
			{Name: "展示会", Kind: KindOffline, Leads: count(50), FixedCost: 500_000},
		},
	}
}

func mustCompute(t *testing.T, p Plan) Result {
	t.Helper()
	r, err := Compute(p)
	if err != nil {
		t.Fatalf("Compute: %v", err)
	}
	return r
}

func TestSeedExample(t *testing.T) {
	r := mustCompute(t, seedPlan())
	got := r.Total.Funnel
	want := Funnel{Won: 5, Opportunities: 20, Meetings: 40, Leads: 200, Revenue: 5_000_000, Spend: 1_500_000}
	if got != want {
		t.Fatalf("5 won needs 20 → 40 → 200: got %+v, want %+v", got, want)
	}
	meetings := []int64{20, 10, 10}
	for i, c := range r.Channels {
		if c.Meetings != meetings[i] {
			t.Errorf("channel %s: %d meetings, want %d", c.Name, c.Meetings, meetings[i])
		}
	}
	if r.Total.Planned.Meetings != 40 || r.Total.Planned.Won != 5 {
		t.Errorf("ads 100 + email 50 + offline 50 at 20 %% should give 40 meetings and 5 won, got %+v", r.Total.Planned)
	}
	for _, w := range r.Warnings {
		if w.Code == WarnMeetingsShort {
			t.Errorf("unexpected shortfall warning: %s", w.En)
		}
	}
}

func TestBackwardsStepsRoundUp(t *testing.T) {
	tests := []struct {
		name                     string
		target                   Target
		unit                     Yen
		rates                    Rates
		won, opps, meetings, lds int64
	}{
		{"21 won at 35 % needs 60 opportunities, not 61 as float64 gives",
			Target{Won: 21}, 0, Rates{Meeting: 100 * Percent, Opportunity: 100 * Percent, Win: 35 * Percent}, 21, 60, 60, 60},
		{"a fraction of an opportunity rounds up",
			Target{Won: 5}, 0, Rates{Meeting: 20 * Percent, Opportunity: 50 * Percent, Win: 30 * Percent}, 5, 17, 34, 170},
		{"revenue not a multiple of the unit price rounds won up",
			Target{Revenue: 10_000_001}, 1_000_000, Rates{Meeting: 20 * Percent, Opportunity: 50 * Percent, Win: 25 * Percent}, 11, 44, 88, 440},
		{"two-decimal rates are exact: 7 won at 33.33 %",
			Target{Won: 7}, 0, Rates{Meeting: 12_50, Opportunity: 100 * Percent, Win: 33_33}, 7, 22, 22, 176},
		{"100 % rates pass counts through", Target{Won: 9}, 0, Rates{Meeting: FullRate, Opportunity: FullRate, Win: FullRate}, 9, 9, 9, 9},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := Plan{StartMonth: MonthOf(2026, 1), Months: 1, Target: tt.target, UnitPrice: tt.unit, Rates: tt.rates}
			f := mustCompute(t, p).Total.Funnel
			if f.Won != tt.won || f.Opportunities != tt.opps || f.Meetings != tt.meetings || f.Leads != tt.lds {
				t.Errorf("got won %d opps %d meetings %d leads %d, want %d %d %d %d",
					f.Won, f.Opportunities, f.Meetings, f.Leads, tt.won, tt.opps, tt.meetings, tt.lds)
			}
		})
	}
}

func TestFloat64WouldRoundWrongly(t *testing.T) {
	// The case pinned above, checked against float64 so the test keeps its point.
	won, r := 21.0, 0.35
	if q := won / r; q == 60 {
		t.Skip("float64 happens to be exact here; the pinned case lost its point")
	}
	opps, _ := ceilDiv(21, int64(FullRate), 35*int64(Percent))
	if opps != 60 {
		t.Fatalf("ceilDiv(21 / 35 %%) = %d, want 60", opps)
	}
}

func TestLargestRemainder(t *testing.T) {
	tests := []struct {
		name    string
		total   int64
		weights []int64
		want    []int64
	}{
		{"60 won over 12 equal months is 5 each", 60, ones(12), []int64{5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5}},
		{"ties give the extra to earlier months", 14, ones(12), []int64{2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}},
		{"largest remainders win", 10, []int64{1, 2, 3}, []int64{2, 3, 5}},
		{"zero weight gets nothing", 7, []int64{0, 1, 1}, []int64{0, 4, 3}},
		{"nothing to split", 0, []int64{1, 1}, []int64{0, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := LargestRemainder(tt.total, tt.weights)
			if !ok {
				t.Fatal("not ok")
			}
			if !equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestMonthsAddUpToThePeriod(t *testing.T) {
	p := Plan{StartMonth: MonthOf(2026, 4), Target: Target{Revenue: 123_456_789}, UnitPrice: 1_000_000,
		Rates:   Rates{Meeting: 20 * Percent, Opportunity: 50 * Percent, Win: 25 * Percent},
		Weights: []int64{1, 1, 2, 2, 3, 3, 1, 1, 2, 2, 3, 4}}
	r := mustCompute(t, p)
	var won int64
	for i, m := range r.Months {
		won += m.Won
		if want := MonthOf(2026, 4).Add(i); m.Month != want {
			t.Errorf("month %d is %s, want %s", i, m.Month, want)
		}
	}
	if won != 124 || r.Total.Won != 124 {
		t.Errorf("months add to %d, total %d; want 124 (ceil of 123,456,789 / 1,000,000)", won, r.Total.Won)
	}
	if r.Months[11].Month.String() != "2027-03" {
		t.Errorf("last month %s, want 2027-03", r.Months[11].Month)
	}
}

func TestChannelShares(t *testing.T) {
	t.Run("shares with mixed meeting rates cover the meetings with the fewest leads", func(t *testing.T) {
		p := seedPlan()
		p.Channels = []Channel{
			{Name: "広告", Kind: KindAds, Share: rate(50), MeetingRate: rate(10), CPA: 5_000},
			{Name: "セミナー", Kind: KindSeminar, Share: rate(50), MeetingRate: rate(30)},
		}
		r := mustCompute(t, p)
		m := r.Months[0]
		// 40 meetings at a blended 20 % is 200 leads: 100 ads → 10, 100 seminar → 30.
		if m.Channels[0].Leads != 100 || m.Channels[1].Leads != 100 || m.Meetings != 40 || m.Planned.Meetings != 40 {
			t.Fatalf("got %+v planned %+v", m.Channels, m.Planned)
		}
		if m.Leads != 200 || m.Spend != 500_000 {
			t.Errorf("leads %d spend %d, want 200 and 500,000", m.Leads, m.Spend)
		}
	})
	t.Run("fixed channels first, shares fill the rest", func(t *testing.T) {
		p := seedPlan()
		p.Channels = []Channel{
			{Name: "展示会", Kind: KindOffline, Leads: count(50), MeetingRate: rate(40)},
			{Name: "広告", Kind: KindAds, Share: rate(70)},
			{Name: "メルマガ", Kind: KindEmail, Share: rate(30)},
		}
		m := mustCompute(t, p).Months[0]
		// 50 × 40 % = 20 meetings; 20 left at 20 % need 100 leads: 70 + 30.
		if got := []int64{m.Channels[0].Leads, m.Channels[1].Leads, m.Channels[2].Leads}; !equal(got, []int64{50, 70, 30}) {
			t.Fatalf("leads %v, want [50 70 30]", got)
		}
	})
	t.Run("rounding losses are made up with more leads", func(t *testing.T) {
		p := seedPlan()
		p.Target.Won = 1
		p.Channels = []Channel{
			{Name: "a", Kind: KindAds, Share: rate(33), MeetingRate: rate(15)},
			{Name: "b", Kind: KindEmail, Share: rate(33), MeetingRate: rate(25)},
			{Name: "c", Kind: KindOther, Share: rate(34), MeetingRate: rate(35)},
		}
		m := mustCompute(t, p).Months[0]
		if m.Planned.Meetings < m.Meetings {
			t.Fatalf("planned %d meetings < needed %d", m.Planned.Meetings, m.Meetings)
		}
		// One lead fewer, split the same way, must fall short: the total is minimal.
		split, _ := LargestRemainder(m.Leads-1, []int64{3300, 3300, 3400})
		y := int64(0)
		for k, r := range []Rate{15_00, 25_00, 35_00} {
			v, _ := yield(split[k], r)
			y += v
		}
		if y >= m.Meetings {
			t.Errorf("%d leads would do; plan asks for %d", m.Leads-1, m.Leads)
		}
	})
	t.Run("a channel outside its months brings nothing and costs nothing", func(t *testing.T) {
		p := seedPlan()
		p.Months = 2
		p.Target.Won = 10
		p.Channels = []Channel{
			{Name: "セミナー", Kind: KindSeminar, Leads: count(100), ActiveMonths: []int{5}, FixedCost: 200_000, EventsPerMonth: 2},
			{Name: "広告", Kind: KindAds, Share: rate(100), CPA: 1000},
		}
		r := mustCompute(t, p)
		apr, may := r.Months[0], r.Months[1]
		if apr.Channels[0].Leads != 0 || apr.Channels[0].Spend != 0 || apr.Channels[1].Leads != 200 {
			t.Errorf("April: %+v", apr.Channels)
		}
		if may.Channels[0].Leads != 100 || may.Channels[0].Spend != 400_000 || may.Channels[1].Leads != 100 {
			t.Errorf("May: %+v", may.Channels)
		}
	})
}

func TestShortfallWarning(t *testing.T) {
	p := seedPlan()
	p.Channels[0].Leads = count(60) // 40 fewer ads leads: 8 meetings short
	r := mustCompute(t, p)
	var w *Warning
	for i := range r.Warnings {
		if r.Warnings[i].Code == WarnMeetingsShort {
			w = &r.Warnings[i]
		}
	}
	if w == nil {
		t.Fatal("no shortfall warning")
	}
	if w.Value != 8 || w.Month == nil || w.Month.String() != "2026-04" {
		t.Errorf("warning %+v, want 8 meetings short in 2026-04", w)
	}
	if !strings.Contains(w.Ja, "8件") || !strings.Contains(w.En, "8 meetings") {
		t.Errorf("messages %q / %q should say 8", w.Ja, w.En)
	}
	if r.Total.Unassigned != 40 || r.Total.Leads != 200 || r.Total.Planned.Meetings != 32 || r.Total.Planned.Won != 4 {
		t.Errorf("unassigned %d leads %d planned %+v", r.Total.Unassigned, r.Total.Leads, r.Total.Planned)
	}
}

func TestMoney(t *testing.T) {
	r := mustCompute(t, seedPlan())
	m := r.Money
	if m.Spend != 1_500_000 || *m.CostPerMeeting != 37_500 || *m.CAC != 300_000 || m.RevenueForecast != 5_000_000 {
		t.Errorf("money %+v", m)
	}
	if m.ROI.String() != "233.33" || m.LTVCAC.String() != "3.33" {
		t.Errorf("ROI %s LTV:CAC %s, want 233.33 and 3.33", m.ROI, m.LTVCAC)
	}
}

func TestScenariosAndRangeWarnings(t *testing.T) {
	p := seedPlan()
	p.Rates.Win = 50 * Percent
	r := mustCompute(t, p)
	if len(r.Scenarios) != 3 || r.Scenarios[0].Name != "conservative" || r.Scenarios[0].Total.Leads != 315 {
		t.Errorf("scenarios %+v", r.Scenarios)
	}
	if r.Scenarios[2].Total.Leads >= r.Scenarios[1].Total.Leads || r.Scenarios[1].Total.Leads >= r.Scenarios[0].Total.Leads {
		t.Errorf("optimistic should need fewer leads than standard, standard fewer than conservative")
	}
	if len(r.Warnings) != 1 || r.Warnings[0].Field != "rates.win" || !strings.Contains(r.Warnings[0].Ja, "20〜40%") {
		t.Errorf("want one range warning for the win rate, got %+v", r.Warnings)
	}
}

func TestTooLargeIsAnErrorNotANumber(t *testing.T) {
	p := Plan{StartMonth: MonthOf(2026, 1), Target: Target{Won: MaxCount},
		Rates: Rates{Meeting: 1, Opportunity: 1, Win: 1}}
	_, err := Compute(p)
	if ErrorCode(err) != CodeInvalid || !strings.Contains(err.Error(), "too large") {
		t.Fatalf("got %v", err)
	}
}

func ones(n int) []int64 {
	w := make([]int64, n)
	for i := range w {
		w[i] = 1
	}
	return w
}

func equal(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
