package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/encoding/japanese"

	"gyakusan"
	"gyakusan/password"
	"gyakusan/store"
	"gyakusan/store/storetest"
)

// apiToken makes an API token for u in org and returns its secret.
func (a *acct) apiToken(u gyakusan.User, org string) string {
	a.t.Helper()
	secret := password.NewSecret(password.TokenPrefix)
	if _, err := a.db.CreateToken(context.Background(), gyakusan.Token{UserID: u.ID, OrgID: a.org(org).ID, Name: "nightly"}, secret); err != nil {
		a.t.Fatal(err)
	}
	return secret
}

// script is a nightly job holding a token: no cookie, no fetch metadata.
type script struct {
	a     *acct
	token string
	lang  string
}

// push sends a CSV file to the leads API of plan id with query.
func (s script) push(id int64, query string, body []byte) *httpResult {
	s.a.t.Helper()
	path := "/api/v1/plans/" + strconv.FormatInt(id, 10) + "/leads"
	if query != "" {
		path += "?" + query
	}
	return s.send("POST", path, "text/csv", body)
}

func (s script) get(path string) *httpResult {
	s.a.t.Helper()
	return s.send("GET", path, "", nil)
}

func (s script) send(method, path, ctype string, body []byte) *httpResult {
	s.a.t.Helper()
	r := httptest.NewRequest(method, path, strings.NewReader(string(body)))
	if ctype != "" {
		r.Header.Set("Content-Type", ctype)
	}
	r.Header.Set("Authorization", "Bearer "+s.token)
	if s.lang != "" {
		r.Header.Set("Accept-Language", s.lang)
	}
	w := httptest.NewRecorder()
	s.a.srv.ServeHTTP(w, r)
	return result(w)
}

// decodeInto decodes a JSON answer, failing the test on anything else.
func decodeInto(t *testing.T, r *httpResult, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(r.Body), v); err != nil {
		t.Fatalf("%d %s: %v", r.Code, r.Body, err)
	}
}

// apiProblem is a problem object with the import's error count.
type apiProblem struct {
	Status     int    `json:"status"`
	Detail     string `json:"detail"`
	ErrorCount int    `json:"error_count"`
	Fields     []struct {
		Field, Message string
	} `json:"fields"`
}

// dataSnapshot is snapshot without the tokens and sessions, whose last use
// every request moves.
func dataSnapshot(t *testing.T, db *store.DB) string {
	t.Helper()
	var keep []string
	skip := false
	for _, line := range strings.Split(snapshot(t, db), "\n") {
		if strings.HasSuffix(line, ":") && !strings.HasPrefix(line, "[") {
			skip = line == "api_tokens:" || line == "sessions:"
		}
		if !skip {
			keep = append(keep, line)
		}
	}
	return strings.Join(keep, "\n")
}

const genericHead = "lead_id,created_at,channel,meeting_at,opportunity_at,won_at,amount\n"

