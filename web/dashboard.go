package web

import (
	"html/template"
	"net/http"

	"gyakusan"
)

// dashboardPage is a plan's dashboard: plan vs actual by month and channel,
// attainment, cohort rates, the bottleneck, the landing forecast and charts.
// It reads aggregates only, so it costs the same for ten leads or a million.
type dashboardPage struct {
	page
	Tabs       planTabs
	PlanError  string // the plan does not compute; nothing else is shown
	AsOf       string
	HasActuals bool
	HasSpend   bool // some spend was typed by hand; else actual spend shows as "—"
	LastImport *gyakusan.ImportCounts
	ImportedAt string
	Figs       []figure
	KPIs       []kpiView
	Months     monthTable
	Channels   []channelView
	Cohorts    []cohortView
	Rates      []rateCompare
	Bottleneck *bottleneckView
	Forecast   []forecastRow
	PaceMonths int
	Costs      []costRow
	LeadsChart template.HTML
	WonChart   template.HTML
	Funnel     template.HTML
	SpendChart template.HTML
}

// figure names one of the figures the dashboard compares.
type figure struct {
	Key   string
	Label string
	Money bool
}

// figures are the report's figures (gyakusan.FigureNames) with their labels.
func figures(t dict) []figure {
	figs := make([]figure, len(gyakusan.FigureNames))
	for i, k := range gyakusan.FigureNames {
		figs[i] = figure{Key: k, Label: t["dash_"+k], Money: moneyFigure(k)}
	}
	return figs
}

// kpiView is one headline figure: the actual to date against the plan to
// date (attainment) and against the whole period (progress).
type kpiView struct {
	figure
	Actual, PlanToDate, PlanTotal string
	Attainment                    string // "" when there is no plan to date
	Class                         string // "good", "warn" or "bad"
	Progress                      string // actual ÷ plan total, for the bar
	NoActual                      bool   // spend: none typed by hand yet
}

// monthTable is plan, actual and attainment per month for each figure.
type monthTable struct {
	T      dict
	Months []monthHead
	Rows   []figureRow
}

type monthHead struct {
	Name    string
	Elapsed bool
	Current bool
}

type figureRow struct {
	figure
	Plan, Actual, Pct []cellView
	PlanSum, ActSum   string
	PctSum            cellView
}

type cellView struct {
	Text  string
	Class string
}

// channelView is one channel: its whole-period table and, month by month,
// the same rows.
type channelView struct {
	Name   string
	InPlan bool
	Rows   []channelFigure
	Months monthTable
}

type channelFigure struct {
	figure
	Plan, Actual string
	Pct          cellView
}

type cohortView struct {
	Month                                 string
	Leads, Meetings, Opportunities, Won   string
	MeetingRate, OpportunityRate, WinRate cellView
	Incomplete                            bool
}

// rateCompare is one stage rate, planned against measured.
type rateCompare struct {
	Label, Plan, Actual string
	Class               string
	Bottleneck          bool
}

type bottleneckView struct {
	Stage   string
	Text    string
	LostWon string
	Cost    string // the lost deals at the plan's unit price
}

type forecastRow struct {
	figure
	ToDate, Pace, Landing, Plan, Gap string
	Short                            bool // the gap is bad: fewer results, or more spend, than planned
}

// costRow is what a lead, a meeting and a won deal cost, planned against
// actual, for the whole plan (Name "") or one channel.
type costRow struct {
	Name  string
	Cells []costCell // per lead, per meeting, per won deal
}

type costCell struct {
	Plan, Actual string
	Class        string
}

