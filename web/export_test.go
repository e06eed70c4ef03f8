package web

import (
	"bytes"
	"mime/multipart"
	"net/http/httptest"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"gyakusan"
	"gyakusan/store/storetest"
	"gyakusan/xlsx"
)

func TestExportDownloadsAndImportUpload(t *testing.T) {
	a := newAcct(t, storetest.Open(t), Config{})
	viewer := a.session(a.user("v@example.jp", "Acme", gyakusan.RoleViewer), "Acme")
	editor := a.session(a.user("e@example.jp", "Acme", gyakusan.RoleEditor), "Acme")
	p := mustPlan(t, seedPlanJSON)
	p.Name = "=KPI \"1年目\""
	sp, err := a.db.CreatePlan(t.Context(), a.org("Acme").ID, 0, p)
	if err != nil {
		t.Fatal(err)
	}
	theirs, err := a.db.CreatePlan(t.Context(), a.org("Other").ID, 0, p)
	if err != nil {
		t.Fatal(err)
	}
	id := strconv.FormatInt(sp.ID, 10)

	w := a.do(req{method: "GET", path: "/plans/" + id + "/export.xlsx?lang=ja", cookie: viewer})
	if w.Code != 200 || !strings.Contains(w.Header().Get("Content-Type"), "spreadsheetml") ||
		!strings.HasPrefix(w.Header().Get("Content-Disposition"), "attachment") {
		t.Fatalf("xlsx: %d %v", w.Code, w.Header())
	}
	book := w.Body.Bytes()
	got, err := xlsx.Read(bytes.NewReader(book))
	if err != nil || !reflect.DeepEqual(got, p) {
		t.Fatalf("downloaded workbook holds %+v, %v", got, err)
	}

	w = a.do(req{method: "GET", path: "/plans/" + id + "/export.csv?lang=en", cookie: viewer})
	if w.Code != 200 || !strings.HasPrefix(w.Body.String(), "\uFEFFmonth,won,opportunities") {
		t.Errorf("csv: %d %q", w.Code, w.Body.String()[:min(40, w.Body.Len())])
	}
	w = a.do(req{method: "GET", path: "/plans/" + id + "/export.csv?encoding=ebcdic", cookie: viewer})
	if w.Code != 422 {
		t.Errorf("unknown encoding: %d", w.Code)
	}
	for _, path := range []string{"/plans/" + strconv.FormatInt(theirs.ID, 10) + "/export.xlsx", "/plans/999999/export.csv"} {
		if w := a.do(req{method: "GET", path: path, cookie: viewer}); w.Code != 404 {
			t.Errorf("%s: %d, want 404", path, w.Code)
		}
	}

	upload := func(cookie string, data []byte) *httptest.ResponseRecorder {
		var body bytes.Buffer
		mw := multipart.NewWriter(&body)
		fw, _ := mw.CreateFormFile("file", "plan.xlsx")
		fw.Write(data)
		mw.Close()
		hr := httptest.NewRequest("POST", "/plans/import-xlsx", &body)
		hr.Header.Set("Content-Type", mw.FormDataContentType())
		hr.Header.Set("Sec-Fetch-Site", "same-origin")
		c := editor
		if cookie == "viewer" {
			c = viewer
		}
		hr.AddCookie(c)
		rec := httptest.NewRecorder()
		a.srv.ServeHTTP(rec, hr)
		return rec
	}
	w = upload("editor", book)
	loc := w.Header().Get("Location")
	if w.Code != 303 || !strings.HasPrefix(loc, "/plans/") {
		t.Fatalf("upload: %d %q %s", w.Code, loc, w.Body.String())
	}
	stored, err := a.db.Plan(t.Context(), a.org("Acme").ID, mustID(t, strings.TrimPrefix(loc, "/plans/")))
	if err != nil || !reflect.DeepEqual(stored.Plan, p) {
		t.Errorf("imported %+v, %v", stored.Plan, err)
	}
	if w := upload("viewer", book); w.Code != 403 {
		t.Errorf("viewer upload: %d, want 403", w.Code)
	}
	if w := upload("editor", []byte("not a workbook")); w.Code != 422 {
		t.Errorf("bad upload: %d, want 422", w.Code)
	}
}
