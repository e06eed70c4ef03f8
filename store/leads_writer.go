package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"gyakusan"
	"gyakusan/crm"
)

// leadRow is a lead as stored: the channel as the plan's small id, dates as
// day numbers.
type leadRow struct {
	id                                 string
	channel                            int64
	created, meeting, opportunity, won int64
	amount                             int64
}

func (r *leadRow) sameData(o *leadRow) bool {
	return r.channel == o.channel && r.created == o.created && r.meeting == o.meeting &&
		r.opportunity == o.opportunity && r.won == o.won && r.amount == o.amount
}

type statKey struct {
	month   int32
	channel int32
	stage   int8
}

type statCell struct{ events, cohort, revenue int64 }

// leadWriter writes one import's leads in its transaction and keeps the
// aggregate deltas in memory (months × channels × stages: small) until
// flushStats writes them once at the end.
type leadWriter struct {
	ctx  context.Context
	tx   *Tx
	plan int64
	// fast is set when the plan had no leads as the import began (SQLite):
	// rows are then inserted without looking them up first, and only a batch
	// that hits an existing id (a duplicate within the file) goes the slow way.
	fast     bool
	chans    map[string]int64
	nextChan int64
	stmts    map[string]*sql.Stmt
	args     []any
	rows     []leadRow
	stats    map[statKey]*statCell

	// The slow path's scratch, reused between batches.
	seen    map[string]seenRow
	inserts []leadRow
	upserts []leadRow

	skipRange int // chunks to look up by IN list after a range scan did not pay

	inserted, updated, unchanged int
}

// seenRow is the current value of a lead the slow path met in this chunk:
// its row and where it is queued (-1 when it is not).
type seenRow struct {
	row       leadRow
	insertAt  int
	upsertAt  int
	wasStored bool
}

