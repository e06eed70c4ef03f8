package crm

// Source is what an import reads leads from: a *Reader, or a wrapper that
// looks at the batches as they pass (the web preview does).
type Source interface {
	// Read fills b with the next leads and returns io.EOF at the end.
	Read(b *Batch) error
	// ErrorCount counts the bad rows read so far.
	ErrorCount() int
}

// SourceNames returns the CRM source names read so far (as written in the
// file, up to 4,096 distinct ones) and the plan channel each maps to, so
// that a preview can show the mapping at work.
func (rd *Reader) SourceNames() map[string]string {
	out := make(map[string]string, len(rd.cache))
	for k, v := range rd.cache {
		out[k] = v
	}
	return out
}
