package store

import (
	"context"
	"strings"

	"gyakusan"
)

// Actuals returns the plan's actual results for gyakusan.Report: the cells
// kept up to date by imports (read from the aggregates, never from the
// leads, so it answers in milliseconds for a million leads), the cells
// typed by hand and the spend typed by hand. AsOf is left zero for the caller to set (usually today).
func (db *DB) Actuals(ctx context.Context, orgID, planID int64) (gyakusan.Actuals, error) {
	if err := planInOrg(ctx, db, orgID, planID); err != nil {
		return gyakusan.Actuals{}, err
	}
	var a gyakusan.Actuals
	rows, err := db.Query(ctx, `SELECT s.month, c.name, s.stage, s.events, s.cohort, s.revenue
		FROM lead_stats s JOIN lead_channels c ON c.plan_id = s.plan_id AND c.id = s.channel
		WHERE s.plan_id = ? ORDER BY s.month, c.name, s.stage`, planID)
	if err != nil {
		return a, wrap(err, "lead stats", "plan")
	}
	defer rows.Close()
	for rows.Next() {
		var c gyakusan.ActualCell
		if err := rows.Scan(&c.Month, &c.Channel, &c.Stage, &c.Count, &c.Cohort, &c.Revenue); err != nil {
			return a, wrap(err, "scan lead stats", "plan")
		}
		a.Cells = append(a.Cells, c)
	}
	if err := rows.Err(); err != nil {
		return a, wrap(err, "lead stats", "plan")
	}
	if a.Manual, err = db.manualActuals(ctx, planID); err != nil {
		return a, err
	}
	a.Spend, err = db.manualSpend(ctx, planID)
	return a, err
}

// ManualActuals returns the plan's hand-typed monthly actuals, by month,
// channel and stage.
func (db *DB) ManualActuals(ctx context.Context, orgID, planID int64) ([]gyakusan.ActualCell, error) {
	if err := planInOrg(ctx, db, orgID, planID); err != nil {
		return nil, err
	}
	return db.manualActuals(ctx, planID)
}

func (db *DB) manualActuals(ctx context.Context, planID int64) ([]gyakusan.ActualCell, error) {
	rows, err := db.Query(ctx, `SELECT month, channel, stage, count, revenue FROM manual_actuals
		WHERE plan_id = ? ORDER BY month, channel, stage`, planID)
	if err != nil {
		return nil, wrap(err, "manual actuals", "plan")
	}
	defer rows.Close()
	var out []gyakusan.ActualCell
	for rows.Next() {
		var c gyakusan.ActualCell
		if err := rows.Scan(&c.Month, &c.Channel, &c.Stage, &c.Count, &c.Revenue); err != nil {
			return nil, wrap(err, "scan manual actuals", "plan")
		}
		out = append(out, c)
	}
	return out, wrap(rows.Err(), "manual actuals", "plan")
}

// SetManualActual stores one hand-typed figure: the count of a stage for a
// channel in a month (and, for won, the revenue), replacing the one typed
// before. It replaces the imported figure of the same cell in reports.
func (db *DB) SetManualActual(ctx context.Context, orgID, planID int64, c gyakusan.ActualCell) error {
	if fields := validManual(c); len(fields) > 0 {
		return gyakusan.Invalid(fields...)
	}
	return db.planTx(ctx, orgID, planID, func(tx *Tx) error {
		return db.writeManual(ctx, tx, planID, []gyakusan.ActualCell{c}, nil)
	})
}

// DeleteManualActual removes one hand-typed figure, so that the imported
// one (if any) shows again.
func (db *DB) DeleteManualActual(ctx context.Context, orgID, planID int64, m gyakusan.Month, channel string, s gyakusan.Stage) error {
	return db.planTx(ctx, orgID, planID, func(tx *Tx) error {
		res, err := tx.Exec(ctx, `DELETE FROM manual_actuals WHERE plan_id = ? AND month = ? AND channel = ? AND stage = ?`,
			planID, int64(m), strings.TrimSpace(channel), int64(s))
		if err != nil {
			return wrap(err, "delete manual actual", "plan")
		}
		return affected(res, "actual")
	})
}

// validManual checks a hand-typed figure, naming the fields that are wrong.
func validManual(c gyakusan.ActualCell) []gyakusan.FieldError {
	fields := validCell(c.Month, c.Channel)
	if c.Stage < gyakusan.StageLead || c.Stage > gyakusan.StageWon {
		fields = append(fields, gyakusan.FieldError{Field: "stage", Rule: gyakusan.RuleChoice, Min: "leads, meetings, opportunities, won"})
	}
	if c.Count < 0 || c.Count > gyakusan.MaxCount {
		fields = append(fields, gyakusan.FieldError{Field: "count", Rule: gyakusan.RuleRange, Min: "0", Max: gyakusan.Grouped(gyakusan.MaxCount)})
	}
	if c.Revenue < 0 || c.Revenue > gyakusan.MaxYen {
		fields = append(fields, gyakusan.FieldError{Field: "revenue", Rule: gyakusan.RuleRange, Min: "0", Max: gyakusan.Grouped(int64(gyakusan.MaxYen))})
	}
	return fields
}

// validCell checks the month and the channel that every hand-typed figure,
// count or spend, is filed under.
func validCell(m gyakusan.Month, channel string) []gyakusan.FieldError {
	var fields []gyakusan.FieldError
	if strings.TrimSpace(channel) == "" {
		fields = append(fields, gyakusan.FieldError{Field: "channel", Rule: gyakusan.RuleRequired})
	} else if len(channel) > 200 {
		fields = append(fields, gyakusan.FieldError{Field: "channel", Rule: gyakusan.RuleLength, Max: "200"})
	}
	if m.Year() < 1900 || m.Year() > 2999 {
		fields = append(fields, gyakusan.FieldError{Field: "month", Rule: gyakusan.RuleFormat, Min: "YYYY-MM"})
	}
	return fields
}
