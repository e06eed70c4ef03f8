package web

import (
	"bytes"
	"context"
	"fmt"
	"mime"
	"net/http"
	"strconv"

	"gyakusan"
	"gyakusan/export"
	"gyakusan/xlsx"
)

// actualsSource is the store's view of a plan's actuals. The export uses it
// when the plan service provides it (the real store does), so that a
// workbook of a plan with actuals carries the plan-vs-actual sheets.
type actualsSource interface {
	Actuals(ctx context.Context, orgID, planID int64) (gyakusan.Actuals, error)
}

// exportLang is ?lang=ja|en, else the page's language.
func exportLang(r *http.Request) (string, error) {
	switch l := r.URL.Query().Get("lang"); l {
	case "":
		return langOf(r), nil
	case "ja", "en":
		return l, nil
	}
	return "", invalidField("lang", "ja, en")
}

// exportReport is plan vs actual, or nil while the plan has no actuals.
func (s *Server) exportReport(ctx context.Context, orgID int64, sp gyakusan.StoredPlan) (*gyakusan.PlanReport, gyakusan.Result, error) {
	res, err := gyakusan.Compute(sp.Plan)
	if err != nil {
		return nil, res, err
	}
	src, ok := s.d.Plans.(actualsSource)
	if !ok {
		return nil, res, nil
	}
	a, err := src.Actuals(ctx, orgID, sp.ID)
	if err != nil || a.Empty() {
		return nil, res, err
	}
	rep := gyakusan.Report(sp.Plan, res, a)
	return &rep, res, nil
}

// attach sends data as a download named after the plan.
func attach(w http.ResponseWriter, ctype, name string, data []byte) {
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	w.Header().Set("Cache-Control", "private, no-store")
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.WriteHeader(http.StatusOK)
	w.Write(data)
}

// fileName is the plan's name made safe for a download, or its id.
func fileName(sp gyakusan.StoredPlan, ext string) string {
	var b []rune
	for _, c := range sp.Plan.Name {
		if c < 0x20 || c == 0x7f || c == '/' || c == '\\' || c == '"' || c == ':' || c == '*' || c == '?' || c == '<' || c == '>' || c == '|' {
			c = '_'
		}
		b = append(b, c)
	}
	if len(b) == 0 || len(b) > 100 {
		return fmt.Sprintf("plan-%d.%s", sp.ID, ext)
	}
	return string(b) + "." + ext
}

// exportXLSX answers the plan as a workbook with live formulas.
func (s *Server) exportXLSX(w http.ResponseWriter, r *http.Request) {
	sp, pr, err := s.loadPlan(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	lang, err := exportLang(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	rep, _, err := s.exportReport(r.Context(), pr.Org.ID, sp)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var buf bytes.Buffer
	if err := xlsx.Write(&buf, sp.Plan, xlsx.Options{Lang: lang, Report: rep}); err != nil {
		s.fail(w, r, err)
		return
	}
	attach(w, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", fileName(sp, "xlsx"), buf.Bytes())
}

// exportCSV answers the monthly plan as CSV, or plan vs actual with
// ?actual=1; ?encoding=shift_jis for older tools.
func (s *Server) exportCSV(w http.ResponseWriter, r *http.Request) {
	sp, pr, err := s.loadPlan(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	lang, err := exportLang(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	enc, ok := export.ParseEncoding(r.URL.Query().Get("encoding"))
	if !ok {
		s.fail(w, r, invalidField("encoding", "utf-8, shift_jis"))
		return
	}
	rep, res, err := s.exportReport(r.Context(), pr.Org.ID, sp)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	o := export.Options{Lang: lang, Encoding: enc}
	var buf bytes.Buffer
	if r.URL.Query().Get("actual") == "1" {
		if rep == nil {
			empty := gyakusan.Report(sp.Plan, res, gyakusan.Actuals{})
			rep = &empty
		}
		err = export.PlanActualCSV(&buf, *rep, o)
	} else {
		err = export.MonthlyCSV(&buf, sp.Plan, res, o)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	charset := "utf-8"
	if enc == export.ShiftJIS {
		charset = "shift_jis"
	}
	attach(w, "text/csv; charset="+charset, fileName(sp, "csv"), buf.Bytes())
}

// importXLSX stores the plan of an uploaded gyakusan workbook as a new plan
// and opens it. The upload is the form field "file".
func (s *Server) importXLSX(w http.ResponseWriter, r *http.Request) {
	pr, _ := principalFrom(r.Context())
	r.Body = http.MaxBytesReader(w, r.Body, xlsx.MaxWorkbookBytes+64<<10)
	f, _, err := r.FormFile("file")
	if err != nil {
		s.fail(w, r, gyakusan.Localized(gyakusan.CodeInvalid,
			"gyakusanで書き出したExcelブック（.xlsx）を選んでください。", "Choose an Excel workbook (.xlsx) gyakusan exported."))
		return
	}
	defer f.Close()
	p, err := xlsx.Read(f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	sp, err := s.d.Plans.CreatePlan(r.Context(), pr.Org.ID, pr.User.ID, p)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/plans/"+strconv.FormatInt(sp.ID, 10), http.StatusSeeOther)
}
