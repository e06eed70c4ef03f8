package gyakusan

import (
	"sort"
	"strconv"
)

// Figures are the stage counts, revenue and spend of a month, a channel or
// a whole period, planned or actual (actual spend is typed by hand).
type Figures struct {
	Leads         int64 `json:"leads"`
	Meetings      int64 `json:"meetings"`
	Opportunities int64 `json:"opportunities"`
	Won           int64 `json:"won"`
	Revenue       Yen   `json:"revenue"`
	Spend         Yen   `json:"spend"`
}

// FigureNames are the JSON names of the figures, in funnel order then money.
var FigureNames = []string{"leads", "meetings", "opportunities", "won", "revenue", "spend"}

// Value returns the figure of that JSON name (see FigureNames); 0 for any
// other name.
func (f Figures) Value(name string) int64 {
	switch name {
	case "leads":
		return f.Leads
	case "meetings":
		return f.Meetings
	case "opportunities":
		return f.Opportunities
	case "won":
		return f.Won
	case "revenue":
		return int64(f.Revenue)
	case "spend":
		return int64(f.Spend)
	}
	return 0
}

func (f Figures) add(g Figures) Figures {
	return Figures{f.Leads + g.Leads, f.Meetings + g.Meetings, f.Opportunities + g.Opportunities,
		f.Won + g.Won, f.Revenue + g.Revenue, f.Spend + g.Spend}
}

func (f *Figures) stage(s Stage) *int64 {
	switch s {
	case StageMeeting:
		return &f.Meetings
	case StageOpportunity:
		return &f.Opportunities
	case StageWon:
		return &f.Won
	}
	return &f.Leads
}

// Attainment is actual ÷ plan in percent (two decimals) per figure; nil
// where the plan is zero.
type Attainment struct {
	Leads         *Decimal `json:"leads"`
	Meetings      *Decimal `json:"meetings"`
	Opportunities *Decimal `json:"opportunities"`
	Won           *Decimal `json:"won"`
	Revenue       *Decimal `json:"revenue"`
	Spend         *Decimal `json:"spend"` // the share of the planned budget spent
}

// PlanActual sets a plan's figures beside the actual ones, with what a
// lead, a meeting, an opportunity and a won deal cost in each.
type PlanActual struct {
	Plan       Figures    `json:"plan"`
	Actual     Figures    `json:"actual"`
	Attainment Attainment `json:"attainment"`
	Cost       Costs      `json:"cost"`
}

// ReportMonth is one month of the plan period.
type ReportMonth struct {
	Month Month `json:"month"`
	PlanActual
	// Elapsed is true for months up to the report's as-of month; later
	// months have a plan and no actuals yet.
	Elapsed  bool            `json:"elapsed"`
	Channels []ReportChannel `json:"channels"`
}

// ReportChannel is one channel in a month or over the period: the plan's
// channels in their order, then channels found only in the actuals.
type ReportChannel struct {
	Name string `json:"name"`
	PlanActual
}

// CohortRates are the stage rates of the leads created in one month, by
// the stages they have reached so far. Recent cohorts are Incomplete: their
// leads have not had time to reach the later stages.
type CohortRates struct {
	Month           Month    `json:"month"`
	Leads           int64    `json:"leads"`
	Meetings        int64    `json:"meetings"`
	Opportunities   int64    `json:"opportunities"`
	Won             int64    `json:"won"`
	MeetingRate     *Decimal `json:"meeting_rate"`     // meetings ÷ leads, %
	OpportunityRate *Decimal `json:"opportunity_rate"` // opportunities ÷ meetings, %
	WinRate         *Decimal `json:"win_rate"`         // won ÷ opportunities, %
	Incomplete      bool     `json:"incomplete"`
}

// ActualRates are stage rates measured on complete cohorts, in percent.
type ActualRates struct {
	Meeting     *Decimal `json:"meeting"`
	Opportunity *Decimal `json:"opportunity"`
	Win         *Decimal `json:"win"`
}

