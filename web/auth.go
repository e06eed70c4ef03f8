package web

import (
	"net/http"
	"net/url"

	"gyakusan"
	"gyakusan/password"
)

// authenticate puts the principal of a valid session cookie, or on /api/
// of a bearer token, in the request's context; anonymous requests pass on
// without one. Tokens are for scripts, so the pages ignore them.
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
	if tok := bearer(r); tok != "" && isAPI(r) {
		if !password.LooksLike(tok, password.TokenPrefix) {
			return p, false
		}
		t, err := s.d.Sessions.TokenBySecret(ctx, tok)
		if err != nil {
			s.logUnexpected(r, err)
			return p, false
		}
		p.User.ID, orgID, p.ViaToken = t.UserID, t.OrgID, true
	} else if id := s.cookieSession(r); id != "" {
		sess, err := s.d.Sessions.SessionByID(ctx, id, s.now(), s.cfg.SessionIdle)
		if err != nil {
			s.logUnexpected(r, err)
			return p, false
		}
		p.User.ID, orgID, p.Session = sess.UserID, sess.OrgID, id
	} else {
		return p, false
	}
	u, err := s.d.Users.User(ctx, p.User.ID)
	if err != nil {
		s.logUnexpected(r, err)
		return p, false
	}
	p.User = u
	if p.Orgs, err = s.d.Users.Memberships(ctx, u.ID); err != nil {
		s.logUnexpected(r, err)
		return p, false
	}
	for _, m := range p.Orgs {
		if m.Org.ID == orgID {
			p.Org, p.Role = m.Org, m.Role
		}
	}
	if p.Role == "" {
		if p.ViaToken {
			// The token's user left its organization: the token is dead.
			return principal{}, false
		}
		// The session's organization is gone (the user was removed):
		// carry on in another one, if any.
		if len(p.Orgs) > 0 {
			p.Org, p.Role = p.Orgs[0].Org, p.Orgs[0].Role
			if err := s.d.Sessions.SetSessionOrg(ctx, p.Session, p.Org.ID); err != nil {
				s.logUnexpected(r, err)
			}
		}
	}
	return p, true
}

// logUnexpected logs errors other than "not found", which is the normal
// answer for an expired session or a revoked token.
func (s *Server) logUnexpected(r *http.Request, err error) {
	if gyakusan.ErrorCode(err) != gyakusan.CodeNotFound {
		s.log.Error("web: authenticate", "path", r.URL.Path, "err", err)
	}
}

// require answers 401 to anonymous requests (pages redirect to the login)
// and 403 when the role is short of need.
func (s *Server) require(need gyakusan.Role, h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		p, ok := principalFrom(r.Context())
		if !ok {
			if isAPI(r) {
				w.Header().Set("WWW-Authenticate", `Bearer realm="gyakusan"`)
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

// logout ends the session on the server, so that a copied cookie is
// worthless afterwards, and clears it in the browser.
func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	if id := s.cookieSession(r); id != "" {
		if err := s.d.Sessions.DeleteSession(r.Context(), id); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	s.clearSessionCookie(w)
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}

// localPath keeps next only when it is a path on this site, so that the
// login cannot be used to redirect elsewhere.
func localPath(next string) string {
	if len(next) == 0 || next[0] != '/' || len(next) > 1 && (next[1] == '/' || next[1] == '\\') {
		return ""
	}
	return next
}
