package crm

import (
	"bytes"
	"io"
	"strings"
	"unicode/utf8"

	"gyakusan"
)

// The longest lead id and channel name a file may hold, in bytes.
const (
	MaxLeadIDBytes  = 255
	MaxChannelBytes = 200
)

// DefaultBatchSize is how many leads Read returns at most when the batch
// has no capacity of its own.
const DefaultBatchSize = 4096

// Options are the import's own settings, over the mapping's.
type Options struct {
	// Encoding overrides the mapping's: "auto", "utf-8" or "shift_jis".
	Encoding string
}

// Batch is leads read together. The leads' ids share one allocation, so a
// batch costs a few allocations however many leads it holds. Lines[i] is
// the line leads[i] starts on.
type Batch struct {
	Leads []gyakusan.Lead
	Lines []int

	arena []byte
	ends  []int
}

// Reset empties the batch, keeping its memory.
func (b *Batch) Reset() {
	b.Leads, b.Lines, b.arena, b.ends = b.Leads[:0], b.Lines[:0], b.arena[:0], b.ends[:0]
}

// Reader reads leads from a CSV export, one batch at a time.
type Reader struct {
	rec      *records
	m        Mapping
	header   []string
	encoding string
	ncols    int
	col      columns
	dopt     dateOptions
	folded   map[string]string // mapping keys without case and spaces
	cache    map[string]string // source name as written → channel
	wonIf    [][]byte
	errs     errorList
	rows     int
	done     bool
}

// columns holds the index of each field's column, -1 when absent.
type columns struct {
	id, created, channel, meeting, opportunity, won, amount, wonIf int
}

// NewReader reads the header row of r and prepares to read leads with m.
// Errors about the file as a whole (encoding, a missing column) come back
// as *Error.
func NewReader(r io.Reader, m Mapping, o Options) (*Reader, error) {
	encName := m.Encoding
	if o.Encoding != "" {
		encName = o.Encoding
	}
	enc, ok := normalizeEncoding(encName)
	if !ok {
		return nil, &Error{Reason: ReasonEncoding, Value: encName}
	}
	dr, enc, err := decode(r, enc)
	if err != nil {
		return nil, err
	}
	rd := &Reader{rec: newRecords(dr), m: m, encoding: enc, cache: map[string]string{}}
	if err := rd.readHeader(); err != nil {
		return nil, err
	}
	return rd, nil
}

func (rd *Reader) readHeader() error {
	m := &rd.m
	for {
		f, line, err := rd.rec.next()
		if err == io.EOF {
			return &Error{Reason: ReasonEmptyFile}
		}
		if err != nil {
			return err
		}
		if len(f) == 1 && len(trimSpace(f[0])) == 0 {
			continue // blank lines before the header
		}
		if !utf8.Valid(bytes.Join(f, nil)) {
			return &Error{Line: line, Reason: ReasonEncoding}
		}
		for _, h := range f {
			rd.header = append(rd.header, strings.TrimSpace(strings.TrimPrefix(string(h), "\uFEFF")))
		}
		break
	}
	rd.ncols = len(rd.header)
	preset := false
	for _, p := range Presets {
		preset = preset || m.Name == p
	}
	find := func(n Names, required bool) (int, error) {
		for _, name := range n {
			for i, h := range rd.header {
				if strings.EqualFold(h, strings.TrimSpace(name)) {
					return i, nil
				}
			}
		}
		if len(n) == 0 && !required {
			return -1, nil
		}
		if !required && preset {
			return -1, nil
		}
		name := ""
		if len(n) > 0 {
			name = n[0]
		}
		return -1, &Error{Line: 1, Column: name, Reason: ReasonMissingColumn}
	}
	var err error
	c := &rd.col
	for _, f := range []struct {
		dst      *int
		names    Names
		required bool
	}{
		{&c.id, m.LeadID, true}, {&c.created, m.Created, true}, {&c.channel, m.Channel, true},
		{&c.meeting, m.Meeting, false}, {&c.opportunity, m.Opportunity, false},
		{&c.won, m.Won, false}, {&c.amount, m.Amount, false},
	} {
		if *f.dst, err = find(f.names, f.required); err != nil {
			return err
		}
	}
	c.wonIf = -1
	if m.WonIf != nil {
		if c.wonIf, err = find(m.WonIf.Column, c.won >= 0 && !preset); err != nil {
			return err
		}
		for _, v := range m.WonIf.Values {
			rd.wonIf = append(rd.wonIf, []byte(strings.TrimSpace(v)))
		}
	}
	rd.folded = map[string]string{}
	for k, v := range m.Channels {
		rd.folded[strings.ToLower(strings.TrimSpace(k))] = strings.TrimSpace(v)
	}
	rd.dopt.offset = 9 * 60
	if m.UTCOffset != nil {
		rd.dopt.offset = *m.UTCOffset
	}
	switch strings.ToLower(m.DateOrder) {
	case "mdy":
		rd.dopt.order = 'm'
	case "dmy":
		rd.dopt.order = 'd'
	}
	return nil
}

// Header returns the header row's column names.
func (rd *Reader) Header() []string { return rd.header }

// Encoding returns the encoding the file is read in.
func (rd *Reader) Encoding() string { return rd.encoding }

