package store

import (
	"context"
	"strings"

	"gyakusan"
)

// CreateOrg adds an organization; names are unique (CodeConflict).
func (db *DB) CreateOrg(ctx context.Context, name string) (gyakusan.Org, error) {
	if err := gyakusan.CheckOrgName(name); err != nil {
		return gyakusan.Org{}, err
	}
	name = strings.TrimSpace(name)
	o := gyakusan.Org{Name: name, Created: db.stamp()}
	err := db.WriteTx(ctx, func(tx *Tx) error {
		return tx.QueryRow(ctx, `INSERT INTO orgs (name, created) VALUES (?, ?) RETURNING id`,
			name, millis(o.Created)).Scan(&o.ID)
	})
	if isUnique(err) {
		return gyakusan.Org{}, gyakusan.Localized(gyakusan.CodeConflict,
			"この名前の組織は既にあります。", "An organization with this name already exists.")
	}
	return o, wrap(err, "create org", "organization")
}

// OrgByName finds an organization by its exact (trimmed) name.
func (db *DB) OrgByName(ctx context.Context, name string) (gyakusan.Org, error) {
	var o gyakusan.Org
	var created int64
	err := db.QueryRow(ctx, `SELECT id, name, created FROM orgs WHERE name = ?`, strings.TrimSpace(name)).
		Scan(&o.ID, &o.Name, &created)
	if err != nil {
		return gyakusan.Org{}, wrap(err, "org by name", "organization")
	}
	o.Created = fromMillis(created)
	return o, nil
}

// AddMember adds a membership or changes its role.
func (db *DB) AddMember(ctx context.Context, orgID, userID int64, role gyakusan.Role) error {
	if !gyakusan.ValidRole(role) {
		return gyakusan.Invalid(gyakusan.FieldError{Field: "role", Rule: gyakusan.RuleChoice, Min: "owner, editor, viewer"})
	}
	err := db.WriteTx(ctx, func(tx *Tx) error {
		_, err := tx.Exec(ctx, `INSERT INTO memberships (org_id, user_id, role, created) VALUES (?, ?, ?, ?)
			ON CONFLICT (org_id, user_id) DO UPDATE SET role = excluded.role`,
			orgID, userID, string(role), millis(db.now()))
		return err
	})
	if isForeignKey(err) {
		return notFound("user or organization")
	}
	return wrap(err, "add member", "membership")
}

// RemoveMember ends a membership.
func (db *DB) RemoveMember(ctx context.Context, orgID, userID int64) error {
	res, err := db.Exec(ctx, `DELETE FROM memberships WHERE org_id = ? AND user_id = ?`, orgID, userID)
	if err != nil {
		return wrap(err, "remove member", "membership")
	}
	return affected(res, "membership")
}

const membershipSelect = `SELECT o.id, o.name, o.created, u.id, u.email, u.name, u.lang, u.created, m.role
	FROM memberships m JOIN orgs o ON o.id = m.org_id JOIN users u ON u.id = m.user_id `

func scanMembership(row interface{ Scan(...any) error }) (gyakusan.Membership, error) {
	var m gyakusan.Membership
	var oc, uc int64
	var role string
	err := row.Scan(&m.Org.ID, &m.Org.Name, &oc, &m.User.ID, &m.User.Email, &m.User.Name, &m.User.Lang, &uc, &role)
	m.Org.Created, m.User.Created, m.Role = fromMillis(oc), fromMillis(uc), gyakusan.Role(role)
	return m, err
}

// Membership returns a user's role in an organization; CodeNotFound when
// the user is not a member.
func (db *DB) Membership(ctx context.Context, orgID, userID int64) (gyakusan.Membership, error) {
	m, err := scanMembership(db.QueryRow(ctx, membershipSelect+`WHERE m.org_id = ? AND m.user_id = ?`, orgID, userID))
	if err != nil {
		return gyakusan.Membership{}, wrap(err, "membership", "membership")
	}
	return m, nil
}

// Memberships lists the organizations of a user, by name.
func (db *DB) Memberships(ctx context.Context, userID int64) ([]gyakusan.Membership, error) {
	return db.memberships(ctx, membershipSelect+`WHERE m.user_id = ? ORDER BY o.name, o.id`, userID)
}

// Members lists the members of an organization, by email.
func (db *DB) Members(ctx context.Context, orgID int64) ([]gyakusan.Membership, error) {
	return db.memberships(ctx, membershipSelect+`WHERE m.org_id = ? ORDER BY u.email`, orgID)
}

func (db *DB) memberships(ctx context.Context, query string, id int64) ([]gyakusan.Membership, error) {
	rows, err := db.Query(ctx, query, id)
	if err != nil {
		return nil, wrap(err, "memberships", "membership")
	}
	defer rows.Close()
	var out []gyakusan.Membership
	for rows.Next() {
		m, err := scanMembership(rows)
		if err != nil {
			return nil, wrap(err, "scan membership", "membership")
		}
		out = append(out, m)
	}
	return out, wrap(rows.Err(), "memberships", "membership")
}
