package spec

import (
	"fmt"
	"sort"
	"strings"

	"k8s.io/apimachinery/pkg/util/validation/field"
)

// Placeholders are the values of MDAA's {{account}}, {{region}} and {{partition}}.
type Placeholders struct {
	Account   string
	Region    string
	Partition string
}

// substitute returns v with placeholders replaced in every string (map keys too).
// A placeholder without a value is an error at its path. Maps and lists holding a
// placeholder are copied; what holds none is v's own (most of a spec has none, and
// copying it, with a field path per value, was 9 % of a request's allocations).
func (p Placeholders) substitute(v any, path *field.Path) (any, field.ErrorList) {
	if !hasPlaceholder(v) {
		return v, nil
	}
	return p.substituteIn(v, path)
}

// substituteIn is substitute for a v holding a placeholder.
func (p Placeholders) substituteIn(v any, path *field.Path) (any, field.ErrorList) {
	switch t := v.(type) {
	case string:
		return p.replace(t, path)
	case map[string]any:
		out := make(map[string]any, len(t))
		var errs field.ErrorList
		keys := make([]string, 0, len(t))
		for k := range t {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if !strings.Contains(k, "{{") && !hasPlaceholder(t[k]) {
				out[k] = t[k]
				continue
			}
			nk, kerrs := p.replace(k, path.Key(k))
			nv, verrs := p.substituteIn(t[k], path.Child(k))
			errs = append(append(errs, kerrs...), verrs...)
			out[nk] = nv
		}
		return out, errs
	case []any:
		out := make([]any, len(t))
		var errs field.ErrorList
		for i, e := range t {
			if !hasPlaceholder(e) {
				out[i] = e
				continue
			}
			var ierrs field.ErrorList
			out[i], ierrs = p.substituteIn(e, path.Index(i))
			errs = append(errs, ierrs...)
		}
		return out, errs
	default:
		return v, nil
	}
}

func (p Placeholders) replace(s string, path *field.Path) (string, field.ErrorList) {
	if !strings.Contains(s, "{{") {
		return s, nil
	}
	var errs field.ErrorList
	for _, r := range []struct{ name, value, from string }{
		{"{{account}}", p.Account, "accountId"},
		{"{{region}}", p.Region, "region"},
		{"{{partition}}", p.Partition, "partition"},
	} {
		if !strings.Contains(s, r.name) {
			continue
		}
		if r.value == "" {
			errs = append(errs, field.Invalid(path, s, fmt.Sprintf("uses %s but the function Input has no %s", r.name, r.from)))
			continue
		}
		s = strings.ReplaceAll(s, r.name, r.value)
	}
	return s, errs
}

// hasPlaceholder says whether a string in v (map keys too) may hold one: "{{".
func hasPlaceholder(v any) bool {
	switch t := v.(type) {
	case string:
		return strings.Contains(t, "{{")
	case map[string]any:
		for k, e := range t {
			if strings.Contains(k, "{{") || hasPlaceholder(e) {
				return true
			}
		}
	case []any:
		for _, e := range t {
			if hasPlaceholder(e) {
				return true
			}
		}
	}
	return false
}
