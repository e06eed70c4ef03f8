package web

import (
	"fmt"
	"html"
	"html/template"
	"strconv"
	"strings"

	"gyakusan"
)

// The charts are inline SVG drawn here, with no chart library and no
// script: colours come from classes in dashboard.css, numbers from the
// report, and every label is escaped.

// chart geometry, in SVG user units (the SVG scales to its box).
const (
	chartW, chartH           = 720.0, 250.0
	padL, padR, padT, padB   = 56.0, 12.0, 14.0, 30.0
	plotW, plotH             = chartW - padL - padR, chartH - padT - padB
	funnelW, funnelRowH      = 720.0, 46.0
	funnelLabelW, funnelNumW = 150.0, 190.0
)

type svg struct{ strings.Builder }

func (b *svg) f(format string, args ...any) { fmt.Fprintf(&b.Builder, format, args...) }

func esc(s string) string { return html.EscapeString(s) }

func num(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }

// niceMax rounds v up to 1, 2, 2.5 or 5 times a power of ten, so that the
// grid lines fall on round numbers.
func niceMax(v int64) int64 {
	if v <= 0 {
		return 1
	}
	p := int64(1)
	for p*10 <= v {
		p *= 10
	}
	for _, m := range []int64{1, 2, 5, 10} {
		if m*p >= v {
			return m * p
		}
	}
	return 10 * p
}

// axes draws the horizontal grid with its labels and the month labels;
// money axes are labelled in short yen, so that they fit the margin.
func (b *svg) axes(lang string, rep gyakusan.PlanReport, top int64, money bool) {
	for i := 0; i <= 4; i++ {
		v := top * int64(i) / 4
		y := padT + plotH - plotH*float64(i)/4
		label := fmtNum(v)
		if money {
			label = shortYen(lang, v)
		}
		b.f(`<line class="grid" x1="%s" y1="%s" x2="%s" y2="%s"/>`, num(padL), num(y), num(padL+plotW), num(y))
		b.f(`<text class="axis" x="%s" y="%s" text-anchor="end">%s</text>`, num(padL-6), num(y+4), esc(label))
	}
	n := float64(len(rep.Months))
	for i, m := range rep.Months {
		x := padL + plotW*(float64(i)+0.5)/n
		cls := "axis"
		if m.Month == rep.AsOf {
			cls = "axis now"
		}
		b.f(`<text class="%s" x="%s" y="%s" text-anchor="middle">%s</text>`, cls, num(x), num(chartH-10), esc(monthName(lang, m.Month, i == 0)))
	}
}

// shortYen writes an axis amount the way each language rounds money:
// 150万 / 2.5億 in Japanese, ¥1.5M / ¥250K in English.
func shortYen(lang string, v int64) string {
	one := func(x int64, unit int64) string {
		s := strconv.FormatFloat(float64(x)/float64(unit), 'f', 1, 64)
		return strings.TrimSuffix(s, ".0")
	}
	if lang == langJa {
		switch {
		case v >= 100_000_000:
			return one(v, 100_000_000) + "億"
		case v >= 10_000:
			return one(v, 10_000) + "万"
		}
		return fmtNum(v)
	}
	switch {
	case v >= 1_000_000_000:
		return "¥" + one(v, 1_000_000_000) + "B"
	case v >= 1_000_000:
		return "¥" + one(v, 1_000_000) + "M"
	case v >= 1_000:
		return "¥" + one(v, 1_000) + "K"
	}
	return "¥" + fmtNum(v)
}

func (b *svg) open(label string, w, h float64) {
	b.f(`<svg class="chart" viewBox="0 0 %s %s" role="img" aria-label="%s" xmlns="http://www.w3.org/2000/svg">`, num(w), num(h), esc(label))
	b.f(`<title>%s</title>`, esc(label))
}

// barChart draws plan and actual bars per month for one figure: a stage,
// or the spend.
func barChart(lang string, t dict, rep gyakusan.PlanReport, f figure) template.HTML {
	if len(rep.Months) == 0 {
		return ""
	}
	key := f.Key
	var top int64
	for _, m := range rep.Months {
		top = max(top, m.Plan.Value(key), m.Actual.Value(key))
	}
	top = niceMax(top)
	var b svg
	b.open(t["dash_chart_"+key], chartW, chartH)
	b.axes(lang, rep, top, f.Money)
	n := float64(len(rep.Months))
	gw := plotW / n
	bw := gw * 0.34
	y := func(v int64) float64 { return padT + plotH - plotH*float64(v)/float64(top) }
	for i, m := range rep.Months {
		x0 := padL + gw*float64(i) + gw*0.14
		pv, av := m.Plan.Value(key), m.Actual.Value(key)
		name := monthName(lang, m.Month, true)
		b.f(`<rect class="bar-plan" x="%s" y="%s" width="%s" height="%s"><title>%s %s: %s</title></rect>`,
			num(x0), num(y(pv)), num(bw), num(padT+plotH-y(pv)), esc(name), esc(t["dash_plan"]), esc(fmtFig(f, pv)))
		if !m.Elapsed {
			continue
		}
		cls := "bar-actual"
		switch {
		case m.Month == rep.AsOf:
			cls += " partial" // the month is still running
		case key == "spend" && av > pv:
			cls += " short" // over budget
		case key != "spend" && av < pv:
			cls += " short"
		}
		b.f(`<rect class="%s" x="%s" y="%s" width="%s" height="%s"><title>%s %s: %s</title></rect>`,
			cls, num(x0+bw+gw*0.04), num(y(av)), num(bw), num(padT+plotH-y(av)), esc(name), esc(t["dash_actual"]), esc(fmtFig(f, av)))
	}
	b.f(`</svg>`)
	return template.HTML(b.String())
}

