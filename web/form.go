package web

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"gyakusan"
)

// planForm is the plan sheet's inputs as the user typed them, so that a
// value that does not parse is shown back unchanged next to its message.
// Field names in the HTML form are the plan document's JSON paths.
type planForm struct {
	Name, Year, StartMonth, Months, EntryDate, TargetDate, Notes string
	TargetKind, Target, UnitPrice                                string // TargetKind is "revenue" or "won"
	RateMeeting, RateOpportunity, RateWin                        string
	Weights                                                      string // comma-separated, kept from API plans
	Channels                                                     []channelForm
}

// channelForm is one row of the channels table. Mode is "leads" (a fixed
// number a month) or "share" (% of the leads still needed).
type channelForm struct {
	Name, Kind, Mode, Amount, MeetingRate, CPA, FixedCost string
	ListSize, Months, Events, Articles                    string
}

// The repeated form fields of a channel row, in the order of channelForm.
var channelFields = []string{"channels.name", "channels.kind", "channels.mode", "channels.amount",
	"channels.meeting_rate", "channels.cpa", "channels.fixed_cost", "channels.list_size",
	"channels.months", "channels.events_per_month", "channels.articles_per_month"}

// readPlanForm reads the sheet's form values.
func readPlanForm(v url.Values) planForm {
	f := planForm{
		Name: v.Get("name"), Year: v.Get("year"), StartMonth: v.Get("start_month"), Months: v.Get("months"),
		EntryDate: v.Get("entry_date"), TargetDate: v.Get("target_date"), Notes: v.Get("notes"),
		TargetKind: v.Get("target_kind"), Target: v.Get("target"), UnitPrice: v.Get("unit_price"),
		RateMeeting: v.Get("rates.meeting"), RateOpportunity: v.Get("rates.opportunity"), RateWin: v.Get("rates.win"),
		Weights: v.Get("weights"),
	}
	cols := make([][]string, len(channelFields))
	n := 0
	for i, name := range channelFields {
		cols[i] = v[name]
		n = max(n, len(cols[i]))
	}
	at := func(col, row int) string {
		if row < len(cols[col]) {
			return cols[col][row]
		}
		return ""
	}
	for row := range min(n, gyakusan.MaxChannels+1) {
		c := channelForm{Name: at(0, row), Kind: at(1, row), Mode: at(2, row), Amount: at(3, row),
			MeetingRate: at(4, row), CPA: at(5, row), FixedCost: at(6, row), ListSize: at(7, row),
			Months: at(8, row), Events: at(9, row), Articles: at(10, row)}
		f.Channels = append(f.Channels, c)
	}
	return f
}

