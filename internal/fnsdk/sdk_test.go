package fnsdk

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/testing/protocmp"
	"google.golang.org/protobuf/types/known/structpb"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/crossplane/function-sdk-go/errors"
	fnv1 "github.com/crossplane/function-sdk-go/proto/v1"
	"github.com/crossplane/function-sdk-go/request"
	"github.com/crossplane/function-sdk-go/resource"
	"github.com/crossplane/function-sdk-go/resource/composed"
	"github.com/crossplane/function-sdk-go/response"

	"github.com/platform-io/function-agentcore-runtime/input/v1beta1"
)

func TestGetInputIsTheSDKs(t *testing.T) {
	cases := map[string]*structpb.Struct{
		"Valid":        resource.MustStructJSON(`{"apiVersion":"runtime.agentcore.platform.io/v1beta1","kind":"Input","region":"us-east-1","tags":{"a":"b"},"ecr":{"keepLastImages":5}}`),
		"UnknownField": resource.MustStructJSON(`{"region":"us-east-1","regoin":"x"}`),
		"WrongType":    resource.MustStructJSON(`{"region":5}`),
		"WrongNested":  resource.MustStructJSON(`{"ecr":{"keepLastImages":"five"}}`),
		"Fraction":     resource.MustStructJSON(`{"ecr":{"keepLastImages":1.5}}`),
		"NoInput":      nil,
	}
	for name, in := range cases {
		t.Run(name, func(t *testing.T) {
			req := &fnv1.RunFunctionRequest{Input: in}
			decoded := decodeTyped(t, req)
			want, got := &v1beta1.Input{}, &v1beta1.Input{}
			wantErr, gotErr := request.GetInput(req, want), GetInput(decoded, got)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Input: -SDK, +fnsdk:\n%s", diff)
			}
			// The SDK's wording varies (see deterministic); fnsdk's does not.
			sdk := strings.ReplaceAll(errString(wantErr), "json: unable to ", "json: cannot ")
			if diff := cmp.Diff(sdk, errString(gotErr)); diff != "" {
				t.Errorf("error: -SDK, +fnsdk:\n%s", diff)
			}
			for range 20 {
				if again := errString(GetInput(decoded, &v1beta1.Input{})); again != errString(gotErr) {
					t.Fatalf("two calls gave different errors:\n%s\n%s", errString(gotErr), again)
				}
			}
		})
	}
}

func TestObservedIsTheSDKs(t *testing.T) {
	req := &fnv1.RunFunctionRequest{
		Observed: &fnv1.State{
			Composite: &fnv1.Resource{Resource: resource.MustStructJSON(`{"apiVersion":"a/v1","kind":"X","metadata":{"name":"x"},"spec":{"l":[1,"a",null,{"b":true}]}}`)},
			Resources: map[string]*fnv1.Resource{
				"a":     {Resource: resource.MustStructJSON(`{"apiVersion":"b/v1","kind":"Y","status":{"conditions":[{"type":"Ready","status":"True"}]}}`)},
				"empty": {},
			},
		},
		Context: resource.MustStructJSON(`{"apiextensions.crossplane.io/environment":{"region":"eu-west-1"}}`),
	}
	decoded := decodeTyped(t, req)
	oxr, err := request.GetObservedCompositeResource(req)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(oxr.Resource.Object, decoded.Observed.Composite.Object); diff != "" {
		t.Errorf("ObservedComposite: -SDK, +fnsdk:\n%s", diff)
	}
	ocds, err := request.GetObservedComposedResources(req)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]map[string]any{}
	for name, o := range ocds {
		want[string(name)] = o.Resource.Object
	}
	got := map[string]map[string]any{}
	for name, r := range decoded.Observed.Resources {
		got[name] = r.Object
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ObservedComposed: -SDK, +fnsdk:\n%s", diff)
	}
	for _, key := range []string{"apiextensions.crossplane.io/environment", "missing"} {
		wv, wok := request.GetContextKey(req, key)
		gv, gok := ContextKey(decoded, key)
		if diff := cmp.Diff(wv.AsInterface(), gv); diff != "" || wok != gok {
			t.Errorf("GetContextKey(%q): -SDK, +fnsdk:\n%s %v %v", key, diff, wok, gok)
		}
	}
	if decodeTyped(t, &fnv1.RunFunctionRequest{}).Observed.Composite.Object == nil {
		t.Error("ObservedComposite of no composite is nil, want an empty object")
	}
}

func TestResponseIsTheSDKs(t *testing.T) {
	req := &fnv1.RunFunctionRequest{
		Meta:    &fnv1.RequestMeta{Tag: "tag"},
		Desired: &fnv1.State{Resources: map[string]*fnv1.Resource{"a": {Resource: resource.MustStructJSON(`{"kind":"A"}`), ConnectionDetails: map[string][]byte{"k": []byte("v")}, Ready: fnv1.Ready(7)}}},
		Context: resource.MustStructJSON(`{"k":"v"}`),
	}
	want := response.To(req, response.DefaultTTL)
	response.Fatal(want, errors.New("fatal"))
	response.Warning(want, errors.New("warning")).TargetCompositeAndClaim()
	response.Normal(want, "normal").TargetCompositeAndClaim()
	response.ConditionTrue(want, "Ready", "Available").WithMessage("yes").TargetCompositeAndClaim()
	response.ConditionFalse(want, "Other", "Waiting").WithMessage("").TargetCompositeAndClaim()

	got := To(decodeTyped(t, req), DefaultTTL)
	got.Fatal(errors.New("fatal"))
	got.WarningToCompositeAndClaim(errors.New("warning"))
	got.NormalToCompositeAndClaim("normal")
	got.ConditionToCompositeAndClaim("Ready", true, "Available", "yes")
	got.ConditionToCompositeAndClaim("Other", false, "Waiting", "")

	// The request's desired state is passed on as it came when nothing set it.
	if diff := cmp.Diff(want, decodeResponse(t, got), protocmp.Transform()); diff != "" {
		t.Errorf("response: -SDK, +fnsdk:\n%s", diff)
	}
	if DefaultTTL != response.DefaultTTL {
		t.Errorf("DefaultTTL %v, the SDK's %v", DefaultTTL, response.DefaultTTL)
	}
}