// Bottleneck is the stage whose shortfall against the plan costs the most
// won deals: LostWon is how many more deals the complete cohorts would have
// won had that stage alone met the plan (for leads: had the plan's leads
// come, converting as the actual leads did).
type Bottleneck struct {
	Stage   Stage  `json:"-"`
	Name    string `json:"stage"` // leads, meetings, opportunities, won
	LostWon int64  `json:"lost_won"`
	Ja      string `json:"ja"`
	En      string `json:"en"`
}

// Forecast is where the period lands at the current pace: the actuals to
// date plus the average of the last complete months (up to three) for each
// month still to come.
type Forecast struct {
	Actual    Figures `json:"actual_to_date"`
	PerMonth  Figures `json:"pace_per_month"`
	Remaining int     `json:"remaining_months"`
	Landing   Figures `json:"landing"`
	Plan      Figures `json:"plan"`
	Gap       Figures `json:"gap"` // landing − plan; negative is short
}

// PlanReport is plan versus actual for a plan's period: PRODUCT.md's report
// JSON (.months[], .channels[], .total) and the analysis the dashboard shows.
type PlanReport struct {
	AsOf         Month           `json:"as_of"`
	Months       []ReportMonth   `json:"months"`
	Channels     []ReportChannel `json:"channels"`
	Total        PlanActual      `json:"total"`
	Cohorts      []CohortRates   `json:"cohorts"`
	PlannedRates Rates           `json:"planned_rates"`
	ActualRates  ActualRates     `json:"actual_rates"`
	Bottleneck   *Bottleneck     `json:"bottleneck"`
	Forecast     Forecast        `json:"forecast"`
}

// CohortWindow is how many of the latest months' cohorts count as still
// incomplete (the as-of month and the two before it): B2B leads take weeks
// to months to reach a won deal.
const CohortWindow = 3

// Report compares a plan's result with its actuals. Actual counts fall in
// the month the event happened (a meeting in the month of its meeting
// date); a hand-typed cell replaces the imported one of the same month,
// channel and stage; actual spend is the hand-typed spend. Channel plans carry the plan's leads, meetings and
// spend; their opportunities and won deals follow forward at the plan's
// rates, rounded down, so channels may add up to less than the month.
func Report(p Plan, r Result, a Actuals) PlanReport {
	cells := matchChannels(p, mergeCells(a))
	spend := matchSpend(p, a.Spend)
	rep := PlanReport{PlannedRates: p.Rates}
	rep.AsOf = asOfMonth(a, cells, spend, r)

	chanIndex := map[string]int{}
	var names []string
	for _, c := range r.Channels {
		if _, ok := chanIndex[c.Name]; !ok {
			chanIndex[c.Name] = len(names)
			names = append(names, c.Name)
		}
	}
	var extra []string
	first, last := Month(0), Month(-1)
	if len(r.Months) > 0 {
		first, last = r.Months[0].Month, r.Months[len(r.Months)-1].Month
	}
	addExtra := func(channel string, m Month) {
		if _, ok := chanIndex[channel]; !ok && m >= first && m <= last {
			chanIndex[channel] = -1
			extra = append(extra, channel)
		}
	}
	for k := range cells {
		addExtra(k.channel, k.month)
	}
	for k := range spend {
		addExtra(k.channel, k.month)
	}
	sort.Strings(extra)
	for _, n := range extra {
		chanIndex[n] = len(names)
		names = append(names, n)
	}

	totals := make([]PlanActual, len(names))
	for _, mr := range r.Months {
		rm := ReportMonth{Month: mr.Month, Elapsed: mr.Month <= rep.AsOf, Channels: make([]ReportChannel, len(names))}
		rm.Plan = Figures{Leads: mr.Leads, Meetings: mr.Meetings, Opportunities: mr.Opportunities,
			Won: mr.Won, Revenue: mr.Revenue, Spend: mr.Spend}
		for i, n := range names {
			rm.Channels[i].Name = n
		}
		for _, cm := range mr.Channels {
			i := chanIndex[cm.Name]
			rm.Channels[i].Plan = rm.Channels[i].Plan.add(channelPlan(p, cm))
		}
		for k, c := range cells {
			if k.month != mr.Month {
				continue
			}
			ch := &rm.Channels[chanIndex[k.channel]].Actual
			*ch.stage(k.stage) += c.Count
			*rm.Actual.stage(k.stage) += c.Count
			if k.stage == StageWon {
				ch.Revenue += c.Revenue
				rm.Actual.Revenue += c.Revenue
			}
		}
		for k, v := range spend {
			if k.month == mr.Month {
				rm.Channels[chanIndex[k.channel]].Actual.Spend += v
				rm.Actual.Spend += v
			}
		}
		for i := range rm.Channels {
			rm.Channels[i].compare()
			totals[i].Plan = totals[i].Plan.add(rm.Channels[i].Plan)
			totals[i].Actual = totals[i].Actual.add(rm.Channels[i].Actual)
		}
		rm.compare()
		rep.Total.Plan = rep.Total.Plan.add(rm.Plan)
		rep.Total.Actual = rep.Total.Actual.add(rm.Actual)
		rep.Months = append(rep.Months, rm)
	}
	for i, n := range names {
		totals[i].compare()
		rep.Channels = append(rep.Channels, ReportChannel{Name: n, PlanActual: totals[i]})
	}
	rep.Total.compare()
	measured, all := rep.cohorts(cells, first, last)
	rep.bottleneck(p, measured, all)
	rep.forecast()
	return rep
}

