package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"gyakusan"
	"gyakusan/password"
	"gyakusan/store"
	"gyakusan/store/storetest"
)

// seedPlanJSON is the seed sheet's plan, valid for every plan route.
const seedPlanJSON = `{"name":"KPI 1年目","year":1,"start_month":"2026-04","months":12,
"target":{"won":60},"unit_price":1000000,"rates":{"meeting":20,"opportunity":50,"win":25},
"channels":[{"name":"広告","kind":"ads","leads":100,"cpa":10000}]}`

// world is two organizations, A and B, each with its members, a plan, a
// token and an invitation, for the tests generated from the route table.
type world struct {
	*acct
	ownerA, editorA, viewerA, memberA, ownerB gyakusan.User
	planA, planB                              gyakusan.StoredPlan
	tokenA                                    gyakusan.Token
	inviteA                                   string
}

func newWorld(t *testing.T, db *store.DB) *world {
	t.Helper()
	w := &world{acct: newAcct(t, db, Config{})}
	w.ownerA = w.user("owner@a.example", "A", gyakusan.RoleOwner)
	w.editorA = w.user("editor@a.example", "A", gyakusan.RoleEditor)
	w.viewerA = w.user("viewer@a.example", "A", gyakusan.RoleViewer)
	w.memberA = w.user("member@a.example", "A", gyakusan.RoleViewer)
	w.ownerB = w.user("owner@b.example", "B", gyakusan.RoleOwner)
	ctx := context.Background()
	p, err := gyakusan.ParsePlan([]byte(seedPlanJSON))
	if err != nil {
		t.Fatal(err)
	}
	if w.planA, err = db.CreatePlan(ctx, w.org("A").ID, w.ownerA.ID, p); err != nil {
		t.Fatal(err)
	}
	if w.planB, err = db.CreatePlan(ctx, w.org("B").ID, w.ownerB.ID, p); err != nil {
		t.Fatal(err)
	}
	if w.tokenA, err = db.CreateToken(ctx, gyakusan.Token{UserID: w.ownerA.ID, OrgID: w.org("A").ID, Name: "a"}, password.NewSecret(password.TokenPrefix)); err != nil {
		t.Fatal(err)
	}
	w.inviteA = password.NewSecret(password.InvitationPrefix)
	if _, err := db.CreateInvitation(ctx, gyakusan.Invitation{OrgID: w.org("A").ID, Email: "new@a.example", Role: gyakusan.RoleViewer,
		CreatedBy: w.ownerA.ID, ExpiresAt: w.clock().Add(invitationTTL)}, w.inviteA); err != nil {
		t.Fatal(err)
	}
	return w
}

// ownIDs are the values of org A's objects for each route parameter.
func (w *world) ownIDs() map[string]string {
	return map[string]string{
		"id":     strconv.FormatInt(w.planA.ID, 10),
		"user":   strconv.FormatInt(w.memberA.ID, 10),
		"token":  strconv.FormatInt(w.tokenA.ID, 10),
		"secret": w.inviteA,
		"file":   "app.css",
	}
}

// tenantParams are the route parameters that name an object of an
// organization (or a user): each must answer another tenant's value like an
// unknown one. The others are not ids: {file} names an embedded file and
// {secret} a random invitation secret (see the invitation tests).
var tenantParams = map[string]bool{"id": true, "user": true, "token": true, "file": false, "secret": false}

var paramRE = regexp.MustCompile(`\{([a-z]+)(\.\.\.)?\}`)

// fill substitutes vals into a route pattern.
func fill(pattern string, vals map[string]string) string {
	p := strings.TrimSuffix(pattern, "{$}")
	return paramRE.ReplaceAllStringFunc(p, func(m string) string {
		return url.PathEscape(vals[paramRE.FindStringSubmatch(m)[1]])
	})
}

func params(pattern string) []string {
	var out []string
	for _, m := range paramRE.FindAllStringSubmatch(pattern, -1) {
		out = append(out, m[1])
	}
	return out
}

