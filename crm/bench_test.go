package crm

import (
	"bytes"
	"io"
	"testing"

	"gyakusan"
)

// BenchmarkRead1M parses a generated 1,000,000-row generic CSV (about 40 MB)
// from memory: the parsing half of an import.
func BenchmarkRead1M(b *testing.B) {
	var buf bytes.Buffer
	if err := Generate(&buf, 1_000_000, 1, gyakusan.MonthOf(2024, 4)); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	m, _ := Preset(PresetGeneric)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		rd, err := NewReader(bytes.NewReader(data), m, Options{})
		if err != nil {
			b.Fatal(err)
		}
		var batch Batch
		n := 0
		for {
			err := rd.Read(&batch)
			n += len(batch.Leads)
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
		}
		if n != 1_000_000 || rd.ErrorCount() != 0 {
			b.Fatalf("read %d leads, %d errors: %v", n, rd.ErrorCount(), rd.Errors())
		}
	}
}
