package web

import (
	"net/http"
	"time"

	"gyakusan"
)

// historyItem is one change of a plan over the API.
type historyItem struct {
	Version int64     `json:"version"`
	At      time.Time `json:"at"`
	Action  string    `json:"action"`         // create, update, rename, archive, restore, import
	User    string    `json:"user,omitempty"` // the email of who changed it; absent for the CLI
	Summary string    `json:"summary"`        // the changed fields in the caller's language
}

// apiHistory answers a plan's change history, the most recent first.
func (s *Server) apiHistory(w http.ResponseWriter, r *http.Request) {
	sp, pr, err := s.loadPlan(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	cs, err := s.d.Plans.PlanHistory(r.Context(), pr.Org.ID, sp.ID)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	lang := langOf(r)
	out := struct {
		History []historyItem `json:"history"`
	}{History: make([]historyItem, 0, len(cs))}
	for _, c := range cs {
		out.History = append(out.History, historyItem{Version: c.Version, At: c.At, Action: c.Action, User: c.UserEmail,
			Summary: gyakusan.LabelSummary(c.Summary, lang)})
	}
	writeJSON(w, http.StatusOK, out)
}
