package store

import (
	"context"
	"fmt"

	"gyakusan"
	"gyakusan/crm"
)

var _ gyakusan.ActualsService = (*DB)(nil)

// ImportCRM is ImportLeads for callers that speak the domain's types (the
// web server, which does not import this package).
func (db *DB) ImportCRM(ctx context.Context, orgID, planID int64, src crm.Source, dryRun bool) (gyakusan.ImportCounts, error) {
	s, err := db.ImportLeads(ctx, orgID, planID, src, ImportOptions{DryRun: dryRun})
	return gyakusan.ImportCounts{At: db.now(), Leads: s.Leads, New: s.New, Updated: s.Updated,
		Unchanged: s.Unchanged, Committed: s.Committed}, err
}

// LastImportCounts is LastImport in the domain's types.
func (db *DB) LastImportCounts(ctx context.Context, orgID, planID int64) (gyakusan.ImportCounts, error) {
	r, err := db.LastImport(ctx, orgID, planID)
	if err != nil {
		return gyakusan.ImportCounts{}, err
	}
	return gyakusan.ImportCounts{At: r.At, Leads: r.Leads, New: r.New, Updated: r.Updated,
		Unchanged: r.Unchanged, Committed: true}, nil
}

// ReplaceManualActuals makes cells the plan's hand-typed figures for the
// months from..to in one transaction: the grid of the actuals page posts
// every cell at once, and a save must not stop halfway. Field errors name
// the cell as cells[i].field.
func (db *DB) ReplaceManualActuals(ctx context.Context, orgID, planID int64, from, to gyakusan.Month, cells []gyakusan.ActualCell) error {
	var fields []gyakusan.FieldError
	for i, c := range cells {
		if err := validManual(c); err != nil {
			for _, f := range fieldErrors(err) {
				f.Field = fmt.Sprintf("cells[%d].%s", i, f.Field)
				fields = append(fields, f)
			}
		} else if c.Month < from || c.Month > to {
			fields = append(fields, gyakusan.FieldError{Field: fmt.Sprintf("cells[%d].month", i), Rule: gyakusan.RuleRange,
				Min: from.String(), Max: to.String()})
		}
	}
	if len(fields) > 0 {
		return gyakusan.Invalid(fields...)
	}
	now := db.now().UnixMilli()
	return db.WriteTx(ctx, func(tx *Tx) error {
		if err := planInOrg(ctx, tx, orgID, planID); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `DELETE FROM manual_actuals WHERE plan_id = ? AND month >= ? AND month <= ?`,
			planID, int64(from), int64(to)); err != nil {
			return wrap(err, "replace manual actuals", "plan")
		}
		for _, c := range cells {
			_, err := tx.Exec(ctx, `INSERT INTO manual_actuals (plan_id, month, channel, stage, count, revenue, updated)
				VALUES (?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT (plan_id, month, channel, stage) DO UPDATE SET count = excluded.count,
					revenue = excluded.revenue, updated = excluded.updated`,
				planID, int64(c.Month), c.Channel, int64(c.Stage), c.Count, int64(c.Revenue), now)
			if err != nil {
				return wrap(err, "replace manual actuals", "plan")
			}
		}
		return nil
	})
}

func fieldErrors(err error) []gyakusan.FieldError {
	if e, ok := err.(*gyakusan.Error); ok {
		return e.Fields
	}
	return nil
}