// channelPlan is a channel month's planned figures, forward at the plan's rates.
func channelPlan(p Plan, cm ChannelMonth) Figures {
	opp, _ := yield(cm.Meetings, p.Rates.Opportunity)
	won, _ := yield(opp, p.Rates.Win)
	return Figures{Leads: cm.Leads, Meetings: cm.Meetings, Opportunities: opp, Won: won,
		Revenue: Yen(won) * p.UnitPrice, Spend: cm.Spend}
}

// matchChannels moves the cells of each lead source onto the plan channel
// it belongs to (see MatchChannel), adding up cells that meet.
func matchChannels(p Plan, cells map[cellKey]mergedCell) map[cellKey]mergedCell {
	out := make(map[cellKey]mergedCell, len(cells))
	for k, c := range cells {
		if name, ok := MatchChannel(p, k.channel); ok {
			k.channel = name
		}
		m := out[k]
		m.Count += c.Count
		m.Cohort += c.Cohort
		m.Revenue += c.Revenue
		out[k] = m
	}
	return out
}

// spendKey is a month and channel of hand-typed spend.
type spendKey struct {
	month   Month
	channel string
}

// matchSpend adds the spend cells up by month and plan channel, matched
// like the lead sources (see MatchChannel).
func matchSpend(p Plan, cells []SpendCell) map[spendKey]Yen {
	out := make(map[spendKey]Yen, len(cells))
	for _, c := range cells {
		k := spendKey{c.Month, c.Channel}
		if name, ok := MatchChannel(p, c.Channel); ok {
			k.channel = name
		}
		out[k] += c.Spend
	}
	return out
}

type mergedCell struct {
	Count, Cohort int64
	Revenue       Yen
}

// mergeCells puts imported and hand-typed cells together; a hand-typed
// cell replaces the count and revenue of the imported one and, without
// lead-level data, stands for its cohort too.
func mergeCells(a Actuals) map[cellKey]mergedCell {
	out := map[cellKey]mergedCell{}
	for _, c := range a.Cells {
		k := cellKey{c.Month, c.Channel, c.Stage}
		m := out[k]
		m.Count += c.Count
		m.Cohort += c.Cohort
		m.Revenue += c.Revenue
		out[k] = m
	}
	for _, c := range a.Manual {
		k := cellKey{c.Month, c.Channel, c.Stage}
		m, imported := out[k]
		m.Count, m.Revenue = c.Count, c.Revenue
		if !imported {
			m.Cohort = c.Count
		}
		out[k] = m
	}
	return out
}

