package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"

	"gyakusan"
	"gyakusan/export"
	"gyakusan/store"
	"gyakusan/xlsx"
)

func init() {
	register(command{name: "export", summary: "write a stored plan as a workbook or CSV: export --plan ID --format xlsx|csv [-o FILE]", run: runExport})
	register(command{name: "import-plan", summary: "store a plan read from a gyakusan workbook: import-plan --org NAME FILE.xlsx", run: runImportPlan})
}

// runExport writes a stored plan as an .xlsx workbook with live formulas, or
// as CSV (the monthly plan, or plan vs actual with --actual).
func runExport(ctx context.Context, e env) error {
	fs := newFlags("export", e)
	planID, org := storedPlanFlags(fs)
	format := fs.String("format", "xlsx", "xlsx or csv")
	lang := langFlag(fs, "language of sheet names and labels")
	encoding := fs.String("encoding", export.UTF8, "CSV text encoding: utf-8 (with BOM) or shift_jis")
	actual := fs.Bool("actual", false, "CSV of plan vs actual instead of the monthly plan")
	out := fs.String("o", "", "output file (standard output when empty)")
	db := dbFlag(fs, e)
	if err := parseFlags(fs, e.args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		fmt.Fprintln(e.stderr, "Usage: gyakusan export --plan ID [--org NAME] --format xlsx|csv [--lang ja|en] [--encoding utf-8|shift_jis] [--actual] [-o FILE] [--db DSN]")
		return errUsage
	}
	if err := needPlan(*planID); err != nil {
		return err
	}
	if err := checkChoice("--format", *format, "xlsx", "csv"); err != nil {
		return err
	}
	lg, err := pickLang(*lang, e)
	if err != nil {
		return err
	}
	enc, ok := export.ParseEncoding(*encoding)
	if !ok {
		return checkChoice("--encoding", *encoding, export.UTF8, export.ShiftJIS)
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
	var buf bytes.Buffer
	switch {
	case *format == "xlsx":
		rep, err := planReport(ctx, st, sp, today(), false)
		if err != nil {
			return err
		}
		err = xlsx.Write(&buf, sp.Plan, xlsx.Options{Lang: lg, Report: rep})
		if err != nil {
			return err
		}
	case *actual:
		rep, err := planReport(ctx, st, sp, today(), true)
		if err != nil {
			return err
		}
		if err := export.PlanActualCSV(&buf, *rep, export.Options{Lang: lg, Encoding: enc}); err != nil {
			return err
		}
	default:
		res, err := gyakusan.Compute(sp.Plan)
		if err != nil {
			return err
		}
		if err := export.MonthlyCSV(&buf, sp.Plan, res, export.Options{Lang: lg, Encoding: enc}); err != nil {
			return err
		}
	}
	if *out == "" {
		_, err := e.stdout.Write(buf.Bytes())
		return err
	}
	return writeFileAtomic(*out, buf.Bytes())
}

// writeFileAtomic writes through a temporary file in the same directory, so
// that a failed export never leaves half a workbook behind.
func writeFileAtomic(name string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(name), ".gyakusan-export-*")
	if err != nil {
		return cannotWrite("-o", name)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), name)
}

// runImportPlan reads a plan from a workbook gyakusan exported (with any
// inputs changed in Excel) and stores it as a new plan, printing its id.
func runImportPlan(ctx context.Context, e env) error {
	fs := newFlags("import-plan", e)
	org := fs.String("org", "", "the organization's name (must exist)")
	db := dbFlag(fs, e)
	if err := parseFlags(fs, e.args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(e.stderr, "Usage: gyakusan import-plan --org NAME [--db DSN] FILE.xlsx")
		return errUsage
	}
	if err := gyakusan.CheckOrgName(*org); err != nil {
		return flagError("--org", err)
	}
	name := fs.Arg(0)
	f, err := openInput("", name)
	if err != nil {
		return err
	}
	defer f.Close()
	p, err := xlsx.Read(f)
	if err != nil {
		return err
	}
	return createPlan(ctx, e, *db, *org, p)
}
