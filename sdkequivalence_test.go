package main

import (
	"context"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/testing/protocmp"
	"google.golang.org/protobuf/types/known/structpb"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/crossplane/function-sdk-go/errors"
	"github.com/crossplane/function-sdk-go/logging"
	fnv1 "github.com/crossplane/function-sdk-go/proto/v1"
	"github.com/crossplane/function-sdk-go/request"
	"github.com/crossplane/function-sdk-go/resource"
	"github.com/crossplane/function-sdk-go/resource/composed"
	"github.com/crossplane/function-sdk-go/response"

	"github.com/platform-io/function-agentcore-runtime/internal/compose"
	"github.com/platform-io/function-agentcore-runtime/internal/fnsdk"
	"github.com/platform-io/function-agentcore-runtime/internal/output"
	"github.com/platform-io/function-agentcore-runtime/internal/validate"
	"github.com/platform-io/function-agentcore-runtime/internal/xr"
)

// runWithSDK is RunFunction as it was written with function-sdk-go's request,
// response and resource helpers, before internal/fnsdk replaced them (see its
// package comment): the reference the function's responses must equal.
func runWithSDK(req *fnv1.RunFunctionRequest) *fnv1.RunFunctionResponse {
	rsp := response.To(req, response.DefaultTTL)
	oxr, err := request.GetObservedCompositeResource(req)
	if err != nil {
		response.Fatal(rsp, errors.Wrap(err, "cannot get the observed composite resource"))
		return rsp
	}
	// decode reads the Input and the observed resources with internal/fnsdk;
	// its tests compare those readers with the SDK's.
	b, err := proto.Marshal(req)
	if err != nil {
		panic(err)
	}
	decoded, err := fnsdk.DecodeRequest(b)
	if err != nil {
		panic(err)
	}
	d, err := decode(decoded)
	if err != nil {
		response.Fatal(rsp, err)
		return rsp
	}
	if diff := cmp.Diff(xr.Read(oxr.Resource.Object), d.XR); diff != "" {
		panic("xr.Read differs: " + diff)
	}
	result := compose.Compose(d.Request)
	if err := writeWithSDK(rsp, req, d.XR, d.Request, result, d.Warnings); err != nil {
		response.Fatal(rsp, errors.Wrap(err, "cannot write the desired state"))
	}
	return rsp
}

// writeWithSDK is output.Write as it was written with the SDK.
func writeWithSDK(rsp *fnv1.RunFunctionResponse, req *fnv1.RunFunctionRequest, x xr.XR, in compose.Request, r compose.Result, warnings []validate.Warning) error {
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
	for k, v := range output.Status(r.Facts, in.Settings.Region) {
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
		response.Warning(rsp, errors.New(w.String())).TargetCompositeAndClaim()
	}
	if len(r.Failing) > 0 {
		failing := make([]string, len(r.Failing))
		for i, f := range r.Failing {
			failing[i] = f.String()
			response.Warning(rsp, errors.New(failing[i])).TargetCompositeAndClaim()
		}
		msg := "the provider reports errors: " + strings.Join(failing, "; ")
		if !r.Ready() {
			msg += "; waiting for " + strings.Join(r.Blocking(), "; ")
		}
		response.ConditionFalse(rsp, output.ConditionResourcesReady, output.ReasonResourceError).WithMessage(msg).TargetCompositeAndClaim()
		return nil
	}
	if r.Ready() {
		response.ConditionTrue(rsp, output.ConditionResourcesReady, "Available").WithMessage("every resource of the runtime is Ready").TargetCompositeAndClaim()
		return nil
	}
	msg := "waiting for " + strings.Join(r.Blocking(), "; ")
	response.ConditionFalse(rsp, output.ConditionResourcesReady, "Waiting").WithMessage(msg).TargetCompositeAndClaim()
	response.Normal(rsp, msg).TargetCompositeAndClaim()
	return nil
}

// withEarlierSteps adds what earlier functions of a pipeline may have put in the
// desired state: composed resources (one with connection details, one with an
// odd readiness, one empty, one with a Value without a kind) and a desired
// composite with status and connection details.
func withEarlierSteps(req *fnv1.RunFunctionRequest) *fnv1.RunFunctionRequest {
	out := proto.Clone(req).(*fnv1.RunFunctionRequest) //nolint:forcetypeassert // Clone keeps the type.
	odd := resource.MustStructJSON(`{"apiVersion":"example.org/v1","kind":"Thing","metadata":{"name":"odd"},"spec":{"n":1.5,"l":[true,null]}}`)
	odd.Fields["kindless"] = &structpb.Value{}
	out.Desired = &fnv1.State{
		Composite: &fnv1.Resource{
			Resource:          resource.MustStructJSON(`{"status":{"fromEarlier":"kept","agentRuntime":{"old":"replaced"}},"metadata":{"labels":{"a":"b"}}}`),
			ConnectionDetails: map[string][]byte{"earlier": []byte("secret")},
			Ready:             fnv1.Ready_READY_TRUE,
		},
		Resources: map[string]*fnv1.Resource{
			"earlier":    {Resource: resource.MustStructJSON(`{"apiVersion":"example.org/v1","kind":"Thing","metadata":{"name":"thing"}}`), Ready: fnv1.Ready_READY_TRUE, ConnectionDetails: map[string][]byte{"k": []byte("v")}},
			"odd":        {Resource: odd, Ready: fnv1.Ready(7)},
			"empty":      {},
			"runtime":    {Resource: resource.MustStructJSON(`{"apiVersion":"example.org/v1","kind":"Overwritten"}`)},
			"notrunning": {Resource: resource.MustStructJSON(`{}`), Ready: fnv1.Ready_READY_FALSE},
		},
	}
	return out
}

// TestSameResponsesAsTheSDK: for every example at its pass and at steady state,
// alone and after earlier pipeline steps, and for every fuzz seed, RunFunction
// gives exactly the response the SDK's helpers gave.
func TestSameResponsesAsTheSDK(t *testing.T) {
	f := &Function{log: logging.NewNopLogger()}
	var reqs []*fnv1.RunFunctionRequest
	var names []string
	for _, c := range invariantCases(t) {
		reqs = append(reqs, c.req, withEarlierSteps(c.req))
		names = append(names, c.name, c.name+"/after-earlier-steps")
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for i := range 50 {
		spec, _ := randomSpec(rng, "aws", "us-east-1", "amazonaws.com")
		req, _ := randomRequest(t, spec, "aws", "us-east-1", i%2 == 0)
		reqs = append(reqs, req)
		names = append(names, "random")
	}
	for i, req := range reqs {
		want := runWithSDK(proto.Clone(req).(*fnv1.RunFunctionRequest)) //nolint:forcetypeassert // Clone keeps the type.
		got, err := f.RunFunction(context.Background(), proto.Clone(req).(*fnv1.RunFunctionRequest))
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got, protocmp.Transform()); diff != "" {
			t.Errorf("%s: -SDK, +RunFunction:\n%s", names[i], diff)
		}
	}
}
