package xlsx

import (
	"bytes"
	"testing"
)

// BenchmarkWriteSeedPlan writes the seed plan's workbook (12 months, three
// channels, two of them by share, so with the calc sheet).
func BenchmarkWriteSeedPlan(b *testing.B) {
	p := seedPlan()
	b.ReportAllocs()
	for b.Loop() {
		var buf bytes.Buffer
		if err := Write(&buf, p, Options{Lang: "ja"}); err != nil {
			b.Fatal(err)
		}
	}
}