// formPlan turns the typed values into a plan. A value that does not read
// as its type is a field error; ranges are left to gyakusan.ValidatePlan,
// so the web says exactly what the CLI and the API say.
// rows[k] is the form row of the plan's channel k (blank rows are skipped).
func formPlan(f planForm) (p gyakusan.Plan, rows []int, errs []gyakusan.FieldError) {
	var d formDecoder
	p = gyakusan.Plan{
		Name:       strings.TrimSpace(f.Name),
		EntryDate:  strings.TrimSpace(f.EntryDate),
		TargetDate: strings.TrimSpace(f.TargetDate),
		Notes:      f.Notes,
	}
	p.Year = int(d.count("year", f.Year))
	if s := strings.TrimSpace(f.StartMonth); s != "" {
		if m, ok := gyakusan.ParseMonth(s); ok {
			p.StartMonth = m
		} else {
			d.add("start_month", gyakusan.RuleFormat, "YYYY-MM", "")
		}
	}
	p.Months = int(d.count("months", f.Months))
	switch f.TargetKind {
	case "won":
		p.Target.Won = d.count("target.won", f.Target)
	default:
		p.Target.Revenue = d.yen("target.revenue", f.Target)
	}
	p.UnitPrice = d.yen("unit_price", f.UnitPrice)
	p.Rates.Meeting = d.rate("rates.meeting", f.RateMeeting)
	p.Rates.Opportunity = d.rate("rates.opportunity", f.RateOpportunity)
	p.Rates.Win = d.rate("rates.win", f.RateWin)
	if s := strings.TrimSpace(f.Weights); s != "" {
		for i, w := range splitList(s) {
			p.Weights = append(p.Weights, d.count(fmt.Sprintf("weights[%d]", i), w))
		}
	}
	for i, c := range f.Channels {
		if blankChannel(c) {
			continue // an empty row the user added and left
		}
		key := func(name string) string { return fmt.Sprintf("channels[%d].%s", len(p.Channels), name) }
		ch := gyakusan.Channel{Name: strings.TrimSpace(c.Name), Kind: gyakusan.ChannelKind(c.Kind)}
		if strings.TrimSpace(c.Amount) != "" {
			if c.Mode == "share" {
				r := d.rate(key("share"), c.Amount)
				ch.Share = &r
			} else {
				n := d.count(key("leads"), c.Amount)
				ch.Leads = &n
			}
		}
		if strings.TrimSpace(c.MeetingRate) != "" {
			r := d.rate(key("meeting_rate"), c.MeetingRate)
			ch.MeetingRate = &r
		}
		ch.CPA = d.yen(key("cpa"), c.CPA)
		ch.FixedCost = d.yen(key("fixed_cost"), c.FixedCost)
		ch.ListSize = d.count(key("list_size"), c.ListSize)
		ch.EventsPerMonth = d.count(key("events_per_month"), c.Events)
		ch.ArticlesPerMonth = d.count(key("articles_per_month"), c.Articles)
		for _, m := range splitList(c.Months) {
			n, ok := parseCount(strings.TrimSuffix(m, "月"))
			if !ok || n < 1 || n > 12 {
				d.add(key("months"), gyakusan.RuleRange, "1", "12")
				break
			}
			ch.ActiveMonths = append(ch.ActiveMonths, int(n))
		}
		p.Channels = append(p.Channels, ch)
		rows = append(rows, i)
	}
	return p, rows, d.errs
}

// toRows renames the channel fields of errs from plan positions to form
// rows, so that each message lands on the row the user sees.
func toRows(errs []gyakusan.FieldError, rows []int) []gyakusan.FieldError {
	out := make([]gyakusan.FieldError, len(errs))
	for i, e := range errs {
		var k int
		var rest string
		if n, _ := fmt.Sscanf(e.Field, "channels[%d]", &k); n == 1 && k >= 0 && k < len(rows) {
			_, rest, _ = strings.Cut(e.Field, "]")
			e.Field = fmt.Sprintf("channels[%d]%s", rows[k], rest)
		}
		out[i] = e
	}
	return out
}

func blankChannel(c channelForm) bool {
	for _, s := range []string{c.Name, c.Amount, c.MeetingRate, c.CPA, c.FixedCost, c.ListSize, c.Months, c.Events, c.Articles} {
		if strings.TrimSpace(s) != "" {
			return false
		}
	}
	return true
}

