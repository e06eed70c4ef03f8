package gyakusan

import "context"

// ActualsReader is the part of ActualsService a stored plan's report needs.
type ActualsReader interface {
	Actuals(ctx context.Context, orgID, planID int64) (Actuals, error)
}

// StoredReport is plan versus actual for a stored plan as of day: the one
// report the CLI prints (`gyakusan report`) and the API answers, so that the
// two cannot drift apart. hasActuals is false when the plan has neither
// imported nor hand-typed figures, for the exports that add actuals only
// when there are some. A stored plan that no longer validates answers its
// validation error.
func StoredReport(ctx context.Context, a ActualsReader, sp StoredPlan, day Day) (rep PlanReport, hasActuals bool, err error) {
	act, err := a.Actuals(ctx, sp.OrgID, sp.ID)
	if err != nil {
		return PlanReport{}, false, err
	}
	res, err := Compute(sp.Plan)
	if err != nil {
		return PlanReport{}, false, err
	}
	act.AsOf = day
	return Report(sp.Plan, res, act), !act.Empty(), nil
}
