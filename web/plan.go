package web

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"gyakusan"
)

// evaluation is the outcome of a sheet's inputs: the plan, its result when
// the inputs are valid, and the field errors (by form row) when not.
type evaluation struct {
	Plan   gyakusan.Plan
	Result *gyakusan.Result
	Errors []gyakusan.FieldError
}

// evaluate runs the same engine as the CLI and the API on the form.
func evaluate(f planForm) evaluation {
	p, rows, errs := formPlan(f)
	ev := evaluation{Plan: p}
	if len(errs) == 0 {
		res, err := gyakusan.Compute(p)
		if err != nil {
			errs = fieldErrors(err)
		} else {
			ev.Result = &res
		}
	} else if err := gyakusan.ValidatePlan(p); err != nil {
		// Report the other fields' problems too, but not a second message
		// about a field whose text did not even read as a number.
		bad := map[string]bool{}
		for _, e := range errs {
			bad[e.Field] = true
		}
		for _, e := range fieldErrors(err) {
			if !bad[e.Field] {
				errs = append(errs, e)
			}
		}
	}
	ev.Errors = toRows(errs, rows)
	return ev
}

// evaluatePlan computes a stored plan as it is.
func evaluatePlan(p gyakusan.Plan) evaluation {
	ev := evaluation{Plan: p}
	if res, err := gyakusan.Compute(p); err != nil {
		ev.Errors = fieldErrors(err)
	} else {
		ev.Result = &res
	}
	return ev
}

// fieldErrors returns the field errors of err, or one about the whole
// document when it has none.
func fieldErrors(err error) []gyakusan.FieldError {
	var e *gyakusan.Error
	if errors.As(err, &e) && len(e.Fields) > 0 {
		return e.Fields
	}
	return []gyakusan.FieldError{{Field: "", Rule: gyakusan.RuleSyntax}}
}

// sheetPage is the plan page: the KPI sheet's inputs, its results and its
// history.
type sheetPage struct {
	page
	ID       int64
	Version  int64
	Base     string // the plan document as loaded, to show a conflict's changes
	Archived bool
	CanEdit  bool
	Form     planForm
	Errors   map[string]string // field path (by form row) → message
	Results  resultsView
	History  []historyEntry
	Conflict *conflictView
	Kinds    []gyakusan.ChannelKind
	Rates    []rateInput
}

// rateInput is one stage rate on the sheet with its typical range.
type rateInput struct {
	Field, Label, Value, Range string
	Out                        bool // outside the typical range
}

// conflictView explains a stale save: who changed what since the version
// the user edited, and offers to overwrite.
type conflictView struct {
	Message string
	Changes []string
	Current int64
}

// historyEntry is one line of the plan's history.
type historyEntry struct {
	gyakusan.PlanChange
	When   string
	Action string
}

// planID reads {id}; a malformed id answers exactly like a missing plan.
func planID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, notFoundPlan()
	}
	return id, nil
}

func notFoundPlan() error {
	return gyakusan.Localized(gyakusan.CodeNotFound, "プランが見つかりません。", "No such plan.")
}

// loadPlan fetches {id} in the principal's organization.
func (s *Server) loadPlan(r *http.Request) (gyakusan.StoredPlan, principal, error) {
	p, _ := principalFrom(r.Context())
	id, err := planID(r)
	if err != nil {
		return gyakusan.StoredPlan{}, p, err
	}
	sp, err := s.d.Plans.Plan(r.Context(), p.Org.ID, id)
	if gyakusan.ErrorCode(err) == gyakusan.CodeNotFound {
		err = notFoundPlan()
	}
	return sp, p, err
}

func (s *Server) sheet(r *http.Request, sp gyakusan.StoredPlan, pr principal, f planForm, ev evaluation) *sheetPage {
	pg := &sheetPage{page: s.page(r, "plan_title"), ID: sp.ID, Version: sp.Version, Archived: sp.Archived,
		CanEdit: pr.Can(gyakusan.RoleEditor), Form: f, Kinds: gyakusan.ChannelKinds}
	pg.Title = sp.Plan.Name
	pg.Base = planJSON(sp.Plan)
	pg.Errors = errorMap(ev.Errors, pg.Lang)
	pg.Results = s.results(pg.Lang, ev)
	pg.History = s.history(r, pr, sp.ID, pg.Lang)
	pg.Rates = rateInputs(pg.Lang, f.RateMeeting, f.RateOpportunity, f.RateWin)
	return pg
}

