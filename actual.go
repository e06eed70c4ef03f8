package gyakusan

import (
	"fmt"
	"sort"
)

// Day is a calendar day counted from 1970-01-01 (day 0), so that lead dates
// are small integers that sort, compare and store compactly. The zero Day
// also means "no date": a lead that has not reached a stage.
type Day int32

// DayOf returns the Day of year y, month m (1–12) and day d. It does not
// check the date; DayValid does.
func DayOf(y, m, d int) Day {
	// Days from civil, after Howard Hinnant's public-domain algorithm: the
	// year is shifted to start in March so that leap days fall at its end.
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return Day(era*146097 + doe - 719468)
}

// DayValid reports whether y-m-d is a real calendar date in 1900–2999.
func DayValid(y, m, d int) bool {
	return y >= 1900 && y <= 2999 && m >= 1 && m <= 12 && d >= 1 && d <= DaysIn(y, m)
}

// ParseDay reads a day written YYYY-MM-DD, within the years DayValid allows.
func ParseDay(s string) (Day, bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0, false
	}
	num := func(t string) int {
		n := 0
		for _, c := range t {
			if c < '0' || c > '9' {
				return -1
			}
			n = n*10 + int(c-'0')
		}
		return n
	}
	y, m, d := num(s[:4]), num(s[5:7]), num(s[8:])
	if !DayValid(y, m, d) {
		return 0, false
	}
	return DayOf(y, m, d), true
}

// DaysIn returns the number of days of month m of year y.
func DaysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// Date returns the year, month and day of d.
func (d Day) Date() (year, month, day int) {
	z := int(d) + 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era--
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	day = doy - (153*mp+2)/5 + 1
	month = mp + 3
	if month > 12 {
		month -= 12
	}
	if month <= 2 {
		y++
	}
	return y, month, day
}

// Month returns the calendar month d falls in.
func (d Day) Month() Month {
	y, m, _ := d.Date()
	return MonthOf(y, m)
}

// String formats d as "YYYY-MM-DD"; the zero Day is "".
func (d Day) String() string {
	if d == 0 {
		return ""
	}
	y, m, dd := d.Date()
	return fmt.Sprintf("%04d-%02d-%02d", y, m, dd)
}

// Stage is a step of the funnel a lead can reach.
type Stage int8

// The stages, in funnel order.
const (
	StageLead        Stage = iota // the lead was created (リード)
	StageMeeting                  // first sales meeting (商談)
	StageOpportunity              // opportunity (案件化)
	StageWon                      // won deal (受注)
)

// Stages lists the stages in funnel order.
var Stages = []Stage{StageLead, StageMeeting, StageOpportunity, StageWon}

var stageNames = [...]string{"leads", "meetings", "opportunities", "won"}

// String returns the stage's field name: "leads", "meetings",
// "opportunities", "won".
func (s Stage) String() string {
	if s < 0 || int(s) >= len(stageNames) {
		return fmt.Sprintf("stage(%d)", int(s))
	}
	return stageNames[s]
}

// ParseStage reads a stage's field name.
func ParseStage(s string) (Stage, bool) {
	for i, n := range stageNames {
		if n == s {
			return Stage(i), true
		}
	}
	return 0, false
}

// Label returns the stage's name for users in lang ("ja" or "en").
func (s Stage) Label(lang string) string {
	ja := [...]string{"リード", "商談", "案件化", "受注"}
	en := [...]string{"Leads", "Meetings", "Opportunities", "Won"}
	if s < 0 || int(s) >= len(ja) {
		return s.String()
	}
	if lang == "ja" {
		return ja[s]
	}
	return en[s]
}

// Lead is one lead as a CRM export describes it: when it was created and the
// day it reached each later stage (zero when it has not). Channel is the
// plan's channel name, after the import's mapping.
type Lead struct {
	ID          string
	Channel     string
	Created     Day
	Meeting     Day
	Opportunity Day
	Won         Day
	Amount      Yen // the won deal's value; counted only when Won is set
}

// StageDay returns the day l reached stage s, zero when it has not.
func (l *Lead) StageDay(s Stage) Day {
	switch s {
	case StageLead:
		return l.Created
	case StageMeeting:
		return l.Meeting
	case StageOpportunity:
		return l.Opportunity
	case StageWon:
		return l.Won
	}
	return 0
}

