package xlsx

import "fmt"

// The spreadsheet must round exactly as the engine does. A float quotient
// such as 21/0.35 is 60.00000000000001, which ROUNDUP turns into 61, so the
// formulas work on whole numbers only (rates as basis points: 35 % is 3500)
// and correct the nearest quotient by the sign of the exact remainder
// a − q·b, which is exact for whole numbers below 2^53.

// ceilDiv is ⌈a / b⌉ for whole a ≥ 0 and b > 0.
func ceilDiv(a, b string) string {
	return fmt.Sprintf("ROUND((%[1]s)/(%[2]s),0)+((%[1]s)-ROUND((%[1]s)/(%[2]s),0)*(%[2]s)>0)", a, b)
}

// floorDiv is ⌊a / b⌋ for whole a ≥ 0 and b > 0.
func floorDiv(a, b string) string {
	return fmt.Sprintf("ROUND((%[1]s)/(%[2]s),0)-((%[1]s)-ROUND((%[1]s)/(%[2]s),0)*(%[2]s)<0)", a, b)
}

// basisPoints turns a rate cell holding a fraction (0.35) into whole basis
// points (3500), the engine's own unit.
func basisPoints(cell string) string { return fmt.Sprintf("ROUND(%s*10000,0)", cell) }