func TestDesiredIsTheSDKs(t *testing.T) {
	kindless := resource.MustStructJSON(`{"kind":"K","spec":{"l":[1,null,"a"]}}`)
	kindless.Fields["x"] = &structpb.Value{}
	for name, d := range map[string]*fnv1.State{
		"EarlierSteps": {
			Composite: &fnv1.Resource{Resource: resource.MustStructJSON(`{"status":{"a":"b"}}`), ConnectionDetails: map[string][]byte{"k": []byte("v")}, Ready: fnv1.Ready_READY_TRUE},
			Resources: map[string]*fnv1.Resource{
				"kindless": {Resource: kindless, Ready: fnv1.Ready_READY_TRUE, ConnectionDetails: map[string][]byte{"k": []byte("v")}},
				"nil":      {Ready: fnv1.Ready(9)},
				"false":    {Resource: resource.MustStructJSON(`{}`), Ready: fnv1.Ready_READY_FALSE},
			},
		},
		"None": nil,
	} {
		t.Run(name, func(t *testing.T) {
			req := &fnv1.RunFunctionRequest{Meta: &fnv1.RequestMeta{Tag: "t"}, Desired: d}
			obj := map[string]any{"apiVersion": "a/v1", "kind": "Mine", "spec": map[string]any{"n": 1, "f": 1.5, "l": []any{"x", true, nil, map[string]any{}}, "long": strings.Repeat("x", 300)}}

			want := response.To(req, response.DefaultTTL)
			dcds, err := request.GetDesiredComposedResources(req)
			if err != nil {
				t.Fatal(err)
			}
			dcds["mine"] = &resource.DesiredComposed{Resource: &composed.Unstructured{Unstructured: unstructured.Unstructured{Object: obj}}, Ready: resource.ReadyTrue}
			if err := response.SetDesiredComposedResources(want, dcds); err != nil {
				t.Fatal(err)
			}
			dxr, err := request.GetDesiredCompositeResource(req)
			if err != nil {
				t.Fatal(err)
			}
			if err := dxr.Resource.SetValue("status.c", []any{"d"}); err != nil {
				t.Fatal(err)
			}
			dxr.Ready = resource.ReadyFalse
			if err := response.SetDesiredCompositeResource(want, dxr); err != nil {
				t.Fatal(err)
			}

			decoded := decodeTyped(t, req)
			got := To(decoded, DefaultTTL)
			if err := got.SetDesiredComposed(map[string]map[string]any{"mine": obj}, map[string]bool{"mine": true}); err != nil {
				t.Fatal(err)
			}
			c := DesiredComposite(decoded)
			if err := SetStatus(c.Object, "c", []any{"d"}); err != nil {
				t.Fatal(err)
			}
			c.Ready = fnv1.Ready_READY_FALSE
			if err := got.SetDesiredComposite(c); err != nil {
				t.Fatal(err)
			}
			// Byte for byte what protobuf encodes, deterministically.
			wantBytes, err := proto.MarshalOptions{Deterministic: true}.Marshal(want)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, decodeResponse(t, got), protocmp.Transform()); diff != "" {
				t.Errorf("desired state: -SDK, +fnsdk:\n%s", diff)
			} else if !bytes.Equal(wantBytes, got.Marshal()) {
				t.Error("the encoded response is not what proto.MarshalOptions{Deterministic: true} encodes")
			}
			if diff := cmp.Diff(decodeTyped(t, req).Desired, decoded.Desired, cmpopts.EquateEmpty(), cmpopts.IgnoreUnexported(State{})); diff != "" {
				t.Errorf("writing the response changed the request: %s", diff)
			}
		})
	}
}

func TestSetStatusErrorIsTheSDKs(t *testing.T) {
	for name, status := range map[string]string{"NotAnObject": `"x"`, "Null": `null`, "List": `[]`} {
		t.Run(name, func(t *testing.T) {
			req := &fnv1.RunFunctionRequest{Desired: &fnv1.State{Composite: &fnv1.Resource{Resource: resource.MustStructJSON(`{"status":` + status + `}`)}}}
			dxr, err := request.GetDesiredCompositeResource(req)
			if err != nil {
				t.Fatal(err)
			}
			want := dxr.Resource.SetValue("status.a", "b")
			got := SetStatus(DesiredComposite(decodeTyped(t, req)).Object, "a", "b")
			if diff := cmp.Diff(errString(want), errString(got)); diff != "" || want == nil {
				t.Errorf("error: -SDK, +fnsdk:\n%s", diff)
			}
		})
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// decodeTyped is DecodeRequest of req's encoding.
func decodeTyped(t *testing.T, req *fnv1.RunFunctionRequest) *Request {
	t.Helper()
	b, err := proto.Marshal(req)
	if err != nil {
		t.Fatal(err)
	}
	r, err := DecodeRequest(b)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// decodeResponse is the protobuf decoding of rsp's encoding.
func decodeResponse(t *testing.T, rsp *Response) *fnv1.RunFunctionResponse {
	t.Helper()
	out := &fnv1.RunFunctionResponse{}
	if err := proto.Unmarshal(rsp.Marshal(), out); err != nil {
		t.Fatal(err)
	}
	return out
}