// Normalize makes the funnel consistent: a lead that reached a stage has
// passed the earlier ones, so a missing earlier date takes the next later
// date it has (a CRM that skipped a lifecycle stage leaves it empty).
// Amounts of leads that were not won are dropped.
func (l *Lead) Normalize() {
	if l.Opportunity == 0 {
		l.Opportunity = l.Won
	}
	if l.Meeting == 0 {
		l.Meeting = l.Opportunity
	}
	if l.Won == 0 {
		l.Amount = 0
	}
}

// ActualCell is the actual result of one stage of one channel in one month.
type ActualCell struct {
	Month   Month
	Channel string
	Stage   Stage
	// Count is how many leads reached Stage in Month: a meeting counts in
	// the month of its meeting date.
	Count int64
	// Cohort is how many leads created in Month have reached Stage by now,
	// whenever they did; it gives the stage rates of the month's cohort.
	Cohort int64
	// Revenue is, for StageWon, the amount of the deals won in Month.
	Revenue Yen
}

// Actuals is a plan's actual results: lead-level cells counted from
// imported leads, cells typed by hand, which replace the counted cell of
// the same month, channel and stage, and the spend typed by hand.
type Actuals struct {
	Cells  []ActualCell // from leads
	Manual []ActualCell // typed by hand; Cohort is ignored
	Spend  []SpendCell  // typed by hand, by month and channel
	// AsOf is the day the figures are as of (usually today); it decides
	// which months are past, which cohorts are still incomplete and where the
	// year-end forecast starts. Zero means the last month with any figure.
	AsOf Day
}

// CountLeads tallies leads into cells, sorted by month, channel and stage.
// It is the reference the store's incremental aggregates must match.
func CountLeads(leads []Lead) []ActualCell {
	t := NewTally()
	for i := range leads {
		t.Add(&leads[i], 1)
	}
	return t.Cells()
}

// Tally adds leads up into actual cells; adding a lead with sign -1 takes
// its contribution back out, which is how a re-import replaces a lead.
type Tally struct {
	cells map[cellKey]*ActualCell
}

type cellKey struct {
	month   Month
	channel string
	stage   Stage
}

// NewTally returns an empty tally.
func NewTally() *Tally { return &Tally{cells: map[cellKey]*ActualCell{}} }

// Add counts l (sign 1) or takes it back out (sign -1).
func (t *Tally) Add(l *Lead, sign int64) {
	if l.Created == 0 {
		return
	}
	cohort := l.Created.Month()
	for _, s := range Stages {
		d := l.StageDay(s)
		if d == 0 {
			continue
		}
		ev := t.cell(d.Month(), l.Channel, s)
		ev.Count += sign
		if s == StageWon {
			ev.Revenue += Yen(sign) * l.Amount
		}
		t.cell(cohort, l.Channel, s).Cohort += sign
	}
}

func (t *Tally) cell(m Month, ch string, s Stage) *ActualCell {
	k := cellKey{m, ch, s}
	c := t.cells[k]
	if c == nil {
		c = &ActualCell{Month: m, Channel: ch, Stage: s}
		t.cells[k] = c
	}
	return c
}

// Cells returns the non-empty cells sorted by month, channel and stage.
func (t *Tally) Cells() []ActualCell {
	out := make([]ActualCell, 0, len(t.cells))
	for _, c := range t.cells {
		if c.Count != 0 || c.Cohort != 0 || c.Revenue != 0 {
			out = append(out, *c)
		}
	}
	SortCells(out)
	return out
}

// SortCells sorts cells by month, channel and stage.
func SortCells(cells []ActualCell) {
	sort.Slice(cells, func(i, j int) bool {
		a, b := &cells[i], &cells[j]
		if a.Month != b.Month {
			return a.Month < b.Month
		}
		if a.Channel != b.Channel {
			return a.Channel < b.Channel
		}
		return a.Stage < b.Stage
	})
}

// Empty reports whether a holds no figure at all: no imported cell, no
// hand-typed cell and no hand-typed spend.
func (a Actuals) Empty() bool { return len(a.Cells) == 0 && len(a.Manual) == 0 && len(a.Spend) == 0 }
