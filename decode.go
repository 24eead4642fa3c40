package main

import (
	"strings"

	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/crossplane/function-sdk-go/errors"

	"github.com/platform-io/function-agentcore-runtime/apis/v1alpha1"
	"github.com/platform-io/function-agentcore-runtime/input/v1beta1"
	"github.com/platform-io/function-agentcore-runtime/internal/compose"
	"github.com/platform-io/function-agentcore-runtime/internal/fnsdk"
	"github.com/platform-io/function-agentcore-runtime/internal/naming"
	"github.com/platform-io/function-agentcore-runtime/internal/render"
	"github.com/platform-io/function-agentcore-runtime/internal/spec"
	"github.com/platform-io/function-agentcore-runtime/internal/validate"
	"github.com/platform-io/function-agentcore-runtime/internal/xr"
)

// decoded is a request the function can compose from.
type decoded struct {
	XR       xr.XR
	Request  compose.Request
	Warnings []validate.Warning
}

// decode reads the Input, the environment, the XR and the observed resources, and
// validates all of them: every problem is in the one error it returns.
func decode(req *fnsdk.Request) (*decoded, error) {
	oxr := req.Observed.Composite.Object
	in := &v1beta1.Input{}
	if err := fnsdk.GetInput(req, in); err != nil {
		return nil, errors.Wrap(err, "cannot read the function Input")
	}
	x := xr.Read(oxr)
	valid, errs, ws := validate.Request(in, environment(req), x.Spec, x.TeamNamespace(), referencedValues(req))
	st, s := valid.Settings, valid.Spec
	if len(errs) > 0 {
		return nil, invalid(errs)
	}
	obs := make(compose.Observed, len(req.Observed.Resources))
	for name, r := range req.Observed.Resources {
		obs[name] = r.Object
	}
	if err := unresolvedAfterCreation(valid.Unresolved, obs); err != nil {
		return nil, err
	}
	return &decoded{
		XR: x,
		Request: compose.Request{
			Spec:               s,
			Settings:           st,
			Observed:           obs,
			TeamNamespace:      x.TeamNamespace(),
			SecretName:         secretName(x.Name, s),
			PreviousConnection: previousConnection(req),
			References:         parameters(valid.References),
			Unresolved:         parameters(valid.Unresolved),
			XRName:             x.Name,
			Target: render.Target{
				Namespaced: x.Namespaced(), Namespace: x.Namespace, Region: st.Region,
				ProviderConfigKind: st.ProviderConfigKind, ProviderConfigName: st.ProviderConfigName,
			},
		},
		Warnings: ws,
	}, nil
}

// invalid is the Fatal message: one line per problem.
func invalid(errs field.ErrorList) error {
	lines := make([]string, 0, len(errs))
	for _, e := range errs {
		lines = append(lines, e.Error())
	}
	return errors.Errorf("invalid AgentCore runtime (%d problems):\n%s", len(errs), strings.Join(lines, "\n"))
}

// secretName is a namespaced XR's connection Secret: spec.writeConnectionSecretToRef,
// else <xr>-connection.
func secretName(xrName string, s *v1alpha1.Spec) string {
	if s.WriteConnectionSecretToRef != nil {
		return s.WriteConnectionSecretToRef.Name
	}
	return xrName + "-connection"
}

// previousConnection are the connection details Crossplane observed on the composite.
func previousConnection(req *fnsdk.Request) map[string]string {
	cd := req.Observed.Composite.ConnectionDetails
	out := make(map[string]string, len(cd))
	for k, v := range cd {
		out[k] = string(v)
	}
	return out
}

// environment is the pipeline's environment context (e.g. from EnvironmentConfigs).
func environment(req *fnsdk.Request) map[string]any {
	v, _ := fnsdk.ContextKey(req, "apiextensions.crossplane.io/environment")
	m, _ := v.(map[string]any)
	return m
}

// referencedValues are the values of the spec's ssm: references read so far:
// the connection detail attribute.value that provider-aws publishes for each
// observe-only Parameter, by the parameter's name (its external name).
func referencedValues(req *fnsdk.Request) map[string]string {
	out := map[string]string{}
	for name, r := range req.Observed.Resources {
		if !strings.HasPrefix(name, naming.SSMReferencePrefix) {
			continue
		}
		v, ok := r.ConnectionDetails["attribute.value"]
		parameter, _ := compose.Lookup(r.Object, "metadata", "annotations", render.ExternalNameAnnotation).(string)
		if ok && parameter != "" {
			out[parameter] = string(v)
		}
	}
	return out
}

// unresolvedAfterCreation is an error when a reference has no value although
// the runtime's resources exist: composing without them would delete them, so
// the pass changes nothing (a Fatal result) until the value is back.
func unresolvedAfterCreation(unresolved []spec.Reference, observed compose.Observed) error {
	if len(unresolved) == 0 {
		return nil
	}
	for name := range observed {
		if strings.HasPrefix(name, naming.SSMReferencePrefix) {
			continue
		}
		var errs field.ErrorList
		for _, r := range unresolved {
			for _, f := range r.Fields {
				errs = append(errs, &field.Error{Type: field.ErrorTypeInvalid, Field: f, BadValue: "ssm:" + r.Parameter,
					Detail: "the value of the SSM parameter " + r.Parameter + " is missing (its observe-only Parameter " + naming.SSMReference(r.Parameter) + " publishes it as the connection detail attribute.value): nothing is changed until it is back"})
			}
		}
		return invalid(errs)
	}
	return nil
}

func parameters(refs []spec.Reference) []string {
	out := make([]string, len(refs))
	for i, r := range refs {
		out[i] = r.Parameter
	}
	return out
}
