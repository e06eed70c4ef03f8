package web

import (
	"context"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"time"

	"gyakusan"
)

// Login throttling. Failures are counted in the database, so every instance
// sees them. An account is closed to guessing after a few failures; an
// address (one office behind one NAT may hold many people) after more.
const (
	loginWindow        = 15 * time.Minute
	maxAccountFailures = 10
	maxAddressFailures = 50
)

func emailKey(email string) string { return "email:" + email }
func addrKey(addr string) string   { return "addr:" + addr }

// throttled reports whether sign-in is closed for email or for addr.
func (s *Server) throttled(ctx context.Context, email, addr string) (bool, error) {
	now := s.now()
	n, err := s.d.Sessions.LoginFailures(ctx, emailKey(email), now, loginWindow)
	if err != nil || n >= maxAccountFailures {
		return err == nil, err
	}
	n, err = s.d.Sessions.LoginFailures(ctx, addrKey(addr), now, loginWindow)
	return err == nil && n >= maxAddressFailures, err
}

// loginFailed counts a failed sign-in against the account and the address.
func (s *Server) loginFailed(ctx context.Context, email, addr string) error {
	now := s.now()
	if _, err := s.d.Sessions.RecordLoginFailure(ctx, emailKey(email), now, loginWindow); err != nil {
		return err
	}
	_, err := s.d.Sessions.RecordLoginFailure(ctx, addrKey(addr), now, loginWindow)
	return err
}

// refusal is why a password prompt said no; accepted when it said yes.
type refusal int

const (
	accepted      refusal = iota
	signInPaused          // too many recent failures for the account or the address
	wrongPassword         // counted as a failure against both
)

// answer is the status and dictionary key with which a prompt for the
// password of a known account (accepting an invitation, changing the
// password) refuses.
func (f refusal) answer() (int, string) {
	if f == signInPaused {
		return http.StatusTooManyRequests, "login_throttled"
	}
	return http.StatusUnprocessableEntity, "current_password_wrong"
}

// checkPassword checks pw for email under the sign-in throttle, the rules
// every password prompt shares (sign-in, joining as an existing user,
// changing the password): refused while sign-in is paused for the account
// or the client's address, and a wrong password counted against both.
func (s *Server) checkPassword(r *http.Request, email, pw string) (gyakusan.User, refusal, error) {
	ctx := r.Context()
	addr := s.clientAddr(r)
	if blocked, err := s.throttled(ctx, email, addr); err != nil || blocked {
		return gyakusan.User{}, signInPaused, err
	}
	u, ok, err := s.checkCredentials(ctx, email, pw)
	if err != nil || ok {
		return u, accepted, err
	}
	return u, wrongPassword, s.loginFailed(ctx, email, addr)
}

// clientAddr is the address failures are counted under: the connection's,
// or the last entry of the configured proxy header (the one the trusted
// proxy added). IPv6 addresses count by /64, the block one host gets.
func (s *Server) clientAddr(r *http.Request) string {
	raw := r.RemoteAddr
	if h := s.cfg.ClientIPHeader; h != "" {
		if v := r.Header.Values(h); len(v) > 0 {
			last := v[len(v)-1]
			raw = strings.TrimSpace(last[strings.LastIndexByte(last, ',')+1:])
		}
	}
	if host, _, err := net.SplitHostPort(raw); err == nil {
		raw = host
	}
	ip, err := netip.ParseAddr(strings.Trim(raw, "[]"))
	if err != nil {
		return raw
	}
	ip = ip.Unmap()
	if ip.Is6() {
		p, _ := ip.Prefix(64)
		return p.String()
	}
	return ip.String()
}
