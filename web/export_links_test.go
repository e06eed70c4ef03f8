package web

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"gyakusan"
	"gyakusan/store/storetest"
)

// The sheet offers its downloads, and the plans list the workbook upload,
// so that nobody needs the CLI to take a plan to Excel and back.
func TestPlanPageLinksItsDownloads(t *testing.T) {
	a := newAcct(t, storetest.Open(t), Config{})
	editor := a.session(a.user("e@example.jp", "Acme", gyakusan.RoleEditor), "Acme")
	sp, err := a.db.CreatePlan(t.Context(), a.org("Acme").ID, 0, mustPlan(t, seedPlanJSON))
	if err != nil {
		t.Fatal(err)
	}
	id := strconv.FormatInt(sp.ID, 10)
	page := a.do(req{method: "GET", path: "/plans/" + id + "?lang=ja", cookie: editor}).Body.String()
	for _, want := range []struct{ sel, ctype string }{
		{`id="export-xlsx" href="([^"]+)"`, "spreadsheetml"},
		{`id="export-csv" href="([^"]+)"`, "text/csv"},
	} {
		m := regexp.MustCompile(want.sel).FindStringSubmatch(page)
		if m == nil {
			t.Fatalf("the plan page has no %s", want.sel)
		}
		href := strings.ReplaceAll(m[1], "&amp;", "&")
		w := a.do(req{method: "GET", path: href, cookie: editor})
		if w.Code != 200 || !strings.Contains(w.Header().Get("Content-Type"), want.ctype) {
			t.Errorf("%s: %d %s", href, w.Code, w.Header().Get("Content-Type"))
		}
	}
	list := a.do(req{method: "GET", path: "/plans", cookie: editor}).Body.String()
	if !strings.Contains(list, `action="/plans/import-xlsx" enctype="multipart/form-data"`) || !strings.Contains(list, `type="file" name="file"`) {
		t.Errorf("the plans list has no workbook upload form")
	}
}