// cumulativeChart draws won deals added up over the period: the plan, the
// actual to date, and the forecast at the current pace to the period's end.
func cumulativeChart(lang string, t dict, rep gyakusan.PlanReport) template.HTML {
	if len(rep.Months) == 0 {
		return ""
	}
	n := len(rep.Months)
	plan := make([]int64, n)
	actual := make([]int64, 0, n)
	var cp, ca int64
	for i, m := range rep.Months {
		cp += m.Plan.Won
		plan[i] = cp
		if m.Elapsed {
			ca += m.Actual.Won
			actual = append(actual, ca)
		}
	}
	fore := []int64{}
	if len(actual) > 0 && len(actual) < n {
		v := actual[len(actual)-1]
		fore = append(fore, v)
		for range n - len(actual) {
			v += rep.Forecast.PerMonth.Won
			fore = append(fore, v)
		}
	}
	top := plan[n-1]
	for _, v := range append(actual, fore...) {
		top = max(top, v)
	}
	top = niceMax(top)
	var b svg
	b.open(t["dash_chart_won"], chartW, chartH)
	b.axes(lang, rep, top, false)
	x := func(i int) float64 { return padL + plotW*(float64(i)+0.5)/float64(n) }
	y := func(v int64) float64 { return padT + plotH - plotH*float64(v)/float64(top) }
	line := func(cls string, vals []int64, from int) {
		if len(vals) == 0 {
			return
		}
		var pts []string
		for i, v := range vals {
			pts = append(pts, num(x(from+i))+","+num(y(v)))
		}
		b.f(`<polyline class="%s" points="%s"/>`, cls, strings.Join(pts, " "))
		for i, v := range vals {
			if cls == "line-forecast" && i == 0 {
				continue
			}
			b.f(`<circle class="dot-%s" cx="%s" cy="%s" r="3"><title>%s: %s</title></circle>`, cls, num(x(from+i)), num(y(v)),
				esc(monthName(lang, rep.Months[from+i].Month, true)), esc(fmtNum(v)))
		}
	}
	line("line-plan", plan, 0)
	line("line-forecast", fore, len(actual)-1)
	line("line-actual", actual, 0)
	if len(fore) > 0 {
		last := fore[len(fore)-1]
		b.f(`<text class="label-forecast" x="%s" y="%s" text-anchor="end">%s %s</text>`, num(x(n-1)), num(y(last)-8),
			esc(t["dash_landing"]), esc(fmtNum(last)))
	}
	b.f(`</svg>`)
	return template.HTML(b.String())
}

// funnelChart sets the actual stages to date beside the plan to date, with
// the stage rates between them; the bottleneck stage is marked.
func funnelChart(lang string, t dict, rep gyakusan.PlanReport, planToDate gyakusan.Figures, bottleneck string) template.HTML {
	stages := []struct {
		key   string
		stage gyakusan.Stage
	}{{"leads", gyakusan.StageLead}, {"meetings", gyakusan.StageMeeting}, {"opportunities", gyakusan.StageOpportunity}, {"won", gyakusan.StageWon}}
	top := max(planToDate.Leads, rep.Total.Actual.Leads, 1)
	h := funnelRowH*float64(len(stages)) + 8
	var b svg
	b.open(t["dash_chart_funnel"], funnelW, h)
	barW := funnelW - funnelLabelW - funnelNumW
	for i, s := range stages {
		y0 := 4 + funnelRowH*float64(i)
		pv, av := planToDate.Value(s.key), rep.Total.Actual.Value(s.key)
		cls := "funnel-row"
		if s.key == bottleneck {
			cls += " bn"
			b.f(`<rect class="bn-mark" x="2" y="%s" width="%s" height="%s" rx="6"/>`, num(y0-2), num(funnelW-4), num(funnelRowH-4))
		}
		b.f(`<g class="%s">`, cls)
		b.f(`<text class="stage" x="12" y="%s">%s</text>`, num(y0+25), esc(s.stage.Label(lang)))
		pw := barW * float64(pv) / float64(top)
		aw := barW * float64(av) / float64(top)
		b.f(`<rect class="bar-plan" x="%s" y="%s" width="%s" height="14" rx="2"><title>%s: %s</title></rect>`,
			num(funnelLabelW), num(y0+6), num(max(pw, 1)), esc(t["dash_plan_to_date"]), esc(fmtNum(pv)))
		acls := "bar-actual"
		if av < pv {
			acls += " short"
		}
		b.f(`<rect class="%s" x="%s" y="%s" width="%s" height="14" rx="2"><title>%s: %s</title></rect>`,
			acls, num(funnelLabelW), num(y0+22), num(max(aw, 1)), esc(t["dash_actual"]), esc(fmtNum(av)))
		pc := ""
		if pv > 0 {
			pc = " (" + ratioDec(av, pv).String() + "%)"
		}
		b.f(`<text class="nums" x="%s" y="%s" text-anchor="end">%s / %s%s</text>`, num(funnelW-10), num(y0+25),
			esc(fmtNum(av)), esc(fmtNum(pv)), esc(pc))
		b.f(`</g>`)
	}
	b.f(`</svg>`)
	return template.HTML(b.String())
}
