package xlsx

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"gyakusan"
)

// MaxWorkbookBytes bounds the size of a workbook Read accepts.
const MaxWorkbookBytes = 20 << 20

// notOurs is the answer for a workbook gyakusan did not write.
func notOurs(name string) error {
	return gyakusan.Localized(gyakusan.CodeInvalid,
		fmt.Sprintf("gyakusanが書き出したブックではありません（名前「%s」が見つかりません）。", name),
		fmt.Sprintf("This is not a workbook gyakusan wrote (the defined name %q is missing).", name))
}

// Read reads the plan document back from a workbook Write produced, with
// whatever inputs someone changed in it, and validates it.
func Read(r io.Reader) (gyakusan.Plan, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxWorkbookBytes+1))
	if err != nil {
		return gyakusan.Plan{}, err
	}
	if len(data) > MaxWorkbookBytes {
		return gyakusan.Plan{}, gyakusan.Localized(gyakusan.CodeInvalid,
			"ブックが大きすぎます（20 MBまで）。", "The workbook is too large (at most 20 MB).")
	}
	f, err := excelize.OpenReader(bytes.NewReader(data),
		excelize.Options{UnzipSizeLimit: 200 << 20, UnzipXMLSizeLimit: 100 << 20})
	if err != nil {
		return gyakusan.Plan{}, gyakusan.Localized(gyakusan.CodeInvalid,
			"Excelブック（.xlsx）として読み取れません。", "The file is not an Excel workbook (.xlsx).")
	}
	defer f.Close()
	rd := &reader{f: f, names: map[string]string{}}
	for _, d := range f.GetDefinedName() {
		if d.Scope == "" || d.Scope == "Workbook" {
			rd.names[d.Name] = d.RefersTo
		}
	}
	p, err := rd.plan()
	if err != nil {
		return gyakusan.Plan{}, err
	}
	if err := gyakusan.ValidatePlan(p); err != nil {
		return gyakusan.Plan{}, err
	}
	return p, nil
}

type reader struct {
	f      *excelize.File
	names  map[string]string
	fields []gyakusan.FieldError
	err    error // a workbook that is not ours
}

func (rd *reader) bad(field string, rule gyakusan.Rule) {
	rd.fields = append(rd.fields, gyakusan.FieldError{Field: field, Rule: rule})
}

func (rd *reader) plan() (gyakusan.Plan, error) {
	var p gyakusan.Plan
	for _, n := range []string{NamePlanName, NameStartMonth, NameUnitPrice, NameMeetingRate, NameOpportunityRate, NameWinRate, NameWeights} {
		if rd.names[n] == "" {
			return p, notOurs(n)
		}
	}
	p.Name = rd.text(NamePlanName)
	p.Year = int(rd.int(NamePlanYear, "year"))
	if s := rd.cell(NameStartMonth); s != "" {
		m, ok := parseMonthCell(s)
		if !ok {
			rd.bad("start_month", gyakusan.RuleFormat)
		}
		p.StartMonth = m
	}
	p.Months = int(rd.int(NamePeriodMonths, "months"))
	p.EntryDate = rd.date(NameEntryDate, "entry_date")
	p.TargetDate = rd.date(NameTargetDate, "target_date")
	p.Notes = rd.text(NameNotes)
	switch {
	case rd.names[NameTargetWon] != "":
		p.Target.Won = rd.int(NameTargetWon, "target.won")
	case rd.names[NameTargetRevenue] != "":
		p.Target.Revenue = gyakusan.Yen(rd.int(NameTargetRevenue, "target.revenue"))
	default:
		return p, notOurs(NameTargetWon)
	}
	p.UnitPrice = gyakusan.Yen(rd.int(NameUnitPrice, "unit_price"))
	p.Rates.Meeting = rd.rate(rd.cell(NameMeetingRate), "rates.meeting")
	p.Rates.Opportunity = rd.rate(rd.cell(NameOpportunityRate), "rates.opportunity")
	p.Rates.Win = rd.rate(rd.cell(NameWinRate), "rates.win")
	p.Weights = rd.weights()
	p.Channels = rd.channels()
	if rd.err != nil {
		return p, rd.err
	}
	if len(rd.fields) > 0 {
		return p, gyakusan.Invalid(rd.fields...)
	}
	return p, nil
}

