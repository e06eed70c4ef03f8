// Package xlsx writes a plan as an Excel workbook laid out like the KPI
// sheet, with live formulas that round as the engine does, and reads a plan
// back from such a workbook.
package xlsx

import (
	"io"

	"github.com/xuri/excelize/v2"

	"gyakusan"
)

// Options choose the workbook's language.
type Options struct {
	Lang string // "ja" or "en" (the default)
	// Report, when the plan has actuals, adds the plan-vs-actual and the
	// monthly actuals sheets.
	Report *gyakusan.PlanReport
}

// The defined names of PRODUCT.md, and the ones import reads back.
const (
	NameTargetWon       = "target_won"
	NameTargetRevenue   = "target_revenue"
	NameUnitPrice       = "unit_price"
	NameMeetingRate     = "meeting_rate"
	NameOpportunityRate = "opportunity_rate"
	NameWinRate         = "win_rate"

	NameTotalWon           = "total_won"
	NameTotalOpportunities = "total_opportunities"
	NameTotalMeetings      = "total_meetings"
	NameTotalLeads         = "total_leads"
	NameTotalRevenue       = "total_revenue"
	NameTotalSpend         = "total_spend"

	NamePlanName      = "plan_name"
	NamePlanYear      = "plan_year"
	NameStartMonth    = "start_month"
	NamePeriodMonths  = "period_months"
	NameEntryDate     = "entry_date"
	NameTargetDate    = "target_date"
	NameNotes         = "notes"
	NameWeights       = "weights"
	NameChannelInputs = "channel_inputs"
)

// Rows of the KPI sheet.
const (
	kRowTitle = iota + 1
	kRowHint
	kRowInput
	kRowName
	kRowYear
	kRowStart
	kRowMonths
	kRowEntry
	kRowTargetDate
	kRowTarget
	kRowUnitPrice
	kRowMeeting
	kRowOpportunity
	kRowWin
	kRowNotes
)

const (
	kRowFunnel   = kRowNotes + 2
	kRowTotalWon = kRowFunnel + 1 // then opportunities, meetings, leads, revenue, spend
)

type styles struct {
	title, header, label, key, text, wrap, count, yen, pct, pct1, pct2, hint int
}

// book is one workbook being built.
type book struct {
	p     gyakusan.Plan
	r     gyakusan.Result
	rep   *gyakusan.PlanReport
	lang  string
	w     words
	st    styles
	f     *excelize.File
	kpi   *grid
	month *grid
	ch    *grid
	calc  *grid // nil without share channels
	names []excelize.DefinedName
}

// Write computes p and writes its workbook to w. Invalid plans produce the
// engine's field errors and no workbook.
func Write(w io.Writer, p gyakusan.Plan, o Options) error {
	res, err := gyakusan.Compute(p)
	if err != nil {
		return err
	}
	b := &book{p: p, r: res, rep: o.Report, lang: o.Lang, w: wordsFor(o.Lang), f: excelize.NewFile()}
	defer b.f.Close()
	if err := b.newStyles(); err != nil {
		return err
	}
	b.kpi = newGrid(b.w.kpiSheet)
	b.month = newGrid(b.w.monthSheet)
	b.ch = newGrid(b.w.channelSheet)
	if b.shareCount() > 0 {
		b.calc = newGrid(b.w.calcSheet)
	}
	b.kpiSheet()
	b.monthSheet()
	b.channelSheet()
	if b.calc != nil {
		b.calcSheet()
	}
	sheets := []*grid{b.kpi, b.month, b.ch}
	if b.rep != nil {
		sheets = append(sheets, b.actualSheets()...)
	}
	if b.calc != nil {
		sheets = append(sheets, b.calc)
	}
	// The new file's Sheet1, the active one, becomes the KPI sheet, and the
	// calc sheet is hidden before any sheet is streamed: deleting, activating
	// or hiding a sheet afterwards makes excelize parse every streamed sheet
	// back, which took half the time of a write.
	if err := b.f.SetSheetName("Sheet1", b.kpi.name); err != nil {
		return err
	}
	for _, g := range sheets {
		if _, err := b.f.NewSheet(g.name); err != nil {
			return err
		}
	}
	if b.calc != nil {
		if err := b.f.SetSheetVisible(b.calc.name, false); err != nil {
			return err
		}
	}
	for _, g := range sheets {
		if err := g.write(b.f); err != nil {
			return err
		}
	}
	for i := range b.names {
		if err := b.f.SetDefinedName(&b.names[i]); err != nil {
			return err
		}
	}
	full := true
	if err := b.f.SetCalcProps(&excelize.CalcPropsOptions{FullCalcOnLoad: &full}); err != nil {
		return err
	}
	return b.f.Write(w)
}

func (b *book) name(n, ref string) {
	b.names = append(b.names, excelize.DefinedName{Name: n, RefersTo: ref})
}

func (b *book) newStyles() error {
	mk := func(s *excelize.Style) int {
		id, err := b.f.NewStyle(s)
		if err != nil {
			panic(err) // the styles are constants of this file
		}
		return id
	}
	yen, pct, pct1, pct2 := "¥#,##0", "0%", "0.0%", "0.00%"
	b.st = styles{
		title:  mk(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}}),
		header: mk(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}}),
		label:  mk(&excelize.Style{Font: &excelize.Font{Bold: true}}),
		key:    mk(&excelize.Style{Font: &excelize.Font{Color: "808080", Size: 9}}),
		text:   mk(&excelize.Style{}),
		wrap:   mk(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}),
		count:  mk(&excelize.Style{NumFmt: 3}), // #,##0
		yen:    mk(&excelize.Style{CustomNumFmt: &yen}),
		pct:    mk(&excelize.Style{CustomNumFmt: &pct}),
		pct1:   mk(&excelize.Style{CustomNumFmt: &pct1}),
		pct2:   mk(&excelize.Style{CustomNumFmt: &pct2}),
		hint:   mk(&excelize.Style{Font: &excelize.Font{Italic: true, Color: "595959"}}),
	}
	return nil
}

