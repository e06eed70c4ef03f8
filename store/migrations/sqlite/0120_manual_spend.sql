-- What each channel actually spent in a month, typed by hand in yen: CRMs
-- do not export it. Months are gyakusan.Month (year*12 + month-1).
CREATE TABLE manual_spend (
	plan_id BIGINT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
	month   INTEGER NOT NULL,
	channel TEXT NOT NULL,
	spend   BIGINT NOT NULL,
	updated BIGINT NOT NULL,
	PRIMARY KEY (plan_id, month, channel)
);
