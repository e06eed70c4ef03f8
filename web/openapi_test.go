package web

import (
	"fmt"
	"mime"
	"sort"
	"strconv"
	"strings"
	"testing"

	"gyakusan"
	"gyakusan/password"
	"gyakusan/store/storetest"
)

func apiDoc(t *testing.T) (*schemaChecker, map[string]any) {
	t.Helper()
	v, err := decodeJSONValue(openAPIDoc)
	if err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	doc := v.(map[string]any)
	return &schemaChecker{doc: doc}, doc["paths"].(map[string]any)
}

// operations lists "METHOD /path" of the document.
func operations(paths map[string]any) map[string]map[string]any {
	ops := map[string]map[string]any{}
	for p, item := range paths {
		for m, op := range item.(map[string]any) {
			if m == "parameters" {
				continue
			}
			ops[strings.ToUpper(m)+" "+p] = op.(map[string]any)
		}
	}
	return ops
}

func TestEveryAPIRouteIsDocumentedAndEveryDocumentedOneExists(t *testing.T) {
	_, paths := apiDoc(t)
	ops := operations(paths)
	a := newAcct(t, storetest.Open(t), Config{})
	routes := map[string]bool{}
	for _, r := range a.srv.routes() {
		if strings.HasPrefix(r.Pattern, "/api/") {
			routes[r.Method+" "+r.Pattern] = true
		}
	}
	for r := range routes {
		if ops[r] == nil {
			t.Errorf("route %s is not in openapi.json", r)
		}
	}
	for op := range ops {
		if !routes[op] {
			t.Errorf("openapi.json documents %s, which is not a route", op)
		}
	}
}

func TestSchemaCheckerCatchesWrongBodies(t *testing.T) {
	c, _ := apiDoc(t)
	for name, body := range map[string]string{
		"missing required field": `{"type":"urn:x","title":"t"}`,
		"string for an integer":  `{"type":"urn:x","title":"t","status":"422"}`,
		"unknown field":          `{"type":"urn:x","title":"t","status":422,"trace":"db.go:12"}`,
		"field without message":  `{"type":"urn:x","title":"t","status":422,"fields":[{"field":"rates.win"}]}`,
	} {
		v, _ := decodeJSONValue([]byte(body))
		if errs := c.check(map[string]any{"$ref": "#/components/schemas/Problem"}, v, "$"); len(errs) == 0 {
			t.Errorf("%s: %s passes as a Problem", name, body)
		}
	}
}

// apiCall is one request of the conformance walk.
type apiCall struct {
	name       string
	method     string
	path       string // with {id} substituted
	op         string // "METHOD /pattern" of the document
	token      string // "" for none
	body       string
	wantStatus int
	ctype      string // the body's Content-Type; JSON when empty
}

