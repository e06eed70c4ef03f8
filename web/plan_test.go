package web

import (
	"encoding/json"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"gyakusan"
)

// sheetForm is the form the sheet posts for the seed example, as a user
// types it: separators, a yen sign, full-width digits.
func sheetForm(version int64) url.Values {
	return url.Values{
		"version": {strconv.FormatInt(version, 10)}, "name": {"KPI 1年目"}, "year": {"1"},
		"start_month": {"2026-04"}, "months": {"12"}, "entry_date": {"2026-04-01"}, "target_date": {"2027-03"},
		"target_kind": {"revenue"}, "target": {"¥60,000,000"}, "unit_price": {"1,000,000円"},
		"rates.meeting": {"20"}, "rates.opportunity": {"５０"}, "rates.win": {"25%"},
		"channels.name":               {"広告", "メルマガ", "展示会"},
		"channels.kind":               {"ads", "email", "offline"},
		"channels.mode":               {"leads", "leads", "leads"},
		"channels.amount":             {"100", "50", "50"},
		"channels.meeting_rate":       {"", "", ""},
		"channels.cpa":                {"10,000", "", ""},
		"channels.fixed_cost":         {"", "30000", "400,000"},
		"channels.list_size":          {"", "5,000", ""},
		"channels.months":             {"", "", ""},
		"channels.events_per_month":   {"", "", "1"},
		"channels.articles_per_month": {"", "", ""},
		"notes":                       {"初回打ち合わせ"},
	}
}

func TestPreviewRecomputesTheSeedExample(t *testing.T) {
	tm := newTeam(t)
	id := strconv.FormatInt(createdID(t, tm.post("/plans", nil)), 10)
	r := tm.post("/plans/"+id+"/preview", sheetForm(1))
	if r.Code != 200 {
		t.Fatalf("preview = %d: %s", r.Code, r.Body)
	}
	for _, want := range []string{`data-kpi="leads-month">200<`, `data-kpi="leads-total">2,400<`, `data-part="months"`, `<svg class="funnel"`, "¥60,000,000"} {
		if !strings.Contains(r.Body, want) {
			t.Errorf("preview lacks %q", want)
		}
	}
	if strings.Contains(r.Body, "<html") {
		t.Errorf("preview is a whole page, want a fragment")
	}
	if n := strings.Count(r.Body, "data-month-leads>200<"); n != 12 {
		t.Errorf("%d months show 200 leads, want 12", n)
	}
	if tm.plan(mustID(t, id)).Version != 1 {
		t.Errorf("preview stored the plan")
	}
	// A viewer may try numbers too: the preview stores nothing.
	if r := result(tm.do(req{method: "POST", path: "/plans/" + id + "/preview", form: sheetForm(1), cookie: tm.viewer})); r.Code != 200 {
		t.Errorf("viewer preview = %d", r.Code)
	}
}

func mustID(t *testing.T, s string) int64 {
	t.Helper()
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func TestPreviewNamesBadFieldsInTheUsersLanguage(t *testing.T) {
	tm := newTeam(t)
	id := strconv.FormatInt(createdID(t, tm.post("/plans", nil)), 10)
	f := sheetForm(1)
	f.Set("rates.win", "abc")
	f.Set("rates.meeting", "120")
	f["channels.cpa"] = []string{"10,000", "-5", ""}
	r := tm.post("/plans/"+id+"/preview", f)
	if r.Code != 422 {
		t.Fatalf("preview of bad input = %d", r.Code)
	}
	for _, want := range []string{
		`data-field="rates.win">受注率の形式が正しくありません`,
		`data-field="rates.meeting">商談化率は0より大きく100以下にしてください。`,
		`data-field="channels[1].cpa">チャネル2の獲得費用単価（CPA）の形式が正しくありません`,
	} {
		if !strings.Contains(r.Body, want) {
			t.Errorf("preview lacks %q:\n%s", want, r.Body)
		}
	}
	en := result(tm.do(req{method: "POST", path: "/plans/" + id + "/preview?lang=en", form: f, cookie: tm.editor}))
	if !strings.Contains(en.Body, "Win rate has the wrong format") {
		t.Errorf("English preview:\n%s", en.Body)
	}
}

func TestChannelErrorsLandOnTheRowTheUserSees(t *testing.T) {
	f := readPlanForm(url.Values{
		"channels.name": {"", "広告", "展示会"}, "channels.kind": {"ads", "ads", "nope"}, "channels.mode": {"leads", "leads", "leads"},
		"channels.amount": {"", "100", "10"},
	})
	ev := evaluate(f)
	got := errorMap(ev.Errors, "ja")
	// The blank first row is skipped, so the plan's channel 1 is row 2.
	if _, ok := got["channels[2].kind"]; !ok {
		t.Errorf("kind error not on row 2: %v", got)
	}
	if m := got["channels[2].kind"]; !strings.HasPrefix(m, "チャネル3の種類") {
		t.Errorf("message names channel %q", m)
	}
}

func TestFormReadsNumbersAsPeopleTypeThem(t *testing.T) {
	tests := []struct {
		name, in string
		want     int64
		ok       bool
	}{
		{"separators", "1,000,000", 1_000_000, true},
		{"full-width digits", "１２，０００", 12_000, true},
		{"plain", "42", 42, true},
		{"spaces", " 7 ", 7, true},
		{"negative", "-5", 0, false},
		{"decimal", "1.5", 0, false},
		{"letters", "12a", 0, false},
		{"too long", strings.Repeat("9", 19), 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := parseCount(tt.in)
			if ok != tt.ok || (ok && got != tt.want) {
				t.Errorf("parseCount(%q) = %d, %v", tt.in, got, ok)
			}
		})
	}
	var d formDecoder
	if y := d.yen("x", "¥1,234円"); y != 1234 || len(d.errs) != 0 {
		t.Errorf("yen = %d %v", y, d.errs)
	}
	for in, want := range map[string]gyakusan.Rate{"25": 2500, "12.5": 1250, "12.34": 1234, "２５％": 2500, "30 %": 3000} {
		if r := d.rate("x", in); r != want {
			t.Errorf("rate(%q) = %d, want %d", in, r, want)
		}
	}
	if d.rate("x", "12.345"); len(d.errs) != 1 {
		t.Errorf("three decimals accepted")
	}
}

