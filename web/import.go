package web

import (
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"
	"time"

	"gyakusan"
	"gyakusan/crm"
)

// The import runs in two steps. The preview streams the uploaded file into
// the store (lead_uploads, in 1 MiB chunks, for an hour) and dry-runs the
// import on it; the commit names that upload by its random id and imports
// the same bytes. Keeping the file in the database rather than on one
// instance's disk lets any instance serve either step, and the user never
// has to choose the file twice.

// importPage is the import tab: the upload form, the saved mappings and
// their editor, the last import, and after an upload the preview.
type importPage struct {
	page
	Tabs      planTabs
	Sources   []option
	Encodings []option
	Source    string // "preset:<name>" or "mapping:<id>"
	Encoding  string
	Mappings  []gyakusan.LeadMapping
	Editor    mappingForm
	Last      *gyakusan.ImportCounts
	LastAt    string
	Error     string // about the upload as a whole
	Preview   *previewView
	MaxMB     int
}

type option struct {
	Value, Label string
	Selected     bool
}

func (s *Server) importForm(r *http.Request, sp gyakusan.StoredPlan, pr principal, a ActualsStore) (*importPage, error) {
	pg := &importPage{page: s.page(r, "imp_title"), Source: "preset:" + crm.PresetGeneric, Encoding: crm.EncodingAuto, MaxMB: MaxUploadBytes >> 20}
	pg.Title = sp.Plan.Name + " · " + pg.T["imp_title"]
	pg.Tabs = tabsFor(pg.page, sp, pr, "import")
	ms, err := a.LeadMappings(r.Context(), pr.Org.ID)
	if err != nil {
		return nil, err
	}
	pg.Mappings = ms
	if pg.Last, pg.LastAt, err = s.lastImport(r, a, pr.Org.ID, sp.ID); err != nil {
		return nil, err
	}
	pg.Editor = newMappingForm(sp.Plan)
	return pg, nil
}

// importStart begins every handler of the import tab: the plan, the
// actuals store and the tab's form; ok is false when it has answered with
// the error page.
func (s *Server) importStart(w http.ResponseWriter, r *http.Request) (sp gyakusan.StoredPlan, pr principal, a ActualsStore, pg *importPage, ok bool) {
	sp, pr, a, err := s.loadPlanActuals(r)
	if err == nil {
		pg, err = s.importForm(r, sp, pr, a)
	}
	if err != nil {
		s.fail(w, r, err)
		return sp, pr, a, nil, false
	}
	return sp, pr, a, pg, true
}

// options fills the choices of the form with the current ones selected.
func (pg *importPage) options() {
	pg.Sources = nil
	for _, p := range crm.Presets {
		v := "preset:" + p
		pg.Sources = append(pg.Sources, option{v, pg.T["imp_preset_"+p], v == pg.Source})
	}
	for _, m := range pg.Mappings {
		v := "mapping:" + strconv.FormatInt(m.ID, 10)
		pg.Sources = append(pg.Sources, option{v, pg.T["imp_saved"] + ": " + m.Name, v == pg.Source})
	}
	pg.Encodings = nil
	for _, e := range []string{crm.EncodingAuto, crm.EncodingUTF8, crm.EncodingShiftJIS} {
		pg.Encodings = append(pg.Encodings, option{e, pg.T["imp_enc_"+strings.ReplaceAll(e, "-", "")], e == pg.Encoding})
	}
}

// importPageGet shows the import tab; ?mapping=ID opens a saved mapping in
// the editor.
func (s *Server) importPageGet(w http.ResponseWriter, r *http.Request) {
	_, pr, a, pg, ok := s.importStart(w, r)
	if !ok {
		return
	}
	if id, err := strconv.ParseInt(r.URL.Query().Get("mapping"), 10, 64); err == nil {
		if m, err := a.LeadMapping(r.Context(), pr.Org.ID, id); err == nil {
			pg.Editor = mappingFormOf(m)
			pg.Source = "mapping:" + strconv.FormatInt(m.ID, 10)
		}
	}
	pg.options()
	s.render(w, r, http.StatusOK, "import", pg)
}

