package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Every command answers a bad choice flag in the words of the other field
// messages, with the allowed values, before it opens the database (DB in
// args stands for a database file that must not be created).
func TestBadChoiceFlagsNameTheAllowedValues(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"report: an unknown language", []string{"report", "--db", "DB", "--plan", "1", "--lang", "fr"}, "Language (--lang) must be one of: ja, en."},
		{"report: an unknown format", []string{"report", "--db", "DB", "--plan", "1", "--format", "pdf"}, "Output format (--format) must be one of: table, json, csv."},
		{"export: an unknown format", []string{"export", "--db", "DB", "--plan", "1", "--format", "pdf"}, "Output format (--format) must be one of: xlsx, csv."},
		{"export: an unknown language", []string{"export", "--db", "DB", "--plan", "1", "--lang", "fr"}, "Language (--lang) must be one of: ja, en."},
		{"export: an unknown encoding", []string{"export", "--db", "DB", "--plan", "1", "--format", "csv", "--encoding", "latin1"}, "--encoding must be one of: utf-8, shift_jis."},
		{"plan: an unknown language", []string{"plan", "--won", "1", "--lang", "fr"}, "Language (--lang) must be one of: ja, en."},
		{"plans list: an unknown format", []string{"plans", "list", "--db", "DB", "--org", "A", "--format", "csv"}, "Output format (--format) must be one of: table, json."},
		{"import: an unknown preset", []string{"import", "--db", "DB", "--plan", "1", "--preset", "zoho", "leads.csv"}, "--preset must be one of: generic, hubspot, salesforce."},
		{"report: no plan", []string{"report", "--db", "DB", "--format", "json"}, "--plan: give the plan's id."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "g.db")
			args := append([]string(nil), tt.args...)
			for i, a := range args {
				if a == "DB" {
					args[i] = db
				}
			}
			out, errs, code := admin(t, "", args...)
			if code != 2 || out != "" || !strings.Contains(errs, tt.want) {
				t.Errorf("exit %d, stdout %q, stderr %q; want 2 and %q", code, out, errs, tt.want)
			}
			if _, err := os.Stat(db); err == nil {
				t.Errorf("the database was created for a bad flag")
			}
		})
	}
}

// A plan id that is not there says how to find the ids.
func TestMissingPlanSaysHowToListThePlans(t *testing.T) {
	db := filepath.Join(t.TempDir(), "g.db")
	_, errs, code := admin(t, "", "report", "--db", db, "--plan", "999")
	if want := "--plan: there is no plan 999; gyakusan plans list --org NAME lists the plans' ids."; code != 1 || !strings.Contains(errs, want) {
		t.Errorf("exit %d, stderr %q; want 1 and %q", code, errs, want)
	}
}