func TestFormRoundTripsEveryPlanField(t *testing.T) {
	share := gyakusan.Rate(6000)
	rest := gyakusan.Rate(4000)
	own := gyakusan.Rate(3250)
	p := samplePlan(fixedNow, dictJa)
	p.Weights = []int64{1, 1, 2, 2, 1, 1, 1, 1, 2, 2, 1, 1}
	p.Channels = append(p.Channels,
		gyakusan.Channel{Name: "セミナー", Kind: gyakusan.KindSeminar, Share: &share, MeetingRate: &own, FixedCost: 200_000, ActiveMonths: []int{4, 7, 10}, EventsPerMonth: 2},
		gyakusan.Channel{Name: "SEO", Kind: gyakusan.KindOrganic, Share: &rest, ArticlesPerMonth: 8, CPA: 3_000})
	got, rows, errs := formPlan(formOf(p))
	if len(errs) != 0 {
		t.Fatalf("errors: %v", errs)
	}
	if !reflect.DeepEqual(got, p) {
		a, _ := json.Marshal(p)
		b, _ := json.Marshal(got)
		t.Errorf("round trip changed the plan:\n%s\n%s", a, b)
	}
	if !reflect.DeepEqual(rows, []int{0, 1, 2, 3, 4}) {
		t.Errorf("rows = %v", rows)
	}
	won := blankPlan(fixedNow, dictEn, "")
	won.Target = gyakusan.Target{Won: 12}
	won.UnitPrice = 0
	if got, _, _ := formPlan(formOf(won)); !reflect.DeepEqual(got, won) {
		t.Errorf("won target round trip: %+v", got.Target)
	}
}

func TestSaveWithoutScriptRedirectsAndKeepsHistory(t *testing.T) {
	tm := newTeam(t)
	id := createdID(t, tm.post("/plans", nil))
	ids := strconv.FormatInt(id, 10)
	r := tm.post("/plans/"+ids, sheetForm(1))
	if r.Code != 303 || r.Header.Get("Location") != "/plans/"+ids+"?flash=saved" {
		t.Fatalf("save = %d %q: %s", r.Code, r.Header.Get("Location"), r.Body)
	}
	sp := tm.plan(id)
	if sp.Version != 2 || sp.Plan.Target.Revenue != 60_000_000 || sp.Plan.Rates.Opportunity != 5000 || len(sp.Plan.Channels) != 3 || sp.Plan.Notes != "初回打ち合わせ" {
		t.Errorf("saved plan = v%d %+v", sp.Version, sp.Plan)
	}
	page := tm.get("/plans/"+ids+"?flash=saved", tm.editor)
	for _, want := range []string{"保存しました。", "変更履歴", "v2", "更新", "editor@t.example", `value="2"`} {
		if !strings.Contains(page.Body, want) {
			t.Errorf("sheet after save lacks %q", want)
		}
	}
}

