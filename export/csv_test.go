package export

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"golang.org/x/text/encoding/japanese"

	"gyakusan"
)

func ptr[T any](v T) *T { return &v }

func rate(s string) gyakusan.Rate {
	r, _ := gyakusan.ParseRate(s)
	return r
}

func plan() gyakusan.Plan {
	return gyakusan.Plan{
		Name: "=1+1", StartMonth: gyakusan.MonthOf(2025, 4), Months: 3,
		Target: gyakusan.Target{Won: 15}, UnitPrice: 1_000_000,
		Rates: gyakusan.Rates{Meeting: rate("20"), Opportunity: rate("50"), Win: rate("25")},
		Channels: []gyakusan.Channel{
			{Name: "=HYPERLINK(\"http://x\")", Kind: gyakusan.KindAds, Leads: ptr(int64(100)), CPA: 10000},
			{Name: "+メルマガ", Kind: gyakusan.KindEmail, Share: ptr(rate("100"))},
		},
	}
}

func compute(t *testing.T, p gyakusan.Plan) gyakusan.Result {
	t.Helper()
	r, err := gyakusan.Compute(p)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func parse(t *testing.T, b []byte) [][]string {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func TestMonthlyCSVIsUTF8WithBOMAndRealNumbers(t *testing.T) {
	p := plan()
	r := compute(t, p)
	var buf bytes.Buffer
	if err := MonthlyCSV(&buf, p, r, Options{Lang: "ja"}); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	if !bytes.HasPrefix(b, []byte("\xEF\xBB\xBF")) {
		t.Fatalf("no byte order mark: %q", b[:10])
	}
	if !bytes.Contains(b, []byte("\r\n")) {
		t.Error("lines do not end in CRLF")
	}
	rows := parse(t, b[3:])
	if got := strings.Join(rows[0][:7], ","); got != "月,受注数,案件化数,商談数,リード数,売上,施策費用" {
		t.Errorf("header %q", got)
	}
	if len(rows) != 1+3+1 {
		t.Fatalf("%d rows, want header, 3 months, total", len(rows))
	}
	// The seed month: 5 won, 20 opportunities, 40 meetings.
	if got := strings.Join(rows[1][:5], ","); got != "2025-04,5,20,40,"+rows[1][4] || rows[1][1] != "5" {
		t.Errorf("first month %q", rows[1])
	}
	total := rows[4]
	if total[0] != "合計" || total[1] != "15" || total[6] != "3000000" {
		t.Errorf("total row %q (spend %d)", total, r.Total.Spend)
	}
	if bytes.Contains(b, []byte(`"15"`)) || bytes.Contains(b, []byte(`"5"`)) {
		t.Error("numbers are quoted")
	}
}

func TestCSVNeutralisesFormulaText(t *testing.T) {
	p := plan()
	r := compute(t, p)
	rep := gyakusan.Report(p, r, gyakusan.Actuals{Cells: []gyakusan.ActualCell{
		{Month: gyakusan.MonthOf(2025, 4), Channel: "@SUM(A1)", Stage: gyakusan.StageLead, Count: 7},
		{Month: gyakusan.MonthOf(2025, 4), Channel: "-2+3", Stage: gyakusan.StageLead, Count: 1},
		{Month: gyakusan.MonthOf(2025, 5), Channel: "\tタブ", Stage: gyakusan.StageLead, Count: 1},
		{Month: gyakusan.MonthOf(2025, 5), Channel: "\r改行", Stage: gyakusan.StageLead, Count: 1},
	}})
	for _, tt := range []struct {
		name  string
		write func(*bytes.Buffer) error
		want  []string
	}{
		{"monthly plan", func(b *bytes.Buffer) error { return MonthlyCSV(b, p, r, Options{}) },
			[]string{`'=HYPERLINK("http://x") leads`, "'+メルマガ meetings"}},
		{"plan vs actual", func(b *bytes.Buffer) error { return PlanActualCSV(b, rep, Options{}) },
			[]string{`'=HYPERLINK("http://x")`, "'+メルマガ", "'@SUM(A1)", "'-2+3", "'\tタブ", "'\n改行"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := tt.write(&buf); err != nil {
				t.Fatal(err)
			}
			seen := map[string]bool{}
			for _, row := range parse(t, bytes.TrimPrefix(buf.Bytes(), []byte("\uFEFF"))) {
				for _, c := range row {
					seen[c] = true
					if Dangerous(c) {
						t.Errorf("cell %q could run as a formula", c)
					}
				}
			}
			for _, w := range tt.want {
				// encoding/csv reads a lone CR as nothing, so look at the raw text too.
				if !seen[w] && !strings.Contains(buf.String(), w) {
					t.Errorf("no cell %q", w)
				}
			}
		})
	}
}

func TestPlanActualCSVRows(t *testing.T) {
	p := plan()
	r := compute(t, p)
	rep := gyakusan.Report(p, r, gyakusan.Actuals{Cells: []gyakusan.ActualCell{
		{Month: gyakusan.MonthOf(2025, 4), Channel: p.Channels[0].Name, Stage: gyakusan.StageLead, Count: 50},
		{Month: gyakusan.MonthOf(2025, 4), Channel: p.Channels[0].Name, Stage: gyakusan.StageWon, Count: 2, Revenue: 2_000_000},
	}})
	var buf bytes.Buffer
	if err := PlanActualCSV(&buf, rep, Options{Lang: "en"}); err != nil {
		t.Fatal(err)
	}
	rows := parse(t, bytes.TrimPrefix(buf.Bytes(), []byte("\uFEFF")))
	if rows[0][2] != "leads plan" || rows[0][4] != "leads attainment %" {
		t.Errorf("header %q", rows[0])
	}
	april := rows[1]
	if april[0] != "2025-04" || april[1] != "All" || april[3] != "50" || april[11] != "5" || april[12] != "2" || april[13] != "40" || april[15] != "2000000" {
		t.Errorf("April %q", april)
	}
	last := rows[len(rows)-1]
	if last[0] != "Total" {
		t.Errorf("last row %q", last)
	}
}

func TestShiftJISExport(t *testing.T) {
	p := plan()
	r := compute(t, p)
	var buf bytes.Buffer
	if err := MonthlyCSV(&buf, p, r, Options{Lang: "ja", Encoding: "Shift_JIS"}); err != nil {
		t.Fatal(err)
	}
	if bytes.HasPrefix(buf.Bytes(), []byte("\xEF\xBB\xBF")) {
		t.Error("Shift_JIS export starts with a UTF-8 byte order mark")
	}
	text, err := japanese.ShiftJIS.NewDecoder().Bytes(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(text), "月,受注数,案件化数") || !strings.Contains(string(text), "'+メルマガ リード数") {
		t.Errorf("decoded %q", text[:80])
	}

	p.Channels[1].Name = "メルマガ🚀"
	err = MonthlyCSV(&bytes.Buffer{}, p, compute(t, p), Options{Lang: "ja", Encoding: ShiftJIS})
	if err == nil || !strings.Contains(err.Error(), "メルマガ🚀") || gyakusan.ErrorCode(err) != gyakusan.CodeInvalid {
		t.Fatalf("err = %v, want an invalid-input error naming the text", err)
	}
	if err := MonthlyCSV(&bytes.Buffer{}, p, r, Options{Encoding: "latin1"}); gyakusan.ErrorCode(err) != gyakusan.CodeInvalid {
		t.Errorf("unknown encoding: %v", err)
	}
}

func TestDangerousLooksAtTheFirstCharacterOnly(t *testing.T) {
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"=1+1", true}, {"+81 3", true}, {"-2", true}, {"@SUM(A1)", true}, {"\tx", true}, {"\rx", true},
		{"＝1+1", true}, {"＋1", true}, {"－1", true}, {"＠x", true},
		{"", false}, {"a=1", false}, {"'=1", false}, {"12", false}, {"メルマガ", false}, {" =1", false}, {"\xff=", false},
	} {
		if got := Dangerous(tc.text); got != tc.want {
			t.Errorf("Dangerous(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}