// chooseMapping returns the mapping a form's source names.
func (s *Server) chooseMapping(r *http.Request, pr principal, a ActualsStore, source string) (crm.Mapping, error) {
	bad := invalidField("source", "generic, hubspot, salesforce")
	kind, val, _ := strings.Cut(source, ":")
	switch kind {
	case "preset":
		if m, ok := crm.Preset(val); ok && val != "" {
			return m, nil
		}
	case "mapping":
		id, err := strconv.ParseInt(val, 10, 64)
		if err != nil {
			return crm.Mapping{}, bad
		}
		lm, err := a.LeadMapping(r.Context(), pr.Org.ID, id)
		if err != nil {
			if gyakusan.ErrorCode(err) == gyakusan.CodeNotFound {
				return crm.Mapping{}, gyakusan.Localized(gyakusan.CodeInvalid, "保存したマッピングが見つかりません。", "The saved mapping no longer exists.")
			}
			return crm.Mapping{}, err
		}
		return crm.DecodeMapping(strings.NewReader(lm.Document))
	}
	return crm.Mapping{}, bad
}

// previewImport stores the uploaded file and shows what importing it would
// do: counts, the first bad lines, a sample of rows and the channel mapping.
// Nothing is imported yet.
func (s *Server) previewImport(w http.ResponseWriter, r *http.Request) {
	sp, pr, a, pg, ok := s.importStart(w, r)
	if !ok {
		return
	}
	extendDeadlines(w)
	up, err := s.receiveUpload(r, pr, sp.ID, a, pg)
	if err != nil {
		pg.options()
		pg.Error = userMessage(s, r, err, pg.Lang)
		s.render(w, r, http.StatusUnprocessableEntity, "import", pg)
		return
	}
	pg.options()
	pv, status := s.runPreview(r, pr, sp, a, pg, up)
	pg.Preview = pv
	if status != http.StatusOK {
		// A file that cannot be imported is not kept.
		_ = a.DeleteUpload(r.Context(), pr.Org.ID, up.ID)
	}
	s.render(w, r, status, "import", pg)
}

// receiveUpload reads the multipart form in order, streaming the file part
// into the store as it arrives; the small fields may come before or after.
func (s *Server) receiveUpload(r *http.Request, pr principal, planID int64, a ActualsStore, pg *importPage) (gyakusan.Upload, error) {
	mr, err := r.MultipartReader()
	if err != nil {
		return gyakusan.Upload{}, errNoFile()
	}
	var up gyakusan.Upload
	got := false
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return up, uploadError(err)
		}
		switch part.FormName() {
		case "file":
			if got || part.FileName() == "" {
				part.Close()
				continue
			}
			up, err = a.SaveUpload(r.Context(), gyakusan.Upload{OrgID: pr.Org.ID, PlanID: planID, UserID: pr.User.ID,
				Name: part.FileName()}, part)
			if err != nil {
				return up, uploadError(err)
			}
			got = true
		case "source":
			pg.Source = smallField(part)
		case "encoding":
			pg.Encoding = smallField(part)
		}
		part.Close()
	}
	if !got || up.Size == 0 {
		if got {
			_ = a.DeleteUpload(r.Context(), pr.Org.ID, up.ID)
		}
		return up, errNoFile()
	}
	return up, nil
}

// uploadTime is how long an upload and its dry run may take, beyond the
// server's ordinary timeouts: 200 MB over a slow office line.
const uploadTime = 15 * time.Minute

// extendDeadlines lets the preview and the commit outlast the server's read
// and write timeouts; a writer that cannot (a test recorder) is left as is.
func extendDeadlines(w http.ResponseWriter) {
	rc := http.NewResponseController(w)
	_ = rc.SetReadDeadline(time.Now().Add(uploadTime))
	_ = rc.SetWriteDeadline(time.Now().Add(uploadTime))
}

