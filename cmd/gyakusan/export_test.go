package main

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/encoding/japanese"

	"gyakusan"
	"gyakusan/xlsx"
)

func TestExportAndImportPlanRoundTrip(t *testing.T) {
	eachDB(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		db := openDB(t, dsn)
		acme, err := db.CreateOrg(ctx, "Acme")
		if err != nil {
			t.Fatal(err)
		}
		other, err := db.CreateOrg(ctx, "Other")
		if err != nil {
			t.Fatal(err)
		}
		p, err := gyakusan.ParsePlan([]byte(plansSeed))
		if err != nil {
			t.Fatal(err)
		}
		p.Name = "=KPI 1年目"
		sp, err := db.CreatePlan(ctx, acme.ID, 0, p)
		if err != nil {
			t.Fatal(err)
		}
		id := strconv.FormatInt(sp.ID, 10)
		book := filepath.Join(t.TempDir(), "plan.xlsx")
		if _, errs, code := admin(t, "", "export", "--db", dsn, "--plan", id, "--org", "Acme", "--format", "xlsx", "--lang", "ja", "-o", book); code != 0 {
			t.Fatalf("export: exit %d: %s", code, errs)
		}
		f, err := os.Open(book)
		if err != nil {
			t.Fatal(err)
		}
		read, err := xlsx.Read(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(read, p) {
			t.Errorf("workbook holds %+v, want %+v", read, p)
		}

		out, errs, code := admin(t, "", "import-plan", "--db", dsn, "--org", "Other", book)
		if code != 0 {
			t.Fatalf("import-plan: exit %d: %s", code, errs)
		}
		newID, err := strconv.ParseInt(strings.TrimSpace(out), 10, 64)
		if err != nil || out != strconv.FormatInt(newID, 10)+"\n" {
			t.Fatalf("stdout %q is not the id alone", out)
		}
		imported, err := db.Plan(ctx, other.ID, newID)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(imported.Plan, p) {
			t.Errorf("imported %+v, want %+v", imported.Plan, p)
		}

		// Another organization's plan answers like a missing one.
		_, errs, code = admin(t, "", "export", "--db", dsn, "--plan", id, "--org", "Other", "--format", "csv")
		_, errs2, code2 := admin(t, "", "export", "--db", dsn, "--plan", "999999", "--org", "Other", "--format", "csv")
		if code == 0 || code != code2 || strings.ReplaceAll(errs, id, "N") != strings.ReplaceAll(errs2, "999999", "N") {
			t.Errorf("other org: exit %d %q; missing: exit %d %q", code, errs, code2, errs2)
		}
	})
}

func TestExportCSVToStdout(t *testing.T) {
	dsn := filepath.Join(t.TempDir(), "g.db")
	ctx := context.Background()
	db := openDB(t, dsn)
	acme, err := db.CreateOrg(ctx, "Acme")
	if err != nil {
		t.Fatal(err)
	}
	p, _ := gyakusan.ParsePlan([]byte(plansSeed))
	sp, err := db.CreatePlan(ctx, acme.ID, 0, p)
	if err != nil {
		t.Fatal(err)
	}
	id := strconv.FormatInt(sp.ID, 10)
	out, errs, code := admin(t, "", "export", "--db", dsn, "--plan", id, "--format", "csv", "--lang", "ja")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.HasPrefix(out, "\uFEFF月,受注数,案件化数,商談数,リード数,売上,施策費用,広告 リード数") {
		t.Errorf("stdout starts %q", out[:min(len(out), 80)])
	}
	if !strings.Contains(out, "\r\n合計,60,240,480,") {
		t.Errorf("no total row with 60 won: %q", out)
	}
	out, _, code = admin(t, "", "export", "--db", dsn, "--plan", id, "--format", "csv", "--lang", "ja", "--encoding", "shift_jis", "--actual")
	text, err := japanese.ShiftJIS.NewDecoder().String(out)
	if code != 0 || err != nil || !strings.HasPrefix(text, "月,チャネル,リード数 計画,リード数 実績") {
		t.Errorf("plan vs actual in Shift_JIS: exit %d, %v, %q", code, err, text[:min(len(text), 60)])
	}
	for _, bad := range [][]string{
		{"--format", "pdf"}, {"--format", "csv", "--encoding", "latin1"}, {"--format", "xlsx", "--lang", "fr"},
	} {
		_, errs, code := admin(t, "", append([]string{"export", "--db", dsn, "--plan", id}, bad...)...)
		if code != 2 || !strings.Contains(errs, bad[len(bad)-2]) {
			t.Errorf("%v: exit %d, %q", bad, code, errs)
		}
	}
	notBook := filepath.Join(t.TempDir(), "x.xlsx")
	os.WriteFile(notBook, []byte("a,b\n"), 0o600)
	_, errs, code = admin(t, "", "import-plan", "--db", dsn, "--org", "Acme", notBook)
	if code != 2 || !strings.Contains(errs, "not an Excel workbook") {
		t.Errorf("import of a non-workbook: exit %d, %q", code, errs)
	}
}
