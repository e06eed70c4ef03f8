// Package deps pins the modules the project uses while its packages are written.
package deps

import (
	_ "github.com/chromedp/chromedp"
	_ "github.com/jackc/pgx/v5/stdlib"
	_ "github.com/xuri/excelize/v2"
	_ "golang.org/x/crypto/argon2"
	_ "golang.org/x/term"
	_ "golang.org/x/text/encoding/japanese"
	_ "modernc.org/sqlite"
)
