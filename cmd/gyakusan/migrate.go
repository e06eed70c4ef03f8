package main

import (
	"context"
	"fmt"

	"gyakusan/store"
)

func init() {
	register(command{name: "migrate", summary: "create or update the database schema: migrate [--db DSN]", run: runMigrate})
}

// runMigrate applies the pending migrations. Every command does this when
// it opens the database; running it alone lets an operator upgrade the
// schema before starting the servers.
func runMigrate(ctx context.Context, e env) error {
	fs := newFlags("migrate", e)
	db := dbFlag(fs, e)
	if err := parseFlags(fs, e.args); err != nil {
		return err
	}
	st, err := store.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	v, err := st.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	ja := langFrom(e.getenv) == "ja"
	for _, name := range st.Applied() {
		if ja {
			fmt.Fprintf(e.stdout, "適用しました: %s\n", name)
		} else {
			fmt.Fprintf(e.stdout, "applied %s\n", name)
		}
	}
	switch {
	case ja && len(st.Applied()) == 0:
		fmt.Fprintf(e.stdout, "スキーマは最新です（バージョン %d、%s）。\n", v, st.Dialect())
	case ja:
		fmt.Fprintf(e.stdout, "スキーマをバージョン %d にしました（%s）。\n", v, st.Dialect())
	case len(st.Applied()) == 0:
		fmt.Fprintf(e.stdout, "schema is up to date (version %d, %s)\n", v, st.Dialect())
	default:
		fmt.Fprintf(e.stdout, "schema is now at version %d (%s)\n", v, st.Dialect())
	}
	return nil
}
