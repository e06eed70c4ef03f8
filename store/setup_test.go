package store_test

import (
	"sync"
	"testing"

	"gyakusan"
	"gyakusan/store"
	"gyakusan/store/storetest"
)

func TestCreateFirstOwnerOnlyOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		// Eight browsers submit the setup form at the same moment.
		var wg sync.WaitGroup
		errs := make([]error, 8)
		for i := range errs {
			wg.Go(func() {
				_, _, errs[i] = db.CreateFirstOwner(ctx, "owner"+string(rune('a'+i))+"@example.jp", "hash", "組織"+string(rune('A'+i)))
			})
		}
		wg.Wait()
		won := 0
		for _, err := range errs {
			switch gyakusan.ErrorCode(err) {
			case "":
				won++
			case gyakusan.CodeConflict:
			default:
				t.Errorf("unexpected error: %v", err)
			}
		}
		if n, _ := db.CountUsers(ctx); won != 1 || n != 1 {
			t.Fatalf("%d setups succeeded and %d users exist; want exactly one", won, n)
		}
		var owner gyakusan.User
		for i, err := range errs {
			if err == nil {
				owner, _, _ = db.UserByEmail(ctx, "owner"+string(rune('a'+i))+"@example.jp")
			}
		}
		ms, err := db.Memberships(ctx, owner.ID)
		if err != nil || len(ms) != 1 || ms[0].Role != gyakusan.RoleOwner {
			t.Errorf("the first user's memberships: %+v, %v", ms, err)
		}
	})
}

func TestCreateFirstOwnerRefusesBadInputWithoutWriting(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		if _, _, err := db.CreateFirstOwner(ctx, "not-an-email", "hash", "Acme"); gyakusan.ErrorCode(err) != gyakusan.CodeInvalid {
			t.Errorf("bad email: %v", err)
		}
		if _, _, err := db.CreateFirstOwner(ctx, "a@example.jp", "hash", "  "); gyakusan.ErrorCode(err) != gyakusan.CodeInvalid {
			t.Errorf("blank organization: %v", err)
		}
		if n, _ := db.CountUsers(ctx); n != 0 {
			t.Errorf("%d users after refused setups", n)
		}
	})
}
