package web

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"testing"

	"gyakusan"
	"gyakusan/store"
)

// actualsPlanJSON is a plan whose channel names match the HubSpot test
// export's "Original Source" values, plus a Japanese one for the CP932 file.
const actualsPlanJSON = `{"name":"FY2025 実績","start_month":"2025-04","months":12,
"target":{"won":60},"unit_price":1000000,"rates":{"meeting":20,"opportunity":50,"win":25},
"channels":[{"name":"Paid Search","kind":"ads","share":100,"cpa":20000},
{"name":"Email Marketing","kind":"email","leads":50},
{"name":"展示会","kind":"offline","leads":30,"fixed_cost":300000}]}`

// newTeamOn is newTeam on a given store, for storetest.Each.
func newTeamOn(t *testing.T, db *store.DB) *team {
	t.Helper()
	a := newAcct(t, db, Config{})
	ed := a.user("editor@t.example", "T", gyakusan.RoleEditor)
	vw := a.user("viewer@t.example", "T", gyakusan.RoleViewer)
	return &team{acct: a, editor: a.session(ed, "T"), viewer: a.session(vw, "T"), editorID: ed.ID, orgID: a.org("T").ID}
}

// actualsPlan stores actualsPlanJSON for the team and returns its id.
func (tm *team) actualsPlan() int64 {
	tm.t.Helper()
	p, err := gyakusan.ParsePlan([]byte(actualsPlanJSON))
	if err != nil {
		tm.t.Fatal(err)
	}
	sp, err := tm.db.CreatePlan(context.Background(), tm.orgID, tm.editorID, p)
	if err != nil {
		tm.t.Fatal(err)
	}
	return sp.ID
}

func pathOf(id int64, rest string) string { return "/plans/" + strconv.FormatInt(id, 10) + rest }

// upload posts a file to the import preview as a browser does: the fields,
// then the file part.
func (tm *team) upload(id int64, c *http.Cookie, source, encoding, name string, data []byte) *httpResult {
	tm.t.Helper()
	return tm.uploadIn("", id, c, source, encoding, name, data)
}

// uploadIn is upload with the language cookie set to lang (unless empty).
func (tm *team) uploadIn(lang string, id int64, c *http.Cookie, source, encoding, name string, data []byte) *httpResult {
	tm.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	mw.WriteField("source", source)
	mw.WriteField("encoding", encoding)
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write(data)
	mw.Close()
	r := httptest.NewRequest("POST", pathOf(id, "/import/preview"), &body)
	r.Header.Set("Content-Type", mw.FormDataContentType())
	r.Header.Set("Sec-Fetch-Site", "same-origin")
	if c != nil {
		r.AddCookie(c)
	}
	if lang != "" {
		r.AddCookie(&http.Cookie{Name: langCookie, Value: lang})
	}
	w := httptest.NewRecorder()
	tm.srv.ServeHTTP(w, r)
	return result(w)
}

func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// hidden returns the value of the hidden input called name in a page.
func hidden(body, name string) string {
	marker := `name="` + name + `" value="`
	i := bytes.Index([]byte(body), []byte(marker))
	if i < 0 {
		return ""
	}
	rest := body[i+len(marker):]
	end := bytes.IndexByte([]byte(rest), '"')
	return rest[:end]
}

func (tm *team) leadCount(id int64) int64 {
	tm.t.Helper()
	n, err := tm.db.LeadCount(context.Background(), tm.orgID, id)
	if err != nil {
		tm.t.Fatal(err)
	}
	return n
}
