package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"io"
	"strconv"
	"time"

	"gyakusan"
	"gyakusan/export"
)

func init() {
	register(command{name: "plan", summary: "compute a plan's monthly KPIs without storing anything", run: runPlan})
}

// planFlags holds the quick-funnel flags of `gyakusan plan`.
type planFlags struct {
	file, format, start                string
	won, months                        int64
	revenue, unitPrice                 int64
	meetingRate, opportunityRate, rate string
}

func runPlan(ctx context.Context, e env) error {
	fs := newFlags("plan", e)
	var f planFlags
	fs.StringVar(&f.file, "f", "", "plan document (JSON); - for stdin")
	fs.Int64Var(&f.won, "won", 0, "won deals target")
	fs.Int64Var(&f.revenue, "revenue", 0, "revenue target in yen")
	fs.Int64Var(&f.unitPrice, "unit-price", 0, "unit price (≈ LTV) in yen")
	fs.StringVar(&f.meetingRate, "meeting-rate", "", "lead → meeting rate, percent")
	fs.StringVar(&f.opportunityRate, "opportunity-rate", "", "meeting → opportunity rate, percent")
	fs.StringVar(&f.rate, "win-rate", "", "opportunity → won rate, percent")
	fs.Int64Var(&f.months, "months", 1, "months the target covers (with the quick flags)")
	fs.StringVar(&f.start, "start", "", "first month, YYYY-MM (with the quick flags; default this month)")
	fs.StringVar(&f.format, "format", "table", "output: table, json or csv")
	lang := langFlag(fs, "table language")
	if err := parseFlags(fs, e.args); err != nil {
		return err
	}
	lg, err := pickLang(*lang, e)
	if err != nil {
		return err
	}
	if err := checkChoice("--format", f.format, "table", "json", "csv"); err != nil {
		return err
	}
	p, err := f.plan(fs, e.stdin)
	if err != nil {
		return err
	}
	r, err := gyakusan.Compute(p)
	if err != nil {
		return err
	}
	switch f.format {
	case "json":
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(r)
	case "csv":
		return writePlanCSV(e.stdout, p, r)
	}
	return writePlanTable(e.stdout, p, r, lg)
}

// plan builds the plan document from -f or from the quick flags.
func (f planFlags) plan(fs *flag.FlagSet, stdin io.Reader) (gyakusan.Plan, error) {
	if f.file != "" {
		return readPlanFile(f.file, stdin)
	}
	var fields []gyakusan.FieldError
	rate := func(flag, s string) gyakusan.Rate {
		if s == "" {
			fields = append(fields, gyakusan.FieldError{Field: "--" + flag, Rule: gyakusan.RuleRequired})
			return 0
		}
		v, ok := gyakusan.ParseRate(s)
		if !ok {
			fields = append(fields, gyakusan.FieldError{Field: "--" + flag, Rule: gyakusan.RuleRange, Min: "(0", Max: "100"})
		}
		return v
	}
	p := gyakusan.Plan{
		Months:    int(f.months),
		Target:    gyakusan.Target{Won: f.won, Revenue: gyakusan.Yen(f.revenue)},
		UnitPrice: gyakusan.Yen(f.unitPrice),
		Rates: gyakusan.Rates{
			Meeting:     rate("meeting-rate", f.meetingRate),
			Opportunity: rate("opportunity-rate", f.opportunityRate),
			Win:         rate("win-rate", f.rate),
		},
	}
	if f.start == "" {
		p.StartMonth = gyakusan.MonthOfTime(time.Now())
	} else if m, ok := gyakusan.ParseMonth(f.start); ok {
		p.StartMonth = m
	} else {
		fields = append(fields, gyakusan.FieldError{Field: "--start", Rule: gyakusan.RuleFormat, Min: "YYYY-MM"})
	}
	if err := gyakusan.ValidatePlan(p); err != nil {
		// Report every field once: what the flags already said, then the rest.
		said := map[string]bool{}
		for _, f := range fields {
			said[f.Field] = true
		}
		for _, f := range flagNames(err).(*gyakusan.Error).Fields {
			if !said[f.Field] && f.Field != "start_month" {
				fields = append(fields, f)
			}
		}
	}
	if len(fields) > 0 {
		return p, gyakusan.Invalid(fields...)
	}
	return p, nil
}

// flagNames renames document fields to the flags a quick-funnel user typed.
func flagNames(err error) error {
	e, ok := err.(*gyakusan.Error)
	if !ok {
		return gyakusan.Invalid()
	}
	names := map[string]string{
		"target.won": "--won", "target.revenue": "--revenue", "unit_price": "--unit-price",
		"rates.meeting": "--meeting-rate", "rates.opportunity": "--opportunity-rate", "rates.win": "--win-rate",
		"months": "--months",
	}
	out := *e
	out.Fields = nil
	for _, f := range e.Fields {
		if n, ok := names[f.Field]; ok {
			f.Field = n
		}
		if f.Rule == gyakusan.RuleOneOf {
			f.Min = names[f.Min]
		}
		out.Fields = append(out.Fields, f)
	}
	return &out
}

// writePlanCSV writes one row a month, then the total, with each channel's
// leads, meetings and spend as columns.
func writePlanCSV(w io.Writer, p gyakusan.Plan, r gyakusan.Result) error {
	cw := csv.NewWriter(w)
	head := []string{"month", "won", "opportunities", "meetings", "leads", "revenue", "spend",
		"planned_meetings", "planned_won", "unassigned_leads"}
	for _, c := range p.Channels {
		name := export.SafeText(c.Name)
		head = append(head, name+" leads", name+" meetings", name+" spend")
	}
	cw.Write(head)
	row := func(label string, per gyakusan.Period, chans []gyakusan.ChannelMonth) {
		rec := []string{label, i64(per.Won), i64(per.Opportunities), i64(per.Meetings), i64(per.Leads),
			i64(int64(per.Revenue)), i64(int64(per.Spend)), i64(per.Planned.Meetings), i64(per.Planned.Won), i64(per.Unassigned)}
		for _, c := range chans {
			rec = append(rec, i64(c.Leads), i64(c.Meetings), i64(int64(c.Spend)))
		}
		cw.Write(rec)
	}
	for _, m := range r.Months {
		row(m.Month.String(), m.Period, m.Channels)
	}
	total := make([]gyakusan.ChannelMonth, len(r.Channels))
	for i, c := range r.Channels {
		total[i] = gyakusan.ChannelMonth{Name: c.Name, Leads: c.Leads, Meetings: c.Meetings, Spend: c.Spend}
	}
	row("total", r.Total, total)
	cw.Flush()
	return cw.Error()
}

func i64(n int64) string { return strconv.FormatInt(n, 10) }
