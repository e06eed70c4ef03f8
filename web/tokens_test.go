package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"gyakusan"
	"gyakusan/store"
	"gyakusan/store/storetest"
)

var tokenRE = regexp.MustCompile(`gys_[A-Za-z0-9_-]{43}`)

// resolveBearer authenticates a request to path with the token alone.
func (a *acct) resolveBearer(path, token string) (principal, bool) {
	r := httptest.NewRequest("GET", path, nil)
	r.Header.Set("Authorization", "Bearer "+token)
	return a.srv.resolve(r)
}

func TestTokensCreatedAndRevokedInTheUI(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		a := newAcct(t, db, Config{})
		u := a.user("a@example.jp", "A", gyakusan.RoleEditor)
		c := a.session(u, "A")
		w := a.do(req{method: "POST", path: "/tokens?lang=en", form: url.Values{"name": {"nightly import"}}, cookie: c})
		secret := tokenRE.FindString(w.Body.String())
		if w.Code != http.StatusOK || secret == "" || w.Header().Get("Cache-Control") != "no-store" {
			t.Fatalf("create: %d, secret %q, Cache-Control %q", w.Code, secret, w.Header().Get("Cache-Control"))
		}
		p, ok := a.resolveBearer("/api/v1/plans", secret)
		if !ok || p.User.ID != u.ID || p.Org.ID != a.org("A").ID || p.Role != gyakusan.RoleEditor || !p.ViaToken {
			t.Fatalf("bearer principal = %+v, %v", p, ok)
		}
		// Tokens are for the API; the pages ignore them.
		if _, ok := a.resolveBearer("/account", secret); ok {
			t.Error("a token signed in to a page")
		}
		// The list never shows the secret again.
		w = a.do(req{method: "GET", path: "/tokens?lang=en", cookie: c})
		if strings.Contains(w.Body.String(), secret) || !strings.Contains(w.Body.String(), "nightly import") {
			t.Fatalf("token list: shows the secret or lacks the name")
		}
		toks, _ := db.Tokens(context.Background(), u.ID)
		if len(toks) != 1 {
			t.Fatalf("tokens = %+v", toks)
		}
		w = a.do(req{method: "POST", path: "/tokens/" + strconv.FormatInt(toks[0].ID, 10) + "/revoke", cookie: c})
		if w.Code != http.StatusSeeOther {
			t.Fatalf("revoke: %d", w.Code)
		}
		if _, ok := a.resolveBearer("/api/v1/plans", secret); ok {
			t.Error("a revoked token still works")
		}
	})
}

func TestTokenDiesWhenItsUserLeavesTheOrg(t *testing.T) {
	a := newAcct(t, storetest.Open(t), Config{})
	u := a.user("a@example.jp", "A", gyakusan.RoleViewer)
	a.user("a@example.jp", "B", gyakusan.RoleViewer)
	c := a.session(u, "A")
	secret := tokenRE.FindString(a.do(req{method: "POST", path: "/tokens", form: url.Values{}, cookie: c}).Body.String())
	if _, ok := a.resolveBearer("/api/v1/plans", secret); !ok {
		t.Fatal("fresh token does not work")
	}
	if err := a.db.RemoveMember(context.Background(), a.org("A").ID, u.ID); err != nil {
		t.Fatal(err)
	}
	if p, ok := a.resolveBearer("/api/v1/plans", secret); ok {
		t.Errorf("token of a removed member resolves to %+v", p)
	}
	if _, ok := a.resolveBearer("/api/v1/plans", "gys_not-a-real-token"); ok {
		t.Error("a malformed token resolves")
	}
}

func TestAnotherUsersTokenCannotBeRevoked(t *testing.T) {
	a := newAcct(t, storetest.Open(t), Config{})
	alice := a.user("alice@example.jp", "A", gyakusan.RoleOwner)
	bob := a.user("bob@example.jp", "A", gyakusan.RoleOwner)
	tokenRE.FindString(a.do(req{method: "POST", path: "/tokens", form: url.Values{}, cookie: a.session(alice, "A")}).Body.String())
	toks, _ := a.db.Tokens(context.Background(), alice.ID)
	w := a.do(req{method: "POST", path: "/tokens/" + strconv.FormatInt(toks[0].ID, 10) + "/revoke", cookie: a.session(bob, "A")})
	if w.Code != http.StatusNotFound {
		t.Errorf("bob revokes alice's token: %d, want 404", w.Code)
	}
	if toks, _ := a.db.Tokens(context.Background(), alice.ID); len(toks) != 1 {
		t.Error("alice's token was revoked by bob")
	}
}

func TestTooLongTokenNameIsRefusedAndKept(t *testing.T) {
	a := newAcct(t, storetest.Open(t), Config{})
	u := a.user("a@example.jp", "A", gyakusan.RoleEditor)
	name := strings.Repeat("夜", 101)
	w := a.do(req{method: "POST", path: "/tokens?lang=en", form: url.Values{"name": {name}}, cookie: a.session(u, "A")})
	if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), "at most 100 characters") || tokenRE.MatchString(w.Body.String()) {
		t.Fatalf("long name: %d, want 422 saying the limit, no token", w.Code)
	}
	if !strings.Contains(w.Body.String(), `value="`+name+`"`) {
		t.Error("the typed name was lost")
	}
	if toks, _ := a.db.Tokens(context.Background(), u.ID); len(toks) != 0 {
		t.Errorf("a refused name made tokens %+v", toks)
	}
}
