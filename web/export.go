package web

import (
	"bytes"
	"fmt"
	"mime"
	"net/http"
	"strconv"

	"gyakusan"
	"gyakusan/export"
	"gyakusan/xlsx"
)

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

// exportPlan loads the plan a download is of and the language it is in;
// ok is false when it has answered an error instead.
func (s *Server) exportPlan(w http.ResponseWriter, r *http.Request) (sp gyakusan.StoredPlan, lang string, ok bool) {
	sp, _, err := s.loadPlan(r)
	if err == nil {
		lang, err = exportLang(r)
	}
	if err != nil {
		s.fail(w, r, err)
		return sp, "", false
	}
	return sp, lang, true
}

// exportXLSX answers the plan as a workbook with live formulas, with the
// plan-vs-actual sheets when the plan has actuals.
func (s *Server) exportXLSX(w http.ResponseWriter, r *http.Request) {
	sp, lang, ok := s.exportPlan(w, r)
	if !ok {
		return
	}
	o := xlsx.Options{Lang: lang}
	rep, has, err := s.report(r.Context(), sp, s.today())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if has {
		o.Report = &rep
	}
	var buf bytes.Buffer
	if err := xlsx.Write(&buf, sp.Plan, o); err != nil {
		s.fail(w, r, err)
		return
	}
	attach(w, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", fileName(sp, "xlsx"), buf.Bytes())
}

// exportCSV answers the monthly plan as CSV, or plan vs actual with
// ?actual=1; ?encoding=shift_jis for older tools.
func (s *Server) exportCSV(w http.ResponseWriter, r *http.Request) {
	sp, lang, ok := s.exportPlan(w, r)
	if !ok {
		return
	}
	enc, ok := export.ParseEncoding(r.URL.Query().Get("encoding"))
	if !ok {
		s.fail(w, r, invalidField("encoding", "utf-8, shift_jis"))
		return
	}
	o := export.Options{Lang: lang, Encoding: enc}
	var buf bytes.Buffer
	var err error
	if r.URL.Query().Get("actual") == "1" {
		var rep gyakusan.PlanReport
		if rep, _, err = s.report(r.Context(), sp, s.today()); err == nil {
			err = export.PlanActualCSV(&buf, rep, o)
		}
	} else {
		var res gyakusan.Result
		if res, err = gyakusan.Compute(sp.Plan); err == nil {
			err = export.MonthlyCSV(&buf, sp.Plan, res, o)
		}
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
	redirectPlan(w, r, sp.ID, "")
}
