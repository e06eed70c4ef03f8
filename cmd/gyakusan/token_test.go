package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"gyakusan/password"
)

func TestTokenCreatePrintsTheTokenAlone(t *testing.T) {
	eachDB(t, func(t *testing.T, dsn string) {
		if _, errs, code := admin(t, "password one\n", "user", "add", "--db", dsn, "--email", "a@example.jp", "--org", "A", "--role", "editor"); code != 0 {
			t.Fatal(errs)
		}
		out, errs, code := admin(t, "", "token", "create", "--db", dsn, "--email", "A@example.jp", "--name", "nightly import")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
		tok := strings.TrimSuffix(out, "\n")
		if !password.LooksLike(tok, password.TokenPrefix) || strings.Contains(tok, "\n") {
			t.Fatalf("stdout = %q, want one gys_ token and a newline", out)
		}
		db := openDB(t, dsn)
		got, err := db.TokenBySecret(context.Background(), tok)
		if err != nil {
			t.Fatalf("the printed token is not stored: %v", err)
		}
		if got.Name != "nightly import" || got.OrgID != orgIDByName(t, db, "A") {
			t.Errorf("token = %+v", got)
		}
	})
}

func TestTokenCreateChoosesTheOrg(t *testing.T) {
	dsn := filepath.Join(t.TempDir(), "g.db")
	for _, org := range []string{"A", "B"} {
		if _, errs, code := admin(t, "password one\n", "user", "add", "--db", dsn, "--email", "a@example.jp", "--org", org, "--role", "viewer"); code != 0 {
			t.Fatal(errs)
		}
	}
	if _, errs, code := admin(t, "password one\n", "user", "add", "--db", dsn, "--email", "b@example.jp", "--org", "C", "--role", "viewer"); code != 0 {
		t.Fatal(errs)
	}
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"several orgs need --org", []string{"--email", "a@example.jp"}, 2, "Give --org: the user belongs to several organizations: A, B"},
		{"an org the user is not in", []string{"--email", "a@example.jp", "--org", "C"}, 2, "--org: the user is not a member of that organization"},
		{"an unknown user", []string{"--email", "nobody@example.jp"}, 2, "--email: there is no user with this email address. gyakusan user add creates one."},
		{"the org named", []string{"--email", "a@example.jp", "--org", "B"}, 0, "gys_"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errs, code := admin(t, "", append([]string{"token", "create", "--db", dsn}, tt.args...)...)
			if code != tt.code || !strings.Contains(out+errs, tt.want) {
				t.Fatalf("exit %d, stdout %q, stderr %q; want %d and %q", code, out, errs, tt.code, tt.want)
			}
			if tt.code != 0 && out != "" {
				t.Errorf("a failure printed %q on stdout", out)
			}
		})
	}
	db := openDB(t, dsn)
	b, _ := db.OrgByName(context.Background(), "B")
	u, _, _ := db.UserByEmail(context.Background(), "a@example.jp")
	toks, _ := db.Tokens(context.Background(), u.ID)
	if len(toks) != 1 || toks[0].OrgID != b.ID {
		t.Errorf("tokens = %+v; want one in B", toks)
	}
}

func TestTokenUsage(t *testing.T) {
	_, errs, code := admin(t, "", "token")
	if code != 2 || !strings.Contains(errs, "Usage: gyakusan token create") {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
}
