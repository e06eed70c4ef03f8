package store

import (
	"context"
	"errors"
	"fmt"
	"io"

	"gyakusan"
	"gyakusan/crm"
)

// ImportOptions change how ImportLeads runs.
type ImportOptions struct {
	// DryRun counts what would change and leaves the store as it was.
	DryRun bool
	// Progress, when set, is called after each batch with the rows stored
	// so far, from the goroutine that called ImportLeads.
	Progress func(rows int)
}

// ImportSummary is what an import did, or would do in a dry run.
type ImportSummary struct {
	Leads     int  `json:"leads"`     // leads read from the file
	New       int  `json:"new"`       // leads not stored before
	Updated   int  `json:"updated"`   // stored leads whose data changed
	Unchanged int  `json:"unchanged"` // stored leads the file repeats as they are
	DryRun    bool `json:"dry_run"`
	Committed bool `json:"committed"` // false for a dry run and for a file with errors
}

// batchRows is how many rows one multi-row statement writes or looks up:
// 8 columns × 512 rows stays under SQLite's 32,766 variables and
// PostgreSQL's 65,535 parameters.
const batchRows = 512

// ImportLeads stores the leads src yields for the plan in one transaction:
// leads are keyed by their id, so a re-import of an updated export updates
// them instead of adding them again, and the plan's monthly aggregates
// (lead_stats) change by exactly the difference. If src reports any bad row,
// or anything fails, nothing is written: the store stays exactly as it was.
// The file is parsed on another goroutine while this one writes.
//
// A plan of another organization answers CodeNotFound. A file with bad rows
// answers CodeInvalid; the rows themselves are in the reader's Errors.
func (db *DB) ImportLeads(ctx context.Context, orgID, planID int64, src crm.Source, o ImportOptions) (ImportSummary, error) {
	sum := ImportSummary{DryRun: o.DryRun}
	errDryRun := errors.New("dry run")
	batches, stop := readAhead(src)
	defer stop()
	err := db.planTx(ctx, orgID, planID, func(tx *Tx) error {
		w, err := newLeadWriter(ctx, tx, planID)
		if err != nil {
			return err
		}
		defer w.close()
		failed := false // after the first bad row only parse, to count them all
		for rb := range batches {
			if rb.err != nil {
				return fmt.Errorf("store: read leads: %w", rb.err)
			}
			sum.Leads += len(rb.b.Leads)
			if !failed && rb.bad > 0 {
				failed = true
			}
			if !failed {
				if err := w.write(rb.b); err != nil {
					return err
				}
			}
			rb.done()
			if o.Progress != nil {
				o.Progress(sum.Leads)
			}
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		// The channel is closed: the reading goroutine is done with src.
		if src.ErrorCount() > 0 {
			return gyakusan.Localized(gyakusan.CodeInvalid,
				fmt.Sprintf("ファイルに%d件のエラーがあります。何も取り込んでいません。", src.ErrorCount()),
				fmt.Sprintf("The file has %d errors; nothing was imported.", src.ErrorCount()))
		}
		if err := w.flushStats(); err != nil {
			return err
		}
		sum.New, sum.Updated, sum.Unchanged = w.inserted, w.updated, w.unchanged
		if o.DryRun {
			return errDryRun
		}
		_, err = tx.Exec(ctx, `INSERT INTO lead_imports (plan_id, at, rows_read, new_leads, updated, unchanged) VALUES (?, ?, ?, ?, ?, ?)`,
			planID, db.now().UnixMilli(), sum.Leads, sum.New, sum.Updated, sum.Unchanged)
		return wrap(err, "record import", "plan")
	})
	if errors.Is(err, errDryRun) {
		return sum, nil
	}
	if err != nil {
		return sum, err
	}
	sum.Committed = true
	return sum, nil
}

// readBatch is one batch handed from the parsing goroutine to the writer.
type readBatch struct {
	b    *crm.Batch
	bad  int // the source's error count after this batch
	err  error
	done func() // gives the batch back for reuse
}

// readAhead parses src on its own goroutine, a few batches ahead of the
// writer, so that parsing and writing use both cores. Batches are recycled:
// memory stays at a few batches whatever the file's size. stop ends the
// goroutine early and waits for it.
func readAhead(src crm.Source) (<-chan readBatch, func()) {
	const inFlight = 4
	free := make(chan *crm.Batch, inFlight)
	for range inFlight {
		free <- &crm.Batch{Leads: make([]gyakusan.Lead, 0, crm.DefaultBatchSize)}
	}
	out := make(chan readBatch)
	quit := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		defer close(out)
		for {
			var b *crm.Batch
			select {
			case b = <-free:
			case <-quit:
				return
			}
			err := src.Read(b)
			rb := readBatch{b: b, bad: src.ErrorCount(), done: func() { free <- b }}
			if err != nil && err != io.EOF {
				rb.err = err
			}
			select {
			case out <- rb:
			case <-quit:
				return
			}
			if err != nil {
				return
			}
		}
	}()
	stopped := false
	return out, func() {
		if !stopped {
			stopped = true
			close(quit)
			<-finished
		}
	}
}

// PlanOrg returns the organization a plan belongs to, for the CLI when the
// operator names a plan by id alone (it has the whole database anyway).
func (db *DB) PlanOrg(ctx context.Context, planID int64) (int64, error) {
	var org int64
	err := db.QueryRow(ctx, `SELECT org_id FROM plans WHERE id = ?`, planID).Scan(&org)
	return org, wrap(err, "plan org", "plan")
}

// LeadCount returns how many leads the plan has stored.
func (db *DB) LeadCount(ctx context.Context, orgID, planID int64) (int64, error) {
	if err := planInOrg(ctx, db, orgID, planID); err != nil {
		return 0, err
	}
	var n int64
	err := db.QueryRow(ctx, `SELECT COALESCE(SUM(events), 0) FROM lead_stats WHERE plan_id = ? AND stage = 0`, planID).Scan(&n)
	return n, wrap(err, "lead count", "plan")
}

// Lead returns one stored lead by its CRM id.
func (db *DB) Lead(ctx context.Context, orgID, planID int64, leadID string) (gyakusan.Lead, error) {
	if err := planInOrg(ctx, db, orgID, planID); err != nil {
		return gyakusan.Lead{}, err
	}
	var l gyakusan.Lead
	err := db.QueryRow(ctx, `SELECT l.lead_id, c.name, l.created, l.meeting, l.opportunity, l.won, l.amount
		FROM leads l JOIN lead_channels c ON c.plan_id = l.plan_id AND c.id = l.channel
		WHERE l.plan_id = ? AND l.lead_id = ?`, planID, leadID).
		Scan(&l.ID, &l.Channel, &l.Created, &l.Meeting, &l.Opportunity, &l.Won, &l.Amount)
	return l, wrap(err, "lead", "lead")
}

// DeleteLeads removes all of the plan's imported leads and their aggregates
// (hand-typed actuals stay).
func (db *DB) DeleteLeads(ctx context.Context, orgID, planID int64) error {
	return db.planTx(ctx, orgID, planID, func(tx *Tx) error {
		for _, t := range []string{"leads", "lead_stats", "lead_channels"} {
			if _, err := tx.Exec(ctx, `DELETE FROM `+t+` WHERE plan_id = ?`, planID); err != nil {
				return wrap(err, "delete leads", "plan")
			}
		}
		return nil
	})
}
