// Package export writes a plan's figures as CSV: the monthly plan and the
// plan against the actuals, in UTF-8 with a BOM (so that Japanese Excel opens
// it correctly) or in Shift_JIS on request. Text that a spreadsheet would
// read as a formula is neutralised.
package export

import (
	"strings"
	"unicode/utf8"
)

// formulaStarts are the first characters that make a spreadsheet read a cell
// as a formula or a command (OWASP "CSV injection"), with their full-width
// forms, which Japanese input methods produce and Excel also accepts.
const formulaStarts = "=+-@\t\r＝＋－＠"

// Dangerous reports whether a spreadsheet could read s as a formula.
func Dangerous(s string) bool {
	first, _ := utf8.DecodeRuneInString(s) // utf8.RuneError for "", never a formula start
	return strings.ContainsRune(formulaStarts, first)
}

// SafeText neutralises s for a spreadsheet cell the OWASP way: text that
// begins like a formula gets a leading apostrophe, so it stays text.
func SafeText(s string) string {
	if Dangerous(s) {
		return "'" + s
	}
	return s
}
