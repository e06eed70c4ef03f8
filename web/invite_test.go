package web

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"gyakusan"
	"gyakusan/store"
	"gyakusan/store/storetest"
)

var inviteLinkRE = regexp.MustCompile(`value="http://example\.com(/invite/gysi_[A-Za-z0-9_-]{43})"`)

// invite has the owner create an invitation and returns the link's path.
func (a *acct) invite(owner *http.Cookie, email string, role gyakusan.Role) string {
	a.t.Helper()
	w := a.do(req{method: "POST", path: "/members/invite", form: url.Values{"email": {email}, "role": {string(role)}}, cookie: owner})
	m := inviteLinkRE.FindStringSubmatch(w.Body.String())
	if w.Code != http.StatusOK || m == nil {
		a.t.Fatalf("invite: %d, no link in %s", w.Code, w.Body.String())
	}
	if w.Header().Get("Cache-Control") != "no-store" {
		a.t.Error("the page showing the invitation link may be cached")
	}
	return m[1]
}

func TestInvitationForANewPerson(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		a := newAcct(t, db, Config{})
		owner := a.session(a.user("owner@example.jp", "A", gyakusan.RoleOwner), "A")
		link := a.invite(owner, "New@Example.JP", gyakusan.RoleEditor)
		w := a.do(req{method: "GET", path: link + "?lang=en"})
		if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), "Choose a password") || !strings.Contains(w.Body.String(), "new@example.jp") {
			t.Fatalf("invitation page: %d", w.Code)
		}
		pw := strings.Repeat("招", 64)
		w = a.do(req{method: "POST", path: link, form: url.Values{"password": {pw}, "password2": {pw}}})
		c := a.newCookie(w)
		if w.Code != http.StatusSeeOther || c == nil {
			t.Fatalf("accept: %d, body %s", w.Code, w.Body.String())
		}
		u, _, err := db.UserByEmail(context.Background(), "new@example.jp")
		if err != nil {
			t.Fatal(err)
		}
		if m, err := db.Membership(context.Background(), a.org("A").ID, u.ID); err != nil || m.Role != gyakusan.RoleEditor {
			t.Errorf("membership = %+v, %v; want editor of A", m, err)
		}
		if !a.signedIn(c) {
			t.Error("the new member is not signed in")
		}
		// The link works once.
		for _, m := range []string{"GET", "POST"} {
			w := a.do(req{method: m, path: link + "?lang=en", form: url.Values{"password": {pw}, "password2": {pw}}})
			if w.Code != http.StatusNotFound || !strings.Contains(w.Body.String(), "already used. Ask the person who invited you for a new link") {
				t.Errorf("%s a used link: %d, want 404 saying so", m, w.Code)
			}
		}
	})
}

func TestInvitationForAnExistingUser(t *testing.T) {
	a := newAcct(t, storetest.Open(t), Config{})
	owner := a.session(a.user("owner@example.jp", "A", gyakusan.RoleOwner), "A")
	other := a.user("other@example.jp", "B", gyakusan.RoleOwner)
	link := a.invite(owner, "other@example.jp", gyakusan.RoleViewer)
	if w := a.do(req{method: "GET", path: link + "?lang=en"}); !strings.Contains(w.Body.String(), "Enter its password") {
		t.Fatalf("existing user's invitation page lacks the password prompt: %d", w.Code)
	}
	w := a.do(req{method: "POST", path: link, form: url.Values{"password": {"not the password"}}})
	if w.Code != http.StatusUnprocessableEntity || a.newCookie(w) != nil {
		t.Fatalf("wrong password: %d, want 422 and no session", w.Code)
	}
	w = a.do(req{method: "POST", path: link, form: url.Values{"password": {testPassword}}})
	if w.Code != http.StatusSeeOther || a.newCookie(w) == nil {
		t.Fatalf("right password: %d", w.Code)
	}
	ms, _ := a.db.Memberships(context.Background(), other.ID)
	if len(ms) != 2 {
		t.Errorf("memberships = %+v, want B and A", ms)
	}
	if _, hash, _ := a.db.UserByEmail(context.Background(), "other@example.jp"); hash != fastHash() {
		// Rehashing with the default parameters is allowed; losing the
		// password is not.
		if ok, _ := verify(testPassword, hash); !ok {
			t.Error("joining changed the user's password")
		}
	}
}

func TestInvitationExpires(t *testing.T) {
	a := newAcct(t, storetest.Open(t), Config{})
	owner := a.session(a.user("owner@example.jp", "A", gyakusan.RoleOwner), "A")
	link := a.invite(owner, "late@example.jp", gyakusan.RoleViewer)
	a.advance(invitationTTL + 1)
	pw := "long enough password"
	if w := a.do(req{method: "POST", path: link, form: url.Values{"password": {pw}, "password2": {pw}}}); w.Code != http.StatusNotFound {
		t.Errorf("expired link: %d, want 404", w.Code)
	}
	if w := a.do(req{method: "GET", path: "/invite/gysi_garbage"}); w.Code != http.StatusNotFound {
		t.Errorf("garbage link: %d, want 404", w.Code)
	}
	if n, _ := a.db.CountUsers(context.Background()); n != 1 {
		t.Errorf("%d users, want 1", n)
	}
}

func TestInviteRefusesBadInputAndMembers(t *testing.T) {
	a := newAcct(t, storetest.Open(t), Config{})
	owner := a.session(a.user("owner@example.jp", "A", gyakusan.RoleOwner), "A")
	// menu is the role the form shows again: the typed one, or editor (the
	// default) in place of an unknown one, never owner by accident.
	for name, tt := range map[string]struct{ email, role, want, menu string }{
		"bad email":      {"nobody", "viewer", "This is not an email address", "viewer"},
		"bad role":       {"x@example.jp", "admin", "Choose owner, editor or viewer", "editor"},
		"already member": {"owner@example.jp", "viewer", "already a member. To change their role, use the list above", "viewer"},
	} {
		w := a.do(req{method: "POST", path: "/members/invite?lang=en", form: url.Values{"email": {tt.email}, "role": {tt.role}}, cookie: owner})
		if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), tt.want) || inviteLinkRE.MatchString(w.Body.String()) {
			t.Errorf("%s: %d, want 422 with %q and no link", name, w.Code, tt.want)
		}
		form := w.Body.String()[strings.Index(w.Body.String(), `action="/members/invite"`):]
		if !strings.Contains(form, `value="`+tt.email+`"`) {
			t.Errorf("%s: the typed email was lost", name)
		}
		if !strings.Contains(form, `value="`+tt.menu+`" selected`) {
			t.Errorf("%s: the form's role menu does not show %s", name, tt.menu)
		}
	}
}
