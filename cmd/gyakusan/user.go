package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"

	"gyakusan"
	"gyakusan/password"
	"gyakusan/store"
)

func init() {
	register(command{name: "user", summary: "manage accounts: user add --email E --org NAME --role owner|editor|viewer", run: runUser})
}

func runUser(ctx context.Context, e env) error {
	if len(e.args) == 0 || e.args[0] != "add" {
		fmt.Fprintln(e.stderr, "Usage: gyakusan user add --email E --org NAME --role owner|editor|viewer [--db DSN]")
		fmt.Fprintln(e.stderr, "The password is read from the first line of standard input.")
		return errUsage
	}
	return runUserAdd(ctx, e, e.args[1:])
}

// runUserAdd creates the user (password from stdin) unless the email has an
// account already, creates the organization if it is new, and sets the
// membership. An existing user's password is left as it is.
func runUserAdd(ctx context.Context, e env, args []string) error {
	fs := newFlags("user add", e)
	email := fs.String("email", "", "the user's email address")
	org := fs.String("org", "", "the organization's name (created if new)")
	role := fs.String("role", "", "owner, editor or viewer")
	db := dbFlag(fs, e)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := gyakusan.CheckEmail(*email); err != nil {
		return flagError("--email", err)
	}
	if err := gyakusan.CheckOrgName(*org); err != nil {
		return flagError("--org", err)
	}
	r := gyakusan.Role(strings.TrimSpace(*role))
	if !gyakusan.ValidRole(r) {
		return gyakusan.Localized(gyakusan.CodeInvalid,
			"--role は owner、editor、viewer のいずれかにしてください。",
			"--role must be one of owner, editor, viewer.")
	}
	st, err := store.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()

	lang := langFrom(e.getenv)
	u, _, err := st.UserByEmail(ctx, *email)
	created := false
	switch gyakusan.ErrorCode(err) {
	case "":
	case gyakusan.CodeNotFound:
		pw, err := readPassword(e, lang)
		if err != nil {
			return err
		}
		hash, err := password.Hash(pw)
		if err != nil {
			return password.Problem(err)
		}
		if u, err = st.CreateUser(ctx, *email, hash); err != nil {
			return err
		}
		created = true
	default:
		return err
	}
	o, err := st.OrgByName(ctx, strings.TrimSpace(*org))
	if gyakusan.ErrorCode(err) == gyakusan.CodeNotFound {
		o, err = st.CreateOrg(ctx, strings.TrimSpace(*org))
	}
	if err != nil {
		return err
	}
	if err := st.AddMember(ctx, o.ID, u.ID, r); err != nil {
		return err
	}
	switch {
	case lang == "ja" && created:
		fmt.Fprintf(e.stdout, "ユーザー %s を作成し、%s の %s にしました。\n", u.Email, o.Name, r)
	case lang == "ja":
		fmt.Fprintf(e.stdout, "既存のユーザー %s を %s の %s にしました（パスワードは変更していません）。\n", u.Email, o.Name, r)
	case created:
		fmt.Fprintf(e.stdout, "Created user %s as %s of %s.\n", u.Email, r, o.Name)
	default:
		fmt.Fprintf(e.stdout, "Existing user %s is now %s of %s (password unchanged).\n", u.Email, r, o.Name)
	}
	return nil
}

// flagError prefixes a field message with the flag it came from.
func flagError(flag string, err error) error {
	if ge, ok := err.(*gyakusan.Error); ok {
		return gyakusan.Localized(ge.Code, flag+": "+ge.Message("ja"), flag+": "+ge.Message("en"))
	}
	return err
}

// readPassword reads the new password: from a terminal without echo, asked
// twice; otherwise the first line of stdin, without its line ending (spaces
// are part of the password).
func readPassword(e env, lang string) (string, error) {
	if f, ok := e.stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		return readTerminalPassword(int(f.Fd()), e.stderr, lang)
	}
	line, err := bufio.NewReaderSize(e.stdin, password.MaxBytes+2).ReadString('\n')
	if err != nil && err != io.EOF {
		return "", fmt.Errorf("read password from stdin: %w", err)
	}
	line = strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r")
	if line == "" {
		return "", gyakusan.Localized(gyakusan.CodeInvalid,
			"パスワードを標準入力の1行目に渡してください。",
			"Give the password on the first line of standard input.")
	}
	return line, nil
}

func readTerminalPassword(fd int, w io.Writer, lang string) (string, error) {
	ask := func(ja, en string) (string, error) {
		if lang == "ja" {
			fmt.Fprint(w, ja)
		} else {
			fmt.Fprint(w, en)
		}
		b, err := term.ReadPassword(fd)
		fmt.Fprintln(w)
		return string(b), err
	}
	pw, err := ask("パスワード: ", "Password: ")
	if err != nil {
		return "", err
	}
	if err := password.Check(pw); err != nil {
		return "", password.Problem(err)
	}
	again, err := ask("パスワード（確認）: ", "Password (again): ")
	if err != nil {
		return "", err
	}
	if again != pw {
		return "", gyakusan.Localized(gyakusan.CodeInvalid, "パスワードが一致しません。", "The passwords do not match.")
	}
	return pw, nil
}
