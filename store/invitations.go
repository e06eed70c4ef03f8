package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"gyakusan"
)

// invitationGone answers for an invitation that expired or was used, in the
// words its recipient needs.
func invitationGone(code gyakusan.Code) error {
	return gyakusan.Localized(code, "この招待は期限切れか、既に使われています。招待した人に再発行を依頼してください。",
		"This invitation has expired or was already used. Ask for a new one.")
}

// CreateInvitation stores inv under the hash of secret.
func (db *DB) CreateInvitation(ctx context.Context, inv gyakusan.Invitation, secret string) (gyakusan.Invitation, error) {
	inv.Email = gyakusan.NormalizeEmail(inv.Email)
	if err := gyakusan.CheckEmail(inv.Email); err != nil {
		return gyakusan.Invitation{}, err
	}
	if !gyakusan.ValidRole(inv.Role) {
		return gyakusan.Invitation{}, gyakusan.Invalid(gyakusan.FieldError{Field: "role", Rule: gyakusan.RuleChoice, Min: "owner, editor, viewer"})
	}
	if secret == "" || inv.OrgID == 0 || inv.ExpiresAt.IsZero() {
		return gyakusan.Invitation{}, errors.New("store: create invitation: secret, org and expiry are required")
	}
	inv.Used = false
	err := db.WriteTx(ctx, func(tx *Tx) error {
		return tx.QueryRow(ctx, `INSERT INTO invitations (secret_hash, org_id, email, role, created_by, created, expires_at)
			VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			hashSecret(secret), inv.OrgID, inv.Email, string(inv.Role), nullID(inv.CreatedBy),
			millis(db.now()), millis(inv.ExpiresAt)).Scan(&inv.ID)
	})
	if isForeignKey(err) {
		return gyakusan.Invitation{}, notFound("organization")
	}
	if err != nil {
		return gyakusan.Invitation{}, wrap(err, "create invitation", "invitation")
	}
	inv.ExpiresAt = fromMillis(millis(inv.ExpiresAt))
	return inv, nil
}

// InvitationBySecret finds an invitation that can still be used at now;
// an expired or used one answers CodeNotFound with a message saying so.
func (db *DB) InvitationBySecret(ctx context.Context, secret string, now time.Time) (gyakusan.Invitation, error) {
	var inv gyakusan.Invitation
	var role string
	var createdBy, usedAt sql.NullInt64
	var expires int64
	err := db.QueryRow(ctx, `SELECT id, org_id, email, role, created_by, expires_at, used_at
		FROM invitations WHERE secret_hash = ?`, hashSecret(secret)).
		Scan(&inv.ID, &inv.OrgID, &inv.Email, &role, &createdBy, &expires, &usedAt)
	if err != nil {
		return gyakusan.Invitation{}, wrap(err, "invitation by secret", "invitation")
	}
	inv.Role, inv.CreatedBy, inv.ExpiresAt, inv.Used = gyakusan.Role(role), createdBy.Int64, fromMillis(expires), usedAt.Valid
	if inv.Used || !now.Before(inv.ExpiresAt) {
		return gyakusan.Invitation{}, invitationGone(gyakusan.CodeNotFound)
	}
	return inv, nil
}

// AcceptInvitation marks the invitation used and makes its invitee a member,
// all in one write transaction: two tabs accepting at once get one success,
// and a failure (say, the email was registered meanwhile) keeps nothing.
func (db *DB) AcceptInvitation(ctx context.Context, id, userID int64, passwordHash string, now time.Time) (gyakusan.User, error) {
	at := millis(now)
	var u gyakusan.User
	err := db.WriteTx(ctx, func(tx *Tx) error {
		res, err := tx.Exec(ctx, `UPDATE invitations SET used_at = ? WHERE id = ? AND used_at IS NULL AND expires_at > ?`,
			at, id, at)
		if err != nil {
			return err
		}
		if affected(res, "invitation") != nil {
			var n int
			if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM invitations WHERE id = ?`, id).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				return notFound("invitation")
			}
			return invitationGone(gyakusan.CodeConflict)
		}
		var orgID int64
		var email, role string
		if err := tx.QueryRow(ctx, `SELECT org_id, email, role FROM invitations WHERE id = ?`, id).Scan(&orgID, &email, &role); err != nil {
			return err
		}
		if userID == 0 {
			u, err = scanUser(tx.QueryRow(ctx, `INSERT INTO users (email, password_hash, created) VALUES (?, ?, ?)
				RETURNING `+userColumns, email, passwordHash, at))
			if isUnique(err) {
				return gyakusan.Localized(gyakusan.CodeConflict,
					"このメールアドレスは既に登録されています。", "A user with this email already exists.")
			}
		} else {
			u, err = scanUser(tx.QueryRow(ctx, `SELECT `+userColumns+` FROM users WHERE id = ?`, userID))
		}
		if err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `INSERT INTO memberships (org_id, user_id, role, created) VALUES (?, ?, ?, ?)
			ON CONFLICT (org_id, user_id) DO UPDATE SET role = excluded.role`, orgID, u.ID, role, at)
		return err
	})
	if err != nil {
		return gyakusan.User{}, wrap(err, "accept invitation", "invitation")
	}
	return u, nil
}