// splitRef splits "'Sheet'!$B$4" or "'Sheet'!$A$4:$K$6" into the sheet and
// the (first) cell, dropping the dollars.
func splitRef(ref string) (sheet, cell string, ok bool) {
	sheet, cell, ok = splitRange(ref)
	cell, _, _ = strings.Cut(cell, ":")
	return sheet, cell, ok
}

func splitRange(ref string) (sheet, cells string, ok bool) {
	i := strings.LastIndex(ref, "!")
	if i < 0 {
		return "", "", false
	}
	sheet = ref[:i]
	if strings.HasPrefix(sheet, "'") && strings.HasSuffix(sheet, "'") && len(sheet) >= 2 {
		sheet = strings.ReplaceAll(sheet[1:len(sheet)-1], "''", "'")
	}
	return sheet, strings.ReplaceAll(ref[i+1:], "$", ""), true
}

func (rd *reader) raw(sheet, cell string) string {
	v, err := rd.f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
	if err != nil && rd.err == nil {
		rd.err = notOurs(sheet)
	}
	return v
}

// cell is the raw value of a named single cell.
func (rd *reader) cell(name string) string {
	sheet, cell, ok := splitRef(rd.names[name])
	if !ok {
		return ""
	}
	return rd.raw(sheet, cell)
}

func (rd *reader) text(name string) string { return unescapeText(rd.cell(name)) }

func (rd *reader) int(name, field string) int64 {
	return rd.whole(rd.cell(name), field)
}

// whole reads a whole number; spreadsheets may write 1E+15 for 10^15.
func (rd *reader) whole(s, field string) int64 {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0
	}
	x, err := strconv.ParseFloat(s, 64)
	if err != nil || x != math.Trunc(x) || math.Abs(x) > 1<<53 {
		rd.bad(field, gyakusan.RuleType)
		return 0
	}
	return int64(x)
}

// rate reads a fraction (0.125) into an exact rate (12.5 %); more than two
// decimals of a percent is not a rate the engine can hold.
func (rd *reader) rate(s, field string) gyakusan.Rate {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0
	}
	x, err := strconv.ParseFloat(s, 64)
	v := math.Round(x * float64(gyakusan.FullRate))
	if err != nil || math.Abs(x*float64(gyakusan.FullRate)-v) > 1e-6 || math.Abs(v) > 1e12 {
		rd.bad(field, gyakusan.RuleType)
		return 0
	}
	return gyakusan.Rate(v)
}

// date reads a text date, or a date someone typed, which Excel keeps as a
// serial number.
func (rd *reader) date(name, field string) string {
	s := strings.TrimSpace(unescapeText(rd.cell(name)))
	if s == "" {
		return ""
	}
	if x, err := strconv.ParseFloat(s, 64); err == nil {
		t, err := excelize.ExcelDateToTime(x, false)
		if err != nil {
			rd.bad(field, gyakusan.RuleFormat)
			return s
		}
		return t.Format(time.DateOnly)
	}
	return s
}

func parseMonthCell(s string) (gyakusan.Month, bool) {
	s = strings.TrimSpace(unescapeText(s))
	if x, err := strconv.ParseFloat(s, 64); err == nil {
		t, err := excelize.ExcelDateToTime(x, false)
		if err != nil {
			return 0, false
		}
		return gyakusan.MonthOfTime(t), true
	}
	return gyakusan.ParseMonth(s)
}

// rangeCells lists the cells of a named range row by row.
func (rd *reader) rangeCells(name string) (sheet string, rows [][]string, ok bool) {
	sheet, cells, ok := splitRange(rd.names[name])
	if !ok {
		return "", nil, false
	}
	from, to, found := strings.Cut(cells, ":")
	if !found {
		to = from
	}
	c1, r1, err1 := excelize.CellNameToCoordinates(from)
	c2, r2, err2 := excelize.CellNameToCoordinates(to)
	if err1 != nil || err2 != nil || r2 < r1 || c2 < c1 || (r2-r1+1)*(c2-c1+1) > 100_000 {
		return "", nil, false
	}
	for r := r1; r <= r2; r++ {
		var row []string
		for c := c1; c <= c2; c++ {
			row = append(row, rel(r, c))
		}
		rows = append(rows, row)
	}
	return sheet, rows, true
}

