package gyakusan

import (
	"encoding/json"
	"testing"
)

func FuzzPlan(f *testing.F) {
	seed, _ := json.Marshal(seedPlan())
	f.Add(seed)
	f.Add([]byte(`{"start_month":"2026-01","target":{"revenue":99999999},"unit_price":3333333,"rates":{"meeting":0.01,"opportunity":33.33,"win":99.99},"channels":[{"name":"a","kind":"ads","share":50},{"name":"b","kind":"seminar","share":50,"meeting_rate":1,"months":[1,5],"events_per_month":3,"fixed_cost":1}]}`))
	f.Add([]byte(`{"start_month":"2026-13"}`))
	f.Add([]byte(`{"months":120,"weights":[1],"target":{"won":1000000000}}`))
	f.Fuzz(func(t *testing.T, doc []byte) {
		p, err := ParsePlan(doc)
		if err != nil {
			if ErrorCode(err) != CodeInvalid {
				t.Fatalf("decode error with code %q: %v", ErrorCode(err), err)
			}
			return
		}
		r, err := Compute(p)
		if err != nil {
			if ErrorCode(err) != CodeInvalid {
				t.Fatalf("compute error with code %q: %v", ErrorCode(err), err)
			}
			return
		}
		won, _ := TotalWon(p)
		if r.Total.Won != won || len(r.Months) != p.Period() {
			t.Fatalf("total won %d, want %d", r.Total.Won, won)
		}
		for _, m := range r.Months {
			f := m.Funnel
			if f.Won < 0 || f.Opportunities < f.Won || f.Meetings < f.Opportunities || f.Spend < 0 || m.Leads < 0 || f.Leads > limit {
				t.Fatalf("absurd month %+v", m)
			}
			if len(p.Channels) == 0 && f.Leads < f.Meetings {
				t.Fatalf("fewer leads than meetings: %+v", m)
			}
		}
	})
}
