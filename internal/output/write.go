package output

import (
	"strings"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/crossplane/function-sdk-go/errors"
	fnv1 "github.com/crossplane/function-sdk-go/proto/v1"

	"github.com/platform-io/function-agentcore-runtime/internal/compose"
	"github.com/platform-io/function-agentcore-runtime/internal/fnsdk"
	"github.com/platform-io/function-agentcore-runtime/internal/xr"
)

// ConditionResourcesReady says whether every resource of the runtime is Ready, and
// if not, what the composite waits for.
const ConditionResourcesReady = "ResourcesReady"

// Write puts the pass into the response: composed resources with their readiness,
// the composite's status and readiness, warnings and what the composite waits for.
func Write(rsp *fnv1.RunFunctionResponse, req *fnv1.RunFunctionRequest, x xr.XR, in compose.Request, r compose.Result, warnings []string) error {
	b := &fnsdk.Builder{}
	for _, res := range r.Resources {
		b.Reserve(res.Object)
	}
	desired, err := fnsdk.DesiredComposed(req, b)
	if err != nil {
		return errors.Wrap(errors.Wrap(err, "cannot get the desired composed resources"), "cannot set the desired composed resources")
	}
	for _, res := range r.Resources {
		d, err := fnsdk.NewDesiredComposed(res.Object, res.Ready, b)
		if err != nil {
			return errors.Wrap(err, "cannot set the desired composed resources")
		}
		desired[res.Name] = d
	}
	fnsdk.SetDesiredComposedResources(rsp, desired)

	dxr := fnsdk.DesiredComposite(req)
	u := unstructured.Unstructured{Object: dxr.Object}
	u.SetAPIVersion(x.APIVersion)
	u.SetKind(x.Kind)
	u.SetName(x.Name)
	if x.Namespace != "" {
		u.SetNamespace(x.Namespace)
	}
	for k, v := range Status(r.Facts, in.Settings.Region) {
		if err := dxr.SetStatus(k, v); err != nil {
			return errors.Wrapf(err, "cannot set status.%s", k)
		}
	}
	if r.Connection != nil {
		dxr.ConnectionDetails = map[string][]byte{}
		for k, v := range r.Connection {
			dxr.ConnectionDetails[k] = []byte(v)
		}
	}
	dxr.Ready = fnv1.Ready_READY_FALSE
	if r.Ready() {
		dxr.Ready = fnv1.Ready_READY_TRUE
	}
	if err := fnsdk.SetDesiredCompositeResource(rsp, dxr, b); err != nil {
		return errors.Wrap(err, "cannot set the desired composite resource")
	}

	for _, w := range append(warnings, r.Warnings...) {
		fnsdk.Warning(rsp, errors.New(w)).TargetCompositeAndClaim()
	}
	if r.Ready() {
		fnsdk.ConditionTrue(rsp, ConditionResourcesReady, "Available").WithMessage("every resource of the runtime is Ready").TargetCompositeAndClaim()
		return nil
	}
	msg := "waiting for " + strings.Join(r.Blocking(), "; ")
	fnsdk.ConditionFalse(rsp, ConditionResourcesReady, "Waiting").WithMessage(msg).TargetCompositeAndClaim()
	fnsdk.Normal(rsp, msg).TargetCompositeAndClaim()
	return nil
}
