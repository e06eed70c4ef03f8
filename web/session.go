package web

import (
	"net/http"

	"gyakusan"
	"gyakusan/password"
)

// sessionCookie is the name of the session cookie; over TLS it carries the
// __Host- prefix, so that no subdomain and no plain-HTTP page can set it.
const sessionCookie = "gyakusan_session"

func (s *Server) sessionCookieName() string {
	if s.cfg.SecureCookies {
		return "__Host-" + sessionCookie
	}
	return sessionCookie
}

// cookieSession returns the secret of the request's session cookie, or "".
func (s *Server) cookieSession(r *http.Request) string {
	c, err := r.Cookie(s.sessionCookieName())
	if err != nil || !password.LooksLike(c.Value, password.SessionPrefix) {
		return ""
	}
	return c.Value
}

// startSession signs userID in to orgID with a new session id, never one
// the browser brought (no session fixation), and ends the browser's previous
// session on the server.
func (s *Server) startSession(w http.ResponseWriter, r *http.Request, userID, orgID int64) error {
	ctx := r.Context()
	if old := s.cookieSession(r); old != "" {
		if err := s.d.Sessions.DeleteSession(ctx, old); err != nil {
			return err
		}
	}
	now := s.now()
	sess := gyakusan.Session{
		ID: password.NewSecret(password.SessionPrefix), UserID: userID, OrgID: orgID,
		Created: now, LastSeen: now, ExpiresAt: now.Add(s.cfg.SessionMax),
	}
	if err := s.d.Sessions.CreateSession(ctx, sess); err != nil {
		return err
	}
	http.SetCookie(w, &http.Cookie{
		Name: s.sessionCookieName(), Value: sess.ID, Path: "/", Expires: sess.ExpiresAt,
		HttpOnly: true, Secure: s.cfg.SecureCookies, SameSite: http.SameSiteLaxMode,
	})
	return nil
}

// clearSessionCookie tells the browser to forget its session cookie.
func (s *Server) clearSessionCookie(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{
		Name: s.sessionCookieName(), Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: s.cfg.SecureCookies, SameSite: http.SameSiteLaxMode,
	})
}
