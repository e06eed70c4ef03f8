package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"gyakusan"
)

var _ gyakusan.PlanService = (*DB)(nil)

// querier is what both *DB and *Tx offer for reads, so that a read helper
// works inside and outside a transaction.
type querier interface {
	QueryRow(ctx context.Context, query string, args ...any) *sql.Row
}

const planColumns = `id, org_id, version, archived, document, created, updated, updated_by`

func scanPlan(row interface{ Scan(...any) error }) (gyakusan.StoredPlan, error) {
	var sp gyakusan.StoredPlan
	var doc string
	var created, updated int64
	var by sql.NullInt64
	if err := row.Scan(&sp.ID, &sp.OrgID, &sp.Version, &sp.Archived, &doc, &created, &updated, &by); err != nil {
		return gyakusan.StoredPlan{}, err
	}
	p, err := gyakusan.ParsePlan([]byte(doc))
	if err != nil {
		// A stored document that no longer decodes is our fault, not the
		// user's: report it as internal, with the plan id for the log.
		return gyakusan.StoredPlan{}, fmt.Errorf("decode stored plan %d: %v", sp.ID, err)
	}
	sp.Plan, sp.Created, sp.Updated, sp.UpdatedBy = p, fromMillis(created), fromMillis(updated), by.Int64
	return sp, nil
}

// planDocument marshals p for the document column.
func planDocument(p gyakusan.Plan) (string, error) {
	b, err := json.Marshal(p)
	if err != nil {
		return "", fmt.Errorf("store: marshal plan: %w", err)
	}
	if len(b) > gyakusan.MaxPlanBytes {
		return "", gyakusan.Invalid(gyakusan.FieldError{Field: "", Rule: gyakusan.RuleTooLarge})
	}
	// Never store what could not be read back (e.g. a zero start month).
	if _, err := gyakusan.ParsePlan(b); err != nil {
		return "", err
	}
	return string(b), nil
}

// getPlan reads one plan of the organization. Its error is not wrapped yet:
// each caller wraps it once, with its own operation.
func getPlan(ctx context.Context, q querier, orgID, id int64) (gyakusan.StoredPlan, error) {
	return scanPlan(q.QueryRow(ctx, `SELECT `+planColumns+` FROM plans WHERE id = ? AND org_id = ?`, id, orgID))
}

// planInOrg answers CodeNotFound unless the plan belongs to the organization.
func planInOrg(ctx context.Context, q querier, orgID, planID int64) error {
	var one int
	err := q.QueryRow(ctx, `SELECT 1 FROM plans WHERE id = ? AND org_id = ?`, planID, orgID).Scan(&one)
	return wrap(err, "find plan", "plan")
}

// planTx is WriteTx for a write to one plan's data: fn runs only when the
// plan belongs to the organization, and another organization's plan answers
// CodeNotFound like a missing one.
func (db *DB) planTx(ctx context.Context, orgID, planID int64, fn func(tx *Tx) error) error {
	return db.WriteTx(ctx, func(tx *Tx) error {
		if err := planInOrg(ctx, tx, orgID, planID); err != nil {
			return err
		}
		return fn(tx)
	})
}

// addChange writes one history row.
func addChange(ctx context.Context, tx *Tx, c gyakusan.PlanChange) error {
	_, err := tx.Exec(ctx, `INSERT INTO plan_changes (plan_id, version, user_id, at, action, summary)
		VALUES (?, ?, ?, ?, ?, ?)`, c.PlanID, c.Version, nullID(c.UserID), millis(c.At), c.Action, c.Summary)
	return err
}

