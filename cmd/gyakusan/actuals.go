package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"gyakusan"
	"gyakusan/store"
)

func init() {
	register(command{name: "actuals", summary: "hand-typed actuals: actuals set --plan ID --month YYYY-MM --channel NAME --spend YEN …", run: runActuals})
}

func runActuals(ctx context.Context, e env) error {
	if len(e.args) > 0 && e.args[0] == "set" {
		return runActualsSet(ctx, e, e.args[1:])
	}
	fmt.Fprintln(e.stderr, "Usage: gyakusan actuals set --plan ID --month YYYY-MM --channel NAME")
	fmt.Fprintln(e.stderr, "         [--leads N] [--meetings N] [--opportunities N] [--won N] [--revenue YEN] [--spend YEN] [--org NAME] [--db DSN]")
	return errUsage
}

// actualFlags are the figures `actuals set` may type, in the order they
// are printed: the stages, the won deals' revenue, the channel's spend.
var actualFlags = []struct {
	name  string
	money bool
	ja    string
}{
	{"leads", false, "リード"}, {"meetings", false, "商談"}, {"opportunities", false, "案件化"}, {"won", false, "受注"},
	{"revenue", true, "売上"}, {"spend", true, "施策費用"},
}

// runActualsSet types one month of one channel by hand, for scripts: the
// figures given replace the ones typed before, the others stay as they are.
// A revenue belongs to the won deals of its cell, so it needs a won count,
// given or typed before.
func runActualsSet(ctx context.Context, e env, args []string) error {
	fs := newFlags("actuals set", e)
	planID, org := storedPlanFlags(fs)
	monthText := fs.String("month", "", "the month, YYYY-MM")
	channel := fs.String("channel", "", "the channel's name, as in the plan")
	values := map[string]*string{}
	for _, f := range actualFlags {
		unit := "count"
		if f.money {
			unit = "yen"
		}
		values[f.name] = fs.String(f.name, "", f.name+" ("+unit+")")
	}
	db := dbFlag(fs, e)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	lang := langFrom(e.getenv)
	if err := needPlan(*planID); err != nil {
		return err
	}
	month, ok := gyakusan.ParseMonth(*monthText)
	if !ok {
		return gyakusan.Localized(gyakusan.CodeInvalid, "--month は YYYY-MM の形式で指定してください（例: 2026-04）。",
			"--month: give the month as YYYY-MM (e.g. 2026-04).")
	}
	ch := strings.TrimSpace(*channel)
	if ch == "" || len(ch) > 200 {
		return gyakusan.Localized(gyakusan.CodeInvalid, "--channel にチャネル名（200バイト以内）を指定してください。",
			"--channel: give the channel's name (at most 200 bytes).")
	}
	cell := month.String() + " " + ch
	given := map[string]int64{}
	for _, f := range actualFlags {
		text := *values[f.name]
		if text == "" {
			continue
		}
		limit := gyakusan.MaxCount
		if f.money {
			limit = int64(gyakusan.MaxYen)
		}
		v, ok := wholeNumber(text)
		if !ok || v < 0 || v > limit {
			return gyakusan.Localized(gyakusan.CodeInvalid,
				fmt.Sprintf("%s: --%s（%s）は0以上%sの整数にしてください（%q）。", cell, f.name, f.ja, grouped(limit), text),
				fmt.Sprintf("%s: --%s must be a whole number from 0 to %s (got %q).", cell, f.name, grouped(limit), text))
		}
		given[f.name] = v
	}
	if len(given) == 0 {
		return gyakusan.Localized(gyakusan.CodeInvalid,
			"--leads, --meetings, --opportunities, --won, --revenue, --spend のどれかを指定してください。",
			"give at least one of --leads, --meetings, --opportunities, --won, --revenue, --spend.")
	}

	st, err := store.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	sp, err := storedPlan(ctx, st, *org, *planID)
	if err != nil {
		return err
	}
	first, last := sp.Plan.StartMonth, sp.Plan.StartMonth.Add(sp.Plan.Period()-1)
	if month < first || month > last {
		return gyakusan.Localized(gyakusan.CodeInvalid,
			fmt.Sprintf("--month %s はプランの期間（%s〜%s）の外です。", month, first, last),
			fmt.Sprintf("--month %s is outside the plan's period (%s to %s).", month, first, last))
	}
	cells, spend, err := actualsToSet(ctx, st, sp, month, ch, given)
	if err != nil {
		return err
	}
	if err := st.SetManual(ctx, sp.OrgID, sp.ID, cells, spend); err != nil {
		return err
	}
	if _, ok := gyakusan.MatchChannel(sp.Plan, ch); !ok && len(sp.Plan.Channels) > 0 {
		if lang == "ja" {
			fmt.Fprintf(e.stderr, "注意: 「%s」はプランのチャネルではありません。計画にないチャネルとして表示されます。\n", ch)
		} else {
			fmt.Fprintf(e.stderr, "note: %q is not one of the plan's channels; it shows as a channel of its own.\n", ch)
		}
	}
	var parts []string
	for _, f := range actualFlags {
		v, ok := given[f.name]
		if !ok {
			continue
		}
		text := grouped(v)
		if f.money {
			text = yen(gyakusan.Yen(v))
		}
		if lang == "ja" {
			parts = append(parts, f.ja+" "+text)
		} else {
			parts = append(parts, f.name+" "+text)
		}
	}
	if lang == "ja" {
		_, err = fmt.Fprintf(e.stdout, "%s を保存しました: %s\n", cell, strings.Join(parts, "、"))
	} else {
		_, err = fmt.Fprintf(e.stdout, "Saved %s: %s\n", cell, strings.Join(parts, ", "))
	}
	return err
}

