package web

import (
	"encoding/json"
	"net/http"
	"strconv"
	"time"

	"gyakusan"
)

// planResource is a stored plan over the API (PRODUCT.md): the document,
// its version for optimistic concurrency, and what the engine computes.
type planResource struct {
	ID       int64            `json:"id"`
	Version  int64            `json:"version"`
	Archived bool             `json:"archived"`
	Created  time.Time        `json:"created"`
	Updated  time.Time        `json:"updated"`
	Plan     gyakusan.Plan    `json:"plan"`
	Result   *gyakusan.Result `json:"result"` // null when the stored plan no longer validates
}

// resourceOf is sp over the API, computed here.
func resourceOf(sp gyakusan.StoredPlan) planResource {
	var res *gyakusan.Result
	if r, err := gyakusan.Compute(sp.Plan); err == nil {
		res = &r
	}
	return resourceWith(sp, res)
}

// resourceWith is sp over the API with the result already computed of the
// document just stored, so that a request computes its plan once.
func resourceWith(sp gyakusan.StoredPlan, res *gyakusan.Result) planResource {
	return planResource{ID: sp.ID, Version: sp.Version, Archived: sp.Archived, Created: sp.Created, Updated: sp.Updated, Plan: sp.Plan, Result: res}
}

// planUpdate is the body of PUT: the version it edited and the new document.
type planUpdate struct {
	ID      int64           `json:"id,omitempty"` // ignored; the URL names the plan
	Version int64           `json:"version"`
	Plan    json.RawMessage `json:"plan"`
	Result  json.RawMessage `json:"result,omitempty"` // ignored, so a GET body can be sent back
}

func (s *Server) apiListPlans(w http.ResponseWriter, r *http.Request) {
	pr, _ := principalFrom(r.Context())
	var f gyakusan.PlanFilter
	switch r.URL.Query().Get("archived") {
	case "":
	case "true":
		f.Archived = new(bool)
		*f.Archived = true
	case "false":
		f.Archived = new(bool)
	default:
		s.apiError(w, r, invalidField("archived", "true, false"))
		return
	}
	list, err := s.d.Plans.Plans(r.Context(), pr.Org.ID, f)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	out := struct {
		Plans []planResource `json:"plans"`
	}{Plans: make([]planResource, 0, len(list))}
	for _, sp := range list {
		out.Plans = append(out.Plans, resourceOf(sp))
	}
	writeJSON(w, http.StatusOK, out)
}

// readPlanBody reads a plan document from the request body, as every JSON
// body is read (decodeJSON), and computes it.
func (s *Server) readPlanBody(w http.ResponseWriter, r *http.Request) (gyakusan.Plan, gyakusan.Result, error) {
	var doc json.RawMessage
	if err := decodeJSON(w, r, &doc); err != nil {
		return gyakusan.Plan{}, gyakusan.Result{}, err
	}
	return parseValidPlan(doc)
}

// parseValidPlan decodes a plan document and computes it: a document that
// does not compute is refused, and the result serves the answer.
func parseValidPlan(b []byte) (gyakusan.Plan, gyakusan.Result, error) {
	p, err := gyakusan.ParsePlan(b)
	if err != nil {
		return p, gyakusan.Result{}, err
	}
	res, err := gyakusan.Compute(p)
	return p, res, err
}

func (s *Server) apiCreatePlan(w http.ResponseWriter, r *http.Request) {
	pr, _ := principalFrom(r.Context())
	p, res, err := s.readPlanBody(w, r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	sp, err := s.d.Plans.CreatePlan(r.Context(), pr.Org.ID, pr.User.ID, p)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/plans/"+strconv.FormatInt(sp.ID, 10))
	writeJSON(w, http.StatusCreated, resourceWith(sp, &res))
}

func (s *Server) apiGetPlan(w http.ResponseWriter, r *http.Request) {
	sp, _, err := s.loadPlan(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, resourceOf(sp))
}

func (s *Server) apiUpdatePlan(w http.ResponseWriter, r *http.Request) {
	sp, pr, err := s.loadPlan(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	var u planUpdate
	if err := decodeJSON(w, r, &u); err != nil {
		s.apiError(w, r, err)
		return
	}
	if u.Version <= 0 {
		s.apiError(w, r, gyakusan.Invalid(gyakusan.FieldError{Field: "version", Rule: gyakusan.RuleRequired}))
		return
	}
	if len(u.Plan) == 0 {
		s.apiError(w, r, gyakusan.Invalid(gyakusan.FieldError{Field: "plan", Rule: gyakusan.RuleRequired}))
		return
	}
	p, res, err := parseValidPlan(u.Plan)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	saved, err := s.d.Plans.UpdatePlan(r.Context(), pr.Org.ID, pr.User.ID, sp.ID, u.Version, p)
	if gyakusan.ErrorCode(err) == gyakusan.CodeConflict {
		prob := problemOf(s, r, err, langOf(r))
		if cur, err := s.d.Plans.Plan(r.Context(), pr.Org.ID, sp.ID); err == nil {
			prob.Version = cur.Version
		}
		s.writeProblem(w, prob)
		return
	}
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, resourceWith(saved, &res))
}

func (s *Server) apiDeletePlan(w http.ResponseWriter, r *http.Request) {
	sp, pr, err := s.loadPlan(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	if err := s.d.Plans.DeletePlan(r.Context(), pr.Org.ID, sp.ID); err != nil {
		s.apiError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// apiCompute computes a plan document without storing it, like
// `gyakusan plan -f plan.json --format json`.
func (s *Server) apiCompute(w http.ResponseWriter, r *http.Request) {
	_, res, err := s.readPlanBody(w, r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, res)
}
