package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/encoding/japanese"

	"gyakusan"
	"gyakusan/crm"
	"gyakusan/store"
	"gyakusan/store/storetest"
	"gyakusan/xlsx"
)

func TestImportPreviewOfAHubSpotExportThenCommit(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		tm := newTeamOn(t, db)
		id := tm.actualsPlan()
		file := readTestdata(t, "hubspot_export.csv")
		r := tm.upload(id, tm.editor, "preset:hubspot", "auto", "hubspot.csv", file)
		if r.Code != 200 {
			t.Fatalf("preview = %d\n%s", r.Code, r.Body)
		}
		for _, want := range []string{
			`<dd class="c-rows">7</dd>`, `<dd class="c-new">7</dd>`, `<dd class="c-updated">0</dd>`,
			"hubspot.csv", "utf-8",
			// The first row as parsed, with its line number and the won amount.
			`<td class="num">2</td><td>10101</td><td>Paid Search</td><td>2025-04-03</td><td>2025-04-10</td><td>2025-04-20</td><td>2025-05-28</td><td class="num">¥1,200,000</td>`,
			// Source names and where they go; Organic Search is not a plan channel.
			`<td>Organic Search</td><td class="arrow">→</td><td>Organic Search <span class="badge">計画にないチャネル</span>`,
			`<td>Paid Search</td><td class="num">3</td>`,
		} {
			if !strings.Contains(r.Body, want) {
				t.Errorf("preview lacks %q", want)
			}
		}
		if n := tm.leadCount(id); n != 0 {
			t.Fatalf("the preview stored %d leads", n)
		}
		upload := hidden(r.Body, "upload")
		if len(upload) != 32 {
			t.Fatalf("no upload id in the commit form: %q", upload)
		}
		c := tm.post(pathOf(id, "/import/commit"), url.Values{"upload": {upload}, "source": {"preset:hubspot"}, "encoding": {"auto"}})
		if c.Code != 303 || c.Header.Get("Location") != pathOf(id, "/dashboard?flash=imported") {
			t.Fatalf("commit = %d %q\n%s", c.Code, c.Header.Get("Location"), c.Body)
		}
		if n := tm.leadCount(id); n != 7 {
			t.Errorf("after commit: %d leads, want 7", n)
		}
		// The upload is gone: committing it twice is refused, nothing doubles.
		again := tm.post(pathOf(id, "/import/commit"), url.Values{"upload": {upload}, "source": {"preset:hubspot"}})
		if again.Code != 422 || !strings.Contains(again.Body, "有効期限") {
			t.Errorf("second commit = %d", again.Code)
		}
		// Re-uploading the same export changes nothing.
		r = tm.upload(id, tm.editor, "preset:hubspot", "auto", "hubspot.csv", file)
		if !strings.Contains(r.Body, `<dd class="c-new">0</dd>`) || !strings.Contains(r.Body, `<dd class="c-unchanged">7</dd>`) {
			t.Errorf("re-upload preview should show 7 unchanged:\n%s", r.Body)
		}
		d := tm.get(pathOf(id, "/dashboard?flash=imported"), tm.editor)
		if d.Code != 200 || !strings.Contains(d.Body, "取り込みました。") || !strings.Contains(d.Body, "7 行") {
			t.Errorf("dashboard after import = %d", d.Code)
		}
	})
}

// cp932Export is a company's own CRM layout, saved in Excel as Shift_JIS.
const cp932Export = "リードID,作成日,流入経路,商談日,案件化日,受注日,受注金額\r\n" +
	"J-001,2025年4月1日,展示会,2025年4月10日,2025年4月20日,2025年5月31日,\"￥3,000,000\"\r\n" +
	"J-002,2025/4/2,ウェビナー,2025/4/15,,,\r\n" +
	"J-003,２０２５／４／３,展示会,,,,\r\n"

