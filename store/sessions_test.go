package store_test

import (
	"strings"
	"testing"
	"time"

	"gyakusan"
	"gyakusan/store"
	"gyakusan/store/storetest"
)

var t0 = time.Date(2025, 4, 1, 9, 0, 0, 0, time.UTC)

func TestSessions(t *testing.T) {
	const idle = 30 * time.Minute
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		org := mustOrg(t, db, "Acme")
		u := mustUser(t, db, "taro@example.com")
		newSession := func(id string) {
			t.Helper()
			err := db.CreateSession(ctx, gyakusan.Session{ID: id, UserID: u.ID, OrgID: org.ID, Created: t0, ExpiresAt: t0.Add(12 * time.Hour)})
			if err != nil {
				t.Fatal(err)
			}
		}
		newSession("secret-session-1")

		cases := []struct {
			name string
			at   time.Time
			want gyakusan.Code
			seen time.Time
		}{
			{"fresh session is live", t0.Add(10 * time.Second), "", t0},
			{"a use after a minute moves last_seen", t0.Add(20 * time.Minute), "", t0.Add(20 * time.Minute)},
			{"a use within the minute writes nothing", t0.Add(20*time.Minute + 30*time.Second), "", t0.Add(20 * time.Minute)},
			{"activity keeps it alive past the idle limit from creation", t0.Add(45 * time.Minute), "", t0.Add(45 * time.Minute)},
		}
		for _, c := range cases {
			s, err := db.SessionByID(ctx, "secret-session-1", c.at, idle)
			if gyakusan.ErrorCode(err) != c.want {
				t.Fatalf("%s: %v", c.name, err)
			}
			if !s.LastSeen.Equal(c.seen) || s.UserID != u.ID || s.OrgID != org.ID || s.ID != "secret-session-1" {
				t.Errorf("%s: %+v, want last seen %v", c.name, s, c.seen)
			}
		}

		_, err := db.SessionByID(ctx, "secret-session-1", t0.Add(45*time.Minute+idle), idle)
		wantCode(t, err, gyakusan.CodeNotFound)
		// The idle session is gone, not merely refused.
		_, err = db.SessionByID(ctx, "secret-session-1", t0.Add(46*time.Minute), idle)
		wantCode(t, err, gyakusan.CodeNotFound)

		newSession("secret-session-2")
		for at := t0; at.Before(t0.Add(12 * time.Hour)); at = at.Add(20 * time.Minute) {
			if _, err := db.SessionByID(ctx, "secret-session-2", at, idle); err != nil {
				t.Fatalf("active session refused at %v: %v", at, err)
			}
		}
		_, err = db.SessionByID(ctx, "secret-session-2", t0.Add(12*time.Hour), idle)
		wantCode(t, err, gyakusan.CodeNotFound)

		_, err = db.SessionByID(ctx, "never-created", t0, idle)
		wantCode(t, err, gyakusan.CodeNotFound)
	})
}

func TestSessionOrgAndSignOut(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		a, b := mustOrg(t, db, "Acme"), mustOrg(t, db, "Beta")
		taro, hanako := mustUser(t, db, "taro@example.com"), mustUser(t, db, "hanako@example.com")
		for _, s := range []gyakusan.Session{
			{ID: "taro-laptop", UserID: taro.ID, OrgID: a.ID},
			{ID: "taro-phone", UserID: taro.ID},
			{ID: "hanako-laptop", UserID: hanako.ID, OrgID: a.ID},
		} {
			s.Created, s.ExpiresAt = t0, t0.Add(time.Hour)
			if err := db.CreateSession(ctx, s); err != nil {
				t.Fatal(err)
			}
		}
		if err := db.SetSessionOrg(ctx, "taro-phone", b.ID); err != nil {
			t.Fatal(err)
		}
		s, err := db.SessionByID(ctx, "taro-phone", t0, 0)
		if err != nil || s.OrgID != b.ID {
			t.Fatalf("%+v %v", s, err)
		}
		wantCode(t, db.SetSessionOrg(ctx, "nope", b.ID), gyakusan.CodeNotFound)

		if err := db.DeleteSession(ctx, "taro-laptop"); err != nil {
			t.Fatal(err)
		}
		_, err = db.SessionByID(ctx, "taro-laptop", t0, 0)
		wantCode(t, err, gyakusan.CodeNotFound)

		if err := db.DeleteUserSessions(ctx, taro.ID); err != nil {
			t.Fatal(err)
		}
		_, err = db.SessionByID(ctx, "taro-phone", t0, 0)
		wantCode(t, err, gyakusan.CodeNotFound)
		if _, err := db.SessionByID(ctx, "hanako-laptop", t0, 0); err != nil {
			t.Fatalf("another user's session was signed out: %v", err)
		}

		assertSecretNotStored(t, db, "sessions", "hanako-laptop")
	})
}

