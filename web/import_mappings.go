package web

import (
	"encoding/json"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"gyakusan"
	"gyakusan/crm"
)

// mappingForm is the mapping editor as the user typed it. A column may have
// several header names, separated by "|"; Channels holds one
// "CRM source = plan channel" a line.
type mappingForm struct {
	ID                                                        int64
	Name, LeadID, Created, Channel, Meeting, Opportunity, Won string
	Amount, Channels, DefaultChannel, DateOrder, Encoding     string
	Errors                                                    map[string]string
	PlanChannels                                              []string
}

func newMappingForm(p gyakusan.Plan) mappingForm {
	g, _ := crm.Preset(crm.PresetGeneric)
	f := mappingFormFrom(g)
	f.Name = ""
	f.PlanChannels = planChannelNames(p)
	return f
}

func planChannelNames(p gyakusan.Plan) []string {
	var out []string
	for _, c := range p.Channels {
		out = append(out, c.Name)
	}
	return out
}

func mappingFormFrom(m crm.Mapping) mappingForm {
	j := func(n crm.Names) string { return strings.Join(n, " | ") }
	f := mappingForm{Name: m.Name, LeadID: j(m.LeadID), Created: j(m.Created), Channel: j(m.Channel), Meeting: j(m.Meeting),
		Opportunity: j(m.Opportunity), Won: j(m.Won), Amount: j(m.Amount), DefaultChannel: m.DefaultChannel,
		DateOrder: m.DateOrder, Encoding: m.Encoding}
	keys := make([]string, 0, len(m.Channels))
	for k := range m.Channels {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		b.WriteString(k + " = " + m.Channels[k] + "\n")
	}
	f.Channels = b.String()
	return f
}

// mappingFormOf opens a saved mapping in the editor.
func mappingFormOf(lm gyakusan.LeadMapping) mappingForm {
	m, err := crm.DecodeMapping(strings.NewReader(lm.Document))
	if err != nil {
		return mappingForm{ID: lm.ID, Name: lm.Name}
	}
	f := mappingFormFrom(m)
	f.ID, f.Name = lm.ID, lm.Name
	return f
}

// mapping reads the editor into a crm.Mapping, with a message per field
// that is wrong (the channels by line).
func (f *mappingForm) mapping(t dict) (crm.Mapping, bool) {
	f.Errors = map[string]string{}
	names := func(field, v string, required bool) crm.Names {
		var out crm.Names
		for _, n := range strings.Split(v, "|") {
			if n = strings.TrimSpace(n); n != "" {
				out = append(out, n)
			}
		}
		if required && len(out) == 0 {
			f.Errors[field] = t["map_required"]
		}
		return out
	}
	m := crm.Mapping{Name: strings.TrimSpace(f.Name),
		LeadID: names("lead_id", f.LeadID, true), Created: names("created_at", f.Created, true), Channel: names("channel", f.Channel, true),
		Meeting: names("meeting_at", f.Meeting, false), Opportunity: names("opportunity_at", f.Opportunity, false),
		Won: names("won_at", f.Won, false), Amount: names("amount", f.Amount, false),
		DefaultChannel: strings.TrimSpace(f.DefaultChannel), DateOrder: f.DateOrder, Encoding: f.Encoding}
	if m.Name == "" {
		f.Errors["name"] = t["map_required"]
	} else if len(m.Name) > gyakusan.MaxMappingNameBytes {
		f.Errors["name"] = t["map_too_long"]
	}
	if f.DateOrder != "" && f.DateOrder != "mdy" && f.DateOrder != "dmy" {
		f.Errors["date_order"] = t["map_choice"]
	}
	if f.Encoding != "" && f.Encoding != crm.EncodingAuto && f.Encoding != crm.EncodingUTF8 && f.Encoding != crm.EncodingShiftJIS {
		f.Errors["encoding"] = t["map_choice"]
	}
	for i, line := range strings.Split(f.Channels, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		src, ch, ok := cutAny(line, "=>", "→", "=", "\t")
		src, ch = strings.TrimSpace(src), strings.TrimSpace(ch)
		if !ok || src == "" || ch == "" {
			f.Errors["channels"] = strings.ReplaceAll(t["map_channel_line"], "{n}", strconv.Itoa(i+1))
			break
		}
		if m.Channels == nil {
			m.Channels = map[string]string{}
		}
		m.Channels[src] = ch
	}
	return m, len(f.Errors) == 0
}

func cutAny(s string, seps ...string) (before, after string, found bool) {
	for _, sep := range seps {
		if b, a, ok := strings.Cut(s, sep); ok {
			return b, a, true
		}
	}
	return s, "", false
}

// saveMapping stores the editor's mapping for the organization and opens
// it again; a wrong field shows the page with the values kept.
func (s *Server) saveMapping(w http.ResponseWriter, r *http.Request) {
	sp, pr, a, pg, ok := s.importStart(w, r)
	if !ok {
		return
	}
	_ = r.ParseForm()
	v := r.PostForm
	f := mappingForm{Name: v.Get("name"), LeadID: v.Get("lead_id"), Created: v.Get("created_at"), Channel: v.Get("channel"),
		Meeting: v.Get("meeting_at"), Opportunity: v.Get("opportunity_at"), Won: v.Get("won_at"), Amount: v.Get("amount"),
		Channels: v.Get("channels"), DefaultChannel: v.Get("default_channel"), DateOrder: v.Get("date_order"), Encoding: v.Get("encoding"),
		PlanChannels: planChannelNames(sp.Plan)}
	m, ok := f.mapping(pg.T)
	var doc []byte
	if ok {
		doc, _ = json.Marshal(m)
		if _, err := crm.DecodeMapping(strings.NewReader(string(doc))); err != nil {
			f.Errors[""], ok = crmMessage(s, r, err, pg.Lang), false
		}
	}
	if !ok {
		pg.Editor = f
		pg.options()
		s.render(w, r, http.StatusUnprocessableEntity, "import", pg)
		return
	}
	lm, err := a.SaveLeadMapping(r.Context(), pr.Org.ID, gyakusan.LeadMapping{Name: m.Name, Document: string(doc)})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/plans/"+strconv.FormatInt(sp.ID, 10)+"/import?mapping="+strconv.FormatInt(lm.ID, 10)+"&flash=mapping_saved", http.StatusSeeOther)
}

// deleteMapping removes a saved mapping of the organization; another
// organization's id answers like a missing one.
func (s *Server) deleteMapping(w http.ResponseWriter, r *http.Request) {
	sp, pr, a, err := s.loadPlanActuals(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	id, err := strconv.ParseInt(r.PostFormValue("mapping"), 10, 64)
	if err != nil || id <= 0 {
		s.fail(w, r, invalidField("mapping", "id"))
		return
	}
	if err := a.DeleteLeadMapping(r.Context(), pr.Org.ID, id); err != nil {
		if gyakusan.ErrorCode(err) == gyakusan.CodeNotFound {
			err = gyakusan.Localized(gyakusan.CodeNotFound, "マッピングが見つかりません。", "No such mapping.")
		}
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/plans/"+strconv.FormatInt(sp.ID, 10)+"/import?flash=mapping_deleted", http.StatusSeeOther)
}