// weights reads the weight row: all blank is the default (equal); a blank
// among numbers counts as 1, as the sheet's formulas count it.
func (rd *reader) weights() []int64 {
	sheet, rows, ok := rd.rangeCells(NameWeights)
	if !ok || len(rows) != 1 {
		rd.err = notOurs(NameWeights)
		return nil
	}
	var w []int64
	given := false
	for i, cell := range rows[0] {
		s := strings.TrimSpace(rd.raw(sheet, cell))
		if s == "" {
			w = append(w, 1)
			continue
		}
		given = true
		w = append(w, rd.whole(s, fmt.Sprintf("weights[%d]", i)))
	}
	if !given {
		return nil
	}
	return w
}

func (rd *reader) channels() []gyakusan.Channel {
	if rd.names[NameChannelInputs] == "" {
		return nil
	}
	sheet, rows, ok := rd.rangeCells(NameChannelInputs)
	if !ok || len(rows[0]) != len(channelKeys) {
		rd.err = notOurs(NameChannelInputs)
		return nil
	}
	_, first, _ := splitRef(rd.names[NameChannelInputs])
	col, row, _ := excelize.CellNameToCoordinates(first)
	for k, key := range channelKeys {
		if got := strings.TrimSpace(rd.raw(sheet, rel(row-2, col+k))); got != key {
			rd.err = notOurs(NameChannelInputs)
			return nil
		}
	}
	var out []gyakusan.Channel
	for _, cells := range rows {
		v := make([]string, len(cells))
		empty := true
		for k, cell := range cells {
			v[k] = strings.TrimSpace(rd.raw(sheet, cell))
			empty = empty && v[k] == ""
		}
		if empty {
			continue
		}
		j := len(out)
		// Cells and field names by the layout's own columns, so that reading
		// follows the channel sheet as Write lays it out.
		at := func(col int) string { return v[col-cColName] }
		field := func(col int) string { return fmt.Sprintf("channels[%d].%s", j, channelKeys[col-cColName]) }
		whole := func(col int) int64 { return rd.whole(at(col), field(col)) }
		rate := func(col int) *gyakusan.Rate {
			if at(col) == "" {
				return nil
			}
			return new(rd.rate(at(col), field(col)))
		}
		c := gyakusan.Channel{Name: unescapeText(rd.raw(sheet, cells[0])), Kind: parseKind(at(cColKind))}
		if at(cColLeads) != "" {
			c.Leads = new(whole(cColLeads))
		}
		c.Share = rate(cColShare)
		c.MeetingRate = rate(cColRate)
		c.CPA = gyakusan.Yen(whole(cColCPA))
		c.FixedCost = gyakusan.Yen(whole(cColFixed))
		c.ActiveMonths = rd.monthList(at(cColMonths), field(cColMonths))
		c.EventsPerMonth = whole(cColEvents)
		c.ListSize = whole(cColList)
		c.ArticlesPerMonth = whole(cColArticles)
		out = append(out, c)
	}
	return out
}

// parseKind accepts the kind's label in either language or its field value.
func parseKind(s string) gyakusan.ChannelKind {
	for k, l := range kindLabels {
		if s == l[0] || strings.EqualFold(s, l[1]) || strings.EqualFold(s, string(k)) {
			return k
		}
	}
	return gyakusan.ChannelKind(s)
}

// monthList reads "4,10" (also with Japanese commas or spaces) in order.
func (rd *reader) monthList(s, field string) []int {
	if s == "" {
		return nil
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '、' || r == '，' || r == ' ' || r == '　' })
	var out []int
	for _, p := range parts {
		n := rd.whole(p, field)
		out = append(out, int(n))
	}
	return out
}
