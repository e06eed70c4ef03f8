package store_test

import (
	"context"
	"testing"

	"gyakusan"
	"gyakusan/store"
)

var ctx = context.Background()

// seedPlan is the seed sheet's month: 5 won at 25 % / 50 % / 20 %.
const seedPlan = `{
	"name": "2025 KPI",
	"start_month": "2025-04",
	"target": {"won": 60},
	"unit_price": 1000000,
	"rates": {"meeting": 20, "opportunity": 50, "win": 25},
	"channels": [
		{"name": "Google広告", "kind": "ads", "share": 50, "cpa": 20000},
		{"name": "メルマガ", "kind": "email", "leads": 50}
	]
}`

func plan(t *testing.T) gyakusan.Plan {
	t.Helper()
	p, err := gyakusan.ParsePlan([]byte(seedPlan))
	if err != nil {
		t.Fatalf("seed plan: %v", err)
	}
	return p
}

func mustOrg(t *testing.T, db *store.DB, name string) gyakusan.Org {
	t.Helper()
	o, err := db.CreateOrg(ctx, name)
	if err != nil {
		t.Fatalf("create org %s: %v", name, err)
	}
	return o
}

func mustUser(t *testing.T, db *store.DB, email string) gyakusan.User {
	t.Helper()
	u, err := db.CreateUser(ctx, email, "hash-of-"+email)
	if err != nil {
		t.Fatalf("create user %s: %v", email, err)
	}
	return u
}

func mustPlan(t *testing.T, db *store.DB, orgID, userID int64) gyakusan.StoredPlan {
	t.Helper()
	sp, err := db.CreatePlan(ctx, orgID, userID, plan(t))
	if err != nil {
		t.Fatalf("create plan: %v", err)
	}
	return sp
}

// wantCode fails unless err carries code.
func wantCode(t *testing.T, err error, code gyakusan.Code) {
	t.Helper()
	if got := gyakusan.ErrorCode(err); got != code {
		t.Fatalf("error %v has code %q, want %q", err, got, code)
	}
}
