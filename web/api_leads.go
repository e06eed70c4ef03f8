package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"gyakusan"
	"gyakusan/crm"
)

// leadImport is the answer of POST /api/v1/plans/{id}/leads: what the
// import did, or would do in a dry run.
type leadImport struct {
	DryRun    bool   `json:"dry_run"`
	Committed bool   `json:"committed"`
	Leads     int    `json:"leads"`     // rows read from the file
	New       int    `json:"new"`       // leads not stored before
	Updated   int    `json:"updated"`   // stored leads whose data changed
	Unchanged int    `json:"unchanged"` // stored leads the file repeats as they are
	Encoding  string `json:"encoding"`  // the encoding the file was read in
}

// leadsProblem is the 422 of a file with bad lines: the first lines as
// fields, and how many bad lines there are in all.
type leadsProblem struct {
	problem
	ErrorCount int `json:"error_count"`
}

// leadsQuery is the import's query: the column layout, the encoding and
// whether to write.
type leadsQuery struct {
	preset    string
	mappingID int64 // 0: use preset
	encoding  string
	dryRun    bool
}

func parseLeadsQuery(q url.Values) (leadsQuery, error) {
	lq := leadsQuery{preset: q.Get("preset"), encoding: q.Get("encoding")}
	var fields []gyakusan.FieldError
	if lq.preset == "" {
		lq.preset = crm.PresetGeneric
	} else if _, ok := crm.Preset(lq.preset); !ok {
		fields = append(fields, gyakusan.FieldError{Field: "preset", Rule: gyakusan.RuleChoice, Min: strings.Join(crm.Presets, ", ")})
	}
	if v := q.Get("mapping"); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		switch {
		case err != nil || id <= 0:
			fields = append(fields, gyakusan.FieldError{Field: "mapping", Rule: gyakusan.RuleType})
		case q.Get("preset") != "":
			return lq, gyakusan.Localized(gyakusan.CodeInvalid, "preset と mapping はどちらか一方だけ指定してください。",
				"Give either preset or mapping, not both.")
		}
		lq.mappingID = id
	}
	switch lq.encoding {
	case "", crm.EncodingAuto, crm.EncodingUTF8, crm.EncodingShiftJIS:
	default:
		fields = append(fields, gyakusan.FieldError{Field: "encoding", Rule: gyakusan.RuleChoice,
			Min: strings.Join([]string{crm.EncodingAuto, crm.EncodingUTF8, crm.EncodingShiftJIS}, ", ")})
	}
	switch q.Get("dry_run") {
	case "", "0", "false":
	case "1", "true":
		lq.dryRun = true
	default:
		fields = append(fields, gyakusan.FieldError{Field: "dry_run", Rule: gyakusan.RuleChoice, Min: "1, 0"})
	}
	if len(fields) > 0 {
		return lq, gyakusan.Invalid(fields...)
	}
	return lq, nil
}

// checkCSVType refuses bodies declared as anything but CSV, notably the
// form encoding curl sends with --data-binary unless told otherwise; a
// missing Content-Type is read as CSV.
func checkCSVType(r *http.Request) error {
	return checkBodyType(r, "text/csv", "本文はCSVファイルそのものを Content-Type: text/csv で送ってください。",
		"Send the CSV file itself as the body, with Content-Type: text/csv.")
}

