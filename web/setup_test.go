package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"gyakusan"
	"gyakusan/store"
	"gyakusan/store/storetest"
)

func TestFirstRunSetupCreatesTheOwnerOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		a := newAcct(t, db, Config{})
		if w := a.do(req{method: "GET", path: "/login"}); w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/setup" {
			t.Fatalf("login before any user: %d → %q, want /setup", w.Code, w.Header().Get("Location"))
		}
		w := a.do(req{method: "GET", path: "/setup?lang=ja"})
		if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), "はじめの設定") {
			t.Fatalf("setup page: %d", w.Code)
		}
		pw := strings.Repeat("漢", 64)
		form := url.Values{"email": {" Owner@Example.JP "}, "password": {pw}, "password2": {pw}, "org": {"株式会社サンプル"}}
		w = a.do(req{method: "POST", path: "/setup", form: form})
		c := a.newCookie(w)
		if w.Code != http.StatusSeeOther || c == nil {
			t.Fatalf("setup: %d, cookie %v; body %s", w.Code, c, w.Body.String())
		}
		u, _, err := db.UserByEmail(context.Background(), "owner@example.jp")
		if err != nil {
			t.Fatal(err)
		}
		m, err := db.Membership(context.Background(), a.org("株式会社サンプル").ID, u.ID)
		if err != nil || m.Role != gyakusan.RoleOwner {
			t.Fatalf("membership = %+v, %v; want owner", m, err)
		}
		if !a.signedIn(c) {
			t.Error("setup did not sign the owner in")
		}
		// Once a user exists the page is gone, for GET and POST alike.
		if w := a.do(req{method: "GET", path: "/setup"}); w.Code != http.StatusNotFound {
			t.Errorf("setup page after setup: %d, want 404", w.Code)
		}
		form.Set("email", "intruder@example.jp")
		if w := a.do(req{method: "POST", path: "/setup", form: form}); w.Code != http.StatusNotFound {
			t.Errorf("second setup: %d, want 404", w.Code)
		}
		if n, _ := db.CountUsers(context.Background()); n != 1 {
			t.Errorf("%d users, want 1", n)
		}
		// The 64-kanji password signs in.
		if w := a.do(req{method: "POST", path: "/login", form: login("owner@example.jp", pw)}); w.Code != http.StatusSeeOther {
			t.Errorf("sign in with the setup password: %d", w.Code)
		}
	})
}

func TestSetupNamesEveryBadField(t *testing.T) {
	a := newAcct(t, storetest.Open(t), Config{})
	form := url.Values{"email": {"not-an-email"}, "password": {"short"}, "password2": {"short"}, "org": {""}}
	for lang, wants := range map[string][]string{
		"ja": {"メールアドレスの形式が正しくありません", "パスワードは8文字以上", "組織名を入力してください"},
		"en": {"This is not an email address", "at least 8 characters", "Enter the organization&#39;s name"},
	} {
		w := a.do(req{method: "POST", path: "/setup?lang=" + lang, form: form})
		if w.Code != http.StatusUnprocessableEntity {
			t.Fatalf("%s: %d, want 422", lang, w.Code)
		}
		for _, want := range wants {
			if !strings.Contains(w.Body.String(), want) {
				t.Errorf("%s: body lacks %q", lang, want)
			}
		}
		if !strings.Contains(w.Body.String(), `value="not-an-email"`) {
			t.Errorf("%s: the typed email was lost", lang)
		}
	}
	mismatch := url.Values{"email": {"a@example.jp"}, "password": {"long enough 1"}, "password2": {"long enough 2"}, "org": {"A"}}
	if w := a.do(req{method: "POST", path: "/setup?lang=en", form: mismatch}); !strings.Contains(w.Body.String(), "The two passwords do not match. Type the same password in both fields.") {
		t.Errorf("mismatch: %d", w.Code)
	}
	if n, _ := a.db.CountUsers(context.Background()); n != 0 {
		t.Errorf("bad setups created %d users", n)
	}
}
