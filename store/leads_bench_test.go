package store_test

import (
	"bytes"
	"testing"

	"gyakusan"
	"gyakusan/crm"
	"gyakusan/store"
	"gyakusan/store/storetest"
)

// BenchmarkImport1M imports a generated 1,000,000-row generic CSV (about
// 35 MB) into a fresh SQLite store, then re-imports the same file (every
// lead unchanged). See docs/BENCHMARKS.md for the whole-process figures.
func BenchmarkImport1M(b *testing.B) {
	var buf bytes.Buffer
	if err := crm.Generate(&buf, 1_000_000, 1, gyakusan.MonthOf(2024, 4)); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	m, _ := crm.Preset(crm.PresetGeneric)
	run := func(b *testing.B, db *store.DB, org, plan int64) store.ImportSummary {
		rd, err := crm.NewReader(bytes.NewReader(data), m, crm.Options{})
		if err != nil {
			b.Fatal(err)
		}
		sum, err := db.ImportLeads(ctx, org, plan, rd, store.ImportOptions{})
		if err != nil {
			b.Fatal(err)
		}
		return sum
	}
	setup := func(b *testing.B) (*store.DB, int64, int64) {
		db := storetest.Open(b)
		o, err := db.CreateOrg(ctx, "bench")
		if err != nil {
			b.Fatal(err)
		}
		p, err := gyakusan.ParsePlan([]byte(seedPlan))
		if err != nil {
			b.Fatal(err)
		}
		sp, err := db.CreatePlan(ctx, o.ID, 0, p)
		if err != nil {
			b.Fatal(err)
		}
		return db, o.ID, sp.ID
	}
	b.Run("new", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			db, org, plan := setup(b)
			b.StartTimer()
			if sum := run(b, db, org, plan); sum.New != 1_000_000 {
				b.Fatalf("%+v", sum)
			}
		}
	})
	b.Run("same-again", func(b *testing.B) {
		db, org, plan := setup(b)
		run(b, db, org, plan)
		b.ResetTimer()
		for b.Loop() {
			if sum := run(b, db, org, plan); sum.Unchanged != 1_000_000 {
				b.Fatalf("%+v", sum)
			}
		}
	})
}
