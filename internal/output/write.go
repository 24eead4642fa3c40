package output

import (
	"strings"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/crossplane/function-sdk-go/errors"
	fnv1 "github.com/crossplane/function-sdk-go/proto/v1"
	"github.com/crossplane/function-sdk-go/request"
	"github.com/crossplane/function-sdk-go/resource"
	"github.com/crossplane/function-sdk-go/resource/composed"
	"github.com/crossplane/function-sdk-go/response"

	"github.com/platform-io/function-agentcore-runtime/internal/compose"
	"github.com/platform-io/function-agentcore-runtime/internal/xr"
)

// ConditionResourcesReady says whether every resource of the runtime is Ready, and
// if not, what the composite waits for.
const ConditionResourcesReady = "ResourcesReady"

// Write puts the pass into the response: composed resources with their readiness,
// the composite's status and readiness, warnings and what the composite waits for.
func Write(rsp *fnv1.RunFunctionResponse, req *fnv1.RunFunctionRequest, x xr.XR, in compose.Request, r compose.Result, warnings []string) error {
	desired, err := request.GetDesiredComposedResources(req)
	if err != nil {
		return errors.Wrap(err, "cannot get the desired composed resources")
	}
	for _, res := range r.Resources {
		d := &resource.DesiredComposed{Resource: &composed.Unstructured{Unstructured: unstructured.Unstructured{Object: res.Object}}, Ready: resource.ReadyFalse}
		if res.Ready {
			d.Ready = resource.ReadyTrue
		}
		desired[resource.Name(res.Name)] = d
	}
	if err := response.SetDesiredComposedResources(rsp, desired); err != nil {
		return errors.Wrap(err, "cannot set the desired composed resources")
	}

	dxr, err := request.GetDesiredCompositeResource(req)
	if err != nil {
		return errors.Wrap(err, "cannot get the desired composite resource")
	}
	dxr.Resource.SetAPIVersion(x.APIVersion)
	dxr.Resource.SetKind(x.Kind)
	dxr.Resource.SetName(x.Name)
	if x.Namespace != "" {
		dxr.Resource.SetNamespace(x.Namespace)
	}
	for k, v := range Status(r.Facts, in.Settings.Region) {
		if err := dxr.Resource.SetValue("status."+k, v); err != nil {
			return errors.Wrapf(err, "cannot set status.%s", k)
		}
	}
	if r.Connection != nil {
		dxr.ConnectionDetails = resource.ConnectionDetails{}
		for k, v := range r.Connection {
			dxr.ConnectionDetails[k] = []byte(v)
		}
	}
	dxr.Ready = resource.ReadyFalse
	if r.Ready() {
		dxr.Ready = resource.ReadyTrue
	}
	if err := response.SetDesiredCompositeResource(rsp, dxr); err != nil {
		return errors.Wrap(err, "cannot set the desired composite resource")
	}

	for _, w := range append(warnings, r.Warnings...) {
		response.Warning(rsp, errors.New(w)).TargetCompositeAndClaim()
	}
	if r.Ready() {
		response.ConditionTrue(rsp, ConditionResourcesReady, "Available").WithMessage("every resource of the runtime is Ready").TargetCompositeAndClaim()
		return nil
	}
	msg := "waiting for " + strings.Join(r.Blocking(), "; ")
	response.ConditionFalse(rsp, ConditionResourcesReady, "Waiting").WithMessage(msg).TargetCompositeAndClaim()
	response.Normal(rsp, msg).TargetCompositeAndClaim()
	return nil
}