func TestBadInputIsShownAtItsFieldWithTheValuesKept(t *testing.T) {
	tm := newTeam(t)
	id := createdID(t, tm.post("/plans", nil))
	f := sheetForm(1)
	f.Set("unit_price", "百万")
	f.Set("months", "200")
	r := tm.post("/plans/"+strconv.FormatInt(id, 10), f)
	if r.Code != 422 {
		t.Fatalf("save of bad input = %d", r.Code)
	}
	for _, want := range []string{`value="百万"`, "受注単価（LTV）の形式が正しくありません", `value="200"`, "期間（月数）は1以上120以下にしてください。", `value="広告"`} {
		if !strings.Contains(r.Body, want) {
			t.Errorf("re-rendered sheet lacks %q", want)
		}
	}
	if tm.plan(id).Version != 1 {
		t.Errorf("bad input was stored")
	}
	// The script gets the same as a problem object.
	js := result(tm.do(req{method: "POST", path: "/plans/" + strconv.FormatInt(id, 10), form: f, cookie: tm.editor, header: map[string]string{"Accept": "application/json"}}))
	var p problem
	if err := json.Unmarshal([]byte(js.Body), &p); err != nil || js.Code != 422 || len(p.Fields) != 2 || p.Fields[0].Field != "unit_price" {
		t.Errorf("JSON save of bad input = %d %s", js.Code, js.Body)
	}
}

// A sheet shown again for its errors keeps the version it was edited from,
// so that fixing the typo and saving does not silently replace what a
// colleague saved in between.
func TestBadInputShownAgainStillNoticesAColleaguesSave(t *testing.T) {
	tm := newTeam(t)
	id := createdID(t, tm.post("/plans", nil))
	ids := strconv.FormatInt(id, 10)
	before := tm.plan(id)
	other := before.Plan
	other.Rates.Win = 3500
	if _, err := tm.db.UpdatePlan(t.Context(), tm.orgID, tm.editorID, id, 1, other); err != nil {
		t.Fatal(err)
	}
	f := sheetForm(1)
	f.Set("base", planJSON(before.Plan))
	f.Set("unit_price", "百万")
	r := tm.post("/plans/"+ids, f)
	if r.Code != 422 || !strings.Contains(r.Body, `name="version" value="1"`) {
		t.Fatalf("bad input with a stale version = %d, version field %q", r.Code, between(r.Body, `name="version"`, ">"))
	}
	f.Set("unit_price", "1,000,000")
	r = tm.post("/plans/"+ids, f)
	if r.Code != 409 || !strings.Contains(r.Body, "受注率: 30 → 35") {
		t.Errorf("corrected save over a colleague's = %d", r.Code)
	}
	if sp := tm.plan(id); sp.Version != 2 || sp.Plan.Rates.Win != 3500 {
		t.Errorf("the colleague's save was replaced: v%d win %s", sp.Version, sp.Plan.Rates.Win)
	}
}

// between is the text of s after the first start up to end, for messages.
func between(s, start, end string) string {
	_, rest, _ := strings.Cut(s, start)
	v, _, _ := strings.Cut(rest, end)
	return v
}

func TestScriptSaveAnswersTheNewVersionAndHistory(t *testing.T) {
	tm := newTeam(t)
	id := strconv.FormatInt(createdID(t, tm.post("/plans", nil)), 10)
	w := tm.do(req{method: "POST", path: "/plans/" + id, form: sheetForm(1), cookie: tm.editor, header: map[string]string{"Accept": "application/json"}})
	var got saveReply
	if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil || w.Code != 200 {
		t.Fatalf("save = %d %s", w.Code, w.Body)
	}
	if got.Version != 2 || got.Message != "保存しました（バージョン2）" || !strings.Contains(got.History, "v2") {
		t.Errorf("reply = %+v", got)
	}
	if p, err := gyakusan.ParsePlan(got.Base); err != nil || p.Target.Revenue != 60_000_000 {
		t.Errorf("base = %s (%v)", got.Base, err)
	}
}

