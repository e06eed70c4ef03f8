package xlsx

import (
	"bytes"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"

	"gyakusan"
)

// spendBook is the seed plan's workbook with April's leads, won deals and
// spend of the ads channel.
func spendBook(t *testing.T, lang string) ([]byte, gyakusan.PlanReport) {
	t.Helper()
	p := seedPlan()
	res, err := gyakusan.Compute(p)
	if err != nil {
		t.Fatal(err)
	}
	ads := p.Channels[0].Name
	rep := gyakusan.Report(p, res, gyakusan.Actuals{
		Cells: []gyakusan.ActualCell{
			{Month: p.StartMonth, Channel: ads, Stage: gyakusan.StageLead, Count: 90},
			{Month: p.StartMonth, Channel: ads, Stage: gyakusan.StageMeeting, Count: 15},
			{Month: p.StartMonth, Channel: ads, Stage: gyakusan.StageWon, Count: 2, Revenue: 2_000_000},
		},
		Spend: []gyakusan.SpendCell{{Month: p.StartMonth, Channel: ads, Spend: 1_400_000}},
	})
	var buf bytes.Buffer
	if err := Write(&buf, p, Options{Lang: lang, Report: &rep}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), rep
}

// columns maps the header texts of row 3 to their cell columns.
func columns(t *testing.T, f *excelize.File, sheet string) map[string]string {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil || len(rows) < 3 {
		t.Fatalf("%s: %v", sheet, err)
	}
	out := map[string]string{}
	for i, h := range rows[2] {
		out[h] = colName(i + 1)
	}
	return out
}

func TestPlanVsActualSheetHasActualSpendAndUnitCosts(t *testing.T) {
	t.Parallel()
	for _, lang := range []string{"ja", "en"} {
		w := wordsFor(lang)
		b, rep := spendBook(t, lang)
		f := open(t, b)
		col := columns(t, f, w.paSheet)
		spendActual, perLeadPlan, perLeadActual, perWonActual := col[w.spend+" "+w.actual], col[w.perLead+" "+w.plan], col[w.perLead+" "+w.actual], col[w.perWon+" "+w.actual]
		if spendActual == "" || perLeadPlan == "" || perLeadActual == "" || perWonActual == "" {
			t.Fatalf("%s: header lacks spend or costs: %v", lang, col)
		}
		if got := number(t, f, w.paSheet, spendActual+"4"); got != 1_400_000 {
			t.Errorf("%s: April actual spend %d, want 1,400,000", lang, got)
		}
		// The cached values are the report's.
		m := rep.Months[0].Cost
		for cell, want := range map[string]*gyakusan.Yen{perLeadPlan + "4": m.Plan.PerLead, perLeadActual + "4": m.Actual.PerLead, perWonActual + "4": m.Actual.PerWon} {
			if want == nil || number(t, f, w.paSheet, cell) != int64(*want) {
				t.Errorf("%s: %s = %d, want %v", lang, cell, number(t, f, w.paSheet, cell), want)
			}
		}
		if v, _ := f.GetCellValue(w.paSheet, perLeadActual+"5"); v != "" {
			t.Errorf("%s: May cost per lead %q with nothing spent, want empty", lang, v)
		}
		if fm, _ := f.GetCellFormula(w.paSheet, perLeadActual+"4"); fm == "" {
			t.Errorf("%s: the actual cost per lead is not a formula", lang)
		}
		ma := columns(t, f, w.actualSheet)
		if c := ma[w.spend]; c == "" || number(t, f, w.actualSheet, c+"4") != 1_400_000 {
			t.Errorf("%s: monthly actuals lack the spend: %v", lang, ma)
		}
	}
}

// spendFormulasCase: after LibreOffice recalculates, the spend and the unit
// costs are the report's.
func spendFormulasCase(t *testing.T) officeCase {
	b, rep := spendBook(t, "en")
	return officeCase{"PlanVsActualSpendFormulasRecalculateLikeTheReport", b, func(t *testing.T, f *excelize.File) {
		w := wordsFor("en")
		col := columns(t, f, w.paSheet)
		total := len(rep.Months) + 4
		for _, tc := range []struct {
			name, cell string
			want       int64
		}{
			{"April planned spend", col[w.spend+" "+w.plan] + "4", int64(rep.Months[0].Plan.Spend)},
			{"total planned spend", col[w.spend+" "+w.plan] + strconv.Itoa(total), int64(rep.Total.Plan.Spend)},
			{"April planned cost per lead", col[w.perLead+" "+w.plan] + "4", int64(*rep.Months[0].Cost.Plan.PerLead)},
			{"April actual cost per meeting", col[w.perMeeting+" "+w.actual] + "4", int64(*rep.Months[0].Cost.Actual.PerMeeting)},
			{"total actual CAC", col[w.perWon+" "+w.actual] + strconv.Itoa(total), int64(*rep.Total.Cost.Actual.PerWon)},
			{"total planned CAC", col[w.perWon+" "+w.plan] + strconv.Itoa(total), int64(*rep.Total.Cost.Plan.PerWon)},
		} {
			if got := number(t, f, w.paSheet, tc.cell); got != tc.want {
				t.Errorf("%s (%s) = %d after recalculation, report says %d", tc.name, tc.cell, got, tc.want)
			}
		}
	}}
}
