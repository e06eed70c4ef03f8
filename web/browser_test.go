package web

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"gyakusan"
	"gyakusan/store/storetest"
)

const chromium = "/usr/bin/chromium"

// browser starts Debian's chromium headless, or skips the test when it is
// not installed (unless GYAKUSAN_REQUIRE_BROWSER=1).
func browser(t *testing.T) context.Context {
	t.Helper()
	skip := t.Skipf
	if os.Getenv("GYAKUSAN_REQUIRE_BROWSER") == "1" {
		skip = t.Fatalf
	}
	if _, err := os.Stat(chromium); err != nil {
		skip("chromium not found at %s", chromium)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true), chromedp.WindowSize(1440, 1000),
	}
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel2 := chromedp.NewContext(actx)
	t.Cleanup(cancel2)
	if err := chromedp.Do(ctx); err != nil {
		skip("start chromium: %v", err)
	}
	return ctx
}

type step = chromedp.Action[chromedp.Void]

// typeInto replaces the value of the field sel the way a person does, so
// that the page sees input events.
func typeInto(sel, text string) step {
	clear := chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.querySelector(%q).value = ""`, sel))
	return chromedp.Steps(clear, chromedp.SendKeys(chromedp.CSS(sel), text))
}

// choose picks an option of a select and tells the page, as a click would.
func choose(sel, value string) step {
	return chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => { const el = document.querySelector(%q); el.value = %q;
		el.dispatchEvent(new Event("change", {bubbles: true})); })()`, sel, value))
}

// waitText waits until the trimmed text of sel is want.
func waitText(sel, want string) step {
	return chromedp.Poll[chromedp.Void](fmt.Sprintf(`(() => { const el = document.querySelector(%q); return !!el && el.textContent.trim() === %q; })()`, sel, want),
		chromedp.WithPollingTimeout(15*time.Second))
}

func text(ctx context.Context, t *testing.T, js string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return s
}

