package crm

import (
	"fmt"
	"strings"
)

// Reason says what is wrong with a cell, a row or the file.
type Reason string

// The reasons.
const (
	ReasonRequired       Reason = "required"        // the cell is empty
	ReasonDate           Reason = "date"            // not a date gyakusan reads
	ReasonDateRange      Reason = "date_range"      // a date before 1900 or after 2999
	ReasonAmount         Reason = "amount"          // not an amount in whole yen
	ReasonAmountRange    Reason = "amount_range"    // negative or above 10^15 yen
	ReasonTooLong        Reason = "too_long"        // an id or a name longer than allowed
	ReasonColumns        Reason = "columns"         // the row has another number of cells than the header
	ReasonQuote          Reason = "quote"           // a quote in a quoted cell is not doubled
	ReasonUnterminated   Reason = "unterminated"    // a quoted cell never ends
	ReasonRowTooLong     Reason = "row_too_long"    // one row is larger than MaxRowBytes
	ReasonMissingColumn  Reason = "missing_column"  // the header lacks a required column
	ReasonEmptyFile      Reason = "empty_file"      // no header row
	ReasonEncoding       Reason = "encoding"        // the bytes are not in the encoding
	ReasonMappingInvalid Reason = "mapping_invalid" // the mapping document is not valid
)

// Error is one bad cell, row or file: the line it starts on (1 is the
// header), the column's header name when it is about one cell, the reason,
// and the cell's text (shortened) to show the user.
type Error struct {
	Line   int    `json:"line,omitempty"`
	Column string `json:"column,omitempty"`
	Reason Reason `json:"reason"`
	Value  string `json:"value,omitempty"`
	Detail string `json:"-"` // for ReasonMappingInvalid and ReasonColumns: what exactly
}

func (e *Error) Error() string { return e.Text("en") }

// Text returns the error in lang ("ja" or "en"), naming the line and the
// column.
func (e *Error) Text(lang string) string {
	ja := lang == "ja"
	var b strings.Builder
	if e.Line > 0 {
		if ja {
			fmt.Fprintf(&b, "%d行目", e.Line)
		} else {
			fmt.Fprintf(&b, "line %d", e.Line)
		}
		if e.Column != "" {
			if ja {
				fmt.Fprintf(&b, "・列「%s」", e.Column)
			} else {
				fmt.Fprintf(&b, ", column %q", e.Column)
			}
		}
		b.WriteString(": ")
	} else if e.Column != "" {
		if ja {
			fmt.Fprintf(&b, "列「%s」: ", e.Column)
		} else {
			fmt.Fprintf(&b, "column %q: ", e.Column)
		}
	}
	m := reasonText[e.Reason]
	if ja {
		b.WriteString(m[0])
	} else {
		b.WriteString(m[1])
	}
	if e.Detail != "" {
		b.WriteString(" (" + e.Detail + ")")
	}
	if e.Value != "" {
		if ja {
			fmt.Fprintf(&b, "（値: %q）", e.Value)
		} else {
			fmt.Fprintf(&b, " (value: %q)", e.Value)
		}
	}
	return b.String()
}

var reasonText = map[Reason][2]string{
	ReasonRequired:       {"値がありません。", "the cell is empty."},
	ReasonDate:           {"日付として読めません（例: 2025-01-02、2025/1/2、2025年1月2日、2025-01-02 10:30）。", "not a date (e.g. 2025-01-02, 2025/1/2, 2025年1月2日, 2025-01-02 10:30)."},
	ReasonDateRange:      {"日付は1900年から2999年の間にしてください。", "the date must lie between 1900 and 2999."},
	ReasonAmount:         {"金額として読めません（例: 1200000、¥1,200,000、1,200,000円）。", "not an amount in yen (e.g. 1200000, ¥1,200,000, 1,200,000円)."},
	ReasonAmountRange:    {"金額は0以上10^15円以下にしてください。", "the amount must lie between 0 and 10^15 yen."},
	ReasonTooLong:        {"長すぎます。", "the text is too long."},
	ReasonColumns:        {"列の数が見出し行と違います。", "the row has a different number of cells than the header."},
	ReasonQuote:          {"引用符（\"）の使い方が正しくありません。セル内の引用符は \"\" と重ねてください。", "a quote (\") inside a quoted cell must be doubled (\"\")."},
	ReasonUnterminated:   {"引用符（\"）で始まったセルが閉じられていません。", "a quoted cell is never closed."},
	ReasonRowTooLong:     {"1行が大きすぎます。", "the row is too large."},
	ReasonMissingColumn:  {"見出し行にこの列がありません。", "the header row has no such column."},
	ReasonEmptyFile:      {"ファイルが空です（見出し行がありません）。", "the file is empty (no header row)."},
	ReasonEncoding:       {"文字コードを読めません。UTF-8 か Shift_JIS の CSV で保存してください。", "the text encoding is not readable; save the CSV as UTF-8 or Shift_JIS."},
	ReasonMappingInvalid: {"列の対応づけ（マッピング）が正しくありません。", "the column mapping is not valid."},
}

// MaxErrors is how many errors a Reader keeps; it counts them all.
const MaxErrors = 20

// errorList keeps the first MaxErrors errors and the count of all.
type errorList struct {
	first []Error
	count int
}

func (l *errorList) add(e Error) {
	l.count++
	if len(l.first) < MaxErrors {
		if len(e.Value) > 60 {
			e.Value = truncate(e.Value, 60) + "…"
		}
		l.first = append(l.first, e)
	}
}

// truncate cuts s to at most n bytes without splitting a character.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n]
}
