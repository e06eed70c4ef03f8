package store_test

import (
	"fmt"
	"testing"
	"time"

	"gyakusan"
	"gyakusan/store"
	"gyakusan/store/storetest"
)

func benchEach(b *testing.B, fn func(b *testing.B, db *store.DB)) {
	b.Run("sqlite", func(b *testing.B) { fn(b, storetest.Open(b)) })
	b.Run("postgres", func(b *testing.B) { fn(b, storetest.OpenPG(b)) })
}

// BenchmarkUpdatePlan measures one save: read, versioned update, diff and
// history row in one transaction.
func BenchmarkUpdatePlan(b *testing.B) {
	benchEach(b, func(b *testing.B, db *store.DB) {
		org, _ := db.CreateOrg(ctx, "Acme")
		p, _ := gyakusan.ParsePlan([]byte(seedPlan))
		sp, err := db.CreatePlan(ctx, org.ID, 0, p)
		if err != nil {
			b.Fatal(err)
		}
		for i := 0; b.Loop(); i++ {
			p.Notes = fmt.Sprint(i)
			if sp, err = db.UpdatePlan(ctx, org.ID, 0, sp.ID, sp.Version, p); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkSessionByID measures the lookup every signed-in request makes.
func BenchmarkSessionByID(b *testing.B) {
	benchEach(b, func(b *testing.B, db *store.DB) {
		u, _ := db.CreateUser(ctx, "taro@example.com", "h")
		now := time.Now()
		if err := db.CreateSession(ctx, gyakusan.Session{ID: "s", UserID: u.ID, Created: now, ExpiresAt: now.Add(time.Hour)}); err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			if _, err := db.SessionByID(ctx, "s", now, 30*time.Minute); err != nil {
				b.Fatal(err)
			}
		}
	})
}