// assertSecretNotStored fails if any column of table holds secret.
func assertSecretNotStored(t *testing.T, db *store.DB, table, secret string) {
	t.Helper()
	rows, err := db.Query(ctx, `SELECT * FROM `+table)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	n := 0
	for rows.Next() {
		n++
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		for i, v := range vals {
			var s string
			switch v := v.(type) {
			case string:
				s = v
			case []byte:
				s = string(v)
			}
			if strings.Contains(s, secret) {
				t.Errorf("%s.%s holds the secret itself: %q", table, cols[i], s)
			}
		}
	}
	if n == 0 {
		t.Fatalf("%s is empty; nothing was checked", table)
	}
}

func TestTokens(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		now := t0
		db.SetClock(func() time.Time { return now })
		org := mustOrg(t, db, "Acme")
		taro, hanako := mustUser(t, db, "taro@example.com"), mustUser(t, db, "hanako@example.com")
		const secret = "gyk_0123456789abcdef0123456789abcdef"
		tok, err := db.CreateToken(ctx, gyakusan.Token{UserID: taro.ID, OrgID: org.ID, Name: "CI import"}, secret)
		if err != nil || tok.ID == 0 || !tok.Created.Equal(t0) {
			t.Fatalf("%+v %v", tok, err)
		}
		assertSecretNotStored(t, db, "api_tokens", secret)

		got, err := db.TokenBySecret(ctx, secret)
		if err != nil || got.ID != tok.ID || got.UserID != taro.ID || got.OrgID != org.ID || got.Name != "CI import" {
			t.Fatalf("by secret %+v %v", got, err)
		}
		if got.LastUsed == nil || !got.LastUsed.Equal(t0) {
			t.Errorf("last used %v, want %v", got.LastUsed, t0)
		}
		now = t0.Add(10 * time.Second)
		list, err := db.Tokens(ctx, taro.ID)
		if err != nil || len(list) != 1 || list[0].LastUsed == nil || !list[0].LastUsed.Equal(t0) {
			t.Fatalf("tokens %+v %v", list, err)
		}
		_, err = db.TokenBySecret(ctx, secret+"x")
		wantCode(t, err, gyakusan.CodeNotFound)

		// Hanako cannot revoke Taro's token.
		wantCode(t, db.RevokeToken(ctx, hanako.ID, tok.ID), gyakusan.CodeNotFound)
		if err := db.RevokeToken(ctx, taro.ID, tok.ID); err != nil {
			t.Fatal(err)
		}
		_, err = db.TokenBySecret(ctx, secret)
		wantCode(t, err, gyakusan.CodeNotFound)
		wantCode(t, db.RevokeToken(ctx, taro.ID, tok.ID), gyakusan.CodeNotFound)
		list, _ = db.Tokens(ctx, taro.ID)
		if len(list) != 0 {
			t.Fatalf("revoked token still listed: %+v", list)
		}
	})
}

