package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"gyakusan"
	"gyakusan/password"
	"gyakusan/store"
	"gyakusan/store/storetest"
)

// eachDB runs fn on a fresh SQLite file and a fresh PostgreSQL schema,
// passing the DSN the commands get with --db.
func eachDB(t *testing.T, fn func(t *testing.T, dsn string)) {
	t.Run("sqlite", func(t *testing.T) { fn(t, filepath.Join(t.TempDir(), "g.db")) })
	t.Run("postgres", func(t *testing.T) { fn(t, storetest.PGSchemaDSN(t)) })
}

// admin runs one command with stdin and returns its output and exit code.
func admin(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	getenv := func(k string) string {
		if k == "LANG" {
			return "en_US.UTF-8"
		}
		return ""
	}
	err := run(context.Background(), args, getenv, strings.NewReader(stdin), &out, &errb)
	if err != nil && err != errUsage {
		errb.WriteString(userMessage(err, "en") + "\n")
	}
	return out.String(), errb.String(), exitCode(err)
}

func openDB(t *testing.T, dsn string) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestUserAddCreatesUserOrgAndMembership(t *testing.T) {
	eachDB(t, func(t *testing.T, dsn string) {
		pw := strings.Repeat("漢", 64) // 192 bytes
		out, errs, code := admin(t, pw+"\n", "user", "add", "--db", dsn, "--email", "Aiko@Example.JP", "--org", "株式会社サンプル", "--role", "owner")
		if code != 0 {
			t.Fatalf("exit %d, stderr %s", code, errs)
		}
		if !strings.Contains(out, "Created user aiko@example.jp as owner of 株式会社サンプル") {
			t.Errorf("stdout = %q", out)
		}
		db := openDB(t, dsn)
		ctx := context.Background()
		u, hash, err := db.UserByEmail(ctx, "aiko@example.jp")
		if err != nil {
			t.Fatal(err)
		}
		if ok, err := password.Verify(pw, hash); !ok || err != nil {
			t.Errorf("the 64-kanji password does not verify: %v %v", ok, err)
		}
		ms, err := db.Memberships(ctx, u.ID)
		if err != nil || len(ms) != 1 || ms[0].Org.Name != "株式会社サンプル" || ms[0].Role != gyakusan.RoleOwner {
			t.Fatalf("memberships = %+v, %v", ms, err)
		}
	})
}

func TestUserAddExistingUserJoinsAnotherOrg(t *testing.T) {
	eachDB(t, func(t *testing.T, dsn string) {
		if _, errs, code := admin(t, "first password\r\n", "user", "add", "--db", dsn, "--email", "a@example.jp", "--org", "A", "--role", "owner"); code != 0 {
			t.Fatal(errs)
		}
		out, errs, code := admin(t, "another password\n", "user", "add", "--db", dsn, "--email", "a@example.jp", "--org", "B", "--role", "viewer")
		if code != 0 {
			t.Fatal(errs)
		}
		if !strings.Contains(out, "password unchanged") {
			t.Errorf("stdout = %q", out)
		}
		db := openDB(t, dsn)
		u, hash, _ := db.UserByEmail(context.Background(), "a@example.jp")
		if ok, _ := password.Verify("first password", hash); !ok {
			t.Error("the existing user's password changed (or the CR was kept)")
		}
		ms, _ := db.Memberships(context.Background(), u.ID)
		roles := map[string]gyakusan.Role{}
		for _, m := range ms {
			roles[m.Org.Name] = m.Role
		}
		if len(roles) != 2 || roles["A"] != gyakusan.RoleOwner || roles["B"] != gyakusan.RoleViewer {
			t.Errorf("roles = %v", roles)
		}
		// Adding again to an existing organization changes the role.
		if _, errs, code := admin(t, "", "user", "add", "--db", dsn, "--email", "a@example.jp", "--org", "B", "--role", "editor"); code != 0 {
			t.Fatal(errs)
		}
		m, err := db.Membership(context.Background(), orgIDByName(t, db, "B"), u.ID)
		if err != nil || m.Role != gyakusan.RoleEditor {
			t.Errorf("role in B = %v, %v; want editor", m.Role, err)
		}
	})
}

func orgIDByName(t *testing.T, db *store.DB, org string) int64 {
	o, err := db.OrgByName(context.Background(), org)
	if err != nil {
		t.Fatal(err)
	}
	return o.ID
}

func TestUserAddBadInput(t *testing.T) {
	dsn := filepath.Join(t.TempDir(), "g.db")
	tests := []struct {
		name, stdin string
		args        []string
		want        string
	}{
		{"missing email", "long enough", []string{"--org", "A", "--role", "owner"}, "--email: Enter an email address."},
		{"malformed email", "long enough", []string{"--email", "aiko", "--org", "A", "--role", "owner"}, "--email: This is not an email address"},
		{"missing org", "long enough", []string{"--email", "a@example.jp", "--role", "owner"}, "--org: Enter the organization's name."},
		{"unknown role", "long enough", []string{"--email", "a@example.jp", "--org", "A", "--role", "admin"}, "--role must be one of owner, editor, viewer."},
		{"short password", "short\n", []string{"--email", "a@example.jp", "--org", "A", "--role", "owner"}, "at least 8 characters"},
		{"no password", "", []string{"--email", "a@example.jp", "--org", "A", "--role", "owner"}, "Give the password on the first line of standard input."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs, code := admin(t, tt.stdin, append([]string{"user", "add", "--db", dsn}, tt.args...)...)
			if code != 2 || !strings.Contains(errs, tt.want) {
				t.Fatalf("exit %d, stderr %q; want 2 and %q", code, errs, tt.want)
			}
		})
	}
	db := openDB(t, dsn)
	if n, _ := db.CountUsers(context.Background()); n != 0 {
		t.Errorf("bad input created %d users", n)
	}
}

func TestUserAddJapaneseMessages(t *testing.T) {
	var out, errb bytes.Buffer
	getenv := func(k string) string {
		if k == "LANG" {
			return "ja_JP.UTF-8"
		}
		return ""
	}
	err := run(context.Background(), []string{"user", "add", "--db", filepath.Join(t.TempDir(), "g.db"), "--email", "a@example.jp", "--org", "A", "--role", "boss"},
		getenv, strings.NewReader("password1\n"), &out, &errb)
	if msg := userMessage(err, "ja"); !strings.Contains(msg, "--role は owner、editor、viewer のいずれかにしてください。") {
		t.Errorf("message = %q", msg)
	}
}
