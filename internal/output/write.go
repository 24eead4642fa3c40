package output

import (
	"strings"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/crossplane/function-sdk-go/errors"
	fnv1 "github.com/crossplane/function-sdk-go/proto/v1"

	"github.com/platform-io/function-agentcore-runtime/internal/compose"
	"github.com/platform-io/function-agentcore-runtime/internal/fnsdk"
	"github.com/platform-io/function-agentcore-runtime/internal/validate"
	"github.com/platform-io/function-agentcore-runtime/internal/xr"
)

// ConditionResourcesReady says whether every resource of the runtime is Ready, and
// if not, what the composite waits for.
const ConditionResourcesReady = "ResourcesReady"

// ReasonResourceError is the ResourcesReady reason when a composed resource's
// provider reports an error (its Synced=False message, e.g. AWS's).
const ReasonResourceError = "ResourceError"

// Write puts the pass into the response: composed resources with their readiness,
// the composite's status and readiness, warnings and what the composite waits for.
func Write(rsp *fnsdk.Response, req *fnsdk.Request, x xr.XR, in compose.Request, r compose.Result, warnings []validate.Warning) error {
	objects := make(map[string]map[string]any, len(r.Resources))
	ready := make(map[string]bool, len(r.Resources))
	for _, res := range r.Resources {
		objects[res.Name], ready[res.Name] = res.Object, res.Ready
	}
	if err := rsp.SetDesiredComposed(objects, ready); err != nil {
		return errors.Wrap(err, "cannot set the desired composed resources")
	}

	dxr := fnsdk.DesiredComposite(req)
	u := unstructured.Unstructured{Object: dxr.Object}
	u.SetAPIVersion(x.APIVersion)
	u.SetKind(x.Kind)
	u.SetName(x.Name)
	if x.Namespace != "" {
		u.SetNamespace(x.Namespace)
	}
	for k, v := range Status(r.Facts, in.Settings.Region) {
		if err := fnsdk.SetStatus(dxr.Object, k, v); err != nil {
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
	if err := rsp.SetDesiredComposite(dxr); err != nil {
		return errors.Wrap(err, "cannot set the desired composite resource")
	}

	for _, w := range append(warnings, r.Warnings...) {
		rsp.WarningToCompositeAndClaim(errors.New(w.String()))
	}
	if len(r.Failing) > 0 {
		// The provider's errors, where kubectl describe shows them: events of the
		// composite and the claim, and the composite's condition. Nothing is
		// removed or re-created because of them.
		failing := make([]string, len(r.Failing))
		for i, f := range r.Failing {
			failing[i] = f.String()
			rsp.WarningToCompositeAndClaim(errors.New(failing[i]))
		}
		msg := "the provider reports errors: " + strings.Join(failing, "; ")
		if !r.Ready() {
			msg += "; waiting for " + strings.Join(r.Blocking(), "; ")
		}
		rsp.ConditionToCompositeAndClaim(ConditionResourcesReady, false, ReasonResourceError, msg)
		return nil
	}
	if r.Ready() {
		rsp.ConditionToCompositeAndClaim(ConditionResourcesReady, true, "Available", "every resource of the runtime is Ready")
		return nil
	}
	msg := "waiting for " + strings.Join(r.Blocking(), "; ")
	rsp.ConditionToCompositeAndClaim(ConditionResourcesReady, false, "Waiting", msg)
	rsp.NormalToCompositeAndClaim(msg)
	return nil
}
