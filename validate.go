package gyakusan

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Limits of the plan document beyond the arithmetic bounds of PRODUCT.md.
const (
	MaxMonths      = 120
	MaxChannels    = 50
	MaxNameLen     = 200
	MaxNotesLen    = 20000
	MaxYear        = 100
	MaxEventsMonth = 1000
)

// ValidatePlan checks every field of p and reports all that are wrong at
// once, each with its allowed range.
func ValidatePlan(p Plan) error {
	var v validator
	v.text("name", p.Name, MaxNameLen)
	if p.Year != 0 {
		v.count("year", int64(p.Year), 1, MaxYear)
	}
	if p.StartMonth == 0 {
		v.add("start_month", RuleRequired, "", "")
	} else if p.StartMonth.Year() < 1900 || p.StartMonth.Year() > 9999 {
		v.add("start_month", RuleFormat, "YYYY-MM", "")
	}
	if p.Months != 0 {
		v.count("months", int64(p.Months), 1, MaxMonths)
	}
	v.date("entry_date", p.EntryDate, false)
	v.date("target_date", p.TargetDate, true)
	v.text("notes", p.Notes, MaxNotesLen)

	switch {
	case p.Target.Revenue != 0 && p.Target.Won != 0:
		v.add("target.revenue", RuleOneOf, "target.won", "")
	case p.Target.Revenue == 0 && p.Target.Won == 0:
		v.add("target.revenue", RuleRequired, "", "")
	case p.Target.Revenue != 0:
		v.money("target.revenue", p.Target.Revenue, false)
		if p.UnitPrice == 0 {
			v.add("unit_price", RuleRequired, "", "")
		}
	default:
		v.count("target.won", p.Target.Won, 1, MaxCount)
	}
	if p.UnitPrice != 0 || p.Target.Revenue != 0 {
		v.money("unit_price", p.UnitPrice, false)
	}
	v.rate("rates.meeting", p.Rates.Meeting)
	v.rate("rates.opportunity", p.Rates.Opportunity)
	v.rate("rates.win", p.Rates.Win)

	if len(p.Channels) > MaxChannels {
		v.add("channels", RuleLength, "0", strconv.Itoa(MaxChannels))
	}
	var shareSum Rate
	shares := 0
	for i, c := range p.Channels {
		f := func(name string) string { return fmt.Sprintf("channels[%d].%s", i, name) }
		if strings.TrimSpace(c.Name) == "" {
			v.add(f("name"), RuleRequired, "", "")
		} else {
			v.text(f("name"), c.Name, MaxNameLen)
		}
		if !validKind(c.Kind) {
			v.add(f("kind"), RuleChoice, kindList(), "")
		}
		switch {
		case c.Leads != nil && c.Share != nil:
			v.add(f("leads"), RuleOneOf, f("share"), "")
		case c.Leads == nil && c.Share == nil:
			v.add(f("leads"), RuleRequired, "", "")
		case c.Leads != nil:
			v.count(f("leads"), *c.Leads, 0, MaxCount)
		default:
			v.rate(f("share"), *c.Share)
			shareSum += *c.Share
			shares++
		}
		if c.MeetingRate != nil {
			v.rate(f("meeting_rate"), *c.MeetingRate)
		}
		v.money(f("cpa"), c.CPA, true)
		v.money(f("fixed_cost"), c.FixedCost, true)
		v.count(f("list_size"), c.ListSize, 0, MaxCount)
		v.count(f("events_per_month"), c.EventsPerMonth, 0, MaxEventsMonth)
		v.count(f("articles_per_month"), c.ArticlesPerMonth, 0, MaxCount)
		seen := map[int]bool{}
		for _, m := range c.ActiveMonths {
			if m < 1 || m > 12 || seen[m] {
				v.add(f("months"), RuleRange, "1", "12")
				break
			}
			seen[m] = true
		}
	}
	if shares > 0 && shareSum != FullRate {
		v.add("channels.share", RuleSum, shareSum.String(), "100")
	}
	if len(p.Weights) > 0 {
		if len(p.Weights) != p.Period() {
			n := strconv.Itoa(p.Period())
			v.add("weights", RuleLength, n, n)
		}
		var sum int64
		for i, w := range p.Weights {
			if w < 0 || w > MaxCount {
				v.add(fmt.Sprintf("weights[%d]", i), RuleRange, "0", Grouped(MaxCount))
			}
			sum += w
		}
		if sum <= 0 {
			v.add("weights", RuleRange, "(0", Grouped(MaxCount))
		}
	}
	return v.err()
}

type validator struct{ fields []FieldError }

func (v *validator) add(field string, rule Rule, min, max string) {
	v.fields = append(v.fields, FieldError{Field: field, Rule: rule, Min: min, Max: max})
}

func (v *validator) err() error {
	if len(v.fields) == 0 {
		return nil
	}
	return Invalid(v.fields...)
}

func (v *validator) text(field, s string, max int) {
	if utf8.RuneCountInString(s) > max || !utf8.ValidString(s) {
		v.add(field, RuleLength, "0", strconv.Itoa(max))
	}
}

func (v *validator) count(field string, n, min, max int64) {
	if n < min || n > max {
		v.add(field, RuleRange, Grouped(min), Grouped(max))
	}
}

// rate checks a percentage in (0, 100].
func (v *validator) rate(field string, r Rate) {
	if r <= 0 || r > FullRate {
		v.add(field, RuleRange, "(0", "100")
	}
}

// money checks yen in (0, 10^15], or [0, 10^15] for costs that may be free.
func (v *validator) money(field string, y Yen, zeroOK bool) {
	if y < 0 || y > MaxYen || (y == 0 && !zeroOK) {
		lo := "(0"
		if zeroOK {
			lo = "0"
		}
		v.add(field, RuleRange, lo, Grouped(int64(MaxYen)))
	}
}

func (v *validator) date(field, s string, monthOK bool) {
	if s == "" {
		return
	}
	if _, err := time.Parse("2006-01-02", s); err == nil {
		return
	}
	if monthOK {
		if _, ok := ParseMonth(s); ok && len(s) == 7 {
			return
		}
		v.add(field, RuleFormat, "YYYY-MM-DD / YYYY-MM", "")
		return
	}
	v.add(field, RuleFormat, "YYYY-MM-DD", "")
}

func validKind(k ChannelKind) bool {
	for _, c := range ChannelKinds {
		if c == k {
			return true
		}
	}
	return false
}

func kindList() string {
	s := make([]string, len(ChannelKinds))
	for i, k := range ChannelKinds {
		s[i] = string(k)
	}
	return strings.Join(s, ", ")
}

// Grouped writes n with thousands separators, as messages and tables show
// counts and yen: 1,000,000.
func Grouped(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}
