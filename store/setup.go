package store

import (
	"context"
	"strings"

	"gyakusan"
)

// CreateFirstOwner creates the first user, their organization and the owner
// membership in one write transaction that first checks no user exists. On
// SQLite the single writer serialises it; on PostgreSQL a transaction-scoped
// advisory lock does, across instances.
func (db *DB) CreateFirstOwner(ctx context.Context, email, passwordHash, orgName string) (gyakusan.User, gyakusan.Org, error) {
	email = gyakusan.NormalizeEmail(email)
	if err := gyakusan.CheckEmail(email); err != nil {
		return gyakusan.User{}, gyakusan.Org{}, err
	}
	if err := gyakusan.CheckOrgName(orgName); err != nil {
		return gyakusan.User{}, gyakusan.Org{}, err
	}
	orgName = strings.TrimSpace(orgName)
	now := millis(db.now())
	var u gyakusan.User
	o := gyakusan.Org{Name: orgName, Created: fromMillis(now)}
	err := db.WriteTx(ctx, func(tx *Tx) error {
		if db.Dialect() == "postgres" {
			if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtext('gyakusan first owner'))`); err != nil {
				return err
			}
		}
		var n int64
		if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM users`).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return gyakusan.Localized(gyakusan.CodeConflict,
				"初期設定は既に済んでいます。", "The first-run setup is already done.")
		}
		var err error
		if u, err = scanUser(tx.QueryRow(ctx, `INSERT INTO users (email, password_hash, created) VALUES (?, ?, ?)
			RETURNING `+userColumns, email, passwordHash, now)); err != nil {
			return err
		}
		if err := tx.QueryRow(ctx, `INSERT INTO orgs (name, created) VALUES (?, ?) RETURNING id`, orgName, now).Scan(&o.ID); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `INSERT INTO memberships (org_id, user_id, role, created) VALUES (?, ?, ?, ?)`,
			o.ID, u.ID, string(gyakusan.RoleOwner), now)
		return err
	})
	if err != nil {
		return gyakusan.User{}, gyakusan.Org{}, wrap(err, "create first owner", "user")
	}
	return u, o, nil
}
