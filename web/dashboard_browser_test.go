package web

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"gyakusan/store/storetest"
)

// A member signs in, types this month's spend of a channel in the actuals
// grid and opens the dashboard of a plan with half a year of imported leads
// and spend: the stylesheet applies under the CSP, the four charts draw, the
// spend and its unit costs show, and the bottleneck is marked.
// GYAKUSAN_SCREENSHOT=1 keeps the screenshot in docs/screenshot-dashboard.png.
func TestBrowserShowsTheDashboard(t *testing.T) {
	ctx := browser(t)
	tm, id, today := liveTeam(t, storetest.Open(t))
	spend := typeSpend(t, tm, id, today)
	last := spend[len(spend)-1] // this month, 展示会 (channel 2)
	cell := fmt.Sprintf(`input[name="v.%d.2.spend"]`, int(last.Month-tm.plan(id).Plan.StartMonth))
	ts := httptest.NewServer(tm.srv)
	t.Cleanup(ts.Close)
	tctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	if err := chromedp.Do(tctx,
		chromedp.Navigate(ts.URL+"/login?lang=ja"),
		chromedp.WaitVisible(chromedp.CSS(`input[name="email"]`)),
		chromedp.SendKeys(chromedp.CSS(`input[name="email"]`), "editor@t.example"),
		chromedp.SendKeys(chromedp.CSS(`input[name="password"]`), testPassword),
		chromedp.Submit(chromedp.CSS(`input[name="password"]`)),
		chromedp.WaitVisible(chromedp.CSS(`.who`)), // signed in: the login POST has finished
		chromedp.Navigate(ts.URL+"/plans/"+strconv.FormatInt(id, 10)+"/actuals"),
		chromedp.WaitVisible(chromedp.CSS(cell)),
		typeInto(cell, "¥450,000"),
		chromedp.Click(chromedp.CSS(`.actuals-form button.primary`)),
		chromedp.WaitVisible(chromedp.CSS(`.flash`)),
		chromedp.Navigate(ts.URL+"/plans/"+strconv.FormatInt(id, 10)+"/dashboard"),
		chromedp.WaitVisible(chromedp.CSS(`.kpis`)),
	); err != nil {
		t.Fatalf("opening the dashboard: %v\n%s", err, text(tctx, t, `document.body.innerText`))
	}
	typed, err := tm.db.ManualSpend(context.Background(), tm.orgID, id)
	if err != nil || len(typed) != len(spend) {
		t.Fatalf("after the grid save: %d spend cells, %v; want %d", len(typed), err, len(spend))
	}
	for _, c := range typed {
		if c.Month == last.Month && c.Channel == last.Channel && c.Spend != 450_000 {
			t.Errorf("typed spend %s %s = %d, want 450,000", c.Month, c.Channel, c.Spend)
		}
	}
	for js, want := range map[string]string{
		`getComputedStyle(document.querySelector(".kpis")).display`:                         "grid",
		`String(document.querySelectorAll("svg.chart").length)`:                             "4",
		`String(document.querySelectorAll(".kpi-value")[5].textContent.startsWith("¥"))`:    "true",
		`String(document.querySelectorAll(".dash-costs tbody tr").length)`:                  "5",
		`String(document.querySelector("svg.chart").getBoundingClientRect().width > 300)`:   "true",
		`String(document.querySelectorAll("svg.chart .bar-actual").length > 3)`:             "true",
		`String(!!document.querySelector(".bottleneck.hot .bn-stage"))`:                     "true",
		`String(document.querySelectorAll(".dash-cohorts tr.incomplete").length)`:           "3",
		`getComputedStyle(document.querySelector(".tabs a[aria-current=page]")).fontWeight`: "650",
	} {
		if got := text(tctx, t, js); got != want {
			t.Errorf("%s = %q, want %q", js, got, want)
		}
	}
	shot, err := chromedp.Run(tctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "screenshot-dashboard.png")
	if os.Getenv("GYAKUSAN_SCREENSHOT") == "1" {
		path = filepath.Join("..", "docs", "screenshot-dashboard.png")
	}
	if err := os.WriteFile(path, shot, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
}

// An editor uploads a HubSpot export from the import tab, reads the
// preview, imports it and lands on the dashboard with its figures.
func TestBrowserPreviewsAndImportsAFile(t *testing.T) {
	ctx := browser(t)
	tm := newTeam(t)
	id := tm.actualsPlan()
	ts := httptest.NewServer(tm.srv)
	t.Cleanup(ts.Close)
	file, err := filepath.Abs("testdata/hubspot_export.csv")
	if err != nil {
		t.Fatal(err)
	}
	tctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	if err := chromedp.Do(tctx,
		chromedp.Navigate(ts.URL+"/login?lang=en"),
		chromedp.WaitVisible(chromedp.CSS(`input[name="email"]`)),
		chromedp.SendKeys(chromedp.CSS(`input[name="email"]`), "editor@t.example"),
		chromedp.SendKeys(chromedp.CSS(`input[name="password"]`), testPassword),
		chromedp.Submit(chromedp.CSS(`input[name="password"]`)),
		chromedp.WaitVisible(chromedp.CSS(`.who`)),
		chromedp.Navigate(ts.URL+"/plans/"+strconv.FormatInt(id, 10)+"/import"),
		chromedp.WaitVisible(chromedp.CSS(`.upload-form`)),
		choose(`.upload-form select[name="source"]`, "preset:hubspot"),
		chromedp.SetUploadFiles(chromedp.CSS(`.upload-form input[type="file"]`), []string{file}),
		chromedp.Click(chromedp.CSS(`.upload-form button.primary`)),
		chromedp.WaitVisible(chromedp.CSS(`#preview`)),
	); err != nil {
		t.Fatalf("previewing: %v\n%s", err, text(tctx, t, `document.body.innerText`))
	}
	if got := text(tctx, t, `document.querySelector(".c-new").textContent`); got != "7" {
		t.Errorf("preview shows %q new leads, want 7", got)
	}
	shot, err := chromedp.Run(tctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "screenshot-import.png")
	if err := os.WriteFile(path, shot, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
	if err := chromedp.Do(tctx,
		chromedp.Click(chromedp.CSS(`#commit`)),
		chromedp.WaitVisible(chromedp.CSS(`.kpis`)),
	); err != nil {
		t.Fatalf("importing: %v", err)
	}
	if got := text(tctx, t, `document.querySelector(".kpi-value").textContent`); got != "7" {
		t.Errorf("the dashboard shows %q leads, want 7", got)
	}
	if got := text(tctx, t, `document.querySelector(".flash").textContent`); got != "Imported." {
		t.Errorf("flash = %q", got)
	}
}
