package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"sort"
	"strings"

	"gyakusan"
)

// env is what a subcommand gets from the process: arguments after its name,
// the environment and the standard streams. Tests build one by hand.
type env struct {
	args   []string
	getenv func(string) string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

// command is one subcommand; each lives in its own file and registers itself.
type command struct {
	name    string
	summary string // one line, English
	run     func(ctx context.Context, e env) error
}

var commands = map[string]command{}

func register(c command) { commands[c.name] = c }

// errUsage reports that the usage was already printed.
var errUsage = errors.New("usage")

// run is the whole program: main only calls it, tests call it directly.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	e := env{getenv: getenv, stdin: stdin, stdout: stdout, stderr: stderr}
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stdout)
		if len(args) == 0 {
			return errUsage
		}
		return nil
	}
	c, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "gyakusan: unknown command %q\n\n", args[0])
		usage(stderr)
		return errUsage
	}
	e.args = args[1:]
	return c.run(ctx, e)
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "gyakusan (逆算) plans B2B marketing KPIs backwards from a revenue target.")
	fmt.Fprintln(w, "\nUsage: gyakusan <command> [flags]\n\nCommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-12s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\nRun 'gyakusan <command> -h' for a command's flags.")
}

// newFlags returns a flag set that prints to e.stderr and reports errors
// instead of exiting.
func newFlags(name string, e env) *flag.FlagSet {
	fs := flag.NewFlagSet("gyakusan "+name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	return fs
}

// parseFlags parses args, turning -h and bad flags into errUsage.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	return nil
}

// dbFlag adds the --db flag every command that touches stored data takes.
func dbFlag(fs *flag.FlagSet, e env) *string {
	def := e.getenv("GYAKUSAN_DB")
	if def == "" {
		def = "gyakusan.db"
	}
	return fs.String("db", def, "database: a SQLite file path, or postgres://… ($GYAKUSAN_DB)")
}

// storedPlanFlags adds --plan and --org, the flags of every command about one
// stored plan (see storedPlan).
func storedPlanFlags(fs *flag.FlagSet) (id *int64, org *string) {
	id = fs.Int64("plan", 0, "the plan's id")
	org = fs.String("org", "", "the plan's organization (optional: the plan id alone is enough)")
	return id, org
}

// needPlan reports a missing --plan.
func needPlan(id int64) error {
	if id > 0 {
		return nil
	}
	return gyakusan.Localized(gyakusan.CodeInvalid, "--plan にプランのIDを指定してください。", "--plan: give the plan's id.")
}

// checkChoice reports a flag whose value is not one of allowed, in the words
// of every other field message (RuleChoice).
func checkChoice(flag, value string, allowed ...string) error {
	if slices.Contains(allowed, value) {
		return nil
	}
	return gyakusan.Invalid(gyakusan.FieldError{Field: flag, Rule: gyakusan.RuleChoice, Min: strings.Join(allowed, ", ")})
}

// langFlag adds --lang, the language of what the command writes; see pickLang.
func langFlag(fs *flag.FlagSet, what string) *string {
	return fs.String("lang", "", what+": ja or en (default from LANG)")
}

// pickLang is the --lang given, or the locale's language without one.
func pickLang(given string, e env) (string, error) {
	if given == "" {
		return langFrom(e.getenv), nil
	}
	return given, checkChoice("--lang", given, "ja", "en")
}

// openInput opens a file the user named, with flag ("" for an argument):
// one that cannot be opened is theirs to fix, so the message says what to
// check.
func openInput(flag, name string) (*os.File, error) {
	f, err := os.Open(name)
	if err == nil {
		return f, nil
	}
	ja, en := fmt.Sprintf("ファイル %s を開けません。", name), fmt.Sprintf("cannot open %s: ", name)
	if errors.Is(err, fs.ErrNotExist) {
		ja, en = ja+"パスを確認してください。", en+"there is no such file; check the path."
	} else {
		ja, en = ja+"読み取れるファイルか確認してください。", en+"check that it is a file you may read."
	}
	return nil, gyakusan.Localized(gyakusan.CodeInvalid, flagPrefix(flag)+ja, flagPrefix(flag)+en)
}

// cannotWrite is the error for an output file the user named with flag
// ("" for an argument) that cannot be created.
func cannotWrite(flag, name string) error {
	return gyakusan.Localized(gyakusan.CodeInvalid,
		flagPrefix(flag)+fmt.Sprintf("%s に書き込めません。フォルダがあり、書き込めるか確認してください。", name),
		flagPrefix(flag)+fmt.Sprintf("cannot write %s: check that its folder exists and you may write there.", name))
}

func flagPrefix(flag string) string {
	if flag == "" {
		return ""
	}
	return flag + ": "
}

// langFrom picks the user's language from LANG-like variables: Japanese when
// the locale says so, else English.
func langFrom(getenv func(string) string) string {
	for _, k := range []string{"GYAKUSAN_LANG", "LC_ALL", "LC_MESSAGES", "LANG"} {
		v := strings.ToLower(getenv(k))
		if v == "" {
			continue
		}
		if strings.HasPrefix(v, "ja") {
			return "ja"
		}
		return "en"
	}
	return "en"
}

// userMessage renders err for a person: field messages in their language,
// never internal details (those go to the log).
func userMessage(err error, lang string) string {
	var e *gyakusan.Error
	if !errors.As(err, &e) {
		if lang == "ja" {
			return "gyakusan: エラー: " + err.Error()
		}
		return "gyakusan: error: " + err.Error()
	}
	if len(e.Fields) == 0 {
		return "gyakusan: " + e.Message(lang)
	}
	var b strings.Builder
	for i, f := range e.Fields {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString("gyakusan: " + f.Text(lang))
	}
	return b.String()
}