// CreatePlan stores p as version 1 in the organization and records a
// "create" change. userID is 0 for the CLI.
func (db *DB) CreatePlan(ctx context.Context, orgID, userID int64, p gyakusan.Plan) (gyakusan.StoredPlan, error) {
	doc, err := planDocument(p)
	if err != nil {
		return gyakusan.StoredPlan{}, err
	}
	now := db.stamp()
	sp := gyakusan.StoredPlan{OrgID: orgID, Version: 1, Plan: p, Created: now, Updated: now, UpdatedBy: userID}
	err = db.WriteTx(ctx, func(tx *Tx) error {
		err := tx.QueryRow(ctx, `INSERT INTO plans (org_id, version, name, archived, document, created, updated, updated_by)
			VALUES (?, 1, ?, FALSE, ?, ?, ?, ?) RETURNING id`,
			orgID, p.Name, doc, millis(now), millis(now), nullID(userID)).Scan(&sp.ID)
		if err != nil {
			return err
		}
		return addChange(ctx, tx, gyakusan.PlanChange{PlanID: sp.ID, Version: 1, UserID: userID, At: now, Action: "create"})
	})
	if isForeignKey(err) {
		return gyakusan.StoredPlan{}, notFound("organization or user")
	}
	if err != nil {
		return gyakusan.StoredPlan{}, wrap(err, "create plan", "plan")
	}
	return sp, nil
}

// Plan returns one plan of the organization.
func (db *DB) Plan(ctx context.Context, orgID, id int64) (gyakusan.StoredPlan, error) {
	sp, err := getPlan(ctx, db, orgID, id)
	if err != nil {
		return gyakusan.StoredPlan{}, wrap(err, "plan", "plan")
	}
	return sp, nil
}

// Plans lists the organization's plans, most recently updated first.
func (db *DB) Plans(ctx context.Context, orgID int64, f gyakusan.PlanFilter) ([]gyakusan.StoredPlan, error) {
	q := `SELECT ` + planColumns + ` FROM plans WHERE org_id = ?`
	args := []any{orgID}
	if f.Archived != nil {
		q += ` AND archived = ?`
		args = append(args, *f.Archived)
	}
	rows, err := db.Query(ctx, q+` ORDER BY updated DESC, id DESC`, args...)
	if err != nil {
		return nil, wrap(err, "plans", "plan")
	}
	defer rows.Close()
	var out []gyakusan.StoredPlan
	for rows.Next() {
		sp, err := scanPlan(rows)
		if err != nil {
			return nil, wrap(err, "scan plan", "plan")
		}
		out = append(out, sp)
	}
	return out, wrap(rows.Err(), "plans", "plan")
}

// conflict answers a write based on a version that is no longer current.
func conflict(current int64) error {
	return gyakusan.Localized(gyakusan.CodeConflict,
		fmt.Sprintf("このプランは他の人が先に変更しました（現在はバージョン%d）。最新の内容を読み込んでから、もう一度変更してください。", current),
		fmt.Sprintf("Someone else changed this plan first (it is now at version %d). Reload it and make your change again.", current))
}

// UpdatePlan writes p as the next version if version is still the current
// one, else answers CodeConflict; the change and its summary go to the
// history in the same transaction.
func (db *DB) UpdatePlan(ctx context.Context, orgID, userID, id, version int64, p gyakusan.Plan) (gyakusan.StoredPlan, error) {
	doc, err := planDocument(p)
	if err != nil {
		return gyakusan.StoredPlan{}, err
	}
	var sp gyakusan.StoredPlan
	err = db.WriteTx(ctx, func(tx *Tx) error {
		old, err := getPlan(ctx, tx, orgID, id)
		if err != nil {
			return err
		}
		if old.Version != version {
			return conflict(old.Version)
		}
		now := db.stamp()
		// The version in the WHERE clause is what makes this safe on
		// PostgreSQL, where the read above takes no lock.
		res, err := tx.Exec(ctx, `UPDATE plans SET version = version + 1, name = ?, document = ?, updated = ?, updated_by = ?
			WHERE id = ? AND org_id = ? AND version = ?`,
			p.Name, doc, millis(now), nullID(userID), id, orgID, version)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			if err != nil {
				return err
			}
			return conflict(version + 1)
		}
		diff := gyakusan.DiffPlans(old.Plan, p)
		action := "update"
		if len(diff) == 1 && strings.HasPrefix(diff[0], "name:") {
			action = "rename"
		}
		sp = old
		sp.Version, sp.Plan, sp.Updated, sp.UpdatedBy = version+1, p, now, userID
		return addChange(ctx, tx, gyakusan.PlanChange{PlanID: id, Version: sp.Version, UserID: userID, At: now,
			Action: action, Summary: strings.Join(diff, "; ")})
	})
	if isForeignKey(err) {
		return gyakusan.StoredPlan{}, notFound("user")
	}
	if err != nil {
		return gyakusan.StoredPlan{}, wrap(err, "update plan", "plan")
	}
	return sp, nil
}