func TestANightlyScriptPushesAHubSpotExportAndReadsTheReport(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		tm := newTeamOn(t, db)
		id := tm.actualsPlan()
		ed := script{a: tm.acct, token: tm.apiToken(tm.user("editor@t.example", "T", gyakusan.RoleEditor), "T")}
		file := readTestdata(t, "hubspot_export.csv")

		var sum leadImport
		r := ed.push(id, "preset=hubspot&dry_run=1", file)
		decodeInto(t, r, &sum)
		if r.Code != 200 || sum != (leadImport{DryRun: true, Leads: 7, New: 7, Encoding: "utf-8"}) {
			t.Fatalf("dry run = %d %+v", r.Code, sum)
		}
		if n := tm.leadCount(id); n != 0 {
			t.Fatalf("the dry run stored %d leads", n)
		}
		r = ed.push(id, "preset=hubspot", file)
		decodeInto(t, r, &sum)
		if r.Code != 200 || sum != (leadImport{Committed: true, Leads: 7, New: 7, Encoding: "utf-8"}) {
			t.Fatalf("import = %d %+v", r.Code, sum)
		}
		if n := tm.leadCount(id); n != 7 {
			t.Fatalf("%d leads stored, want 7", n)
		}
		// The next night's export repeats the leads: nothing doubles.
		r = ed.push(id, "preset=hubspot", file)
		decodeInto(t, r, &sum)
		if sum.New != 0 || sum.Unchanged != 7 || tm.leadCount(id) != 7 {
			t.Errorf("re-import = %+v, %d leads stored; want 7 unchanged", sum, tm.leadCount(id))
		}
		if li, err := db.LastImportCounts(context.Background(), tm.orgID, id); err != nil || li.Leads != 7 {
			t.Errorf("last import = %+v, %v; the dashboard should show it", li, err)
		}
		// The viewer's script reads the report: the same gyakusan.PlanReport
		// the CLI prints.
		vw := script{a: tm.acct, token: tm.apiToken(tm.user("viewer@t.example", "T", gyakusan.RoleViewer), "T")}
		r = vw.get("/api/v1/plans/" + strconv.FormatInt(id, 10) + "/report?as_of=2025-06-30")
		if r.Code != 200 || !strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
			t.Fatalf("report = %d %s", r.Code, r.Body)
		}
		var rep gyakusan.PlanReport
		decodeInto(t, r, &rep)
		if rep.AsOf != gyakusan.MonthOf(2025, 6) || rep.Total.Actual.Leads != 7 || rep.Months[0].Actual.Leads != 3 || rep.Months[1].Actual.Leads != 2 {
			t.Errorf("report as of %s: %d leads, April %d, May %d; want 2025-06, 7, 3, 2",
				rep.AsOf, rep.Total.Actual.Leads, rep.Months[0].Actual.Leads, rep.Months[1].Actual.Leads)
		}
		want, _, err := gyakusan.StoredReport(context.Background(), db, tm.plan(id), gyakusan.DayOf(2025, 6, 30))
		if err != nil {
			t.Fatal(err)
		}
		if got, exp := jsonValue(t, []byte(r.Body)), jsonValue(t, mustJSON(t, want)); !reflect.DeepEqual(got, exp) {
			t.Errorf("the API's report differs from gyakusan.StoredReport:\n%s\n%s", r.Body, mustJSON(t, want))
		}
		// Without as_of the report is as of today in the server's zone.
		r = vw.get("/api/v1/plans/" + strconv.FormatInt(id, 10) + "/report")
		decodeInto(t, r, &rep)
		if today := tm.srv.today().Month(); r.Code != 200 || rep.AsOf != today {
			t.Errorf("report without as_of = %d, as of %s; want %s", r.Code, rep.AsOf, today)
		}
	})
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func jsonValue(t *testing.T, b []byte) any {
	t.Helper()
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("%v: %s", err, b)
	}
	return v
}

