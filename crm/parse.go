package crm

import (
	"gyakusan"
)

// The UTF-8 bytes of the Japanese date characters and yen signs.
var (
	kanjiYear  = []byte("年")
	kanjiMonth = []byte("月")
	kanjiDay   = []byte("日")
	kanjiYen   = []byte("円")
	yenSign    = []byte("¥")
	yenWide    = []byte("￥")
)

// trimSpace trims ASCII spaces and tabs, which is all CSV cells carry in
// practice; full-width spaces go through the slow path.
func trimSpace(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t') {
		b = b[1:]
	}
	for len(b) > 0 && (b[len(b)-1] == ' ' || b[len(b)-1] == '\t') {
		b = b[:len(b)-1]
	}
	return b
}

// num reads up to max ASCII digits at b[i:], returning the value and the
// index after them; n is how many digits it read.
func num(b []byte, i, max int) (v, next, n int) {
	for i < len(b) && n < max && b[i] >= '0' && b[i] <= '9' {
		v = v*10 + int(b[i]-'0')
		i++
		n++
	}
	return v, i, n
}

func hasPrefixAt(b []byte, i int, p []byte) bool {
	if len(b)-i < len(p) {
		return false
	}
	for k := range p {
		if b[i+k] != p[k] {
			return false
		}
	}
	return true
}

// dateOptions are the per-mapping settings of date parsing.
type dateOptions struct {
	order  byte // 0, 'm' (M/D/Y) or 'd' (D/M/Y) for dates with the year last
	offset int  // minutes east of UTC that explicit-offset times move into
}

// parseDate reads a date, optionally followed by a time, and returns its
// Day. Accepted: 2025-01-02, 2025/1/2, 2025年1月2日, each optionally with
// " 10:30", " 10:30:00", "T10:30:00Z", "T10:30:00.123+09:00"; with
// DateOrder, 1/2/2025 (and " 10:30 AM"). A time with an explicit offset is
// moved into the mapping's zone first, which may change the date.
func parseDate(b []byte, o dateOptions) (gyakusan.Day, Reason) {
	b = trimSpace(b)
	d, r := parseDateASCII(b, o)
	if r == "" || !hasHigh(b) {
		return d, r
	}
	var buf [64]byte
	n, ok := foldWide(b, buf[:0])
	if !ok {
		return 0, ReasonDate
	}
	return parseDateASCII(trimSpace(n), o)
}

func hasHigh(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return true
		}
	}
	return false
}

func parseDateASCII(b []byte, o dateOptions) (gyakusan.Day, Reason) {
	var y, m, d, i, n int
	first, i, n := num(b, 0, 4)
	switch {
	case n == 4:
		y = first
		if i < len(b) && (b[i] == '-' || b[i] == '/' || b[i] == '.') {
			sep := b[i]
			m, i, n = num(b, i+1, 2)
			if n == 0 || i >= len(b) || b[i] != sep {
				return 0, ReasonDate
			}
			d, i, n = num(b, i+1, 2)
			if n == 0 {
				return 0, ReasonDate
			}
		} else if hasPrefixAt(b, i, kanjiYear) {
			m, i, n = num(b, i+len(kanjiYear), 2)
			if n == 0 || !hasPrefixAt(b, i, kanjiMonth) {
				return 0, ReasonDate
			}
			d, i, n = num(b, i+len(kanjiMonth), 2)
			if n == 0 || !hasPrefixAt(b, i, kanjiDay) {
				return 0, ReasonDate
			}
			i += len(kanjiDay)
		} else {
			return 0, ReasonDate
		}
	case (n == 1 || n == 2) && o.order != 0 && i < len(b) && (b[i] == '/' || b[i] == '-' || b[i] == '.'):
		sep := b[i]
		second, j, n2 := num(b, i+1, 2)
		if n2 == 0 || j >= len(b) || b[j] != sep {
			return 0, ReasonDate
		}
		y, i, n = num(b, j+1, 4)
		if n != 4 {
			return 0, ReasonDate
		}
		if o.order == 'm' {
			m, d = first, second
		} else {
			d, m = first, second
		}
	default:
		return 0, ReasonDate
	}
	if !gyakusan.DayValid(y, m, d) {
		if y < 1900 || y > 2999 {
			return 0, ReasonDateRange
		}
		return 0, ReasonDate
	}
	day := gyakusan.DayOf(y, m, d)
	if i == len(b) {
		return day, ""
	}
	shift, ok := parseTime(b[i:], o.offset)
	if !ok {
		return 0, ReasonDate
	}
	return day + gyakusan.Day(shift), ""
}

// parseTime checks a time after a date and returns by how many days an
// explicit offset moves the date into the zone offset minutes east of UTC.
func parseTime(b []byte, offset int) (int, bool) {
	i := 0
	if b[0] == 'T' {
		i = 1
	} else {
		for i < len(b) && b[i] == ' ' {
			i++
		}
		if i == 0 {
			return 0, false
		}
	}
	h, i, n := num(b, i, 2)
	if n == 0 || i >= len(b) || b[i] != ':' || h > 23 {
		return 0, false
	}
	mi, i, n := num(b, i+1, 2)
	if n != 2 || mi > 59 {
		return 0, false
	}
	if i < len(b) && b[i] == ':' {
		s, j, n := num(b, i+1, 2)
		if n != 2 || s > 60 {
			return 0, false
		}
		i = j
		if i < len(b) && (b[i] == '.' || b[i] == ',') {
			_, j, n := num(b, i+1, 9)
			if n == 0 {
				return 0, false
			}
			i = j
		}
	}
	if i == len(b) {
		return 0, true
	}
	switch c := b[i]; {
	case c == 'Z' && i+1 == len(b):
		return dayShift(h*60+mi, 0, offset), true
	case c == '+' || c == '-':
		oh, j, n := num(b, i+1, 2)
		if n != 2 || oh > 23 {
			return 0, false
		}
		if j < len(b) && b[j] == ':' {
			j++
		}
		om, j, n := num(b, j, 2)
		if n != 2 || om > 59 || j != len(b) {
			return 0, false
		}
		off := oh*60 + om
		if c == '-' {
			off = -off
		}
		return dayShift(h*60+mi, off, offset), true
	case c == ' ':
		// A 12-hour clock as US-locale exports write it: " 10:30 AM".
		rest := trimSpace(b[i:])
		if len(rest) == 2 && (rest[1] == 'M' || rest[1] == 'm') && h >= 1 && h <= 12 {
			switch rest[0] {
			case 'A', 'a', 'P', 'p':
				return 0, true
			}
		}
	}
	return 0, false
}

