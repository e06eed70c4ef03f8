package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"gyakusan"
	"gyakusan/export"
	"gyakusan/store"
)

func init() {
	register(command{name: "report", summary: "plan vs actual: report --plan ID --format table|json|csv", run: runReport})
}

// runReport prints a stored plan against its actuals as of today.
func runReport(ctx context.Context, e env) error {
	fs := newFlags("report", e)
	planID, org := storedPlanFlags(fs)
	format := fs.String("format", "table", "output: table, json or csv")
	asOf := fs.String("as-of", "", "the day the figures are as of (YYYY-MM-DD); today by default")
	lang := langFlag(fs, "language of the table")
	db := dbFlag(fs, e)
	if err := parseFlags(fs, e.args); err != nil {
		return err
	}
	if err := needPlan(*planID); err != nil {
		return err
	}
	if err := checkChoice("--format", *format, "table", "json", "csv"); err != nil {
		return err
	}
	lg, err := pickLang(*lang, e)
	if err != nil {
		return err
	}
	day := today()
	if *asOf != "" {
		var ok bool
		if day, ok = gyakusan.ParseDay(*asOf); !ok {
			return gyakusan.Invalid(gyakusan.FieldError{Field: "--as-of", Rule: gyakusan.RuleFormat, Min: "YYYY-MM-DD"})
		}
	}
	st, err := store.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	sp, err := storedPlan(ctx, st, *org, *planID)
	if err != nil {
		return err
	}
	rep, err := planReport(ctx, st, sp, day, true)
	if err != nil {
		return err
	}
	switch *format {
	case "json":
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(*rep)
	case "csv":
		return writeReportCSV(e.stdout, *rep)
	}
	return writeReportTable(e.stdout, sp.Plan, *rep, lg)
}

var reportFigures = gyakusan.FigureNames

// reportCosts are the unit costs the report prints, planned and actual.
var reportCosts = []string{"cost_per_lead", "cost_per_meeting", "cost_per_won"}

func unitCost(c gyakusan.UnitCosts, name string) *gyakusan.Yen {
	switch name {
	case "cost_per_lead":
		return c.PerLead
	case "cost_per_meeting":
		return c.PerMeeting
	}
	return c.PerWon
}

// writeReportCSV writes one row per month and channel ("" for the whole
// month, "total" rows at the end), plan and actual side by side, then the
// unit costs (empty where there is nothing to divide).
func writeReportCSV(w io.Writer, rep gyakusan.PlanReport) error {
	cw := csv.NewWriter(w)
	head := []string{"month", "channel"}
	for _, f := range reportFigures {
		head = append(head, "plan_"+f, "actual_"+f)
	}
	for _, c := range reportCosts {
		head = append(head, "plan_"+c, "actual_"+c)
	}
	cw.Write(head)
	cost := func(y *gyakusan.Yen) string {
		if y == nil {
			return ""
		}
		return strconv.FormatInt(int64(*y), 10)
	}
	row := func(month, channel string, pa gyakusan.PlanActual) {
		r := []string{month, channel}
		for _, f := range reportFigures {
			r = append(r, strconv.FormatInt(pa.Plan.Value(f), 10), strconv.FormatInt(pa.Actual.Value(f), 10))
		}
		for _, c := range reportCosts {
			r = append(r, cost(unitCost(pa.Cost.Plan, c)), cost(unitCost(pa.Cost.Actual, c)))
		}
		cw.Write(r)
	}
	for _, m := range rep.Months {
		row(m.Month.String(), "", m.PlanActual)
		for _, c := range m.Channels {
			row(m.Month.String(), export.SafeText(c.Name), c.PlanActual)
		}
	}
	for _, c := range rep.Channels {
		row("total", export.SafeText(c.Name), c.PlanActual)
	}
	row("total", "", rep.Total)
	cw.Flush()
	return cw.Error()
}

func pct(d *gyakusan.Decimal) string {
	if d == nil {
		return "-"
	}
	return d.String() + "%"
}

