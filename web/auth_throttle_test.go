package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"gyakusan"
	"gyakusan/store"
	"gyakusan/store/storetest"
)

func TestLoginThrottlingPerAccountAcrossInstances(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		one := newAcct(t, db, Config{})
		two := newAcct(t, db, Config{}) // a second instance on the same database
		one.user("a@example.jp", "A", gyakusan.RoleViewer)
		one.user("b@example.jp", "A", gyakusan.RoleViewer)
		for i := range maxAccountFailures {
			srv := []*acct{one, two}[i%2]
			if w := srv.do(req{method: "POST", path: "/login", form: login("a@example.jp", "wrong password")}); w.Code != http.StatusUnauthorized {
				t.Fatalf("failure %d: %d, want 401", i+1, w.Code)
			}
		}
		for lang, want := range map[string]string{"ja": "15分ほど待ってから", "en": "wait about 15 minutes"} {
			w := two.do(req{method: "POST", path: "/login?lang=" + lang, form: login("a@example.jp", testPassword)})
			if w.Code != http.StatusTooManyRequests || !strings.Contains(w.Body.String(), want) || one.newCookie(w) != nil {
				t.Fatalf("%s: right password after %d failures: %d; want 429 with %q and no session", lang, maxAccountFailures, w.Code, want)
			}
		}
		// Another account from the same address is not locked out.
		if w := one.do(req{method: "POST", path: "/login", form: login("b@example.jp", testPassword)}); w.Code != http.StatusSeeOther {
			t.Errorf("other account: %d, want 303", w.Code)
		}
		// The window passes.
		one.advance(loginWindow + 1)
		two.advance(loginWindow + 1)
		if w := two.do(req{method: "POST", path: "/login", form: login("a@example.jp", testPassword)}); w.Code != http.StatusSeeOther {
			t.Errorf("after the window: %d, want 303", w.Code)
		}
	})
}

// The other password prompts count their failures against the sign-in's
// throttle: the account page and an invitation link are no way around it.
func TestPasswordPromptsShareTheSignInThrottle(t *testing.T) {
	a := newAcct(t, storetest.Open(t), Config{})
	owner := a.session(a.user("owner@example.jp", "A", gyakusan.RoleOwner), "A")
	u := a.user("b@example.jp", "B", gyakusan.RoleViewer)
	c := a.session(u, "B")
	link := a.invite(owner, "b@example.jp", gyakusan.RoleViewer)
	newPw := "a brand new passphrase"
	change := func(current string) req {
		return req{method: "POST", path: "/account/password?lang=en", cookie: c,
			form: url.Values{"current": {current}, "password": {newPw}, "password2": {newPw}}}
	}
	join := func(pw string) req {
		return req{method: "POST", path: link + "?lang=en", form: url.Values{"password": {pw}}}
	}
	for i := range maxAccountFailures {
		r := []req{change("wrong password"), join("wrong password")}[i%2]
		if w := a.do(r); w.Code != http.StatusUnprocessableEntity {
			t.Fatalf("failure %d on %s: %d, want 422", i+1, r.path, w.Code)
		}
	}
	for name, r := range map[string]req{
		"password change": change(testPassword),
		"invitation":      join(testPassword),
		"sign-in":         {method: "POST", path: "/login?lang=en", form: login("b@example.jp", testPassword)},
	} {
		w := a.do(r)
		if w.Code != http.StatusTooManyRequests || !strings.Contains(w.Body.String(), "wait about 15 minutes") || a.newCookie(w) != nil {
			t.Errorf("%s with the right password after %d failures: %d; want 429 saying to wait, no session", name, maxAccountFailures, w.Code)
		}
	}
	if _, err := a.db.Membership(context.Background(), a.org("A").ID, u.ID); gyakusan.ErrorCode(err) != gyakusan.CodeNotFound {
		t.Errorf("a throttled acceptance joined: %v", err)
	}
}

func TestLoginThrottlingPerAddress(t *testing.T) {
	a := newAcct(t, storetest.Open(t), Config{ClientIPHeader: "X-Forwarded-For"})
	a.user("victim@example.jp", "A", gyakusan.RoleViewer)
	from := func(addr string) map[string]string {
		return map[string]string{"X-Forwarded-For": "203.0.113.9, " + addr}
	}
	// One address guesses many accounts, one try each.
	for i := range maxAddressFailures {
		email := "guess" + string(rune('a'+i%26)) + string(rune('a'+i/26)) + "@example.jp"
		a.do(req{method: "POST", path: "/login", form: login(email, "wrong password"), header: from("198.51.100.7")})
	}
	w := a.do(req{method: "POST", path: "/login", form: login("victim@example.jp", testPassword), header: from("198.51.100.7")})
	if w.Code != http.StatusTooManyRequests {
		t.Fatalf("from the guessing address: %d, want 429", w.Code)
	}
	// The proxy's own entry, not the client-supplied first one, is the key.
	w = a.do(req{method: "POST", path: "/login", form: login("victim@example.jp", testPassword), header: from("198.51.100.8")})
	if w.Code != http.StatusSeeOther {
		t.Errorf("from another address: %d, want 303", w.Code)
	}
}

func TestClientAddr(t *testing.T) {
	tests := []struct {
		name, header, remote, xff, want string
	}{
		{"connection address", "", "192.0.2.1:1234", "10.0.0.1", "192.0.2.1"},
		{"IPv6 counts by /64", "", "[2001:db8:1:2:3:4:5:6]:443", "", "2001:db8:1:2::/64"},
		{"IPv4-mapped IPv6", "", "[::ffff:192.0.2.1]:1", "", "192.0.2.1"},
		{"last proxy header entry", "X-Forwarded-For", "10.0.0.1:1", "1.1.1.1, 192.0.2.7", "192.0.2.7"},
		{"no header falls back", "X-Forwarded-For", "10.0.0.1:1", "", "10.0.0.1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &Server{cfg: Config{ClientIPHeader: tt.header}}
			r := httptest.NewRequest("POST", "/login", nil)
			r.RemoteAddr = tt.remote
			if tt.xff != "" {
				r.Header.Set("X-Forwarded-For", tt.xff)
			}
			if got := s.clientAddr(r); got != tt.want {
				t.Errorf("clientAddr = %q, want %q", got, tt.want)
			}
		})
	}
}