// The whole path of issue 3: sign in, create a plan, type the seed example,
// see 200 leads a month appear without a reload, save, reload and find it
// saved, switch to English.
func TestBrowserTypesTheSeedExample(t *testing.T) {
	ctx := browser(t)
	a := newAcct(t, storetest.Open(t), Config{})
	a.user("manager@example.jp", "営業企画部", gyakusan.RoleEditor)
	ts := httptest.NewServer(a.srv)
	t.Cleanup(ts.Close)
	tctx, cancel := context.WithTimeout(ctx, 90*time.Second)
	defer cancel()

	row := func(i int, name string) string {
		return fmt.Sprintf(`#channel-rows tr:nth-child(%d) [name="channels.%s"]`, i, name)
	}
	steps := []step{
		chromedp.Navigate(ts.URL + "/plans?lang=ja"),
		chromedp.WaitVisible(chromedp.CSS(`input[name="email"]`)),
		chromedp.SendKeys(chromedp.CSS(`input[name="email"]`), "manager@example.jp"),
		chromedp.SendKeys(chromedp.CSS(`input[name="password"]`), testPassword),
		chromedp.Submit(chromedp.CSS(`input[name="password"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#make-sample`)), // the first-visit welcome
		chromedp.Click(chromedp.CSS(`form[action="/plans"] button`)),
		chromedp.WaitVisible(chromedp.CSS(`#sheet`)),
		// A reload would lose this marker.
		chromedp.Evaluate[chromedp.Void](`window.gyakusanMarker = "same page"`),
		typeInto(`input[name="name"]`, "2026年度 マーケティングKPI"),
		typeInto(`#f-target`, "60,000,000"),
		typeInto(`#f-unit`, "1000000"),
		typeInto(`input[name="rates.meeting"]`, "20"),
		typeInto(`input[name="rates.opportunity"]`, "50"),
		typeInto(`input[name="rates.win"]`, "25"),
		waitText(`[data-kpi="leads-month"]`, "200"),
	}
	for i, ch := range []struct{ name, kind, leads, cpa, fixed, extra, extraVal string }{
		{"リスティング広告", "ads", "100", "15000", "", "", ""},
		{"メルマガ", "email", "50", "", "50000", "list_size", "5000"},
		{"展示会", "offline", "50", "", "400000", "events_per_month", "1"},
	} {
		n := i + 1
		steps = append(steps,
			chromedp.Click(chromedp.CSS(`[data-op="add-channel"]`)),
			chromedp.WaitVisible(chromedp.CSS(row(n, "name"))),
			typeInto(row(n, "name"), ch.name),
			choose(row(n, "kind"), ch.kind),
			typeInto(row(n, "amount"), ch.leads),
		)
		if ch.cpa != "" {
			steps = append(steps, typeInto(row(n, "cpa"), ch.cpa))
		}
		if ch.fixed != "" {
			steps = append(steps, typeInto(row(n, "fixed_cost"), ch.fixed))
		}
		if ch.extra != "" {
			steps = append(steps, typeInto(row(n, ch.extra), ch.extraVal))
		}
	}
	steps = append(steps,
		typeInto(`#f-notes`, "月5件受注 → 案件化20件 → 商談40件 → リード200件。展示会は毎月1回出展。"),
		waitText(`[data-part="channels"] tfoot td.num`, "2,400"),
		waitText(`[data-kpi="leads-month"]`, "200"),
	)
	for i, st := range steps {
		if err := chromedp.Do(tctx, st); err != nil {
			t.Fatalf("typing the seed example, step %d: %v\n%s", i, err, text(ctx, t, `document.querySelector("main").innerText`))
		}
	}
	if m := text(tctx, t, `window.gyakusanMarker || ""`); m != "same page" {
		t.Fatalf("the page reloaded while typing (marker %q)", m)
	}
	if err := chromedp.Do(tctx,
		chromedp.KeyEvent("s", chromedp.KeyModifiers(chromedp.ModifierCtrl)),
		waitText(`#save-status`, "保存しました（バージョン2）"),
		chromedp.Reload(),
		chromedp.WaitVisible(chromedp.CSS(`#sheet`)),
		waitText(`[data-kpi="leads-month"]`, "200"),
	); err != nil {
		t.Fatalf("save and reload: %v", err)
	}
	if name := text(tctx, t, `document.querySelector('input[name="name"]').value`); name != "2026年度 マーケティングKPI" {
		t.Errorf("after reload the name is %q", name)
	}
	if ev := text(tctx, t, `getComputedStyle(document.querySelector("#channel-rows tr:nth-child(3) .k-events")).display`); ev == "none" {
		t.Errorf("the offline row hides its events per month")
	}
	shot, err := chromedp.Run(tctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	saveShot(t, shot)

	if err := chromedp.Do(tctx,
		chromedp.Click(chromedp.CSS(`.lang-switch button[value="en"]`)),
		chromedp.WaitVisible(chromedp.CSS(`html[lang="en"]`)),
	); err != nil {
		t.Fatalf("switching language: %v", err)
	}
	if l := text(tctx, t, `document.querySelector(".k-leads th").textContent`); l != "Leads needed" {
		t.Errorf("after the switch the leads row reads %q", l)
	}
	if v := text(tctx, t, `document.querySelector('[data-kpi="leads-month"]').textContent`); strings.TrimSpace(v) != "200" {
		t.Errorf("after the switch the leads are %q", v)
	}
}

// saveShot keeps the screenshot for the README when GYAKUSAN_SCREENSHOT=1,
// and otherwise in the test's directory, so test runs leave the tree clean.
func saveShot(t *testing.T, png []byte) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "screenshot-plan.png")
	if os.Getenv("GYAKUSAN_SCREENSHOT") == "1" {
		path = filepath.Join("..", "docs", "screenshot-plan.png")
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
}
