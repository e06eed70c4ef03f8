package xlsx

import (
	"bytes"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"gyakusan"
	"gyakusan/export"
)

// oddPlan puts formula-like and unusual text in every text field.
func oddPlan() gyakusan.Plan {
	p := seedPlan()
	p.Name = `=HYPERLINK("http://x","見積")`
	p.Notes = "\r+81 3-1234\r\n@担当\t'引用' \"二重\" <tag> & 🚀"
	p.Channels[0].Name = "-広告 (Google)"
	p.Channels[1].Name = "@メルマガ"
	p.Channels[2].Name = "\t展示会'秋'"
	return p
}

func TestRoundTripGivesTheSamePlan(t *testing.T) {
	t.Parallel()
	won := seedPlan()
	won.Target = gyakusan.Target{Won: 21}
	won.UnitPrice = 0
	weighted := seedPlan()
	weighted.Months = 6
	weighted.Weights = []int64{3, 1, 0, 2, 2, 5}
	bare := gyakusan.Plan{Name: "minimal", StartMonth: gyakusan.MonthOf(2026, 1), Target: gyakusan.Target{Won: 5},
		Rates: gyakusan.Rates{Meeting: rate("20"), Opportunity: rate("50"), Win: rate("25")}}
	quoted := seedPlan()
	quoted.Name = "'already quoted"
	quoted.Channels[0].Name = "''=both"
	tests := []struct {
		name string
		plan gyakusan.Plan
		lang string
	}{
		{"seed plan in Japanese", seedPlan(), "ja"},
		{"seed plan in English", seedPlan(), "en"},
		{"formula-like and odd text", oddPlan(), "ja"},
		{"text that starts with an apostrophe", quoted, "en"},
		{"won target without unit price", won, "en"},
		{"six weighted months with a zero weight", weighted, "ja"},
		{"no channels, no optional fields", bare, "en"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := Read(bytes.NewReader(exportBook(t, tt.plan, tt.lang)))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.plan) {
				t.Errorf("read back\n%+v\nwant\n%+v", got, tt.plan)
			}
		})
	}
}

// roundTripCase: a workbook LibreOffice saved reads back as the same plan.
func roundTripCase(t *testing.T) officeCase {
	p := oddPlan()
	return officeCase{"RoundTripThroughLibreOffice", exportBook(t, p, "ja"), func(t *testing.T, f *excelize.File) {
		var buf bytes.Buffer
		if err := f.Write(&buf); err != nil {
			t.Fatal(err)
		}
		got, err := Read(&buf)
		if err != nil {
			t.Fatal(err)
		}
		// LibreOffice keeps line breaks as LF only; that is its choice, not ours.
		p.Notes = strings.ReplaceAll(strings.ReplaceAll(p.Notes, "\r\n", "\n"), "\r", "\n")
		if !reflect.DeepEqual(got, p) {
			t.Errorf("read back\n%+v\nwant\n%+v", got, p)
		}
	}}
}

func TestReadSeesEditedInputs(t *testing.T) {
	t.Parallel()
	book := edit(t, exportBook(t, seedPlan(), "ja"), map[string]any{
		NameWinRate: 0.3125, NameTargetRevenue: 75_000_000, NamePlanName: "改訂版",
	})
	got, err := Read(bytes.NewReader(book))
	if err != nil {
		t.Fatal(err)
	}
	if got.Rates.Win != rate("31.25") || got.Target.Revenue != 75_000_000 || got.Name != "改訂版" {
		t.Errorf("got win %s, revenue %d, name %q", got.Rates.Win, got.Target.Revenue, got.Name)
	}
}