// apiImportLeads imports a CRM export sent as the request body, all or
// nothing, like `gyakusan import`. The body is streamed into the store's
// upload chunks first and imported from there, as the import page does: a
// slow upload then never holds the database's writer, and nothing holds the
// whole file in memory.
func (s *Server) apiImportLeads(w http.ResponseWriter, r *http.Request) {
	sp, pr, a, err := s.loadPlanActuals(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	q, err := parseLeadsQuery(r.URL.Query())
	if err == nil {
		err = checkCSVType(r)
	}
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	m, err := s.apiMapping(r, pr, a, q)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	extendDeadlines(w)
	r.Body = http.MaxBytesReader(w, r.Body, MaxUploadBytes)
	up, err := a.SaveUpload(r.Context(), gyakusan.Upload{OrgID: pr.Org.ID, PlanID: sp.ID, UserID: pr.User.ID, Name: "api"}, r.Body)
	if err != nil {
		s.apiError(w, r, uploadError(err))
		return
	}
	// The upload is only the way in: it goes whatever the outcome.
	defer a.DeleteUpload(context.WithoutCancel(r.Context()), pr.Org.ID, up.ID)
	if up.Size == 0 {
		s.apiError(w, r, gyakusan.Localized(gyakusan.CodeInvalid, "本文が空です。CSVファイルを送ってください。", "The body is empty: send the CSV file."))
		return
	}
	_, rc, err := a.OpenUpload(r.Context(), pr.Org.ID, sp.ID, up.ID)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	defer rc.Close()
	rd, err := crm.NewReader(rc, m, crm.Options{Encoding: q.encoding})
	if err != nil {
		s.apiError(w, r, crmFileError(err))
		return
	}
	counts, err := a.ImportCRM(r.Context(), pr.Org.ID, sp.ID, rd, q.dryRun)
	if rd.ErrorCount() > 0 {
		s.writeLeadsProblem(w, r, rd)
		return
	}
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	if !q.dryRun {
		s.log.Info("web: leads imported over the API", "plan", sp.ID, "rows", counts.Leads, "new", counts.New, "updated", counts.Updated)
	}
	writeJSON(w, http.StatusOK, leadImport{DryRun: q.dryRun, Committed: counts.Committed, Leads: counts.Leads, New: counts.New,
		Updated: counts.Updated, Unchanged: counts.Unchanged, Encoding: rd.Encoding()})
}

// apiMapping returns the saved mapping the query names, else its preset.
// Another organization's mapping answers like one that does not exist.
func (s *Server) apiMapping(r *http.Request, pr principal, a ActualsStore, q leadsQuery) (crm.Mapping, error) {
	if q.mappingID == 0 {
		m, _ := crm.Preset(q.preset)
		return m, nil
	}
	lm, err := a.LeadMapping(r.Context(), pr.Org.ID, q.mappingID)
	if gyakusan.ErrorCode(err) == gyakusan.CodeNotFound {
		return crm.Mapping{}, gyakusan.Localized(gyakusan.CodeInvalid, "mapping: その保存したマッピングはありません。",
			"mapping: there is no saved mapping with this id.")
	}
	if err != nil {
		return crm.Mapping{}, err
	}
	m, err := crm.DecodeMapping(strings.NewReader(lm.Document))
	if err != nil {
		return m, crmFileError(err)
	}
	return m, nil
}

// crmFileError turns an error about the file as a whole (its encoding, a
// missing column) into an invalid-input error that names the column.
func crmFileError(err error) error {
	ce, ok := err.(*crm.Error)
	if !ok {
		return err
	}
	return gyakusan.Localized(gyakusan.CodeInvalid, "CSVファイルを取り込めません: "+ce.Text("ja"), "The CSV file cannot be imported: "+ce.Text("en"))
}

// writeLeadsProblem answers a file with bad lines: nothing was imported;
// each of the first bad cells is a field "line N, column".
func (s *Server) writeLeadsProblem(w http.ResponseWriter, r *http.Request, rd *crm.Reader) {
	lang := langOf(r)
	n := rd.ErrorCount()
	err := gyakusan.Localized(gyakusan.CodeInvalid,
		fmt.Sprintf("%d 件の行に誤りがあるため、何も取り込んでいません。", n),
		fmt.Sprintf("%d bad lines; nothing was imported.", n))
	p := leadsProblem{problem: problemOf(s, r, err, lang), ErrorCount: n}
	for _, e := range rd.Errors() {
		p.Fields = append(p.Fields, problemField{Field: lineField(e), Message: e.Text(lang)})
	}
	writeJSONType(w, p.Status, "application/problem+json", p)
}

// lineField names a bad cell as "line 12, created_at" (the column as the
// file's header row spells it), a bad row as "line 12".
func lineField(e crm.Error) string {
	switch {
	case e.Line > 0 && e.Column != "":
		return "line " + strconv.Itoa(e.Line) + ", " + e.Column
	case e.Line > 0:
		return "line " + strconv.Itoa(e.Line)
	}
	return e.Column
}
