package compose

import (
	"encoding/base64"
	"maps"
	"slices"

	"github.com/platform-io/function-agentcore-runtime/internal/naming"
)

// connection computes the connection details (docs/DESIGN.md). A key whose value is not
// observed in this pass keeps its previous value, so keys never flap; nothing is
// published before the runtime's ARN is known.
func (p *pass) connection() {
	f := p.out.Facts
	prev := p.previousConnection()
	d := map[string]string{}
	put := func(k, v string) {
		if v = first(v, prev[k]); v != "" {
			d[k] = v
		}
	}
	put("agentRuntimeArn", f.RuntimeArn)
	put("agentRuntimeId", f.RuntimeID)
	// The name is known from the first pass but published with the ARN; while the
	// ARN is momentarily missing it keeps its previous value, as every key does.
	name := ""
	if f.RuntimeArn != "" {
		name = f.RuntimeName
	}
	put("agentRuntimeName", name)
	put("agentRuntimeVersion", f.RuntimeVersion)
	put("executionRoleArn", f.RoleArn)
	put("invokeUrl", f.InvokeURL)
	put("ecrRepositoryUrl", f.RepositoryURL)
	if len(f.LogGroups) > 0 {
		put("logGroupName", f.LogGroups[0])
	} else {
		put("logGroupName", "")
	}
	for _, e := range f.Endpoints {
		put("endpoint."+e.Name+".arn", e.Arn)
	}
	if d["agentRuntimeArn"] == "" {
		if !p.Observed.Has(naming.ConnectionSecret) {
			return
		}
	}
	put("region", p.Settings.Region)
	p.out.Connection = d
	if p.Target.Namespaced {
		p.out.Resources = append(p.out.Resources, Resource{Name: naming.ConnectionSecret, Object: p.Target.ConnectionSecret(p.SecretName, d), Ready: true})
	}
}

// previousConnection are the details published before: the observed Secret's data
// for namespaced XRs, the composite's connection details for legacy ones.
func (p *pass) previousConnection() map[string]string {
	if !p.Target.Namespaced {
		return p.PreviousConnection
	}
	data, _ := Lookup(p.Observed[naming.ConnectionSecret], "data").(map[string]any)
	out := make(map[string]string, len(data))
	for _, k := range slices.Sorted(maps.Keys(data)) {
		s, _ := data[k].(string)
		if b, err := base64.StdEncoding.DecodeString(s); err == nil {
			out[k] = string(b)
		}
	}
	return out
}
