package compose

import (
	"regexp"

	"github.com/platform-io/function-agentcore-runtime/apis/v1alpha1"
	"github.com/platform-io/function-agentcore-runtime/internal/naming"
)

// Endpoints are the spec's endpoints: MDAA's runtimeEndpoint (named by default
// <agentRuntimeName>_endpoint), then each runtimeEndpoints entry.
func Endpoints(s *v1alpha1.Spec) []NamedEndpoint {
	var out []NamedEndpoint
	if e := s.RuntimeEndpoint; e != nil {
		name := naming.DefaultEndpoint(s.AgentRuntimeName)
		if e.Name != nil {
			name = naming.EndpointName(*e.Name)
		}
		out = append(out, NamedEndpoint{Name: name, Endpoint: *e})
	}
	for _, e := range s.RuntimeEndpoints {
		if e.Name != nil {
			out = append(out, NamedEndpoint{Name: naming.EndpointName(*e.Name), Endpoint: e, Extra: true})
		}
	}
	return out
}

// NamedEndpoint is an endpoint with its resolved name.
type NamedEndpoint struct {
	Name     string
	Endpoint v1alpha1.Endpoint
	// Extra is true for runtimeEndpoints entries (not MDAA's single endpoint).
	Extra bool
}

// endpoints renders each endpoint once the runtime's ID is observed.
func (p *pass) endpoints() {
	for _, e := range Endpoints(p.Spec) {
		res := naming.Endpoint(e.Name)
		id, ok := p.gate(p.out.Facts.RuntimeID, p.Observed.ForProvider(res, "agentRuntimeId"), "the ID of %s before %s", naming.AgentRuntime, res)
		if !ok {
			continue
		}
		ep := e.Endpoint
		ep.AgentRuntimeVersion = p.endpointVersion(res, ep.AgentRuntimeVersion)
		p.add(res, p.Target.AgentRuntimeEndpoint(e.Name, id, ep, p.tags))
		p.out.Facts.Endpoints = append(p.out.Facts.Endpoints, EndpointFacts{
			Name: e.Name, Resource: res, Extra: e.Extra,
			Arn:     p.Observed.AtProvider(res, endpointArn),
			ID:      p.Observed.ExternalName(res),
			Version: first(p.Observed.AtProvider(res, endpointVersion), deref(ep.AgentRuntimeVersion)),
		})
	}
}

// endpointVersion is the version an endpoint is rendered with, always: its
// pin, else the runtime's observed version, so that an unpinned endpoint
// follows the runtime as it gets new versions (AgentCore moves only DEFAULT by
// itself, and the provider late-initialises an endpoint's version, so one
// rendered without a version stays on the version it was created with). When
// the runtime's version is momentarily missing, the version the endpoint was
// last rendered with (sticky rule); nil before either is known.
func (p *pass) endpointVersion(resource string, pin *string) *string {
	if v := PinnedVersion(pin); v != nil {
		return v
	}
	if v := first(p.out.Facts.RuntimeVersion, p.Observed.ForProvider(resource, "agentRuntimeVersion")); v != "" {
		return &v
	}
	return nil
}

var versionPattern = regexp.MustCompile(v1alpha1.AgentRuntimeVersionPattern)

// PinnedVersion is the endpoint's version pin when it is an AgentCore version ("1",
// "2", ...). MDAA's sample writes '1.0.0', which AgentCore rejects: it is not pinned
// (validation warns about it) so that the sample still renders.
func PinnedVersion(v *string) *string {
	if v == nil || !versionPattern.MatchString(*v) {
		return nil
	}
	return v
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