func TestInvitations(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		now := t0
		db.SetClock(func() time.Time { return now })
		org := mustOrg(t, db, "Acme")
		owner := mustUser(t, db, "owner@example.com")
		const secret = "invite-secret-0123456789"
		inv, err := db.CreateInvitation(ctx, gyakusan.Invitation{OrgID: org.ID, Email: "New@Example.com", Role: gyakusan.RoleEditor,
			CreatedBy: owner.ID, ExpiresAt: t0.Add(72 * time.Hour)}, secret)
		if err != nil || inv.ID == 0 || inv.Email != "new@example.com" {
			t.Fatalf("%+v %v", inv, err)
		}
		assertSecretNotStored(t, db, "invitations", secret)
		_, err = db.CreateInvitation(ctx, gyakusan.Invitation{OrgID: org.ID, Email: "x@example.com", Role: "boss", ExpiresAt: t0.Add(time.Hour)}, "s2")
		wantCode(t, err, gyakusan.CodeInvalid)

		got, err := db.InvitationBySecret(ctx, secret, t0.Add(71*time.Hour))
		if err != nil || got.ID != inv.ID || got.Role != gyakusan.RoleEditor || got.CreatedBy != owner.ID || got.Used {
			t.Fatalf("by secret %+v %v", got, err)
		}
		_, err = db.InvitationBySecret(ctx, secret, t0.Add(72*time.Hour))
		wantCode(t, err, gyakusan.CodeNotFound)
		_, err = db.InvitationBySecret(ctx, "wrong", t0)
		wantCode(t, err, gyakusan.CodeNotFound)

		now = t0.Add(time.Hour)
		// An email registered meanwhile refuses the acceptance and keeps
		// the invitation usable.
		taken, err := db.CreateInvitation(ctx, gyakusan.Invitation{OrgID: org.ID, Email: owner.Email, Role: gyakusan.RoleViewer,
			ExpiresAt: t0.Add(72 * time.Hour)}, "taken-secret")
		if err != nil {
			t.Fatal(err)
		}
		_, err = db.AcceptInvitation(ctx, taken.ID, 0, "hash", now)
		wantCode(t, err, gyakusan.CodeConflict)
		if _, err := db.InvitationBySecret(ctx, "taken-secret", now); err != nil {
			t.Errorf("a refused acceptance used the invitation up: %v", err)
		}
		if _, err := db.AcceptInvitation(ctx, taken.ID, owner.ID, "", now); err != nil {
			t.Errorf("the existing user accepts: %v", err)
		}

		joined, err := db.AcceptInvitation(ctx, inv.ID, 0, "hash", now)
		if err != nil || joined.Email != "new@example.com" {
			t.Fatalf("accept: %+v %v", joined, err)
		}
		m, err := db.Membership(ctx, org.ID, joined.ID)
		if err != nil || m.Role != gyakusan.RoleEditor {
			t.Errorf("the invitee's membership: %+v %v", m, err)
		}
		_, err = db.AcceptInvitation(ctx, inv.ID, joined.ID, "", now)
		wantCode(t, err, gyakusan.CodeConflict)
		_, err = db.InvitationBySecret(ctx, secret, now)
		wantCode(t, err, gyakusan.CodeNotFound)
		_, err = db.AcceptInvitation(ctx, inv.ID+50, 0, "hash", now)
		wantCode(t, err, gyakusan.CodeNotFound)

		late, err := db.CreateInvitation(ctx, gyakusan.Invitation{OrgID: org.ID, Email: "late@example.com", Role: gyakusan.RoleViewer,
			ExpiresAt: t0.Add(2 * time.Hour)}, "late-secret")
		if err != nil {
			t.Fatal(err)
		}
		_, err = db.AcceptInvitation(ctx, late.ID, 0, "hash", t0.Add(2*time.Hour))
		wantCode(t, err, gyakusan.CodeConflict)
	})
}

func TestLoginFailuresWindow(t *testing.T) {
	const window = 15 * time.Minute
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		steps := []struct {
			name string
			at   time.Duration
			want int
		}{
			{"first failure", 0, 1},
			{"second within the window", 5 * time.Minute, 2},
			{"third within the window", 14 * time.Minute, 3},
			{"the first leaves the window", 15 * time.Minute, 3},
			{"only recent ones count", 29 * time.Minute, 2},
		}
		for _, s := range steps {
			n, err := db.RecordLoginFailure(ctx, "taro@example.com", t0.Add(s.at), window)
			if err != nil || n != s.want {
				t.Fatalf("%s: %d failures (%v), want %d", s.name, n, err, s.want)
			}
		}
		if _, err := db.RecordLoginFailure(ctx, "198.51.100.7", t0, window); err != nil {
			t.Fatal(err)
		}
		n, err := db.LoginFailures(ctx, "taro@example.com", t0.Add(29*time.Minute), window)
		if err != nil || n != 2 {
			t.Fatalf("count %d %v, want 2", n, err)
		}
		n, _ = db.LoginFailures(ctx, "taro@example.com", t0.Add(time.Hour), window)
		if n != 0 {
			t.Fatalf("%d failures an hour later", n)
		}
		if err := db.ClearLoginFailures(ctx, "taro@example.com"); err != nil {
			t.Fatal(err)
		}
		n, _ = db.LoginFailures(ctx, "taro@example.com", t0.Add(29*time.Minute), window)
		if n != 0 {
			t.Fatalf("%d failures after clearing", n)
		}
		n, _ = db.LoginFailures(ctx, "198.51.100.7", t0.Add(time.Minute), window)
		if n != 1 {
			t.Fatalf("clearing one key cleared another: %d", n)
		}
	})
}