// dayShift returns how many days a local time of minute-of-day t at offset
// from moves when shown at offset to.
func dayShift(t, from, to int) int {
	v := t - from + to
	switch {
	case v < 0:
		return -1
	case v >= 24*60:
		return 1
	}
	return 0
}

// foldWide turns the full-width digits and punctuation Japanese
// spreadsheets produce into ASCII, appending to dst. It reports false when
// the text has other non-ASCII characters than the date and yen ones.
func foldWide(b, dst []byte) ([]byte, bool) {
	for i := 0; i < len(b); {
		c := b[i]
		if c < 0x80 {
			dst = append(dst, c)
			i++
			continue
		}
		if i+2 < len(b) && c == 0xEF && b[i+1] == 0xBC && b[i+2] >= 0x90 && b[i+2] <= 0x99 {
			dst = append(dst, '0'+b[i+2]-0x90)
			i += 3
			continue
		}
		if i+2 < len(b) && c == 0xEF && b[i+1] == 0xBC {
			switch b[i+2] {
			case 0x8F: // ／
				dst = append(dst, '/')
			case 0x8D: // －
				dst = append(dst, '-')
			case 0x9A: // ：
				dst = append(dst, ':')
			case 0x8C: // ，
				dst = append(dst, ',')
			case 0x8E: // ．
				dst = append(dst, '.')
			default:
				return dst, false
			}
			i += 3
			continue
		}
		if i+2 < len(b) && c == 0xE3 && b[i+1] == 0x80 && b[i+2] == 0x80 { // full-width space
			dst = append(dst, ' ')
			i += 3
			continue
		}
		// Keep the characters the date and amount parsers know.
		kept := false
		for _, k := range [][]byte{kanjiYear, kanjiMonth, kanjiDay, kanjiYen, yenSign, yenWide} {
			if hasPrefixAt(b, i, k) {
				dst = append(dst, k...)
				i += len(k)
				kept = true
				break
			}
		}
		if !kept {
			return dst, false
		}
	}
	return dst, true
}

// parseAmount reads a yen amount: 1200000, 1,200,000, ¥1,200,000,
// ￥1,200,000, 1,200,000円, JPY 1200000, 1200000.00; full-width digits too.
func parseAmount(b []byte) (gyakusan.Yen, Reason) {
	b = trimSpace(b)
	v, r := parseAmountASCII(b)
	if r != ReasonAmount || !hasHigh(b) {
		return v, r
	}
	var buf [64]byte
	n, ok := foldWide(b, buf[:0])
	if !ok {
		return 0, ReasonAmount
	}
	return parseAmountASCII(trimSpace(n))
}

func parseAmountASCII(b []byte) (gyakusan.Yen, Reason) {
	neg := false
	if len(b) > 0 && (b[0] == '-' || b[0] == '+') {
		neg = b[0] == '-'
		b = trimSpace(b[1:])
	}
	switch {
	case hasPrefixAt(b, 0, yenSign):
		b = b[len(yenSign):]
	case hasPrefixAt(b, 0, yenWide):
		b = b[len(yenWide):]
	case len(b) > 0 && b[0] == '\\': // the yen sign of Shift_JIS decodes as a backslash
		b = b[1:]
	case len(b) >= 3 && (b[0]|0x20) == 'j' && (b[1]|0x20) == 'p' && (b[2]|0x20) == 'y':
		b = b[3:]
	}
	b = trimSpace(b)
	if len(b) >= len(kanjiYen) && hasPrefixAt(b, len(b)-len(kanjiYen), kanjiYen) {
		b = trimSpace(b[:len(b)-len(kanjiYen)])
	}
	if len(b) > 0 && b[0] == '-' && !neg {
		neg = true
		b = b[1:]
	}
	var v int64
	digits := 0
	i := 0
	for ; i < len(b); i++ {
		c := b[i]
		if c >= '0' && c <= '9' {
			if digits >= 16 {
				return 0, ReasonAmountRange
			}
			v = v*10 + int64(c-'0')
			digits++
			continue
		}
		if c == ',' && digits > 0 {
			continue
		}
		break
	}
	if digits == 0 {
		return 0, ReasonAmount
	}
	if i < len(b) {
		// Only a zero fraction may follow: yen has no smaller unit.
		if b[i] != '.' {
			return 0, ReasonAmount
		}
		for i++; i < len(b); i++ {
			if b[i] != '0' {
				return 0, ReasonAmount
			}
		}
	}
	if neg && v != 0 {
		return 0, ReasonAmountRange
	}
	if gyakusan.Yen(v) > gyakusan.MaxYen {
		return 0, ReasonAmountRange
	}
	return gyakusan.Yen(v), ""
}
