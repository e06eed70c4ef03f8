package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"gyakusan"
)

func TestActualsSetTypesOneMonthOfAChannel(t *testing.T) {
	eachDB(t, func(t *testing.T, dsn string) {
		org, plan := newPlan(t, dsn)
		id := strconv.FormatInt(plan, 10)
		out, errs, code := admin(t, "", "actuals", "set", "--db", dsn, "--plan", id, "--month", "2026-04", "--channel", "広告",
			"--leads", "80", "--meetings", "16", "--won", "2", "--revenue", "¥2,000,000", "--spend", "1,600,000")
		if code != 0 || out != "Saved 2026-04 広告: leads 80, meetings 16, won 2, revenue ¥2,000,000, spend ¥1,600,000\n" || errs != "" {
			t.Fatalf("set: exit %d, %q, %q", code, out, errs)
		}
		// A second call changes only what it gives: the won count keeps its
		// revenue, the spend of May is added beside April's.
		if _, errs, code := admin(t, "", "actuals", "set", "--db", dsn, "--plan", id, "--org", "Acme", "--month", "2026-04", "--channel", "広告", "--won", "3"); code != 0 {
			t.Fatalf("set won: %s", errs)
		}
		if _, errs, code := admin(t, "", "actuals", "set", "--db", dsn, "--plan", id, "--month", "2026-05", "--channel", "広告", "--spend", "1500000"); code != 0 {
			t.Fatalf("set spend: %s", errs)
		}
		db := openDB(t, dsn)
		ctx := context.Background()
		apr := gyakusan.MonthOf(2026, 4)
		cells, err := db.ManualActuals(ctx, org, plan)
		want := []gyakusan.ActualCell{
			{Month: apr, Channel: "広告", Stage: gyakusan.StageLead, Count: 80},
			{Month: apr, Channel: "広告", Stage: gyakusan.StageMeeting, Count: 16},
			{Month: apr, Channel: "広告", Stage: gyakusan.StageWon, Count: 3, Revenue: 2_000_000},
		}
		if err != nil || !reflect.DeepEqual(cells, want) {
			t.Errorf("cells %+v, %v; want %+v", cells, err, want)
		}
		spend, err := db.ManualSpend(ctx, org, plan)
		if want := []gyakusan.SpendCell{{Month: apr, Channel: "広告", Spend: 1_600_000}, {Month: apr + 1, Channel: "広告", Spend: 1_500_000}}; err != nil || !reflect.DeepEqual(spend, want) {
			t.Errorf("spend %+v, %v; want %+v", spend, err, want)
		}
		// A revenue alone updates the won deals typed before.
		if _, errs, code := admin(t, "", "actuals", "set", "--db", dsn, "--plan", id, "--month", "2026-04", "--channel", "広告", "--revenue", "3300000"); code != 0 {
			t.Fatalf("set revenue: %s", errs)
		}
		if cells, _ := db.ManualActuals(ctx, org, plan); cells[2].Count != 3 || cells[2].Revenue != 3_300_000 {
			t.Errorf("won cell %+v, want 3 won for ¥3,300,000", cells[2])
		}

		// The report prints the spend and what a lead and a won deal cost.
		out, errs, code = admin(t, "", "report", "--db", dsn, "--plan", id, "--format", "json", "--as-of", "2026-05-31")
		if code != 0 {
			t.Fatalf("report: %s", errs)
		}
		var rep struct {
			Months []struct {
				Actual struct {
					Spend int64 `json:"spend"`
				} `json:"actual"`
				Cost struct {
					Actual struct {
						PerLead *int64 `json:"per_lead"`
						PerWon  *int64 `json:"per_won"`
					} `json:"actual"`
				} `json:"cost"`
			} `json:"months"`
			Total struct {
				Actual struct {
					Spend int64 `json:"spend"`
				} `json:"actual"`
			} `json:"total"`
		}
		if err := json.Unmarshal([]byte(out), &rep); err != nil {
			t.Fatal(err)
		}
		if rep.Months[0].Actual.Spend != 1_600_000 || rep.Months[1].Actual.Spend != 1_500_000 || rep.Total.Actual.Spend != 3_100_000 {
			t.Errorf("actual spend %d, %d, total %d", rep.Months[0].Actual.Spend, rep.Months[1].Actual.Spend, rep.Total.Actual.Spend)
		}
		if c := rep.Months[0].Cost.Actual; c.PerLead == nil || *c.PerLead != 20_000 || c.PerWon == nil || *c.PerWon != 533_333 {
			t.Errorf("April costs %v %v, want 20,000 per lead, 533,333 per won deal", c.PerLead, c.PerWon)
		}

		out, _, _ = admin(t, "", "report", "--db", dsn, "--plan", id, "--format", "csv", "--as-of", "2026-05-31")
		rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		col := map[string]int{}
		for i, h := range rows[0] {
			col[h] = i
		}
		april := rows[1]
		if april[0] != "2026-04" || april[col["actual_spend"]] != "1600000" || april[col["actual_cost_per_lead"]] != "20000" ||
			april[col["plan_cost_per_lead"]] != "5000" || april[col["actual_cost_per_meeting"]] != "100000" {
			t.Errorf("CSV April %v (header %v)", april, rows[0])
		}
		if june := rows[5]; june[0] != "2026-06" || june[col["actual_spend"]] != "0" || june[col["actual_cost_per_lead"]] != "" {
			t.Errorf("CSV June %v: no spend, no cost", june)
		}

		out, _, _ = admin(t, "", "report", "--db", dsn, "--plan", id, "--lang", "ja", "--as-of", "2026-05-31")
		for _, w := range []string{"施策費用(計画/実績)", "¥1,000,000 / ¥1,600,000", "獲得単価（計画/実績）", "¥10,000 / ¥38,750"} {
			if !strings.Contains(out, w) {
				t.Errorf("table lacks %q:\n%s", w, out)
			}
		}
	})
}

