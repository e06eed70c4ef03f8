package store

import (
	"context"
	"strings"
	"unicode/utf8"

	"gyakusan"
)

// LeadMappings lists the organization's saved column mappings by name.
func (db *DB) LeadMappings(ctx context.Context, orgID int64) ([]gyakusan.LeadMapping, error) {
	rows, err := db.Query(ctx, `SELECT id, org_id, name, document, updated FROM lead_mappings
		WHERE org_id = ? ORDER BY name, id`, orgID)
	if err != nil {
		return nil, wrap(err, "lead mappings", "mapping")
	}
	defer rows.Close()
	var out []gyakusan.LeadMapping
	for rows.Next() {
		var m gyakusan.LeadMapping
		var updated int64
		if err := rows.Scan(&m.ID, &m.OrgID, &m.Name, &m.Document, &updated); err != nil {
			return nil, wrap(err, "scan lead mappings", "mapping")
		}
		m.Updated = fromMillis(updated)
		out = append(out, m)
	}
	return out, wrap(rows.Err(), "lead mappings", "mapping")
}

// LeadMapping returns one saved mapping of the organization.
func (db *DB) LeadMapping(ctx context.Context, orgID, id int64) (gyakusan.LeadMapping, error) {
	var m gyakusan.LeadMapping
	var updated int64
	err := db.QueryRow(ctx, `SELECT id, org_id, name, document, updated FROM lead_mappings WHERE id = ? AND org_id = ?`, id, orgID).
		Scan(&m.ID, &m.OrgID, &m.Name, &m.Document, &updated)
	if err != nil {
		return gyakusan.LeadMapping{}, wrap(err, "lead mapping", "mapping")
	}
	m.Updated = fromMillis(updated)
	return m, nil
}

// SaveLeadMapping stores m under its name in the organization, replacing
// the mapping of the same name. The document is stored as given: package
// crm decodes and checks it before it is saved.
func (db *DB) SaveLeadMapping(ctx context.Context, orgID int64, m gyakusan.LeadMapping) (gyakusan.LeadMapping, error) {
	m.Name = strings.TrimSpace(m.Name)
	switch {
	case m.Name == "":
		return m, gyakusan.Invalid(gyakusan.FieldError{Field: "name", Rule: gyakusan.RuleRequired})
	case len(m.Name) > gyakusan.MaxMappingNameBytes || !utf8.ValidString(m.Name):
		return m, gyakusan.Invalid(gyakusan.FieldError{Field: "name", Rule: gyakusan.RuleLength, Max: "200"})
	}
	m.OrgID = orgID
	m.Updated = db.stamp()
	err := db.WriteTx(ctx, func(tx *Tx) error {
		return tx.QueryRow(ctx, `INSERT INTO lead_mappings (org_id, name, document, updated) VALUES (?, ?, ?, ?)
			ON CONFLICT (org_id, name) DO UPDATE SET document = excluded.document, updated = excluded.updated
			RETURNING id`, orgID, m.Name, m.Document, millis(m.Updated)).Scan(&m.ID)
	})
	if isForeignKey(err) {
		return m, notFound("organization")
	}
	return m, wrap(err, "save lead mapping", "mapping")
}

// DeleteLeadMapping removes a saved mapping of the organization.
func (db *DB) DeleteLeadMapping(ctx context.Context, orgID, id int64) error {
	res, err := db.Exec(ctx, `DELETE FROM lead_mappings WHERE id = ? AND org_id = ?`, id, orgID)
	if err != nil {
		return wrap(err, "delete lead mapping", "mapping")
	}
	return affected(res, "mapping")
}
