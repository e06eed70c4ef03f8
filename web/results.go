package web

import (
	"fmt"
	"strings"

	"gyakusan"
)

// resultsView is the data of the results fragment: everything the sheet
// computes, ready for the templates. The live preview renders the same
// fragment, so the page and its updates cannot disagree.
type resultsView struct {
	Lang     string
	T        dict
	OK       bool
	R        gyakusan.Result
	Plan     gyakusan.Plan
	Errors   []viewError
	Warnings []viewWarning
	Short    string // the channels do not cover the meetings needed
	Avg      gyakusan.Funnel
	Months   []monthCol
	Funnel   funnelView
	Coverage int64 // planned meetings as a percentage of the meetings needed
	Money    []moneyItem
}

type viewError struct{ Field, Message string }

// viewWarning is a warning; Field names the input it is about, if any.
type viewWarning struct{ Field, Text string }

type monthCol struct {
	Label string
	gyakusan.MonthResult
	Short bool
}

type moneyItem struct{ Label, Value, Hint string }

func (s *Server) results(lang string, ev evaluation) resultsView {
	v := resultsView{Lang: lang, T: dictFor(lang), Plan: ev.Plan}
	for _, e := range ev.Errors {
		v.Errors = append(v.Errors, viewError{Field: e.Field, Message: e.Text(lang)})
	}
	if ev.Result == nil {
		return v
	}
	r := *ev.Result
	v.OK, v.R = true, r
	var shortMonths []string
	var short, unassigned int64
	for _, w := range r.Warnings {
		if w.Code == gyakusan.WarnMeetingsShort {
			continue
		}
		v.Warnings = append(v.Warnings, viewWarning{Field: w.Field, Text: w.Text(lang)})
	}
	for i, m := range r.Months {
		c := monthCol{Label: monthName(lang, m.Month, i == 0), MonthResult: m}
		if len(ev.Plan.Channels) > 0 && m.Planned.Meetings < m.Meetings {
			c.Short = true
			short += m.Meetings - m.Planned.Meetings
			unassigned += m.Unassigned
			shortMonths = append(shortMonths, monthName(lang, m.Month, false))
		}
		v.Months = append(v.Months, c)
	}
	if len(shortMonths) > 0 {
		v.Short = fmt.Sprintf(v.T["warn_short"], strings.Join(shortMonths, ", "), fmtNum(short), fmtNum(unassigned))
	}
	n := int64(len(r.Months))
	avg := func(x int64) int64 { return (x + n - 1) / n }
	t := r.Total.Funnel
	v.Avg = gyakusan.Funnel{Won: avg(t.Won), Opportunities: avg(t.Opportunities), Meetings: avg(t.Meetings),
		Leads: avg(t.Leads), Revenue: gyakusan.Yen(avg(int64(t.Revenue))), Spend: gyakusan.Yen(avg(int64(t.Spend)))}
	if t.Meetings > 0 {
		v.Coverage = r.Total.Planned.Meetings * 100 / t.Meetings
	}
	v.Funnel = funnel(v.T, ev.Plan, t)
	m := r.Money
	v.Money = []moneyItem{
		{Label: v.T["money_spend"], Value: fmtYen(m.Spend)},
		{Label: v.T["money_revenue"], Value: fmtYen(m.RevenueForecast), Hint: v.T["money_revenue_hint"]},
		{Label: v.T["money_cpm"], Value: fmtYenPtr(m.CostPerMeeting)},
		{Label: v.T["money_cpo"], Value: fmtYenPtr(m.CostPerOpportunity)},
		{Label: v.T["money_cac"], Value: fmtYenPtr(m.CAC)},
		{Label: v.T["money_roi"], Value: pctText(m.ROI)},
		{Label: v.T["money_ltvcac"], Value: ratioText(m.LTVCAC)},
	}
	return v
}

func pctText(d *gyakusan.Decimal) string {
	if d == nil {
		return "—"
	}
	return d.String() + "%"
}

func ratioText(d *gyakusan.Decimal) string {
	if d == nil {
		return "—"
	}
	return d.String() + "×"
}

// funnelView is the funnel picture: one trapezoid per stage, widest at the
// leads, with the stage rate between each pair.
type funnelView struct {
	Label  string
	Stages []funnelStage
	Rates  []funnelRate
}

type funnelStage struct {
	Path, Class, Name, Count string
	TextY                    int
}

type funnelRate struct {
	Y    int
	Text string
}

func funnel(t dict, p gyakusan.Plan, f gyakusan.Funnel) funnelView {
	stages := []struct {
		name string
		n    int64
	}{{t["leads"], f.Leads}, {t["meetings"], f.Meetings}, {t["opportunities"], f.Opportunities}, {t["won"], f.Won}}
	rates := []gyakusan.Rate{p.Rates.Meeting, p.Rates.Opportunity, p.Rates.Win}
	widths := []int{320, 250, 186, 128, 84}
	const cx, h, gap = 170, 40, 10
	var v funnelView
	var label []string
	for i, s := range stages {
		y := i * (h + gap)
		top, bot := widths[i]/2, (widths[i]+widths[i+1])/4
		v.Stages = append(v.Stages, funnelStage{
			Path:  fmt.Sprintf("M%d %d L%d %d L%d %d L%d %d Z", cx-top, y, cx+top, y, cx+bot, y+h, cx-bot, y+h),
			Class: fmt.Sprintf("stage stage-%d", i), Name: s.name, Count: fmtNum(s.n), TextY: y + h/2 + 5,
		})
		label = append(label, s.name+" "+fmtNum(s.n))
		if i < len(rates) {
			v.Rates = append(v.Rates, funnelRate{Y: y + h + gap/2 + 4, Text: "↓ " + rates[i].String() + "%"})
		}
	}
	v.Label = strings.Join(label, ", ")
	return v
}
