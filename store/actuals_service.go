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

// LastImportCounts is LastImport in the domain's types.
func (db *DB) LastImportCounts(ctx context.Context, orgID, planID int64) (gyakusan.ImportCounts, error) {
	r, err := db.LastImport(ctx, orgID, planID)
	if err != nil {
		return gyakusan.ImportCounts{}, err
	}
	return gyakusan.ImportCounts{At: r.At, Leads: r.Leads, New: r.New, Updated: r.Updated,
		Unchanged: r.Unchanged, Committed: true}, nil
}

// ReplaceManualActuals makes cells the plan's hand-typed counts for the
// months from..to in one transaction, leaving the hand-typed spend as it is
// (ReplaceManual replaces both). Field errors name the cell as
// cells[i].field.
func (db *DB) ReplaceManualActuals(ctx context.Context, orgID, planID int64, from, to gyakusan.Month, cells []gyakusan.ActualCell) error {
	return db.saveManual(ctx, orgID, planID, from, to, cells, nil, "manual_actuals")
}
