package gyakusan

import "testing"

func TestParseDay(t *testing.T) {
	if d, ok := ParseDay("2026-12-04"); !ok || d != DayOf(2026, 12, 4) {
		t.Errorf("ParseDay(2026-12-04) = %v %v", d, ok)
	}
	for _, s := range []string{"", "2026-13-01", "2026-02-30", "2026/12/04", "2026-1-04", "+026-12-04", "1899-12-31"} {
		if _, ok := ParseDay(s); ok {
			t.Errorf("ParseDay(%q) accepted", s)
		}
	}
}
