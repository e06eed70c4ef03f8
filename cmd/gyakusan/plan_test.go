package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// runCmd runs the program as a user would, with a LANG and no stdin.
func runCmd(t *testing.T, lang string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	getenv := func(k string) string {
		if k == "LANG" {
			return lang
		}
		return ""
	}
	err := run(context.Background(), args, getenv, strings.NewReader(""), &out, &errb)
	if err != nil {
		if err != errUsage {
			errb.WriteString(userMessage(err, langFrom(getenv)) + "\n")
		}
		code = exitCode(err)
	}
	return out.String(), errb.String(), code
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		os.WriteFile(path, []byte(got), 0o644)
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("golden %s: %v (run with -update)", name, err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s:\n%s", path, got)
	}
}

func TestPlanTable(t *testing.T) {
	tests := []struct{ name, lang, golden string }{
		{"the seed plan as a Japanese table", "ja_JP.UTF-8", "seed.ja.txt"},
		{"the seed plan as an English table", "en_US.UTF-8", "seed.en.txt"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errs, code := runCmd(t, tt.lang, "plan", "-f", "testdata/seed.json")
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			golden(t, tt.golden, out)
		})
	}
}

func TestPlanQuickFlagsSeedMonth(t *testing.T) {
	out, errs, code := runCmd(t, "C", "plan", "--won", "5", "--meeting-rate", "20", "--opportunity-rate", "50",
		"--win-rate", "25", "--start", "2026-04", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var r struct {
		Total  struct{ Won, Opportunities, Meetings, Leads int64 }
		Months []struct {
			Month string
			Leads int64
		}
		Warnings []any
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if r.Total.Won != 5 || r.Total.Opportunities != 20 || r.Total.Meetings != 40 || r.Total.Leads != 200 {
		t.Errorf("total %+v, want 5 → 20 → 40 → 200", r.Total)
	}
	if len(r.Months) != 1 || r.Months[0].Month != "2026-04" || r.Months[0].Leads != 200 || r.Warnings == nil {
		t.Errorf("months %+v warnings %v", r.Months, r.Warnings)
	}
}

func TestPlanCSV(t *testing.T) {
	out, errs, code := runCmd(t, "C", "plan", "-f", "testdata/seed.json", "--format", "csv")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 14 {
		t.Fatalf("want header, 12 months and a total, got %d lines", len(lines))
	}
	if want := "2026-04,5,20,40,200,5000000,1500000,40,5,0,100,20,1000000,50,10,0,50,10,500000"; lines[1] != want {
		t.Errorf("first month\n got %s\nwant %s", lines[1], want)
	}
	if want := "total,60,240,480,2400,60000000,18000000,480,60,0,1200,240,12000000,600,120,0,600,120,6000000"; lines[13] != want {
		t.Errorf("total\n got %s\nwant %s", lines[13], want)
	}
}

func TestPlanInvalidInput(t *testing.T) {
	tests := []struct {
		name, lang string
		args       []string
		stderr     []string
	}{
		{"a rate over 100 and a missing rate, in Japanese", "ja_JP.UTF-8",
			[]string{"plan", "--won", "5", "--meeting-rate", "200", "--win-rate", "25"},
			[]string{"案件化率（--opportunity-rate）を入力してください。", "商談化率（--meeting-rate）は0より大きく100以下にしてください。"}},
		{"both targets, in English", "en_US.UTF-8",
			[]string{"plan", "--won", "5", "--revenue", "100", "--unit-price", "10", "--meeting-rate", "20", "--opportunity-rate", "50", "--win-rate", "25"},
			[]string{"Give either Revenue target (--revenue) or Won deals target (--won), not both."}},
		{"a document with a bad field", "en_US.UTF-8",
			[]string{"plan", "-f", "testdata/bad.json"},
			[]string{"Win rate must be greater than 0 and at most 100.", "Channel 1 kind must be one of"}},
		{"a document that is not there", "en_US.UTF-8",
			[]string{"plan", "-f", "testdata/none.json"},
			[]string{"-f: cannot open testdata/none.json: there is no such file; check the path."}},
		{"an unknown format", "en_US.UTF-8",
			[]string{"plan", "--format", "xml", "--won", "1"},
			[]string{"Output format (--format) must be one of: table, json, csv."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errs, code := runCmd(t, tt.lang, tt.args...)
			if code != 2 || out != "" {
				t.Fatalf("exit %d, stdout %q; want 2 and nothing", code, out)
			}
			for _, s := range tt.stderr {
				if !strings.Contains(errs, s) {
					t.Errorf("stderr %q lacks %q", errs, s)
				}
			}
		})
	}
}
