package xlsx

import (
	"strings"

	"gyakusan/export"
)

// escapeText neutralises text that a spreadsheet could run as a formula by
// a leading apostrophe (OWASP). Text that already starts with an apostrophe
// gets one too, so that unescapeText restores every string exactly.
func escapeText(s string) string {
	if export.Dangerous(s) || strings.HasPrefix(s, "'") {
		return "'" + s
	}
	return s
}

// unescapeText undoes escapeText.
func unescapeText(s string) string { return strings.TrimPrefix(s, "'") }
