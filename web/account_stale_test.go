package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"testing"

	"gyakusan/store"
	"gyakusan/store/storetest"
)

// Two editors edit the same plan version: the second write is stale and
// must get 409 with the current version, not overwrite the first.
func TestStaleWriteConflicts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		path := "/api/v1/plans/" + strconv.FormatInt(w.planA.ID, 10)
		body := func(name string) string {
			return fmt.Sprintf(`{"version":%d,"plan":%s}`, w.planA.Version,
				`{"name":"`+name+`","start_month":"2026-04","target":{"won":60},"unit_price":1000000,"rates":{"meeting":20,"opportunity":50,"win":25}}`)
		}
		first := w.do(req{method: "PUT", path: path, json: body("first"), cookie: w.session(w.editorA, "A")})
		if first.Code != http.StatusOK {
			t.Fatalf("first write: %d %s", first.Code, first.Body.String())
		}
		second := w.do(req{method: "PUT", path: path, json: body("second"), cookie: w.session(w.ownerA, "A")})
		if second.Code != http.StatusConflict {
			t.Fatalf("stale write: %d, want 409", second.Code)
		}
		var prob struct{ Version int64 }
		json.Unmarshal(second.Body.Bytes(), &prob)
		if prob.Version != w.planA.Version+1 {
			t.Errorf("409 names version %d, want %d", prob.Version, w.planA.Version+1)
		}
		sp, err := db.Plan(t.Context(), w.org("A").ID, w.planA.ID)
		if err != nil || sp.Plan.Name != "first" {
			t.Errorf("stored plan %q, %v; the first edit must survive", sp.Plan.Name, err)
		}
	})
}
