package web

import (
	"net/http"
	"strconv"

	"gyakusan"
	"gyakusan/password"
)

// accountPage shows who is signed in, the organizations they can switch
// to, and the password form.
type accountPage struct {
	page
	Errors []string
}

func (s *Server) accountPage(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "account", &accountPage{page: s.page(r, "account_title")})
}

// switchOrg moves the session to another organization of the user's. An
// organization the user is not in answers 404, like one that does not exist.
func (s *Server) switchOrg(w http.ResponseWriter, r *http.Request) {
	p, _ := principalFrom(r.Context())
	parseSmallForm(w, r)
	id, err := strconv.ParseInt(r.PostForm.Get("org"), 10, 64)
	if err != nil || p.Session == "" {
		s.fail(w, r, &gyakusan.Error{Code: gyakusan.CodeNotFound})
		return
	}
	if _, err := s.d.Users.Membership(r.Context(), id, p.User.ID); err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.d.Sessions.SetSessionOrg(r.Context(), p.Session, id); err != nil {
		s.fail(w, r, err)
		return
	}
	// Ids on the page the user came from belong to the old organization.
	http.Redirect(w, r, "/plans", http.StatusSeeOther)
}

// changePassword sets a new password after checking the current one, then
// signs the user out everywhere else: a new session replaces them all.
func (s *Server) changePassword(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p, _ := principalFrom(ctx)
	parseSmallForm(w, r)
	pg := &accountPage{page: s.page(r, "account_title")}
	if p.Session == "" {
		s.fail(w, r, &gyakusan.Error{Code: gyakusan.CodeForbidden})
		return
	}
	_, why, err := s.checkPassword(r, p.User.Email, r.PostForm.Get("current"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if why != accepted {
		status, key := why.answer()
		pg.Errors = []string{pg.T[key]}
		s.render(w, r, status, "account", pg)
		return
	}
	pw := r.PostForm.Get("password")
	if pg.Errors = newPasswordProblems(pg.Lang, pw, r.PostForm.Get("password2")); len(pg.Errors) > 0 {
		s.render(w, r, http.StatusUnprocessableEntity, "account", pg)
		return
	}
	hash, err := password.Hash(pw)
	if err == nil {
		err = s.d.Users.SetPassword(ctx, p.User.ID, hash)
	}
	if err == nil {
		err = s.d.Sessions.DeleteUserSessions(ctx, p.User.ID)
	}
	if err == nil {
		err = s.startSession(w, r, p.User.ID, p.Org.ID)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/account?flash=password_changed", http.StatusSeeOther)
}
