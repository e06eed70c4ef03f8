package web

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// schemaChecker validates JSON values against the subset of JSON Schema the
// OpenAPI document uses: $ref, type (one or a list), properties, required,
// additionalProperties, items, enum, oneOf, pattern, minimum, maximum and
// exclusiveMinimum. Anything else in a schema is an error, so the document
// cannot silently use a keyword the check ignores.
type schemaChecker struct {
	doc map[string]any
}

var knownKeywords = map[string]bool{"$ref": true, "type": true, "properties": true, "required": true,
	"additionalProperties": true, "items": true, "enum": true, "oneOf": true, "pattern": true, "minimum": true,
	"maximum": true, "exclusiveMinimum": true, "description": true, "format": true}

// check returns every way v breaks schema, each with its JSON path.
func (c *schemaChecker) check(schema any, v any, path string) []string {
	s, ok := schema.(map[string]any)
	if !ok {
		return []string{path + ": schema is not an object"}
	}
	var errs []string
	for k := range s {
		if !knownKeywords[k] {
			errs = append(errs, fmt.Sprintf("%s: schema keyword %q is not checked", path, k))
		}
	}
	if ref, ok := s["$ref"].(string); ok {
		target, err := c.resolve(ref)
		if err != nil {
			return append(errs, path+": "+err.Error())
		}
		return append(errs, c.check(target, v, path)...)
	}
	if one, ok := s["oneOf"].([]any); ok {
		matched := 0
		for _, alt := range one {
			if len(c.check(alt, v, path)) == 0 {
				matched++
			}
		}
		if matched != 1 {
			errs = append(errs, fmt.Sprintf("%s: matches %d of oneOf's %d schemas", path, matched, len(one)))
		}
	}
	if t, ok := s["type"]; ok {
		var types []string
		switch t := t.(type) {
		case string:
			types = []string{t}
		case []any:
			for _, x := range t {
				types = append(types, x.(string))
			}
		}
		if !slices.ContainsFunc(types, func(t string) bool { return hasType(v, t) }) {
			return append(errs, fmt.Sprintf("%s: %s is not of type %v", path, short(v), types))
		}
	}
	if enum, ok := s["enum"].([]any); ok && !slices.ContainsFunc(enum, func(e any) bool { return fmt.Sprint(e) == fmt.Sprint(v) }) {
		errs = append(errs, fmt.Sprintf("%s: %s is not one of %v", path, short(v), enum))
	}
	switch v := v.(type) {
	case map[string]any:
		props, _ := s["properties"].(map[string]any)
		for _, r := range asList(s["required"]) {
			if _, ok := v[r]; !ok {
				errs = append(errs, fmt.Sprintf("%s: %q is required", path, r))
			}
		}
		for k, x := range v {
			if ps, ok := props[k]; ok {
				errs = append(errs, c.check(ps, x, path+"."+k)...)
				continue
			}
			switch ap := s["additionalProperties"].(type) {
			case bool:
				if !ap {
					errs = append(errs, fmt.Sprintf("%s: %q is not in the schema", path, k))
				}
			case map[string]any:
				errs = append(errs, c.check(ap, x, path+"."+k)...)
			}
		}
	case []any:
		if items, ok := s["items"]; ok {
			for i, x := range v {
				errs = append(errs, c.check(items, x, fmt.Sprintf("%s[%d]", path, i))...)
			}
		}
	case string:
		if p, ok := s["pattern"].(string); ok && !regexp.MustCompile(p).MatchString(v) {
			errs = append(errs, fmt.Sprintf("%s: %q does not match %s", path, v, p))
		}
	case json.Number:
		x, _ := v.Float64()
		if m, ok := s["minimum"].(json.Number); ok {
			if lo, _ := m.Float64(); x < lo {
				errs = append(errs, fmt.Sprintf("%s: %s is below %s", path, v, m))
			}
		}
		if m, ok := s["maximum"].(json.Number); ok {
			if hi, _ := m.Float64(); x > hi {
				errs = append(errs, fmt.Sprintf("%s: %s is above %s", path, v, m))
			}
		}
		if m, ok := s["exclusiveMinimum"].(json.Number); ok {
			if lo, _ := m.Float64(); x <= lo {
				errs = append(errs, fmt.Sprintf("%s: %s is not above %s", path, v, m))
			}
		}
	}
	return errs
}

func (c *schemaChecker) resolve(ref string) (any, error) {
	name, ok := strings.CutPrefix(ref, "#/")
	if !ok {
		return nil, fmt.Errorf("only local references are supported: %s", ref)
	}
	var cur any = c.doc
	for _, part := range strings.Split(name, "/") {
		m, ok := cur.(map[string]any)
		if !ok || m[part] == nil {
			return nil, fmt.Errorf("unresolved reference %s", ref)
		}
		cur = m[part]
	}
	return cur, nil
}

func hasType(v any, t string) bool {
	switch t {
	case "object":
		_, ok := v.(map[string]any)
		return ok
	case "array":
		_, ok := v.([]any)
		return ok
	case "string":
		_, ok := v.(string)
		return ok
	case "boolean":
		_, ok := v.(bool)
		return ok
	case "null":
		return v == nil
	case "number":
		_, ok := v.(json.Number)
		return ok
	case "integer":
		n, ok := v.(json.Number)
		if !ok {
			return false
		}
		_, err := strconv.ParseInt(n.String(), 10, 64)
		return err == nil
	}
	return false
}

func asList(v any) []string {
	var out []string
	if l, ok := v.([]any); ok {
		for _, x := range l {
			out = append(out, x.(string))
		}
	}
	return out
}

func short(v any) string {
	b, _ := json.Marshal(v)
	if len(b) > 60 {
		return string(b[:60]) + "…"
	}
	return string(b)
}

// decodeJSONValue decodes with json.Number, so integers stay checkable.
func decodeJSONValue(b []byte) (any, error) {
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.UseNumber()
	var v any
	err := dec.Decode(&v)
	return v, err
}
