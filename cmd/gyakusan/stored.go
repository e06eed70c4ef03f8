package main

import (
	"context"
	"fmt"
	"time"

	"gyakusan"
	"gyakusan/store"
)

// planOrg finds the organization of the plan: --org when given (the plan
// must belong to it), else the plan's own.
func planOrg(ctx context.Context, st *store.DB, org string, planID int64) (int64, error) {
	if org == "" {
		id, err := st.PlanOrg(ctx, planID)
		if gyakusan.ErrorCode(err) == gyakusan.CodeNotFound {
			return 0, planNotFound(planID)
		}
		return id, err
	}
	o, err := orgNamed(ctx, st, org)
	if err != nil {
		return 0, err
	}
	if _, err := st.Plan(ctx, o.ID, planID); err != nil {
		if gyakusan.ErrorCode(err) == gyakusan.CodeNotFound {
			return 0, planNotFound(planID)
		}
		return 0, err
	}
	return o.ID, nil
}

// storedPlan finds a plan by id, in the organization named org or, without
// one, in the plan's own organization; a plan outside it answers exactly like
// one that does not exist.
func storedPlan(ctx context.Context, st *store.DB, org string, planID int64) (gyakusan.StoredPlan, error) {
	orgID, err := planOrg(ctx, st, org, planID)
	if err != nil {
		return gyakusan.StoredPlan{}, err
	}
	return st.Plan(ctx, orgID, planID)
}

// createPlan stores p in the organization named org and prints the new
// plan's id alone, for scripts.
func createPlan(ctx context.Context, e env, dsn, org string, p gyakusan.Plan) error {
	st, err := store.Open(ctx, dsn)
	if err != nil {
		return err
	}
	defer st.Close()
	o, err := orgNamed(ctx, st, org)
	if err != nil {
		return err
	}
	sp, err := st.CreatePlan(ctx, o.ID, 0, p)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintln(e.stdout, sp.ID)
	return err
}

// planReport is plan vs actual for a stored plan as of day, built by
// gyakusan.StoredReport like the API's report. Without actuals it is nil
// unless always is set, for the exports that only add actuals when there
// are some.
func planReport(ctx context.Context, st *store.DB, sp gyakusan.StoredPlan, day gyakusan.Day, always bool) (*gyakusan.PlanReport, error) {
	rep, has, err := gyakusan.StoredReport(ctx, st, sp, day)
	if err != nil {
		return nil, err
	}
	if !always && !has {
		return nil, nil
	}
	return &rep, nil
}

// today is the local date, the day reports are as of by default.
func today() gyakusan.Day {
	now := time.Now()
	return gyakusan.DayOf(now.Year(), int(now.Month()), now.Day())
}
