package crm

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// Names is one or more header names a column may have; the first one present
// in the file is used. In JSON it is a string or an array of strings.
type Names []string

// UnmarshalJSON reads a string or an array of strings.
func (n *Names) UnmarshalJSON(b []byte) error {
	var one string
	if err := json.Unmarshal(b, &one); err == nil {
		*n = nil
		if one != "" {
			*n = Names{one}
		}
		return nil
	}
	var many []string
	if err := json.Unmarshal(b, &many); err != nil {
		return fmt.Errorf("column names must be a string or a list of strings")
	}
	*n = many
	return nil
}

// Condition holds when a row's Column holds one of Values (compared without
// case or surrounding spaces).
type Condition struct {
	Column Names    `json:"column"`
	Values []string `json:"values"`
}

// Mapping says how to read one CSV layout: which header holds each field,
// when a deal counts as won, and how the CRM's source names map to the
// plan's channels. It is a plain JSON document so that users can save and
// reuse their own.
type Mapping struct {
	Name        string `json:"name,omitempty"`
	LeadID      Names  `json:"lead_id"`
	Created     Names  `json:"created_at"`
	Channel     Names  `json:"channel"`
	Meeting     Names  `json:"meeting_at,omitempty"`
	Opportunity Names  `json:"opportunity_at,omitempty"`
	Won         Names  `json:"won_at,omitempty"`
	Amount      Names  `json:"amount,omitempty"`
	// WonIf, when set, counts the won date only on rows that meet it: a
	// Salesforce Close Date is also set on open and lost opportunities.
	WonIf *Condition `json:"won_if,omitempty"`
	// Channels maps a CRM source name to a plan channel name. Keys are
	// matched without case or surrounding spaces; sources not listed keep
	// their own name, or take DefaultChannel when it is set.
	Channels       map[string]string `json:"channels,omitempty"`
	DefaultChannel string            `json:"default_channel,omitempty"`
	// Encoding is "auto" (default), "utf-8" or "shift_jis"; the import's
	// own option overrides it.
	Encoding string `json:"encoding,omitempty"`
	// DateOrder tells how to read dates written with the year last
	// (1/2/2025): "mdy" or "dmy". Empty means such dates are errors.
	DateOrder string `json:"date_order,omitempty"`
	// Footer ends the data at the first row with a single cell, as the
	// report exports of Salesforce append a title and a copyright notice.
	Footer bool `json:"footer,omitempty"`
	// UTCOffset is the offset, in minutes, of the zone that times with an
	// explicit offset (2025-01-02T15:00:00Z) are moved into before their
	// date is taken; nil means Japan (+9:00, 540). Times without an offset
	// are taken as written.
	UTCOffset *int `json:"utc_offset,omitempty"`
}

// The presets' names.
const (
	PresetGeneric    = "generic"
	PresetHubSpot    = "hubspot"
	PresetSalesforce = "salesforce"
)

// Presets lists the preset names.
var Presets = []string{PresetGeneric, PresetHubSpot, PresetSalesforce}

// Preset returns the mapping of a preset by name.
//
// generic is PRODUCT.md's CSV.
//
// hubspot is a contacts export (Contacts → Export, all properties or a
// view with these columns): "Record ID" (older exports: "Contact ID"),
// "Create Date", "Original Source" (the channel; older label "Original
// Source Type"), "Became a Sales Qualified Lead Date" as the meeting (a
// lead sales accepted and met), "Became an Opportunity Date", "Became a
// Customer Date" as won, and "Recent Deal Amount" (else "Total Revenue").
//
// salesforce is a "Leads with converted lead information" report exported
// as CSV: "Lead ID", "Create Date" (the object field label is "Created
// Date"), "Lead Source", "Converted Date" as the meeting (the lead was
// qualified and converted), "Opportunity: Created Date" (else "Created
// Date (Opportunity)"), "Close Date" counted as won only when "Stage" is
// "Closed Won" (ja: 成立), and "Amount". The report's footer is skipped.
func Preset(name string) (Mapping, bool) {
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "", PresetGeneric:
		return Mapping{
			Name:        PresetGeneric,
			LeadID:      Names{"lead_id"},
			Created:     Names{"created_at"},
			Channel:     Names{"channel"},
			Meeting:     Names{"meeting_at"},
			Opportunity: Names{"opportunity_at"},
			Won:         Names{"won_at"},
			Amount:      Names{"amount"},
		}, true
	case PresetHubSpot:
		return Mapping{
			Name:           PresetHubSpot,
			LeadID:         Names{"Record ID", "Contact ID"},
			Created:        Names{"Create Date", "Created Date"},
			Channel:        Names{"Original Source", "Original Source Type"},
			Meeting:        Names{"Became a Sales Qualified Lead Date"},
			Opportunity:    Names{"Became an Opportunity Date"},
			Won:            Names{"Became a Customer Date"},
			Amount:         Names{"Recent Deal Amount", "Total Revenue"},
			DefaultChannel: "",
		}, true
	case PresetSalesforce:
		return Mapping{
			Name:        PresetSalesforce,
			LeadID:      Names{"Lead ID", "Lead 18-Digit ID", "Id"},
			Created:     Names{"Create Date", "Created Date"},
			Channel:     Names{"Lead Source"},
			Meeting:     Names{"Converted Date"},
			Opportunity: Names{"Opportunity: Created Date", "Created Date (Opportunity)"},
			Won:         Names{"Close Date"},
			Amount:      Names{"Amount"},
			WonIf:       &Condition{Column: Names{"Stage", "Opportunity: Stage"}, Values: []string{"Closed Won", "成立"}},
			Footer:      true,
		}, true
	}
	return Mapping{}, false
}

// MaxMappingBytes bounds a mapping document.
const MaxMappingBytes = 1 << 20

// DecodeMapping reads a mapping document. Fields left out take the generic
// CSV's column names, so a mapping may name only what differs.
func DecodeMapping(r io.Reader) (Mapping, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxMappingBytes+1))
	if err != nil {
		return Mapping{}, err
	}
	if len(b) > MaxMappingBytes {
		return Mapping{}, &Error{Reason: ReasonMappingInvalid, Detail: "too large"}
	}
	var m Mapping
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return Mapping{}, &Error{Reason: ReasonMappingInvalid, Detail: err.Error()}
	}
	return m.withDefaults(), nil
}

// withDefaults fills the fields a user mapping left out from the generic
// layout.
func (m Mapping) withDefaults() Mapping {
	g, _ := Preset(PresetGeneric)
	for _, f := range []struct{ names, generic *Names }{
		{&m.LeadID, &g.LeadID}, {&m.Created, &g.Created}, {&m.Channel, &g.Channel}, {&m.Meeting, &g.Meeting},
		{&m.Opportunity, &g.Opportunity}, {&m.Won, &g.Won}, {&m.Amount, &g.Amount},
	} {
		if len(*f.names) == 0 {
			*f.names = *f.generic
		}
	}
	return m
}

// channelFor maps a CRM source name to the plan's channel name.
func (m *Mapping) channelFor(src string, folded map[string]string) string {
	key := strings.ToLower(strings.TrimSpace(src))
	if v, ok := folded[key]; ok {
		return v
	}
	if m.DefaultChannel != "" {
		return m.DefaultChannel
	}
	return strings.TrimSpace(src)
}