func TestActualsSetRefusesBadInputByName(t *testing.T) {
	dsn := t.TempDir() + "/g.db"
	_, plan := newPlan(t, dsn)
	id := strconv.FormatInt(plan, 10)
	set := func(args ...string) []string {
		return append([]string{"actuals", "set", "--db", dsn, "--plan", id}, args...)
	}
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"negative spend", set("--month", "2026-04", "--channel", "広告", "--spend", "-1"),
			2, "2026-04 広告: --spend must be a whole number from 0 to 1,000,000,000,000,000 (got \"-1\")."},
		{"spend above 10^15 yen", set("--month", "2026-04", "--channel", "広告", "--spend", "1000000000000001"),
			2, "2026-04 広告: --spend must be a whole number from 0"},
		{"not a number", set("--month", "2026-04", "--channel", "広告", "--leads", "12.5"), 2, "--leads must be a whole number"},
		{"no figure", set("--month", "2026-04", "--channel", "広告"), 2, "give at least one of --leads"},
		{"bad month", set("--month", "April", "--channel", "広告", "--spend", "1"), 2, "--month: give the month as YYYY-MM"},
		{"month outside the plan", set("--month", "2027-04", "--channel", "広告", "--spend", "1"), 2, "outside the plan's period (2026-04 to 2027-03)"},
		{"no channel", set("--month", "2026-04", "--spend", "1"), 2, "--channel: give the channel's name"},
		{"revenue without won", set("--month", "2026-04", "--channel", "広告", "--revenue", "100"), 2, "give --won too"},
		{"missing plan", []string{"actuals", "set", "--db", dsn, "--plan", "999", "--month", "2026-04", "--channel", "広告", "--spend", "1"}, 1, "there is no plan 999"},
		{"another org's plan", set("--org", "Rival", "--month", "2026-04", "--channel", "広告", "--spend", "1"), 1, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.name == "another org's plan" {
				if _, err := openDB(t, dsn).CreateOrg(context.Background(), "Rival"); err != nil {
					t.Fatal(err)
				}
				tc.want = "there is no plan " + id
			}
			out, errs, code := admin(t, "", tc.args...)
			if code != tc.code || !strings.Contains(errs, tc.want) || out != "" {
				t.Errorf("exit %d, stdout %q, stderr %q; want %d and %q", code, out, errs, tc.code, tc.want)
			}
		})
	}
	db := openDB(t, dsn)
	if spend, _ := db.ManualSpend(context.Background(), 1, plan); len(spend) != 0 {
		t.Errorf("refused commands stored %+v", spend)
	}
	// Japanese messages for Japanese users.
	var out, errb strings.Builder
	err := run(context.Background(), set("--month", "2026-04", "--channel", "広告", "--spend", "-5"),
		func(k string) string { return map[string]string{"LANG": "ja_JP.UTF-8"}[k] }, strings.NewReader(""), &out, &errb)
	if msg := userMessage(err, "ja"); !strings.Contains(msg, "2026-04 広告: --spend（施策費用）は0以上1,000,000,000,000,000の整数にしてください") {
		t.Errorf("Japanese message %q", msg)
	}
}

func TestActualsSetNotesAChannelOutsideThePlan(t *testing.T) {
	dsn := t.TempDir() + "/g.db"
	_, plan := newPlan(t, dsn)
	out, errs, code := admin(t, "", "actuals", "set", "--db", dsn, "--plan", strconv.FormatInt(plan, 10), "--month", "2026-04", "--channel", "ウェビナー", "--spend", "50000")
	if code != 0 || !strings.Contains(out, "Saved 2026-04 ウェビナー: spend ¥50,000") || !strings.Contains(errs, `"ウェビナー" is not one of the plan's channels`) {
		t.Errorf("exit %d, %q, %q", code, out, errs)
	}
}
