package web

import (
	"net/http"
	"sort"
	"strconv"

	"gyakusan"
	"gyakusan/crm"
)

// previewRows is how many parsed rows the preview shows.
const previewRows = 8

// previewView is what importing an upload would do.
type previewView struct {
	UploadID, FileName, Size, Encoding string
	Counts                             gyakusan.ImportCounts
	Errors                             []previewError
	ErrorCount, More                   int
	Sample                             []sampleRow
	Sources                            []sourceRow
	Channels                           []channelCount
	FileError                          string
	CanCommit                          bool
}

type previewError struct {
	Line         int
	Column, Text string
}

type sampleRow struct {
	Line                                            int
	ID, Channel, Created, Meeting, Opportunity, Won string
	Amount                                          string
	InPlan                                          bool
}

type sourceRow struct {
	Source, Channel string
	InPlan          bool
}

type channelCount struct {
	Name   string
	Leads  string
	InPlan bool
}

// previewSource passes a reader's batches to the import and keeps what the
// preview shows: the first rows and the leads per channel.
type previewSource struct {
	rd       *crm.Reader
	sample   []gyakusan.Lead
	lines    []int
	channels map[string]int64
}

func (p *previewSource) Read(b *crm.Batch) error {
	err := p.rd.Read(b)
	for i := range b.Leads {
		p.channels[b.Leads[i].Channel]++
		if len(p.sample) < previewRows {
			p.sample = append(p.sample, b.Leads[i])
			p.lines = append(p.lines, b.Lines[i])
		}
	}
	return err
}

func (p *previewSource) ErrorCount() int { return p.rd.ErrorCount() }

// runPreview dry-runs the import of an upload and returns the preview and
// the status to answer: 200 when the file can be imported, else 422.
func (s *Server) runPreview(r *http.Request, pr principal, sp gyakusan.StoredPlan, a ActualsStore, pg *importPage, up gyakusan.Upload) (*previewView, int) {
	pv := &previewView{UploadID: up.ID, FileName: up.Name, Size: fmtSize(up.Size)}
	m, err := s.chooseMapping(r, pr, a, pg.Source)
	if err != nil {
		pv.FileError = crmMessage(s, r, err, pg.Lang)
		return pv, http.StatusUnprocessableEntity
	}
	_, rc, err := a.OpenUpload(r.Context(), pr.Org.ID, sp.ID, up.ID)
	if err != nil {
		pv.FileError = userMessage(s, r, err, pg.Lang)
		return pv, http.StatusInternalServerError
	}
	defer rc.Close()
	rd, err := crm.NewReader(rc, m, crm.Options{Encoding: pg.Encoding})
	if err != nil {
		pv.FileError = crmMessage(s, r, err, pg.Lang)
		return pv, http.StatusUnprocessableEntity
	}
	pv.Encoding = rd.Encoding()
	src := &previewSource{rd: rd, channels: map[string]int64{}}
	counts, err := a.ImportCRM(r.Context(), pr.Org.ID, sp.ID, src, true)
	pv.Counts = counts
	pv.fillSample(sp.Plan, src, rd)
	if rd.ErrorCount() > 0 {
		pv.setErrors(rd, pg.Lang)
		return pv, http.StatusUnprocessableEntity
	}
	if err != nil {
		pv.FileError = userMessage(s, r, err, pg.Lang)
		return pv, gyakusan.ErrorStatus(userError(s, r, err))
	}
	pv.CanCommit = true
	return pv, http.StatusOK
}

// setErrors lists the reader's first errors, each with its line, column
// and reason, and how many there are in all.
func (pv *previewView) setErrors(rd *crm.Reader, lang string) {
	for _, e := range rd.Errors() {
		reason := e
		reason.Line, reason.Column = 0, ""
		pv.Errors = append(pv.Errors, previewError{Line: e.Line, Column: e.Column, Text: reason.Text(lang)})
	}
	pv.ErrorCount = rd.ErrorCount()
	pv.More = pv.ErrorCount - len(pv.Errors)
}

func (pv *previewView) fillSample(p gyakusan.Plan, src *previewSource, rd *crm.Reader) {
	for i, l := range src.sample {
		row := sampleRow{Line: src.lines[i], ID: l.ID, Channel: l.Channel, Created: l.Created.String(), Meeting: l.Meeting.String(),
			Opportunity: l.Opportunity.String(), Won: l.Won.String(), InPlan: inPlan(p, l.Channel)}
		if l.Won != 0 {
			row.Amount = fmtYen(l.Amount)
		}
		pv.Sample = append(pv.Sample, row)
	}
	for srcName, ch := range rd.SourceNames() {
		pv.Sources = append(pv.Sources, sourceRow{Source: srcName, Channel: ch, InPlan: inPlan(p, ch)})
	}
	sort.Slice(pv.Sources, func(i, j int) bool { return pv.Sources[i].Source < pv.Sources[j].Source })
	// The plan's channels first, in its order, then the others by name.
	seen := map[string]bool{}
	for _, c := range p.Channels {
		if n, ok := src.channels[c.Name]; ok && !seen[c.Name] {
			seen[c.Name] = true
			pv.Channels = append(pv.Channels, channelCount{Name: c.Name, Leads: fmtNum(n), InPlan: true})
		}
	}
	var rest []string
	for name := range src.channels {
		if !seen[name] {
			rest = append(rest, name)
		}
	}
	sort.Strings(rest)
	for _, name := range rest {
		pv.Channels = append(pv.Channels, channelCount{Name: name, Leads: fmtNum(src.channels[name])})
	}
}

// fmtSize writes a byte count as KB or MB.
func fmtSize(n int64) string {
	switch {
	case n >= 1<<20:
		return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) + " MB"
	case n >= 1<<10:
		return strconv.FormatFloat(float64(n)/(1<<10), 'f', 1, 64) + " KB"
	}
	return strconv.FormatInt(n, 10) + " B"
}