// rateInputs are the meeting, opportunity and win rates as typed, each with
// its typical range (gyakusan.TypicalRanges), for the sheet and its print.
func rateInputs(lang string, typed ...string) []rateInput {
	out := make([]rateInput, len(gyakusan.TypicalRanges))
	for i, rg := range gyakusan.TypicalRanges {
		ri := rateInput{Field: rg.Field, Label: gyakusan.FieldLabel(rg.Field, lang), Value: typed[i],
			Range: rg.Low.String() + "–" + rg.High.String() + "%"}
		var d formDecoder
		if v := d.rate(rg.Field, ri.Value); len(d.errs) == 0 && v != 0 {
			ri.Out = v < rg.Low || v > rg.High
		}
		out[i] = ri
	}
	return out
}

func planJSON(p gyakusan.Plan) string {
	b, _ := json.Marshal(p)
	return string(b)
}

func errorMap(errs []gyakusan.FieldError, lang string) map[string]string {
	m := map[string]string{}
	for _, e := range errs {
		if _, dup := m[e.Field]; !dup {
			m[e.Field] = e.Text(lang)
		}
	}
	return m
}

func (s *Server) history(r *http.Request, pr principal, id int64, lang string) []historyEntry {
	cs, err := s.d.Plans.PlanHistory(r.Context(), pr.Org.ID, id)
	if err != nil {
		s.log.Error("web: plan history", "plan", id, "err", err)
		return nil
	}
	t := dictFor(lang)
	// Newest first, as the store lists them: the latest change is what a
	// returning colleague looks for.
	out := make([]historyEntry, 0, len(cs))
	for _, c := range cs {
		a := t["action_"+c.Action]
		if a == "" {
			a = c.Action
		}
		c.Summary = gyakusan.LabelSummary(c.Summary, lang)
		out = append(out, historyEntry{PlanChange: c, When: c.At.In(s.tz()).Format("2006-01-02 15:04"), Action: a})
	}
	return out
}

