package main

import (
	"fmt"
	"io"
	"strings"

	"golang.org/x/text/width"

	"gyakusan"
)

// tableWords are the labels of the plan table, from the KPI sheet.
var tableWords = map[string][2]string{
	"plan":         {"プラン", "Plan"},
	"period":       {"期間", "Period"},
	"months":       {"か月", " months"},
	"target":       {"目標", "Target"},
	"unit_price":   {"受注単価(LTV)", "Unit price (LTV)"},
	"rates":        {"歩留まり", "Stage rates"},
	"meeting":      {"商談化率", "Meeting rate"},
	"opportunity":  {"案件化率", "Opportunity rate"},
	"win":          {"受注率", "Win rate"},
	"typical":      {"目安", "typical"},
	"won":          {"受注数", "Won"},
	"opps":         {"案件化数", "Opportunities"},
	"meetings":     {"商談数", "Meetings"},
	"leads":        {"リード数", "Leads"},
	"revenue":      {"売上", "Revenue"},
	"spend":        {"施策費用", "Spend"},
	"total":        {"合計", "Total"},
	"unassigned":   {"未割当リード", "Unassigned leads"},
	"planned":      {"計画チャネルの見込み", "Planned channels bring"},
	"money":        {"費用対効果", "Cost and return"},
	"cpm":          {"商談単価", "Cost per meeting"},
	"cac":          {"受注1件あたり費用(CAC)", "Cost per won deal (CAC)"},
	"roi":          {"ROI", "ROI"},
	"ltvcac":       {"LTV:CAC", "LTV:CAC"},
	"forecast":     {"売上見込み", "Revenue forecast"},
	"scenarios":    {"シナリオ（目安の範囲）", "Scenarios (typical ranges)"},
	"conservative": {"保守的", "Conservative"},
	"standard":     {"標準", "Standard"},
	"optimistic":   {"楽観的", "Optimistic"},
	"warnings":     {"注意", "Warnings"},
	"won_target":   {"受注", "won"},
	"count":        {"件", ""},
}

func word(key, lang string) string {
	w := tableWords[key]
	if lang == "ja" {
		return w[0]
	}
	return w[1]
}

// cellWidth is the width of s on a terminal: East Asian wide and full-width
// characters take two columns.
func cellWidth(s string) int {
	n := 0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return n
}

func padRight(s string, w int) string { return s + strings.Repeat(" ", max(0, w-cellWidth(s))) }
func padLeft(s string, w int) string  { return strings.Repeat(" ", max(0, w-cellWidth(s))) + s }

// grouped writes n with thousands separators.
func grouped(n int64) string { return gyakusan.Grouped(n) }

func yen(y gyakusan.Yen) string { return "¥" + grouped(int64(y)) }

