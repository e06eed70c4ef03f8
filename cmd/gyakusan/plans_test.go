package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"gyakusan"
)

const plansSeed = `{
	"name": "KPI 1年目",
	"start_month": "2026-04",
	"target": {"won": 60},
	"unit_price": 1000000,
	"rates": {"meeting": 20, "opportunity": 50, "win": 25},
	"channels": [{"name": "広告", "kind": "ads", "leads": 100, "cpa": 10000}]
}`

func writeFile(t *testing.T, name, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestPlansCreateAndList(t *testing.T) {
	eachDB(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		db := openDB(t, dsn)
		acme, err := db.CreateOrg(ctx, "Acme")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.CreateOrg(ctx, "Other"); err != nil {
			t.Fatal(err)
		}
		file := writeFile(t, "plan.json", plansSeed)

		out, errs, code := admin(t, "", "plans", "create", "--db", dsn, "--org", "Acme", "-f", file)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
		id, err := strconv.ParseInt(strings.TrimSuffix(out, "\n"), 10, 64)
		if err != nil {
			t.Fatalf("stdout %q is not the id alone", out)
		}
		sp, err := db.Plan(ctx, acme.ID, id)
		if err != nil || sp.Plan.Name != "KPI 1年目" || sp.Version != 1 {
			t.Fatalf("stored %+v, %v", sp, err)
		}
		// A second plan from stdin.
		second := strings.Replace(plansSeed, "KPI 1年目", "KPI 2年目", 1)
		if out, errs, code = admin(t, second, "plans", "create", "--db", dsn, "--org", "Acme", "-f", "-"); code != 0 {
			t.Fatalf("stdin: exit %d: %s", code, errs)
		}

		out, errs, code = admin(t, "", "plans", "list", "--db", dsn, "--org", "Acme", "--format", "json")
		if code != 0 {
			t.Fatalf("list: exit %d: %s", code, errs)
		}
		var items []map[string]any
		if err := json.Unmarshal([]byte(out), &items); err != nil {
			t.Fatalf("list json %q: %v", out, err)
		}
		if len(items) != 2 || items[1]["name"] != "KPI 1年目" || items[1]["id"] != float64(id) ||
			items[1]["version"] != float64(1) || items[1]["archived"] != false || items[1]["updated"] == "" {
			t.Fatalf("list json %s", out)
		}
		for _, k := range []string{"id", "version", "name", "archived", "updated"} {
			if _, ok := items[0][k]; !ok || len(items[0]) != 5 {
				t.Fatalf("item %v lacks %q or has extra keys", items[0], k)
			}
		}

		if _, err := db.SetArchived(ctx, acme.ID, 0, id, true); err != nil {
			t.Fatal(err)
		}
		out, _, code = admin(t, "", "plans", "list", "--db", dsn, "--org", "Acme")
		lines := strings.Split(strings.TrimSpace(out), "\n")
		if code != 0 || len(lines) != 3 || !strings.HasPrefix(lines[0], "ID") {
			t.Fatalf("table:\n%s", out)
		}
		for _, l := range lines[1:] {
			archived := strings.Contains(l, "KPI 1年目")
			if strings.Contains(l, "yes") != archived {
				t.Errorf("table row %q: archived should be %v", l, archived)
			}
		}

		out, _, code = admin(t, "", "plans", "list", "--db", dsn, "--org", "Other", "--format", "json")
		if code != 0 || strings.TrimSpace(out) != "[]" {
			t.Fatalf("another org lists %q (exit %d)", out, code)
		}
	})
}

func TestPlansCreateRefusesBadInput(t *testing.T) {
	dsn := filepath.Join(t.TempDir(), "g.db")
	db := openDB(t, dsn)
	if _, err := db.CreateOrg(context.Background(), "Acme"); err != nil {
		t.Fatal(err)
	}
	good := writeFile(t, "good.json", plansSeed)
	cases := []struct {
		name   string
		args   []string
		stderr string
	}{
		{"missing org", []string{"--org", "Nowhere", "-f", good}, `there is no organization "Nowhere"`},
		{"no org flag", []string{"-f", good}, "--org"},
		{"no file flag", []string{"--org", "Acme"}, "-f"},
		{"missing file", []string{"--org", "Acme", "-f", filepath.Join(t.TempDir(), "none.json")}, "cannot open"},
		{"unknown field", []string{"--org", "Acme", "-f", writeFile(t, "u.json", `{"name":"x","colour":1}`)}, `no field "colour"`},
		{"rate out of range", []string{"--org", "Acme", "-f", writeFile(t, "r.json", strings.Replace(plansSeed, `"win": 25`, `"win": 250`, 1))}, "Win rate must be greater than 0 and at most 100"},
	}
	for _, c := range cases {
		out, errs, code := admin(t, "", append([]string{"plans", "create", "--db", dsn}, c.args...)...)
		if code != 2 || out != "" || !strings.Contains(errs, c.stderr) {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want exit 2 and %q", c.name, code, out, errs, c.stderr)
		}
	}
	plans, err := db.Plans(context.Background(), 1, gyakusan.PlanFilter{})
	if err != nil || len(plans) != 0 {
		t.Fatalf("bad input stored %d plans (%v)", len(plans), err)
	}
}

func TestPlansUsage(t *testing.T) {
	_, errs, code := admin(t, "", "plans", "frobnicate")
	if code != 2 || !strings.Contains(errs, "plans create") {
		t.Fatalf("exit %d, %q", code, errs)
	}
}

func TestMigrateIsIdempotent(t *testing.T) {
	eachDB(t, func(t *testing.T, dsn string) {
		out, errs, code := admin(t, "", "migrate", "--db", dsn)
		if code != 0 || !strings.Contains(out, "applied 0001_") || !strings.Contains(out, "schema is now at version") {
			t.Fatalf("first run: exit %d, %q %q", code, out, errs)
		}
		out, errs, code = admin(t, "", "migrate", "--db", dsn)
		if code != 0 || strings.Contains(out, "applied") || !strings.Contains(out, "schema is up to date") {
			t.Fatalf("second run: exit %d, %q %q", code, out, errs)
		}
	})
}

func TestMigrateFromEnvironment(t *testing.T) {
	dsn := filepath.Join(t.TempDir(), "env.db")
	var out, errb strings.Builder
	getenv := func(k string) string {
		if k == "GYAKUSAN_DB" {
			return dsn
		}
		return ""
	}
	if err := run(context.Background(), []string{"migrate"}, getenv, strings.NewReader(""), &out, &errb); err != nil {
		t.Fatal(err, errb.String())
	}
	if _, err := os.Stat(dsn); err != nil {
		t.Fatalf("$GYAKUSAN_DB was not used: %v", err)
	}
}