// writeReportTable prints months, channels, cohorts, the bottleneck and the
// forecast, in the user's language.
func writeReportTable(w io.Writer, p gyakusan.Plan, rep gyakusan.PlanReport, lang string) error {
	ja := lang == "ja"
	t := func(jaText, enText string) string {
		if ja {
			return jaText
		}
		return enText
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s  (%s %s)\n\n", t("プラン", "Plan"), p.Name, t("時点", "as of"), rep.AsOf)
	head := []string{t("月", "Month")}
	for _, f := range []string{"leads", "meetings", "opps", "won", "revenue", "spend"} {
		head = append(head, word(f, lang)+t("(計画/実績)", " (plan/actual)"))
	}
	head = append(head, t("受注達成率", "Won attained"))
	rows := [][]string{head}
	pair := func(pa gyakusan.PlanActual, f string) string {
		if f == "revenue" || f == "spend" {
			return yen(gyakusan.Yen(pa.Plan.Value(f))) + " / " + yen(gyakusan.Yen(pa.Actual.Value(f)))
		}
		return grouped(pa.Plan.Value(f)) + " / " + grouped(pa.Actual.Value(f))
	}
	line := func(label string, pa gyakusan.PlanActual) {
		r := []string{label}
		for _, f := range reportFigures {
			r = append(r, pair(pa, f))
		}
		rows = append(rows, append(r, pct(pa.Attainment.Won)))
	}
	for _, m := range rep.Months {
		line(m.Month.String(), m.PlanActual)
	}
	line(word("total", lang), rep.Total)
	writeGrid(&b, rows)
	b.WriteString("\n")
	rows = [][]string{append([]string{t("チャネル", "Channel")}, head[1:]...)}
	for _, c := range rep.Channels {
		line(c.Name, c.PlanActual)
	}
	writeGrid(&b, rows)
	b.WriteString("\n")
	costYen := func(y *gyakusan.Yen) string {
		if y == nil {
			return "-"
		}
		return yen(*y)
	}
	rows = [][]string{{t("獲得単価（計画/実績）", "Unit costs (plan/actual)"), t("リード単価", "Per lead"), t("商談単価", "Per meeting"), t("顧客獲得単価(CAC)", "Per won deal (CAC)")}}
	costLine := func(label string, c gyakusan.Costs) {
		r := []string{label}
		for _, k := range reportCosts {
			r = append(r, costYen(unitCost(c.Plan, k))+" / "+costYen(unitCost(c.Actual, k)))
		}
		rows = append(rows, r)
	}
	costLine(word("total", lang), rep.Total.Cost)
	for _, c := range rep.Channels {
		costLine(c.Name, c.Cost)
	}
	writeGrid(&b, rows)
	b.WriteString("\n")
	rows = [][]string{{t("コホート（作成月）", "Cohort (created)"), word("leads", lang), word("meeting", lang), word("opportunity", lang), word("win", lang), ""}}
	for _, c := range rep.Cohorts {
		mark := ""
		if c.Incomplete {
			mark = t("未成熟", "incomplete")
		}
		rows = append(rows, []string{c.Month.String(), grouped(c.Leads), pct(c.MeetingRate), pct(c.OpportunityRate), pct(c.WinRate), mark})
	}
	rows = append(rows, []string{t("実績（成熟コホート）", "Actual (complete cohorts)"), "", pct(rep.ActualRates.Meeting), pct(rep.ActualRates.Opportunity), pct(rep.ActualRates.Win), ""})
	rows = append(rows, []string{t("計画", "Plan"), "", rep.PlannedRates.Meeting.String() + "%", rep.PlannedRates.Opportunity.String() + "%", rep.PlannedRates.Win.String() + "%", ""})
	writeGrid(&b, rows)
	b.WriteString("\n")
	if rep.Bottleneck != nil {
		fmt.Fprintf(&b, "%s: %s\n", t("ボトルネック", "Bottleneck"), t(rep.Bottleneck.Ja, rep.Bottleneck.En))
	}
	f := rep.Forecast
	fmt.Fprintf(&b, t("着地見込み（現在のペース）: %s %s / %s %s（計画との差 %s 件）\n", "Landing at the current pace: %s %s / %s %s (gap to plan: %s won)\n"),
		word("won", lang), grouped(f.Landing.Won), word("revenue", lang), yen(f.Landing.Revenue),
		strconv.FormatInt(f.Gap.Won, 10))
	_, err := io.WriteString(w, b.String())
	return err
}