func TestBadLinesImportNothingAndAreNamedInTheCallersLanguage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		tm := newTeamOn(t, db)
		id := tm.actualsPlan()
		token := tm.apiToken(tm.user("editor@t.example", "T", gyakusan.RoleEditor), "T")
		var b strings.Builder
		b.WriteString(genericHead)
		b.WriteString("L-1,2025-04-01,Paid Search,,,,\n") // line 2, good
		for i := range 25 {                               // lines 3..27, each with a bad date
			fmt.Fprintf(&b, "L-%d,2025-13-%02d,Paid Search,,,,\n", i+2, i+1)
		}
		b.WriteString("L-99,2025-04-02,Paid Search\n") // line 28: too few cells
		before := dataSnapshot(t, db)
		for lang, want := range map[string][]string{
			"ja": {"3行目", "日付として読めません", "26 件の行に誤り"},
			"en": {"line 3", "not a date", "26 bad lines; nothing was imported."},
		} {
			r := script{a: tm.acct, token: token, lang: lang}.push(id, "", []byte(b.String()))
			var p apiProblem
			decodeInto(t, r, &p)
			if r.Code != 422 || r.Header.Get("Content-Type") != "application/problem+json" || p.Status != 422 {
				t.Fatalf("%s: %d %s", lang, r.Code, r.Body)
			}
			if p.ErrorCount != 26 || len(p.Fields) != 20 {
				t.Fatalf("%s: %d errors, %d fields; want 26 in all and the first 20 listed", lang, p.ErrorCount, len(p.Fields))
			}
			f := p.Fields[0]
			if f.Field != "line 3, created_at" || !strings.Contains(f.Message, want[0]) || !strings.Contains(f.Message, want[1]) || !strings.Contains(f.Message, "2025-13-01") {
				t.Errorf("%s: first field %+v, want line 3, created_at with %q and the value", lang, f, want[1])
			}
			if !strings.Contains(p.Detail, want[2]) {
				t.Errorf("%s: detail %q, want %q", lang, p.Detail, want[2])
			}
		}
		// The row with too few cells is a field of its own when it is
		// among the first: send it alone.
		r := script{a: tm.acct, token: token, lang: "en"}.push(id, "", []byte(genericHead+"L-99,2025-04-02,Paid Search\n"))
		var p apiProblem
		decodeInto(t, r, &p)
		if r.Code != 422 || p.ErrorCount != 1 || len(p.Fields) != 1 || p.Fields[0].Field != "line 2" {
			t.Errorf("short row = %d %+v; want one field \"line 2\"", r.Code, p)
		}
		if after := dataSnapshot(t, db); after != before {
			t.Errorf("a refused file changed the database:\nbefore %s\nafter %s", before, after)
		}
	})
}

func TestTheLeadsQueryAndBodyAreCheckedBeforeAnythingIsStored(t *testing.T) {
	tm := newTeam(t)
	id := tm.actualsPlan()
	sc := script{a: tm.acct, token: tm.apiToken(tm.user("editor@t.example", "T", gyakusan.RoleEditor), "T"), lang: "en"}
	good := []byte(genericHead + "L-1,2025-04-01,Paid Search,,,,\n")
	path := "/api/v1/plans/" + strconv.FormatInt(id, 10) + "/leads"
	tests := []struct {
		name, query, ctype string
		body               []byte
		field, text        string // the field named, or a part of the detail
	}{
		{"an unknown preset", "preset=kintone", "text/csv", good, "preset", "generic, hubspot, salesforce"},
		{"an unknown encoding", "encoding=latin1", "text/csv", good, "encoding", "auto, utf-8, shift_jis"},
		{"dry_run that is not 1 or 0", "dry_run=yes", "text/csv", good, "dry_run", "1, 0"},
		{"a mapping id that is not a number", "mapping=abc", "text/csv", good, "mapping", "number"},
		{"both a preset and a mapping", "preset=hubspot&mapping=1", "text/csv", good, "", "either preset or mapping"},
		{"a saved mapping that does not exist", "mapping=987654", "text/csv", good, "", "no saved mapping"},
		{"a JSON body", "", "application/json", []byte(`{"leads":[]}`), "", "Content-Type: text/csv"},
		{"curl's default form encoding", "", "application/x-www-form-urlencoded", good, "", "Content-Type: text/csv"},
		{"an empty body", "", "text/csv", nil, "", "The body is empty"},
		{"a file without the created_at column", "", "text/csv", []byte("lead_id,channel\nL-1,Paid Search\n"), "", `column "created_at"`},
	}
	before := dataSnapshot(t, tm.db)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := path
			if tt.query != "" {
				p += "?" + tt.query
			}
			r := sc.send("POST", p, tt.ctype, tt.body)
			var pr apiProblem
			decodeInto(t, r, &pr)
			if r.Code != 422 {
				t.Fatalf("%d %s, want 422", r.Code, r.Body)
			}
			if tt.field != "" {
				if len(pr.Fields) != 1 || pr.Fields[0].Field != tt.field || !strings.Contains(pr.Fields[0].Message, tt.text) {
					t.Errorf("fields %+v, want %s with %q", pr.Fields, tt.field, tt.text)
				}
			} else if !strings.Contains(pr.Detail, tt.text) {
				t.Errorf("detail %q, want %q", pr.Detail, tt.text)
			}
		})
	}
	if dataSnapshot(t, tm.db) != before {
		t.Error("a refused request changed the database")
	}
	// Without a Content-Type the body is read as CSV.
	if r := sc.send("POST", path, "", good); r.Code != 200 || tm.leadCount(id) != 1 {
		t.Errorf("no Content-Type = %d %s; want the lead imported", r.Code, r.Body)
	}
}