// asOfMonth is the month of a.AsOf, else the last month with a figure, else
// the month before the plan starts.
func asOfMonth(a Actuals, cells map[cellKey]mergedCell, spend map[spendKey]Yen, r Result) Month {
	if a.AsOf != 0 {
		return a.AsOf.Month()
	}
	last, found := Month(0), false
	for k, c := range cells {
		if c.Count != 0 && (!found || k.month > last) {
			last, found = k.month, true
		}
	}
	for k, v := range spend {
		if v != 0 && (!found || k.month > last) {
			last, found = k.month, true
		}
	}
	if !found && len(r.Months) > 0 {
		return r.Months[0].Month - 1
	}
	return last
}

// attainment is actual ÷ plan per figure.
func attainment(plan, actual Figures) Attainment {
	return Attainment{ratio(actual.Leads, plan.Leads), ratio(actual.Meetings, plan.Meetings),
		ratio(actual.Opportunities, plan.Opportunities), ratio(actual.Won, plan.Won), ratio(int64(actual.Revenue), int64(plan.Revenue)),
		ratio(int64(actual.Spend), int64(plan.Spend))}
}

// ratio is a ÷ b in percent with two decimals; nil when b is zero.
func ratio(a, b int64) *Decimal {
	if b <= 0 {
		return nil
	}
	v, ok := roundDiv(a, 10000, b)
	if !ok {
		return nil
	}
	d := Decimal(v)
	return &d
}

// cohorts fills the cohorts up to the as-of month and the actual rates, and
// returns the counts those rates are measured on: the complete cohorts', or
// every cohort's when none is complete yet (all is then true).
func (rep *PlanReport) cohorts(cells map[cellKey]mergedCell, first, last Month) (measured Figures, all bool) {
	byMonth := map[Month]Figures{}
	for k, c := range cells {
		if k.month < first || k.month > last || k.month > rep.AsOf {
			continue
		}
		f := byMonth[k.month]
		*f.stage(k.stage) += c.Cohort
		byMonth[k.month] = f
	}
	var every Figures
	complete := false
	for m := first; m <= last && m <= rep.AsOf; m++ {
		f := byMonth[m]
		cr := CohortRates{Month: m, Leads: f.Leads, Meetings: f.Meetings, Opportunities: f.Opportunities, Won: f.Won,
			MeetingRate: ratio(f.Meetings, f.Leads), OpportunityRate: ratio(f.Opportunities, f.Meetings),
			WinRate: ratio(f.Won, f.Opportunities), Incomplete: m > rep.AsOf-CohortWindow}
		if !cr.Incomplete {
			complete = true
			measured = measured.add(f)
		}
		every = every.add(f)
		rep.Cohorts = append(rep.Cohorts, cr)
	}
	if !complete {
		// Only young cohorts: their rates are all there is.
		measured, all = every, true
	}
	m := measured
	rep.ActualRates = ActualRates{ratio(m.Meetings, m.Leads), ratio(m.Opportunities, m.Meetings), ratio(m.Won, m.Opportunities)}
	return measured, all
}

// bottleneckText names each stage's shortfall, in Japanese and English.
var bottleneckText = map[Stage][2]string{
	StageLead:        {"リード数が計画に届いていません", "Fewer leads than planned"},
	StageMeeting:     {"商談化率（リード→商談）が計画を下回っています", "The meeting rate (lead → meeting) is below plan"},
	StageOpportunity: {"案件化率（商談→案件化）が計画を下回っています", "The opportunity rate (meeting → opportunity) is below plan"},
	StageWon:         {"受注率（案件化→受注）が計画を下回っています", "The win rate (opportunity → won) is below plan"},
}