// bodyFor is a valid body for a route, so that the answer depends on the
// ids and the role, not on the input.
func bodyFor(rt route, version int64) req {
	r := req{method: rt.Method, path: rt.Pattern}
	switch {
	case rt.Method == http.MethodGet || rt.Method == http.MethodDelete:
	case strings.HasPrefix(rt.Pattern, "/api/") && rt.Method == http.MethodPut:
		r.json = fmt.Sprintf(`{"version":%d,"plan":%s}`, version, seedPlanJSON)
	case strings.HasPrefix(rt.Pattern, "/api/"):
		r.json = seedPlanJSON
	default:
		r.form = url.Values{"version": {strconv.FormatInt(version, 10)}, "name": {"x"}, "role": {"viewer"},
			"confirm": {"yes"}, "lang": {"en"}, "plan": {seedPlanJSON}}
	}
	return r
}

// snapshot renders every row of every table, so that a test can tell
// whether a request changed anything at all.
func snapshot(t *testing.T, db *store.DB) string {
	t.Helper()
	ctx := context.Background()
	q := `SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`
	if db.Dialect() == store.Postgres {
		q = `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name`
	}
	rows, err := db.Query(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var n string
		rows.Scan(&n)
		tables = append(tables, n)
	}
	rows.Close()
	var b strings.Builder
	for _, tb := range tables {
		rows, err := db.Query(ctx, `SELECT * FROM `+tb)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		var lines []string
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			lines = append(lines, fmt.Sprintf("%v", vals))
		}
		rows.Close()
		sort.Strings(lines)
		fmt.Fprintf(&b, "%s:\n%s\n", tb, strings.Join(lines, "\n"))
	}
	return b.String()
}

func TestNoGETRouteChangesState(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		owner := w.session(w.ownerA, "A")
		before := snapshot(t, db)
		for _, rt := range w.srv.routes() {
			if rt.Method != http.MethodGet {
				continue
			}
			for _, c := range []*http.Cookie{owner, nil} {
				r := bodyFor(rt, w.planA.Version)
				r.path, r.cookie = fill(rt.Pattern, w.ownIDs()), c
				if res := w.do(r); res.Code >= 500 && res.Code != http.StatusNotImplemented {
					t.Errorf("GET %s: %d", r.path, res.Code)
				}
			}
			if after := snapshot(t, db); after != before {
				t.Fatalf("GET %s changed the database:\nbefore %s\nafter %s", rt.Pattern, before, after)
			}
		}
	})
}

func TestEveryIDOfAnotherOrgAnswersLikeAnUnknownID(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		// B's owner may do everything in B, so only the tenant check can
		// stop them; every A id must look to them like one that does not
		// exist.
		attacker := w.session(w.ownerB, "B")
		foreign := w.ownIDs()
		unknown := map[string]string{"id": "987654", "user": "987654", "token": "987654", "file": "app.css", "secret": w.inviteA}
		before := snapshot(t, db)
		tested := 0
		for _, rt := range w.srv.routes() {
			var ids []string
			for _, p := range params(rt.Pattern) {
				tenant, known := tenantParams[p]
				if !known {
					t.Errorf("route %s %s has parameter {%s}: add it to tenantParams", rt.Method, rt.Pattern, p)
				}
				if tenant {
					ids = append(ids, p)
				}
			}
			if len(ids) == 0 {
				continue
			}
			answer := func(vals map[string]string) (int, string) {
				r := bodyFor(rt, w.planA.Version)
				r.path, r.cookie = fill(rt.Pattern, vals), attacker
				res := w.do(r)
				// Pages echo their own path (the language switch returns
				// to it); that echo is the only place the id may appear.
				return res.Code, strings.ReplaceAll(res.Body.String(), r.path, rt.Pattern)
			}
			fc, fb := answer(foreign)
			uc, ub := answer(unknown)
			if fc == http.StatusNotImplemented && uc == http.StatusNotImplemented {
				t.Logf("%s %s is not implemented yet", rt.Method, rt.Pattern)
				continue
			}
			tested++
			if fc != http.StatusNotFound || uc != http.StatusNotFound {
				t.Errorf("%s %s: another org's id → %d, unknown id → %d; want 404 for both", rt.Method, rt.Pattern, fc, uc)
			}
			if fb != ub {
				t.Errorf("%s %s: the body for another org's id differs from the body for an unknown id:\n%s\n---\n%s", rt.Method, rt.Pattern, fb, ub)
			}
		}
		if tested < 3 {
			t.Errorf("only %d routes with ids were tested", tested)
		}
		if after := snapshot(t, db); after != before {
			t.Errorf("requests with another org's ids changed the database")
		}
		// Switching to an organization one is not in is the same 404 as
		// switching to one that does not exist.
		a := w.do(req{method: "POST", path: "/org", form: url.Values{"org": {strconv.FormatInt(w.org("A").ID, 10)}}, cookie: attacker})
		b := w.do(req{method: "POST", path: "/org", form: url.Values{"org": {"987654"}}, cookie: attacker})
		if a.Code != http.StatusNotFound || a.Body.String() != b.Body.String() {
			t.Errorf("switch to a foreign org: %d; want 404 with the body of an unknown org", a.Code)
		}
	})
}