func TestAShiftJISExportImportsWithASavedMappingOfTheOrgOnly(t *testing.T) {
	tm := newTeam(t)
	id := tm.actualsPlan()
	m := tm.post(pathOf(id, "/mappings"), url.Values{"name": {"社内CRM"}, "lead_id": {"リードID"}, "created_at": {"作成日"},
		"channel": {"流入経路"}, "meeting_at": {"商談日"}, "opportunity_at": {"案件化日"}, "won_at": {"受注日"}, "amount": {"受注金額"},
		"channels": {"ウェビナー = セミナー\n"}, "encoding": {""}})
	if m.Code != 303 {
		t.Fatalf("save mapping = %d\n%s", m.Code, m.Body)
	}
	ms, err := tm.db.LeadMappings(context.Background(), tm.orgID)
	if err != nil || len(ms) != 1 {
		t.Fatalf("mappings = %+v, %v", ms, err)
	}
	sjis, err := japanese.ShiftJIS.NewEncoder().String(cp932Export)
	if err != nil {
		t.Fatal(err)
	}
	sc := script{a: tm.acct, token: tm.apiToken(tm.user("editor@t.example", "T", gyakusan.RoleEditor), "T"), lang: "ja"}
	r := sc.push(id, "mapping="+strconv.FormatInt(ms[0].ID, 10)+"&encoding=shift_jis", []byte(sjis))
	var sum leadImport
	decodeInto(t, r, &sum)
	if r.Code != 200 || sum != (leadImport{Committed: true, Leads: 3, New: 3, Encoding: "shift_jis"}) {
		t.Fatalf("import = %d %s", r.Code, r.Body)
	}
	// Another organization's saved mapping answers like one that does not
	// exist, word for word.
	theirs, err := tm.db.SaveLeadMapping(context.Background(), tm.org("Other").ID, gyakusan.LeadMapping{Name: "theirs", Document: ms[0].Document})
	if err != nil {
		t.Fatal(err)
	}
	foreign := sc.push(id, "mapping="+strconv.FormatInt(theirs.ID, 10), []byte(sjis))
	unknown := sc.push(id, "mapping=987654", []byte(sjis))
	if foreign.Code != 422 || foreign.Body != unknown.Body || !strings.Contains(foreign.Body, "保存したマッピングはありません") {
		t.Errorf("another org's mapping = %d %s; unknown = %d %s", foreign.Code, foreign.Body, unknown.Code, unknown.Body)
	}
}

