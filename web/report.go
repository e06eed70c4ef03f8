package web

import (
	"context"

	"gyakusan"
)

// report is plan versus actual for sp as of day: gyakusan.StoredReport, the
// report `gyakusan report` prints, so that the API's report, the downloads
// and the dashboard cannot drift from it. hasActuals is false while the plan
// has no figures; a server that keeps no actuals reports the plan alone.
func (s *Server) report(ctx context.Context, sp gyakusan.StoredPlan, day gyakusan.Day) (rep gyakusan.PlanReport, hasActuals bool, err error) {
	var a gyakusan.ActualsReader = noActuals{}
	if st, err := s.actuals(); err == nil {
		a = st
	}
	return gyakusan.StoredReport(ctx, a, sp, day)
}

// noActuals is the actuals of a server without an actuals store: none.
type noActuals struct{}

func (noActuals) Actuals(context.Context, int64, int64) (gyakusan.Actuals, error) {
	return gyakusan.Actuals{}, nil
}
