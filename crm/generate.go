package crm

import (
	"bufio"
	"io"
	"math/rand/v2"
	"strconv"

	"gyakusan"
)

// GenerateChannels are the channel names Generate writes, one per kind a
// typical plan has.
var GenerateChannels = []string{"ads", "email", "seminar", "organic", "offline"}

// Generate writes n leads as a generic CSV, the same bytes for the same
// seed: lead ids L0000001… in order (as CRMs export by record id), created
// over the two years from start, spread over GenerateChannels, with a
// funnel of about 25 % of leads reaching a meeting, 50 % of meetings an
// opportunity and 25 % of opportunities a won deal of ¥500,000–¥3,000,000.
// A 1,000,000-row file is about 40 MB.
func Generate(w io.Writer, n int, seed uint64, start gyakusan.Month) error {
	bw := bufio.NewWriterSize(w, 256<<10)
	rng := rand.New(rand.NewPCG(seed, seed^0x9E3779B97F4A7C15))
	first := gyakusan.DayOf(start.Year(), start.Num(), 1)
	end := start.Add(24)
	span := int(gyakusan.DayOf(end.Year(), end.Num(), 1) - first)
	if _, err := bw.WriteString("lead_id,created_at,channel,meeting_at,opportunity_at,won_at,amount\n"); err != nil {
		return err
	}
	buf := make([]byte, 0, 128)
	for i := 1; i <= n; i++ {
		// Leads arrive in id order, so created dates grow with the id.
		created := first + gyakusan.Day(int64(i-1)*int64(span)/int64(max(n, 1)))
		buf = append(buf[:0], 'L')
		buf = appendPadded(buf, i, 7)
		buf = append(buf, ',')
		buf = appendDay(buf, created)
		buf = append(buf, ',')
		buf = append(buf, GenerateChannels[rng.IntN(len(GenerateChannels))]...)
		var meeting, opp, won gyakusan.Day
		var amount int64
		if rng.IntN(4) == 0 {
			meeting = created + gyakusan.Day(rng.IntN(21))
			if rng.IntN(2) == 0 {
				opp = meeting + gyakusan.Day(rng.IntN(21))
				if rng.IntN(4) == 0 {
					won = opp + gyakusan.Day(rng.IntN(45))
					amount = 500_000 + int64(rng.IntN(251))*10_000
				}
			}
		}
		for _, d := range []gyakusan.Day{meeting, opp, won} {
			buf = append(buf, ',')
			if d != 0 {
				buf = appendDay(buf, d)
			}
		}
		buf = append(buf, ',')
		if amount > 0 {
			buf = strconv.AppendInt(buf, amount, 10)
		}
		buf = append(buf, '\n')
		if _, err := bw.Write(buf); err != nil {
			return err
		}
	}
	return bw.Flush()
}

func appendPadded(b []byte, v, width int) []byte {
	var tmp [20]byte
	s := strconv.AppendInt(tmp[:0], int64(v), 10)
	for i := len(s); i < width; i++ {
		b = append(b, '0')
	}
	return append(b, s...)
}

func appendDay(b []byte, d gyakusan.Day) []byte {
	y, m, dd := d.Date()
	b = appendPadded(b, y, 4)
	b = append(b, '-')
	b = appendPadded(b, m, 2)
	b = append(b, '-')
	return appendPadded(b, dd, 2)
}