func smallField(p *multipart.Part) string {
	b, _ := io.ReadAll(io.LimitReader(p, 1<<10))
	return strings.TrimSpace(string(b))
}

func errNoFile() error {
	return gyakusan.Localized(gyakusan.CodeInvalid, "取り込むCSVファイルを選んでください。", "Choose the CSV file to import.")
}

// uploadError tells a file over the limit from a broken upload.
func uploadError(err error) error {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return gyakusan.Localized(gyakusan.CodeInvalid, "ファイルが大きすぎます（上限200MB）。", "The file is too large (200 MB at most).")
	}
	if gyakusan.ErrorCode(err) != gyakusan.CodeInternal {
		return err
	}
	return gyakusan.Localized(gyakusan.CodeInvalid, "アップロードが途中で途切れました。もう一度お試しください。", "The upload was interrupted. Please try again.")
}

// userMessage is err as the user may read it in lang, with its fields.
func userMessage(s *Server, r *http.Request, err error, lang string) string {
	e := userError(s, r, err)
	msg := e.Message(lang)
	for _, f := range e.Fields {
		msg += " " + f.Text(lang)
	}
	return msg
}

// commitImport imports an upload the preview stored, then opens the
// dashboard. If the file turns out bad (another mapping was chosen), the
// preview shows why and nothing is imported.
func (s *Server) commitImport(w http.ResponseWriter, r *http.Request) {
	sp, pr, a, pg, ok := s.importStart(w, r)
	if !ok {
		return
	}
	extendDeadlines(w)
	_ = r.ParseForm()
	pg.Source, pg.Encoding = r.PostFormValue("source"), r.PostFormValue("encoding")
	pg.options()
	id := r.PostFormValue("upload")
	up, rc, err := a.OpenUpload(r.Context(), pr.Org.ID, sp.ID, id)
	if err != nil {
		if gyakusan.ErrorCode(err) != gyakusan.CodeNotFound {
			s.fail(w, r, err)
			return
		}
		pg.Error = pg.T["imp_expired"]
		s.render(w, r, http.StatusUnprocessableEntity, "import", pg)
		return
	}
	defer rc.Close()
	m, err := s.chooseMapping(r, pr, a, pg.Source)
	if err != nil {
		pg.Error = crmMessage(s, r, err, pg.Lang)
		s.render(w, r, http.StatusUnprocessableEntity, "import", pg)
		return
	}
	rd, err := crm.NewReader(rc, m, crm.Options{Encoding: pg.Encoding})
	if err != nil {
		pg.Error = crmMessage(s, r, err, pg.Lang)
		s.render(w, r, http.StatusUnprocessableEntity, "import", pg)
		return
	}
	counts, err := a.ImportCRM(r.Context(), pr.Org.ID, sp.ID, rd, false)
	if rd.ErrorCount() > 0 {
		pg.Preview = &previewView{UploadID: up.ID, FileName: up.Name, Encoding: rd.Encoding()}
		pg.Preview.setErrors(rd, pg.Lang)
		s.render(w, r, http.StatusUnprocessableEntity, "import", pg)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	_ = a.DeleteUpload(r.Context(), pr.Org.ID, up.ID)
	s.log.Info("web: leads imported", "plan", sp.ID, "rows", counts.Leads, "new", counts.New, "updated", counts.Updated)
	http.Redirect(w, r, "/plans/"+strconv.FormatInt(sp.ID, 10)+"/dashboard?flash=imported", http.StatusSeeOther)
}

// crmMessage words a file-level crm error (encoding, a missing column) or
// any other error for the user.
func crmMessage(s *Server, r *http.Request, err error, lang string) string {
	var ce *crm.Error
	if errors.As(err, &ce) {
		return ce.Text(lang)
	}
	return userMessage(s, r, err, lang)
}
