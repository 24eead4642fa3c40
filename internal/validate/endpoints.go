package validate

import (
	"fmt"
	"regexp"

	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/platform-io/function-agentcore-runtime/apis/v1alpha1"
	"github.com/platform-io/function-agentcore-runtime/internal/naming"
)

const (
	maxEndpointDescription = 256
	maxRuntimeEndpoints    = 10
	endpointNameSuffix     = "_endpoint"
	// defaultQualifier names the runtime's built-in endpoint (and its log group).
	defaultQualifier = "DEFAULT"
)

var (
	reEndpointName   = regexp.MustCompile(v1alpha1.EndpointNamePattern)
	reRuntimeVersion = regexp.MustCompile(v1alpha1.AgentRuntimeVersionPattern)
	// reVersionLike are dotted versions such as MDAA's '1.0.0': not pinned, a Warning.
	reVersionLike = regexp.MustCompile(`^[0-9]+(\.[0-9]+)+$`)
)

// endpoints checks runtimeEndpoint and runtimeEndpoints: valid names, unique across both.
func (c *checker) endpoints(s *v1alpha1.Spec, root *field.Path) {
	// taken maps each endpoint name to the field that holds it.
	taken := map[string]string{}
	defaultName := ""
	if e := s.RuntimeEndpoint; e != nil {
		p := root.Child("runtimeEndpoint")
		if e.Name != nil {
			if n, ok := c.endpointName(p.Child("name"), *e.Name, taken, ""); ok {
				taken[n] = p.Child("name").String()
			}
		} else if n := naming.DefaultEndpoint(s.AgentRuntimeName); reEndpointName.MatchString(n) {
			defaultName = n
			taken[n] = p.String()
		}
		c.endpointFields(p, e)
	}
	lp := root.Child("runtimeEndpoints")
	if len(s.RuntimeEndpoints) > maxRuntimeEndpoints {
		c.add(field.TooMany(lp, len(s.RuntimeEndpoints), maxRuntimeEndpoints))
	}
	for i := range s.RuntimeEndpoints {
		e := &s.RuntimeEndpoints[i]
		ip := lp.Index(i)
		np := ip.Child("name")
		if e.Name == nil || *e.Name == "" {
			c.add(field.Required(np, "every runtimeEndpoints entry needs a name: a letter, then letters, digits and '_' (at most 48 characters)"))
		} else if n, ok := c.endpointName(np, *e.Name, taken, defaultName); ok {
			taken[n] = np.String()
		}
		c.endpointFields(ip, e)
	}
}

// endpointName checks one explicit name; it returns the name AgentCore gets,
// and true when that is valid and not yet taken. '-' is turned into '_' with a
// Warning, as MDAA does (its own tests use my-endpoint-name).
func (c *checker) endpointName(p *field.Path, raw string, taken map[string]string, defaultName string) (string, bool) {
	if !reEndpointName.MatchString(raw) {
		c.add(field.Invalid(p, raw, "must start with a letter and contain only letters, digits and '_' (at most 48 characters; '-' is turned into '_')"))
		return "", false
	}
	name := naming.EndpointName(raw)
	if name != raw {
		c.warn(p, "AgentCore endpoint names hold no '-': the endpoint is named %s (as MDAA names it)", name)
	}
	switch {
	case name == defaultQualifier:
		c.add(field.Invalid(p, name, "DEFAULT is the runtime's built-in endpoint: pick another name"))
	case name == defaultName && defaultName != "":
		c.add(field.Invalid(p, name, fmt.Sprintf("is the default name of runtimeEndpoint (%s: agentRuntimeName plus %s, sanitised as the rendered name is): give runtimeEndpoint a name or pick another", taken[name], endpointNameSuffix)))
	case taken[name] != "":
		c.add(field.Duplicate(p, raw))
	default:
		return name, true
	}
	return "", false
}

// endpointFields checks an endpoint's version pin and description.
func (c *checker) endpointFields(p *field.Path, e *v1alpha1.Endpoint) {
	if v := e.AgentRuntimeVersion; v != nil && !reRuntimeVersion.MatchString(*v) {
		if reVersionLike.MatchString(*v) {
			// MDAA's comprehensive sample pins '1.0.0', and pasting it must work.
			c.warn(p.Child("agentRuntimeVersion"), "%q is not an AgentCore runtime version (an integer such as \"1\"; AgentCore rejects semantic versions): the endpoint is not pinned and follows the latest version", *v)
		} else {
			c.add(field.Invalid(p.Child("agentRuntimeVersion"), *v, "must be a runtime version number 1-99999 (no leading zeros)"))
		}
	}
	if d := e.Description; d != nil {
		c.maxChars(p.Child("description"), *d, maxEndpointDescription)
	}
}