// bottleneck finds the stage costing the most won deals on the cohorts the
// actual rates were measured on (s; all when they are every cohort).
func (rep *PlanReport) bottleneck(p Plan, s Figures, all bool) {
	if s.Leads == 0 {
		return
	}
	type cand struct {
		stage Stage
		lost  int64
	}
	var cands []cand
	// Leads: had the planned leads of the measured months come, at the
	// actual overall conversion.
	var planLeads int64
	for _, cr := range rep.Cohorts {
		if !cr.Incomplete || all {
			planLeads += rep.monthPlan(cr.Month).Leads
		}
	}
	if planLeads > s.Leads {
		if v, ok := roundDiv(planLeads-s.Leads, s.Won, s.Leads); ok {
			cands = append(cands, cand{StageLead, v})
		}
	}
	// Each rate alone at plan, the others as measured.
	if s.Meetings > 0 {
		meetings, _ := roundDiv(s.Leads, int64(p.Rates.Meeting), int64(FullRate))
		if v, ok := roundDiv(meetings, s.Won, s.Meetings); ok {
			cands = append(cands, cand{StageMeeting, v - s.Won})
		}
	}
	if s.Opportunities > 0 {
		opps, _ := roundDiv(s.Meetings, int64(p.Rates.Opportunity), int64(FullRate))
		if v, ok := roundDiv(opps, s.Won, s.Opportunities); ok {
			cands = append(cands, cand{StageOpportunity, v - s.Won})
		}
		if v, ok := roundDiv(s.Opportunities, int64(p.Rates.Win), int64(FullRate)); ok {
			cands = append(cands, cand{StageWon, v - s.Won})
		}
	}
	best := cand{lost: 0}
	for _, c := range cands {
		if c.lost > best.lost {
			best = c
		}
	}
	if best.lost <= 0 {
		return
	}
	t, lost := bottleneckText[best.stage], strconv.FormatInt(best.lost, 10)
	rep.Bottleneck = &Bottleneck{Stage: best.stage, Name: best.stage.String(), LostWon: best.lost,
		Ja: t[0] + "（失注換算 " + lost + " 件）", En: t[1] + " (costing " + lost + " won deals)"}
}

func (rep *PlanReport) monthPlan(m Month) Figures {
	for _, rm := range rep.Months {
		if rm.Month == m {
			return rm.Plan
		}
	}
	return Figures{}
}

func (rep *PlanReport) forecast() {
	f := &rep.Forecast
	f.Plan = rep.Total.Plan
	var complete []Figures
	for _, rm := range rep.Months {
		if !rm.Elapsed {
			f.Remaining++
			continue
		}
		f.Actual = f.Actual.add(rm.Actual)
		if rm.Month < rep.AsOf {
			complete = append(complete, rm.Actual)
		}
	}
	if len(complete) == 0 && f.Actual != (Figures{}) {
		complete = []Figures{f.Actual}
	}
	if len(complete) > 3 {
		complete = complete[len(complete)-3:]
	}
	var sum Figures
	for _, c := range complete {
		sum = sum.add(c)
	}
	if n := int64(len(complete)); n > 0 {
		div := func(v int64) int64 { q, _ := roundDiv(v, 1, n); return q }
		f.PerMonth = Figures{Leads: div(sum.Leads), Meetings: div(sum.Meetings), Opportunities: div(sum.Opportunities),
			Won: div(sum.Won), Revenue: Yen(div(int64(sum.Revenue))), Spend: Yen(div(int64(sum.Spend)))}
	}
	f.Landing = f.Actual.add(f.PerMonth.times(int64(f.Remaining)))
	f.Gap = f.Landing.add(f.Plan.times(-1))
}

// times returns f with every figure multiplied by n.
func (f Figures) times(n int64) Figures {
	return Figures{f.Leads * n, f.Meetings * n, f.Opportunities * n, f.Won * n, f.Revenue * Yen(n), f.Spend * Yen(n)}
}
