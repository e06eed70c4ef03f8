package web

import (
	"context"

	"gyakusan"
)

// principal is who is making a request: the signed-in user, the
// organization they work in, their role there, and all their memberships
// (for switching organizations).
type principal struct {
	User     gyakusan.User
	Org      gyakusan.Org
	Role     gyakusan.Role
	Orgs     []gyakusan.Membership
	ViaToken bool   // authenticated by an API token rather than a session
	Session  string // the session id, for logout; empty via a token
}

type principalKey struct{}

// withPrincipal returns ctx carrying p.
func withPrincipal(ctx context.Context, p principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// principalFrom returns the request's principal, ok=false when anonymous.
func principalFrom(ctx context.Context) (principal, bool) {
	p, ok := ctx.Value(principalKey{}).(principal)
	return p, ok
}

// Can reports whether the principal's role includes need.
func (p principal) Can(need gyakusan.Role) bool { return p.Role.Can(need) }

// IsOwner reports whether the principal owns the organization, for the
// navigation.
func (p principal) IsOwner() bool { return p.Role.Can(gyakusan.RoleOwner) }
