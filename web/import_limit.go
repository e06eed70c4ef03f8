package web

import (
	"net/http"
	"strings"

	"gyakusan/xlsx"
)

// MaxUploadBytes bounds a CRM export uploaded for import. The file is
// streamed into the store in chunks, never held whole in memory.
const MaxUploadBytes = 200 << 20

// bodyLimit is the largest request body the security layer lets through:
// maxBody, except for the file uploads (a CRM export to the import page or
// to the API, a workbook), which their handlers stream and bound themselves. The layer's limit cannot be raised later (a wrapped
// MaxBytesReader keeps the smaller one), hence this table.
func bodyLimit(r *http.Request) int64 {
	if r.Method != http.MethodPost {
		return maxBody
	}
	switch p := r.URL.Path; {
	case strings.HasPrefix(p, "/plans/") && strings.HasSuffix(p, "/import/preview"),
		strings.HasPrefix(p, "/api/v1/plans/") && strings.HasSuffix(p, "/leads"):
		return MaxUploadBytes + 64<<10
	case p == "/plans/import-xlsx":
		return xlsx.MaxWorkbookBytes + 64<<10
	}
	return maxBody
}
