package store_test

import (
	"reflect"
	"strings"
	"testing"

	"gyakusan"
	"gyakusan/store"
	"gyakusan/store/storetest"
)

func TestSpendIsSavedWithTheCountsInOneReplace(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		o := mustOrg(t, db, "A")
		sp := mustPlan(t, db, o.ID, 0)
		apr, may := gyakusan.MonthOf(2025, 4), gyakusan.MonthOf(2025, 5)
		cells := []gyakusan.ActualCell{{Month: apr, Channel: "広告", Stage: gyakusan.StageLead, Count: 80}}
		spend := []gyakusan.SpendCell{
			{Month: may, Channel: "広告", Spend: 1_500_000},
			{Month: apr, Channel: "展示会", Spend: 300_000},
			{Month: apr, Channel: "広告", Spend: gyakusan.MaxYen},
		}
		if err := db.ReplaceManual(ctx, o.ID, sp.ID, apr, may, cells, spend); err != nil {
			t.Fatal(err)
		}
		want := []gyakusan.SpendCell{
			{Month: apr, Channel: "展示会", Spend: 300_000},
			{Month: apr, Channel: "広告", Spend: gyakusan.MaxYen},
			{Month: may, Channel: "広告", Spend: 1_500_000},
		}
		gyakusan.SortSpend(want) // the store's order is the domain's
		got, err := db.ManualSpend(ctx, o.ID, sp.ID)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Fatalf("spend %+v, %v; want %+v", got, err, want)
		}
		a, err := db.Actuals(ctx, o.ID, sp.ID)
		if err != nil || !reflect.DeepEqual(a.Spend, want) || len(a.Manual) != 1 {
			t.Fatalf("actuals spend %+v manual %+v, %v", a.Spend, a.Manual, err)
		}

		// The counts alone leave the spend as it is.
		if err := db.ReplaceManualActuals(ctx, o.ID, sp.ID, apr, may, nil); err != nil {
			t.Fatal(err)
		}
		if got, _ := db.ManualSpend(ctx, o.ID, sp.ID); len(got) != 3 {
			t.Errorf("replacing the counts changed the spend: %+v", got)
		}
		// Replacing April clears April's spend and keeps May's.
		if err := db.ReplaceManual(ctx, o.ID, sp.ID, apr, apr, nil, nil); err != nil {
			t.Fatal(err)
		}
		if got, _ := db.ManualSpend(ctx, o.ID, sp.ID); len(got) != 1 || got[0].Month != may {
			t.Errorf("after clearing April: %+v", got)
		}
	})
}

func TestABadSpendCellIsRefusedByNameAndChangesNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		o := mustOrg(t, db, "A")
		sp := mustPlan(t, db, o.ID, 0)
		apr, may := gyakusan.MonthOf(2025, 4), gyakusan.MonthOf(2025, 5)
		keep := []gyakusan.SpendCell{{Month: apr, Channel: "広告", Spend: 1_000_000}}
		if err := db.ReplaceManual(ctx, o.ID, sp.ID, apr, may, nil, keep); err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			name  string
			cell  gyakusan.SpendCell
			field string
			ja    string
			en    string
		}{
			{"negative", gyakusan.SpendCell{Month: may, Channel: "広告", Spend: -1}, "spend[1].spend",
				"2025-05 広告: 施策費用の実績は0以上1,000,000,000,000,000以下にしてください。",
				"2025-05 広告: Actual spend must be between 0 and 1,000,000,000,000,000."},
			{"above 10^15 yen", gyakusan.SpendCell{Month: may, Channel: "展示会", Spend: gyakusan.MaxYen + 1}, "spend[1].spend",
				"2025-05 展示会: 施策費用の実績", "2025-05 展示会: Actual spend must be between 0"},
			{"no channel", gyakusan.SpendCell{Month: may, Spend: 5}, "spend[1].channel", "費用のチャネルを入力してください。", "Channel of the spend is required."},
			{"outside the months replaced", gyakusan.SpendCell{Month: may + 1, Channel: "広告", Spend: 5}, "spend[1].month",
				"2025-06 広告: 費用の月は2025-04以上2025-05以下", "2025-06 広告: Month of the spend must be between 2025-04 and 2025-05."},
		} {
			t.Run(tc.name, func(t *testing.T) {
				cells := []gyakusan.ActualCell{{Month: apr, Channel: "広告", Stage: gyakusan.StageLead, Count: 9}}
				err := db.ReplaceManual(ctx, o.ID, sp.ID, apr, may, cells, []gyakusan.SpendCell{{Month: apr, Channel: "広告", Spend: 2}, tc.cell})
				var e *gyakusan.Error
				if !asError(err, &e) || e.Code != gyakusan.CodeInvalid || len(e.Fields) != 1 || e.Fields[0].Field != tc.field {
					t.Fatalf("err = %v, want invalid %s", err, tc.field)
				}
				if !strings.Contains(e.Message("ja"), tc.ja) || !strings.Contains(e.Message("en"), tc.en) {
					t.Errorf("messages %q / %q, want %q / %q", e.Message("ja"), e.Message("en"), tc.ja, tc.en)
				}
				if got, _ := db.ManualSpend(ctx, o.ID, sp.ID); !reflect.DeepEqual(got, keep) {
					t.Errorf("a refused save changed the spend: %+v", got)
				}
				if got, _ := db.ManualActuals(ctx, o.ID, sp.ID); len(got) != 0 {
					t.Errorf("a refused save wrote the counts: %+v", got)
				}
			})
		}
	})
}

