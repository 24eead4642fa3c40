// Package output turns a composed pass into the function's response: desired
// composed resources with readiness, the XR's status, results and conditions.
package output

import (
	"k8s.io/apimachinery/pkg/runtime"

	"github.com/platform-io/function-agentcore-runtime/apis/v1alpha1"
	"github.com/platform-io/function-agentcore-runtime/internal/compose"
)

// Status is the XR status of a pass (docs/DESIGN.md "Status"), built as the
// typed v1alpha1.Status (the same type the XRD's schema is generated from, so
// the compiler checks every field) and returned as the JSON object Crossplane
// sets under status. Only known values are set.
func Status(f compose.Facts, region string) map[string]any {
	st := v1alpha1.Status{
		ExecutionRoleArn: f.RoleArn,
		LogGroups:        f.LogGroups,
		SSMParameters:    f.SSMParameters,
	}
	if f.RuntimeArn != "" || f.RuntimeID != "" {
		st.AgentRuntime = &v1alpha1.RuntimeStatus{
			Name: f.RuntimeName, Arn: f.RuntimeArn, ID: f.RuntimeID,
			Version: f.RuntimeVersion, WorkloadIdentityArn: f.WorkloadIdentityArn,
		}
	}
	for _, e := range f.Endpoints {
		ep := v1alpha1.EndpointStatus{Name: e.Name, Arn: e.Arn, ID: e.ID, Version: e.Version}
		if f.RuntimeArn != "" {
			ep.InvokeURL = compose.InvokeURL(region, f.RuntimeArn, e.Name)
		}
		st.Endpoints = append(st.Endpoints, ep)
	}
	if f.VpcEndpointID != "" || f.VpcEndpointSecurityGroupID != "" {
		st.VpcEndpoint = &v1alpha1.VpcEndpointStatus{ID: f.VpcEndpointID, SecurityGroupID: f.VpcEndpointSecurityGroupID}
	}
	if f.RepositoryURL != "" || f.PushCommand != "" {
		st.Image = &v1alpha1.ImageStatus{RepositoryURL: f.RepositoryURL, PushCommand: f.PushCommand}
	}
	out, err := runtime.DefaultUnstructuredConverter.ToUnstructured(&st)
	if err != nil {
		panic(err) // cannot happen: a struct of strings and slices of them
	}
	return out
}
