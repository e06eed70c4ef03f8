package gyakusan

import (
	"fmt"
	"math"
	"math/bits"
	"strconv"
	"strings"
)

// Yen is an amount of money in whole yen.
type Yen int64

// MaxYen is the largest amount an input may hold (10^15 yen).
const MaxYen Yen = 1_000_000_000_000_000

// MaxCount is the largest count an input may hold.
const MaxCount int64 = 1_000_000_000

// Rate is a percentage held exactly in hundredths of a percent:
// 25 % is Rate(2500), 12.34 % is Rate(1234). No binary floating point is
// involved anywhere a Rate is used.
type Rate int64

// Percent is the number of Rate units in one percent.
const Percent Rate = 100

// FullRate is 100 %.
const FullRate Rate = 100 * Percent

// ParseRate reads a percentage with at most two decimals, such as "25",
// "12.5" or "12.34". It reports ok=false for anything else.
func ParseRate(s string) (Rate, bool) {
	v, ok := parseFixed2(s)
	return Rate(v), ok
}

// String formats r as a percent number without the sign: "25", "12.5".
func (r Rate) String() string { return formatFixed2(int64(r)) }

// MarshalJSON writes r as a JSON number in percent: 25, 12.5.
func (r Rate) MarshalJSON() ([]byte, error) { return []byte(r.String()), nil }

// UnmarshalJSON reads a JSON number (or numeric string) in percent, exactly.
func (r *Rate) UnmarshalJSON(b []byte) error {
	s := strings.Trim(string(b), `"`)
	v, ok := ParseRate(s)
	if !ok {
		return typeError("number "+s, Rate(0))
	}
	*r = v
	return nil
}

// Decimal is a derived figure held in hundredths, such as a ratio 3.25 or an
// ROI of 150.5 (percent). It is only shown, never fed back into the chain.
type Decimal int64

// String formats d with up to two decimals.
func (d Decimal) String() string { return formatFixed2(int64(d)) }

// MarshalJSON writes d as a JSON number.
func (d Decimal) MarshalJSON() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalJSON reads a JSON number with at most two decimals.
func (d *Decimal) UnmarshalJSON(b []byte) error {
	v, ok := parseFixed2(strings.Trim(string(b), `"`))
	if !ok {
		return typeError("number "+string(b), Decimal(0))
	}
	*d = Decimal(v)
	return nil
}

// parseFixed2 reads a decimal with at most two fraction digits into
// hundredths. It accepts an optional sign and rejects exponents.
func parseFixed2(s string) (int64, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false
	}
	neg := false
	if s[0] == '-' || s[0] == '+' {
		neg = s[0] == '-'
		s = s[1:]
	}
	intPart, frac, hasDot := strings.Cut(s, ".")
	if intPart == "" && (!hasDot || frac == "") {
		return 0, false
	}
	if hasDot && frac == "" {
		return 0, false
	}
	frac = strings.TrimRight(frac, "0")
	if len(frac) > 2 || len(intPart) > 15 {
		return 0, false
	}
	for _, c := range intPart + frac {
		if c < '0' || c > '9' {
			return 0, false
		}
	}
	var v int64
	if intPart != "" {
		n, err := strconv.ParseInt(intPart, 10, 64)
		if err != nil {
			return 0, false
		}
		v = n * 100
	}
	for len(frac) < 2 {
		frac += "0"
	}
	f, _ := strconv.ParseInt(frac, 10, 64)
	v += f
	if neg {
		v = -v
	}
	return v, true
}

func formatFixed2(v int64) string {
	neg := v < 0
	if neg {
		v = -v
	}
	s := strconv.FormatInt(v/100, 10)
	if f := v % 100; f != 0 {
		if f%10 == 0 {
			s += "." + strconv.FormatInt(f/10, 10)
		} else {
			s += fmt.Sprintf(".%02d", f)
		}
	}
	if neg {
		s = "-" + s
	}
	return s
}

// ceilDiv returns ⌈a·b / c⌉ for non-negative a, b and positive c, and
// ok=false when the result does not fit in an int64. It is the only
// rounding-up division of the method: every backwards step goes through it.
func ceilDiv(a, b, c int64) (int64, bool) {
	if a < 0 || b < 0 || c <= 0 {
		return 0, false
	}
	hi, lo := bits.Mul64(uint64(a), uint64(b))
	if hi >= uint64(c) {
		return 0, false
	}
	q, r := bits.Div64(hi, lo, uint64(c))
	if r > 0 {
		q++
	}
	if q > math.MaxInt64 {
		return 0, false
	}
	return int64(q), true
}

// floorDiv returns ⌊a·b / c⌋ for non-negative a, b and positive c, and
// ok=false when the result does not fit in an int64. Forward steps (what
// planned leads yield) round down: a plan never counts on a partial meeting.
func floorDiv(a, b, c int64) (int64, bool) {
	if a < 0 || b < 0 || c <= 0 {
		return 0, false
	}
	hi, lo := bits.Mul64(uint64(a), uint64(b))
	if hi >= uint64(c) {
		return 0, false
	}
	q, _ := bits.Div64(hi, lo, uint64(c))
	if q > math.MaxInt64 {
		return 0, false
	}
	return int64(q), true
}

// roundDiv returns a·b / c rounded half away from zero, for derived figures
// (ratios, ROI) only; the chain itself never rounds to nearest.
func roundDiv(a, b, c int64) (int64, bool) {
	if c == 0 {
		return 0, false
	}
	neg := (a < 0) != (b < 0) != (c < 0)
	abs := func(v int64) uint64 {
		if v < 0 {
			return uint64(-v)
		}
		return uint64(v)
	}
	ua, ub, uc := abs(a), abs(b), abs(c)
	hi, lo := bits.Mul64(ua, ub)
	if hi >= uc {
		return 0, false
	}
	q, r := bits.Div64(hi, lo, uc)
	if r >= uc-r {
		q++
	}
	if q > math.MaxInt64 {
		return 0, false
	}
	if neg {
		return -int64(q), true
	}
	return int64(q), true
}

// mulmod returns a·b mod c for non-negative a, b and positive c.
func mulmod(a, b, c int64) int64 {
	hi, lo := bits.Mul64(uint64(a), uint64(b))
	_, r := bits.Div64(hi%uint64(c), lo, uint64(c))
	return int64(r)
}
