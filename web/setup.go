package web

import (
	"net/http"
	"strings"

	"gyakusan"
	"gyakusan/password"
)

// setupPage is the one-time form for the first owner.
type setupPage struct {
	page
	Email, Org string
	Errors     []string
}

// setupClosed answers 404 once a user exists: the one-time setup is gone,
// for the form and its submission alike.
func (s *Server) setupClosed(r *http.Request) error {
	n, err := s.d.Users.CountUsers(r.Context())
	if err == nil && n > 0 {
		err = &gyakusan.Error{Code: gyakusan.CodeNotFound}
	}
	return err
}

// setupForm shows the first-owner form, and 404 once a user exists.
func (s *Server) setupForm(w http.ResponseWriter, r *http.Request) {
	if err := s.setupClosed(r); err != nil {
		s.fail(w, r, err)
		return
	}
	noStore(w)
	s.render(w, r, http.StatusOK, "setup", &setupPage{page: s.page(r, "setup_title")})
}

// setup creates the first owner and their organization and signs them in.
func (s *Server) setup(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if err := s.setupClosed(r); err != nil {
		s.fail(w, r, err)
		return
	}
	parseSmallForm(w, r)
	pg := &setupPage{page: s.page(r, "setup_title"),
		Email: gyakusan.NormalizeEmail(r.PostForm.Get("email")), Org: strings.TrimSpace(r.PostForm.Get("org"))}
	pw := r.PostForm.Get("password")
	pg.Errors = newAccountProblems(pg.Lang, pg.Email, pw, r.PostForm.Get("password2"))
	if err := gyakusan.CheckOrgName(pg.Org); err != nil {
		pg.Errors = append(pg.Errors, messageOf(err, pg.Lang))
	}
	noStore(w)
	if len(pg.Errors) > 0 {
		s.render(w, r, http.StatusUnprocessableEntity, "setup", pg)
		return
	}
	hash, err := password.Hash(pw)
	if err != nil {
		s.fail(w, r, password.Problem(err))
		return
	}
	// One transaction that checks no user exists yet: two browsers, or two
	// instances, racing on a fresh install cannot both become the first owner.
	u, org, err := s.d.Users.CreateFirstOwner(ctx, pg.Email, hash, pg.Org)
	if gyakusan.ErrorCode(err) == gyakusan.CodeConflict {
		err = &gyakusan.Error{Code: gyakusan.CodeNotFound}
	}
	if err == nil {
		err = s.startSession(w, r, u.ID, org.ID)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/plans?flash=welcome", http.StatusSeeOther)
}

// newAccountProblems checks the fields of a new account: the email, the
// password and its confirmation, in lang.
func newAccountProblems(lang, email, pw, pw2 string) []string {
	var out []string
	if err := gyakusan.CheckEmail(email); err != nil {
		out = append(out, messageOf(err, lang))
	}
	out = append(out, newPasswordProblems(lang, pw, pw2)...)
	return out
}

// newPasswordProblems checks a new password and its confirmation.
func newPasswordProblems(lang, pw, pw2 string) []string {
	if err := password.Check(pw); err != nil {
		return []string{messageOf(password.Problem(err), lang)}
	}
	if pw != pw2 {
		return []string{dictFor(lang)["password_mismatch"]}
	}
	return nil
}

// messageOf is the user's text of a *gyakusan.Error.
func messageOf(err error, lang string) string {
	if e, ok := err.(*gyakusan.Error); ok {
		return e.Message(lang)
	}
	return (&gyakusan.Error{Code: gyakusan.CodeInternal}).Message(lang)
}
