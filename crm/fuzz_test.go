package crm

import (
	"bytes"
	"io"
	"testing"
)

// FuzzReader feeds arbitrary bytes through every layout: it must never
// panic, every error must carry a line inside the file, and every lead must
// have an id, a channel and a creation date.
func FuzzReader(f *testing.F) {
	f.Add([]byte("lead_id,created_at,channel,meeting_at,opportunity_at,won_at,amount\nA,2025-01-02,広告,,,,\n"))
	f.Add([]byte("lead_id,created_at,channel\n\"A\"\"\",2025/1/2,\"x\ny\"\n\"unterminated"))
	f.Add([]byte("\xef\xbb\xbflead_id,created_at,channel\r\nB,2025年1月2日,\x83\x4b\r\n"))
	f.Add([]byte("Record ID,Create Date,Original Source,Became a Customer Date,Recent Deal Amount\n1,2025-01-02 10:00,Paid Search,2025-02-01,\"¥1,000\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		lines := bytes.Count(data, []byte{'\n'}) + 1
		for _, name := range Presets {
			m, _ := Preset(name)
			m.Channels = map[string]string{"x": "X"}
			rd, err := NewReader(bytes.NewReader(data), m, Options{})
			if err != nil {
				if _, ok := err.(*Error); !ok {
					t.Fatalf("header error of type %T: %v", err, err)
				}
				continue
			}
			var b Batch
			for {
				err := rd.Read(&b)
				for i, l := range b.Leads {
					if l.ID == "" || l.Channel == "" || l.Created == 0 || b.Lines[i] < 2 || b.Lines[i] > lines {
						t.Fatalf("bad lead %+v at line %d", l, b.Lines[i])
					}
				}
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatalf("read: %v", err)
				}
			}
			for _, e := range rd.Errors() {
				if e.Line < 1 || e.Line > lines {
					t.Fatalf("error %+v has line outside 1..%d", e, lines)
				}
			}
		}
	})
}