func TestReadRejectsBadWorkbooks(t *testing.T) {
	t.Parallel()
	other := excelize.NewFile()
	var otherBuf bytes.Buffer
	other.Write(&otherBuf)
	seed := exportBook(t, seedPlan(), "en")
	// The second channel's cost per lead typed as text.
	f := open(t, seed)
	if err := f.SetCellValue(wordsFor("en").channelSheet, rel(cRowFirst+1, cColCPA), "a lot"); err != nil {
		t.Fatal(err)
	}
	var badCPA bytes.Buffer
	if err := f.Write(&badCPA); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		book  []byte
		field string // a field error expected, or "" for a whole-file message
		text  string // part of the English message
	}{
		{"not a zip file", []byte("name,won\nx,1\n"), "", "not an Excel workbook"},
		{"someone else's workbook", otherBuf.Bytes(), "", "not a workbook gyakusan wrote"},
		{"rate as text", edit(t, seed, map[string]any{NameWinRate: "quarter"}), "rates.win", "Win rate"},
		{"rate with three decimals of a percent", edit(t, seed, map[string]any{NameWinRate: 0.123456}), "rates.win", "Win rate"},
		{"rate above 100 %", edit(t, seed, map[string]any{NameMeetingRate: 25}), "rates.meeting", "Meeting rate"},
		{"fractional unit price", edit(t, seed, map[string]any{NameUnitPrice: 1000.5}), "unit_price", "Unit price"},
		{"start month not a month", edit(t, seed, map[string]any{NameStartMonth: "April"}), "start_month", "Start month"},
		{"channel cost per lead as text", badCPA.Bytes(), "channels[1].cpa", "Channel 2 cost per lead (CPA)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := Read(bytes.NewReader(tt.book))
			var e *gyakusan.Error
			if !asError(err, &e) || e.Code != gyakusan.CodeInvalid {
				t.Fatalf("err = %v, want an invalid-input error", err)
			}
			msg := e.Message("en")
			if tt.field != "" {
				if len(e.Fields) == 0 || e.Fields[0].Field != tt.field {
					t.Fatalf("fields = %+v, want %s", e.Fields, tt.field)
				}
				msg = e.Fields[0].Text("en")
				if ja := e.Fields[0].Text("ja"); ja == msg {
					t.Errorf("no Japanese message: %q", ja)
				}
			}
			if !strings.Contains(msg, tt.text) {
				t.Errorf("message %q does not mention %q", msg, tt.text)
			}
		})
	}
}

func TestNoExportedTextCanRunAsAFormula(t *testing.T) {
	t.Parallel()
	p := oddPlan()
	res, err := gyakusan.Compute(p)
	if err != nil {
		t.Fatal(err)
	}
	rep := gyakusan.Report(p, res, gyakusan.Actuals{Cells: []gyakusan.ActualCell{
		{Month: p.StartMonth, Channel: p.Channels[0].Name, Stage: gyakusan.StageLead, Count: 80},
		{Month: p.StartMonth, Channel: "=cmd|' /C calc'!A0", Stage: gyakusan.StageLead, Count: 3},
	}})
	for _, lang := range []string{"ja", "en"} {
		var buf bytes.Buffer
		if err := Write(&buf, p, Options{Lang: lang, Report: &rep}); err != nil {
			t.Fatal(err)
		}
		f := open(t, buf.Bytes())
		if got := len(f.GetSheetList()); got != 6 {
			t.Errorf("%d sheets %q, want KPI, monthly, channels, plan vs actual, actuals, calc", got, f.GetSheetList())
		}
		texts := 0
		for _, sheet := range f.GetSheetList() {
			rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
			if err != nil {
				t.Fatal(err)
			}
			for r, row := range rows {
				for c, v := range row {
					if _, err := strconv.ParseFloat(v, 64); err == nil || v == "" {
						continue
					}
					texts++
					if export.Dangerous(v) {
						t.Errorf("%s %s: %q could run as a formula", sheet, rel(r+1, c+1), v)
					}
				}
			}
		}
		for _, want := range []string{`'=HYPERLINK("http://x","見積")`, "'-広告 (Google)", "'@メルマガ", "'\t展示会'秋'", "'=cmd|' /C calc'!A0"} {
			if !containsCell(t, f, want) {
				t.Errorf("%s: no cell holds %q", lang, want)
			}
		}
		if texts == 0 {
			t.Fatal("no text cells read")
		}
	}
}

func containsCell(t *testing.T, f *excelize.File, want string) bool {
	for _, sheet := range f.GetSheetList() {
		rows, _ := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		for _, row := range rows {
			for _, v := range row {
				if v == want {
					return true
				}
			}
		}
	}
	return false
}
