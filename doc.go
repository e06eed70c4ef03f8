// Package gyakusan is the domain of gyakusan (逆算, "working backwards"): it
// turns a revenue target into the monthly KPIs that reach it, walking the
// B2B funnel backwards from won deals to opportunities, meetings and leads.
//
// The package holds the plan document, the exact arithmetic of the method
// (see engine.go), validation with bilingual field messages, error codes and
// the service interfaces the outside packages implement. It performs no I/O
// and imports no outside module.
package gyakusan
