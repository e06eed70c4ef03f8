package crm

import (
	"bufio"
	"bytes"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/transform"
)

// The encodings a file may be in.
const (
	EncodingAuto     = "auto"
	EncodingUTF8     = "utf-8"
	EncodingShiftJIS = "shift_jis" // Windows code page 932 (CP932), as Excel writes it in Japan
)

// sniffBytes is how much of a file the detection looks at.
const sniffBytes = 64 << 10

// normalizeEncoding maps the names users type to the three encodings.
func normalizeEncoding(name string) (string, bool) {
	switch strings.ToLower(strings.ReplaceAll(strings.TrimSpace(name), "_", "-")) {
	case "", "auto":
		return EncodingAuto, true
	case "utf-8", "utf8", "utf-8-bom", "utf-8-sig":
		return EncodingUTF8, true
	case "shift-jis", "sjis", "cp932", "windows-31j", "ms932", "shiftjis":
		return EncodingShiftJIS, true
	}
	return "", false
}

// decode wraps r so that it yields UTF-8 without a byte-order mark. With
// auto it picks Shift_JIS when the first 64 KiB are not valid UTF-8; it
// returns the encoding it chose.
func decode(r io.Reader, enc string) (io.Reader, string, error) {
	br := bufio.NewReaderSize(r, sniffBytes)
	head, err := br.Peek(sniffBytes)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return nil, "", err
	}
	switch {
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}) || bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		// UTF-16, as Excel's "Unicode text" writes: not a CSV we read.
		return nil, "", &Error{Reason: ReasonEncoding, Detail: "UTF-16"}
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		br.Discard(3)
		if enc == EncodingShiftJIS {
			return nil, "", &Error{Reason: ReasonEncoding}
		}
		return br, EncodingUTF8, nil
	}
	if enc == EncodingAuto {
		enc = EncodingUTF8
		if !validUTF8Prefix(head, len(head) == sniffBytes) {
			enc = EncodingShiftJIS
		}
	}
	if enc == EncodingShiftJIS {
		return transform.NewReader(br, japanese.ShiftJIS.NewDecoder()), enc, nil
	}
	return br, enc, nil
}

// validUTF8Prefix reports whether b is UTF-8, allowing the last character
// to be cut off when b is only the start of the file.
func validUTF8Prefix(b []byte, cut bool) bool {
	if utf8.Valid(b) {
		return true
	}
	if !cut {
		return false
	}
	for k := 1; k <= 3 && k < len(b); k++ {
		if utf8.Valid(b[:len(b)-k]) {
			return true
		}
	}
	return false
}
