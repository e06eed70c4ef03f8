package main

import (
	"context"
	"fmt"
	"strings"

	"gyakusan"
	"gyakusan/password"
	"gyakusan/store"
)

func init() {
	register(command{name: "token", summary: "API tokens for scripts: token create --email E [--org NAME]", run: runToken})
}

func runToken(ctx context.Context, e env) error {
	if len(e.args) == 0 || e.args[0] != "create" {
		fmt.Fprintln(e.stderr, "Usage: gyakusan token create --email E [--org NAME] [--name N] [--db DSN]")
		fmt.Fprintln(e.stderr, "Prints the new token alone on standard output; it is shown only once.")
		return errUsage
	}
	return runTokenCreate(ctx, e, e.args[1:])
}

// runTokenCreate makes an API token for a user in one organization and
// prints it alone on stdout. Without --org the user's only organization is
// used; a user of several must say which.
func runTokenCreate(ctx context.Context, e env, args []string) error {
	fs := newFlags("token create", e)
	email := fs.String("email", "", "the user the token acts as")
	org := fs.String("org", "", "the organization the token works in (needed when the user has several)")
	name := fs.String("name", "", "a name to recognise the token by, e.g. the script's")
	db := dbFlag(fs, e)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := gyakusan.CheckEmail(*email); err != nil {
		return flagError("--email", err)
	}
	if len(*name) > 100 {
		return gyakusan.Localized(gyakusan.CodeInvalid, "--name は100バイト以内にしてください。", "--name must be at most 100 bytes.")
	}
	st, err := store.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()

	u, _, err := st.UserByEmail(ctx, *email)
	if gyakusan.ErrorCode(err) == gyakusan.CodeNotFound {
		return gyakusan.Localized(gyakusan.CodeInvalid,
			"--email: このメールアドレスのユーザーはいません。gyakusan user add で作成できます。",
			"--email: there is no user with this email address. gyakusan user add creates one.")
	}
	if err != nil {
		return err
	}
	ms, err := st.Memberships(ctx, u.ID)
	if err != nil {
		return err
	}
	m, err := pickMembership(ms, strings.TrimSpace(*org))
	if err != nil {
		return err
	}
	secret := password.NewSecret(password.TokenPrefix)
	if _, err := st.CreateToken(ctx, gyakusan.Token{UserID: u.ID, OrgID: m.Org.ID, Name: strings.TrimSpace(*name)}, secret); err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, secret)
	return nil
}

// pickMembership finds the membership in the organization named org, or the
// only one when org is empty.
func pickMembership(ms []gyakusan.Membership, org string) (gyakusan.Membership, error) {
	names := make([]string, len(ms))
	for i, m := range ms {
		names[i] = m.Org.Name
		if org != "" && m.Org.Name == org {
			return m, nil
		}
	}
	switch {
	case len(ms) == 0:
		return gyakusan.Membership{}, gyakusan.Localized(gyakusan.CodeInvalid,
			"このユーザーはどの組織にも属していません。先に gyakusan user add で追加してください。",
			"This user belongs to no organization; add them with gyakusan user add first.")
	case org != "":
		return gyakusan.Membership{}, gyakusan.Localized(gyakusan.CodeInvalid,
			"--org: このユーザーはその組織に属していません（所属: "+strings.Join(names, "、")+"）。",
			"--org: the user is not a member of that organization (member of: "+strings.Join(names, ", ")+").")
	case len(ms) > 1:
		return gyakusan.Membership{}, gyakusan.Localized(gyakusan.CodeInvalid,
			"--org を指定してください。このユーザーは複数の組織に属しています: "+strings.Join(names, "、"),
			"Give --org: the user belongs to several organizations: "+strings.Join(names, ", "))
	}
	return ms[0], nil
}
