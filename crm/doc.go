// Package crm reads lead-level exports from CRMs: the generic CSV of
// PRODUCT.md (lead_id, created_at, channel, meeting_at, opportunity_at,
// won_at, amount), a HubSpot contacts export, a Salesforce leads report, or
// any CSV through a user-defined Mapping. It only parses: it turns bytes into
// gyakusan.Lead values and bad cells into line-numbered errors, and never
// touches a database.
//
// The reader streams: it holds one buffer of the file and one batch of leads
// at a time, so memory does not grow with the file. It parses dates and
// amounts by hand (no time.Parse, no regexp) because a 1,000,000-row file
// must parse in a fraction of a second.
package crm