// formOf writes a plan into the sheet's form, numbers with separators.
func formOf(p gyakusan.Plan) planForm {
	f := planForm{
		Name: p.Name, EntryDate: p.EntryDate, TargetDate: p.TargetDate, Notes: p.Notes,
		UnitPrice:   optNum(int64(p.UnitPrice)),
		RateMeeting: optRate(p.Rates.Meeting), RateOpportunity: optRate(p.Rates.Opportunity), RateWin: optRate(p.Rates.Win),
	}
	if p.Year != 0 {
		f.Year = strconv.Itoa(p.Year)
	}
	if p.StartMonth != 0 {
		f.StartMonth = p.StartMonth.String()
	}
	f.Months = strconv.Itoa(p.Period())
	if p.Target.Won != 0 {
		f.TargetKind, f.Target = "won", fmtNum(p.Target.Won)
	} else {
		f.TargetKind, f.Target = "revenue", optNum(int64(p.Target.Revenue))
	}
	var ws []string
	for _, w := range p.Weights {
		ws = append(ws, strconv.FormatInt(w, 10))
	}
	f.Weights = strings.Join(ws, ",")
	for _, c := range p.Channels {
		cf := channelForm{Name: c.Name, Kind: string(c.Kind), Mode: "leads",
			CPA: optNum(int64(c.CPA)), FixedCost: optNum(int64(c.FixedCost)), ListSize: optNum(c.ListSize),
			Events: optNum(c.EventsPerMonth), Articles: optNum(c.ArticlesPerMonth)}
		switch {
		case c.Share != nil:
			cf.Mode, cf.Amount = "share", c.Share.String()
		case c.Leads != nil:
			cf.Amount = fmtNum(*c.Leads)
		}
		if c.MeetingRate != nil {
			cf.MeetingRate = c.MeetingRate.String()
		}
		var ms []string
		for _, m := range c.ActiveMonths {
			ms = append(ms, strconv.Itoa(m))
		}
		cf.Months = strings.Join(ms, ",")
		f.Channels = append(f.Channels, cf)
	}
	return f
}

func optNum(n int64) string {
	if n == 0 {
		return ""
	}
	return fmtNum(n)
}

func optRate(r gyakusan.Rate) string {
	if r == 0 {
		return ""
	}
	return r.String()
}

// formDecoder collects the field errors of one form.
type formDecoder struct{ errs []gyakusan.FieldError }

func (d *formDecoder) add(field string, rule gyakusan.Rule, min, max string) {
	d.errs = append(d.errs, gyakusan.FieldError{Field: field, Rule: rule, Min: min, Max: max})
}

// count reads a whole number such as "1,200"; empty is zero.
func (d *formDecoder) count(field, s string) int64 {
	if strings.TrimSpace(s) == "" {
		return 0
	}
	n, ok := parseCount(s)
	if !ok {
		d.add(field, gyakusan.RuleType, "", "")
	}
	return n
}

// yen reads an amount such as "¥1,000,000", "1000000円"; empty is zero.
func (d *formDecoder) yen(field, s string) gyakusan.Yen {
	s = strings.TrimSpace(normalizeDigits(s))
	s = strings.TrimSuffix(strings.TrimPrefix(s, "¥"), "円")
	if s == "" {
		return 0
	}
	n, ok := parseCount(s)
	if !ok {
		d.add(field, gyakusan.RuleType, "", "")
	}
	return gyakusan.Yen(n)
}

// rate reads a percentage such as "25", "12.5" or "25%"; empty is zero,
// which validation reports as out of range where a rate is required.
func (d *formDecoder) rate(field, s string) gyakusan.Rate {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(normalizeDigits(s)), "%"))
	if s == "" {
		return 0
	}
	r, ok := gyakusan.ParseRate(s)
	if !ok {
		d.add(field, gyakusan.RuleType, "", "")
	}
	return r
}

// parseCount reads a non-negative whole number with optional thousands
// separators (and full-width digits, as Japanese input methods type them).
func parseCount(s string) (int64, bool) {
	s = strings.TrimSpace(normalizeDigits(s))
	s = strings.ReplaceAll(s, ",", "")
	if s == "" || len(s) > 18 {
		return 0, false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0, false
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil
}

// normalizeDigits folds full-width digits and signs to ASCII.
func normalizeDigits(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '０' && r <= '９':
			return '0' + (r - '０')
		case r == '，' || r == '、':
			return ','
		case r == '．':
			return '.'
		case r == '％':
			return '%'
		case r == '￥':
			return '¥'
		case r == '　':
			return ' '
		}
		return r
	}, s)
}

// splitList splits "4,7,10" or "4 7 10" or "4、7" into its items.
func splitList(s string) []string {
	return strings.FieldsFunc(normalizeDigits(s), func(r rune) bool { return r == ',' || r == ' ' || r == '/' })
}
