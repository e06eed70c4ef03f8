package web

import (
	"context"
	"net/url"
	"strings"
	"testing"
)

func TestAcceptLanguage(t *testing.T) {
	tests := []struct{ header, want string }{
		{"", "ja"},
		{"en-US,en;q=0.9", "en"},
		{"ja-JP,ja;q=0.9,en;q=0.8", "ja"},
		{"fr-FR,en;q=0.5,ja;q=0.7", "ja"},
		{"de, en;q=0.1", "en"},
		{"de", "ja"},
		{"en;q=0, ja;q=0.2", "ja"},
	}
	for _, tt := range tests {
		if got := acceptLanguage(tt.header); got != tt.want {
			t.Errorf("acceptLanguage(%q) = %s, want %s", tt.header, got, tt.want)
		}
	}
}

func TestLanguageSwitchIsRemembered(t *testing.T) {
	tm := newTeam(t)
	if r := tm.get("/plans", tm.editor); !strings.Contains(r.Body, `<html lang="ja">`) || !strings.Contains(r.Body, "逆算へようこそ") {
		t.Fatalf("default is not Japanese")
	}
	w := tm.do(req{method: "GET", path: "/plans", cookie: tm.editor, header: map[string]string{"Accept-Language": "en-US"}})
	if !strings.Contains(w.Body.String(), "Welcome to gyakusan") {
		t.Errorf("Accept-Language en not honoured")
	}
	w = tm.do(req{method: "POST", path: "/lang", form: url.Values{"lang": {"en"}, "next": {"/plans?x=1"}}, cookie: tm.editor})
	if w.Code != 303 || w.Header().Get("Location") != "/plans?x=1" {
		t.Fatalf("switch = %d %q", w.Code, w.Header().Get("Location"))
	}
	var langC string
	for _, c := range w.Result().Cookies() {
		if c.Name == langCookie {
			langC = c.Value
		}
	}
	if langC != "en" {
		t.Errorf("lang cookie = %q", langC)
	}
	u, err := tm.db.User(context.Background(), tm.editorID)
	if err != nil || u.Lang != "en" {
		t.Errorf("profile lang = %q (%v)", u.Lang, err)
	}
	// The profile carries the choice to a browser without the cookie.
	if r := tm.get("/plans", tm.editor); !strings.Contains(r.Body, `<html lang="en">`) {
		t.Errorf("profile language not used")
	}
	if w := tm.do(req{method: "POST", path: "/lang", form: url.Values{"lang": {"fr"}}, cookie: tm.editor}); w.Code != 422 {
		t.Errorf("unknown language = %d", w.Code)
	}
	if w := tm.do(req{method: "POST", path: "/lang", form: url.Values{"lang": {"ja"}, "next": {"//evil.example/"}}, cookie: tm.editor}); w.Header().Get("Location") != "/" {
		t.Errorf("switch redirected off site to %q", w.Header().Get("Location"))
	}
}