// Rows returns how many data rows have been read, bad ones included.
func (rd *Reader) Rows() int { return rd.rows }

// Errors returns the first MaxErrors errors, in file order.
func (rd *Reader) Errors() []Error { return rd.errs.first }

// ErrorCount returns how many errors the file had so far.
func (rd *Reader) ErrorCount() int { return rd.errs.count }

// Read empties b and fills it with the next leads, up to cap(b.Leads) (or
// DefaultBatchSize). Bad rows are left out and recorded in Errors. At the
// end of the file it returns io.EOF, with the last leads in b. Other errors
// are I/O errors of the underlying reader.
func (rd *Reader) Read(b *Batch) error {
	b.Reset()
	max := cap(b.Leads)
	if max == 0 {
		max = DefaultBatchSize
		b.Leads = make([]gyakusan.Lead, 0, max)
	}
	var err error
	for len(b.Leads) < max && !rd.done {
		var f [][]byte
		var line int
		f, line, err = rd.rec.next()
		if err == io.EOF {
			rd.done = true
			break
		}
		if err != nil {
			if e, ok := err.(*Error); ok {
				rd.rows++
				rd.errs.add(*e)
				err = nil
				continue
			}
			break
		}
		if len(f) == 1 && rd.ncols > 1 {
			if rd.m.Footer {
				rd.done = true
				break
			}
			if len(trimSpace(f[0])) == 0 {
				continue // a blank line
			}
		}
		rd.rows++
		rd.row(b, f, line)
	}
	b.seal()
	if err == nil && rd.done {
		return io.EOF
	}
	return err
}

// seal turns the batch's id bytes into strings with one allocation.
func (b *Batch) seal() {
	s := string(b.arena)
	start := 0
	for i, end := range b.ends {
		b.Leads[i].ID = s[start:end]
		start = end
	}
}

func (rd *Reader) cell(f [][]byte, i int) []byte {
	if i < 0 {
		return nil
	}
	return trimSpace(f[i])
}

// row parses one data row into b, or records its first bad cell.
func (rd *Reader) row(b *Batch, f [][]byte, line int) {
	if len(f) != rd.ncols {
		rd.errs.add(Error{Line: line, Reason: ReasonColumns})
		return
	}
	c := &rd.col
	bad := func(col int, r Reason, v []byte) {
		rd.errs.add(Error{Line: line, Column: rd.header[col], Reason: r, Value: string(v)})
	}
	var l gyakusan.Lead
	id := rd.cell(f, c.id)
	switch {
	case len(id) == 0:
		bad(c.id, ReasonRequired, nil)
		return
	case len(id) > MaxLeadIDBytes:
		bad(c.id, ReasonTooLong, id)
		return
	case !utf8.Valid(id):
		bad(c.id, ReasonEncoding, nil)
		return
	}
	var r Reason
	created := rd.cell(f, c.created)
	if len(created) == 0 {
		bad(c.created, ReasonRequired, nil)
		return
	}
	if l.Created, r = parseDate(created, rd.dopt); r != "" {
		bad(c.created, r, created)
		return
	}
	src := rd.cell(f, c.channel)
	ch, ok := rd.cache[string(src)]
	if !ok {
		if !utf8.Valid(src) {
			bad(c.channel, ReasonEncoding, nil)
			return
		}
		ch = rd.m.channelFor(string(src), rd.folded)
		if len(rd.cache) < 4096 {
			rd.cache[string(src)] = ch
		}
	}
	switch {
	case ch == "":
		bad(c.channel, ReasonRequired, nil)
		return
	case len(ch) > MaxChannelBytes:
		bad(c.channel, ReasonTooLong, src)
		return
	}
	l.Channel = ch
	if l.Meeting, ok = rd.optionalDate(f, c.meeting, line); !ok {
		return
	}
	if l.Opportunity, ok = rd.optionalDate(f, c.opportunity, line); !ok {
		return
	}
	if l.Won, ok = rd.optionalDate(f, c.won, line); !ok {
		return
	}
	if v := rd.cell(f, c.amount); len(v) > 0 {
		if l.Amount, r = parseAmount(v); r != "" {
			bad(c.amount, r, v)
			return
		}
	}
	if c.wonIf >= 0 && l.Won != 0 && !rd.wonIfHolds(rd.cell(f, c.wonIf)) {
		l.Won = 0
	}
	l.Normalize()
	b.arena = append(b.arena, id...)
	b.ends = append(b.ends, len(b.arena))
	b.Leads = append(b.Leads, l)
	b.Lines = append(b.Lines, line)
}

// optionalDate parses a stage date that may be empty; ok is false when the
// cell is bad (and recorded).
func (rd *Reader) optionalDate(f [][]byte, col, line int) (gyakusan.Day, bool) {
	v := rd.cell(f, col)
	if len(v) == 0 {
		return 0, true
	}
	d, r := parseDate(v, rd.dopt)
	if r != "" {
		rd.errs.add(Error{Line: line, Column: rd.header[col], Reason: r, Value: string(v)})
		return 0, false
	}
	return d, true
}

func (rd *Reader) wonIfHolds(v []byte) bool {
	for _, w := range rd.wonIf {
		if bytes.EqualFold(v, w) {
			return true
		}
	}
	return false
}
