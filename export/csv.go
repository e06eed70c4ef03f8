package export

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"golang.org/x/text/encoding/japanese"

	"gyakusan"
)

// The encodings a CSV export can be written in.
const (
	UTF8     = "utf-8"     // with a byte order mark, the default
	ShiftJIS = "shift_jis" // CP932, for older Japanese Excel and tools
)

// Options choose the language of the header and the encoding.
type Options struct {
	Lang     string // "ja" or "en"
	Encoding string // UTF8 (default) or ShiftJIS
}

// ParseEncoding accepts the names people write for the two encodings.
func ParseEncoding(s string) (string, bool) {
	switch strings.ToLower(strings.ReplaceAll(strings.TrimSpace(s), "-", "_")) {
	case "", "utf_8", "utf8":
		return UTF8, true
	case "shift_jis", "sjis", "shiftjis", "cp932", "windows_31j":
		return ShiftJIS, true
	}
	return "", false
}

// table is a CSV being built: text cells are neutralised as they are added,
// numbers stay numbers.
type table struct {
	rows [][]string
}

func (t *table) row(cells ...any) {
	r := make([]string, len(cells))
	for i, c := range cells {
		switch v := c.(type) {
		case string:
			// encoding/csv drops a lone CR when it writes CRLF lines, so CRs
			// become line breaks after the neutralising.
			r[i] = strings.ReplaceAll(strings.ReplaceAll(SafeText(v), "\r\n", "\n"), "\r", "\n")
		case int64:
			r[i] = strconv.FormatInt(v, 10)
		case int:
			r[i] = strconv.Itoa(v)
		case gyakusan.Yen:
			r[i] = strconv.FormatInt(int64(v), 10)
		case *gyakusan.Decimal:
			if v != nil {
				r[i] = v.String()
			}
		case *gyakusan.Yen:
			if v != nil {
				r[i] = strconv.FormatInt(int64(*v), 10)
			}
		case nil:
		default:
			panic(fmt.Sprintf("export: cell of type %T", c)) // only this package adds cells
		}
	}
	t.rows = append(t.rows, r)
}

// write encodes the table. Text Shift_JIS cannot hold is an error that names
// it, rather than a silent question mark.
func (t *table) write(w io.Writer, o Options) error {
	enc, ok := ParseEncoding(o.Encoding)
	if !ok {
		return gyakusan.Localized(gyakusan.CodeInvalid,
			fmt.Sprintf("文字コード「%s」には対応していません（utf-8 か shift_jis）。", o.Encoding),
			fmt.Sprintf("encoding %q is not supported (utf-8 or shift_jis).", o.Encoding))
	}
	bw := bufio.NewWriter(w)
	var out io.Writer = bw
	if enc == UTF8 {
		bw.WriteString("\uFEFF")
	} else {
		sj := japanese.ShiftJIS.NewEncoder()
		for _, r := range t.rows {
			for _, c := range r {
				if _, err := sj.String(c); err != nil {
					return gyakusan.Localized(gyakusan.CodeInvalid,
						fmt.Sprintf("「%s」にShift_JISで書けない文字があります。UTF-8で書き出してください。", c),
						fmt.Sprintf("%q has characters Shift_JIS cannot hold; export as UTF-8.", c))
				}
			}
		}
		out = &sjisWriter{w: bw}
	}
	cw := csv.NewWriter(out)
	cw.UseCRLF = true // what Excel writes and expects
	if err := cw.WriteAll(t.rows); err != nil {
		return err
	}
	return bw.Flush()
}

// sjisWriter encodes each write; the cells were checked beforehand, so the
// encoder cannot fail on text.
type sjisWriter struct{ w io.Writer }

func (s *sjisWriter) Write(p []byte) (int, error) {
	b, err := japanese.ShiftJIS.NewEncoder().Bytes(p)
	if err != nil {
		return 0, err
	}
	if _, err := s.w.Write(b); err != nil {
		return 0, err
	}
	return len(p), nil
}

type header struct {
	month, channel, all, total                          string
	won, opportunities, meetings, leads, revenue, spend string
	plan, actual, attainment                            string
	perLead, perMeeting, perWon                         string
}

