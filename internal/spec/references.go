package spec

import (
	"regexp"
	"sort"
	"strings"

	"k8s.io/apimachinery/pkg/util/validation/field"
)

// ssmPrefix starts MDAA's SSM parameter references: a value ssm:/path is the
// parameter's value, read when the runtime is composed (MDAA: when the stack
// deploys).
const ssmPrefix = "ssm:"

// reParameterName is an SSM parameter name or path that can be referenced:
// a shared parameter's ARN cannot.
var reParameterName = regexp.MustCompile(`^/?[a-zA-Z0-9_.\-/]+$`)

// maxParameterName is SSM's limit on a parameter name.
const maxParameterName = 1011

// Reference is one ssm: reference of a spec.
type Reference struct {
	// Parameter is the parameter's name (a path).
	Parameter string
	// Fields are the spec's fields that hold it.
	Fields []string
}

// References are the spec's ssm: references, by parameter, sorted: every string
// value starting with ssm:, except IAM actions (ssm:GetParameter is one), as MDAA.
// A reference that names no parameter is an error at its field.
func References(raw map[string]any) ([]Reference, field.ErrorList) {
	byName := map[string][]string{}
	var errs field.ErrorList
	walkStrings(raw, field.NewPath("spec"), func(s string, p *field.Path) {
		name, ok := referenced(s, p)
		if !ok {
			return
		}
		if len(name) > maxParameterName || !reParameterName.MatchString(name) {
			errs = append(errs, field.Invalid(p, s, "an ssm: reference names an SSM parameter of this account and region: ssm:/path/to/parameter"))
			return
		}
		byName[name] = append(byName[name], p.String())
	})
	out := make([]Reference, 0, len(byName))
	for name, fields := range byName {
		out = append(out, Reference{Parameter: name, Fields: fields})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Parameter < out[j].Parameter })
	return out, errs
}

// referenced is the parameter s references at field p, if it is a reference.
func referenced(s string, p *field.Path) (string, bool) {
	if !strings.HasPrefix(s, ssmPrefix) || isAction(p) {
		return "", false
	}
	return strings.TrimSpace(strings.TrimPrefix(s, ssmPrefix)), true
}

// isAction reports whether p is (an item of) a policy statement's Action or
// NotAction, where ssm:GetParameter is an IAM action, not a reference.
func isAction(p *field.Path) bool {
	s := p.String()
	if i := strings.LastIndexByte(s, '['); i > strings.LastIndexByte(s, '.') {
		s = s[:i]
	}
	return strings.HasSuffix(s, ".Action") || strings.HasSuffix(s, ".NotAction")
}

// walkStrings calls fn for every string value under v (not map keys).
func walkStrings(v any, p *field.Path, fn func(string, *field.Path)) {
	switch t := v.(type) {
	case string:
		fn(t, p)
	case map[string]any:
		for k, e := range t {
			walkStrings(e, p.Child(k), fn)
		}
	case []any:
		for i, e := range t {
			walkStrings(e, p.Index(i), fn)
		}
	}
}
