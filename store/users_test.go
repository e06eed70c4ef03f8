package store_test

import (
	"testing"

	"gyakusan"
	"gyakusan/store"
	"gyakusan/store/storetest"
)

func TestUniqueEmailIgnoresCase(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		u := mustUser(t, db, "  Taro.Yamada@Example.COM ")
		if u.Email != "taro.yamada@example.com" {
			t.Fatalf("stored email %q, want it trimmed and lower-case", u.Email)
		}
		_, err := db.CreateUser(ctx, "TARO.YAMADA@example.com", "h")
		wantCode(t, err, gyakusan.CodeConflict)

		got, hash, err := db.UserByEmail(ctx, "taro.YAMADA@example.com")
		if err != nil || got.ID != u.ID || hash != "hash-of-  Taro.Yamada@Example.COM " {
			t.Fatalf("by email: %+v %q %v", got, hash, err)
		}
		_, _, err = db.UserByEmail(ctx, "nobody@example.com")
		wantCode(t, err, gyakusan.CodeNotFound)
		n, err := db.CountUsers(ctx)
		if err != nil || n != 1 {
			t.Fatalf("count %d, %v", n, err)
		}
	})
}

func TestBadEmailIsInvalid(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		for _, email := range []string{"", "   ", "no-at-sign"} {
			_, err := db.CreateUser(ctx, email, "h")
			wantCode(t, err, gyakusan.CodeInvalid)
		}
	})
}

func TestUserSettings(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		u := mustUser(t, db, "taro@example.com")
		if err := db.SetPassword(ctx, u.ID, "new-hash"); err != nil {
			t.Fatal(err)
		}
		if err := db.SetUserLang(ctx, u.ID, "ja"); err != nil {
			t.Fatal(err)
		}
		wantCode(t, db.SetUserLang(ctx, u.ID, "fr"), gyakusan.CodeInvalid)
		wantCode(t, db.SetPassword(ctx, u.ID+99, "x"), gyakusan.CodeNotFound)
		got, hash, err := db.UserByEmail(ctx, "taro@example.com")
		if err != nil || hash != "new-hash" || got.Lang != "ja" {
			t.Fatalf("%+v %q %v", got, hash, err)
		}
		byID, err := db.User(ctx, u.ID)
		if err != nil || byID.Email != "taro@example.com" || byID.Lang != "ja" {
			t.Fatalf("by id %+v %v", byID, err)
		}
		_, err = db.User(ctx, u.ID+99)
		wantCode(t, err, gyakusan.CodeNotFound)
	})
}

func TestOrgsAndMemberships(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		a, b := mustOrg(t, db, "Acme"), mustOrg(t, db, "Beta")
		_, err := db.CreateOrg(ctx, " Acme ")
		wantCode(t, err, gyakusan.CodeConflict)
		_, err = db.CreateOrg(ctx, "  ")
		wantCode(t, err, gyakusan.CodeInvalid)
		got, err := db.OrgByName(ctx, "Beta")
		if err != nil || got.ID != b.ID {
			t.Fatalf("by name %+v %v", got, err)
		}
		_, err = db.OrgByName(ctx, "Gamma")
		wantCode(t, err, gyakusan.CodeNotFound)

		taro, hanako := mustUser(t, db, "taro@example.com"), mustUser(t, db, "hanako@example.com")
		// Taro works in two organizations with different roles.
		for _, m := range []struct {
			org, user int64
			role      gyakusan.Role
		}{{a.ID, taro.ID, gyakusan.RoleOwner}, {b.ID, taro.ID, gyakusan.RoleViewer}, {a.ID, hanako.ID, gyakusan.RoleEditor}} {
			if err := db.AddMember(ctx, m.org, m.user, m.role); err != nil {
				t.Fatal(err)
			}
		}
		wantCode(t, db.AddMember(ctx, a.ID, taro.ID, "admin"), gyakusan.CodeInvalid)
		wantCode(t, db.AddMember(ctx, a.ID, 999, gyakusan.RoleViewer), gyakusan.CodeNotFound)

		ms, err := db.Memberships(ctx, taro.ID)
		if err != nil || len(ms) != 2 || ms[0].Org.Name != "Acme" || ms[0].Role != gyakusan.RoleOwner ||
			ms[1].Org.Name != "Beta" || ms[1].Role != gyakusan.RoleViewer || ms[1].User.Email != "taro@example.com" {
			t.Fatalf("taro's memberships %+v %v", ms, err)
		}

		// Adding again changes the role.
		if err := db.AddMember(ctx, b.ID, taro.ID, gyakusan.RoleEditor); err != nil {
			t.Fatal(err)
		}
		m, err := db.Membership(ctx, b.ID, taro.ID)
		if err != nil || m.Role != gyakusan.RoleEditor {
			t.Fatalf("membership %+v %v", m, err)
		}
		_, err = db.Membership(ctx, b.ID, hanako.ID)
		wantCode(t, err, gyakusan.CodeNotFound)

		members, err := db.Members(ctx, a.ID)
		if err != nil || len(members) != 2 || members[0].User.Email != "hanako@example.com" || members[1].User.Email != "taro@example.com" {
			t.Fatalf("members %+v %v", members, err)
		}
		if err := db.RemoveMember(ctx, a.ID, hanako.ID); err != nil {
			t.Fatal(err)
		}
		wantCode(t, db.RemoveMember(ctx, a.ID, hanako.ID), gyakusan.CodeNotFound)
		members, _ = db.Members(ctx, a.ID)
		if len(members) != 1 {
			t.Fatalf("%d members after removal", len(members))
		}
	})
}
