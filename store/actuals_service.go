package store

import (
	"context"

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

// LastImportCounts returns the plan's most recent import; CodeNotFound when
// it has none.
func (db *DB) LastImportCounts(ctx context.Context, orgID, planID int64) (gyakusan.ImportCounts, error) {
	if err := planInOrg(ctx, db, orgID, planID); err != nil {
		return gyakusan.ImportCounts{}, err
	}
	r := gyakusan.ImportCounts{Committed: true}
	var at int64
	err := db.QueryRow(ctx, `SELECT at, rows_read, new_leads, updated, unchanged FROM lead_imports
		WHERE plan_id = ? ORDER BY at DESC, id DESC LIMIT 1`, planID).
		Scan(&at, &r.Leads, &r.New, &r.Updated, &r.Unchanged)
	if err != nil {
		return gyakusan.ImportCounts{}, wrap(err, "last import", "import")
	}
	r.At = fromMillis(at)
	return r, nil
}

// ReplaceManualActuals makes cells the plan's hand-typed counts for the
// months from..to in one transaction, leaving the hand-typed spend as it is
// (ReplaceManual replaces both). Field errors name the cell as
// cells[i].field.
func (db *DB) ReplaceManualActuals(ctx context.Context, orgID, planID int64, from, to gyakusan.Month, cells []gyakusan.ActualCell) error {
	return db.saveManual(ctx, orgID, planID, from, to, cells, nil, "manual_actuals")
}
