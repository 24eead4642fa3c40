// Package output turns a composed pass into the function's response: desired
// composed resources with readiness, the XR's status, results and conditions.
package output

import (
	"github.com/platform-io/function-agentcore-runtime/internal/compose"
	"github.com/platform-io/function-agentcore-runtime/internal/render"
)

// Status is the XR status of a pass (docs/DESIGN.md "Status"). Only known values are set.
func Status(f compose.Facts, region string) map[string]any {
	st := map[string]any{}
	rt := map[string]any{}
	put(rt, "name", f.RuntimeName)
	put(rt, "arn", f.RuntimeArn)
	put(rt, "id", f.RuntimeID)
	put(rt, "version", f.RuntimeVersion)
	put(rt, "workloadIdentityArn", f.WorkloadIdentityArn)
	if f.RuntimeArn != "" || f.RuntimeID != "" {
		st["agentRuntime"] = rt
	}
	put(st, "executionRoleArn", f.RoleArn)
	eps := make([]any, 0, len(f.Endpoints))
	for _, e := range f.Endpoints {
		ep := map[string]any{"name": e.Name}
		put(ep, "arn", e.Arn)
		put(ep, "id", e.ID)
		put(ep, "version", e.Version)
		if f.RuntimeArn != "" {
			ep["invokeUrl"] = compose.InvokeURL(region, f.RuntimeArn, e.Name)
		}
		eps = append(eps, ep)
	}
	if len(eps) > 0 {
		st["endpoints"] = eps
	}
	if len(f.LogGroups) > 0 {
		st["logGroups"] = render.AnyList(f.LogGroups)
	}
	if len(f.SSMParameters) > 0 {
		st["ssmParameters"] = render.AnyList(f.SSMParameters)
	}
	img := map[string]any{}
	put(img, "repositoryUrl", f.RepositoryURL)
	put(img, "pushCommand", f.PushCommand)
	if len(img) > 0 {
		st["image"] = img
	}
	return st
}

func put(m map[string]any, k, v string) {
	if v != "" {
		m[k] = v
	}
}
