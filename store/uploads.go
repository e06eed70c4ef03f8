package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io"

	"gyakusan"
)

// uploadChunk is how many bytes of an upload one row holds: big enough that
// a 200 MB file is a few hundred rows, small enough that neither side ever
// holds more than a megabyte of it.
const uploadChunk = 1 << 20

// SaveUpload stores the file r yields for the plan, chunk by chunk, each
// chunk in its own short write so that a slow upload never holds the SQLite
// writer. The upload row is written last: until then the chunks belong to
// no upload, and expiry removes them if the upload never finishes. Expired
// uploads are removed first.
func (db *DB) SaveUpload(ctx context.Context, u gyakusan.Upload, r io.Reader) (gyakusan.Upload, error) {
	if err := planInOrg(ctx, db, u.OrgID, u.PlanID); err != nil {
		return u, err
	}
	if err := db.expireUploads(ctx); err != nil {
		return u, err
	}
	var b [16]byte
	_, _ = rand.Read(b[:])
	u.ID = hex.EncodeToString(b[:])
	u.Created = db.stamp()
	u.Size = 0
	buf := make([]byte, uploadChunk)
	chunks := 0
	for {
		n, err := io.ReadFull(r, buf)
		if n > 0 {
			if _, werr := db.Exec(ctx, `INSERT INTO lead_upload_chunks (upload_id, seq, created, data) VALUES (?, ?, ?, ?)`,
				u.ID, chunks, millis(u.Created), buf[:n]); werr != nil {
				db.dropChunks(u.ID)
				return u, wrap(werr, "save upload chunk", "upload")
			}
			chunks++
			u.Size += int64(n)
		}
		if err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF) {
			break
		}
		if err != nil {
			db.dropChunks(u.ID)
			return u, err // the caller tells a too-large body from a broken connection
		}
	}
	_, err := db.Exec(ctx, `INSERT INTO lead_uploads (id, org_id, plan_id, user_id, name, size, chunks, created)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, u.ID, u.OrgID, u.PlanID, u.UserID, u.Name, u.Size, chunks, millis(u.Created))
	if err != nil {
		db.dropChunks(u.ID)
		if isForeignKey(err) {
			return u, notFound("plan")
		}
		return u, wrap(err, "save upload", "upload")
	}
	return u, nil
}

// dropChunks removes the chunks of an upload that failed, with a context of
// its own: the request's may be what ended it.
func (db *DB) dropChunks(id string) {
	_, _ = db.Exec(context.Background(), `DELETE FROM lead_upload_chunks WHERE upload_id = ?`, id)
}

func (db *DB) expireUploads(ctx context.Context) error {
	cutoff := millis(db.now().Add(-gyakusan.UploadLifetime))
	if _, err := db.Exec(ctx, `DELETE FROM lead_uploads WHERE created < ?`, cutoff); err != nil {
		return wrap(err, "expire uploads", "upload")
	}
	_, err := db.Exec(ctx, `DELETE FROM lead_upload_chunks WHERE created < ?`, cutoff)
	return wrap(err, "expire upload chunks", "upload")
}

// OpenUpload returns a live upload of the plan and a reader of its bytes
// that fetches one chunk at a time.
func (db *DB) OpenUpload(ctx context.Context, orgID, planID int64, id string) (gyakusan.Upload, io.ReadCloser, error) {
	var u gyakusan.Upload
	var created int64
	var chunks int
	err := db.QueryRow(ctx, `SELECT id, org_id, plan_id, user_id, name, size, chunks, created FROM lead_uploads
		WHERE id = ? AND org_id = ? AND plan_id = ? AND created >= ?`,
		id, orgID, planID, millis(db.now().Add(-gyakusan.UploadLifetime))).
		Scan(&u.ID, &u.OrgID, &u.PlanID, &u.UserID, &u.Name, &u.Size, &chunks, &created)
	if err != nil {
		return u, nil, wrap(err, "open upload", "upload")
	}
	u.Created = fromMillis(created)
	return u, &chunkReader{ctx: ctx, db: db, id: id, n: chunks}, nil
}

// DeleteUpload removes an upload of the organization and its bytes.
func (db *DB) DeleteUpload(ctx context.Context, orgID int64, id string) error {
	return db.WriteTx(ctx, func(tx *Tx) error {
		res, err := tx.Exec(ctx, `DELETE FROM lead_uploads WHERE id = ? AND org_id = ?`, id, orgID)
		if err != nil {
			return wrap(err, "delete upload", "upload")
		}
		if err := affected(res, "upload"); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `DELETE FROM lead_upload_chunks WHERE upload_id = ?`, id)
		return wrap(err, "delete upload chunks", "upload")
	})
}

// chunkReader reads an upload's chunks in order.
type chunkReader struct {
	ctx  context.Context
	db   *DB
	id   string
	n    int // chunks in all
	seq  int // the next chunk to fetch
	buf  []byte
	done bool
}

func (c *chunkReader) Read(p []byte) (int, error) {
	for len(c.buf) == 0 {
		if c.done || c.seq >= c.n {
			return 0, io.EOF
		}
		var data []byte
		err := c.db.QueryRow(c.ctx, `SELECT data FROM lead_upload_chunks WHERE upload_id = ? AND seq = ?`, c.id, c.seq).Scan(&data)
		if err != nil {
			c.done = true
			return 0, wrap(err, "read upload chunk", "upload")
		}
		c.seq++
		c.buf = data
	}
	n := copy(p, c.buf)
	c.buf = c.buf[n:]
	return n, nil
}

// Close ends the reading.
func (c *chunkReader) Close() error {
	c.done = true
	c.buf = nil
	return nil
}
