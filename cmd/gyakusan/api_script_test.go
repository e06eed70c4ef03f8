package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"gyakusan"
	"gyakusan/crm"
)

// The nightly job of README's "Teams, accounts and the API": an admin makes a
// user, a token and a plan with the CLI; a script pushes a CRM export over
// HTTP and reads the report, which is exactly what `gyakusan report --format
// json` prints.
func TestAScriptPushesAnExportAndReadsTheReportTheCLIPrints(t *testing.T) {
	eachDB(t, func(t *testing.T, dsn string) {
		if _, errs, code := admin(t, "a long pass phrase\n", "user", "add", "--db", dsn, "--email", "ops@example.jp", "--org", "Acme", "--role", "editor"); code != 0 {
			t.Fatal(errs)
		}
		tok, errs, code := admin(t, "", "token", "create", "--db", dsn, "--email", "ops@example.jp")
		if code != 0 {
			t.Fatal(errs)
		}
		id, errs, code := admin(t, "", "plans", "create", "--db", dsn, "--org", "Acme", "-f", writeFile(t, "plan.json", plansSeed))
		if code != 0 {
			t.Fatal(errs)
		}
		tok, id = strings.TrimSpace(tok), strings.TrimSpace(id)
		base := serveOn(t, dsn)

		var csv bytes.Buffer
		if err := crm.Generate(&csv, 500, 3, gyakusan.MonthOf(2026, 4)); err != nil {
			t.Fatal(err)
		}
		call := func(method, path, ctype string, body io.Reader) (int, []byte) {
			req, err := http.NewRequest(method, base+path, body)
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("Authorization", "Bearer "+tok)
			if ctype != "" {
				req.Header.Set("Content-Type", ctype)
			}
			res, err := (&http.Client{Timeout: 30 * time.Second}).Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			b, _ := io.ReadAll(res.Body)
			return res.StatusCode, b
		}
		status, body := call("POST", "/api/v1/plans/"+id+"/leads", "text/csv", &csv)
		var sum struct{ Leads, New int }
		if err := json.Unmarshal(body, &sum); status != 200 || err != nil || sum.Leads != 500 || sum.New != 500 {
			t.Fatalf("push = %d %s", status, body)
		}
		status, api := call("GET", "/api/v1/plans/"+id+"/report?as_of=2026-12-01", "", nil)
		if status != 200 {
			t.Fatalf("report = %d %s", status, api)
		}
		cli, errs, code := admin(t, "", "report", "--db", dsn, "--plan", id, "--format", "json", "--as-of", "2026-12-01")
		if code != 0 {
			t.Fatal(errs)
		}
		var a, c any
		if err := json.Unmarshal(api, &a); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal([]byte(cli), &c); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(a, c) {
			t.Errorf("the API's report differs from the CLI's:\nAPI %s\nCLI %s", api, cli)
		}
		if total := a.(map[string]any)["total"].(map[string]any)["actual"].(map[string]any)["leads"]; total == 0.0 {
			t.Error("the report counts no imported leads")
		}
	})
}

// serveOn runs `gyakusan serve` on a free port until the test ends and
// returns its address.
func serveOn(t *testing.T, dsn string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--db", dsn},
			func(string) string { return "" }, strings.NewReader(""), pw, io.Discard)
		pw.Close()
	}()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatalf("no address printed: %v", err)
	}
	go io.Copy(io.Discard, pr)
	f := strings.Fields(line)
	if len(f) < 3 || !strings.HasPrefix(f[2], "http://127.0.0.1:") {
		t.Fatalf("printed %q", line)
	}
	return f[2]
}
