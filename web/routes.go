package web

import (
	"net/http"

	"gyakusan"
)

// access is the least role a route needs; public routes need none.
type access = gyakusan.Role

// The access levels of the route table.
const (
	public access = ""
	viewer access = gyakusan.RoleViewer
	editor access = gyakusan.RoleEditor
	owner  access = gyakusan.RoleOwner
)

// route is one entry of the route table. Plan ids are always {id}, so that
// tests can substitute another organization's id in every route.
type route struct {
	Method, Pattern string
	Need            access
	Handler         http.HandlerFunc
}

// served, when set (by the tests), is told the route and status of every
// request the route table serves, so that a test can fail on a route no
// test requests. It wraps the writer, so it stays nil outside the tests.
var served func(method, pattern string, status int)

// observe reports every answer of h to served.
func observe(rt route, h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		sw := &statusWriter{ResponseWriter: w}
		h(sw, r)
		served(rt.Method, rt.Pattern, sw.status())
	}
}

// statusWriter remembers the status written; Unwrap keeps
// http.ResponseController (the import's deadlines) working through it.
type statusWriter struct {
	http.ResponseWriter
	code int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.code == 0 {
		w.code = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.code == 0 {
		w.code = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (w *statusWriter) status() int {
	if w.code == 0 {
		return http.StatusOK
	}
	return w.code
}

// routes is every route of the server, in one table that tests iterate.
func (s *Server) routes() []route {
	return []route{
		{"GET", "/{$}", public, s.home},
		{"GET", "/static/{file}", public, s.static},
		{"GET", "/login", public, s.loginPage},
		{"POST", "/login", public, s.login},
		{"POST", "/logout", public, s.logout},
		{"POST", "/lang", public, s.setLang},

		// Accounts (auth, setup, invite, account, tokens, members *.go).
		{"GET", "/setup", public, s.setupForm},
		{"POST", "/setup", public, s.setup},
		{"GET", "/invite/{secret}", public, s.invitePage},
		{"POST", "/invite/{secret}", public, s.acceptInvite},
		{"GET", "/account", viewer, s.accountPage},
		{"POST", "/account/password", viewer, s.changePassword},
		{"POST", "/org", viewer, s.switchOrg},
		{"GET", "/tokens", viewer, s.tokensPage},
		{"POST", "/tokens", viewer, s.createToken},
		{"POST", "/tokens/{token}/revoke", viewer, s.revokeToken},
		{"GET", "/members", owner, s.membersPage},
		{"POST", "/members/invite", owner, s.invite},
		{"POST", "/members/{user}/role", owner, s.setRole},
		{"POST", "/members/{user}/remove", owner, s.removeMember},

		{"GET", "/plans", viewer, s.plansPage},
		{"POST", "/plans", editor, s.createPlan},
		{"POST", "/plans/sample", editor, s.createSample},
		{"GET", "/plans/{id}", viewer, s.planPage},
		{"POST", "/plans/{id}", editor, s.savePlan},
		{"POST", "/plans/{id}/preview", viewer, s.previewPlan},
		{"GET", "/plans/{id}/print", viewer, s.printPage},
		{"POST", "/plans/{id}/rename", editor, s.renamePlan},
		{"POST", "/plans/{id}/duplicate", editor, s.duplicatePlan},
		{"POST", "/plans/{id}/next-year", editor, s.nextYearPlan},
		{"POST", "/plans/{id}/archive", editor, s.archivePlan},
		{"POST", "/plans/{id}/unarchive", editor, s.unarchivePlan},
		{"GET", "/plans/{id}/delete", editor, s.deletePage},
		{"POST", "/plans/{id}/delete", editor, s.deletePlan},
		{"GET", "/plans/{id}/export.xlsx", viewer, s.exportXLSX}, // export.go
		{"GET", "/plans/{id}/export.csv", viewer, s.exportCSV},   // export.go
		{"POST", "/plans/import-xlsx", editor, s.importXLSX},     // export.go

		// Plan vs actual (dashboard*.go, import*.go, actuals*.go).
		{"GET", "/plans/{id}/dashboard", viewer, s.dashboard},
		{"GET", "/plans/{id}/import", editor, s.importPageGet},
		{"POST", "/plans/{id}/import/preview", editor, s.previewImport},
		{"POST", "/plans/{id}/import/commit", editor, s.commitImport},
		{"POST", "/plans/{id}/mappings", editor, s.saveMapping},
		{"POST", "/plans/{id}/mappings/delete", editor, s.deleteMapping},
		{"GET", "/plans/{id}/actuals", viewer, s.actualsPageGet},
		{"POST", "/plans/{id}/actuals", editor, s.saveActuals},

		{"GET", "/api/v1/plans", viewer, s.apiListPlans},
		{"POST", "/api/v1/plans", editor, s.apiCreatePlan},
		{"GET", "/api/v1/plans/{id}", viewer, s.apiGetPlan},
		{"PUT", "/api/v1/plans/{id}", editor, s.apiUpdatePlan},
		{"DELETE", "/api/v1/plans/{id}", editor, s.apiDeletePlan},
		{"POST", "/api/v1/plans/{id}/leads", editor, s.apiImportLeads}, // api_leads.go
		{"GET", "/api/v1/plans/{id}/report", viewer, s.apiReport},      // api_report.go
		{"GET", "/api/v1/plans/{id}/history", viewer, s.apiHistory},    // api_history.go
		{"POST", "/api/v1/compute", viewer, s.apiCompute},
		{"GET", "/api/v1/openapi.json", public, s.openAPI}, // openapi.go
	}
}
