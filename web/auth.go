package web

import (
	"net/http"
	"net/url"
	"strings"

	"gyakusan"
	"gyakusan/password"
)

// This file is a minimal sign-in so the plan pages can be built and tested;
// the accounts work (issue 4) replaces it with throttling, setup and more.

// sessionCookie is the name of the session cookie; over TLS it carries the
// __Host- prefix so that no subdomain can set it.
const sessionCookie = "gyakusan_session"

func (s *Server) sessionCookieName() string {
	if s.cfg.SecureCookies {
		return "__Host-" + sessionCookie
	}
	return sessionCookie
}

// authenticate puts the principal of a valid session cookie or bearer token
// in the request's context; anonymous requests pass on without one.
func (s *Server) authenticate(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if p, ok := s.resolve(r); ok {
			r = r.WithContext(withPrincipal(r.Context(), p))
		}
		h.ServeHTTP(w, r)
	})
}

func (s *Server) resolve(r *http.Request) (principal, bool) {
	ctx := r.Context()
	var p principal
	var orgID int64
	if auth := r.Header.Get("Authorization"); strings.HasPrefix(auth, "Bearer ") {
		t, err := s.d.Sessions.TokenBySecret(ctx, strings.TrimSpace(strings.TrimPrefix(auth, "Bearer ")))
		if err != nil {
			return p, false
		}
		p.User.ID, orgID, p.ViaToken = t.UserID, t.OrgID, true
	} else if c, err := r.Cookie(s.sessionCookieName()); err == nil && c.Value != "" {
		sess, err := s.d.Sessions.SessionByID(ctx, c.Value, s.now(), s.cfg.SessionIdle)
		if err != nil {
			return p, false
		}
		p.User.ID, orgID, p.Session = sess.UserID, sess.OrgID, c.Value
	} else {
		return p, false
	}
	u, err := s.d.Users.User(ctx, p.User.ID)
	if err != nil {
		return p, false
	}
	p.User = u
	if m, err := s.d.Users.Membership(ctx, orgID, u.ID); err == nil {
		p.Org, p.Role = m.Org, m.Role
	}
	p.Orgs, _ = s.d.Users.Memberships(ctx, u.ID)
	return p, true
}

// require answers 401 to anonymous requests (pages redirect to the login)
// and 403 when the role is short of need.
func (s *Server) require(need gyakusan.Role, h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		p, ok := principalFrom(r.Context())
		if !ok {
			if isAPI(r) {
				s.apiError(w, r, &gyakusan.Error{Code: gyakusan.CodeUnauthorized})
				return
			}
			next := r.URL.RequestURI()
			if r.Method != http.MethodGet {
				next = "/plans"
			}
			http.Redirect(w, r, "/login?next="+url.QueryEscape(next), http.StatusSeeOther)
			return
		}
		if !p.Can(need) {
			s.fail(w, r, &gyakusan.Error{Code: gyakusan.CodeForbidden})
			return
		}
		h(w, r)
	}
}

// loginPage is the sign-in form.
type loginPage struct {
	page
	Email, Next, Error string
}

func (s *Server) loginPage(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "login", &loginPage{page: s.page(r, "login_title"), Next: localPath(r.URL.Query().Get("next"))})
}

// login signs in with the form fields email and password (PRODUCT.md).
func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	email := strings.TrimSpace(r.PostFormValue("email"))
	next := localPath(r.PostFormValue("next"))
	u, hash, err := s.d.Users.UserByEmail(ctx, email)
	var orgs []gyakusan.Membership
	if err != nil {
		password.Default.VerifyNone(r.PostFormValue("password"))
	} else if ok, _ := password.Verify(r.PostFormValue("password"), hash); ok {
		orgs, err = s.d.Users.Memberships(ctx, u.ID)
	} else {
		err = gyakusan.Errorf(gyakusan.CodeUnauthorized, "bad credentials")
	}
	if err != nil || len(orgs) == 0 {
		pg := &loginPage{page: s.page(r, "login_title"), Email: email, Next: next}
		pg.Error = pg.T["login_failed"]
		s.render(w, r, http.StatusUnauthorized, "login", pg)
		return
	}
	now := s.now()
	sess := gyakusan.Session{ID: password.NewSecret(password.SessionPrefix), UserID: u.ID, OrgID: orgs[0].Org.ID, Created: now, LastSeen: now, ExpiresAt: now.Add(s.cfg.SessionMax)}
	if err := s.d.Sessions.CreateSession(ctx, sess); err != nil {
		s.fail(w, r, err)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: s.sessionCookieName(), Value: sess.ID, Path: "/", HttpOnly: true,
		Secure: s.cfg.SecureCookies, SameSite: http.SameSiteLaxMode, Expires: sess.ExpiresAt})
	if next == "" {
		next = "/plans"
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	if p, ok := principalFrom(r.Context()); ok && p.Session != "" {
		if err := s.d.Sessions.DeleteSession(r.Context(), p.Session); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	http.SetCookie(w, &http.Cookie{Name: s.sessionCookieName(), Value: "", Path: "/", MaxAge: -1, HttpOnly: true,
		Secure: s.cfg.SecureCookies, SameSite: http.SameSiteLaxMode})
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}

// localPath keeps next only when it is a path on this site, so that the
// login cannot be used to redirect elsewhere.
func localPath(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return ""
	}
	return next
}