func TestSetManualChangesOnlyTheFiguresGiven(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		o := mustOrg(t, db, "A")
		sp := mustPlan(t, db, o.ID, 0)
		apr, may := gyakusan.MonthOf(2025, 4), gyakusan.MonthOf(2025, 5)
		err := db.SetManual(ctx, o.ID, sp.ID,
			[]gyakusan.ActualCell{{Month: apr, Channel: "広告", Stage: gyakusan.StageLead, Count: 80}},
			[]gyakusan.SpendCell{{Month: apr, Channel: "広告", Spend: 1_600_000}, {Month: may, Channel: "広告", Spend: 1}})
		if err != nil {
			t.Fatal(err)
		}
		err = db.SetManual(ctx, o.ID, sp.ID,
			[]gyakusan.ActualCell{{Month: apr, Channel: "広告", Stage: gyakusan.StageWon, Count: 2, Revenue: 2_000_000}},
			[]gyakusan.SpendCell{{Month: may, Channel: " 広告 ", Spend: 1_500_000}})
		if err != nil {
			t.Fatal(err)
		}
		spend, _ := db.ManualSpend(ctx, o.ID, sp.ID)
		if want := []gyakusan.SpendCell{{Month: apr, Channel: "広告", Spend: 1_600_000}, {Month: may, Channel: "広告", Spend: 1_500_000}}; !reflect.DeepEqual(spend, want) {
			t.Errorf("spend %+v, want %+v", spend, want)
		}
		if cells, _ := db.ManualActuals(ctx, o.ID, sp.ID); len(cells) != 2 || cells[0].Count != 80 || cells[1].Revenue != 2_000_000 {
			t.Errorf("cells %+v: the leads stay beside the won deals", cells)
		}
		err = db.SetManual(ctx, o.ID, sp.ID, []gyakusan.ActualCell{{Month: apr, Channel: "広告", Count: 1}},
			[]gyakusan.SpendCell{{Month: apr, Channel: "広告", Spend: -5}})
		wantCode(t, err, gyakusan.CodeInvalid)
		if cells, _ := db.ManualActuals(ctx, o.ID, sp.ID); cells[0].Count != 80 {
			t.Errorf("a refused set wrote the count: %+v", cells)
		}
	})
}

func TestSpendOfAnotherOrgsPlanIsNotFound(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		a, b := mustOrg(t, db, "A"), mustOrg(t, db, "B")
		sp := mustPlan(t, db, a.ID, 0)
		apr := gyakusan.MonthOf(2025, 4)
		spend := []gyakusan.SpendCell{{Month: apr, Channel: "広告", Spend: 1}}
		if err := db.SetManual(ctx, a.ID, sp.ID, nil, spend); err != nil {
			t.Fatal(err)
		}
		for name, planID := range map[string]int64{"another org's plan": sp.ID, "a missing plan": sp.ID + 1000} {
			t.Run(name, func(t *testing.T) {
				org := b.ID
				if planID != sp.ID {
					org = a.ID
				}
				_, err := db.ManualSpend(ctx, org, planID)
				wantCode(t, err, gyakusan.CodeNotFound)
				missing := err.Error()
				wantCode(t, db.ReplaceManual(ctx, org, planID, apr, apr, nil, spend), gyakusan.CodeNotFound)
				err = db.SetManual(ctx, org, planID, nil, spend)
				wantCode(t, err, gyakusan.CodeNotFound)
				if err.Error() != missing {
					t.Errorf("%q and %q differ", err.Error(), missing)
				}
			})
		}
		if got, _ := db.ManualSpend(ctx, a.ID, sp.ID); !reflect.DeepEqual(got, spend) {
			t.Errorf("the owner's spend changed: %+v", got)
		}
		// Deleting the plan takes its spend with it.
		if err := db.DeletePlan(ctx, a.ID, sp.ID); err != nil {
			t.Fatal(err)
		}
		var n int
		if err := db.QueryRow(ctx, `SELECT COUNT(*) FROM manual_spend WHERE plan_id = ?`, sp.ID).Scan(&n); err != nil || n != 0 {
			t.Errorf("%d spend rows left after deleting the plan (%v)", n, err)
		}
	})
}
