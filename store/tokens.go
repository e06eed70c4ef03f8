package store

import (
	"context"
	"database/sql"
	"errors"

	"gyakusan"
)

// CreateToken stores t under the hash of secret; the secret itself is never
// stored. It returns t with its id and creation time.
func (db *DB) CreateToken(ctx context.Context, t gyakusan.Token, secret string) (gyakusan.Token, error) {
	if secret == "" || t.UserID == 0 {
		return gyakusan.Token{}, errors.New("store: create token: secret and user are required")
	}
	t.Created = db.stamp()
	t.LastUsed = nil
	err := db.WriteTx(ctx, func(tx *Tx) error {
		return tx.QueryRow(ctx, `INSERT INTO api_tokens (secret_hash, user_id, org_id, name, created)
			VALUES (?, ?, ?, ?, ?) RETURNING id`,
			hashSecret(secret), t.UserID, nullID(t.OrgID), t.Name, millis(t.Created)).Scan(&t.ID)
	})
	if isForeignKey(err) {
		return gyakusan.Token{}, notFound("user or organization")
	}
	if err != nil {
		return gyakusan.Token{}, wrap(err, "create token", "token")
	}
	return t, nil
}

const tokenColumns = `id, user_id, org_id, name, created, last_used`

func scanToken(row interface{ Scan(...any) error }) (gyakusan.Token, error) {
	var t gyakusan.Token
	var org, lastUsed sql.NullInt64
	var created int64
	err := row.Scan(&t.ID, &t.UserID, &org, &t.Name, &created, &lastUsed)
	t.OrgID, t.Created, t.LastUsed = org.Int64, fromMillis(created), fromNullMillis(lastUsed)
	return t, err
}

// TokenBySecret finds a token that is not revoked and notes its use (at most
// once a minute).
func (db *DB) TokenBySecret(ctx context.Context, secret string) (gyakusan.Token, error) {
	t, err := scanToken(db.QueryRow(ctx, `SELECT `+tokenColumns+` FROM api_tokens
		WHERE secret_hash = ? AND revoked = FALSE`, hashSecret(secret)))
	if err != nil {
		return gyakusan.Token{}, wrap(err, "token by secret", "token")
	}
	now := db.now()
	if t.LastUsed == nil || now.Sub(*t.LastUsed) >= lastSeenEvery {
		_, err := db.Exec(ctx, `UPDATE api_tokens SET last_used = ?
			WHERE id = ? AND (last_used IS NULL OR last_used < ?)`,
			millis(now), t.ID, millis(now.Add(-lastSeenEvery)))
		if err != nil {
			return gyakusan.Token{}, wrap(err, "touch token", "token")
		}
		used := fromMillis(millis(now))
		t.LastUsed = &used
	}
	return t, nil
}

// Tokens lists a user's tokens that are not revoked, newest first.
func (db *DB) Tokens(ctx context.Context, userID int64) ([]gyakusan.Token, error) {
	rows, err := db.Query(ctx, `SELECT `+tokenColumns+` FROM api_tokens
		WHERE user_id = ? AND revoked = FALSE ORDER BY created DESC, id DESC`, userID)
	if err != nil {
		return nil, wrap(err, "tokens", "token")
	}
	defer rows.Close()
	var out []gyakusan.Token
	for rows.Next() {
		t, err := scanToken(rows)
		if err != nil {
			return nil, wrap(err, "scan token", "token")
		}
		out = append(out, t)
	}
	return out, wrap(rows.Err(), "tokens", "token")
}

// RevokeToken ends one of the user's tokens; another user's token answers
// CodeNotFound.
func (db *DB) RevokeToken(ctx context.Context, userID, tokenID int64) error {
	res, err := db.Exec(ctx, `UPDATE api_tokens SET revoked = TRUE WHERE id = ? AND user_id = ? AND revoked = FALSE`,
		tokenID, userID)
	if err != nil {
		return wrap(err, "revoke token", "token")
	}
	return affected(res, "token")
}
