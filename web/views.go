package web

import (
	"fmt"

	"gyakusan"
)

// channelRowView is one row of the channels table; I is -1 for the empty
// row the script clones.
type channelRowView struct {
	T        dict
	Lang     string
	I        int
	C        channelForm
	Kinds    []gyakusan.ChannelKind
	PlanRate string
	errs     map[string]string
}

// Err returns the message of the first of the row's fields that has one.
func (v channelRowView) Err(keys ...string) string {
	if v.I < 0 {
		return ""
	}
	for _, k := range keys {
		if m, ok := v.errs[fmt.Sprintf("channels[%d].%s", v.I, k)]; ok {
			return m
		}
	}
	return ""
}

func channelRow(pg *sheetPage, i int, c channelForm) channelRowView {
	return channelRowView{T: pg.T, Lang: pg.Lang, I: i, C: c, Kinds: pg.Kinds, PlanRate: pg.Form.RateMeeting, errs: pg.Errors}
}

func newChannel() channelForm { return channelForm{Kind: string(gyakusan.KindAds), Mode: "leads"} }

// ferr returns the message of the first of keys that has one.
func ferr(errs map[string]string, keys ...string) string {
	for _, k := range keys {
		if m, ok := errs[k]; ok {
			return m
		}
	}
	return ""
}

// planTableView is one table of the plans list.
type planTableView struct {
	Page         *page
	T            dict
	Rows         []planRow
	CanEdit      bool
	ArchivedList bool
}

func planTable(pg *plansPage, rows []planRow, archived bool) planTableView {
	return planTableView{Page: &pg.page, T: pg.T, Rows: rows, CanEdit: pg.CanEdit, ArchivedList: archived}
}
