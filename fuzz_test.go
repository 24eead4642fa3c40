package main

import (
	"context"
	"encoding/json"
	"flag"
	"os"
	"regexp"
	"testing"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/structpb"

	"github.com/crossplane/function-sdk-go/logging"
	fnv1 "github.com/crossplane/function-sdk-go/proto/v1"

	"github.com/platform-io/function-agentcore-runtime/internal/encoded"
	"github.com/platform-io/function-agentcore-runtime/internal/examples"
)

// fatalNamesAField: a Fatal result names a field of the spec or the Input
// (field.Path renders spec.x, spec[0], or spec: for the root), or says that
// the Input could not be read at all.
var fatalNamesAField = regexp.MustCompile(`(^|\W)(spec|input)[.\[:]|^cannot read the function Input`)

// FuzzRunFunction sends whole RunFunctionRequests built from arbitrary JSON: the
// XR's spec, the Input, and a set of observed composed resources with any
// content and status. The function must not panic, must not return a gRPC
// error, and a Fatal result must say which field is wrong. Seeds are in
// testdata/fuzz/FuzzRunFunction, built from example/*/ (TestWriteFuzzSeeds).
//
//	go test -run='^$' -fuzz='^FuzzRunFunction$' -fuzztime=10m .
func FuzzRunFunction(f *testing.F) {
	f.Add([]byte(`{"agentRuntimeName":"a"}`), []byte(`{"region":"us-east-1"}`), []byte(`{}`), false)
	fn := &Function{log: logging.NewNopLogger()}
	f.Fuzz(func(t *testing.T, spec, input, observed []byte, namespaced bool) {
		req, ok := fuzzRequest(spec, input, observed, namespaced)
		if !ok {
			return
		}
		rsp, err := fn.RunFunction(context.Background(), req)
		if err != nil {
			t.Fatalf("RunFunction returned an error (a gRPC error for Crossplane): %v", err)
		}
		for _, r := range rsp.GetResults() {
			if r.GetSeverity() == fnv1.Severity_SEVERITY_FATAL && !fatalNamesAField.MatchString(r.GetMessage()) {
				t.Errorf("a Fatal result names no field:\n%s", r.GetMessage())
			}
		}
		// Nothing rendered holds an empty map or list (see TestNoEmptyMapsOrLists).
		for name, r := range rsp.GetDesired().GetResources() {
			fp, _ := r.GetResource().AsMap()["spec"].(map[string]any)
			for _, p := range emptyPaths(fp["forProvider"], "spec.forProvider") {
				t.Errorf("%s renders an empty %s", name, p)
			}
		}
	})
}

// fuzzRequest builds the request: spec is any JSON value (the XR's spec),
// input a JSON object (else the request has no Input), observed a JSON object of
// composition resource name -> object (entries that are not objects are left
// out). ok is false when spec is not JSON at all.
func fuzzRequest(spec, input, observed []byte, namespaced bool) (*fnv1.RunFunctionRequest, bool) {
	var s any
	if err := json.Unmarshal(spec, &s); err != nil {
		return nil, false
	}
	meta := map[string]any{"name": "fuzz", "labels": map[string]any{"crossplane.io/claim-namespace": "team-a"}}
	apiVersion := "agentcore.platform.io/v1alpha1"
	if namespaced {
		meta = map[string]any{"name": "fuzz", "namespace": "team-a"}
		apiVersion = "agentcore.m.platform.io/v1alpha1"
	}
	xr, err := structpb.NewStruct(map[string]any{"apiVersion": apiVersion, "kind": "XAgentCoreRuntime", "metadata": meta, "spec": s})
	if err != nil {
		return nil, false
	}
	req := &fnv1.RunFunctionRequest{
		Meta:     &fnv1.RequestMeta{Tag: "fuzz"},
		Observed: &fnv1.State{Composite: &fnv1.Resource{Resource: xr}},
	}
	var in map[string]any
	if json.Unmarshal(input, &in) == nil && in != nil {
		if req.Input, err = structpb.NewStruct(in); err != nil {
			return nil, false
		}
	}
	var obs map[string]any
	if json.Unmarshal(observed, &obs) == nil && len(obs) > 0 {
		req.Observed.Resources = map[string]*fnv1.Resource{}
		for name, o := range obs {
			m, ok := o.(map[string]any)
			if !ok {
				continue
			}
			st, err := structpb.NewStruct(m)
			if err != nil {
				continue
			}
			req.Observed.Resources[name] = &fnv1.Resource{Resource: st}
		}
	}
	return req, true
}

// TestMain bounds the minimisation of new fuzz inputs to 5 s (the default is
// 60 s) unless -test.fuzzminimizetime is given: the seeds are whole observed
// states of some 20 KB, and the default lets one minimisation take most of a
// 20-30 s CI fuzz run without a single new execution.
func TestMain(m *testing.M) {
	flag.Parse()
	set := false
	flag.Visit(func(f *flag.Flag) { set = set || f.Name == "test.fuzzminimizetime" })
	if !set {
		_ = flag.Set("test.fuzzminimizetime", "5s")
	}
	os.Exit(m.Run())
}

// FuzzRun sends arbitrary bytes to the encoded service (encodedRunner.run,
// without a memo), what the server runs for a request: it never panics; bytes protobuf cannot decode are an Internal error
// (as gRPC's codec would give), anything else a response that decodes; a Fatal
// result names a field, and adds no desired resource. Seeds: every example's
// encoded request, and a few hand-made ones.
//
//	go test -run='^$' -fuzz='^FuzzRun$' -fuzztime=10m -fuzzminimizetime=5s .
func FuzzRun(f *testing.F) {
	dirs, err := examples.Dirs("example")
	if err != nil {
		f.Fatal(err)
	}
	for _, dir := range dirs {
		req, err := examples.Load(dir)
		if err != nil {
			f.Fatal(err)
		}
		b, err := proto.Marshal(req)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte{})
	f.Add([]byte{0x0a, 0x03, 0x0a, 0x01, 't'})
	r := &encodedRunner{fn: &Function{log: logging.NewNopLogger()}}
	f.Fuzz(func(t *testing.T, b []byte) {
		msg, err := r.run(context.Background(), &encoded.Message{Bytes: b})
		var out []byte
		if msg != nil {
			out = msg.Bytes
		}
		req := &fnv1.RunFunctionRequest{}
		if perr := proto.Unmarshal(b, req); perr != nil {
			if status.Code(err) != codes.Internal {
				t.Fatalf("protobuf refuses the request (%v), Run gave %v", perr, err)
			}
			return
		}
		if err != nil {
			t.Fatalf("Run returned an error (a gRPC error for Crossplane) for a request protobuf decodes: %v", err)
		}
		rsp := &fnv1.RunFunctionResponse{}
		if err := proto.Unmarshal(out, rsp); err != nil {
			t.Fatalf("the response does not decode: %v", err)
		}
		for _, r := range rsp.GetResults() {
			if r.GetSeverity() != fnv1.Severity_SEVERITY_FATAL {
				continue
			}
			if !fatalNamesAField.MatchString(r.GetMessage()) {
				t.Errorf("a Fatal result names no field:\n%s", r.GetMessage())
			}
			for name := range rsp.GetDesired().GetResources() {
				if _, ok := req.GetDesired().GetResources()[name]; !ok {
					t.Errorf("a Fatal response adds desired resource %q", name)
				}
			}
		}
	})
}
