package spec

import (
	"cmp"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"k8s.io/apimachinery/pkg/util/validation/field"
)

// Placeholders are the values of MDAA's placeholders: {{account}},
// {{region}}, {{partition}}, {{org}}, {{domain}}, {{env}}, {{module_name}},
// {{context:NAME}} and {{env_var:NAME}}, all from the function's Input (or the
// pipeline's environment).
type Placeholders struct {
	Account    string
	Region     string
	Partition  string
	Org        string
	Domain     string
	Env        string
	ModuleName string
	Context    map[string]string
	EnvVars    map[string]string
	// SSM are the values of the spec's ssm: references read so far, by
	// parameter name.
	SSM map[string]string
}

// substitute returns v with placeholders replaced in every string (map keys too)
// and the ssm: references whose values are read resolved (values only).
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
		return p.value(t, path)
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

// value is the string value s at path: the value of its ssm: reference once
// read (SSM), else s with its placeholders replaced.
func (p Placeholders) value(s string, path *field.Path) (string, field.ErrorList) {
	if name, ok := referenced(s, path); ok {
		if v, ok := p.SSM[name]; ok {
			return v, nil
		}
	}
	return p.replace(s, path)
}

// placeholder is one {{name}} or {{name:argument}}.
var placeholder = regexp.MustCompile(`\{\{([a-z_-]+)(?::([^{}]*))?\}\}`)

// replace substitutes every placeholder of s. One without a value is an error
// naming the Input field that would give it; MDAA's deploy-time references
// ({{resolve:...}}, {{ssm-org:...}}, ...) are errors too, because nothing
// would resolve them later. Other {{...}} text is left as it is.
func (p Placeholders) replace(s string, path *field.Path) (string, field.ErrorList) {
	if !strings.Contains(s, "{{") {
		return s, nil
	}
	var errs field.ErrorList
	out := placeholder.ReplaceAllStringFunc(s, func(m string) string {
		sm := placeholder.FindStringSubmatch(m)
		value, from, known := p.lookup(sm[1], sm[2])
		switch {
		case !known:
			return m
		case from == "":
			errs = append(errs, field.Invalid(path, s, fmt.Sprintf("%s is resolved by CloudFormation at deploy time in MDAA; nothing resolves it here: write the value, or an ssm:/path reference", m)))
		case value == "":
			errs = append(errs, field.Invalid(path, s, fmt.Sprintf("uses %s but the function Input has no %s", m, from)))
		}
		return cmp.Or(value, m)
	})
	return out, errs
}

// lookup is the value of placeholder name (with its argument), the Input field
// it comes from ("" for MDAA's deploy-time references), and whether the name is
// one of MDAA's.
func (p Placeholders) lookup(name, arg string) (value, from string, known bool) {
	switch name {
	case "account":
		return p.Account, "accountId", true
	case "region":
		return p.Region, "region", true
	case "partition":
		return p.Partition, "partition", true
	case "org":
		return p.Org, "org", true
	case "domain":
		return p.Domain, "domain", true
	case "env":
		return p.Env, "env", true
	case "module_name":
		return p.ModuleName, "moduleName", true
	case "context":
		return p.Context[arg], "context." + arg, true
	case "env_var":
		return p.EnvVars[arg], "envVars." + arg, true
	case "resolve", "ssm-org", "ssm-domain", "ssm-env":
		return "", "", true
	}
	return "", "", false
}

// hasPlaceholder says whether a string in v may hold a placeholder ("{{",
// map keys too) or be an ssm: reference (values only).
func hasPlaceholder(v any) bool {
	switch t := v.(type) {
	case string:
		return strings.Contains(t, "{{") || strings.HasPrefix(t, ssmPrefix)
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

// PlaceholderArguments are the arguments of v's {{name:argument}}
// placeholders, in values and map keys as substitution reads them: e.g. the
// context entries {{context:NAME}} asks for.
func PlaceholderArguments(v any, name string) map[string]bool {
	out := map[string]bool{}
	var walk func(any)
	walk = func(v any) {
		switch t := v.(type) {
		case string:
			for _, m := range placeholder.FindAllStringSubmatch(t, -1) {
				if m[1] == name {
					out[m[2]] = true
				}
			}
		case map[string]any:
			for k, e := range t {
				walk(k)
				walk(e)
			}
		case []any:
			for _, e := range t {
				walk(e)
			}
		}
	}
	walk(v)
	return out
}
