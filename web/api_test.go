package web

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

func TestAPIPlansRoundTrip(t *testing.T) {
	tm := newTeam(t)
	js := func(method, path, body string) (int, map[string]any, string) {
		w := tm.do(req{method: method, path: path, json: body, cookie: tm.editor})
		var m map[string]any
		json.Unmarshal(w.Body.Bytes(), &m)
		return w.Code, m, w.Header().Get("Content-Type")
	}
	code, created, _ := js("POST", "/api/v1/plans", seedPlanJSON)
	if code != 201 {
		t.Fatalf("create = %d %v", code, created)
	}
	id := int64(created["id"].(float64))
	leads := created["result"].(map[string]any)["total"].(map[string]any)["leads"]
	if created["version"].(float64) != 1 || leads.(float64) != 2400 {
		t.Errorf("created = v%v with %v leads", created["version"], leads)
	}
	path := fmt.Sprintf("/api/v1/plans/%d", id)
	if code, got, _ := js("GET", path, ""); code != 200 || got["plan"].(map[string]any)["name"] != "KPI 1年目" {
		t.Errorf("get = %d %v", code, got)
	}
	upd := strings.Replace(seedPlanJSON, `"win":25`, `"win":20`, 1)
	if code, got, _ := js("PUT", path, fmt.Sprintf(`{"version":1,"plan":%s}`, upd)); code != 200 || got["version"].(float64) != 2 {
		t.Errorf("put = %d %v", code, got)
	}
	if code, got, ct := js("PUT", path, fmt.Sprintf(`{"version":1,"plan":%s}`, upd)); code != 409 || ct != "application/problem+json" || got["version"].(float64) != 2 {
		t.Errorf("stale put = %d %s %v", code, ct, got)
	}
	if code, list, _ := js("GET", "/api/v1/plans", ""); code != 200 || len(list["plans"].([]any)) != 1 {
		t.Errorf("list = %d %v", code, list)
	}
	if code, _, _ := js("DELETE", path, ""); code != 204 {
		t.Errorf("delete = %d", code)
	}
	if code, _, _ := js("GET", path, ""); code != 404 {
		t.Errorf("get deleted = %d", code)
	}
}

func TestAPIProblemsNameTheFields(t *testing.T) {
	tm := newTeam(t)
	bad := strings.Replace(seedPlanJSON, `"meeting":20`, `"meeting":0`, 1)
	w := tm.do(req{method: "POST", path: "/api/v1/compute?lang=en", json: bad, cookie: tm.viewer})
	var p problem
	if err := json.Unmarshal(w.Body.Bytes(), &p); err != nil || w.Code != 422 || p.Status != 422 || len(p.Fields) != 1 ||
		p.Fields[0].Field != "rates.meeting" || p.Fields[0].Message != "Meeting rate must be greater than 0 and at most 100." {
		t.Errorf("compute of bad plan = %d %s", w.Code, w.Body)
	}
	w = tm.do(req{method: "POST", path: "/api/v1/compute", json: seedPlanJSON, cookie: tm.viewer})
	if w.Code != 200 || !strings.Contains(w.Body.String(), `"leads":2400`) {
		t.Errorf("compute = %d", w.Code)
	}
	w = tm.do(req{method: "POST", path: "/api/v1/plans", json: `{"nme":"x"}`, cookie: tm.editor})
	if w.Code != 422 || !strings.Contains(w.Body.String(), `"field":"nme"`) {
		t.Errorf("unknown field = %d %s", w.Code, w.Body)
	}
	w = tm.do(req{method: "POST", path: "/api/v1/plans", json: seedPlanJSON, cookie: tm.viewer})
	if w.Code != 403 {
		t.Errorf("viewer create = %d", w.Code)
	}
	big := `{"name":"` + strings.Repeat("x", 2<<20) + `"}`
	if w := tm.do(req{method: "POST", path: "/api/v1/compute", json: big, cookie: tm.viewer}); w.Code < 400 || w.Code >= 500 {
		t.Errorf("2 MB body = %d", w.Code)
	}
}
