package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"gyakusan"
	"gyakusan/password"
	"gyakusan/store/storetest"
)

func TestCrossOriginRequestsAreRefused(t *testing.T) {
	a := newAcct(t, storetest.Open(t), Config{TrustedOrigins: []string{"https://kpi.example.co.jp/"}})
	u := a.user("a@example.jp", "A", gyakusan.RoleOwner)
	c := a.session(u, "A")
	tests := []struct {
		name   string
		header map[string]string
		cookie bool
		want   int // 403, or 0 for "served"
	}{
		{"same-origin fetch metadata", map[string]string{"Sec-Fetch-Site": "same-origin"}, true, 0},
		{"cross-site fetch metadata", map[string]string{"Sec-Fetch-Site": "cross-site"}, true, 403},
		{"same-site (a sibling subdomain)", map[string]string{"Sec-Fetch-Site": "same-site"}, true, 403},
		{"foreign Origin from an older browser", map[string]string{"Sec-Fetch-Site": "", "Origin": "https://evil.example"}, true, 403},
		{"Origin of this host", map[string]string{"Sec-Fetch-Site": "", "Origin": "http://example.com"}, true, 0},
		{"the trusted proxy origin", map[string]string{"Sec-Fetch-Site": "cross-site", "Origin": "https://kpi.example.co.jp"}, true, 0},
		{"cross-site sign-in (login CSRF)", map[string]string{"Sec-Fetch-Site": "cross-site"}, false, 403},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := req{method: "POST", path: "/tokens", form: url.Values{"name": {tt.name}}, header: tt.header}
			if tt.cookie {
				r.cookie = c
			} else {
				r.path, r.form = "/login", login("a@example.jp", testPassword)
			}
			before := snapshot(t, a.db)
			w := a.do(r)
			if tt.want == 403 {
				if w.Code != http.StatusForbidden {
					t.Fatalf("%d, want 403", w.Code)
				}
				if snapshot(t, a.db) != before {
					t.Error("a refused cross-origin request changed the database")
				}
				return
			}
			if w.Code == http.StatusForbidden {
				t.Fatalf("%d, want the request served", w.Code)
			}
		})
	}
}

func TestCrossOriginRefusalIsExplained(t *testing.T) {
	a := newAcct(t, storetest.Open(t), Config{})
	for lang, want := range map[string]string{"ja": "別のサイトから送られたリクエスト", "en": "came from another site"} {
		w := a.do(req{method: "POST", path: "/login", form: login("a@example.jp", "x"),
			header: map[string]string{"Sec-Fetch-Site": "cross-site", "Accept-Language": lang}})
		if w.Code != http.StatusForbidden || !strings.Contains(w.Body.String(), want) {
			t.Errorf("%s: %d %q; want 403 with %q", lang, w.Code, w.Body.String(), want)
		}
	}
}

func TestBearerScriptsAreNotBlockedByCSRF(t *testing.T) {
	a := newAcct(t, storetest.Open(t), Config{})
	u := a.user("a@example.jp", "A", gyakusan.RoleEditor)
	secret := password.NewSecret(password.TokenPrefix)
	if _, err := a.db.CreateToken(t.Context(), gyakusan.Token{UserID: u.ID, OrgID: a.org("A").ID}, secret); err != nil {
		t.Fatal(err)
	}
	hdr := map[string]string{"Authorization": "Bearer " + secret, "Sec-Fetch-Site": "cross-site", "Origin": "https://elsewhere.example"}
	w := a.do(req{method: "POST", path: "/api/v1/plans", json: seedPlanJSON, header: hdr})
	if w.Code == http.StatusForbidden || w.Code == http.StatusUnauthorized {
		t.Fatalf("a token without a cookie: %d, want the request served", w.Code)
	}
	// With a cookie it is a browser again, and the check applies.
	w = a.do(req{method: "POST", path: "/api/v1/plans", json: seedPlanJSON, header: hdr, cookie: a.session(u, "A")})
	if w.Code != http.StatusForbidden {
		t.Errorf("a token with a cookie, cross-site: %d, want 403", w.Code)
	}
}
