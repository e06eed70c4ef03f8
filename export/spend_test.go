package export

import (
	"bytes"
	"testing"

	"gyakusan"
)

func TestPlanActualCSVHasActualSpendAndUnitCosts(t *testing.T) {
	p := plan()
	r := compute(t, p)
	apr := gyakusan.MonthOf(2025, 4)
	ads := p.Channels[0].Name
	rep := gyakusan.Report(p, r, gyakusan.Actuals{
		Cells: []gyakusan.ActualCell{
			{Month: apr, Channel: ads, Stage: gyakusan.StageLead, Count: 50},
			{Month: apr, Channel: ads, Stage: gyakusan.StageWon, Count: 2, Revenue: 2_000_000},
		},
		Spend: []gyakusan.SpendCell{{Month: apr, Channel: ads, Spend: 1_200_000}},
	})
	for _, tc := range []struct {
		lang, spendActual, perLeadActual, perWonActual, spendAtt string
	}{
		{"en", "spend actual", "cost per lead actual", "cost per won deal (CAC) actual", "spend attainment %"},
		{"ja", "施策費用 実績", "リード単価 実績", "顧客獲得単価(CAC) 実績", "施策費用 達成率(%)"},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			var buf bytes.Buffer
			if err := PlanActualCSV(&buf, rep, Options{Lang: tc.lang}); err != nil {
				t.Fatal(err)
			}
			rows := parse(t, bytes.TrimPrefix(buf.Bytes(), []byte("\uFEFF")))
			col := map[string]int{}
			for i, h := range rows[0] {
				col[h] = i
			}
			for _, h := range []string{tc.spendActual, tc.perLeadActual, tc.perWonActual, tc.spendAtt} {
				if _, ok := col[h]; !ok {
					t.Fatalf("no column %q in %q", h, rows[0])
				}
			}
			april, channel := rows[1], rows[2]
			want := rep.Months[0].Attainment.Spend.String()
			if april[col[tc.spendActual]] != "1200000" || april[col[tc.spendAtt]] != want ||
				april[col[tc.perLeadActual]] != "24000" || april[col[tc.perWonActual]] != "600000" {
				t.Errorf("April %q", april)
			}
			if channel[1] != "'"+ads || channel[col[tc.spendActual]] != "1200000" {
				t.Errorf("April %s %q", ads, channel)
			}
			may := rows[1+1+len(rep.Months[0].Channels)]
			if may[0] != "2025-05" || may[col[tc.spendActual]] != "0" || may[col[tc.perLeadActual]] != "" {
				t.Errorf("May %q: nothing spent, no cost", may)
			}
			if total := rows[len(rows)-1-len(rep.Channels)]; total[col[tc.spendActual]] != "1200000" {
				t.Errorf("total %q", total)
			}
		})
	}
}
