package main

import (
	"bytes"
	"encoding/csv"
	"testing"

	"gyakusan"
)

// Channel names come from CRM exports, so the CLI's CSV outputs neutralise
// any that a spreadsheet would run as a formula, the same way the exports do.
func TestCLICSVNeutralisesChannelNames(t *testing.T) {
	evil := []string{"=HYPERLINK(\"http://x\")", "＝1+1", "@SUM(A1)"}
	p := gyakusan.Plan{StartMonth: gyakusan.MonthOf(2026, 4), Months: 1, Target: gyakusan.Target{Won: 5},
		Rates: gyakusan.Rates{Meeting: 2000, Opportunity: 5000, Win: 2500}}
	for _, n := range evil {
		leads := int64(10)
		p.Channels = append(p.Channels, gyakusan.Channel{Name: n, Kind: gyakusan.KindOther, Leads: &leads})
	}
	r, err := gyakusan.Compute(p)
	if err != nil {
		t.Fatal(err)
	}
	var plan, report bytes.Buffer
	if err := writePlanCSV(&plan, p, r); err != nil {
		t.Fatal(err)
	}
	if err := writeReportCSV(&report, gyakusan.Report(p, r, gyakusan.Actuals{})); err != nil {
		t.Fatal(err)
	}
	for name, out := range map[string]*bytes.Buffer{"plan": &plan, "report": &report} {
		recs, err := csv.NewReader(out).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		seen := 0
		for _, rec := range recs {
			for _, cell := range rec {
				for _, n := range evil {
					if cell == n || len(cell) > len(n) && cell[:len(n)] == n {
						t.Errorf("%s CSV has a raw formula cell %q", name, cell)
					}
					if len(cell) > 0 && cell[0] == '\'' {
						seen++
					}
				}
			}
		}
		if seen == 0 {
			t.Errorf("%s CSV neutralised nothing", name)
		}
	}
}
