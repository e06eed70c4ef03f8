package store_test

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"gyakusan"
	"gyakusan/crm"
	"gyakusan/store"
	"gyakusan/store/storetest"
)

// leadsCSV writes leads as a generic CSV.
func leadsCSV(leads []gyakusan.Lead) string {
	var b strings.Builder
	b.WriteString("lead_id,created_at,channel,meeting_at,opportunity_at,won_at,amount\n")
	for _, l := range leads {
		amount := ""
		if l.Amount != 0 {
			amount = fmt.Sprint(int64(l.Amount))
		}
		fmt.Fprintf(&b, "%s,%s,%s,%s,%s,%s,%s\n", l.ID, l.Created, l.Channel, l.Meeting, l.Opportunity, l.Won, amount)
	}
	return b.String()
}

func importCSV(t *testing.T, db *store.DB, orgID, planID int64, text string, dry bool) (store.ImportSummary, *crm.Reader, error) {
	t.Helper()
	m, _ := crm.Preset(crm.PresetGeneric)
	rd, err := crm.NewReader(strings.NewReader(text), m, crm.Options{})
	if err != nil {
		t.Fatalf("read header: %v", err)
	}
	sum, err := db.ImportLeads(ctx, orgID, planID, rd, store.ImportOptions{DryRun: dry})
	return sum, rd, err
}

func mustImport(t *testing.T, db *store.DB, orgID, planID int64, text string) store.ImportSummary {
	t.Helper()
	sum, rd, err := importCSV(t, db, orgID, planID, text, false)
	if err != nil {
		t.Fatalf("import: %v (%v)", err, rd.Errors())
	}
	return sum
}

func cells(t *testing.T, db *store.DB, orgID, planID int64) []gyakusan.ActualCell {
	t.Helper()
	a, err := db.Actuals(ctx, orgID, planID)
	if err != nil {
		t.Fatalf("actuals: %v", err)
	}
	return a.Cells
}

func day(s string) gyakusan.Day {
	var y, m, d int
	fmt.Sscanf(s, "%d-%d-%d", &y, &m, &d)
	return gyakusan.DayOf(y, m, d)
}

// randomLeads makes n leads over 2025 with ids L1…Ln.
func randomLeads(rng *rand.Rand, n int) []gyakusan.Lead {
	chans := []string{"広告", "メルマガ", "展示会"}
	out := make([]gyakusan.Lead, n)
	for i := range out {
		out[i] = randomLead(rng, fmt.Sprintf("L%d", i+1), chans)
	}
	return out
}

func randomLead(rng *rand.Rand, id string, chans []string) gyakusan.Lead {
	l := gyakusan.Lead{ID: id, Channel: chans[rng.IntN(len(chans))], Created: day("2025-01-01") + gyakusan.Day(rng.IntN(365))}
	if rng.IntN(2) == 0 {
		l.Meeting = l.Created + gyakusan.Day(rng.IntN(40))
		if rng.IntN(2) == 0 {
			l.Opportunity = l.Meeting + gyakusan.Day(rng.IntN(40))
			if rng.IntN(2) == 0 {
				l.Won = l.Opportunity + gyakusan.Day(rng.IntN(60))
				l.Amount = gyakusan.Yen(100000 * (1 + rng.IntN(30)))
			}
		}
	}
	return l
}

func TestImportAggregatesMatchCountingTheLeads(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		org := mustOrg(t, db, "acme")
		p := mustPlan(t, db, org.ID, 0)
		leads := randomLeads(rand.New(rand.NewPCG(1, 2)), 3000)
		sum := mustImport(t, db, org.ID, p.ID, leadsCSV(leads))
		if sum.New != 3000 || sum.Updated != 0 || sum.Unchanged != 0 || !sum.Committed {
			t.Fatalf("summary %+v, want 3000 new", sum)
		}
		if got, want := cells(t, db, org.ID, p.ID), gyakusan.CountLeads(leads); !reflect.DeepEqual(got, want) {
			t.Fatalf("stored aggregates differ from counting the leads:\n got %v\nwant %v", got[:min(5, len(got))], want[:min(5, len(want))])
		}
		n, err := db.LeadCount(ctx, org.ID, p.ID)
		if err != nil || n != 3000 {
			t.Fatalf("lead count %d, %v; want 3000", n, err)
		}
	})
}

