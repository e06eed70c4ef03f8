package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"gyakusan"
	"gyakusan/password"
	"gyakusan/store/storetest"
)

func verify(pw, hash string) (bool, error) { return password.Verify(pw, hash) }

func TestSwitchOrganization(t *testing.T) {
	a := newAcct(t, storetest.Open(t), Config{})
	u := a.user("both@example.jp", "A", gyakusan.RoleViewer)
	a.user("both@example.jp", "B", gyakusan.RoleEditor)
	c := a.session(u, "A")
	w := a.do(req{method: "GET", path: "/account?lang=en", cookie: c})
	if !strings.Contains(w.Body.String(), `name="org" value="`+strconv.FormatInt(a.org("B").ID, 10)+`"`) {
		t.Fatalf("the account page offers no switch to B: %s", w.Body.String())
	}
	w = a.do(req{method: "POST", path: "/org", form: url.Values{"org": {strconv.FormatInt(a.org("B").ID, 10)}}, cookie: c})
	if w.Code != http.StatusSeeOther {
		t.Fatalf("switch: %d", w.Code)
	}
	s, err := a.db.SessionByID(context.Background(), c.Value, a.clock(), 0)
	if err != nil || s.OrgID != a.org("B").ID {
		t.Fatalf("session org = %d, %v; want B", s.OrgID, err)
	}
	// As an editor of B the user may now create a plan there.
	if w := a.do(req{method: "POST", path: "/tokens", form: url.Values{"name": {"b"}}, cookie: c}); w.Code != http.StatusOK {
		t.Errorf("token in B: %d", w.Code)
	}
	toks, _ := a.db.Tokens(context.Background(), u.ID)
	if len(toks) != 1 || toks[0].OrgID != a.org("B").ID {
		t.Errorf("tokens = %+v; want one in B", toks)
	}
}

func TestChangePasswordSignsOutEverywhereElse(t *testing.T) {
	a := newAcct(t, storetest.Open(t), Config{})
	u := a.user("a@example.jp", "A", gyakusan.RoleViewer)
	here, there := a.session(u, "A"), a.session(u, "A")
	newPw := "a brand new passphrase"
	w := a.do(req{method: "POST", path: "/account/password?lang=en", form: url.Values{"current": {"wrong"}, "password": {newPw}, "password2": {newPw}}, cookie: here})
	if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), "The password is not right. Check it and type it again.") {
		t.Fatalf("wrong current password: %d", w.Code)
	}
	w = a.do(req{method: "POST", path: "/account/password", form: url.Values{"current": {testPassword}, "password": {newPw}, "password2": {newPw}}, cookie: here})
	fresh := a.newCookie(w)
	if w.Code != http.StatusSeeOther || fresh == nil {
		t.Fatalf("change: %d", w.Code)
	}
	if a.signedIn(here) || a.signedIn(there) {
		t.Error("old sessions survive a password change")
	}
	if !a.signedIn(fresh) {
		t.Error("the new session does not work")
	}
	if w := a.do(req{method: "POST", path: "/login", form: login("a@example.jp", newPw)}); w.Code != http.StatusSeeOther {
		t.Errorf("sign in with the new password: %d", w.Code)
	}
}