func TestStaleSaveShowsWhatChangedAndKeepsTheInput(t *testing.T) {
	tm := newTeam(t)
	id := createdID(t, tm.post("/plans", nil))
	ids := strconv.FormatInt(id, 10)
	before := tm.plan(id)
	// Someone else raises the win rate first.
	other := before.Plan
	other.Rates.Win = 3500
	if _, err := tm.db.UpdatePlan(t.Context(), tm.orgID, tm.editorID, id, 1, other); err != nil {
		t.Fatal(err)
	}
	f := sheetForm(1)
	f.Set("base", planJSON(before.Plan))
	f.Set("notes", "私のメモ")

	js := result(tm.do(req{method: "POST", path: "/plans/" + ids, form: f, cookie: tm.editor, header: map[string]string{"Accept": "application/json"}}))
	var p problem
	if err := json.Unmarshal([]byte(js.Body), &p); err != nil || js.Code != 409 {
		t.Fatalf("stale save = %d %s", js.Code, js.Body)
	}
	if p.Version != 2 || !reflect.DeepEqual(p.Changes, []string{"rates.win: 30 → 35"}) || !strings.Contains(p.Detail, "他の人が先に変更しました") {
		t.Errorf("conflict = %+v", p)
	}

	page := tm.post("/plans/"+ids, f)
	for _, want := range []string{"受注率: 30 → 35", "私のメモ", `name="overwrite" value="2"`, `name="version" value="1"`} {
		if !strings.Contains(page.Body, want) {
			t.Errorf("conflict page lacks %q", want)
		}
	}
	if page.Code != 409 || tm.plan(id).Plan.Notes != "" {
		t.Errorf("stale save = %d, stored notes %q", page.Code, tm.plan(id).Plan.Notes)
	}
	// Choosing to overwrite saves the user's version over version 2.
	f.Set("overwrite", "2")
	if r := tm.post("/plans/"+ids, f); r.Code != 303 || tm.plan(id).Plan.Notes != "私のメモ" || tm.plan(id).Version != 3 {
		t.Errorf("overwrite = %d, notes %q", r.Code, tm.plan(id).Plan.Notes)
	}
}

func TestChannelRowsWithoutScript(t *testing.T) {
	tm := newTeam(t)
	id := createdID(t, tm.post("/plans", nil))
	ids := strconv.FormatInt(id, 10)
	f := sheetForm(1)
	f.Set("op", "add-channel")
	r := tm.post("/plans/"+ids, f)
	if n := strings.Count(r.Body, `<tr class="ch-row"`); r.Code != 200 || n != 5 { // 4 rows + the template's
		t.Errorf("add row = %d with %d rows", r.Code, n)
	}
	f.Set("op", "remove-channel:0")
	r = tm.post("/plans/"+ids, f)
	if strings.Contains(r.Body, `value="広告"`) || !strings.Contains(r.Body, `value="メルマガ"`) {
		t.Errorf("remove row 0 kept the wrong rows")
	}
	if tm.plan(id).Version != 1 {
		t.Errorf("editing rows saved the plan")
	}
}

func TestShortChannelsWarn(t *testing.T) {
	tm := newTeam(t)
	id := strconv.FormatInt(createdID(t, tm.post("/plans", nil)), 10)
	f := sheetForm(1)
	f["channels.amount"] = []string{"60", "50", "50"}
	r := tm.post("/plans/"+id+"/preview", f)
	if !strings.Contains(r.Body, "チャネルの計画では必要な商談数に届きません") || !strings.Contains(r.Body, `class="num short"`) {
		t.Errorf("no shortfall warning:\n%s", r.Body)
	}
	f.Set("rates.meeting", "10")
	r = tm.post("/plans/"+id+"/preview?lang=en", f)
	if !strings.Contains(r.Body, `data-warn-field="rates.meeting"`) || !strings.Contains(r.Body, "outside the typical range") {
		t.Errorf("no range warning:\n%s", r.Body)
	}
}

func TestPrintViewIsTheSheetOnPaper(t *testing.T) {
	tm := newTeam(t)
	id := strconv.FormatInt(createdID(t, tm.post("/plans/sample", nil)), 10)
	r := tm.get("/plans/"+id+"/print", tm.viewer)
	for _, want := range []string{`class="print-view"`, `<article class="paper">`, "サンプルプラン", "リスティング広告", "必要リード数", "2,400", "id=\"print-now\"",
		`<th>案件化率</th><td class="num">50%</td><td class="muted">目安 40–60%</td>`} {
		if !strings.Contains(r.Body, want) {
			t.Errorf("print view lacks %q", want)
		}
	}
	css := tm.get("/static/app.css", nil)
	if !strings.Contains(css.Body, "@page { size: A4 landscape") || !strings.Contains(css.Body, "@media print") {
		t.Errorf("stylesheet has no A4 landscape print rules")
	}
}

func TestViewerSeesTheSheetWithoutSave(t *testing.T) {
	tm := newTeam(t)
	id := strconv.FormatInt(createdID(t, tm.post("/plans/sample", nil)), 10)
	r := tm.get("/plans/"+id, tm.viewer)
	if r.Code != 200 || strings.Contains(r.Body, `id="save"`) || !strings.Contains(r.Body, "閲覧のみ") {
		t.Errorf("viewer sheet = %d", r.Code)
	}
	if r := result(tm.do(req{method: "POST", path: "/plans/" + id, form: sheetForm(1), cookie: tm.viewer})); r.Code != 403 {
		t.Errorf("viewer save = %d", r.Code)
	}
}
