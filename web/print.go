package web

import (
	"net/http"
	"strings"

	"gyakusan"
)

// printPage is the sheet laid out on A4 landscape, for handing to a boss.
type printPage struct {
	page
	Plan    gyakusan.StoredPlan
	Results resultsView
	Rates   []rateInput
	Notes   []string
	Printed string
	Period  string
}

func (s *Server) printPage(w http.ResponseWriter, r *http.Request) {
	sp, _, err := s.loadPlan(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	pg := &printPage{page: s.page(r, "print_title"), Plan: sp, Printed: s.now().In(s.tz()).Format("2006-01-02")}
	pg.Title = sp.Plan.Name
	pg.Period = periodText(sp.Plan)
	pg.Results = s.results(pg.Lang, evaluatePlan(sp.Plan))
	rt := sp.Plan.Rates
	pg.Rates = rateInputs(pg.Lang, rt.Meeting.String(), rt.Opportunity.String(), rt.Win.String())
	if n := strings.TrimSpace(sp.Plan.Notes); n != "" {
		pg.Notes = strings.Split(n, "\n")
	}
	s.render(w, r, http.StatusOK, "print", pg)
}
