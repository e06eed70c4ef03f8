package store

import "testing"

func TestRebind(t *testing.T) {
	cases := []struct {
		name, dialect, in, want string
	}{
		{"sqlite keeps ?", SQLite, `SELECT * FROM t WHERE a = ? AND b = ?`, `SELECT * FROM t WHERE a = ? AND b = ?`},
		{"postgres numbers them", Postgres, `SELECT * FROM t WHERE a = ? AND b = ?`, `SELECT * FROM t WHERE a = $1 AND b = $2`},
		{"postgres leaves quoted ? alone", Postgres, `SELECT '?', "a?" FROM t WHERE a = ?`, `SELECT '?', "a?" FROM t WHERE a = $1`},
		{"no placeholders", Postgres, `SELECT 1`, `SELECT 1`},
	}
	for _, c := range cases {
		if got := rebind(c.dialect, c.in); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}

func TestSQLiteDSN(t *testing.T) {
	w, err := sqliteDSN("data/g.db", false)
	if err != nil {
		t.Fatal(err)
	}
	want := "data/g.db?_pragma=busy_timeout%2810000%29&_pragma=journal_mode%28WAL%29&_pragma=foreign_keys%281%29&_pragma=synchronous%28NORMAL%29&_txlock=immediate"
	if w != want {
		t.Errorf("writer DSN\n %s\nwant\n %s", w, want)
	}
	if _, err := sqliteDSN(":memory:", false); err == nil {
		t.Error(":memory: accepted; the two pools would see two databases")
	}
	if _, err := sqliteDSN("odd?name.db", false); err == nil {
		t.Error("a path with ? accepted")
	}
	u, err := sqliteDSN("file:g.db?cache=private", true)
	if err != nil || u != "file:g.db?cache=private&_pragma=busy_timeout%2810000%29&_pragma=journal_mode%28WAL%29&_pragma=foreign_keys%281%29&_pragma=synchronous%28NORMAL%29&_pragma=query_only%281%29" {
		t.Errorf("file: URI reader DSN %q, %v", u, err)
	}
}
