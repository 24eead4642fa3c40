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

// substitute returns a copy of v with placeholders replaced in every string (map keys
// too). A placeholder without a value is an error at its path.
func (p Placeholders) substitute(v any, path *field.Path) (any, field.ErrorList) {
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
			nk, kerrs := p.replace(k, path.Key(k))
			nv, verrs := p.substitute(t[k], path.Child(k))
			errs = append(append(errs, kerrs...), verrs...)
			out[nk] = nv
		}
		return out, errs
	case []any:
		out := make([]any, len(t))
		var errs field.ErrorList
		for i, e := range t {
			var ierrs field.ErrorList
			out[i], ierrs = p.substitute(e, path.Index(i))
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