func TestAPIAnswersAsDocumented(t *testing.T) {
	checker, paths := apiDoc(t)
	ops := operations(paths)
	a := newAcct(t, storetest.Open(t), Config{})
	tokenFor := func(email string, role gyakusan.Role) string {
		u := a.user(email, "Acme", role)
		secret := password.NewSecret(password.TokenPrefix)
		if _, err := a.db.CreateToken(t.Context(), gyakusan.Token{UserID: u.ID, OrgID: a.org("Acme").ID}, secret); err != nil {
			t.Fatal(err)
		}
		return secret
	}
	editor := tokenFor("editor@example.jp", gyakusan.RoleEditor)
	viewer := tokenFor("viewer@example.jp", gyakusan.RoleViewer)
	other := a.org("Other")
	theirs, err := a.db.CreatePlan(t.Context(), other.ID, 0, mustPlan(t, seedPlanJSON))
	if err != nil {
		t.Fatal(err)
	}
	mine, err := a.db.CreatePlan(t.Context(), a.org("Acme").ID, 0, mustPlan(t, seedPlanJSON))
	if err != nil {
		t.Fatal(err)
	}
	doomed, err := a.db.CreatePlan(t.Context(), a.org("Acme").ID, 0, mustPlan(t, seedPlanJSON))
	if err != nil {
		t.Fatal(err)
	}
	id := strconv.FormatInt(mine.ID, 10)
	theirID := strconv.FormatInt(theirs.ID, 10)
	update := func(version int64, plan string) string {
		return fmt.Sprintf(`{"version":%d,"plan":%s}`, version, plan)
	}
	badPlan := strings.Replace(seedPlanJSON, `"win":25`, `"win":250`, 1)
	if badPlan == seedPlanJSON {
		t.Fatal("seed plan has no win rate of 25 to break")
	}
	calls := []apiCall{
		{"list", "GET", "/api/v1/plans", "GET /api/v1/plans", viewer, "", 200, ""},
		{"list archived only", "GET", "/api/v1/plans?archived=true", "GET /api/v1/plans", viewer, "", 200, ""},
		{"list with a bad filter", "GET", "/api/v1/plans?archived=maybe", "GET /api/v1/plans", viewer, "", 422, ""},
		{"create", "POST", "/api/v1/plans", "POST /api/v1/plans", editor, seedPlanJSON, 201, ""},
		{"create with a rate above 100 %", "POST", "/api/v1/plans", "POST /api/v1/plans", editor, badPlan, 422, ""},
		{"create as a viewer", "POST", "/api/v1/plans", "POST /api/v1/plans", viewer, seedPlanJSON, 403, ""},
		{"get", "GET", "/api/v1/plans/" + id, "GET /api/v1/plans/{id}", viewer, "", 200, ""},
		{"get another organization's plan", "GET", "/api/v1/plans/" + theirID, "GET /api/v1/plans/{id}", viewer, "", 404, ""},
		{"get a missing plan", "GET", "/api/v1/plans/999999", "GET /api/v1/plans/{id}", viewer, "", 404, ""},
		{"update", "PUT", "/api/v1/plans/" + id, "PUT /api/v1/plans/{id}", editor, update(1, seedPlanJSON), 200, ""},
		{"update a stale version", "PUT", "/api/v1/plans/" + id, "PUT /api/v1/plans/{id}", editor, update(1, seedPlanJSON), 409, ""},
		{"update with a bad plan", "PUT", "/api/v1/plans/" + id, "PUT /api/v1/plans/{id}", editor, update(2, badPlan), 422, ""},
		{"update as a viewer", "PUT", "/api/v1/plans/" + id, "PUT /api/v1/plans/{id}", viewer, update(2, seedPlanJSON), 403, ""},
		{"update another organization's plan", "PUT", "/api/v1/plans/" + theirID, "PUT /api/v1/plans/{id}", editor, update(1, seedPlanJSON), 404, ""},
		{"delete as a viewer", "DELETE", "/api/v1/plans/" + id, "DELETE /api/v1/plans/{id}", viewer, "", 403, ""},
		{"delete another organization's plan", "DELETE", "/api/v1/plans/" + theirID, "DELETE /api/v1/plans/{id}", editor, "", 404, ""},
		{"delete", "DELETE", "/api/v1/plans/" + strconv.FormatInt(doomed.ID, 10), "DELETE /api/v1/plans/{id}", editor, "", 204, ""},
		{"compute", "POST", "/api/v1/compute", "POST /api/v1/compute", viewer, seedPlanJSON, 200, ""},
		{"compute a bad plan", "POST", "/api/v1/compute", "POST /api/v1/compute", viewer, badPlan, 422, ""},
		{"the document itself", "GET", "/api/v1/openapi.json", "GET /api/v1/openapi.json", "", "", 200, ""},
	}
	leads, report, history := "POST /api/v1/plans/{id}/leads", "GET /api/v1/plans/{id}/report", "GET /api/v1/plans/{id}/history"
	csvHead := "lead_id,created_at,channel,meeting_at,opportunity_at,won_at,amount\n"
	goodCSV := csvHead + "L-1,2026-04-02,広告,2026-04-10,,,\nL-2,2026-04-03,広告,,,,\n"
	badCSV := csvHead + "L-1,2026-04-02,広告,,,,\nL-2,not a date,広告,,,,\n"
	calls = append(calls, []apiCall{
		{name: "import leads, dry run", method: "POST", path: "/api/v1/plans/" + id + "/leads?dry_run=1", op: leads, token: editor, body: goodCSV, wantStatus: 200, ctype: "text/csv"},
		{name: "import leads", method: "POST", path: "/api/v1/plans/" + id + "/leads", op: leads, token: editor, body: goodCSV, wantStatus: 200, ctype: "text/csv"},
		{name: "import leads with a bad line", method: "POST", path: "/api/v1/plans/" + id + "/leads", op: leads, token: editor, body: badCSV, wantStatus: 422, ctype: "text/csv"},
		{name: "import leads with an unknown preset", method: "POST", path: "/api/v1/plans/" + id + "/leads?preset=kintone", op: leads, token: editor, body: goodCSV, wantStatus: 422, ctype: "text/csv"},
		{name: "import leads as a viewer", method: "POST", path: "/api/v1/plans/" + id + "/leads", op: leads, token: viewer, body: goodCSV, wantStatus: 403, ctype: "text/csv"},
		{name: "import leads into another organization's plan", method: "POST", path: "/api/v1/plans/" + theirID + "/leads", op: leads, token: editor, body: goodCSV, wantStatus: 404, ctype: "text/csv"},
		{name: "report", method: "GET", path: "/api/v1/plans/" + id + "/report", op: report, token: viewer, wantStatus: 200},
		{name: "report as of a day", method: "GET", path: "/api/v1/plans/" + id + "/report?as_of=2026-06-30", op: report, token: viewer, wantStatus: 200},
		{name: "report as of no real day", method: "GET", path: "/api/v1/plans/" + id + "/report?as_of=2026-13-01", op: report, token: viewer, wantStatus: 422},
		{name: "report of another organization's plan", method: "GET", path: "/api/v1/plans/" + theirID + "/report", op: report, token: viewer, wantStatus: 404},
		{name: "history", method: "GET", path: "/api/v1/plans/" + id + "/history", op: history, token: viewer, wantStatus: 200},
		{name: "history of another organization's plan", method: "GET", path: "/api/v1/plans/" + theirID + "/history", op: history, token: viewer, wantStatus: 404},
	}...)
	// Every route that needs a sign-in answers 401 without one.
	for op, spec := range ops {
		if sec, ok := spec["security"].([]any); ok && len(sec) == 0 {
			continue
		}
		method, pattern, _ := strings.Cut(op, " ")
		calls = append(calls, apiCall{"no token: " + op, method, strings.ReplaceAll(pattern, "{id}", id), op, "", "{}", 401, ""})
	}
	seen := map[string]bool{}
	for _, c := range calls {
		t.Run(c.name, func(t *testing.T) {
			hdr := map[string]string{"Accept-Language": "en"}
			if c.token != "" {
				hdr["Authorization"] = "Bearer " + c.token
			}
			if c.ctype != "" {
				hdr["Content-Type"] = c.ctype
			}
			r := req{method: c.method, path: c.path, json: c.body, header: hdr}
			w := a.do(r)
			if w.Code != c.wantStatus {
				t.Fatalf("status %d, want %d; body %s", w.Code, c.wantStatus, w.Body.String())
			}
			seen[c.op+" "+strconv.Itoa(w.Code)] = true
			checkResponse(t, checker, ops[c.op], w.Code, w.Header().Get("Content-Type"), w.Body.Bytes())
		})
	}
	var missing []string
	for op, spec := range ops {
		for status := range spec["responses"].(map[string]any) {
			if !seen[op+" "+status] {
				missing = append(missing, op+" "+status)
			}
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("documented responses never exercised: %v", missing)
	}
}

// checkResponse holds one response to its operation's documented status,
// media type and schema.
func checkResponse(t *testing.T, c *schemaChecker, op map[string]any, status int, ctype string, body []byte) {
	t.Helper()
	if op == nil {
		t.Fatal("operation is not documented")
	}
	spec, ok := op["responses"].(map[string]any)[strconv.Itoa(status)].(map[string]any)
	if !ok {
		t.Fatalf("status %d is not documented for this operation", status)
	}
	if ref, ok := spec["$ref"].(string); ok {
		r, err := c.resolve(ref)
		if err != nil {
			t.Fatal(err)
		}
		spec = r.(map[string]any)
	}
	content, ok := spec["content"].(map[string]any)
	if !ok {
		if len(body) != 0 {
			t.Errorf("status %d is documented without a body, got %q", status, body)
		}
		return
	}
	mt, _, _ := mime.ParseMediaType(ctype)
	media, ok := content[mt].(map[string]any)
	if !ok {
		t.Fatalf("Content-Type %q is not documented for %d (documented: %v)", ctype, status, content)
	}
	v, err := decodeJSONValue(body)
	if err != nil {
		t.Fatalf("body is not JSON: %v: %s", err, body)
	}
	for _, e := range c.check(media["schema"], v, "$") {
		t.Error(e)
	}
}

func mustPlan(t *testing.T, s string) gyakusan.Plan {
	t.Helper()
	p, err := gyakusan.ParsePlan([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestAPIErrorsAreOneProblemShapeInBothLanguages(t *testing.T) {
	a := newAcct(t, storetest.Open(t), Config{})
	u := a.user("e@example.jp", "Acme", gyakusan.RoleEditor)
	secret := password.NewSecret(password.TokenPrefix)
	if _, err := a.db.CreateToken(t.Context(), gyakusan.Token{UserID: u.ID, OrgID: a.org("Acme").ID}, secret); err != nil {
		t.Fatal(err)
	}
	bad := strings.Replace(seedPlanJSON, `"win":25`, `"win":250`, 1)
	for lang, want := range map[string]string{"ja": "受注率", "en": "Win rate"} {
		w := a.do(req{method: "POST", path: "/api/v1/compute", json: bad,
			header: map[string]string{"Authorization": "Bearer " + secret, "Accept-Language": lang}})
		v, err := decodeJSONValue(w.Body.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		p := v.(map[string]any)
		fields, _ := p["fields"].([]any)
		if w.Code != 422 || p["status"].(interface{ String() string }).String() != "422" || len(fields) != 1 {
			t.Fatalf("%s: %d %s", lang, w.Code, w.Body.String())
		}
		f := fields[0].(map[string]any)
		if f["field"] != "rates.win" || !strings.Contains(f["message"].(string), want) || !strings.Contains(f["message"].(string), "100") {
			t.Errorf("%s: field %v, want rates.win named %q with its range", lang, f, want)
		}
	}
}