func TestLeadsAPIRolesTenantsAndCrossSiteRules(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		csv := []byte(genericHead + "L-1,2026-04-01,広告,,,,\n")
		path := "/api/v1/plans/" + strconv.FormatInt(w.planA.ID, 10) + "/leads"
		editorToken := w.apiToken(w.editorA, "A")
		send := func(hdr map[string]string, c *http.Cookie, p string) *httptest.ResponseRecorder {
			h := map[string]string{"Content-Type": "text/csv", "Sec-Fetch-Site": ""}
			for k, v := range hdr {
				h[k] = v
			}
			return w.do(req{method: "POST", path: p, json: string(csv), header: h, cookie: c})
		}
		viewer, editor := w.session(w.viewerA, "A"), w.session(w.editorA, "A")
		before := dataSnapshot(t, db)
		refused := []struct {
			name   string
			hdr    map[string]string
			cookie *http.Cookie
			want   int
		}{
			{"a viewer's token", map[string]string{"Authorization": "Bearer " + w.apiToken(w.viewerA, "A")}, nil, 403},
			{"a viewer's session", nil, viewer, 403},
			{"an editor's session, cross-site", map[string]string{"Sec-Fetch-Site": "cross-site"}, editor, 403},
			{"an editor's session from a foreign Origin", map[string]string{"Origin": "https://evil.example"}, editor, 403},
			{"a token with a cookie, cross-site", map[string]string{"Authorization": "Bearer " + editorToken, "Sec-Fetch-Site": "cross-site"},
				editor, 403},
			{"no token", nil, nil, 401},
		}
		for _, tt := range refused {
			if res := send(tt.hdr, tt.cookie, path); res.Code != tt.want {
				t.Errorf("%s: %d, want %d", tt.name, res.Code, tt.want)
			}
		}
		// B's owner pushing into A's plan gets the 404 of a plan that does
		// not exist, byte for byte.
		bToken := map[string]string{"Authorization": "Bearer " + w.apiToken(w.ownerB, "B")}
		foreign := send(bToken, nil, path)
		unknown := send(bToken, nil, "/api/v1/plans/987654/leads")
		if foreign.Code != 404 || foreign.Body.String() != unknown.Body.String() {
			t.Errorf("another org's plan: %d %s; unknown plan: %d %s", foreign.Code, foreign.Body, unknown.Code, unknown.Body)
		}
		if dataSnapshot(t, db) != before {
			t.Fatal("a refused push changed the database")
		}
		// A script with a token and no cookie is no browser another site
		// drives: it passes whatever its fetch metadata says.
		if res := send(map[string]string{"Authorization": "Bearer " + editorToken, "Sec-Fetch-Site": "cross-site"}, nil, path); res.Code != 200 {
			t.Errorf("script, cross-site metadata: %d %s", res.Code, res.Body)
		}
		// The browser's own page may post with its session.
		if res := send(map[string]string{"Sec-Fetch-Site": "same-origin"}, editor, path); res.Code != 200 {
			t.Errorf("same-origin session: %d %s", res.Code, res.Body)
		}
	})
}

// An export of some megabytes passes the ordinary body limit, which only
// the uploads may exceed.
func TestAnExportOfMegabytesStreamsPastTheOrdinaryBodyLimit(t *testing.T) {
	tm := newTeam(t)
	id := tm.actualsPlan()
	var b strings.Builder
	b.WriteString(genericHead)
	n := 0
	for b.Len() <= maxBody+maxBody/2 {
		n++
		fmt.Fprintf(&b, "lead-%07d,2025-%02d-%02d,Paid Search,2025-%02d-%02d,,,\n", n, n%12+1, n%28+1, n%12+1, n%28+1)
	}
	sc := script{a: tm.acct, token: tm.apiToken(tm.user("editor@t.example", "T", gyakusan.RoleEditor), "T")}
	r := sc.push(id, "", []byte(b.String()))
	var sum leadImport
	decodeInto(t, r, &sum)
	if r.Code != 200 || sum.New != n || tm.leadCount(id) != int64(n) {
		t.Fatalf("%d bytes, %d leads: %d %+v, %d stored", b.Len(), n, r.Code, sum, tm.leadCount(id))
	}
	for _, tt := range []struct {
		method, path string
		want         int64
	}{
		{"POST", "/api/v1/plans/12/leads", MaxUploadBytes + 64<<10},
		{"POST", "/plans/12/import/preview", MaxUploadBytes + 64<<10},
		{"POST", "/api/v1/plans", maxBody},
		{"PUT", "/api/v1/plans/12/leads", maxBody},
	} {
		if got := bodyLimit(httptest.NewRequest(tt.method, tt.path, nil)); got != tt.want {
			t.Errorf("bodyLimit(%s %s) = %d, want %d", tt.method, tt.path, got, tt.want)
		}
	}
}
