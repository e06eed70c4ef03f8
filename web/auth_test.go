package web

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"gyakusan"
	"gyakusan/password"
	"gyakusan/store"
	"gyakusan/store/storetest"
)

// acct is a server on a real store with a clock the test moves, and helpers
// to make users and sessions without paying for argon2 at every sign-in.
type acct struct {
	t   *testing.T
	db  *store.DB
	srv *Server

	mu  sync.Mutex
	now time.Time
}

// tlog sends the server's log to the test's.
type tlog struct{ t *testing.T }

func (l tlog) Write(b []byte) (int, error) { l.t.Log(strings.TrimSpace(string(b))); return len(b), nil }

// testPassword is the password of every user acct.user makes.
const testPassword = "correct horse battery staple"

// fastHash is testPassword hashed with cheap parameters, made once.
var fastHash = sync.OnceValue(func() string {
	h, err := password.Fast.Hash(testPassword)
	if err != nil {
		panic(err)
	}
	return h
})

func newAcct(t *testing.T, db *store.DB, cfg Config) *acct {
	t.Helper()
	// The store stamps some rows with its own clock (history, creation), so the
	// test clock starts at the real time and only moves forward.
	a := &acct{t: t, db: db, now: time.Now().UTC().Truncate(time.Millisecond)}
	srv, err := NewServer(cfg, Deps{Plans: db, Users: db, Sessions: db, Now: a.clock, Log: slog.New(slog.NewTextHandler(tlog{t}, nil))})
	if err != nil {
		t.Fatal(err)
	}
	a.srv = srv
	return a
}

func (a *acct) clock() time.Time {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.now
}

func (a *acct) advance(d time.Duration) {
	a.mu.Lock()
	a.now = a.now.Add(d)
	a.mu.Unlock()
}

// org returns the organization called name, creating it when new.
func (a *acct) org(name string) gyakusan.Org {
	a.t.Helper()
	ctx := context.Background()
	o, err := a.db.OrgByName(ctx, name)
	if gyakusan.ErrorCode(err) == gyakusan.CodeNotFound {
		o, err = a.db.CreateOrg(ctx, name)
	}
	if err != nil {
		a.t.Fatal(err)
	}
	return o
}

// user makes a member of org with role, whose password is testPassword.
func (a *acct) user(email, org string, role gyakusan.Role) gyakusan.User {
	a.t.Helper()
	ctx := context.Background()
	u, _, err := a.db.UserByEmail(ctx, email)
	if gyakusan.ErrorCode(err) == gyakusan.CodeNotFound {
		u, err = a.db.CreateUser(ctx, email, fastHash())
	}
	if err != nil {
		a.t.Fatal(err)
	}
	if err := a.db.AddMember(ctx, a.org(org).ID, u.ID, role); err != nil {
		a.t.Fatal(err)
	}
	return u
}

// session signs u in to org directly in the store and returns the cookie.
func (a *acct) session(u gyakusan.User, org string) *http.Cookie {
	a.t.Helper()
	now := a.clock()
	id := password.NewSecret(password.SessionPrefix)
	err := a.db.CreateSession(context.Background(), gyakusan.Session{ID: id, UserID: u.ID, OrgID: a.org(org).ID,
		Created: now, LastSeen: now, ExpiresAt: now.Add(DefaultSessionMax)})
	if err != nil {
		a.t.Fatal(err)
	}
	return &http.Cookie{Name: a.srv.sessionCookieName(), Value: id}
}

// req is one request to the server.
type req struct {
	method, path string
	form         url.Values // sent as a form body when set
	json         string     // sent as a JSON body when set
	cookie       *http.Cookie
	header       map[string]string
}

// do serves r as a same-origin browser request unless its headers say
// otherwise.
func (a *acct) do(r req) *httptest.ResponseRecorder {
	a.t.Helper()
	var body io.Reader
	switch {
	case r.form != nil:
		body = strings.NewReader(r.form.Encode())
	case r.json != "":
		body = strings.NewReader(r.json)
	}
	hr := httptest.NewRequest(r.method, r.path, body)
	hr.RemoteAddr = "192.0.2.10:50000"
	switch {
	case r.form != nil:
		hr.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	case r.json != "":
		hr.Header.Set("Content-Type", "application/json")
	}
	if r.method != http.MethodGet {
		hr.Header.Set("Sec-Fetch-Site", "same-origin")
	}
	for k, v := range r.header {
		if v == "" {
			hr.Header.Del(k)
		} else {
			hr.Header.Set(k, v)
		}
	}
	if r.cookie != nil {
		hr.AddCookie(r.cookie)
	}
	w := httptest.NewRecorder()
	a.srv.ServeHTTP(w, hr)
	return w
}

