package web

import (
	"net/http"

	"gyakusan"
)

// apiReport answers a plan's report, plan versus actual as of today in the
// server's zone or as of ?as_of=YYYY-MM-DD: the JSON `gyakusan report
// --format json` prints (Server.report). A server that keeps no actuals
// answers that it has none rather than a plan-only report.
func (s *Server) apiReport(w http.ResponseWriter, r *http.Request) {
	sp, _, _, err := s.loadPlanActuals(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	day := s.today()
	if v := r.URL.Query().Get("as_of"); v != "" {
		var ok bool
		if day, ok = gyakusan.ParseDay(v); !ok {
			s.apiError(w, r, gyakusan.Invalid(gyakusan.FieldError{Field: "as_of", Rule: gyakusan.RuleFormat, Min: "YYYY-MM-DD"}))
			return
		}
	}
	rep, _, err := s.report(r.Context(), sp, day)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, rep)
}