// writePlanTable prints the plan like the KPI sheet: inputs with their
// rates, then stages and channels down, months across, totals last.
func writePlanTable(w io.Writer, p gyakusan.Plan, r gyakusan.Result, lang string) error {
	var b strings.Builder
	if p.Name != "" {
		fmt.Fprintf(&b, "%s: %s\n", word("plan", lang), p.Name)
	}
	last := p.StartMonth.Add(p.Period() - 1)
	months := word("months", lang)
	if p.Period() == 1 && lang == "en" {
		months = " month"
	}
	fmt.Fprintf(&b, "%s: %s – %s (%d%s)\n", word("period", lang), p.StartMonth, last, p.Period(), months)
	if p.Target.Revenue > 0 {
		fmt.Fprintf(&b, "%s: %s  %s: %s\n", word("target", lang), yen(p.Target.Revenue), word("unit_price", lang), yen(p.UnitPrice))
	} else {
		fmt.Fprintf(&b, "%s: %s%s %s\n", word("target", lang), grouped(p.Target.Won), word("count", lang), word("won_target", lang))
	}
	for i, rg := range gyakusan.TypicalRanges {
		v := []gyakusan.Rate{p.Rates.Meeting, p.Rates.Opportunity, p.Rates.Win}[i]
		key := []string{"meeting", "opportunity", "win"}[i]
		fmt.Fprintf(&b, "  %s %s%% (%s %s–%s%%)\n", padRight(word(key, lang), 18), v, word("typical", lang), rg.Low, rg.High)
	}
	b.WriteByte('\n')

	head := []string{""}
	for _, m := range r.Months {
		head = append(head, m.Month.String())
	}
	head = append(head, word("total", lang))
	rows := [][]string{head}
	stage := func(label string, month func(gyakusan.MonthResult) string, total string) {
		row := []string{label}
		for _, m := range r.Months {
			row = append(row, month(m))
		}
		rows = append(rows, append(row, total))
	}
	n := func(v int64) string { return grouped(v) }
	stage(word("won", lang)+" ("+word("win", lang)+" "+p.Rates.Win.String()+"%)", func(m gyakusan.MonthResult) string { return n(m.Won) }, n(r.Total.Won))
	stage(word("opps", lang)+" ("+word("opportunity", lang)+" "+p.Rates.Opportunity.String()+"%)", func(m gyakusan.MonthResult) string { return n(m.Opportunities) }, n(r.Total.Opportunities))
	stage(word("meetings", lang)+" ("+word("meeting", lang)+" "+p.Rates.Meeting.String()+"%)", func(m gyakusan.MonthResult) string { return n(m.Meetings) }, n(r.Total.Meetings))
	stage(word("leads", lang), func(m gyakusan.MonthResult) string { return n(m.Leads) }, n(r.Total.Leads))
	for j, c := range r.Channels {
		stage("  "+c.Name+" ("+c.MeetingRate.String()+"%)", func(m gyakusan.MonthResult) string { return n(m.Channels[j].Leads) }, n(c.Leads))
	}
	if r.Total.Unassigned > 0 {
		stage("  "+word("unassigned", lang), func(m gyakusan.MonthResult) string { return n(m.Unassigned) }, n(r.Total.Unassigned))
	}
	if p.UnitPrice > 0 {
		stage(word("revenue", lang), func(m gyakusan.MonthResult) string { return grouped(int64(m.Revenue)) }, grouped(int64(r.Total.Revenue)))
	}
	if r.Total.Spend > 0 {
		stage(word("spend", lang), func(m gyakusan.MonthResult) string { return grouped(int64(m.Spend)) }, grouped(int64(r.Total.Spend)))
		for j, c := range r.Channels {
			if c.Spend > 0 {
				stage("  "+c.Name, func(m gyakusan.MonthResult) string { return grouped(int64(m.Channels[j].Spend)) }, grouped(int64(c.Spend)))
			}
		}
	}
	if len(p.Channels) > 0 {
		stage(word("planned", lang)+": "+word("meetings", lang), func(m gyakusan.MonthResult) string { return n(m.Planned.Meetings) }, n(r.Total.Planned.Meetings))
		stage(word("planned", lang)+": "+word("won", lang), func(m gyakusan.MonthResult) string { return n(m.Planned.Won) }, n(r.Total.Planned.Won))
	}
	writeGrid(&b, rows)

	if r.Money.Spend > 0 {
		fmt.Fprintf(&b, "\n%s\n", word("money", lang))
		line := func(key, v string) { fmt.Fprintf(&b, "  %s %s\n", padRight(word(key, lang), 26), v) }
		line("spend", yen(r.Money.Spend))
		line("forecast", yen(r.Money.RevenueForecast))
		if r.Money.CostPerMeeting != nil {
			line("cpm", yen(*r.Money.CostPerMeeting))
		}
		if r.Money.CAC != nil {
			line("cac", yen(*r.Money.CAC))
		}
		if r.Money.ROI != nil {
			line("roi", r.Money.ROI.String()+"%")
		}
		if r.Money.LTVCAC != nil {
			line("ltvcac", r.Money.LTVCAC.String())
		}
	}
	fmt.Fprintf(&b, "\n%s\n", word("scenarios", lang))
	sc := [][]string{{"", word("meeting", lang), word("opportunity", lang), word("win", lang), word("meetings", lang), word("leads", lang)}}
	for _, s := range r.Scenarios {
		sc = append(sc, []string{word(s.Name, lang), s.Rates.Meeting.String() + "%", s.Rates.Opportunity.String() + "%",
			s.Rates.Win.String() + "%", n(s.Total.Meetings), n(s.Total.Leads)})
	}
	writeGrid(&b, sc)
	if len(r.Warnings) > 0 {
		fmt.Fprintf(&b, "\n%s\n", word("warnings", lang))
		for _, wn := range r.Warnings {
			fmt.Fprintf(&b, "  ! %s\n", wn.Text(lang))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// writeGrid aligns rows: the first column to the left, numbers to the right.
func writeGrid(b *strings.Builder, rows [][]string) {
	writeColumns(b, rows, func(col int) bool { return col > 0 })
}

// writeColumns pads every column to its widest cell by display width (a
// Japanese character takes two columns, which tabwriter does not know),
// right-aligning the columns right says.
func writeColumns(b *strings.Builder, rows [][]string, right func(col int) bool) {
	widths := map[int]int{}
	for _, row := range rows {
		for i, c := range row {
			widths[i] = max(widths[i], cellWidth(c))
		}
	}
	for _, row := range rows {
		var line strings.Builder
		for i, c := range row {
			if i > 0 {
				line.WriteString("  ")
			}
			if right(i) {
				line.WriteString(padLeft(c, widths[i]))
			} else {
				line.WriteString(padRight(c, widths[i]))
			}
		}
		b.WriteString(strings.TrimRight(line.String(), " ") + "\n")
	}
}