func TestRoleMatrixOnEveryMutatingRoute(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		for _, rt := range (&Server{}).routes() {
			if rt.Method == http.MethodGet || rt.Need == public {
				continue
			}
			t.Run(rt.Method+" "+rt.Pattern, func(t *testing.T) {
				// A fresh world per route: an allowed request may delete
				// the plan or remove the member the next one needs.
				w := newWorld(t, db)
				for _, role := range []gyakusan.Role{gyakusan.RoleViewer, gyakusan.RoleEditor, gyakusan.RoleOwner} {
					u := map[gyakusan.Role]gyakusan.User{gyakusan.RoleViewer: w.viewerA, gyakusan.RoleEditor: w.editorA, gyakusan.RoleOwner: w.ownerA}[role]
					r := bodyFor(rt, w.planA.Version)
					r.path, r.cookie = fill(rt.Pattern, w.ownIDs()), w.session(u, "A")
					res := w.do(r)
					allowed := role.Can(rt.Need)
					switch {
					case !allowed && res.Code != http.StatusForbidden:
						t.Errorf("%s: %d, want 403", role, res.Code)
					case allowed && (res.Code == http.StatusForbidden || res.Code == http.StatusUnauthorized || res.Code >= 500 && res.Code != http.StatusNotImplemented):
						t.Errorf("%s: %d, want the request served", role, res.Code)
					}
				}
			})
		}
	})
}

func TestRefusedRolesChangeNothing(t *testing.T) {
	db := storetest.Open(t)
	w := newWorld(t, db)
	viewer := w.session(w.viewerA, "A")
	editor := w.session(w.editorA, "A")
	before := snapshot(t, db)
	for _, rt := range w.srv.routes() {
		if rt.Method == http.MethodGet || rt.Need == public {
			continue
		}
		for role, c := range map[gyakusan.Role]*http.Cookie{gyakusan.RoleViewer: viewer, gyakusan.RoleEditor: editor} {
			if role.Can(rt.Need) {
				continue
			}
			r := bodyFor(rt, w.planA.Version)
			r.path, r.cookie = fill(rt.Pattern, w.ownIDs()), c
			w.do(r)
		}
	}
	if snapshot(t, db) != before {
		t.Error("a refused request changed the database")
	}
}

func TestAccessLevelsOfTheRouteTable(t *testing.T) {
	for _, rt := range (&Server{}).routes() {
		if strings.HasPrefix(rt.Pattern, "/members") && rt.Need != owner {
			t.Errorf("%s %s needs %q; member management is for owners", rt.Method, rt.Pattern, rt.Need)
		}
		if rt.Need == public && rt.Method != http.MethodGet {
			switch rt.Pattern {
			case "/login", "/logout", "/lang", "/setup", "/invite/{secret}":
			default:
				t.Errorf("%s %s changes state without a sign-in", rt.Method, rt.Pattern)
			}
		}
	}
}
