-- Lead-level actuals and their per-month aggregates; see the SQLite file
-- of the same number for the meaning of the columns.

CREATE TABLE lead_channels (
	plan_id BIGINT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
	id      INTEGER NOT NULL,
	name    TEXT NOT NULL,
	PRIMARY KEY (plan_id, id),
	UNIQUE (plan_id, name)
);

CREATE TABLE leads (
	plan_id     BIGINT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
	lead_id     TEXT NOT NULL,
	channel     INTEGER NOT NULL,
	created     INTEGER NOT NULL,
	meeting     INTEGER NOT NULL,
	opportunity INTEGER NOT NULL,
	won         INTEGER NOT NULL,
	amount      BIGINT NOT NULL,
	PRIMARY KEY (plan_id, lead_id)
);

CREATE TABLE lead_stats (
	plan_id BIGINT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
	month   INTEGER NOT NULL,
	channel INTEGER NOT NULL,
	stage   INTEGER NOT NULL,
	events  BIGINT NOT NULL,
	cohort  BIGINT NOT NULL,
	revenue BIGINT NOT NULL,
	PRIMARY KEY (plan_id, month, channel, stage)
);

CREATE TABLE lead_imports (
	id         BIGSERIAL PRIMARY KEY,
	plan_id    BIGINT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
	at         BIGINT NOT NULL,
	rows_read  BIGINT NOT NULL,
	new_leads  BIGINT NOT NULL,
	updated    BIGINT NOT NULL,
	unchanged  BIGINT NOT NULL
);
CREATE INDEX lead_imports_plan ON lead_imports (plan_id, at);

CREATE TABLE manual_actuals (
	plan_id BIGINT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
	month   INTEGER NOT NULL,
	channel TEXT NOT NULL,
	stage   INTEGER NOT NULL,
	count   BIGINT NOT NULL,
	revenue BIGINT NOT NULL,
	updated BIGINT NOT NULL,
	PRIMARY KEY (plan_id, month, channel, stage)
);