// newCookie returns the session cookie a response set, or nil.
func (a *acct) newCookie(w *httptest.ResponseRecorder) *http.Cookie {
	for _, c := range w.Result().Cookies() {
		if c.Name == a.srv.sessionCookieName() && c.Value != "" {
			return c
		}
	}
	return nil
}

// signedIn reports whether cookie opens a page that needs a session.
func (a *acct) signedIn(c *http.Cookie) bool {
	a.t.Helper()
	w := a.do(req{method: "GET", path: "/account", cookie: c})
	return w.Code == http.StatusOK
}

func login(email, pw string) url.Values { return url.Values{"email": {email}, "password": {pw}} }

func TestLoginGivesANewSessionIDAndEndsThePlantedOne(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		a := newAcct(t, db, Config{})
		victim := a.user("victim@example.jp", "A", gyakusan.RoleEditor)
		a.user("attacker@example.jp", "A", gyakusan.RoleViewer)
		// The attacker signs in, then plants their session id in the
		// victim's browser.
		w := a.do(req{method: "POST", path: "/login", form: login("attacker@example.jp", testPassword)})
		planted := a.newCookie(w)
		if w.Code != http.StatusSeeOther || planted == nil {
			t.Fatalf("attacker login: %d, cookie %v", w.Code, planted)
		}
		w = a.do(req{method: "POST", path: "/login", form: login("victim@example.jp", testPassword), cookie: planted})
		got := a.newCookie(w)
		if w.Code != http.StatusSeeOther || got == nil {
			t.Fatalf("victim login: %d, cookie %v", w.Code, got)
		}
		if got.Value == planted.Value {
			t.Fatal("the session id did not change at login")
		}
		if a.signedIn(planted) {
			t.Error("the planted session still works after the victim signed in")
		}
		if _, err := db.SessionByID(context.Background(), planted.Value, a.clock(), 0); gyakusan.ErrorCode(err) != gyakusan.CodeNotFound {
			t.Errorf("planted session in the store: %v", err)
		}
		s, err := db.SessionByID(context.Background(), got.Value, a.clock(), 0)
		if err != nil || s.UserID != victim.ID {
			t.Fatalf("new session = %+v, %v", s, err)
		}
	})
}

func TestLogoutEndsTheSessionOnTheServer(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		a := newAcct(t, db, Config{})
		a.user("a@example.jp", "A", gyakusan.RoleViewer)
		c := a.newCookie(a.do(req{method: "POST", path: "/login", form: login("a@example.jp", testPassword)}))
		if !a.signedIn(c) {
			t.Fatal("not signed in after login")
		}
		w := a.do(req{method: "POST", path: "/logout", cookie: c})
		if w.Code != http.StatusSeeOther {
			t.Fatalf("logout: %d", w.Code)
		}
		cleared := false
		for _, k := range w.Result().Cookies() {
			cleared = cleared || k.Name == c.Name && k.MaxAge < 0
		}
		if !cleared {
			t.Error("logout did not clear the cookie")
		}
		// A copy of the old cookie is worthless now.
		w = a.do(req{method: "GET", path: "/account", cookie: c})
		if w.Code != http.StatusSeeOther || !strings.HasPrefix(w.Header().Get("Location"), "/login") {
			t.Errorf("old cookie after logout: %d → %s; want a redirect to the login", w.Code, w.Header().Get("Location"))
		}
		w = a.do(req{method: "GET", path: "/api/v1/plans", cookie: c})
		if w.Code != http.StatusUnauthorized {
			t.Errorf("old cookie on the API after logout: %d, want 401", w.Code)
		}
	})
}

func TestSessionCookieAttributes(t *testing.T) {
	for _, secure := range []bool{false, true} {
		t.Run(fmt.Sprint("tls=", secure), func(t *testing.T) {
			a := newAcct(t, storetest.Open(t), Config{SecureCookies: secure})
			a.user("a@example.jp", "A", gyakusan.RoleViewer)
			c := a.newCookie(a.do(req{method: "POST", path: "/login", form: login("a@example.jp", testPassword)}))
			if c == nil {
				t.Fatal("no session cookie")
			}
			wantName := "gyakusan_session"
			if secure {
				wantName = "__Host-gyakusan_session"
			}
			if c.Name != wantName || !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Path != "/" || c.Domain != "" || c.Secure != secure {
				t.Errorf("cookie = %+v; want %s, HttpOnly, SameSite=Lax, Path=/, no Domain, Secure=%v", c, wantName, secure)
			}
			if !c.Expires.Equal(a.clock().Add(DefaultSessionMax).Truncate(time.Second)) {
				t.Errorf("cookie expires %v, want the absolute timeout", c.Expires)
			}
			if !a.signedIn(c) {
				t.Error("the cookie does not sign in")
			}
		})
	}
}

