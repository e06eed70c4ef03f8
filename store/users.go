package store

import (
	"context"

	"gyakusan"
)

var _ gyakusan.UserService = (*DB)(nil)

const userColumns = `id, email, name, lang, created`

func scanUser(row interface{ Scan(...any) error }, extra ...any) (gyakusan.User, error) {
	var u gyakusan.User
	var created int64
	err := row.Scan(append([]any{&u.ID, &u.Email, &u.Name, &u.Lang, &created}, extra...)...)
	u.Created = fromMillis(created)
	return u, err
}

// CreateUser adds a user with a normalised, unique email.
func (db *DB) CreateUser(ctx context.Context, email, passwordHash string) (gyakusan.User, error) {
	// Normalised so that Taro@Example.com and taro@example.com are one user.
	email = gyakusan.NormalizeEmail(email)
	if err := gyakusan.CheckEmail(email); err != nil {
		return gyakusan.User{}, err
	}
	now := db.now()
	var u gyakusan.User
	err := db.WriteTx(ctx, func(tx *Tx) error {
		var err error
		u, err = scanUser(tx.QueryRow(ctx, `INSERT INTO users (email, password_hash, created) VALUES (?, ?, ?)
			RETURNING `+userColumns, email, passwordHash, millis(now)))
		return err
	})
	if isUnique(err) {
		return gyakusan.User{}, gyakusan.Localized(gyakusan.CodeConflict,
			"このメールアドレスは既に登録されています。", "A user with this email already exists.")
	}
	return u, wrap(err, "create user", "user")
}

// UserByEmail finds a user and their password hash by email, in any case.
func (db *DB) UserByEmail(ctx context.Context, email string) (gyakusan.User, string, error) {
	var hash string
	u, err := scanUser(db.QueryRow(ctx, `SELECT `+userColumns+`, password_hash FROM users WHERE email = ?`,
		gyakusan.NormalizeEmail(email)), &hash)
	if err != nil {
		return gyakusan.User{}, "", wrap(err, "user by email", "user")
	}
	return u, hash, nil
}

// User finds a user by id.
func (db *DB) User(ctx context.Context, id int64) (gyakusan.User, error) {
	u, err := scanUser(db.QueryRow(ctx, `SELECT `+userColumns+` FROM users WHERE id = ?`, id))
	if err != nil {
		return gyakusan.User{}, wrap(err, "user", "user")
	}
	return u, nil
}

// SetPassword replaces a user's password hash.
func (db *DB) SetPassword(ctx context.Context, userID int64, passwordHash string) error {
	res, err := db.Exec(ctx, `UPDATE users SET password_hash = ? WHERE id = ?`, passwordHash, userID)
	if err != nil {
		return wrap(err, "set password", "user")
	}
	return affected(res, "user")
}

// SetUserLang stores the preferred UI language: "ja", "en", or "" for the
// default.
func (db *DB) SetUserLang(ctx context.Context, userID int64, lang string) error {
	if lang != "" && lang != "ja" && lang != "en" {
		return gyakusan.Invalid(gyakusan.FieldError{Field: "lang", Rule: gyakusan.RuleChoice, Min: "ja, en"})
	}
	res, err := db.Exec(ctx, `UPDATE users SET lang = ? WHERE id = ?`, lang, userID)
	if err != nil {
		return wrap(err, "set lang", "user")
	}
	return affected(res, "user")
}

// CountUsers returns the number of users, e.g. to offer the first sign-up.
func (db *DB) CountUsers(ctx context.Context) (int64, error) {
	var n int64
	err := db.QueryRow(ctx, `SELECT COUNT(*) FROM users`).Scan(&n)
	return n, wrap(err, "count users", "user")
}
