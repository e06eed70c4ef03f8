package web

import (
	"context"
	"net/http"

	"gyakusan"
	"gyakusan/password"
)

// loginPage is the sign-in form.
type loginPage struct {
	page
	Email, Next, Error string
}

// loginPage shows the sign-in form; before the first user exists it sends
// the visitor to the one-time setup instead.
func (s *Server) loginPage(w http.ResponseWriter, r *http.Request) {
	if n, err := s.d.Users.CountUsers(r.Context()); err == nil && n == 0 {
		http.Redirect(w, r, "/setup", http.StatusSeeOther)
		return
	}
	noStore(w)
	s.render(w, r, http.StatusOK, "login", &loginPage{page: s.page(r, "login_title"), Next: localPath(r.URL.Query().Get("next"))})
}

// login signs in with the form fields email and password (PRODUCT.md). A
// wrong password and an unknown email get the same answer, after the same
// work, so the form does not reveal who has an account.
func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	parseSmallForm(w, r)
	email := gyakusan.NormalizeEmail(r.PostForm.Get("email"))
	pw := r.PostForm.Get("password")
	pg := &loginPage{page: s.page(r, "login_title"), Email: email, Next: localPath(r.PostForm.Get("next"))}
	noStore(w)
	if email == "" || pw == "" {
		pg.Error = pg.T["login_missing"]
		s.render(w, r, http.StatusUnprocessableEntity, "login", pg)
		return
	}
	u, why, err := s.checkPassword(r, email, pw)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	switch why {
	case signInPaused:
		pg.Error = pg.T["login_throttled"]
		s.render(w, r, http.StatusTooManyRequests, "login", pg)
		return
	case wrongPassword:
		pg.Error = pg.T["login_failed"]
		s.render(w, r, http.StatusUnauthorized, "login", pg)
		return
	}
	ms, err := s.d.Users.Memberships(ctx, u.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if len(ms) == 0 {
		pg.Error = pg.T["login_no_org"]
		s.render(w, r, http.StatusForbidden, "login", pg)
		return
	}
	if err := s.d.Sessions.ClearLoginFailures(ctx, emailKey(email)); err != nil {
		s.fail(w, r, err)
		return
	}
	// A new session works in the first organization; the account page switches.
	if err := s.startSession(w, r, u.ID, ms[0].Org.ID); err != nil {
		s.fail(w, r, err)
		return
	}
	next := pg.Next
	if next == "" {
		next = "/plans"
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// checkCredentials reports whether pw is the password of the user with
// email. An unknown email costs the same hashing as a wrong password. A
// hash made with older parameters is replaced while the password is at hand.
func (s *Server) checkCredentials(ctx context.Context, email, pw string) (gyakusan.User, bool, error) {
	u, hash, err := s.d.Users.UserByEmail(ctx, email)
	switch gyakusan.ErrorCode(err) {
	case "":
	case gyakusan.CodeNotFound:
		return gyakusan.User{}, password.Default.VerifyNone(pw), nil
	default:
		return gyakusan.User{}, false, err
	}
	ok, err := password.Verify(pw, hash)
	if err != nil {
		s.log.Error("web: stored password hash unreadable", "user", u.ID, "err", err)
		return gyakusan.User{}, false, nil
	}
	if ok && password.NeedsRehash(hash, password.Default) {
		if h, err := password.Hash(pw); err == nil {
			if err := s.d.Users.SetPassword(ctx, u.ID, h); err != nil {
				s.log.Error("web: rehash password", "user", u.ID, "err", err)
			}
		}
	}
	return u, ok, nil
}
