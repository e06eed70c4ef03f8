-- Column mappings an organization saves for its CRM exports, and uploaded
-- files kept for a short while between the import's preview and its commit
-- (in the database, so that any instance can serve either step). Chunks are
-- written before their upload row, so they carry their own time for expiry.

CREATE TABLE lead_mappings (
	id       INTEGER PRIMARY KEY,
	org_id   BIGINT NOT NULL REFERENCES orgs (id) ON DELETE CASCADE,
	name     TEXT NOT NULL,
	document TEXT NOT NULL,
	updated  BIGINT NOT NULL,
	UNIQUE (org_id, name)
);

CREATE TABLE lead_uploads (
	id      TEXT PRIMARY KEY,
	org_id  BIGINT NOT NULL REFERENCES orgs (id) ON DELETE CASCADE,
	plan_id BIGINT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
	user_id BIGINT NOT NULL,
	name    TEXT NOT NULL,
	size    BIGINT NOT NULL,
	chunks  INTEGER NOT NULL,
	created BIGINT NOT NULL
);
CREATE INDEX lead_uploads_created ON lead_uploads (created);

CREATE TABLE lead_upload_chunks (
	upload_id TEXT NOT NULL,
	seq       INTEGER NOT NULL,
	created   BIGINT NOT NULL,
	data      BLOB NOT NULL,
	PRIMARY KEY (upload_id, seq)
);
CREATE INDEX lead_upload_chunks_created ON lead_upload_chunks (created);
