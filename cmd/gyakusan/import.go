package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"golang.org/x/term"

	"gyakusan"
	"gyakusan/crm"
	"gyakusan/store"
)

func init() {
	register(command{name: "import", summary: "import CRM leads into a plan: import --plan ID [--preset generic|hubspot|salesforce] [--dry-run] FILE", run: runImport})
}

// runImport reads a CRM export and stores its leads for a plan, all or
// nothing, with a progress bar when stderr is a terminal.
func runImport(ctx context.Context, e env) error {
	fs := newFlags("import", e)
	planID, org := storedPlanFlags(fs)
	preset := fs.String("preset", "generic", "column layout: generic, hubspot or salesforce")
	mappingFile := fs.String("mapping", "", "a mapping document (JSON) instead of a preset")
	encoding := fs.String("encoding", "auto", "text encoding: auto, utf-8 or shift_jis")
	dry := fs.Bool("dry-run", false, "count what would change without writing")
	db := dbFlag(fs, e)
	if err := parseFlags(fs, e.args); err != nil {
		return err
	}
	lang := langFrom(e.getenv)
	if fs.NArg() != 1 {
		fmt.Fprintln(e.stderr, "Usage: gyakusan import --plan ID [--org NAME] [--preset generic|hubspot|salesforce] [--mapping file.json] [--encoding auto|utf-8|shift_jis] [--dry-run] [--db DSN] FILE")
		return errUsage
	}
	if err := needPlan(*planID); err != nil {
		return err
	}
	m, err := loadMapping(*preset, *mappingFile)
	if err != nil {
		return err
	}
	name := fs.Arg(0)
	f, err := openInput("", name)
	if err != nil {
		return err
	}
	defer f.Close()
	var size int64
	if fi, err := f.Stat(); err == nil {
		size = fi.Size()
	}
	counter := &countingReader{r: f}
	rd, err := crm.NewReader(counter, m, crm.Options{Encoding: *encoding})
	if err != nil {
		return crmError(err)
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
	orgID := sp.OrgID
	bar := newProgress(e.stderr, size, counter)
	start := time.Now()
	sum, err := st.ImportLeads(ctx, orgID, *planID, rd, store.ImportOptions{DryRun: *dry, Progress: bar.update})
	bar.done()
	if rd.ErrorCount() > 0 {
		for _, ce := range rd.Errors() {
			fmt.Fprintln(e.stderr, ce.Text(lang))
		}
		if n := rd.ErrorCount() - len(rd.Errors()); n > 0 {
			if lang == "ja" {
				fmt.Fprintf(e.stderr, "ほか %d 件のエラー。\n", n)
			} else {
				fmt.Fprintf(e.stderr, "and %d more errors.\n", n)
			}
		}
	}
	if err != nil {
		return err
	}
	printImportSummary(e.stdout, lang, sum, rd.Encoding(), time.Since(start))
	return nil
}

// loadMapping returns the mapping of --mapping, else of --preset.
func loadMapping(preset, file string) (crm.Mapping, error) {
	if file != "" {
		f, err := openInput("--mapping", file)
		if err != nil {
			return crm.Mapping{}, err
		}
		defer f.Close()
		m, err := crm.DecodeMapping(f)
		if err != nil {
			return m, crmError(err)
		}
		return m, nil
	}
	m, ok := crm.Preset(preset)
	if !ok {
		return m, checkChoice("--preset", preset, crm.Presets...)
	}
	return m, nil
}

// crmError turns a file-level *crm.Error into a user error in both languages.
func crmError(err error) error {
	if ce, ok := err.(*crm.Error); ok {
		return gyakusan.Localized(gyakusan.CodeInvalid, ce.Text("ja"), ce.Text("en"))
	}
	return err
}

func printImportSummary(w io.Writer, lang string, s store.ImportSummary, enc string, took time.Duration) {
	secs := strconv.FormatFloat(took.Seconds(), 'f', 2, 64)
	if lang == "ja" {
		head := "取り込みました"
		if s.DryRun {
			head = "試行（書き込みなし）"
		}
		fmt.Fprintf(w, "%s: %d 件（新規 %d、更新 %d、変更なし %d）、文字コード %s、%s 秒\n",
			head, s.Leads, s.New, s.Updated, s.Unchanged, enc, secs)
		return
	}
	head := "Imported"
	if s.DryRun {
		head = "Dry run (nothing written)"
	}
	fmt.Fprintf(w, "%s: %d leads (%d new, %d updated, %d unchanged), encoding %s, %s s\n",
		head, s.Leads, s.New, s.Updated, s.Unchanged, enc, secs)
}

// countingReader counts the bytes read, for the progress bar.
type countingReader struct {
	r io.Reader
	n atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// progress draws a bar on a terminal, at most ten times a second; it does
// nothing when stderr is not a terminal (a pipe or a log).
type progress struct {
	w     io.Writer
	on    bool
	size  int64
	read  *countingReader
	last  time.Time
	drawn bool
}

func newProgress(w io.Writer, size int64, read *countingReader) *progress {
	p := &progress{w: w, size: size, read: read}
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) && size > 0 {
		p.on = true
	}
	return p
}

func (p *progress) update(rows int) {
	if !p.on || time.Since(p.last) < 100*time.Millisecond {
		return
	}
	p.last = time.Now()
	frac := float64(p.read.n.Load()) / float64(p.size)
	frac = min(frac, 1)
	const width = 30
	full := int(frac * width)
	fmt.Fprintf(p.w, "\r[%s%s] %3.0f%% %d", strings.Repeat("#", full), strings.Repeat(" ", width-full), frac*100, rows)
	p.drawn = true
}

func (p *progress) done() {
	if p.drawn {
		fmt.Fprint(p.w, "\r\033[K")
	}
}