func newLeadWriter(ctx context.Context, tx *Tx, plan int64) (*leadWriter, error) {
	w := &leadWriter{ctx: ctx, tx: tx, plan: plan, chans: map[string]int64{}, stmts: map[string]*sql.Stmt{},
		stats: map[statKey]*statCell{}, seen: map[string]seenRow{}}
	rows, err := tx.Query(ctx, `SELECT id, name FROM lead_channels WHERE plan_id = ?`, plan)
	if err != nil {
		return nil, wrap(err, "lead channels", "plan")
	}
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			rows.Close()
			return nil, wrap(err, "scan lead channel", "plan")
		}
		w.chans[name] = id
		w.nextChan = max(w.nextChan, id+1)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, wrap(err, "lead channels", "plan")
	}
	if tx.Dialect() == SQLite {
		var any int
		err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM (SELECT 1 FROM leads WHERE plan_id = ? LIMIT 1)`, plan).Scan(&any)
		if err != nil {
			return nil, wrap(err, "count leads", "plan")
		}
		w.fast = any == 0
	}
	return w, nil
}

func (w *leadWriter) close() {
	for _, s := range w.stmts {
		s.Close()
	}
}

// stmt prepares (once) the statement for n rows of a kind.
func (w *leadWriter) stmt(kind string, n int) (*sql.Stmt, error) {
	key := fmt.Sprintf("%s/%d", kind, n)
	if s, ok := w.stmts[key]; ok {
		return s, nil
	}
	var q strings.Builder
	switch kind {
	case "insert", "upsert":
		q.WriteString(`INSERT INTO leads (plan_id, lead_id, channel, created, meeting, opportunity, won, amount) VALUES `)
		for i := range n {
			if i > 0 {
				q.WriteByte(',')
			}
			q.WriteString("(?,?,?,?,?,?,?,?)")
		}
		if kind == "upsert" {
			q.WriteString(` ON CONFLICT (plan_id, lead_id) DO UPDATE SET channel = excluded.channel,
				created = excluded.created, meeting = excluded.meeting, opportunity = excluded.opportunity,
				won = excluded.won, amount = excluded.amount`)
		}
	case "lookup":
		q.WriteString(`SELECT lead_id, channel, created, meeting, opportunity, won, amount FROM leads WHERE plan_id = ? AND lead_id IN (`)
		for i := range n {
			if i > 0 {
				q.WriteByte(',')
			}
			q.WriteByte('?')
		}
		q.WriteByte(')')
	case "range":
		q.WriteString(`SELECT lead_id, channel, created, meeting, opportunity, won, amount FROM leads
			WHERE plan_id = ? AND lead_id >= ? AND lead_id <= ? ORDER BY lead_id LIMIT ?`)
	}
	s, err := w.tx.Raw().PrepareContext(w.ctx, w.tx.Rebind(q.String()))
	if err != nil {
		return nil, wrap(err, "prepare "+kind, "plan")
	}
	w.stmts[key] = s
	return s, nil
}

// channel returns the plan's id for a channel name, adding it when new.
func (w *leadWriter) channel(name string) (int64, error) {
	if id, ok := w.chans[name]; ok {
		return id, nil
	}
	id := w.nextChan
	if _, err := w.tx.Exec(w.ctx, `INSERT INTO lead_channels (plan_id, id, name) VALUES (?, ?, ?)`, w.plan, id, name); err != nil {
		return 0, wrap(err, "add lead channel", "plan")
	}
	w.chans[name] = id
	w.nextChan++
	return id, nil
}

// write stores one batch.
func (w *leadWriter) write(b *crm.Batch) error {
	w.rows = w.rows[:0]
	for i := range b.Leads {
		l := &b.Leads[i]
		ch, err := w.channel(l.Channel)
		if err != nil {
			return err
		}
		w.rows = append(w.rows, leadRow{id: l.ID, channel: ch, created: int64(l.Created), meeting: int64(l.Meeting),
			opportunity: int64(l.Opportunity), won: int64(l.Won), amount: int64(l.Amount)})
	}
	for start := 0; start < len(w.rows); start += batchRows {
		chunk := w.rows[start:min(start+batchRows, len(w.rows))]
		if w.fast {
			err := w.exec("insert", chunk)
			if err == nil {
				for i := range chunk {
					w.add(&chunk[i], 1)
				}
				w.inserted += len(chunk)
				continue
			}
			// SQLite undoes the failed statement alone and keeps the
			// transaction: the chunk then goes the slow way.
			if !isUnique(err) {
				return err
			}
		}
		if err := w.slow(chunk); err != nil {
			return err
		}
	}
	return nil
}

// exec writes rows with one multi-row statement.
func (w *leadWriter) exec(kind string, rows []leadRow) error {
	if len(rows) == 0 {
		return nil
	}
	s, err := w.stmt(kind, len(rows))
	if err != nil {
		return err
	}
	w.args = w.args[:0]
	for i := range rows {
		r := &rows[i]
		w.args = append(w.args, w.plan, r.id, r.channel, r.created, r.meeting, r.opportunity, r.won, r.amount)
	}
	if _, err := s.ExecContext(w.ctx, w.args...); err != nil {
		if isUnique(err) {
			return err
		}
		return wrap(err, kind+" leads", "plan")
	}
	return nil
}

// slow looks the chunk's ids up, skips unchanged leads, updates changed ones
// (taking their old contribution out of the aggregates) and inserts new ones.
// A lead repeated within the chunk counts once, with its last row.
func (w *leadWriter) slow(chunk []leadRow) error {
	clear(w.seen)
	w.inserts, w.upserts = w.inserts[:0], w.upserts[:0]
	if err := w.lookup(chunk); err != nil {
		return err
	}
	for i := range chunk {
		r := chunk[i]
		s, ok := w.seen[r.id]
		switch {
		case !ok:
			w.add(&r, 1)
			w.inserted++
			w.seen[r.id] = seenRow{row: r, insertAt: len(w.inserts), upsertAt: -1}
			w.inserts = append(w.inserts, r)
			continue
		case s.row.sameData(&r):
			if s.wasStored && s.upsertAt < 0 {
				w.unchanged++
			}
			continue
		}
		w.add(&s.row, -1)
		w.add(&r, 1)
		switch {
		case s.insertAt >= 0:
			w.inserts[s.insertAt] = r
		case s.upsertAt >= 0:
			w.upserts[s.upsertAt] = r
		default:
			s.upsertAt = len(w.upserts)
			w.upserts = append(w.upserts, r)
			w.updated++
		}
		s.row = r
		w.seen[r.id] = s
	}
	if err := w.exec("insert", w.inserts); err != nil {
		return err
	}
	return w.exec("upsert", w.upserts)
}

// lookup fills w.seen with the stored rows of the chunk's ids. Exports
// usually come sorted by id, and then one range scan of the primary key
// reads the chunk's rows far faster than looking each id up; when the range
// holds many other leads too, it falls back to an IN list.
func (w *leadWriter) lookup(chunk []leadRow) error {
	if w.skipRange > 0 {
		w.skipRange--
	} else if sortedByID(chunk) {
		limit := 2*len(chunk) + 1
		n, err := w.scan("range", 0, w.plan, chunk[0].id, chunk[len(chunk)-1].id, limit)
		if err != nil || n < limit {
			return err
		}
		clear(w.seen)
		w.skipRange = 16
	}
	w.args = append(w.args[:0], w.plan)
	for i := range chunk {
		w.args = append(w.args, chunk[i].id)
	}
	_, err := w.scan("lookup", len(chunk), w.args...)
	return err
}

func sortedByID(chunk []leadRow) bool {
	for i := 1; i < len(chunk); i++ {
		if chunk[i].id < chunk[i-1].id {
			return false
		}
	}
	return len(chunk) > 0
}

// scan runs a lookup statement and adds its rows to w.seen.
func (w *leadWriter) scan(kind string, n int, args ...any) (int, error) {
	s, err := w.stmt(kind, n)
	if err != nil {
		return 0, err
	}
	rows, err := s.QueryContext(w.ctx, args...)
	if err != nil {
		return 0, wrap(err, "look up leads", "plan")
	}
	defer rows.Close()
	count := 0
	for rows.Next() {
		var r leadRow
		if err := rows.Scan(&r.id, &r.channel, &r.created, &r.meeting, &r.opportunity, &r.won, &r.amount); err != nil {
			return 0, wrap(err, "scan lead", "plan")
		}
		w.seen[r.id] = seenRow{row: r, insertAt: -1, upsertAt: -1, wasStored: true}
		count++
	}
	return count, wrap(rows.Err(), "look up leads", "plan")
}

// add counts r into the aggregate deltas (sign 1) or takes it out (-1): the
// same rule as gyakusan.Tally, on stored ids.
func (w *leadWriter) add(r *leadRow, sign int64) {
	if r.created == 0 {
		return
	}
	cohort := int32(gyakusan.Day(r.created).Month())
	days := [4]int64{r.created, r.meeting, r.opportunity, r.won}
	for s, d := range days {
		if d == 0 {
			continue
		}
		m := cohort
		if s > 0 {
			m = int32(gyakusan.Day(d).Month())
		}
		ev := w.cell(statKey{m, int32(r.channel), int8(s)})
		ev.events += sign
		if s == int(gyakusan.StageWon) {
			ev.revenue += sign * r.amount
		}
		if m == cohort {
			ev.cohort += sign
		} else {
			w.cell(statKey{cohort, int32(r.channel), int8(s)}).cohort += sign
		}
	}
}

func (w *leadWriter) cell(k statKey) *statCell {
	c := w.stats[k]
	if c == nil {
		c = &statCell{}
		w.stats[k] = c
	}
	return c
}

// flushStats adds the deltas to lead_stats and drops rows that became empty.
func (w *leadWriter) flushStats() error {
	for k, c := range w.stats {
		if *c == (statCell{}) {
			continue
		}
		_, err := w.tx.Exec(w.ctx, `INSERT INTO lead_stats (plan_id, month, channel, stage, events, cohort, revenue)
			VALUES (?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (plan_id, month, channel, stage) DO UPDATE SET events = lead_stats.events + excluded.events,
				cohort = lead_stats.cohort + excluded.cohort, revenue = lead_stats.revenue + excluded.revenue`,
			w.plan, k.month, k.channel, k.stage, c.events, c.cohort, c.revenue)
		if err != nil {
			return wrap(err, "write lead stats", "plan")
		}
	}
	_, err := w.tx.Exec(w.ctx, `DELETE FROM lead_stats WHERE plan_id = ? AND events = 0 AND cohort = 0 AND revenue = 0`, w.plan)
	return wrap(err, "prune lead stats", "plan")
}
