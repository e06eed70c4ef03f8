package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"gyakusan"
	"gyakusan/store/storetest"
)

func TestSecurityHeadersOnEveryResponse(t *testing.T) {
	a := newAcct(t, storetest.Open(t), Config{})
	u := a.user("a@example.jp", "A", gyakusan.RoleViewer)
	c := a.session(u, "A")
	for _, r := range []req{
		{method: "GET", path: "/login"},
		{method: "GET", path: "/account", cookie: c},
		{method: "GET", path: "/no/such/page"},
		{method: "GET", path: "/static/app.css"},
		{method: "GET", path: "/api/v1/plans"},
		{method: "POST", path: "/login", form: login("a@example.jp", "wrong")},
		{method: "POST", path: "/tokens", form: url.Values{}, header: map[string]string{"Sec-Fetch-Site": "cross-site"}, cookie: c},
	} {
		w := a.do(r)
		h := w.Header()
		csp := h.Get("Content-Security-Policy")
		for _, d := range []string{"default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
			"frame-ancestors 'none'", "base-uri 'none'", "form-action 'self'"} {
			if !strings.Contains(csp, d) {
				t.Errorf("%s %s (%d): CSP %q lacks %q", r.method, r.path, w.Code, csp, d)
			}
		}
		if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") {
			t.Errorf("%s %s: CSP allows inline script or eval: %q", r.method, r.path, csp)
		}
		for k, want := range map[string]string{"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY", "Referrer-Policy": "same-origin"} {
			if got := h.Get(k); got != want {
				t.Errorf("%s %s: %s = %q, want %q", r.method, r.path, k, got, want)
			}
		}
		if h.Get("Strict-Transport-Security") != "" {
			t.Errorf("%s %s: HSTS over plain HTTP", r.method, r.path)
		}
	}
	tls := newAcct(t, storetest.Open(t), Config{SecureCookies: true})
	if got := tls.do(req{method: "GET", path: "/login"}).Header().Get("Strict-Transport-Security"); !strings.HasPrefix(got, "max-age=") {
		t.Errorf("over TLS: Strict-Transport-Security = %q", got)
	}
}

func TestTemplatesHaveNoInlineScript(t *testing.T) {
	tm, err := parseTemplates()
	if err != nil {
		t.Fatal(err)
	}
	for name := range tm.pages {
		b, err := templateFS.ReadFile("templates/" + name + ".html")
		if err != nil {
			continue
		}
		s := strings.ToLower(string(b))
		if strings.Contains(s, "<script>") || strings.Contains(s, " onclick=") || strings.Contains(s, " onsubmit=") ||
			strings.Contains(s, " style=") || strings.Contains(s, "javascript:") {
			t.Errorf("template %s has inline script or style, which the CSP blocks", name)
		}
	}
}

func TestOversizedFormsAreRefusedCalmly(t *testing.T) {
	a := newAcct(t, storetest.Open(t), Config{})
	a.user("a@example.jp", "A", gyakusan.RoleViewer)
	f := login("a@example.jp", testPassword)
	f.Set("padding", strings.Repeat("x", maxFormBody))
	w := a.do(req{method: "POST", path: "/login", form: f})
	if w.Code != http.StatusUnprocessableEntity || a.newCookie(w) != nil {
		t.Errorf("oversized sign-in form: %d, want 422 and no session", w.Code)
	}
	w = a.do(req{method: "POST", path: "/api/v1/compute", json: `{"name":"` + strings.Repeat("x", maxBody) + `"}`,
		header: map[string]string{"Authorization": ""}})
	if w.Code >= 500 {
		t.Errorf("oversized API body: %d", w.Code)
	}
}