func TestACP932FileImportsWithASavedMapping(t *testing.T) {
	tm := newTeam(t)
	id := tm.actualsPlan()
	m := tm.post(pathOf(id, "/mappings"), url.Values{"name": {"社内CRM"}, "lead_id": {"リードID"}, "created_at": {"作成日"},
		"channel": {"流入経路"}, "meeting_at": {"商談日"}, "opportunity_at": {"案件化日"}, "won_at": {"受注日"}, "amount": {"受注金額"},
		"channels": {"ウェビナー = セミナー\n"}, "encoding": {""}})
	if m.Code != 303 || !strings.Contains(m.Header.Get("Location"), "flash=mapping_saved") {
		t.Fatalf("save mapping = %d\n%s", m.Code, m.Body)
	}
	ms, err := tm.db.LeadMappings(context.Background(), tm.orgID)
	if err != nil || len(ms) != 1 || ms[0].Name != "社内CRM" {
		t.Fatalf("mappings = %+v, %v", ms, err)
	}
	// The editor opens the saved mapping again.
	page := tm.get(m.Header.Get("Location"), tm.editor)
	if !strings.Contains(page.Body, `value="流入経路"`) || !strings.Contains(page.Body, "ウェビナー = セミナー") || !strings.Contains(page.Body, "マッピングを保存しました。") {
		t.Errorf("the saved mapping does not open in the editor:\n%s", page.Body)
	}
	sjis, err := japanese.ShiftJIS.NewEncoder().String(cp932Export)
	if err != nil {
		t.Fatal(err)
	}
	source := "mapping:" + strconv.FormatInt(ms[0].ID, 10)
	r := tm.upload(id, tm.editor, source, "auto", "社内CRM.csv", []byte(sjis))
	if r.Code != 200 {
		t.Fatalf("preview = %d\n%s", r.Code, r.Body)
	}
	for _, want := range []string{"shift_jis", `<dd class="c-new">3</dd>`, `<td>ウェビナー</td><td class="arrow">→</td><td>セミナー <span class="badge">`,
		`<td>J-001</td><td>展示会</td><td>2025-04-01</td>`, "¥3,000,000", `<td>展示会</td><td class="num">2</td>`} {
		if !strings.Contains(r.Body, want) {
			t.Errorf("preview lacks %q", want)
		}
	}
	c := tm.post(pathOf(id, "/import/commit"), url.Values{"upload": {hidden(r.Body, "upload")}, "source": {source}, "encoding": {"auto"}})
	if c.Code != 303 || tm.leadCount(id) != 3 {
		t.Fatalf("commit = %d, %d leads", c.Code, tm.leadCount(id))
	}
	// Forcing UTF-8 on the Shift_JIS bytes is an encoding error, not garbage.
	bad := tm.upload(id, tm.editor, source, "utf-8", "社内CRM.csv", []byte(sjis))
	if bad.Code != 422 || !strings.Contains(bad.Body, "文字コード") {
		t.Errorf("forced UTF-8 = %d\n%s", bad.Code, bad.Body)
	}
	// Deleting the mapping.
	del := tm.post(pathOf(id, "/mappings/delete"), url.Values{"mapping": {strconv.FormatInt(ms[0].ID, 10)}})
	if del.Code != 303 {
		t.Errorf("delete mapping = %d", del.Code)
	}
	if ms, _ := tm.db.LeadMappings(context.Background(), tm.orgID); len(ms) != 0 {
		t.Errorf("mapping not deleted")
	}
}

