package store

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestReadMigrations(t *testing.T) {
	cases := []struct {
		name  string
		files []string
		want  string // the order, or the error's words
	}{
		{"ordered by number, not by name", []string{"0100_leads.sql", "0002_b.sql", "0001_a.sql", "README.md"}, "0001_a.sql 0002_b.sql 0100_leads.sql"},
		{"a number used twice is refused", []string{"0001_a.sql", "0001_b.sql"}, "share number 1"},
		{"a name without a number is refused", []string{"init.sql"}, "must start with a number"},
	}
	for _, c := range cases {
		fsys := fstest.MapFS{}
		for _, f := range c.files {
			fsys["m/"+f] = &fstest.MapFile{Data: []byte("SELECT 1;")}
		}
		ms, err := readMigrations(fsys, "m")
		var got string
		if err != nil {
			got = err.Error()
		} else {
			var names []string
			for _, m := range ms {
				names = append(names, m.name)
			}
			got = strings.Join(names, " ")
		}
		if !strings.Contains(got, c.want) {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}
