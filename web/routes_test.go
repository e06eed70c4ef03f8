package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"gyakusan"
	"gyakusan/store/storetest"
)

// Every route of the table answers an owner with a real plan, without a
// server error and without falling through to the mux's 404 or 405.
func TestEveryRouteAnswers(t *testing.T) {
	tm := newTeam(t)
	owner := tm.user("owner@t.example", "T", gyakusan.RoleOwner)
	oc := tm.session(owner, "T")
	member := tm.user("member@t.example", "T", gyakusan.RoleViewer)
	id := createdID(t, tm.post("/plans/sample", nil))
	vals := map[string]string{"id": strconv.FormatInt(id, 10), "user": strconv.FormatInt(member.ID, 10),
		"token": "1", "secret": "gysi_unknown", "file": "app.js"}
	for _, rt := range tm.srv.routes() {
		t.Run(rt.Method+" "+rt.Pattern, func(t *testing.T) {
			r := bodyFor(rt, tm.plan(id).Version)
			r.path, r.cookie = fill(rt.Pattern, vals), oc
			if strings.HasSuffix(rt.Pattern, "/delete") || rt.Method == http.MethodDelete {
				// Delete a plan of its own, so the other routes keep theirs.
				own := map[string]string{"id": strconv.FormatInt(createdID(t, tm.post("/plans", nil)), 10)}
				r.path = fill(rt.Pattern, own)
			}
			if strings.HasSuffix(rt.Pattern, "/logout") {
				r.cookie = nil // keep the owner's session for the routes after it
			}
			w := tm.do(r)
			if w.Code >= 500 || w.Code == http.StatusMethodNotAllowed {
				t.Fatalf("%s %s = %d: %s", r.method, r.path, w.Code, w.Body)
			}
			// The plan routes find their plan; the account routes answer 404
			// for closed setup, unknown invitations and missing form fields.
			if w.Code == http.StatusNotFound && (strings.HasPrefix(rt.Pattern, "/plans") || strings.HasPrefix(rt.Pattern, "/api/")) {
				t.Fatalf("%s %s = 404: %s", r.method, r.path, w.Body)
			}
		})
	}
}

func TestFirstRunShowsTheSetupPage(t *testing.T) {
	a := newAcct(t, storetest.Open(t), Config{})
	w := a.do(req{method: "GET", path: "/setup"})
	if w.Code != 200 || !strings.Contains(w.Body.String(), `action="/setup"`) {
		t.Errorf("GET /setup on an empty store = %d", w.Code)
	}
}

func TestAnonymousPagesGoToTheLoginAndAPIAnswers401(t *testing.T) {
	a := newAcct(t, storetest.Open(t), Config{})
	w := a.do(req{method: "GET", path: "/plans/1?x=1"})
	if w.Code != 303 || w.Header().Get("Location") != "/login?next="+url.QueryEscape("/plans/1?x=1") {
		t.Errorf("anonymous page = %d %q", w.Code, w.Header().Get("Location"))
	}
	w = a.do(req{method: "GET", path: "/api/v1/plans"})
	if w.Code != 401 || w.Header().Get("Content-Type") != "application/problem+json" || !strings.Contains(w.Body.String(), `"status":401`) {
		t.Errorf("anonymous API = %d %s %s", w.Code, w.Header().Get("Content-Type"), w.Body)
	}
	if w := a.do(req{method: "GET", path: "/"}); w.Code != 303 || w.Header().Get("Location") != "/login" {
		t.Errorf("GET / = %d %q", w.Code, w.Header().Get("Location"))
	}
}

func TestStaticFilesRevalidate(t *testing.T) {
	a := newAcct(t, storetest.Open(t), Config{})
	w := a.do(req{method: "GET", path: "/static/app.js"})
	etag := w.Header().Get("ETag")
	if w.Code != 200 || etag == "" || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/javascript") {
		t.Fatalf("app.js = %d %q %q", w.Code, etag, w.Header().Get("Content-Type"))
	}
	if w := a.do(req{method: "GET", path: "/static/app.js", header: map[string]string{"If-None-Match": etag}}); w.Code != 304 {
		t.Errorf("revalidation = %d", w.Code)
	}
	if w := a.do(req{method: "GET", path: "/static/nope.js"}); w.Code != 404 {
		t.Errorf("unknown file = %d", w.Code)
	}
}

// The pages stay small: no framework, one stylesheet, one script.
func TestPagesAreSmall(t *testing.T) {
	for name, limit := range map[string]int{"static/app.css": 24 << 10, "static/app.js": 12 << 10} {
		b, err := staticFS.ReadFile(name)
		if err != nil || len(b) > limit {
			t.Errorf("%s is %d bytes, limit %d (%v)", name, len(b), limit, err)
		}
	}
	tm := newTeam(t)
	id := strconv.FormatInt(createdID(t, tm.post("/plans/sample", nil)), 10)
	if r := tm.get("/plans/"+id, tm.editor); len(r.Body) > 120<<10 || strings.Contains(r.Body, "<script>") || strings.Contains(r.Body, " style=") {
		t.Errorf("sheet page is %d bytes or has inline script/style", len(r.Body))
	}
}