func TestAMappingWithAWrongFieldKeepsWhatWasTyped(t *testing.T) {
	tm := newTeam(t)
	id := tm.actualsPlan()
	r := tm.post(pathOf(id, "/mappings"), url.Values{"name": {"x"}, "lead_id": {"ID"}, "created_at": {""}, "channel": {"src"},
		"channels": {"Paid Search = 広告\nこれは壊れた行\n"}})
	if r.Code != 422 {
		t.Fatalf("bad mapping = %d", r.Code)
	}
	for _, want := range []string{"入力してください。", "2行目", `value="src"`, "これは壊れた行"} {
		if !strings.Contains(r.Body, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if ms, _ := tm.db.LeadMappings(context.Background(), tm.orgID); len(ms) != 0 {
		t.Errorf("a bad mapping was saved")
	}
}

// badExport has a bad date on line 3, a bad amount on line 5 and a short
// row on line 6, among good rows.
const badExport = "lead_id,created_at,channel,meeting_at,opportunity_at,won_at,amount\n" +
	"B1,2025-04-01,Paid Search,,,,\n" +
	"B2,2025-13-40,Paid Search,,,,\n" +
	"B3,2025-04-03,Email Marketing,2025-04-05,,,\n" +
	"B4,2025-04-04,Paid Search,2025-04-05,2025-04-06,2025-04-07,たくさん\n" +
	"B5,2025-04-05\n"

func TestABadFileShowsLineNumberedErrorsAndChangesNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		tm := newTeamOn(t, db)
		id := tm.actualsPlan()
		good := tm.upload(id, tm.editor, "preset:generic", "auto", "good.csv", []byte("lead_id,created_at,channel\nB1,2025-04-01,Paid Search\n"))
		tm.post(pathOf(id, "/import/commit"), url.Values{"upload": {hidden(good.Body, "upload")}, "source": {"preset:generic"}})
		before := snapshot(t, db)
		r := tm.upload(id, tm.editor, "preset:generic", "auto", "bad.csv", []byte(badExport))
		if r.Code != 422 {
			t.Fatalf("bad file = %d", r.Code)
		}
		for _, want := range []string{
			`<b class="error-count">3</b>`,
			`<td class="num">3</td><td>created_at</td><td>日付として読めません`,
			`<td class="num">5</td><td>amount</td><td>金額として読めません`,
			`<td class="num">6</td><td></td><td>列の数が見出し行と違います。`,
			"何も変更していません",
		} {
			if !strings.Contains(r.Body, want) {
				t.Errorf("page lacks %q", want)
			}
		}
		if strings.Contains(r.Body, `action="`+pathOf(id, "/import/commit")+`"`) {
			t.Error("a bad file offers the import")
		}
		if after := snapshot(t, db); after != before {
			t.Errorf("a bad file changed the store:\nbefore %s\nafter  %s", before, after)
		}
		// The same in English.
		en := tm.uploadIn("en", id, tm.editor, "preset:generic", "auto", "bad.csv", []byte(badExport)).Body
		if !strings.Contains(en, `<td class="num">3</td><td>created_at</td><td>not a date`) || !strings.Contains(en, "Nothing was changed") {
			t.Errorf("English errors missing:\n%s", en)
		}
	})
}

func TestTheUploadFormNeedsAFile(t *testing.T) {
	tm := newTeam(t)
	id := tm.actualsPlan()
	r := tm.upload(id, tm.editor, "preset:generic", "auto", "", nil)
	if r.Code != 422 || !strings.Contains(r.Body, "取り込むCSVファイルを選んでください。") {
		t.Errorf("no file = %d", r.Code)
	}
	r = tm.upload(id, tm.editor, "preset:nope", "auto", "x.csv", []byte("a\n"))
	if r.Code != 422 || !strings.Contains(r.Body, "source") {
		t.Errorf("unknown preset = %d\n%s", r.Code, r.Body)
	}
}

func TestViewersSeeTheDashboardButCannotImport(t *testing.T) {
	tm := newTeam(t)
	id := tm.actualsPlan()
	if r := tm.upload(id, tm.viewer, "preset:hubspot", "auto", "h.csv", readTestdata(t, "hubspot_export.csv")); r.Code != 403 {
		t.Errorf("viewer preview = %d", r.Code)
	}
	if r := tm.get(pathOf(id, "/import"), tm.viewer); r.Code != 403 {
		t.Errorf("viewer import page = %d", r.Code)
	}
	if r := result(tm.do(req{method: "POST", path: pathOf(id, "/import/commit"), form: url.Values{"upload": {"x"}}, cookie: tm.viewer})); r.Code != 403 {
		t.Errorf("viewer commit = %d", r.Code)
	}
	if r := result(tm.do(req{method: "POST", path: pathOf(id, "/actuals"), form: url.Values{"v.0.0.leads": {"5"}}, cookie: tm.viewer})); r.Code != 403 {
		t.Errorf("viewer actuals save = %d", r.Code)
	}
	d := tm.get(pathOf(id, "/dashboard"), tm.viewer)
	if d.Code != 200 || strings.Contains(d.Body, pathOf(id, "/import")) {
		t.Errorf("viewer dashboard = %d, or it links to the import", d.Code)
	}
	if a := tm.get(pathOf(id, "/actuals"), tm.viewer); a.Code != 200 || !strings.Contains(a.Body, "readonly") {
		t.Errorf("viewer actuals grid = %d, should be read-only", a.Code)
	}
	if tm.leadCount(id) != 0 {
		t.Error("a viewer imported leads")
	}
}

