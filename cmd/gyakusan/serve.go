package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"gyakusan/store"
	"gyakusan/web"
)

func init() {
	register(command{name: "serve", summary: "serve the web app and API: serve [--addr :8080] [--db DSN] [--tls-cert F --tls-key F]", run: runServe})
}

// Server timeouts: generous for a slow upload, short enough that idle or
// stalled clients cannot hold connections open.
const (
	readHeaderTimeout = 10 * time.Second
	readTimeout       = 60 * time.Second
	writeTimeout      = 60 * time.Second
	idleTimeout       = 2 * time.Minute
	shutdownTimeout   = 15 * time.Second
)

// runServe opens the store (applying migrations), serves until ctx ends,
// then lets running requests finish.
func runServe(ctx context.Context, e env) error {
	fs := newFlags("serve", e)
	addr := fs.String("addr", ":8080", "address to listen on")
	db := dbFlag(fs, e)
	cert := fs.String("tls-cert", "", "TLS certificate file (PEM); serve HTTPS with --tls-key")
	key := fs.String("tls-key", "", "TLS private key file (PEM)")
	proxy := fs.Bool("behind-tls-proxy", false, "a TLS-terminating proxy is in front: mark cookies Secure")
	origins := fs.String("trusted-origin", "", "comma-separated origins (https://host) allowed to post, for proxies")
	ipHeader := fs.String("client-ip-header", "", "header a trusted proxy puts the client address in (e.g. X-Forwarded-For), for sign-in throttling")
	if err := parseFlags(fs, e.args); err != nil {
		return err
	}
	if (*cert == "") != (*key == "") {
		fmt.Fprintln(e.stderr, "gyakusan serve: give both --tls-cert and --tls-key, or neither")
		return errUsage
	}
	log := slog.New(slog.NewTextHandler(e.stderr, nil))
	st, err := store.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	cfg := web.Config{SecureCookies: *cert != "" || *proxy, ClientIPHeader: *ipHeader}
	for _, o := range strings.Split(*origins, ",") {
		if o = strings.TrimSpace(o); o != "" {
			cfg.TrustedOrigins = append(cfg.TrustedOrigins, o)
		}
	}
	h, err := web.NewServer(cfg, web.Deps{Plans: st, Users: st, Sessions: st, Actuals: st, ActualRates: web.ActualRatesOf(st, st, time.Now), Log: log})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler: h, ReadHeaderTimeout: readHeaderTimeout, ReadTimeout: readTimeout,
		WriteTimeout: writeTimeout, IdleTimeout: idleTimeout, MaxHeaderBytes: 64 << 10,
		ErrorLog:    slog.NewLogLogger(log.Handler(), slog.LevelWarn),
		BaseContext: func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	scheme := "http"
	if *cert != "" {
		scheme = "https"
	}
	fmt.Fprintf(e.stdout, "gyakusan: serving %s://%s (database %s)\n", scheme, displayAddr(ln.Addr()), st.Dialect())

	done := make(chan error, 1)
	go func() {
		if *cert != "" {
			done <- srv.ServeTLS(ln, *cert, *key)
		} else {
			done <- srv.Serve(ln)
		}
	}()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return err
	}
	if err := <-done; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// displayAddr turns a listening address into one a browser can open:
// "[::]:8080" becomes "localhost:8080".
func displayAddr(a net.Addr) string {
	host, port, err := net.SplitHostPort(a.String())
	if err != nil {
		return a.String()
	}
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		host = "localhost"
	}
	return net.JoinHostPort(host, port)
}
