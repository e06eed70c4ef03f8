-- Lead-level actuals and their per-month aggregates. Dates are day numbers
-- (days since 1970-01-01, 0 = the stage was not reached), months are
-- gyakusan.Month (year*12 + month-1), stages 0 leads, 1 meetings,
-- 2 opportunities, 3 won. No foreign keys on the big tables: a trigger
-- removes a deleted plan's rows, so that a million inserts do not each check
-- a parent row.

-- A plan's channel names as imported, numbered so leads store a small id.
CREATE TABLE lead_channels (
	plan_id BIGINT NOT NULL,
	id      INTEGER NOT NULL,
	name    TEXT NOT NULL,
	PRIMARY KEY (plan_id, id),
	UNIQUE (plan_id, name)
) WITHOUT ROWID;

CREATE TABLE leads (
	plan_id     BIGINT NOT NULL,
	lead_id     TEXT NOT NULL,
	channel     INTEGER NOT NULL,
	created     INTEGER NOT NULL,
	meeting     INTEGER NOT NULL,
	opportunity INTEGER NOT NULL,
	won         INTEGER NOT NULL,
	amount      BIGINT NOT NULL,
	PRIMARY KEY (plan_id, lead_id)
) WITHOUT ROWID;

-- Kept up to date as leads are written: events counts the leads that
-- reached the stage in the month, cohort the leads created in the month that
-- reached the stage by now, revenue the won amount in the month.
CREATE TABLE lead_stats (
	plan_id BIGINT NOT NULL,
	month   INTEGER NOT NULL,
	channel INTEGER NOT NULL,
	stage   INTEGER NOT NULL,
	events  BIGINT NOT NULL,
	cohort  BIGINT NOT NULL,
	revenue BIGINT NOT NULL,
	PRIMARY KEY (plan_id, month, channel, stage)
) WITHOUT ROWID;

CREATE TABLE lead_imports (
	id         INTEGER PRIMARY KEY,
	plan_id    BIGINT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
	at         BIGINT NOT NULL,
	rows_read  BIGINT NOT NULL,
	new_leads  BIGINT NOT NULL,
	updated    BIGINT NOT NULL,
	unchanged  BIGINT NOT NULL
);
CREATE INDEX lead_imports_plan ON lead_imports (plan_id, at);

-- Monthly actuals typed by hand, for teams without lead-level data.
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

CREATE TRIGGER plans_delete_leads AFTER DELETE ON plans BEGIN
	DELETE FROM leads WHERE plan_id = OLD.id;
	DELETE FROM lead_stats WHERE plan_id = OLD.id;
	DELETE FROM lead_channels WHERE plan_id = OLD.id;
END;