func TestSessionTimeouts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		a := newAcct(t, db, Config{})
		u := a.user("a@example.jp", "A", gyakusan.RoleViewer)
		t.Run("idle", func(t *testing.T) {
			c := a.session(u, "A")
			a.advance(DefaultSessionIdle - time.Minute)
			if !a.signedIn(c) {
				t.Fatal("signed out before the idle timeout")
			}
			a.advance(DefaultSessionIdle - time.Minute)
			if !a.signedIn(c) {
				t.Fatal("activity did not extend the session")
			}
			a.advance(DefaultSessionIdle)
			if a.signedIn(c) {
				t.Error("still signed in after the idle timeout")
			}
		})
		t.Run("absolute", func(t *testing.T) {
			c := a.session(u, "A")
			for elapsed := time.Duration(0); elapsed < DefaultSessionMax-6*time.Hour; elapsed += 6 * time.Hour {
				a.advance(6 * time.Hour)
				if !a.signedIn(c) {
					t.Fatalf("signed out after %v of activity", elapsed)
				}
			}
			a.advance(6 * time.Hour)
			if a.signedIn(c) {
				t.Error("still signed in after the absolute timeout")
			}
		})
	})
}

func TestSixtyFourKanjiPasswordSignsIn(t *testing.T) {
	a := newAcct(t, storetest.Open(t), Config{})
	pw := strings.Repeat("漢", 64)
	hash, err := password.Hash(pw)
	if err != nil {
		t.Fatal(err)
	}
	u, err := a.db.CreateUser(context.Background(), "kanji@example.jp", hash)
	if err != nil {
		t.Fatal(err)
	}
	a.db.AddMember(context.Background(), a.org("A").ID, u.ID, gyakusan.RoleViewer)
	if w := a.do(req{method: "POST", path: "/login", form: login("kanji@example.jp", strings.Repeat("漢", 63))}); w.Code != http.StatusUnauthorized {
		t.Fatalf("63 kanji: %d, want 401", w.Code)
	}
	w := a.do(req{method: "POST", path: "/login", form: login("kanji@example.jp", pw)})
	if w.Code != http.StatusSeeOther || a.newCookie(w) == nil {
		t.Fatalf("64 kanji: %d, want 303 and a session", w.Code)
	}
}

func TestLoginFailureDoesNotRevealWhichFieldIsWrong(t *testing.T) {
	a := newAcct(t, storetest.Open(t), Config{})
	a.user("known@example.jp", "A", gyakusan.RoleViewer)
	for _, lang := range []string{"ja", "en"} {
		wrongPw := a.do(req{method: "POST", path: "/login?lang=" + lang, form: login("known@example.jp", "wrong password")})
		unknown := a.do(req{method: "POST", path: "/login?lang=" + lang, form: login("nobody@example.jp", "wrong password")})
		want := map[string]string{"ja": "メールアドレスまたはパスワードが違います。", "en": "The email or password is not right."}[lang]
		for _, w := range []*httptest.ResponseRecorder{wrongPw, unknown} {
			if w.Code != http.StatusUnauthorized || !strings.Contains(w.Body.String(), want) {
				t.Errorf("%s: %d, body lacks %q", lang, w.Code, want)
			}
		}
		a := strings.ReplaceAll(wrongPw.Body.String(), "known@example.jp", "E")
		b := strings.ReplaceAll(unknown.Body.String(), "nobody@example.jp", "E")
		if a != b {
			t.Errorf("%s: the answers for a wrong password and an unknown email differ", lang)
		}
	}
}

func TestLoginRedirectsOnlyToLocalPaths(t *testing.T) {
	a := newAcct(t, storetest.Open(t), Config{})
	a.user("a@example.jp", "A", gyakusan.RoleViewer)
	for next, want := range map[string]string{"/plans/3": "/plans/3", "//evil.example/": "/plans", "https://evil.example/": "/plans", `/\evil.example`: "/plans"} {
		f := login("a@example.jp", testPassword)
		f.Set("next", next)
		if got := a.do(req{method: "POST", path: "/login", form: f}).Header().Get("Location"); got != want {
			t.Errorf("next=%q: redirect to %q, want %q", next, got, want)
		}
	}
}
