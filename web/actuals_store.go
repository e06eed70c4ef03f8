package web

import (
	"context"
	"net/http"
	"time"

	"gyakusan"
	"gyakusan/crm"
)

// ActualsStore is what the dashboard and the import pages need: the
// domain's ActualsService and the import of a CRM export, which speaks
// package crm's types and so is declared here. *store.DB satisfies it.
type ActualsStore interface {
	gyakusan.ActualsService
	// ImportCRM stores the leads src yields, all or nothing; dryRun only
	// counts what would change.
	ImportCRM(ctx context.Context, orgID, planID int64, src crm.Source, dryRun bool) (gyakusan.ImportCounts, error)
}

// actuals returns the actuals store, or an error page's error when the
// server runs without one.
func (s *Server) actuals() (ActualsStore, error) {
	if s.d.Actuals != nil {
		return s.d.Actuals, nil
	}
	if a, ok := s.d.Plans.(ActualsStore); ok {
		return a, nil
	}
	return nil, gyakusan.Localized(gyakusan.CodeNotFound, "実績の機能はこのサーバーでは使えません。", "Actuals are not available on this server.")
}

// planTabs is the header the plan's pages share: its name and the tabs of
// the sheet, the dashboard, the import and the hand-typed actuals.
type planTabs struct {
	T       dict
	ID      int64
	Name    string
	Active  string // "dashboard", "import" or "actuals"
	CanEdit bool
}

func tabsFor(pg page, sp gyakusan.StoredPlan, pr principal, active string) planTabs {
	return planTabs{T: pg.T, ID: sp.ID, Name: sp.Plan.Name, Active: active, CanEdit: pr.Can(gyakusan.RoleEditor)}
}

// loadPlanActuals loads {id} of the principal's organization and the
// actuals store: the plan first, so that another organization's id answers
// exactly like a missing one whatever else is wrong.
func (s *Server) loadPlanActuals(r *http.Request) (gyakusan.StoredPlan, principal, ActualsStore, error) {
	sp, pr, err := s.loadPlan(r)
	if err != nil {
		return sp, pr, nil, err
	}
	a, err := s.actuals()
	return sp, pr, a, err
}

// lastImport is the plan's latest import and when it ran, in the server's
// zone; nil and "" when the plan has none.
func (s *Server) lastImport(r *http.Request, a ActualsStore, orgID, planID int64) (*gyakusan.ImportCounts, string, error) {
	li, err := a.LastImportCounts(r.Context(), orgID, planID)
	if err != nil {
		if gyakusan.ErrorCode(err) == gyakusan.CodeNotFound {
			return nil, "", nil
		}
		return nil, "", err
	}
	return &li, li.At.In(s.tz()).Format("2006-01-02 15:04"), nil
}

// ActualRatesOf returns a Deps.ActualRates that measures a plan's stage
// rates on its complete cohorts as of now, the way the dashboard shows
// them; ok is false until all three rates are measured and above zero.
func ActualRatesOf(plans gyakusan.PlanService, a gyakusan.ActualsService, now func() time.Time) func(ctx context.Context, orgID, planID int64) (gyakusan.Rates, bool, error) {
	return func(ctx context.Context, orgID, planID int64) (gyakusan.Rates, bool, error) {
		sp, err := plans.Plan(ctx, orgID, planID)
		if err != nil {
			return gyakusan.Rates{}, false, err
		}
		t := now().In(time.Local) // the zone the pages use (Server.tz)
		rep, _, err := gyakusan.StoredReport(ctx, a, sp, gyakusan.DayOf(t.Year(), int(t.Month()), t.Day()))
		if gyakusan.ErrorCode(err) == gyakusan.CodeInvalid {
			return gyakusan.Rates{}, false, nil // the plan no longer computes: nothing is measured against it
		}
		if err != nil {
			return gyakusan.Rates{}, false, err
		}
		ar := rep.ActualRates
		for _, d := range []*gyakusan.Decimal{ar.Meeting, ar.Opportunity, ar.Win} {
			if d == nil || *d <= 0 || gyakusan.Rate(*d) > gyakusan.FullRate {
				return gyakusan.Rates{}, false, nil
			}
		}
		return gyakusan.Rates{Meeting: gyakusan.Rate(*ar.Meeting), Opportunity: gyakusan.Rate(*ar.Opportunity), Win: gyakusan.Rate(*ar.Win)}, true, nil
	}
}
