package main

import (
	"bufio"
	"context"
	"os"

	"gyakusan"
	"gyakusan/crm"
)

func init() {
	register(command{name: "gen-leads", summary: "write a big generic lead CSV for benchmarks: gen-leads -n 1000000 -o leads.csv", run: runGenLeads})
}

// runGenLeads writes a deterministic generic CSV (see crm.Generate).
func runGenLeads(ctx context.Context, e env) error {
	fs := newFlags("gen-leads", e)
	n := fs.Int("n", 1_000_000, "number of leads")
	out := fs.String("o", "-", "output file; - for stdout")
	seed := fs.Uint64("seed", 1, "random seed: the same seed writes the same file")
	start := fs.String("start", "2024-04", "first month (YYYY-MM); the leads span two years")
	if err := parseFlags(fs, e.args); err != nil {
		return err
	}
	m, ok := gyakusan.ParseMonth(*start)
	if !ok {
		return gyakusan.Invalid(gyakusan.FieldError{Field: "--start", Rule: gyakusan.RuleFormat, Min: "YYYY-MM"})
	}
	if *n < 0 || int64(*n) > gyakusan.MaxCount {
		return gyakusan.Invalid(gyakusan.FieldError{Field: "-n", Rule: gyakusan.RuleRange, Min: "0", Max: "1000000000"})
	}
	w := e.stdout
	if *out != "-" {
		f, err := os.Create(*out)
		if err != nil {
			return cannotWrite("-o", *out)
		}
		defer f.Close()
		bw := bufio.NewWriter(f)
		if err := crm.Generate(bw, *n, *seed, m); err != nil {
			return err
		}
		if err := bw.Flush(); err != nil {
			return err
		}
		return f.Close()
	}
	return crm.Generate(w, *n, *seed, m)
}
