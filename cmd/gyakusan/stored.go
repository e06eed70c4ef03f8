package main

import (
	"context"
	"fmt"
	"time"

	"gyakusan"
	"gyakusan/store"
)

// storedPlan finds a plan by id, in the organization named org or, without
// one, in the plan's own organization; a plan outside it answers exactly like
// one that does not exist. The plan is read once.
func storedPlan(ctx context.Context, st *store.DB, org string, planID int64) (gyakusan.StoredPlan, error) {
	var orgID int64
	if org == "" {
		id, err := st.PlanOrg(ctx, planID)
		if gyakusan.ErrorCode(err) == gyakusan.CodeNotFound {
			return gyakusan.StoredPlan{}, planNotFound(planID)
		}
		if err != nil {
			return gyakusan.StoredPlan{}, err
		}
		orgID = id
	} else {
		o, err := orgNamed(ctx, st, org)
		if err != nil {
			return gyakusan.StoredPlan{}, err
		}
		orgID = o.ID
	}
	sp, err := st.Plan(ctx, orgID, planID)
	if gyakusan.ErrorCode(err) == gyakusan.CodeNotFound {
		return gyakusan.StoredPlan{}, planNotFound(planID)
	}
	return sp, err
}

// planNotFound answers a --plan that is not there (or not in --org), with
// the command that lists the ids.
func planNotFound(id int64) error {
	return gyakusan.Localized(gyakusan.CodeNotFound,
		fmt.Sprintf("--plan: プラン %d はありません。gyakusan plans list --org 組織名 でIDを確認できます。", id),
		fmt.Sprintf("--plan: there is no plan %d; gyakusan plans list --org NAME lists the plans' ids.", id))
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
