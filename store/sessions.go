package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"gyakusan"
)

var _ gyakusan.SessionService = (*DB)(nil)

// lastSeenEvery limits the writes a busy session causes: last_seen moves at
// most once a minute, which is precise enough for an idle timeout.
const lastSeenEvery = time.Minute

// CreateSession stores s under the hash of s.ID and removes expired
// sessions, so the table does not grow without bound.
func (db *DB) CreateSession(ctx context.Context, s gyakusan.Session) error {
	if s.ID == "" || s.UserID == 0 || s.ExpiresAt.IsZero() {
		return errors.New("store: create session: id, user and expiry are required")
	}
	if s.Created.IsZero() {
		s.Created = db.now()
	}
	if s.LastSeen.IsZero() {
		s.LastSeen = s.Created
	}
	err := db.WriteTx(ctx, func(tx *Tx) error {
		if _, err := tx.Exec(ctx, `DELETE FROM sessions WHERE expires_at <= ?`, millis(s.Created)); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `INSERT INTO sessions (id_hash, user_id, org_id, created, last_seen, expires_at)
			VALUES (?, ?, ?, ?, ?, ?)`, hashSecret(s.ID), s.UserID, nullID(s.OrgID),
			millis(s.Created), millis(s.LastSeen), millis(s.ExpiresAt))
		return err
	})
	if isForeignKey(err) {
		return notFound("user or organization")
	}
	return wrap(err, "create session", "session")
}

// SessionByID finds a live session: not past its absolute expiry and seen
// within idle (no idle limit when idle is 0). A dead session is deleted and
// answers CodeNotFound like an unknown one.
func (db *DB) SessionByID(ctx context.Context, id string, now time.Time, idle time.Duration) (gyakusan.Session, error) {
	h := hashSecret(id)
	s := gyakusan.Session{ID: id}
	var org sql.NullInt64
	var created, lastSeen, expires int64
	err := db.QueryRow(ctx, `SELECT user_id, org_id, created, last_seen, expires_at FROM sessions WHERE id_hash = ?`, h).
		Scan(&s.UserID, &org, &created, &lastSeen, &expires)
	if err != nil {
		return gyakusan.Session{}, wrap(err, "session", "session")
	}
	s.OrgID, s.Created, s.LastSeen, s.ExpiresAt = org.Int64, fromMillis(created), fromMillis(lastSeen), fromMillis(expires)
	if !now.Before(s.ExpiresAt) || (idle > 0 && now.Sub(s.LastSeen) >= idle) {
		if _, err := db.Exec(ctx, `DELETE FROM sessions WHERE id_hash = ?`, h); err != nil {
			return gyakusan.Session{}, wrap(err, "delete dead session", "session")
		}
		return gyakusan.Session{}, notFound("session")
	}
	if now.Sub(s.LastSeen) >= lastSeenEvery {
		// The condition on last_seen keeps concurrent requests (or
		// instances) from writing the same minute twice.
		_, err := db.Exec(ctx, `UPDATE sessions SET last_seen = ? WHERE id_hash = ? AND last_seen < ?`,
			millis(now), h, millis(now.Add(-lastSeenEvery)))
		if err != nil {
			return gyakusan.Session{}, wrap(err, "touch session", "session")
		}
		s.LastSeen = fromMillis(millis(now))
	}
	return s, nil
}

// SetSessionOrg switches the organization a session works in.
func (db *DB) SetSessionOrg(ctx context.Context, id string, orgID int64) error {
	res, err := db.Exec(ctx, `UPDATE sessions SET org_id = ? WHERE id_hash = ?`, nullID(orgID), hashSecret(id))
	if isForeignKey(err) {
		return notFound("organization")
	}
	if err != nil {
		return wrap(err, "set session org", "session")
	}
	return affected(res, "session")
}

// DeleteSession signs a browser out; an unknown id is not an error.
func (db *DB) DeleteSession(ctx context.Context, id string) error {
	_, err := db.Exec(ctx, `DELETE FROM sessions WHERE id_hash = ?`, hashSecret(id))
	return wrap(err, "delete session", "session")
}

// DeleteUserSessions signs a user out everywhere, e.g. after a password
// change.
func (db *DB) DeleteUserSessions(ctx context.Context, userID int64) error {
	_, err := db.Exec(ctx, `DELETE FROM sessions WHERE user_id = ?`, userID)
	return wrap(err, "delete user sessions", "session")
}
