package store

import (
	"database/sql"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"gyakusan"
)

// isUnique reports whether err is a violated UNIQUE or PRIMARY KEY
// constraint, in either database.
func isUnique(err error) bool {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE || se.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code == "23505"
	}
	return false
}

// isForeignKey reports whether err is a violated FOREIGN KEY constraint.
func isForeignKey(err error) bool {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code() == sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code == "23503"
	}
	return false
}

// notFound is the answer for a missing row, and for a row of another
// organization: the two must be indistinguishable.
func notFound(what string) error {
	ja, ok := nounsJa[what]
	if !ok {
		ja = what
	}
	return gyakusan.Localized(gyakusan.CodeNotFound, ja+"が見つかりません。", what+" not found")
}

// nounsJa names, in Japanese, the things a lookup can miss.
var nounsJa = map[string]string{
	"plan":                 "プラン",
	"organization":         "組織",
	"user":                 "ユーザー",
	"session":              "セッション",
	"invitation":           "招待",
	"token":                "APIトークン",
	"lead":                 "リード",
	"mapping":              "マッピング",
	"upload":               "アップロード",
	"member":               "メンバー",
	"import":               "取り込み",
	"login failure":        "ログイン失敗の記録",
	"membership":           "メンバー",
	"user or organization": "ユーザーまたは組織",
	"organization or user": "組織またはユーザー",
}

// wrap adds the operation to an internal error so that the log says where it
// happened; sql.ErrNoRows becomes CodeNotFound and *gyakusan.Error passes
// through, so no SQL text reaches a user.
func wrap(err error, op, what string) error {
	if err == nil {
		return nil
	}
	var ge *gyakusan.Error
	if errors.As(err, &ge) {
		return err
	}
	if errors.Is(err, sql.ErrNoRows) {
		return notFound(what)
	}
	return fmt.Errorf("store: %s: %w", op, err)
}

// affected answers CodeNotFound when a write matched no row.
func affected(res sql.Result, what string) error {
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("store: rows affected: %w", err)
	}
	if n == 0 {
		return notFound(what)
	}
	return nil
}
