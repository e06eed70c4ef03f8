package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"gyakusan"
	"gyakusan/store"
	"gyakusan/store/storetest"
)

func TestMembersPageChangesRolesAndRemoves(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		a := newAcct(t, db, Config{})
		ownerU := a.user("owner@example.jp", "A", gyakusan.RoleOwner)
		owner := a.session(ownerU, "A")
		member := a.user("member@example.jp", "A", gyakusan.RoleViewer)
		a.user("member@example.jp", "B", gyakusan.RoleViewer)
		memberSession := a.session(member, "A")
		w := a.do(req{method: "GET", path: "/members?lang=en", cookie: owner})
		if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), "member@example.jp") {
			t.Fatalf("members page: %d", w.Code)
		}
		id := strconv.FormatInt(member.ID, 10)
		w = a.do(req{method: "POST", path: "/members/" + id + "/role", form: url.Values{"role": {"editor"}}, cookie: owner})
		if w.Code != http.StatusSeeOther {
			t.Fatalf("change role: %d", w.Code)
		}
		if m, _ := db.Membership(context.Background(), a.org("A").ID, member.ID); m.Role != gyakusan.RoleEditor {
			t.Errorf("role = %s, want editor", m.Role)
		}
		if w := a.do(req{method: "POST", path: "/members/" + id + "/role", form: url.Values{"role": {"admin"}}, cookie: owner}); w.Code != http.StatusUnprocessableEntity {
			t.Errorf("unknown role: %d, want 422", w.Code)
		}
		w = a.do(req{method: "POST", path: "/members/" + id + "/remove", cookie: owner})
		if w.Code != http.StatusSeeOther {
			t.Fatalf("remove: %d", w.Code)
		}
		if _, err := db.Membership(context.Background(), a.org("A").ID, member.ID); gyakusan.ErrorCode(err) != gyakusan.CodeNotFound {
			t.Errorf("membership after removal: %v", err)
		}
		// The removed member's session carries on in their other org.
		if !a.signedIn(memberSession) {
			t.Fatal("the removed member lost their other organization")
		}
		if s, _ := db.SessionByID(context.Background(), memberSession.Value, a.clock(), 0); s.OrgID != a.org("B").ID {
			t.Errorf("session org = %d, want B", s.OrgID)
		}
	})
}

func TestTheLastOwnerStays(t *testing.T) {
	a := newAcct(t, storetest.Open(t), Config{})
	u := a.user("owner@example.jp", "A", gyakusan.RoleOwner)
	c := a.session(u, "A")
	id := strconv.FormatInt(u.ID, 10)
	for _, r := range []req{
		{method: "POST", path: "/members/" + id + "/role?lang=en", form: url.Values{"role": {"editor"}}},
		{method: "POST", path: "/members/" + id + "/remove?lang=en"},
	} {
		r.cookie = c
		w := a.do(r)
		if w.Code != http.StatusConflict || !strings.Contains(w.Body.String(), "needs at least one owner") {
			t.Errorf("%s: %d, want 409 with the reason", r.path, w.Code)
		}
	}
	if m, _ := a.db.Membership(context.Background(), a.org("A").ID, u.ID); m.Role != gyakusan.RoleOwner {
		t.Errorf("role = %s", m.Role)
	}
	// With a second owner the first may step down.
	a.user("second@example.jp", "A", gyakusan.RoleOwner)
	if w := a.do(req{method: "POST", path: "/members/" + id + "/role", form: url.Values{"role": {"editor"}}, cookie: c}); w.Code != http.StatusSeeOther {
		t.Errorf("step down with another owner: %d", w.Code)
	}
}