func TestReimportUpdatesLeadsByIDAndNeverDuplicates(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		org := mustOrg(t, db, "acme")
		p := mustPlan(t, db, org.ID, 0)
		rng := rand.New(rand.NewPCG(3, 4))
		leads := randomLeads(rng, 2000)
		mustImport(t, db, org.ID, p.ID, leadsCSV(leads))
		// The next month's export: 300 leads moved on, 100 new ones.
		for i := 0; i < 300; i++ {
			leads[i*5] = randomLead(rng, leads[i*5].ID, []string{"広告", "セミナー"})
		}
		for i := 0; i < 100; i++ {
			leads = append(leads, randomLead(rng, fmt.Sprintf("N%d", i), []string{"ウェビナー"}))
		}
		sum := mustImport(t, db, org.ID, p.ID, leadsCSV(leads))
		if sum.New != 100 || sum.Updated+sum.Unchanged != 2000 || sum.Updated < 250 {
			t.Fatalf("summary %+v, want 100 new and ~300 updated of 2000", sum)
		}
		if got, want := cells(t, db, org.ID, p.ID), gyakusan.CountLeads(leads); !reflect.DeepEqual(got, want) {
			t.Fatalf("aggregates after re-import differ from counting the leads")
		}
		n, _ := db.LeadCount(ctx, org.ID, p.ID)
		if n != 2100 {
			t.Fatalf("lead count %d after re-import, want 2100", n)
		}
		// The same file again changes nothing.
		sum = mustImport(t, db, org.ID, p.ID, leadsCSV(leads))
		if sum.New != 0 || sum.Updated != 0 || sum.Unchanged != 2100 {
			t.Fatalf("same file again: %+v, want 2100 unchanged", sum)
		}
		got, err := db.Lead(ctx, org.ID, p.ID, leads[5].ID)
		if err != nil || got != leads[5] {
			t.Fatalf("stored lead %+v, %v; want %+v", got, err, leads[5])
		}
	})
}

func TestLeadRepeatedInFileCountsOnceWithItsLastRow(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		org := mustOrg(t, db, "acme")
		p := mustPlan(t, db, org.ID, 0)
		text := "lead_id,created_at,channel,meeting_at,opportunity_at,won_at,amount\n" +
			"A,2025-01-05,広告,,,,\n" +
			"B,2025-01-06,広告,,,,\n" +
			"A,2025-01-05,広告,2025-02-01,,,\n"
		sum := mustImport(t, db, org.ID, p.ID, text)
		if sum.Leads != 3 || sum.New != 2 {
			t.Fatalf("summary %+v, want 3 rows, 2 new leads", sum)
		}
		want := gyakusan.CountLeads([]gyakusan.Lead{
			{ID: "A", Channel: "広告", Created: day("2025-01-05"), Meeting: day("2025-02-01")},
			{ID: "B", Channel: "広告", Created: day("2025-01-06")},
		})
		if got := cells(t, db, org.ID, p.ID); !reflect.DeepEqual(got, want) {
			t.Fatalf("got %v, want %v", got, want)
		}
	})
}

func TestBadFileLeavesTheStoreExactlyAsItWas(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		org := mustOrg(t, db, "acme")
		p := mustPlan(t, db, org.ID, 0)
		leads := randomLeads(rand.New(rand.NewPCG(5, 6)), 5000)
		mustImport(t, db, org.ID, p.ID, leadsCSV(leads))
		before := cells(t, db, org.ID, p.ID)
		changed := make([]gyakusan.Lead, len(leads))
		copy(changed, leads)
		for i := range changed {
			changed[i].Channel = "SEO"
		}
		text := leadsCSV(changed)
		// A bad date near the end, after thousands of good rows.
		text = strings.Replace(text, changed[4900].ID+","+changed[4900].Created.String(), changed[4900].ID+",2025-13-40", 1)
		_, rd, err := importCSV(t, db, org.ID, p.ID, text, false)
		if gyakusan.ErrorCode(err) != gyakusan.CodeInvalid {
			t.Fatalf("import of a bad file: %v, want invalid", err)
		}
		if rd.ErrorCount() != 1 || rd.Errors()[0].Line != 4902 || rd.Errors()[0].Column != "created_at" {
			t.Fatalf("errors %v, want one at line 4902, created_at", rd.Errors())
		}
		if after := cells(t, db, org.ID, p.ID); !reflect.DeepEqual(after, before) {
			t.Fatalf("a failed import changed the aggregates")
		}
		got, _ := db.Lead(ctx, org.ID, p.ID, leads[0].ID)
		if got.Channel != leads[0].Channel {
			t.Fatalf("a failed import changed lead %s: %+v", leads[0].ID, got)
		}
	})
}

