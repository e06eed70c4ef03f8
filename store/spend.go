package store

import (
	"context"
	"fmt"
	"strings"

	"gyakusan"
)

// ManualSpend returns the plan's hand-typed spend by month and channel.
func (db *DB) ManualSpend(ctx context.Context, orgID, planID int64) ([]gyakusan.SpendCell, error) {
	if err := planInOrg(ctx, db, orgID, planID); err != nil {
		return nil, err
	}
	return db.manualSpend(ctx, planID)
}

func (db *DB) manualSpend(ctx context.Context, planID int64) ([]gyakusan.SpendCell, error) {
	rows, err := db.Query(ctx, `SELECT month, channel, spend FROM manual_spend
		WHERE plan_id = ? ORDER BY month, channel`, planID)
	if err != nil {
		return nil, wrap(err, "manual spend", "plan")
	}
	defer rows.Close()
	var out []gyakusan.SpendCell
	for rows.Next() {
		var c gyakusan.SpendCell
		if err := rows.Scan(&c.Month, &c.Channel, &c.Spend); err != nil {
			return nil, wrap(err, "scan manual spend", "plan")
		}
		out = append(out, c)
	}
	return out, wrap(rows.Err(), "manual spend", "plan")
}

// ReplaceManual makes cells and spend the plan's hand-typed figures for the
// months from..to in one transaction: the actuals grid posts its counts and
// its spend at once, and a save must not stop halfway. A cell not given is
// no longer typed by hand. Field errors name the cell as cells[i].field or
// spend[i].field, and the message names its month and channel.
func (db *DB) ReplaceManual(ctx context.Context, orgID, planID int64, from, to gyakusan.Month, cells []gyakusan.ActualCell, spend []gyakusan.SpendCell) error {
	return db.saveManual(ctx, orgID, planID, from, to, cells, spend, "manual_actuals", "manual_spend")
}

// SetManual stores hand-typed cells and spend in one transaction, each
// replacing the figure typed before for its month, channel (and stage), and
// leaves every other figure as it was: a script sets one month at a time.
func (db *DB) SetManual(ctx context.Context, orgID, planID int64, cells []gyakusan.ActualCell, spend []gyakusan.SpendCell) error {
	return db.saveManual(ctx, orgID, planID, 0, 0, cells, spend)
}

// saveManual checks every cell, then in one transaction empties the months
// from..to of the tables in clear and writes cells and spend. From and to
// both zero leave the months unbounded (with nothing to clear).
func (db *DB) saveManual(ctx context.Context, orgID, planID int64, from, to gyakusan.Month, cells []gyakusan.ActualCell, spend []gyakusan.SpendCell, clear ...string) error {
	if err := checkManual(cells, spend, from, to); err != nil {
		return err
	}
	return db.planTx(ctx, orgID, planID, func(tx *Tx) error {
		for _, table := range clear {
			if _, err := tx.Exec(ctx, `DELETE FROM `+table+` WHERE plan_id = ? AND month >= ? AND month <= ?`,
				planID, int64(from), int64(to)); err != nil {
				return wrap(err, "replace "+table, "plan")
			}
		}
		return db.writeManual(ctx, tx, planID, cells, spend)
	})
}

func (db *DB) writeManual(ctx context.Context, tx *Tx, planID int64, cells []gyakusan.ActualCell, spend []gyakusan.SpendCell) error {
	now := db.now().UnixMilli()
	for _, c := range cells {
		_, err := tx.Exec(ctx, `INSERT INTO manual_actuals (plan_id, month, channel, stage, count, revenue, updated)
			VALUES (?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (plan_id, month, channel, stage) DO UPDATE SET count = excluded.count,
				revenue = excluded.revenue, updated = excluded.updated`,
			planID, int64(c.Month), strings.TrimSpace(c.Channel), int64(c.Stage), c.Count, int64(c.Revenue), now)
		if err != nil {
			return wrap(err, "write manual actuals", "plan")
		}
	}
	for _, c := range spend {
		_, err := tx.Exec(ctx, `INSERT INTO manual_spend (plan_id, month, channel, spend, updated)
			VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (plan_id, month, channel) DO UPDATE SET spend = excluded.spend, updated = excluded.updated`,
			planID, int64(c.Month), strings.TrimSpace(c.Channel), int64(c.Spend), now)
		if err != nil {
			return wrap(err, "write manual spend", "plan")
		}
	}
	return nil
}

// checkManual validates every cell before anything is written; from..to
// bounds the months unless both are zero.
func checkManual(cells []gyakusan.ActualCell, spend []gyakusan.SpendCell, from, to gyakusan.Month) error {
	outside := func(m gyakusan.Month) []gyakusan.FieldError {
		if (from == 0 && to == 0) || (m >= from && m <= to) {
			return nil
		}
		return []gyakusan.FieldError{{Field: "month", Rule: gyakusan.RuleRange, Min: from.String(), Max: to.String()}}
	}
	var fields []gyakusan.FieldError
	var ja, en []string
	for i, c := range cells {
		fs := validManual(c)
		if len(fs) == 0 {
			fs = outside(c.Month)
		}
		for _, f := range fs {
			f.Field = fmt.Sprintf("cells[%d].%s", i, f.Field)
			fields = append(fields, f)
		}
	}
	for i, c := range spend {
		fs := validSpend(c)
		if len(fs) == 0 {
			fs = outside(c.Month)
		}
		for _, f := range fs {
			j, e := spendCellMessage(c, f)
			ja, en = append(ja, j), append(en, e)
			f.Field = fmt.Sprintf("spend[%d].%s", i, f.Field)
			fields = append(fields, f)
		}
	}
	if len(fields) == 0 {
		return nil
	}
	err := gyakusan.Invalid(fields...)
	err.Ja, err.En = strings.Join(ja, "\n"), strings.Join(en, "\n")
	return err
}

// validSpend checks one hand-typed spend figure.
func validSpend(c gyakusan.SpendCell) []gyakusan.FieldError {
	fields := validCell(c.Month, c.Channel)
	if c.Spend < 0 || c.Spend > gyakusan.MaxYen {
		fields = append(fields, gyakusan.FieldError{Field: "spend", Rule: gyakusan.RuleRange, Min: "0", Max: gyakusan.Grouped(int64(gyakusan.MaxYen))})
	}
	return fields
}

// spendCellMessage names the spend cell a field error is about, by its
// month and channel, since a position in a list means little to a person.
func spendCellMessage(c gyakusan.SpendCell, f gyakusan.FieldError) (ja, en string) {
	cell := c.Month.String() + " " + strings.TrimSpace(c.Channel)
	f.Field = "spend." + f.Field
	return cell + ": " + f.Text("ja"), cell + ": " + f.Text("en")
}
