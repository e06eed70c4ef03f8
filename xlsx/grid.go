package xlsx

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"
)

// grid is one worksheet built in memory and then streamed, so that formula
// cells can carry their cached values with the right cell type.
type grid struct {
	name       string
	cells      map[int]map[int]excelize.Cell // row → column → cell, 1-based
	hiddenRows map[int]bool
	hiddenCols map[int]bool
	widths     map[int]float64
}

func newGrid(name string) *grid {
	return &grid{name: name, cells: map[int]map[int]excelize.Cell{}, hiddenRows: map[int]bool{},
		hiddenCols: map[int]bool{}, widths: map[int]float64{}}
}

// set writes a value (nil leaves the cell empty but styled).
func (g *grid) set(row, col int, v any, style int) {
	r := g.cells[row]
	if r == nil {
		r = map[int]excelize.Cell{}
		g.cells[row] = r
	}
	r[col] = excelize.Cell{Value: v, StyleID: style}
}

// formula writes a formula with its cached value (nil when unknown).
func (g *grid) formula(row, col int, f string, cached any, style int) {
	g.set(row, col, cached, style)
	c := g.cells[row][col]
	c.Formula = f
	g.cells[row][col] = c
}

// ref is the absolute reference of a cell on this sheet, sheet name included.
func (g *grid) ref(row, col int) string { return sheetRef(g.name) + abs(row, col) }

// rangeRef is the absolute reference of a rectangle on this sheet.
func (g *grid) rangeRef(r1, c1, r2, c2 int) string {
	return sheetRef(g.name) + abs(r1, c1) + ":" + abs(r2, c2)
}

func sheetRef(name string) string { return "'" + strings.ReplaceAll(name, "'", "''") + "'!" }

// abs is "$B$5" for row 5, column 2.
func abs(row, col int) string { return "$" + colName(col) + "$" + fmt.Sprint(row) }

// rel is "B5" for row 5, column 2.
func rel(row, col int) string { return colName(col) + fmt.Sprint(row) }

func colName(col int) string {
	s, err := excelize.ColumnNumberToName(col)
	if err != nil {
		panic(err) // columns come from the layout, never from input
	}
	return s
}

// write streams the grid into its sheet of f, which must exist.
func (g *grid) write(f *excelize.File) error {
	sw, err := f.NewStreamWriter(g.name)
	if err != nil {
		return err
	}
	// Map keys in order, so that the same plan writes the same sheets.
	for _, c := range slices.Sorted(maps.Keys(g.widths)) {
		if err := sw.SetColWidth(c, c, g.widths[c]); err != nil {
			return err
		}
	}
	for _, c := range slices.Sorted(maps.Keys(g.hiddenCols)) {
		if err := sw.SetColVisible(c, c, false); err != nil {
			return err
		}
	}
	for _, r := range slices.Sorted(maps.Keys(g.cells)) {
		last := 0
		for c := range g.cells[r] {
			last = max(last, c)
		}
		vals := make([]any, last)
		for c, cell := range g.cells[r] {
			vals[c-1] = cell
		}
		if err := sw.SetRow(rel(r, 1), vals, excelize.RowOpts{Hidden: g.hiddenRows[r]}); err != nil {
			return err
		}
	}
	return sw.Flush()
}