// actualsToSet turns the given figures into cells. The won cell carries the
// revenue, so a won count keeps the revenue typed before and a revenue keeps
// the won count typed before.
func actualsToSet(ctx context.Context, st *store.DB, sp gyakusan.StoredPlan, month gyakusan.Month, ch string, given map[string]int64) ([]gyakusan.ActualCell, []gyakusan.SpendCell, error) {
	var cells []gyakusan.ActualCell
	for _, s := range gyakusan.Stages {
		if v, ok := given[s.String()]; ok {
			cells = append(cells, gyakusan.ActualCell{Month: month, Channel: ch, Stage: s, Count: v})
		}
	}
	rev, hasRev := given["revenue"]
	_, hasWon := given["won"]
	if hasRev || hasWon {
		typed, err := st.ManualActuals(ctx, sp.OrgID, sp.ID)
		if err != nil {
			return nil, nil, err
		}
		var before *gyakusan.ActualCell
		for i, c := range typed {
			if c.Month == month && c.Channel == ch && c.Stage == gyakusan.StageWon {
				before = &typed[i]
			}
		}
		switch {
		case hasRev && !hasWon && before == nil:
			return nil, nil, gyakusan.Localized(gyakusan.CodeInvalid,
				fmt.Sprintf("%s %s: --revenue は受注の売上です。--won も指定してください。", month, ch),
				fmt.Sprintf("%s %s: --revenue is the won deals' revenue; give --won too.", month, ch))
		case hasRev && !hasWon:
			cells = append(cells, gyakusan.ActualCell{Month: month, Channel: ch, Stage: gyakusan.StageWon, Count: before.Count, Revenue: gyakusan.Yen(rev)})
		default:
			won := &cells[len(cells)-1] // won is the last stage
			if hasRev {
				won.Revenue = gyakusan.Yen(rev)
			} else if before != nil {
				won.Revenue = before.Revenue
			}
		}
	}
	var spend []gyakusan.SpendCell
	if v, ok := given["spend"]; ok {
		spend = append(spend, gyakusan.SpendCell{Month: month, Channel: ch, Spend: gyakusan.Yen(v)})
	}
	return cells, spend, nil
}

// wholeNumber reads a count or an amount as scripts and people write it:
// 1200, 1,200, 1_200, ¥1,200, 1200円.
func wholeNumber(s string) (int64, bool) {
	t := strings.NewReplacer(",", "", "_", "", "¥", "", "円", "").Replace(strings.TrimSpace(s))
	if t == "" || len(t) > 18 {
		return 0, false
	}
	v, err := strconv.ParseInt(t, 10, 64)
	return v, err == nil
}
