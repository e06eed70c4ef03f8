package web

import (
	"bytes"
	"context"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"gyakusan"
)

// A team that types only its spend still gets plan vs actual in its
// downloads, with the spend in them.
func TestDownloadsOfAPlanWithOnlyTypedSpendHaveThePlanVersusActual(t *testing.T) {
	tm := newTeam(t)
	id := tm.actualsPlan()
	if err := tm.db.SetManual(context.Background(), tm.orgID, id, nil,
		[]gyakusan.SpendCell{{Month: gyakusan.MonthOf(2025, 4), Channel: "Paid Search", Spend: 1_600_000}}); err != nil {
		t.Fatal(err)
	}
	c := tm.get(pathOf(id, "/export.csv?actual=1&lang=en"), tm.viewer)
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(c.Body, "\uFEFF"))).ReadAll()
	if c.Code != 200 || err != nil {
		t.Fatalf("csv = %d, %v", c.Code, err)
	}
	col := -1
	for i, h := range rows[0] {
		if h == "spend actual" {
			col = i
		}
	}
	if col < 0 || rows[1][col] != "1600000" || rows[2][1] != "Paid Search" || rows[2][col] != "1600000" {
		t.Errorf("plan-vs-actual CSV header %q, April %q / %q", rows[0], rows[1], rows[2])
	}

	x := tm.get(pathOf(id, "/export.xlsx?lang=en"), tm.viewer)
	f, err := excelize.OpenReader(bytes.NewReader([]byte(x.Body)))
	if x.Code != 200 || err != nil {
		t.Fatalf("xlsx = %d, %v", x.Code, err)
	}
	defer f.Close()
	found := false
	pa, err := f.GetRows("Plan vs actual", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatalf("no plan-vs-actual sheet: %v (sheets %q)", err, f.GetSheetList())
	}
	for _, r := range pa {
		for _, v := range r {
			found = found || v == "1600000"
		}
	}
	if !found {
		t.Error("the workbook's plan-vs-actual sheet lacks the typed spend")
	}
}
