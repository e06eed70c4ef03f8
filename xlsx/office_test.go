package xlsx

import (
	"bytes"
	"context"
	"math"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"gyakusan"
)

// recalcXCU makes LibreOffice recalculate every formula when it loads a
// workbook, instead of trusting the cached values.
const recalcXCU = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`

// soffice returns LibreOffice's path, skipping the test when it is missing
// unless GYAKUSAN_REQUIRE_OFFICE=1.
func soffice(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("GYAKUSAN_REQUIRE_OFFICE") == "1" {
			t.Fatal("LibreOffice (soffice) is required but missing")
		}
		t.Skip("LibreOffice (soffice) is not installed")
	}
	return path
}

// officeCase is a workbook for LibreOffice to recalculate and what must hold
// in the workbook LibreOffice saves.
type officeCase struct {
	name  string
	book  []byte
	check func(t *testing.T, f *excelize.File)
}

// TestLibreOfficeRecalculates has LibreOffice recalculate every case's
// workbook in one run, since each start of soffice costs seconds, and checks
// each saved workbook in its own subtest.
func TestLibreOfficeRecalculates(t *testing.T) {
	t.Parallel()
	soffice(t)
	cases := engineCases(t)
	cases = append(cases, planVsActualCase(t), spendFormulasCase(t), roundTripCase(t))
	books := make([][]byte, len(cases))
	for i, c := range cases {
		books[i] = c.book
	}
	saved := recalc(t, books)
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			if saved[i] == nil {
				t.Fatal("soffice wrote nothing for this workbook")
			}
			c.check(t, open(t, saved[i]))
		})
	}
}

// recalc opens the workbooks in one LibreOffice headless run with a private
// profile, recalculates everything and returns the workbooks LibreOffice
// saves, in order (nil where it saved none).
func recalc(t *testing.T, books [][]byte) [][]byte {
	t.Helper()
	bin := soffice(t)
	dir := t.TempDir()
	profile := filepath.Join(dir, "profile")
	if err := os.MkdirAll(filepath.Join(profile, "user"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(profile, "user", "registrymodifications.xcu"), []byte(recalcXCU), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"-env:UserInstallation=" + (&url.URL{Scheme: "file", Path: profile}).String(), "--headless", "--norestore",
		"--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", filepath.Join(dir, "out")}
	for i, b := range books {
		in := filepath.Join(dir, "book"+strconv.Itoa(i)+".xlsx")
		if err := os.WriteFile(in, b, 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, in)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	saved := make([][]byte, len(books))
	for i := range books {
		saved[i], _ = os.ReadFile(filepath.Join(dir, "out", "book"+strconv.Itoa(i)+".xlsx"))
	}
	return saved
}

// edit changes named input cells the way a person would in Excel.
func edit(t *testing.T, book []byte, values map[string]any) []byte {
	t.Helper()
	f := open(t, book)
	for name, v := range values {
		s, c := namedCell(t, f, name)
		if err := f.SetCellValue(s, c, v); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// engineCases: after LibreOffice recalculates, every figure matches the
// engine's for the plan with the edits applied.
func engineCases(t *testing.T) []officeCase {
	won := seedPlan()
	won.Target = gyakusan.Target{Won: 48}
	weighted := seedPlan()
	weighted.Weights = []int64{1, 1, 2, 2, 3, 3, 1, 1, 2, 2, 3, 4}
	noChannels := seedPlan()
	noChannels.Channels = nil
	oneMonth := noChannels
	oneMonth.Months = 1
	planRate := seedPlan()
	planRate.Channels = []gyakusan.Channel{
		{Name: "広告", Kind: gyakusan.KindAds, Leads: ptr(int64(30)), CPA: 12000},
		{Name: "SEO", Kind: gyakusan.KindOrganic, Share: ptr(rate("70")), ArticlesPerMonth: 8},
		{Name: "ウェビナー", Kind: gyakusan.KindSeminar, Share: ptr(rate("30")), FixedCost: 50000, EventsPerMonth: 2, ActiveMonths: []int{5, 8, 11}},
	}
	tests := []struct {
		name  string
		plan  gyakusan.Plan
		lang  string
		edits map[string]any
		apply func(*gyakusan.Plan)
	}{
		{"unchanged seed plan, Japanese", seedPlan(), "ja", nil, func(*gyakusan.Plan) {}},
		{"21 won at 35 % needs 60 opportunities, not 61", noChannels, "en",
			map[string]any{NameTargetRevenue: 21_000_000, NameWinRate: 0.35},
			func(p *gyakusan.Plan) { p.Target.Revenue = 21_000_000; p.Rates.Win = rate("35") }},
		{"one month: 21 won at 35 % needs 60 opportunities", oneMonth, "ja",
			map[string]any{NameTargetRevenue: 21_000_000, NameWinRate: 0.35},
			func(p *gyakusan.Plan) { p.Target.Revenue = 21_000_000; p.Rates.Win = rate("35") }},
		{"share channels at the plan's rate, rate nearly halved", planRate, "en",
			map[string]any{NameMeetingRate: 0.11, NameTargetRevenue: 95_000_000},
			func(p *gyakusan.Plan) { p.Rates.Meeting = rate("11"); p.Target.Revenue = 95_000_000 }},
		{"target won and win rate changed", won, "ja",
			map[string]any{NameTargetWon: 21, NameWinRate: 0.35},
			func(p *gyakusan.Plan) { p.Target.Won = 21; p.Rates.Win = rate("35") }},
		{"unit price and every rate changed, weighted months", weighted, "en",
			map[string]any{NameUnitPrice: 700_000, NameMeetingRate: 0.23, NameOpportunityRate: 0.4325, NameWinRate: 0.3},
			func(p *gyakusan.Plan) {
				p.UnitPrice = 700_000
				p.Rates = gyakusan.Rates{Meeting: rate("23"), Opportunity: rate("43.25"), Win: rate("30")}
			}},
	}
	var cases []officeCase
	for _, tt := range tests {
		book := exportBook(t, tt.plan, tt.lang)
		if tt.edits != nil {
			book = edit(t, book, tt.edits)
		}
		cases = append(cases, officeCase{"SpreadsheetEngineRecomputesLikeTheEngine/" + tt.name, book, func(t *testing.T, f *excelize.File) {
			p := tt.plan
			tt.apply(&p)
			checkFigures(t, f, p, tt.lang)
			if p.Months == 1 {
				s, c := namedCell(t, f, NameTotalOpportunities)
				if got := number(t, f, s, c); got != 60 {
					t.Errorf("21 won at 35 %%: %d opportunities, want 60 (float division gives %v)", got, math.Ceil(21/0.35))
				}
			}
		}})
	}
	return cases
}

// planVsActualCase: the plan columns of the plan-vs-actual sheet follow a
// changed input; the actual and the attainment stay right.
func planVsActualCase(t *testing.T) officeCase {
	p := seedPlan()
	res, err := gyakusan.Compute(p)
	if err != nil {
		t.Fatal(err)
	}
	rep := gyakusan.Report(p, res, gyakusan.Actuals{Cells: []gyakusan.ActualCell{
		{Month: p.StartMonth, Channel: p.Channels[0].Name, Stage: gyakusan.StageLead, Count: 150},
	}})
	var buf bytes.Buffer
	if err := Write(&buf, p, Options{Lang: "ja", Report: &rep}); err != nil {
		t.Fatal(err)
	}
	book := edit(t, buf.Bytes(), map[string]any{NameMeetingRate: 0.25})
	p.Rates.Meeting = rate("25")
	want, err := gyakusan.Compute(p)
	if err != nil {
		t.Fatal(err)
	}
	return officeCase{"PlanVsActualFollowsChangedInputs", book, func(t *testing.T, f *excelize.File) {
		sheet := wordsFor("ja").paSheet
		if got := number(t, f, sheet, "B4"); got != want.Months[0].Leads {
			t.Errorf("plan leads of the first month = %d, engine says %d", got, want.Months[0].Leads)
		}
		if got := number(t, f, sheet, "C4"); got != 150 {
			t.Errorf("actual leads = %d, want 150", got)
		}
		v, _ := f.GetCellValue(sheet, "D4", excelize.Options{RawCellValue: true})
		if x, err := strconv.ParseFloat(v, 64); err != nil || math.Abs(x-150/float64(want.Months[0].Leads)) > 1e-9 {
			t.Errorf("attainment = %q, want 150/%d", v, want.Months[0].Leads)
		}
	}}
}