// pctStyle shows whole percents without decimals and others with two.
func (b *book) pctStyle(r gyakusan.Rate) int {
	if r%gyakusan.Percent == 0 {
		return b.st.pct
	}
	return b.st.pct2
}

func (b *book) shareCount() int {
	n := 0
	for _, c := range b.p.Channels {
		if c.Share != nil {
			n++
		}
	}
	return n
}

// text writes a text cell, neutralised so that it can never run as a formula.
func (b *book) text(g *grid, row, col int, s string, style int) {
	if s == "" {
		g.set(row, col, nil, style)
		return
	}
	g.set(row, col, escapeText(s), style)
}

// fraction is a rate as the spreadsheet holds it: 25 % is 0.25.
func fraction(r gyakusan.Rate) float64 { return float64(r) / float64(gyakusan.FullRate) }

func (b *book) kpiSheet() {
	g, w, p := b.kpi, b.w, b.p
	g.widths[1], g.widths[2], g.widths[3] = 30, 24, 18
	g.set(kRowTitle, 1, w.kpiTitle, b.st.title)
	g.set(kRowHint, 1, w.hint, b.st.hint)
	g.set(kRowInput, 1, w.inputs, b.st.header)
	g.set(kRowInput, 2, nil, b.st.header)
	g.set(kRowInput, 3, nil, b.st.header)

	input := func(row int, label, key, defined string, v any, style int) {
		g.set(row, 1, label, b.st.label)
		g.set(row, 3, key, b.st.key)
		if s, ok := v.(string); ok {
			b.text(g, row, 2, s, style)
		} else {
			g.set(row, 2, v, style)
		}
		b.name(defined, g.ref(row, 2))
	}
	orNil := func(n int64) any {
		if n == 0 {
			return nil
		}
		return n
	}
	input(kRowName, w.name, "name", NamePlanName, p.Name, b.st.text)
	input(kRowYear, w.year, "year", NamePlanYear, orNil(int64(p.Year)), b.st.count)
	input(kRowStart, w.startMonth, "start_month", NameStartMonth, p.StartMonth.String(), b.st.text)
	input(kRowMonths, w.months, "months", NamePeriodMonths, orNil(int64(p.Months)), b.st.count)
	input(kRowEntry, w.entryDate, "entry_date", NameEntryDate, p.EntryDate, b.st.text)
	input(kRowTargetDate, w.targetDate, "target_date", NameTargetDate, p.TargetDate, b.st.text)
	if p.Target.Won > 0 {
		input(kRowTarget, w.targetWon, "target.won", NameTargetWon, p.Target.Won, b.st.count)
	} else {
		input(kRowTarget, w.targetRevenue, "target.revenue", NameTargetRevenue, int64(p.Target.Revenue), b.st.yen)
	}
	input(kRowUnitPrice, w.unitPrice, "unit_price", NameUnitPrice, orNil(int64(p.UnitPrice)), b.st.yen)
	input(kRowMeeting, w.meetingRate, "rates.meeting", NameMeetingRate, fraction(p.Rates.Meeting), b.pctStyle(p.Rates.Meeting))
	input(kRowOpportunity, w.opportunityRate, "rates.opportunity", NameOpportunityRate, fraction(p.Rates.Opportunity), b.pctStyle(p.Rates.Opportunity))
	input(kRowWin, w.winRate, "rates.win", NameWinRate, fraction(p.Rates.Win), b.pctStyle(p.Rates.Win))
	input(kRowNotes, w.notes, "notes", NameNotes, p.Notes, b.st.wrap)

	g.set(kRowFunnel, 1, w.funnel, b.st.header)
	g.set(kRowFunnel, 2, nil, b.st.header)
	g.set(kRowFunnel, 3, nil, b.st.header)
	t := b.r.Total
	var wonF string
	if p.Target.Won > 0 {
		wonF = NameTargetWon
	} else {
		wonF = ceilDiv(NameTargetRevenue, NameUnitPrice)
	}
	totals := []struct {
		label, key, name, f string
		v                   int64
		style               int
	}{
		{w.won, "total.won", NameTotalWon, wonF, t.Won, b.st.count},
		{w.opportunities, "total.opportunities", NameTotalOpportunities, "SUM(" + b.monthTotalRow(mRowOpp) + ")", t.Opportunities, b.st.count},
		{w.meetings, "total.meetings", NameTotalMeetings, "SUM(" + b.monthTotalRow(mRowMeet) + ")", t.Meetings, b.st.count},
		{w.leads, "total.leads", NameTotalLeads, "SUM(" + b.monthTotalRow(mRowLeads) + ")", t.Leads, b.st.count},
		{w.revenue, "total.revenue", NameTotalRevenue, "SUM(" + b.monthTotalRow(mRowRevenue) + ")", int64(t.Revenue), b.st.yen},
		{w.spend, "total.spend", NameTotalSpend, "SUM(" + b.monthTotalRow(mRowSpend) + ")", int64(t.Spend), b.st.yen},
	}
	for i, x := range totals {
		row := kRowTotalWon + i
		g.set(row, 1, x.label, b.st.label)
		g.formula(row, 2, x.f, x.v, x.style)
		g.set(row, 3, x.key, b.st.key)
		b.name(x.name, g.ref(row, 2))
	}
}
