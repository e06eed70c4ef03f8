package crm

import (
	"io"
	"os"
	"reflect"
	"strings"
	"testing"

	"gyakusan"
)

func d(y, m, dd int) gyakusan.Day { return gyakusan.DayOf(y, m, dd) }

// readAll reads every lead of text with m.
func readAll(t *testing.T, r io.Reader, m Mapping, o Options) ([]gyakusan.Lead, *Reader) {
	t.Helper()
	rd, err := NewReader(r, m, o)
	if err != nil {
		t.Fatalf("header: %v", err)
	}
	var out []gyakusan.Lead
	var b Batch
	for {
		err := rd.Read(&b)
		out = append(out, b.Leads...)
		if err == io.EOF {
			return out, rd
		}
		if err != nil {
			t.Fatal(err)
		}
	}
}

func openFile(t *testing.T, name string) *os.File {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func preset(name string) Mapping { m, _ := Preset(name); return m }

func TestPresetsReadRealExportLayouts(t *testing.T) {
	jaMapping, err := DecodeMapping(openFile(t, "japanese_mapping.json"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, file string
		m          Mapping
		enc        string
		want       []gyakusan.Lead
	}{
		{"hubspot contacts export: SQL date is the meeting, customer date the won deal", "hubspot_contacts.csv", preset(PresetHubSpot), EncodingUTF8, []gyakusan.Lead{
			{ID: "51", Channel: "Paid Search", Created: d(2025, 4, 3), Meeting: d(2025, 4, 10), Opportunity: d(2025, 4, 20), Won: d(2025, 5, 28), Amount: 1200000},
			{ID: "52", Channel: "Offline Sources", Created: d(2025, 4, 5), Meeting: d(2025, 4, 18), Opportunity: d(2025, 5, 2)},
			{ID: "53", Channel: "Organic Search", Created: d(2025, 4, 15)},
			// A contact that became a customer without the earlier stage dates passed them the same day.
			{ID: "54", Channel: "Email Marketing", Created: d(2025, 5, 1), Meeting: d(2025, 6, 15), Opportunity: d(2025, 6, 15), Won: d(2025, 6, 15), Amount: 800000},
		}},
		{"salesforce report: won only when the stage is Closed Won, footer skipped", "salesforce_leads.csv", preset(PresetSalesforce), EncodingUTF8, []gyakusan.Lead{
			{ID: "00Q5g00000AbCdE", Channel: "Web", Created: d(2025, 4, 3), Meeting: d(2025, 4, 12), Opportunity: d(2025, 4, 12), Won: d(2025, 5, 30), Amount: 1500000},
			{ID: "00Q5g00000AbCdF", Channel: "Trade Show", Created: d(2025, 4, 8), Meeting: d(2025, 4, 20), Opportunity: d(2025, 4, 20)},
			{ID: "00Q5g00000AbCdG", Channel: "Web", Created: d(2025, 5, 2)},
			{ID: "00Q5g00000AbCdH", Channel: "Partner Referral", Created: d(2025, 5, 10), Meeting: d(2025, 5, 15), Opportunity: d(2025, 5, 15)},
		}},
		{"CP932 file with Japanese names, dates and full-width digits, mapped channels", "cp932_japanese.csv", jaMapping, EncodingShiftJIS, []gyakusan.Lead{
			{ID: "J-001", Channel: "展示会", Created: d(2025, 4, 1), Meeting: d(2025, 4, 10), Opportunity: d(2025, 4, 20), Won: d(2025, 5, 31), Amount: 3000000},
			{ID: "J-002", Channel: "セミナー", Created: d(2025, 4, 2), Meeting: d(2025, 4, 15)},
			{ID: "J-003", Channel: "展示会", Created: d(2025, 4, 3)},
			{ID: "J-004", Channel: "広告", Created: d(2025, 4, 5), Meeting: d(2025, 4, 9), Opportunity: d(2025, 4, 30), Won: d(2025, 6, 2), Amount: 1200000},
		}},
		{"UTF-8 with BOM and CRLF; a Z time moves into Japan's next day", "bom_generic.csv", preset(PresetGeneric), EncodingUTF8, []gyakusan.Lead{
			{ID: "B1", Channel: "広告", Created: d(2025, 4, 1), Meeting: d(2025, 4, 11)},
			{ID: "B2", Channel: "メルマガ", Created: d(2025, 4, 2), Meeting: d(2025, 4, 13), Opportunity: d(2025, 4, 20), Won: d(2025, 5, 1), Amount: 500000},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, rd := readAll(t, openFile(t, tt.file), tt.m, Options{})
			if rd.ErrorCount() != 0 {
				t.Fatalf("errors: %v", rd.Errors())
			}
			if rd.Encoding() != tt.enc {
				t.Errorf("encoding %s, want %s", rd.Encoding(), tt.enc)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("leads\n got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestBadCellsAreReportedWithLineColumnAndReason(t *testing.T) {
	text := "lead_id,created_at,channel,meeting_at,opportunity_at,won_at,amount\n" +
		"A1,2025-04-01,広告,,,,\n" +
		"A2,2025-02-30,広告,,,,\n" + // line 3: no such day
		"\"A3\",2025-04-01,\"広告\nWeb\",,,,\n" + // a quoted newline: A4 is on line 6
		"A4,2025-04-01,広告,,,2025-05-01,¥1.5\n" + // line 6: not whole yen
		",2025-04-01,広告,,,,\n" + // line 7: no id
		"A6,2025-04-01\n" + // line 8: too few cells
		"A7,2025-04-01,広告,soon,,,\n" // line 9
	got, rd := readAll(t, strings.NewReader(text), preset(PresetGeneric), Options{})
	if len(got) != 2 || got[1].Channel != "広告\nWeb" {
		t.Fatalf("good leads %+v, want A1 and A3", got)
	}
	want := []Error{
		{Line: 3, Column: "created_at", Reason: ReasonDate, Value: "2025-02-30"},
		{Line: 6, Column: "amount", Reason: ReasonAmount, Value: "¥1.5"},
		{Line: 7, Column: "lead_id", Reason: ReasonRequired},
		{Line: 8, Reason: ReasonColumns},
		{Line: 9, Column: "meeting_at", Reason: ReasonDate, Value: "soon"},
	}
	if !reflect.DeepEqual(rd.Errors(), want) {
		t.Fatalf("errors\n got %+v\nwant %+v", rd.Errors(), want)
	}
	if ja := rd.Errors()[0].Text("ja"); !strings.HasPrefix(ja, "3行目・列「created_at」: 日付として読めません") {
		t.Errorf("ja message %q", ja)
	}
	if en := rd.Errors()[0].Text("en"); !strings.HasPrefix(en, `line 3, column "created_at": not a date`) {
		t.Errorf("en message %q", en)
	}
}

func TestErrorsKeepTheFirstTwentyAndCountAll(t *testing.T) {
	var b strings.Builder
	b.WriteString("lead_id,created_at,channel\n")
	for range 50 {
		b.WriteString("X,yesterday,広告\n")
	}
	_, rd := readAll(t, strings.NewReader(b.String()), preset(PresetGeneric), Options{})
	if rd.ErrorCount() != 50 || len(rd.Errors()) != MaxErrors || rd.Errors()[19].Line != 21 {
		t.Fatalf("count %d, kept %d, last kept %+v", rd.ErrorCount(), len(rd.Errors()), rd.Errors()[len(rd.Errors())-1])
	}
}

func TestMissingRequiredColumnNamesIt(t *testing.T) {
	_, err := NewReader(strings.NewReader("lead_id,channel\nA,広告\n"), preset(PresetGeneric), Options{})
	e, ok := err.(*Error)
	if !ok || e.Reason != ReasonMissingColumn || e.Column != "created_at" {
		t.Fatalf("got %v, want missing created_at", err)
	}
}

func TestDatesAndAmounts(t *testing.T) {
	jst := dateOptions{offset: 540}
	dates := []struct {
		in   string
		o    dateOptions
		want gyakusan.Day
		r    Reason
	}{
		{"2025-01-02", jst, d(2025, 1, 2), ""},
		{"2025/1/2", jst, d(2025, 1, 2), ""},
		{"2025年1月2日", jst, d(2025, 1, 2), ""},
		{"2025-01-02 10:30", jst, d(2025, 1, 2), ""},
		{"2025/01/02 10:30:00", jst, d(2025, 1, 2), ""},
		{"2025-01-02T10:30:00Z", jst, d(2025, 1, 2), ""},
		{"2025-01-02T15:00:00Z", jst, d(2025, 1, 3), ""},
		{"2025-01-02T01:00:00.123+09:00", dateOptions{offset: 0}, d(2025, 1, 1), ""},
		{"２０２５年１月２日", jst, d(2025, 1, 2), ""},
		{"2024-02-29", jst, d(2024, 2, 29), ""},
		{"2025-02-29", jst, 0, ReasonDate},
		{"1/2/2025", jst, 0, ReasonDate},
		{"1/2/2025 10:30 AM", dateOptions{order: 'm', offset: 540}, d(2025, 1, 2), ""},
		{"1/2/2025", dateOptions{order: 'd', offset: 540}, d(2025, 2, 1), ""},
		{"1899-12-31", jst, 0, ReasonDateRange},
		{"2025-01-02 25:00", jst, 0, ReasonDate},
		{"2025-01", jst, 0, ReasonDate},
	}
	for _, tt := range dates {
		got, r := parseDate([]byte(tt.in), tt.o)
		if got != tt.want || r != tt.r {
			t.Errorf("parseDate(%q) = %v, %q; want %v, %q", tt.in, got, r, tt.want, tt.r)
		}
	}
	amounts := []struct {
		in   string
		want gyakusan.Yen
		r    Reason
	}{
		{"1200000", 1200000, ""},
		{"¥1,200,000", 1200000, ""},
		{"￥1,200,000", 1200000, ""},
		{"1,200,000円", 1200000, ""},
		{"１，２００，０００円", 1200000, ""},
		{"JPY 1,500,000", 1500000, ""},
		{"1200000.00", 1200000, ""},
		{"\\5000", 5000, ""},
		{"12.5", 0, ReasonAmount},
		{"-100", 0, ReasonAmountRange},
		{"10000000000000000", 0, ReasonAmountRange},
		{"abc", 0, ReasonAmount},
	}
	for _, tt := range amounts {
		got, r := parseAmount([]byte(tt.in))
		if got != tt.want || r != tt.r {
			t.Errorf("parseAmount(%q) = %v, %q; want %v, %q", tt.in, got, r, tt.want, tt.r)
		}
	}
}

func TestRowsSplitAcrossBufferRefillsReadTheSame(t *testing.T) {
	var b strings.Builder
	b.WriteString("lead_id,created_at,channel,meeting_at,opportunity_at,won_at,amount\n")
	for i := range 20000 {
		b.WriteString("\"L\"\"" + strings.Repeat("x", i%50) + "\",2025-04-01,\"広告,Web\",,,,\n")
	}
	got, rd := readAll(t, iotestOneByte{strings.NewReader(b.String())}, preset(PresetGeneric), Options{})
	if rd.ErrorCount() != 0 || len(got) != 20000 || got[19999].Channel != "広告,Web" || got[49].ID != "L\""+strings.Repeat("x", 49) {
		t.Fatalf("%d leads, %d errors %v", len(got), rd.ErrorCount(), rd.Errors())
	}
}

// iotestOneByte reads at most 7 bytes at a time, so rows straddle refills.
type iotestOneByte struct{ r io.Reader }

func (o iotestOneByte) Read(p []byte) (int, error) { return o.r.Read(p[:min(len(p), 7)]) }

func TestGenerateIsDeterministicWithTheFunnelShape(t *testing.T) {
	var a, b strings.Builder
	Generate(&a, 20000, 7, gyakusan.MonthOf(2024, 4))
	Generate(&b, 20000, 7, gyakusan.MonthOf(2024, 4))
	if a.String() != b.String() {
		t.Fatal("same seed, different files")
	}
	leads, rd := readAll(t, strings.NewReader(a.String()), preset(PresetGeneric), Options{})
	if rd.ErrorCount() != 0 || len(leads) != 20000 {
		t.Fatalf("%d leads, errors %v", len(leads), rd.Errors())
	}
	var m, o, w int
	for _, l := range leads {
		if l.Meeting != 0 {
			m++
		}
		if l.Opportunity != 0 {
			o++
		}
		if l.Won != 0 {
			w++
		}
	}
	if m < 4500 || m > 5500 || o*100/m < 45 || o*100/m > 55 || w*100/o < 20 || w*100/o > 30 {
		t.Fatalf("funnel %d → %d → %d → %d, want about 25/50/25 %%", len(leads), m, o, w)
	}
}