// dashboard shows a plan's dashboard to every member.
func (s *Server) dashboard(w http.ResponseWriter, r *http.Request) {
	sp, pr, a, err := s.loadPlanActuals(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	pg := &dashboardPage{page: s.page(r, "dash_title")}
	pg.Title = sp.Plan.Name + " · " + pg.T["dash_title"]
	pg.Tabs = tabsFor(pg.page, sp, pr, "dashboard")
	res, err := gyakusan.Compute(sp.Plan)
	if err != nil {
		pg.PlanError = pg.T["dash_plan_invalid"]
		s.render(w, r, http.StatusOK, "dashboard", pg)
		return
	}
	act, err := a.Actuals(r.Context(), pr.Org.ID, sp.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	act.AsOf = s.today()
	if pg.LastImport, pg.ImportedAt, err = s.lastImport(r, a, pr.Org.ID, sp.ID); err != nil {
		s.fail(w, r, err)
		return
	}
	pg.HasActuals = !act.Empty()
	pg.HasSpend = len(act.Spend) > 0
	pg.fill(sp.Plan, gyakusan.Report(sp.Plan, res, act))
	s.render(w, r, http.StatusOK, "dashboard", pg)
}

// today is the day the figures are as of, in the server's zone.
func (s *Server) today() gyakusan.Day {
	t := s.now().In(s.tz())
	return gyakusan.DayOf(t.Year(), int(t.Month()), t.Day())
}

// fill turns the report into the page's views.
func (pg *dashboardPage) fill(p gyakusan.Plan, rep gyakusan.PlanReport) {
	lang, t := pg.Lang, pg.T
	pg.AsOf = monthName(lang, rep.AsOf, true)
	figs := figures(t)
	pg.Figs = figs

	var toDate gyakusan.Figures
	for _, m := range rep.Months {
		if m.Elapsed {
			toDate = addFigures(toDate, m.Plan)
		}
	}
	for _, f := range figs {
		k := kpiView{figure: f, PlanToDate: fmtFig(f, toDate.Value(f.Key)), PlanTotal: fmtFig(f, rep.Total.Plan.Value(f.Key))}
		actual := rep.Total.Actual.Value(f.Key)
		if f.Key == "spend" && !pg.HasSpend {
			k.NoActual, k.Actual = true, "—"
		} else {
			k.Actual = fmtFig(f, actual)
			if pt := toDate.Value(f.Key); pt > 0 {
				v := ratioDec(actual, pt)
				k.Attainment, k.Class = v.String()+"%", f.class(v)
			}
			k.Progress = pct(actual, rep.Total.Plan.Value(f.Key))
		}
		pg.KPIs = append(pg.KPIs, k)
	}

	total := make([]gyakusan.PlanActual, len(rep.Months))
	for i, m := range rep.Months {
		total[i] = m.PlanActual
	}
	pg.Months = monthRows(t, lang, figs, rep, total, rep.Total, pg.HasSpend)
	for ci, c := range rep.Channels {
		cv := channelView{Name: channelLabel(p, t, c.Name), InPlan: inPlan(p, c.Name) || (len(p.Channels) == 0 && c.Name == allChannels)}
		for _, f := range figs {
			cf := channelFigure{figure: f, Plan: fmtFig(f, c.Plan.Value(f.Key)), Actual: fmtFig(f, c.Actual.Value(f.Key))}
			if f.Key == "spend" && !pg.HasSpend {
				cf.Actual = "—"
			} else {
				cf.Pct = f.pctCell(c.Actual.Value(f.Key), c.Plan.Value(f.Key))
			}
			cv.Rows = append(cv.Rows, cf)
		}
		per := make([]gyakusan.PlanActual, len(rep.Months))
		for i, m := range rep.Months {
			if ci < len(m.Channels) {
				per[i] = m.Channels[ci].PlanActual
			}
		}
		cv.Months = monthRows(t, lang, figs, rep, per, c.PlanActual, pg.HasSpend)
		pg.Channels = append(pg.Channels, cv)
	}

	for _, c := range rep.Cohorts {
		pg.Cohorts = append(pg.Cohorts, cohortView{Month: monthName(lang, c.Month, true),
			Leads: fmtNum(c.Leads), Meetings: fmtNum(c.Meetings), Opportunities: fmtNum(c.Opportunities), Won: fmtNum(c.Won),
			MeetingRate: rateCell(c.MeetingRate, p.Rates.Meeting, c.Incomplete), OpportunityRate: rateCell(c.OpportunityRate, p.Rates.Opportunity, c.Incomplete),
			WinRate: rateCell(c.WinRate, p.Rates.Win, c.Incomplete), Incomplete: c.Incomplete})
	}
	bn := ""
	if rep.Bottleneck != nil {
		bn = rep.Bottleneck.Name
	}
	for _, rc := range []struct {
		label, stage string
		plan         gyakusan.Rate
		actual       *gyakusan.Decimal
	}{
		{t["dash_meeting_rate"], "meetings", p.Rates.Meeting, rep.ActualRates.Meeting},
		{t["dash_opportunity_rate"], "opportunities", p.Rates.Opportunity, rep.ActualRates.Opportunity},
		{t["dash_win_rate"], "won", p.Rates.Win, rep.ActualRates.Win},
	} {
		c := rateCell(rc.actual, rc.plan, false)
		pg.Rates = append(pg.Rates, rateCompare{Label: rc.label, Plan: rc.plan.String() + "%", Actual: c.Text, Class: c.Class, Bottleneck: bn == rc.stage})
	}
	if b := rep.Bottleneck; b != nil {
		text := b.En
		if lang == langJa {
			text = b.Ja
		}
		pg.Bottleneck = &bottleneckView{Stage: b.Stage.Label(lang), Text: text, LostWon: fmtNum(b.LostWon),
			Cost: fmtYen(gyakusan.Yen(b.LostWon) * p.UnitPrice)}
	}

	fc := rep.Forecast
	pg.PaceMonths = fc.Remaining
	for _, f := range figs {
		if f.Key == "spend" && !pg.HasSpend {
			continue
		}
		gap := fc.Gap.Value(f.Key)
		g := fmtFig(f, gap)
		if gap > 0 {
			g = "+" + g
		}
		short := gap < 0
		if f.Key == "spend" {
			short = gap > 0 // landing over budget
		}
		pg.Forecast = append(pg.Forecast, forecastRow{figure: f, ToDate: fmtFig(f, fc.Actual.Value(f.Key)),
			Pace: fmtFig(f, fc.PerMonth.Value(f.Key)), Landing: fmtFig(f, fc.Landing.Value(f.Key)),
			Plan: fmtFig(f, fc.Plan.Value(f.Key)), Gap: g, Short: short})
	}

	pg.Costs = append(pg.Costs, costRowOf("", rep.Total.Cost))
	for _, c := range rep.Channels {
		pg.Costs = append(pg.Costs, costRowOf(channelLabel(p, t, c.Name), c.Cost))
	}

	pg.LeadsChart = barChart(lang, t, rep, figs[0])
	pg.WonChart = cumulativeChart(lang, t, rep)
	pg.Funnel = funnelChart(lang, t, rep, toDate, bn)
	pg.SpendChart = barChart(lang, t, rep, figs[5])
}

// costRowOf sets the planned unit costs beside the actual ones; an actual
// cost at or below plan is good.
func costRowOf(name string, c gyakusan.Costs) costRow {
	row := costRow{Name: name}
	for _, pair := range [][2]*gyakusan.Yen{{c.Plan.PerLead, c.Actual.PerLead}, {c.Plan.PerMeeting, c.Actual.PerMeeting}, {c.Plan.PerWon, c.Actual.PerWon}} {
		cc := costCell{Plan: fmtYenPtr(pair[0]), Actual: fmtYenPtr(pair[1])}
		if pair[0] != nil && pair[1] != nil {
			cc.Class = "good"
			if *pair[1] > *pair[0] {
				cc.Class = "bad"
			}
		}
		row.Cells = append(row.Cells, cc)
	}
	return row
}

// monthRows builds the plan / actual / attainment rows of one month table;
// without hand-typed spend, the actual spend is left blank rather than ¥0.
func monthRows(t dict, lang string, figs []figure, rep gyakusan.PlanReport, per []gyakusan.PlanActual, sum gyakusan.PlanActual, hasSpend bool) monthTable {
	mt := monthTable{T: t}
	for i, m := range rep.Months {
		mt.Months = append(mt.Months, monthHead{Name: monthName(lang, m.Month, i == 0), Elapsed: m.Elapsed, Current: m.Month == rep.AsOf})
	}
	for _, f := range figs {
		row := figureRow{figure: f, PlanSum: fmtFig(f, sum.Plan.Value(f.Key))}
		for i, pa := range per {
			row.Plan = append(row.Plan, cellView{Text: fmtFig(f, pa.Plan.Value(f.Key))})
			switch {
			case (f.Key == "spend" && !hasSpend) || !rep.Months[i].Elapsed:
				row.Actual = append(row.Actual, cellView{Text: ""})
				row.Pct = append(row.Pct, cellView{Text: ""})
			default:
				a := pa.Actual.Value(f.Key)
				row.Actual = append(row.Actual, cellView{Text: fmtFig(f, a)})
				c := f.pctCell(a, pa.Plan.Value(f.Key))
				if rep.Months[i].Month == rep.AsOf && c.Class != "good" {
					c.Class = "muted" // the month is still running
				}
				row.Pct = append(row.Pct, c)
			}
		}
		if f.Key != "spend" || hasSpend {
			row.ActSum = fmtFig(f, sum.Actual.Value(f.Key))
			row.PctSum = f.pctCell(sum.Actual.Value(f.Key), sum.Plan.Value(f.Key))
		}
		mt.Rows = append(mt.Rows, row)
	}
	return mt
}

func addFigures(a, b gyakusan.Figures) gyakusan.Figures {
	return gyakusan.Figures{Leads: a.Leads + b.Leads, Meetings: a.Meetings + b.Meetings, Opportunities: a.Opportunities + b.Opportunities,
		Won: a.Won + b.Won, Revenue: a.Revenue + b.Revenue, Spend: a.Spend + b.Spend}
}

func fmtFig(f figure, v int64) string {
	if f.Money && v < 0 {
		return "-" + fmtYen(gyakusan.Yen(-v))
	}
	if f.Money {
		return fmtYen(gyakusan.Yen(v))
	}
	return fmtNum(v)
}

// ratioDec is a ÷ b in percent with two decimals, rounded half up, in
// integers like the report's own attainment.
func ratioDec(a, b int64) gyakusan.Decimal {
	if b <= 0 {
		return 0
	}
	if a > 1e14 {
		// Beyond int64 once scaled: yen figures of a trillion and more.
		return gyakusan.Decimal(float64(a)*10000/float64(b) + 0.5)
	}
	return gyakusan.Decimal((a*10000*2 + b) / (2 * b))
}

// attainClass colours an attainment: on plan, near it, or well short.
func attainClass(v gyakusan.Decimal) string {
	switch {
	case v >= 10000:
		return "good"
	case v >= 8000:
		return "warn"
	}
	return "bad"
}

// budgetClass colours the share of a budget spent: within it, a little
// over, or well over.
func budgetClass(v gyakusan.Decimal) string {
	switch {
	case v <= 10000:
		return "good"
	case v <= 11000:
		return "warn"
	}
	return "bad"
}

// class colours f's actual ÷ plan: results should reach the plan, spend
// should stay within it.
func (f figure) class(v gyakusan.Decimal) string {
	if f.Key == "spend" {
		return budgetClass(v)
	}
	return attainClass(v)
}

// pctCell is actual ÷ plan of f as a coloured cell; a dash without a plan.
func (f figure) pctCell(actual, plan int64) cellView {
	if plan <= 0 {
		return cellView{Text: "—"}
	}
	v := ratioDec(actual, plan)
	return cellView{Text: v.String() + "%", Class: f.class(v)}
}

// rateCell is a measured rate against the planned one; an incomplete
// cohort's rate is shown muted, since it will still rise.
func rateCell(actual *gyakusan.Decimal, plan gyakusan.Rate, incomplete bool) cellView {
	if actual == nil {
		return cellView{Text: "—"}
	}
	c := cellView{Text: actual.String() + "%"}
	switch {
	case incomplete:
		c.Class = "muted"
	case int64(*actual) >= int64(plan):
		c.Class = "good"
	default:
		c.Class = "bad"
	}
	return c
}

func inPlan(p gyakusan.Plan, name string) bool {
	for _, c := range p.Channels {
		if c.Name == name {
			return true
		}
	}
	return false
}