func TestDryRunCountsChangesWithoutWriting(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		org := mustOrg(t, db, "acme")
		p := mustPlan(t, db, org.ID, 0)
		leads := randomLeads(rand.New(rand.NewPCG(7, 8)), 100)
		mustImport(t, db, org.ID, p.ID, leadsCSV(leads[:60]))
		before := cells(t, db, org.ID, p.ID)
		leads[0].Channel = "SEO"
		sum, _, err := importCSV(t, db, org.ID, p.ID, leadsCSV(leads), true)
		if err != nil {
			t.Fatal(err)
		}
		if sum.New != 40 || sum.Updated != 1 || sum.Unchanged != 59 || sum.Committed || !sum.DryRun {
			t.Fatalf("dry run %+v, want 40 new, 1 updated, 59 unchanged, not committed", sum)
		}
		if after := cells(t, db, org.ID, p.ID); !reflect.DeepEqual(after, before) {
			t.Fatalf("a dry run changed the store")
		}
	})
}

func TestImportIntoAnotherOrgsPlanIsNotFound(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		a := mustOrg(t, db, "acme")
		b := mustOrg(t, db, "rival")
		p := mustPlan(t, db, a.ID, 0)
		_, _, err := importCSV(t, db, b.ID, p.ID, leadsCSV(randomLeads(rand.New(rand.NewPCG(1, 1)), 3)), false)
		wantCode(t, err, gyakusan.CodeNotFound)
		_, err = db.Actuals(ctx, b.ID, p.ID)
		wantCode(t, err, gyakusan.CodeNotFound)
		err = db.SetManualActual(ctx, b.ID, p.ID, gyakusan.ActualCell{Month: gyakusan.MonthOf(2025, 4), Channel: "広告", Count: 1})
		wantCode(t, err, gyakusan.CodeNotFound)
		if org, err := db.PlanOrg(ctx, p.ID); err != nil || org != a.ID {
			t.Fatalf("plan org %d, %v; want %d", org, err, a.ID)
		}
	})
}

func TestManualActualsAreSetReplacedAndDeleted(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		org := mustOrg(t, db, "acme")
		p := mustPlan(t, db, org.ID, 0)
		apr := gyakusan.MonthOf(2025, 4)
		set := func(c gyakusan.ActualCell) {
			t.Helper()
			if err := db.SetManualActual(ctx, org.ID, p.ID, c); err != nil {
				t.Fatal(err)
			}
		}
		set(gyakusan.ActualCell{Month: apr, Channel: "展示会", Stage: gyakusan.StageLead, Count: 80})
		set(gyakusan.ActualCell{Month: apr, Channel: "展示会", Stage: gyakusan.StageWon, Count: 2, Revenue: 3_000_000})
		set(gyakusan.ActualCell{Month: apr, Channel: "展示会", Stage: gyakusan.StageLead, Count: 85})
		got, err := db.ManualActuals(ctx, org.ID, p.ID)
		want := []gyakusan.ActualCell{
			{Month: apr, Channel: "展示会", Stage: gyakusan.StageLead, Count: 85},
			{Month: apr, Channel: "展示会", Stage: gyakusan.StageWon, Count: 2, Revenue: 3_000_000},
		}
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Fatalf("manual actuals %v, %v; want %v", got, err, want)
		}
		if err := db.DeleteManualActual(ctx, org.ID, p.ID, apr, "展示会", gyakusan.StageWon); err != nil {
			t.Fatal(err)
		}
		if got, _ := db.ManualActuals(ctx, org.ID, p.ID); len(got) != 1 {
			t.Fatalf("after delete: %v", got)
		}
		err = db.SetManualActual(ctx, org.ID, p.ID, gyakusan.ActualCell{Month: apr, Channel: "", Count: -1})
		var e *gyakusan.Error
		if gyakusan.ErrorCode(err) != gyakusan.CodeInvalid || !asError(err, &e) || len(e.Fields) != 2 {
			t.Fatalf("bad manual actual: %v, want invalid channel and count", err)
		}
	})
}
