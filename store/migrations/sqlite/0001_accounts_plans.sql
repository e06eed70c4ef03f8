-- Accounts, sessions and plans. Times are Unix milliseconds (UTC) in both
-- dialects, so that comparisons and arithmetic mean the same everywhere.

CREATE TABLE orgs (
	id      INTEGER PRIMARY KEY,
	name    TEXT NOT NULL UNIQUE,
	created BIGINT NOT NULL
);

CREATE TABLE users (
	id            INTEGER PRIMARY KEY,
	email         TEXT NOT NULL UNIQUE, -- trimmed and lower-cased by the store
	name          TEXT NOT NULL DEFAULT '',
	password_hash TEXT NOT NULL,
	lang          TEXT NOT NULL DEFAULT '',
	created       BIGINT NOT NULL
);

CREATE TABLE memberships (
	org_id  BIGINT NOT NULL REFERENCES orgs (id) ON DELETE CASCADE,
	user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	role    TEXT NOT NULL CHECK (role IN ('owner', 'editor', 'viewer')),
	created BIGINT NOT NULL,
	PRIMARY KEY (org_id, user_id)
);
CREATE INDEX memberships_user ON memberships (user_id);

CREATE TABLE sessions (
	id_hash    TEXT PRIMARY KEY, -- hex SHA-256 of the cookie's secret
	user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	org_id     BIGINT REFERENCES orgs (id) ON DELETE SET NULL,
	created    BIGINT NOT NULL,
	last_seen  BIGINT NOT NULL,
	expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

CREATE TABLE api_tokens (
	id          INTEGER PRIMARY KEY,
	secret_hash TEXT NOT NULL UNIQUE, -- hex SHA-256 of the token
	user_id     BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	org_id      BIGINT REFERENCES orgs (id) ON DELETE CASCADE,
	name        TEXT NOT NULL DEFAULT '',
	created     BIGINT NOT NULL,
	last_used   BIGINT,
	revoked     BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

CREATE TABLE invitations (
	id          INTEGER PRIMARY KEY,
	secret_hash TEXT NOT NULL UNIQUE, -- hex SHA-256 of the link's secret
	org_id      BIGINT NOT NULL REFERENCES orgs (id) ON DELETE CASCADE,
	email       TEXT NOT NULL,
	role        TEXT NOT NULL CHECK (role IN ('owner', 'editor', 'viewer')),
	created_by  BIGINT REFERENCES users (id) ON DELETE SET NULL,
	created     BIGINT NOT NULL,
	expires_at  BIGINT NOT NULL,
	used_at     BIGINT
);
CREATE INDEX invitations_org ON invitations (org_id);

CREATE TABLE login_failures (
	key TEXT NOT NULL, -- an email or a client address
	at  BIGINT NOT NULL
);
CREATE INDEX login_failures_key_at ON login_failures (key, at);
CREATE INDEX login_failures_at ON login_failures (at);

CREATE TABLE plans (
	id         INTEGER PRIMARY KEY,
	org_id     BIGINT NOT NULL REFERENCES orgs (id) ON DELETE CASCADE,
	version    BIGINT NOT NULL,
	name       TEXT NOT NULL, -- mirrors the document's name for listing
	archived   BOOLEAN NOT NULL DEFAULT FALSE,
	document   TEXT NOT NULL, -- the plan document as JSON
	created    BIGINT NOT NULL,
	updated    BIGINT NOT NULL,
	updated_by BIGINT REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX plans_org ON plans (org_id, updated);

CREATE TABLE plan_changes (
	id      INTEGER PRIMARY KEY,
	plan_id BIGINT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
	version BIGINT NOT NULL,
	user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
	at      BIGINT NOT NULL,
	action  TEXT NOT NULL,
	summary TEXT NOT NULL DEFAULT ''
);
CREATE INDEX plan_changes_plan ON plan_changes (plan_id, version);
