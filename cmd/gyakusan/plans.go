package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"gyakusan"
	"gyakusan/store"
)

func init() {
	register(command{name: "plans", summary: "stored plans: plans create --org NAME -f plan.json | plans list --org NAME", run: runPlans})
}

func runPlans(ctx context.Context, e env) error {
	if len(e.args) > 0 {
		switch e.args[0] {
		case "create":
			return runPlansCreate(ctx, e, e.args[1:])
		case "list":
			return runPlansList(ctx, e, e.args[1:])
		}
	}
	fmt.Fprintln(e.stderr, "Usage: gyakusan plans create --org NAME -f plan.json [--db DSN]")
	fmt.Fprintln(e.stderr, "       gyakusan plans list --org NAME [--format table|json] [--db DSN]")
	return errUsage
}

// runPlansCreate stores a plan document in an organization and prints the
// new plan's id alone, so that scripts can capture it.
func runPlansCreate(ctx context.Context, e env, args []string) error {
	fs := newFlags("plans create", e)
	org := fs.String("org", "", "the organization's name (must exist)")
	file := fs.String("f", "", "plan document (JSON); - for stdin")
	db := dbFlag(fs, e)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *file == "" {
		return gyakusan.Localized(gyakusan.CodeInvalid, "-f にプランのJSONファイルを指定してください。", "-f: give the plan document (a JSON file).")
	}
	if err := gyakusan.CheckOrgName(*org); err != nil {
		return flagError("--org", err)
	}
	p, err := readPlanFile(*file, e.stdin)
	if err != nil {
		return err
	}
	if err := gyakusan.ValidatePlan(p); err != nil {
		return err
	}
	return createPlan(ctx, e, *db, *org, p)
}

// readPlanFile decodes the plan document in name, or stdin for "-".
func readPlanFile(name string, stdin io.Reader) (gyakusan.Plan, error) {
	if name == "-" {
		return gyakusan.DecodePlan(stdin)
	}
	f, err := openInput("-f", name)
	if err != nil {
		return gyakusan.Plan{}, err
	}
	defer f.Close()
	return gyakusan.DecodePlan(f)
}

// orgNamed finds the organization of --org; a missing one is the user's
// mistake, so it is answered as invalid input with a hint.
func orgNamed(ctx context.Context, st *store.DB, name string) (gyakusan.Org, error) {
	o, err := st.OrgByName(ctx, name)
	if gyakusan.ErrorCode(err) == gyakusan.CodeNotFound {
		name = strings.TrimSpace(name)
		return o, gyakusan.Localized(gyakusan.CodeInvalid,
			fmt.Sprintf("--org: 組織「%s」はありません。gyakusan user add で作成できます。", name),
			fmt.Sprintf("--org: there is no organization %q; gyakusan user add creates one.", name))
	}
	return o, err
}

// planListItem is one plan in `plans list --format json`.
type planListItem struct {
	ID       int64     `json:"id"`
	Version  int64     `json:"version"`
	Name     string    `json:"name"`
	Archived bool      `json:"archived"`
	Updated  time.Time `json:"updated"`
}

// runPlansList prints the organization's plans, most recently updated
// first, archived ones included.
func runPlansList(ctx context.Context, e env, args []string) error {
	fs := newFlags("plans list", e)
	org := fs.String("org", "", "the organization's name")
	format := fs.String("format", "table", "output: table or json")
	db := dbFlag(fs, e)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := checkChoice("--format", *format, "table", "json"); err != nil {
		return err
	}
	if err := gyakusan.CheckOrgName(*org); err != nil {
		return flagError("--org", err)
	}
	st, err := store.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	o, err := orgNamed(ctx, st, *org)
	if err != nil {
		return err
	}
	plans, err := st.Plans(ctx, o.ID, gyakusan.PlanFilter{})
	if err != nil {
		return err
	}
	items := make([]planListItem, 0, len(plans))
	for _, sp := range plans {
		items = append(items, planListItem{ID: sp.ID, Version: sp.Version, Name: sp.Plan.Name, Archived: sp.Archived, Updated: sp.Updated})
	}
	if *format == "json" {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(items)
	}
	return writePlanList(e.stdout, items, langFrom(e.getenv))
}

func writePlanList(w io.Writer, items []planListItem, lang string) error {
	head, yes := []string{"ID", "VERSION", "NAME", "ARCHIVED", "UPDATED"}, "yes"
	if lang == "ja" {
		head, yes = []string{"ID", "版", "名前", "アーカイブ", "更新日時"}, "済"
	}
	rows := [][]string{head}
	for _, it := range items {
		archived := ""
		if it.Archived {
			archived = yes
		}
		rows = append(rows, []string{strconv.FormatInt(it.ID, 10), strconv.FormatInt(it.Version, 10), oneLine(it.Name),
			archived, it.Updated.Local().Format("2006-01-02 15:04")})
	}
	var b strings.Builder
	writeColumns(&b, rows, func(int) bool { return false })
	_, err := io.WriteString(w, b.String())
	return err
}

// oneLine keeps a name from breaking the table's rows and columns.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if r < ' ' || r == 0x7f {
			return ' '
		}
		return r
	}, s)
}
