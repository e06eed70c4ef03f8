package xlsx

import (
	"fmt"

	"gyakusan"
)

// actualSheets builds the plan-vs-actual sheet, whose plan columns follow
// the monthly sheet's live formulas, and the monthly actuals by channel.
// Spend comes last among the figures (actual spend is typed by hand), then
// what a lead, a meeting and a won deal cost, as formulas on the row.
func (b *book) actualSheets() []*grid {
	w, rep, n := b.w, b.rep, b.months()
	pa := newGrid(w.paSheet)
	pa.widths[1] = 14
	pa.set(1, 1, w.paTitle, b.st.title)
	pa.set(3, 1, w.month, b.st.header)
	// The figures in gyakusan.FigureNames' order, with their styles.
	figures := []struct {
		key, label string
		row        int // the figure's row on the monthly sheet
		style      int
	}{{"leads", w.leads, mRowLeads, b.st.count}, {"meetings", w.meetings, mRowMeet, b.st.count},
		{"opportunities", w.opportunities, mRowOpp, b.st.count}, {"won", w.won, mRowWon, b.st.count},
		{"revenue", w.revenue, mRowRevenue, b.st.yen}, {"spend", w.spend, mRowSpend, b.st.yen}}
	const kSpend = 5 // spend's index in figures
	att := func(a gyakusan.Attainment, k int) any {
		d := []*gyakusan.Decimal{a.Leads, a.Meetings, a.Opportunities, a.Won, a.Revenue, a.Spend}[k]
		if d == nil {
			return nil
		}
		return float64(*d) / 10000 // hundredths of a percent → fraction
	}
	for k, f := range figures {
		col := 2 + 3*k
		pa.set(3, col, f.label+" "+w.plan, b.st.header)
		pa.set(3, col+1, f.label+" "+w.actual, b.st.header)
		pa.set(3, col+2, f.label+" "+w.attainment, b.st.header)
		pa.widths[col], pa.widths[col+1], pa.widths[col+2] = 14, 14, 12
	}
	// The unit costs divide the row's spend by its leads, meetings and won
	// deals (figures 0, 1 and 3), rounded to the yen like the report.
	costs := []struct {
		label string
		k     int
		get   func(c gyakusan.UnitCosts) *gyakusan.Yen
	}{
		{w.perLead, 0, func(c gyakusan.UnitCosts) *gyakusan.Yen { return c.PerLead }},
		{w.perMeeting, 1, func(c gyakusan.UnitCosts) *gyakusan.Yen { return c.PerMeeting }},
		{w.perWon, 3, func(c gyakusan.UnitCosts) *gyakusan.Yen { return c.PerWon }},
	}
	costCol := 2 + 3*len(figures)
	for j, c := range costs {
		col := costCol + 2*j
		pa.set(3, col, c.label+" "+w.plan, b.st.header)
		pa.set(3, col+1, c.label+" "+w.actual, b.st.header)
		pa.widths[col], pa.widths[col+1] = 14, 14
	}
	cached := func(y *gyakusan.Yen) any {
		if y == nil {
			return ""
		}
		return int64(*y)
	}
	row := func(r int, label string, pl gyakusan.PlanActual, plan func(k int) string) {
		pa.set(r, 1, label, b.st.label)
		for k, f := range figures {
			col := 2 + 3*k
			pa.formula(r, col, plan(k), pl.Plan.Value(f.key), f.style)
			pa.set(r, col+1, pl.Actual.Value(f.key), f.style)
			pa.formula(r, col+2, fmt.Sprintf(`IF(%s=0,"",%s/%s)`, rel(r, col), rel(r, col+1), rel(r, col)), att(pl.Attainment, k), b.st.pct1)
		}
		for j, c := range costs {
			for side, v := range []*gyakusan.Yen{c.get(pl.Cost.Plan), c.get(pl.Cost.Actual)} {
				spend, count := rel(r, 2+3*kSpend+side), rel(r, 2+3*c.k+side)
				pa.formula(r, costCol+2*j+side, fmt.Sprintf(`IF(OR(%s<=0,%s<=0),"",ROUND(%s/%s,0))`, spend, count, spend, count), cached(v), b.st.yen)
			}
		}
	}
	for i, m := range rep.Months {
		if i >= n {
			break
		}
		row(4+i, m.Month.String(), m.PlanActual, func(k int) string { return b.month.ref(figures[k].row, monthCol(i)) })
	}
	total := 4 + len(rep.Months)
	row(total, w.total, rep.Total, func(k int) string {
		return fmt.Sprintf("SUM(%s:%s)", rel(4, 2+3*k), rel(total-1, 2+3*k))
	})

	ma := newGrid(w.actualSheet)
	ma.widths[1], ma.widths[2] = 12, 24
	ma.set(1, 1, w.actualTitle, b.st.title)
	ma.set(3, 1, w.month, b.st.header)
	ma.set(3, 2, w.channel, b.st.header)
	for k, f := range figures {
		ma.set(3, 3+k, f.label, b.st.header)
	}
	r := 4
	for _, m := range rep.Months {
		for _, c := range m.Channels {
			a := c.Actual
			ma.set(r, 1, m.Month.String(), b.st.text)
			b.text(ma, r, 2, c.Name, b.st.text)
			for k, f := range figures {
				ma.set(r, 3+k, a.Value(f.key), f.style)
			}
			r++
		}
	}
	return []*grid{pa, ma}
}