// planPage shows the sheet of a stored plan.
func (s *Server) planPage(w http.ResponseWriter, r *http.Request) {
	sp, pr, err := s.loadPlan(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	pg := s.sheet(r, sp, pr, formOf(sp.Plan), evaluatePlan(sp.Plan))
	s.render(w, r, http.StatusOK, "plan", pg)
}

// previewPlan computes the posted sheet without storing it and answers the
// results fragment that the page's script swaps in: 200 with results, or
// 422 with the field errors (the page keeps the last good figures).
func (s *Server) previewPlan(w http.ResponseWriter, r *http.Request) {
	if _, _, err := s.loadPlan(r); err != nil {
		s.fail(w, r, err)
		return
	}
	f, err := s.postedForm(w, r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	lang := langOf(r)
	ev := evaluate(f)
	status := http.StatusOK
	if ev.Result == nil {
		status = http.StatusUnprocessableEntity
	}
	s.renderFragment(w, status, "results", s.results(lang, ev))
}

func (s *Server) postedForm(w http.ResponseWriter, r *http.Request) (planForm, error) {
	limitBody(w, r)
	if err := r.ParseForm(); err != nil {
		return planForm{}, gyakusan.Invalid(gyakusan.FieldError{Field: "", Rule: gyakusan.RuleTooLarge})
	}
	return readPlanForm(r.PostForm), nil
}

// saveReply is the script's view of a successful save.
type saveReply struct {
	Version int64           `json:"version"`
	Base    json.RawMessage `json:"base"`
	Message string          `json:"message"`
	History string          `json:"history"` // the history section, re-rendered
}

// savePlan stores the posted sheet if it is valid and the version it was
// edited from is still current. The page's script asks for JSON; a plain
// form post gets a redirect or the sheet again with the messages, values
// kept. The buttons to add or remove a channel row re-render without saving.
func (s *Server) savePlan(w http.ResponseWriter, r *http.Request) {
	sp, pr, err := s.loadPlan(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f, err := s.postedForm(w, r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if op := r.PostFormValue("op"); op != "" {
		s.editRows(w, r, sp, pr, f, op)
		return
	}
	ev := evaluate(f)
	lang := langOf(r)
	if ev.Result == nil {
		if wantsJSON(r) {
			s.writeProblem(w, problemOf(s, r, gyakusan.Invalid(ev.Errors...), lang))
			return
		}
		s.render(w, r, http.StatusUnprocessableEntity, "plan", s.postedSheet(r, sp, pr, f, ev))
		return
	}
	version := versionOf(r)
	if o, err := strconv.ParseInt(r.PostFormValue("overwrite"), 10, 64); err == nil {
		version = o // the user saw the other changes and chose to replace them
	}
	saved, err := s.d.Plans.UpdatePlan(r.Context(), pr.Org.ID, pr.User.ID, sp.ID, version, ev.Plan)
	if gyakusan.ErrorCode(err) == gyakusan.CodeConflict {
		s.conflict(w, r, pr, f, ev)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if !wantsJSON(r) {
		redirectPlan(w, r, sp.ID, "saved")
		return
	}
	t := dictFor(lang)
	reply := saveReply{Version: saved.Version, Base: json.RawMessage(planJSON(saved.Plan)),
		Message: strings.ReplaceAll(t["saved_version"], "{v}", strconv.FormatInt(saved.Version, 10))}
	reply.History, _ = s.fragmentString("history", historyView{T: t, History: s.history(r, pr, sp.ID, lang)})
	writeJSON(w, http.StatusOK, reply)
}

// historyView is the data of the history fragment.
type historyView struct {
	T       dict
	History []historyEntry
}

// conflict answers a stale save with what changed since the version the
// user edited, keeping their input.
func (s *Server) conflict(w http.ResponseWriter, r *http.Request, pr principal, f planForm, ev evaluation) {
	cur, _, err := s.loadPlan(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	lang := langOf(r)
	cv := &conflictView{Current: cur.Version, Message: dictFor(lang)["conflict_message"]}
	if base, err := gyakusan.ParsePlan([]byte(r.PostFormValue("base"))); err == nil {
		cv.Changes = gyakusan.DiffPlans(base, cur.Plan)
	} else {
		// Without the document they edited from, the history's summaries
		// of the newer versions say the same.
		v := versionOf(r)
		for _, h := range s.history(r, pr, cur.ID, lang) {
			if h.Version > v && h.Summary != "" {
				cv.Changes = append(cv.Changes, h.Summary)
			}
		}
	}
	if wantsJSON(r) {
		p := problemOf(s, r, gyakusan.Localized(gyakusan.CodeConflict, dictJa["conflict_message"], dictEn["conflict_message"]), lang)
		p.Changes, p.Version = cv.Changes, cur.Version
		s.writeProblem(w, p)
		return
	}
	// People read field labels; scripts above keep the document's paths.
	for i, c := range cv.Changes {
		cv.Changes[i] = gyakusan.LabelChange(c, lang)
	}
	pg := s.postedSheet(r, cur, pr, f, ev)
	pg.Conflict = cv
	s.render(w, r, http.StatusConflict, "plan", pg)
}

// versionOf is the version the posted sheet was edited from.
func versionOf(r *http.Request) int64 {
	v, _ := strconv.ParseInt(r.PostFormValue("version"), 10, 64)
	return v
}

// postedSheet shows a posted sheet again: besides the typed values, the
// version and the document it was edited from stay as posted, so that the
// next save still notices a colleague's save in between.
func (s *Server) postedSheet(r *http.Request, sp gyakusan.StoredPlan, pr principal, f planForm, ev evaluation) *sheetPage {
	pg := s.sheet(r, sp, pr, f, ev)
	pg.Version, pg.Base = versionOf(r), r.PostFormValue("base")
	return pg
}

// editRows adds or removes a channel row for browsers without the script.
func (s *Server) editRows(w http.ResponseWriter, r *http.Request, sp gyakusan.StoredPlan, pr principal, f planForm, op string) {
	switch {
	case op == "add-channel" && len(f.Channels) < gyakusan.MaxChannels:
		f.Channels = append(f.Channels, newChannel())
	case strings.HasPrefix(op, "remove-channel:"):
		i, err := strconv.Atoi(strings.TrimPrefix(op, "remove-channel:"))
		if err == nil && i >= 0 && i < len(f.Channels) {
			f.Channels = append(f.Channels[:i], f.Channels[i+1:]...)
		}
	}
	s.render(w, r, http.StatusOK, "plan", s.postedSheet(r, sp, pr, f, evaluate(f)))
}