func TestAnotherOrgsPlanAnswersLikeAMissingOne(t *testing.T) {
	tm := newTeam(t)
	tm.actualsPlan()
	other := tm.user("other@o.example", "O", gyakusan.RoleOwner)
	p, _ := gyakusan.ParsePlan([]byte(actualsPlanJSON))
	theirs, err := tm.db.CreatePlan(context.Background(), tm.org("O").ID, other.ID, p)
	if err != nil {
		t.Fatal(err)
	}
	file := readTestdata(t, "hubspot_export.csv")
	for _, path := range []string{"/dashboard", "/import", "/actuals"} {
		a, b := tm.get(pathOf(theirs.ID, path), tm.editor), tm.get(pathOf(987654321, path), tm.editor)
		// Pages echo their own path (for the language switch); nothing else may differ.
		if a.Code != 404 || a.Code != b.Code || strings.ReplaceAll(a.Body, pathOf(theirs.ID, ""), "") != strings.ReplaceAll(b.Body, pathOf(987654321, ""), "") {
			t.Errorf("GET %s: another org's plan = %d, a missing one = %d", path, a.Code, b.Code)
		}
	}
	a, b := tm.upload(theirs.ID, tm.editor, "preset:hubspot", "auto", "h.csv", file), tm.upload(987654321, tm.editor, "preset:hubspot", "auto", "h.csv", file)
	if a.Code != 404 || a.Code != b.Code || strings.ReplaceAll(a.Body, pathOf(theirs.ID, ""), "") != strings.ReplaceAll(b.Body, pathOf(987654321, ""), "") {
		t.Errorf("preview: another org's plan = %d, a missing one = %d", a.Code, b.Code)
	}
	n, _ := tm.db.LeadCount(context.Background(), theirs.OrgID, theirs.ID)
	if n != 0 {
		t.Errorf("leads went into another org's plan")
	}
}

// A file of several megabytes passes the server's ordinary body limit and
// comes back whole from the store's chunks.
func TestALargeUploadIsStreamedThroughTheStore(t *testing.T) {
	tm := newTeam(t)
	id := tm.actualsPlan()
	var b strings.Builder
	if err := crm.Generate(&b, 100_000, 3, gyakusan.MonthOf(2025, 4)); err != nil {
		t.Fatal(err)
	}
	if b.Len() < 2*maxBody {
		t.Fatalf("the file is only %d bytes", b.Len())
	}
	r := tm.upload(id, tm.editor, "preset:generic", "auto", "big.csv", []byte(b.String()))
	if r.Code != 200 || !strings.Contains(r.Body, `<dd class="c-new">100,000</dd>`) {
		t.Fatalf("large preview = %d\n%.2000s", r.Code, r.Body)
	}
	if tm.leadCount(id) != 0 {
		t.Error("the preview imported leads")
	}
}

func TestOnlyTheUploadsMayBeLarge(t *testing.T) {
	for _, tc := range []struct {
		method, path string
		want         int64
	}{
		{"POST", "/plans/12/import/preview", MaxUploadBytes + 64<<10},
		{"POST", "/plans/import-xlsx", xlsx.MaxWorkbookBytes + 64<<10},
		{"POST", "/plans/12/import/commit", maxBody},
		{"POST", "/plans/12/actuals", maxBody},
		{"GET", "/plans/12/import/preview", maxBody},
	} {
		if got := bodyLimit(httptest.NewRequest(tc.method, tc.path, nil)); got != tc.want {
			t.Errorf("%s %s: limit %d, want %d", tc.method, tc.path, got, tc.want)
		}
	}
	err := uploadError(&http.MaxBytesError{Limit: 1})
	if e, ok := err.(*gyakusan.Error); !ok || !strings.Contains(e.Message("ja"), "200MB") || !strings.Contains(e.Message("en"), "200 MB") {
		t.Errorf("too large = %v", err)
	}
}
