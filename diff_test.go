package gyakusan

import (
	"reflect"
	"testing"
)

func TestDiffPlansNamesWhatChanged(t *testing.T) {
	a := seedPlan()
	b := seedPlan()
	b.Rates.Win = 30 * Percent
	b.Channels[1].CPA = 2000
	b.Name = "新しい名前"
	got := DiffPlans(a, b)
	want := []string{`channels[1].cpa: → 2000`, `name: "seed" → "新しい名前"`, `rates.win: 25 → 30`}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("diff %q, want %q", got, want)
	}
	if d := DiffPlans(a, a); len(d) != 0 {
		t.Errorf("a plan differs from itself: %q", d)
	}
	if s := LabelSummary("rates.win: 25 → 30; channels[1].cpa: → 2000", "ja"); s != "受注率: 25 → 30; チャネル2の獲得費用単価（CPA）: → 2000" {
		t.Errorf("ja summary %q", s)
	}
	if s := LabelChange("rates.win: 25 → 30", "en"); s != "Win rate: 25 → 30" {
		t.Errorf("en change %q", s)
	}
}
