package web

import (
	"net/http"
	"sort"
	"sync"
)

// servedRoutes records, for every route of the table, the best answer the
// tests got from it: TestMain fails the run when a route was never
// requested, or never answered anything but an error.
var servedRoutes = struct {
	sync.Mutex
	best map[string]int // "METHOD pattern" → the lowest status seen
}{best: map[string]int{}}

func recordServed(method, pattern string, status int) {
	k := method + " " + pattern
	servedRoutes.Lock()
	if b, ok := servedRoutes.best[k]; !ok || status < b {
		servedRoutes.best[k] = status
	}
	servedRoutes.Unlock()
}

// uncoveredRoutes lists the routes no test requested and those that only
// ever answered 4xx or 5xx: a route's own work was then never exercised,
// only the layers in front of it.
func uncoveredRoutes() []string {
	servedRoutes.Lock()
	defer servedRoutes.Unlock()
	var out []string
	for _, rt := range (&Server{}).routes() {
		k := rt.Method + " " + rt.Pattern
		switch b, ok := servedRoutes.best[k]; {
		case !ok:
			out = append(out, k+" (never requested)")
		case b >= http.StatusBadRequest:
			out = append(out, k+" (only errors: "+http.StatusText(b)+")")
		}
	}
	sort.Strings(out)
	return out
}
