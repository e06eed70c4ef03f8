package gyakusan

import (
	"fmt"
	"strconv"
	"time"
)

// Month is a calendar month, counted from January of year 0, so that months
// can be added and compared as integers. Its text form is "YYYY-MM".
type Month int

// MonthOf returns the Month of year y and calendar month m (1–12).
func MonthOf(y, m int) Month { return Month(y*12 + m - 1) }

// MonthOfTime returns the Month that t falls in.
func MonthOfTime(t time.Time) Month { return MonthOf(t.Year(), int(t.Month())) }

// Year returns the calendar year.
func (m Month) Year() int { return int(m) / 12 }

// Num returns the calendar month, 1–12.
func (m Month) Num() int { return int(m)%12 + 1 }

// Add returns the month n months later.
func (m Month) Add(n int) Month { return m + Month(n) }

// String formats the month as "YYYY-MM".
func (m Month) String() string { return fmt.Sprintf("%04d-%02d", m.Year(), m.Num()) }

// ParseMonth reads "YYYY-MM" (also "YYYY/MM" and "YYYY-M").
func ParseMonth(s string) (Month, bool) {
	if len(s) < 6 || len(s) > 7 || (s[4] != '-' && s[4] != '/') {
		return 0, false
	}
	y, err1 := strconv.Atoi(s[:4])
	mo, err2 := strconv.Atoi(s[5:])
	if err1 != nil || err2 != nil || y < 1900 || y > 9999 || mo < 1 || mo > 12 {
		return 0, false
	}
	return MonthOf(y, mo), true
}

// MarshalText writes "YYYY-MM".
func (m Month) MarshalText() ([]byte, error) { return []byte(m.String()), nil }

// UnmarshalText reads "YYYY-MM".
func (m *Month) UnmarshalText(b []byte) error {
	v, ok := ParseMonth(string(b))
	if !ok {
		return typeError("string "+string(b), Month(0))
	}
	*m = v
	return nil
}
