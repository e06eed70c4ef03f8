package xlsx

import (
	"strings"

	"gyakusan/export"
)

// escapeText neutralises text that a spreadsheet could run as a formula the
// CSV export's way (export.SafeText). Text that already starts with an
// apostrophe gets one too, so that unescapeText restores every string
// exactly.
func escapeText(s string) string {
	if strings.HasPrefix(s, "'") {
		return "'" + s
	}
	return export.SafeText(s)
}

// unescapeText undoes escapeText.
func unescapeText(s string) string { return strings.TrimPrefix(s, "'") }
