package web

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"

	"gyakusan"
)

//go:embed all:templates
var templateFS embed.FS

// templates holds one template set per page: the shared partials (files
// starting with "_") plus the page's own file, so pages may each define
// "title" and "content". frag holds the partials alone, for fragments.
type templates struct {
	pages map[string]*template.Template
	frag  *template.Template
}

// rendered, when set (by the tests), is told the name of every page and
// fragment rendered, so that a test can fail on a template no test renders.
var rendered func(name string)

func parseTemplates() (*templates, error) {
	base := template.New("").Funcs(funcs)
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	var pages []string
	for _, n := range names {
		if strings.HasPrefix(path.Base(n), "_") {
			if _, err := base.ParseFS(templateFS, n); err != nil {
				return nil, fmt.Errorf("web: template %s: %w", n, err)
			}
			continue
		}
		pages = append(pages, n)
	}
	t := &templates{pages: map[string]*template.Template{}, frag: base}
	for _, n := range pages {
		set, err := template.Must(base.Clone()).ParseFS(templateFS, n)
		if err != nil {
			return nil, fmt.Errorf("web: template %s: %w", n, err)
		}
		t.pages[strings.TrimSuffix(path.Base(n), ".html")] = set
	}
	return t, nil
}

// page is what every page's data embeds: the language and its text, the
// CSRF field, who is signed in, and a one-line message.
type page struct {
	Lang      string
	T         dict
	Title     string
	CSRF      string // value of the hidden "csrf" field when the CSRF layer uses one
	Principal *principal
	Flash     string
	Path      string // the current path and query, for the language switch
}

// page returns the common page data for r, titled by the text key title.
func (s *Server) page(r *http.Request, title string) page {
	lang := langOf(r)
	pg := page{Lang: lang, T: dictFor(lang), Path: r.URL.RequestURI()}
	pg.Title = pg.T[title]
	if p, ok := principalFrom(r.Context()); ok {
		pg.Principal = &p
	}
	if f := r.URL.Query().Get("flash"); f != "" {
		pg.Flash = pg.T["flash_"+f]
	}
	pg.CSRF = csrfField(r)
	return pg
}

// csrfToken lets the CSRF layer put a token in every form; the standard
// library's cross-origin protection needs none, so it is empty by default.
var csrfToken func(r *http.Request) string

func csrfField(r *http.Request) string {
	if csrfToken == nil {
		return ""
	}
	return csrfToken(r)
}

// render writes the page name with data, or a plain 500 if a template
// fails (logged; a half-written page is never shown as a success).
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, data any) {
	t, ok := s.tmpl.pages[name]
	if !ok {
		s.log.Error("web: no such page template", "name", name)
		http.Error(w, http.StatusText(500), 500)
		return
	}
	s.execute(w, status, name, t, "layout", data)
}

// fragmentString renders one partial template to a string.
func (s *Server) fragmentString(name string, data any) (string, error) {
	b, err := s.run(s.tmpl.frag, name, name, data)
	return string(b), err
}

// renderFragment writes one partial template, for the live preview.
func (s *Server) renderFragment(w http.ResponseWriter, status int, name string, data any) {
	s.execute(w, status, name, s.tmpl.frag, name, data)
}

func (s *Server) execute(w http.ResponseWriter, status int, name string, t *template.Template, entry string, data any) {
	b, err := s.run(t, name, entry, data)
	if err != nil {
		http.Error(w, http.StatusText(500), 500)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(b)
}

// run executes entry of t into memory, so that a failing template never
// leaves half a page; the failure is logged under the page's name.
func (s *Server) run(t *template.Template, name, entry string, data any) ([]byte, error) {
	var b bytes.Buffer
	if err := t.ExecuteTemplate(&b, entry, data); err != nil {
		s.log.Error("web: render", "template", name, "err", err)
		return nil, err
	}
	if rendered != nil {
		rendered(name)
	}
	return b.Bytes(), nil
}

// errorPage shows an error to a person in their language.
type errorPage struct {
	page
	Status  int
	Message string
}

// fail answers err: a problem object for the API, an error page otherwise.
// Internal errors are logged and shown only as a generic message.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	if isAPI(r) {
		s.apiError(w, r, err)
		return
	}
	status := gyakusan.ErrorStatus(err)
	pg := &errorPage{page: s.page(r, "error_title"), Status: status}
	pg.Message = userError(s, r, err).Message(pg.Lang)
	var e *gyakusan.Error
	if errors.As(err, &e) {
		for _, f := range e.Fields {
			pg.Message += " " + f.Text(pg.Lang)
		}
	}
	s.render(w, r, status, "error", pg)
}