var headerJa = header{month: "月", channel: "チャネル", all: "全体", total: "合計",
	won: "受注数", opportunities: "案件化数", meetings: "商談数", leads: "リード数", revenue: "売上", spend: "施策費用",
	plan: "計画", actual: "実績", attainment: "達成率(%)",
	perLead: "リード単価", perMeeting: "商談単価", perWon: "顧客獲得単価(CAC)"}

var headerEn = header{month: "month", channel: "channel", all: "All", total: "Total",
	won: "won", opportunities: "opportunities", meetings: "meetings", leads: "leads", revenue: "revenue", spend: "spend",
	plan: "plan", actual: "actual", attainment: "attainment %",
	perLead: "cost per lead", perMeeting: "cost per meeting", perWon: "cost per won deal (CAC)"}

func headerFor(lang string) header {
	if lang == "ja" {
		return headerJa
	}
	return headerEn
}

// MonthlyCSV writes the monthly plan: one row per month with the required
// funnel, revenue and spend, then each channel's leads, meetings and spend,
// and a total row.
func MonthlyCSV(w io.Writer, p gyakusan.Plan, r gyakusan.Result, o Options) error {
	h := headerFor(o.Lang)
	var t table
	head := []any{h.month, h.won, h.opportunities, h.meetings, h.leads, h.revenue, h.spend}
	for _, c := range r.Channels {
		head = append(head, c.Name+" "+h.leads, c.Name+" "+h.meetings, c.Name+" "+h.spend)
	}
	t.row(head...)
	line := func(label string, f gyakusan.Funnel) []any {
		return []any{label, f.Won, f.Opportunities, f.Meetings, f.Leads, f.Revenue, f.Spend}
	}
	for _, m := range r.Months {
		cells := line(m.Month.String(), m.Funnel)
		for _, c := range m.Channels {
			cells = append(cells, c.Leads, c.Meetings, c.Spend)
		}
		t.row(cells...)
	}
	cells := line(h.total, r.Total.Funnel)
	for _, c := range r.Channels {
		cells = append(cells, c.Leads, c.Meetings, c.Spend)
	}
	t.row(cells...)
	return t.write(w, o)
}

// PlanActualCSV writes plan against actual in long form, one row per month
// and channel (the whole month first, as channel "All"), then the period's
// totals, so that it pivots well. Spend follows revenue (its attainment is
// the share of the budget spent), then what a lead, a meeting and a won
// deal cost, planned and actual (empty with nothing to divide).
func PlanActualCSV(w io.Writer, rep gyakusan.PlanReport, o Options) error {
	h := headerFor(o.Lang)
	var t table
	head := []any{h.month, h.channel}
	for _, f := range []string{h.leads, h.meetings, h.opportunities, h.won, h.revenue, h.spend} {
		head = append(head, f+" "+h.plan, f+" "+h.actual, f+" "+h.attainment)
	}
	for _, f := range []string{h.perLead, h.perMeeting, h.perWon} {
		head = append(head, f+" "+h.plan, f+" "+h.actual)
	}
	t.row(head...)
	line := func(month, channel string, pa gyakusan.PlanActual) {
		p, a, at, cp, ca := pa.Plan, pa.Actual, pa.Attainment, pa.Cost.Plan, pa.Cost.Actual
		t.row(month, channel,
			p.Leads, a.Leads, at.Leads,
			p.Meetings, a.Meetings, at.Meetings,
			p.Opportunities, a.Opportunities, at.Opportunities,
			p.Won, a.Won, at.Won,
			p.Revenue, a.Revenue, at.Revenue,
			p.Spend, a.Spend, at.Spend,
			cp.PerLead, ca.PerLead, cp.PerMeeting, ca.PerMeeting, cp.PerWon, ca.PerWon)
	}
	for _, m := range rep.Months {
		line(m.Month.String(), h.all, m.PlanActual)
		for _, c := range m.Channels {
			line(m.Month.String(), c.Name, c.PlanActual)
		}
	}
	line(h.total, h.all, rep.Total)
	for _, c := range rep.Channels {
		line(h.total, c.Name, c.PlanActual)
	}
	return t.write(w, o)
}
