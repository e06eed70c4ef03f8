package xlsx

import (
	"bytes"
	"errors"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"gyakusan"
)

func ptr[T any](v T) *T { return &v }

func rate(s string) gyakusan.Rate {
	r, ok := gyakusan.ParseRate(s)
	if !ok {
		panic(s)
	}
	return r
}

// seedPlan is the seed sheet's month made a year, with every kind of
// channel: fixed leads, shares, own rates, event months and fixed costs.
func seedPlan() gyakusan.Plan {
	return gyakusan.Plan{
		Name: "2年目 KPI", Year: 2, StartMonth: gyakusan.MonthOf(2025, 4),
		EntryDate: "2025-03-15", TargetDate: "2026-03", Notes: "広告を先行\n展示会は秋",
		Target: gyakusan.Target{Revenue: 60_000_000}, UnitPrice: 1_000_000,
		Rates: gyakusan.Rates{Meeting: rate("20"), Opportunity: rate("50"), Win: rate("25")},
		Channels: []gyakusan.Channel{
			{Name: "リスティング広告", Kind: gyakusan.KindAds, Leads: ptr(int64(100)), CPA: 15000},
			{Name: "メルマガ", Kind: gyakusan.KindEmail, Share: ptr(rate("60")), MeetingRate: ptr(rate("12.5")), ListSize: 8000},
			{Name: "展示会", Kind: gyakusan.KindOffline, Share: ptr(rate("40")), MeetingRate: ptr(rate("30")),
				FixedCost: 800000, EventsPerMonth: 1, ActiveMonths: []int{10, 4, 6}},
		},
	}
}

func exportBook(t *testing.T, p gyakusan.Plan, lang string) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, p, Options{Lang: lang}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func open(t *testing.T, b []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// namedCell resolves a defined name to its sheet and cell.
func namedCell(t *testing.T, f *excelize.File, name string) (string, string) {
	t.Helper()
	for _, d := range f.GetDefinedName() {
		if d.Name == name {
			sheet, cell, ok := splitRef(d.RefersTo)
			if !ok {
				t.Fatalf("%s refers to %q", name, d.RefersTo)
			}
			return sheet, cell
		}
	}
	t.Fatalf("no defined name %s", name)
	return "", ""
}

func number(t *testing.T, f *excelize.File, sheet, cell string) int64 {
	t.Helper()
	v, err := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	x, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil {
		t.Fatalf("%s!%s = %q, not a number", sheet, cell, v)
	}
	return int64(x)
}

// checkFigures compares every figure the workbook shows with the engine's.
func checkFigures(t *testing.T, f *excelize.File, p gyakusan.Plan, lang string) {
	t.Helper()
	r, err := gyakusan.Compute(p)
	if err != nil {
		t.Fatal(err)
	}
	w := wordsFor(lang)
	for name, want := range map[string]int64{
		NameTotalWon: r.Total.Won, NameTotalOpportunities: r.Total.Opportunities, NameTotalMeetings: r.Total.Meetings,
		NameTotalLeads: r.Total.Leads, NameTotalRevenue: int64(r.Total.Revenue), NameTotalSpend: int64(r.Total.Spend),
	} {
		s, c := namedCell(t, f, name)
		if got := number(t, f, s, c); got != want {
			t.Errorf("%s = %d, engine says %d", name, got, want)
		}
	}
	for i, m := range r.Months {
		col := monthCol(i)
		for row, want := range map[int]int64{mRowWon: m.Won, mRowOpp: m.Opportunities, mRowMeet: m.Meetings,
			mRowLeads: m.Leads, mRowRevenue: int64(m.Revenue), mRowSpend: int64(m.Spend)} {
			if got := number(t, f, w.monthSheet, rel(row, col)); got != want {
				t.Errorf("%s row %d: %d, engine says %d", m.Month, row, got, want)
			}
		}
		hdr := cRowFirst + len(p.Channels) + 1
		for j, cm := range m.Channels {
			for k, want := range []int64{cm.Leads, cm.Meetings, int64(cm.Spend)} {
				if got := number(t, f, w.channelSheet, rel(hdr+1+3*j+k, chMonthCol(i))); got != want {
					t.Errorf("%s channel %s figure %d: %d, engine says %d", m.Month, cm.Name, k, got, want)
				}
			}
		}
	}
}

func asError(err error, target **gyakusan.Error) bool { return errors.As(err, target) }

func TestEveryWordHasBothLanguages(t *testing.T) {
	for _, lang := range []string{"ja", "en"} {
		v := reflect.ValueOf(wordsFor(lang))
		for i := range v.NumField() {
			if v.Field(i).String() == "" {
				t.Errorf("%s: no word for %s", lang, v.Type().Field(i).Name)
			}
		}
	}
}
