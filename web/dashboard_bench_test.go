package web

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"gyakusan"
	"gyakusan/crm"
	"gyakusan/password"
	"gyakusan/store"
	"gyakusan/store/storetest"
)

// BenchmarkDashboard1MLeads imports 1,000,000 generated leads into a SQLite
// store once, then times GET /plans/{id}/dashboard through the whole server
// (session lookup, plan, aggregates, report, charts, template). The page
// reads only the monthly aggregates, so its cost does not grow with leads.
//
//	go test ./web -run '^$' -bench Dashboard1MLeads -benchtime 200x
func BenchmarkDashboard1MLeads(b *testing.B) {
	ctx := context.Background()
	db := storetest.Open(b)
	now := time.Now()
	start := gyakusan.MonthOfTime(now) - 11
	var chans []string
	for _, c := range crm.GenerateChannels {
		chans = append(chans, `{"name":"`+c+`","kind":"other","share":20}`)
	}
	p, err := gyakusan.ParsePlan([]byte(`{"name":"1M","start_month":"` + start.String() + `","target":{"won":6000},"unit_price":1000000,
		"rates":{"meeting":25,"opportunity":50,"win":25},"channels":[` + strings.Join(chans, ",") + `]}`))
	if err != nil {
		b.Fatal(err)
	}
	org, _ := db.CreateOrg(ctx, "Bench")
	u, _ := db.CreateUser(ctx, "bench@example.com", "x")
	db.AddMember(ctx, org.ID, u.ID, gyakusan.RoleViewer)
	sp, err := db.CreatePlan(ctx, org.ID, u.ID, p)
	if err != nil {
		b.Fatal(err)
	}
	pr, pw := io.Pipe()
	go func() { pw.CloseWithError(crm.Generate(pw, 1_000_000, 1, start)) }()
	g, _ := crm.Preset(crm.PresetGeneric)
	rd, err := crm.NewReader(pr, g, crm.Options{})
	if err != nil {
		b.Fatal(err)
	}
	t0 := time.Now()
	sum, err := db.ImportLeads(ctx, org.ID, sp.ID, rd, store.ImportOptions{})
	if err != nil || sum.Leads != 1_000_000 {
		b.Fatalf("import: %+v, %v", sum, err)
	}
	b.Logf("imported %d leads in %s", sum.Leads, time.Since(t0).Round(time.Millisecond))

	srv, err := NewServer(Config{}, Deps{Plans: db, Users: db, Sessions: db})
	if err != nil {
		b.Fatal(err)
	}
	sid := password.NewSecret(password.SessionPrefix)
	if err := db.CreateSession(ctx, gyakusan.Session{ID: sid, UserID: u.ID, OrgID: org.ID, Created: now, LastSeen: now,
		ExpiresAt: now.Add(time.Hour)}); err != nil {
		b.Fatal(err)
	}
	cookie := &http.Cookie{Name: srv.sessionCookieName(), Value: sid}
	path := "/plans/" + strconv.FormatInt(sp.ID, 10) + "/dashboard"
	get := func() *httptest.ResponseRecorder {
		r := httptest.NewRequest("GET", path, nil)
		r.AddCookie(cookie)
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, r)
		return w
	}
	if w := get(); w.Code != 200 || !strings.Contains(w.Body.String(), `<svg class="chart"`) {
		b.Fatalf("dashboard = %d", w.Code)
	}
	b.ReportAllocs()
	for b.Loop() {
		if w := get(); w.Code != 200 {
			b.Fatalf("dashboard = %d", w.Code)
		}
	}
}
