// Package web serves gyakusan in the browser and over a JSON API: the plans
// list, the plan page that is the KPI sheet, its print view, and
// /api/v1. It depends only on the service interfaces of package gyakusan.
package web

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"time"

	"gyakusan"
)

// Deps are the services the server uses. Tests pass a real store.
type Deps struct {
	Plans    gyakusan.PlanService
	Users    gyakusan.UserService
	Sessions gyakusan.SessionService
	Log      *slog.Logger
	Now      func() time.Time

	// ActualRates, when set, returns the stage rates a plan actually
	// reached (ok=false while it has no actuals); "next year" then starts
	// from them. Plan vs actual (issue 5) provides it.
	ActualRates func(ctx context.Context, orgID, planID int64) (rates gyakusan.Rates, ok bool, err error)

	// Actuals keeps imported leads, hand-typed actuals, saved mappings and
	// uploads for the dashboard and the import pages (actuals_store.go);
	// when nil, Plans is used if it offers them too.
	Actuals ActualsStore
}

// Config is how the server is deployed.
type Config struct {
	// SecureCookies marks cookies Secure (and __Host-) because the site is
	// served over TLS, directly or behind a TLS proxy.
	SecureCookies bool
	// TrustedOrigins are extra origins (scheme://host[:port]) allowed to
	// send state-changing requests, for reverse proxies that rewrite Host.
	TrustedOrigins []string
	// SessionIdle and SessionMax are the idle and absolute session
	// timeouts; zero means the defaults.
	SessionIdle time.Duration
	SessionMax  time.Duration
	// ClientIPHeader names the header a trusted reverse proxy puts the
	// client's address in (e.g. X-Forwarded-For, whose last entry is used),
	// for per-address login throttling; empty means the connection's
	// address. Set it only behind a proxy that overwrites the header.
	ClientIPHeader string
}

// Default session timeouts.
const (
	DefaultSessionIdle = 12 * time.Hour
	DefaultSessionMax  = 7 * 24 * time.Hour
)

// Server is gyakusan's HTTP handler.
type Server struct {
	cfg     Config
	d       Deps
	log     *slog.Logger
	now     func() time.Time
	tmpl    *templates
	handler http.Handler
}

// NewServer checks its dependencies, parses every template (a broken one
// fails here, so in the tests) and registers the routes.
func NewServer(cfg Config, d Deps) (*Server, error) {
	if d.Plans == nil || d.Users == nil || d.Sessions == nil {
		return nil, errors.New("web: Plans, Users and Sessions are required")
	}
	if cfg.SessionIdle == 0 {
		cfg.SessionIdle = DefaultSessionIdle
	}
	if cfg.SessionMax == 0 {
		cfg.SessionMax = DefaultSessionMax
	}
	s := &Server{cfg: cfg, d: d, log: d.Log, now: d.Now}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.now == nil {
		s.now = time.Now
	}
	t, err := parseTemplates()
	if err != nil {
		return nil, err
	}
	s.tmpl = t
	mux := http.NewServeMux()
	for _, rt := range s.routes() {
		h := rt.Handler
		if rt.Need != public {
			h = s.require(rt.Need, h)
		}
		if served != nil {
			h = observe(rt, h)
		}
		mux.Handle(rt.Method+" "+rt.Pattern, h)
	}
	h, err := s.protect(s.authenticate(s.language(mux)))
	if err != nil {
		return nil, err
	}
	s.handler = h
	return s, nil
}

// ServeHTTP serves one request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }
