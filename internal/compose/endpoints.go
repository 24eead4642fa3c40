package compose

import (
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
			name = *e.Name
		}
		out = append(out, NamedEndpoint{Name: name, Endpoint: *e})
	}
	for _, e := range s.RuntimeEndpoints {
		if e.Name != nil {
			out = append(out, NamedEndpoint{Name: *e.Name, Endpoint: e, Extra: true})
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
		id := first(p.out.Facts.RuntimeID, p.Observed.ForProvider(res, "agentRuntimeId"))
		if id == "" {
			p.wait("the ID of %s before %s", naming.AgentRuntime, res)
			continue
		}
		p.add(res, p.Target.AgentRuntimeEndpoint(e.Name, id, e.Endpoint, p.tags))
		p.out.Facts.Endpoints = append(p.out.Facts.Endpoints, EndpointFacts{
			Name: e.Name, Resource: res,
			Arn:     p.Observed.AtProvider(res, "agentRuntimeEndpointArn"),
			ID:      p.Observed.AtProvider(res, "id"),
			Version: first(p.Observed.AtProvider(res, "agentRuntimeVersion"), deref(e.Endpoint.AgentRuntimeVersion)),
		})
	}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