// userError returns err as users may see it; anything that is not a
// *gyakusan.Error is logged and becomes a bare internal error.
func userError(s *Server, r *http.Request, err error) *gyakusan.Error {
	var e *gyakusan.Error
	if errors.As(err, &e) && e.Code != gyakusan.CodeInternal {
		return e
	}
	s.log.Error("web: internal error", "method", r.Method, "path", r.URL.Path, "err", err)
	return &gyakusan.Error{Code: gyakusan.CodeInternal}
}

func isAPI(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/api/") }

// wantsJSON reports whether a page request came from the page's script,
// which asks for JSON so it can show the outcome without a reload.
func wantsJSON(r *http.Request) bool {
	return strings.Contains(r.Header.Get("Accept"), "application/json")
}

// problem is an RFC 9457 problem object, the one shape of every API error.
type problem struct {
	Type    string         `json:"type"`
	Title   string         `json:"title"`
	Status  int            `json:"status"`
	Detail  string         `json:"detail,omitempty"`
	Fields  []problemField `json:"fields,omitempty"`
	Changes []string       `json:"changes,omitempty"` // for 409: what changed since the version edited
	Version int64          `json:"version,omitempty"` // for 409: the current version
}

type problemField struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// problemOf turns err into a problem in lang.
func problemOf(s *Server, r *http.Request, err error, lang string) problem {
	e := userError(s, r, err)
	status := gyakusan.ErrorStatus(e)
	p := problem{Type: "urn:gyakusan:problem:" + string(e.Code), Title: (&gyakusan.Error{Code: e.Code}).Message(lang), Status: status}
	if e.Ja != "" || e.En != "" {
		p.Detail = e.Message(lang)
	}
	for _, f := range e.Fields {
		p.Fields = append(p.Fields, problemField{Field: f.Field, Message: f.Text(lang)})
	}
	return p
}

// apiError writes err as application/problem+json.
func (s *Server) apiError(w http.ResponseWriter, r *http.Request, err error) {
	s.writeProblem(w, problemOf(s, r, err, langOf(r)))
}

func (s *Server) writeProblem(w http.ResponseWriter, p problem) {
	writeJSONType(w, p.Status, "application/problem+json", p)
}

// writeJSON writes v as JSON with status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	writeJSONType(w, status, "application/json", v)
}

func writeJSONType(w http.ResponseWriter, status int, ctype string, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		http.Error(w, http.StatusText(500), 500)
		return
	}
	w.Header().Set("Content-Type", ctype)
	w.WriteHeader(status)
	w.Write(b)
	w.Write([]byte("\n"))
}

// maxBody bounds every request body: a plan document plus room for the
// envelope and form encoding.
const maxBody = gyakusan.MaxPlanBytes + 64<<10

// limitBody applies maxBody to r.
func limitBody(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxBody)
}

// decodeJSON reads a JSON body into v, rejecting unknown fields, trailing
// data, too-large bodies and other content types as invalid input.
func decodeJSON(w http.ResponseWriter, r *http.Request, v any) error {
	if err := checkJSONType(r); err != nil {
		return err
	}
	limitBody(w, r)
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return gyakusan.Invalid(gyakusan.FieldError{Field: "", Rule: gyakusan.RuleTooLarge})
		}
		return jsonError(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return gyakusan.Invalid(gyakusan.FieldError{Field: "", Rule: gyakusan.RuleSyntax})
	}
	return nil
}

// checkJSONType refuses bodies declared as anything but JSON.
func checkJSONType(r *http.Request) error {
	return checkBodyType(r, "application/json", "本文は application/json で送ってください。", "Send the body as application/json.")
}

// checkBodyType refuses a body declared as anything but mediaType with the
// message ja/en; a missing Content-Type is read as mediaType, as curl users
// expect.
func checkBodyType(r *http.Request, mediaType, ja, en string) error {
	if ct := r.Header.Get("Content-Type"); ct != "" {
		if mt, _, _ := mime.ParseMediaType(ct); mt != mediaType {
			return gyakusan.Localized(gyakusan.CodeInvalid, ja, en)
		}
	}
	return nil
}

// jsonError reports a decoding error the way gyakusan.DecodePlan does.
func jsonError(err error) error {
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) {
		return gyakusan.Invalid(gyakusan.FieldError{Field: typeErr.Field, Rule: gyakusan.RuleType})
	}
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		return gyakusan.Invalid(gyakusan.FieldError{Field: strings.Trim(name, `"`), Rule: gyakusan.RuleUnknown})
	}
	return gyakusan.Invalid(gyakusan.FieldError{Field: "", Rule: gyakusan.RuleSyntax})
}

// invalidField is a choice error about one form field.
func invalidField(field, choices string) error {
	return gyakusan.Invalid(gyakusan.FieldError{Field: field, Rule: gyakusan.RuleChoice, Min: choices})
}
