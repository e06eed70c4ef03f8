package crm

import (
	"bytes"
	"io"
)

// MaxRowBytes bounds one CSV row (one record, quoted newlines included), so
// that a file without line ends cannot make the reader hold all of it.
const MaxRowBytes = 1 << 20

// records splits CSV text (RFC 4180: comma separated, fields optionally in
// double quotes, "" for a quote inside quotes, quoted fields may hold commas
// and line ends) into records. Fields point into its buffer and are valid
// until the next call of next; it allocates only when a quoted field holds
// a doubled quote.
type records struct {
	r       io.Reader
	buf     []byte
	pos     int // start of the unread data in buf
	end     int // end of the data in buf
	eof     bool
	readErr error
	line    int // the line the next record starts on
	fields  [][]byte
	scratch []byte
}

func newRecords(r io.Reader) *records {
	return &records{r: r, buf: make([]byte, 256<<10), line: 1}
}

// fill moves the unread data to the front and reads more, growing the
// buffer when one row fills it. It reports false when nothing more can come.
func (c *records) fill() bool {
	if c.eof {
		return false
	}
	if c.pos > 0 {
		n := copy(c.buf, c.buf[c.pos:c.end])
		c.pos, c.end = 0, n
	}
	if c.end == len(c.buf) {
		if len(c.buf) >= MaxRowBytes+1 {
			return false
		}
		nb := make([]byte, min(2*len(c.buf), MaxRowBytes+1))
		copy(nb, c.buf[:c.end])
		c.buf = nb
	}
	for {
		n, err := c.r.Read(c.buf[c.end:])
		c.end += n
		if err != nil {
			c.eof = true
			if err != io.EOF {
				c.readErr = err
			}
			return n > 0
		}
		if n > 0 {
			return true
		}
	}
}

// next returns the next record and the line it starts on. At the end it
// returns io.EOF. A malformed record returns a *Error with its line; the
// reader then continues after that line, so that all bad rows are counted.
func (c *records) next() ([][]byte, int, error) {
	for {
		line := c.line
		data := c.buf[c.pos:c.end]
		nl := bytes.IndexByte(data, '\n')
		if nl < 0 && !c.eof {
			if !c.fill() && !c.eof {
				return c.tooLong(line)
			}
			continue
		}
		if nl < 0 && len(data) == 0 {
			if c.readErr != nil {
				return nil, line, c.readErr
			}
			return nil, line, io.EOF
		}
		rowEnd := nl
		if nl < 0 {
			rowEnd = len(data)
		}
		row := data[:rowEnd]
		if bytes.IndexByte(row, '"') < 0 {
			// The fast path: no quotes, so the record is this one line.
			c.pos += rowEnd
			if nl >= 0 {
				c.pos++
			}
			c.line++
			if len(row) > 0 && row[len(row)-1] == '\r' {
				row = row[:len(row)-1]
			}
			c.fields = splitComma(c.fields[:0], row)
			return c.fields, line, nil
		}
		f, used, lines, err := c.quoted(data)
		if err == errNeedMore {
			if !c.fill() {
				if c.eof && len(c.buf[c.pos:c.end]) > 0 && c.end-c.pos <= MaxRowBytes {
					// The file ends inside a quoted cell.
					c.pos = c.end
					return nil, line, &Error{Line: line, Reason: ReasonUnterminated}
				}
				return c.tooLong(line)
			}
			continue
		}
		c.pos += used
		c.line += lines
		if err != nil {
			e := err.(*Error)
			e.Line = line
			return nil, line, e
		}
		return f, line, nil
	}
}

// tooLong skips the rest of an oversized row.
func (c *records) tooLong(line int) ([][]byte, int, error) {
	for {
		data := c.buf[c.pos:c.end]
		if nl := bytes.IndexByte(data, '\n'); nl >= 0 {
			c.pos += nl + 1
			c.line++
			break
		}
		c.pos = c.end
		if !c.fill() {
			break
		}
	}
	return nil, line, &Error{Line: line, Reason: ReasonRowTooLong}
}

func splitComma(dst [][]byte, row []byte) [][]byte {
	for {
		i := bytes.IndexByte(row, ',')
		if i < 0 {
			return append(dst, row)
		}
		dst = append(dst, row[:i])
		row = row[i+1:]
	}
}

type needMore struct{}

func (needMore) Error() string { return "need more data" }

var errNeedMore error = needMore{}

// quoted parses one record that has quotes, from the start of data. It
// returns the fields, the bytes and line ends consumed, or errNeedMore when
// the record does not end within data (and the file goes on).
func (c *records) quoted(data []byte) ([][]byte, int, int, error) {
	c.scratch = c.scratch[:0]
	var bounds []int // start, end pairs in scratch
	lines := 0
	i := 0
	for {
		start := len(c.scratch)
		if i < len(data) && data[i] == '"' {
			i++
			for {
				q := bytes.IndexByte(data[i:], '"')
				if q < 0 {
					// Open to the end of data: next reports an unterminated
					// cell when the file ends here.
					return nil, 0, 0, errNeedMore
				}
				chunk := data[i : i+q]
				lines += bytes.Count(chunk, []byte{'\n'})
				c.scratch = append(c.scratch, chunk...)
				i += q + 1
				if i < len(data) && data[i] == '"' {
					c.scratch = append(c.scratch, '"')
					i++
					continue
				}
				if i == len(data) && !c.eof {
					return nil, 0, 0, errNeedMore
				}
				break
			}
			bounds = append(bounds, start, len(c.scratch))
			switch {
			case i == len(data):
				return c.finish(bounds), i, lines + 1, nil
			case data[i] == ',':
				i++
				continue
			case data[i] == '\n':
				return c.finish(bounds), i + 1, lines + 1, nil
			case data[i] == '\r' && i+1 < len(data) && data[i+1] == '\n':
				return c.finish(bounds), i + 2, lines + 1, nil
			case data[i] == '\r' && i+1 == len(data) && !c.eof:
				return nil, 0, 0, errNeedMore
			}
			// Text after a closing quote: skip to the end of this line.
			nl := bytes.IndexByte(data[i:], '\n')
			if nl < 0 {
				if !c.eof {
					return nil, 0, 0, errNeedMore
				}
				return nil, len(data), lines + 1, &Error{Reason: ReasonQuote}
			}
			return nil, i + nl + 1, lines + 1, &Error{Reason: ReasonQuote}
		}
		// An unquoted field: up to the next comma or line end. A quote
		// inside it is kept as text, as spreadsheets write them.
		j := i
		for j < len(data) && data[j] != ',' && data[j] != '\n' {
			j++
		}
		if j == len(data) && !c.eof {
			return nil, 0, 0, errNeedMore
		}
		f := data[i:j]
		if j < len(data) && data[j] == '\n' && len(f) > 0 && f[len(f)-1] == '\r' {
			f = f[:len(f)-1]
		}
		c.scratch = append(c.scratch, f...)
		bounds = append(bounds, start, len(c.scratch))
		if j == len(data) {
			return c.finish(bounds), j, lines + 1, nil
		}
		if data[j] == '\n' {
			return c.finish(bounds), j + 1, lines + 1, nil
		}
		i = j + 1
	}
}

func (c *records) finish(bounds []int) [][]byte {
	c.fields = c.fields[:0]
	for k := 0; k < len(bounds); k += 2 {
		c.fields = append(c.fields, c.scratch[bounds[k]:bounds[k+1]])
	}
	return c.fields
}