// SetArchived archives or restores a plan as a new version, recorded in the
// history; a plan already in that state is returned unchanged.
func (db *DB) SetArchived(ctx context.Context, orgID, userID, id int64, archived bool) (gyakusan.StoredPlan, error) {
	var sp gyakusan.StoredPlan
	err := db.WriteTx(ctx, func(tx *Tx) error {
		var err error
		sp, err = getPlan(ctx, tx, orgID, id)
		if err != nil || sp.Archived == archived {
			return err
		}
		now := db.stamp()
		_, err = tx.Exec(ctx, `UPDATE plans SET archived = ?, version = version + 1, updated = ?, updated_by = ?
			WHERE id = ? AND org_id = ?`, archived, millis(now), nullID(userID), id, orgID)
		if err != nil {
			return err
		}
		action := "restore"
		if archived {
			action = "archive"
		}
		sp.Archived, sp.Version, sp.Updated, sp.UpdatedBy = archived, sp.Version+1, now, userID
		return addChange(ctx, tx, gyakusan.PlanChange{PlanID: id, Version: sp.Version, UserID: userID, At: now,
			Action: action, Summary: fmt.Sprintf("archived: %t → %t", !archived, archived)})
	})
	if isForeignKey(err) {
		return gyakusan.StoredPlan{}, notFound("user")
	}
	if err != nil {
		return gyakusan.StoredPlan{}, wrap(err, "archive plan", "plan")
	}
	return sp, nil
}

// DeletePlan removes a plan and, by cascade, its history.
func (db *DB) DeletePlan(ctx context.Context, orgID, id int64) error {
	res, err := db.Exec(ctx, `DELETE FROM plans WHERE id = ? AND org_id = ?`, id, orgID)
	if err != nil {
		return wrap(err, "delete plan", "plan")
	}
	return affected(res, "plan")
}

// PlanHistory lists a plan's changes, newest first, with the email of who
// made each (empty for the CLI or a deleted user).
func (db *DB) PlanHistory(ctx context.Context, orgID, id int64) ([]gyakusan.PlanChange, error) {
	if err := planInOrg(ctx, db, orgID, id); err != nil {
		return nil, err
	}
	rows, err := db.Query(ctx, `SELECT c.plan_id, c.version, c.user_id, COALESCE(u.email, ''), c.at, c.action, c.summary
		FROM plan_changes c LEFT JOIN users u ON u.id = c.user_id
		WHERE c.plan_id = ? ORDER BY c.version DESC, c.id DESC`, id)
	if err != nil {
		return nil, wrap(err, "plan history", "plan")
	}
	defer rows.Close()
	var out []gyakusan.PlanChange
	for rows.Next() {
		var c gyakusan.PlanChange
		var user sql.NullInt64
		var at int64
		if err := rows.Scan(&c.PlanID, &c.Version, &user, &c.UserEmail, &at, &c.Action, &c.Summary); err != nil {
			return nil, wrap(err, "scan plan change", "plan")
		}
		c.UserID, c.At = user.Int64, fromMillis(at)
		out = append(out, c)
	}
	return out, wrap(rows.Err(), "plan history", "plan")
}
