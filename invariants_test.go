package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/structpb"

	"github.com/crossplane/function-sdk-go/logging"
	fnv1 "github.com/crossplane/function-sdk-go/proto/v1"

	"github.com/platform-io/function-agentcore-runtime/internal/examples"
	"github.com/platform-io/function-agentcore-runtime/internal/kinds"
)

// invariantCase is a request to check invariants on: an example case as
// committed, or at steady state.
type invariantCase struct {
	name string
	req  *fnv1.RunFunctionRequest
	// passes are the requests of every pass from the case to its steady state
	// (steady-state cases only).
	passes []*fnv1.RunFunctionRequest
}

// invariantCases are every example case as committed and converged to steady
// state with the simulated provider.
func invariantCases(t *testing.T) []invariantCase {
	t.Helper()
	dirs, err := examples.Dirs("example")
	if err != nil {
		t.Fatal(err)
	}
	f := &Function{log: logging.NewNopLogger()}
	var out []invariantCase
	for _, dir := range dirs {
		req, err := examples.Load(dir)
		if err != nil {
			t.Fatal(err)
		}
		var passes []*fnv1.RunFunctionRequest
		run := func(r *fnv1.RunFunctionRequest) (*fnv1.RunFunctionResponse, error) {
			passes = append(passes, r)
			return f.RunFunction(context.Background(), r)
		}
		steady, _, err := examples.Converge(run, req, 20)
		if err != nil {
			t.Fatalf("%s: %v", dir, err)
		}
		out = append(out,
			invariantCase{name: filepath.Base(dir), req: req},
			invariantCase{name: filepath.Base(dir) + "/steady-state", req: steady, passes: append(passes, steady)},
		)
	}
	return out
}

func runOnce(t *testing.T, req *fnv1.RunFunctionRequest) *fnv1.RunFunctionResponse {
	t.Helper()
	rsp, err := (&Function{log: logging.NewNopLogger()}).RunFunction(context.Background(), req)
	if err != nil {
		t.Fatalf("RunFunction: %v", err)
	}
	for _, r := range rsp.GetResults() {
		if r.GetSeverity() == fnv1.Severity_SEVERITY_FATAL {
			t.Fatalf("RunFunction: fatal result: %s", r.GetMessage())
		}
	}
	return rsp
}

func marshal(t *testing.T, m proto.Message) string {
	t.Helper()
	b, err := proto.MarshalOptions{Deterministic: true}.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestDeterministicOver100Calls: the same request, 100 times, gives
// byte-identical responses, for every example at its pass and at steady state,
// and for invalid requests (their Fatal results too).
func TestDeterministicOver100Calls(t *testing.T) {
	cases := invariantCases(t)
	for name, in := range map[string]string{
		"invalid/UnknownInputField": `{"apiVersion":"runtime.agentcore.platform.io/v1beta1","kind":"Input","region":"us-east-1","regoin":"x"}`,
		"invalid/InputWrongType":    `{"apiVersion":"runtime.agentcore.platform.io/v1beta1","kind":"Input","region":5,"ecr":{"keepLastImages":"x"}}`,
		"invalid/Settings":          `{"apiVersion":"runtime.agentcore.platform.io/v1beta1","kind":"Input","region":"nowhere","partition":"x","ssmParameterPrefix":"a//"}`,
	} {
		cases = append(cases, invariantCase{name: name, req: newRequest(namespacedXR, in)})
	}
	cases = append(cases, invariantCase{name: "invalid/Spec", req: newRequest(`{"apiVersion":"agentcore.m.platform.io/v1alpha1","kind":"XAgentCoreRuntime","metadata":{"name":"rt","namespace":"team-a"},"spec":{"agentRuntimeName":"9 bad","policies":[{"policyArn":"x","policyDocument":{}}],"unknown":{"a":1}}}`, input)})
	f := &Function{log: logging.NewNopLogger()}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			call := func() string {
				rsp, err := f.RunFunction(context.Background(), c.req)
				if err != nil {
					t.Fatal(err)
				}
				return marshal(t, rsp)
			}
			want := call()
			for i := range 100 {
				if got := call(); got != want {
					t.Fatalf("call %d gave a different response than the first", i+2)
				}
			}
		})
	}
}

// TestShuffledObservedState: the order of lists the function must not care
// about (each observed resource's status.conditions, the XR's resource refs)
// and the order observed resources are added to the request's map do not
// change the response.
func TestShuffledObservedState(t *testing.T) {
	for _, c := range invariantCases(t) {
		t.Run(c.name, func(t *testing.T) {
			want := marshal(t, runOnce(t, c.req))
			rng := rand.New(rand.NewPCG(1, uint64(len(c.name))))
			for i := range 20 {
				shuffled := shuffle(t, c.req, rng)
				if got := marshal(t, runOnce(t, shuffled)); got != want {
					t.Fatalf("shuffle %d: the response changed", i)
				}
			}
		})
	}
}

// shuffle returns a copy of req with its observed lists shuffled and its
// observed resources inserted in a random order.
func shuffle(t *testing.T, req *fnv1.RunFunctionRequest, rng *rand.Rand) *fnv1.RunFunctionRequest {
	t.Helper()
	out := proto.Clone(req).(*fnv1.RunFunctionRequest) //nolint:forcetypeassert // Clone keeps the type.
	xr := out.GetObserved().GetComposite().GetResource()
	for _, path := range [][]string{{"spec", "resourceRefs"}, {"spec", "crossplane", "resourceRefs"}} {
		shuffleList(fieldAt(xr, path...), rng)
	}
	names := make([]string, 0, len(out.GetObserved().GetResources()))
	for n := range out.GetObserved().GetResources() {
		names = append(names, n)
	}
	sort.Strings(names)
	rng.Shuffle(len(names), func(i, j int) { names[i], names[j] = names[j], names[i] })
	resources := make(map[string]*fnv1.Resource, len(names))
	for _, n := range names {
		r := out.GetObserved().GetResources()[n]
		shuffleList(fieldAt(r.GetResource(), "status", "conditions"), rng)
		resources[n] = r
	}
	if len(resources) > 0 {
		out.Observed.Resources = resources
	}
	return out
}

func fieldAt(s *structpb.Struct, path ...string) *structpb.Value {
	v := structpb.NewStructValue(s)
	for _, p := range path {
		v = v.GetStructValue().GetFields()[p]
		if v == nil {
			return nil
		}
	}
	return v
}

func shuffleList(v *structpb.Value, rng *rand.Rand) {
	l := v.GetListValue().GetValues()
	rng.Shuffle(len(l), func(i, j int) { l[i], l[j] = l[j], l[i] })
}

// physicalNames are the AWS names of every desired resource: what an MR's
// external name, or the field AWS names it by, holds. Changing one replaces (or
// orphans) the AWS resource.
func physicalNames(rsp *fnv1.RunFunctionResponse) map[string]string {
	out := map[string]string{}
	for name, r := range rsp.GetDesired().GetResources() {
		o := r.GetResource()
		for _, p := range kinds.NamePaths() {
			if v := fieldAt(o, p...); v != nil {
				out[fmt.Sprintf("%s %v", name, p[len(p)-1])] = v.GetStringValue()
			}
		}
		if kind := fieldAt(o, "kind").GetStringValue(); kind == "Secret" {
			out[name+" metadata.name"] = fieldAt(o, "metadata", "name").GetStringValue()
		}
	}
	return out
}

// TestPhysicalNamesNeverChangeWithStatus: a physical name, once rendered, stays
// the same on every later pass to steady state, and does not change when only
// the observed status changes (lost, partial, not Ready) at steady state.
func TestPhysicalNamesNeverChangeWithStatus(t *testing.T) {
	for _, c := range invariantCases(t) {
		if c.passes == nil {
			continue
		}
		t.Run(c.name, func(t *testing.T) {
			seen := map[string]string{}
			for i, req := range c.passes {
				for k, v := range physicalNames(runOnce(t, req)) {
					if old, ok := seen[k]; ok && old != v {
						t.Errorf("pass %d: %s changed from %q to %q", i+1, k, old, v)
					}
					seen[k] = v
				}
			}
			want := physicalNames(runOnce(t, c.req))
			rng := rand.New(rand.NewPCG(2, uint64(len(c.name))))
			for i := range 50 {
				mutated := mutateStatus(c.req, rng)
				got := physicalNames(runOnce(t, mutated))
				if diff := cmp.Diff(want, got); diff != "" {
					t.Fatalf("status mutation %d: physical names changed (-steady state, +mutated):\n%s", i, diff)
				}
			}
		})
	}
}

// mutateStatus returns a copy of req where each observed resource's status is
// kept, lost, lost its atProvider or its conditions, or is not Ready.
func mutateStatus(req *fnv1.RunFunctionRequest, rng *rand.Rand) *fnv1.RunFunctionRequest {
	out := proto.Clone(req).(*fnv1.RunFunctionRequest) //nolint:forcetypeassert // Clone keeps the type.
	names := make([]string, 0, len(out.GetObserved().GetResources()))
	for n := range out.GetObserved().GetResources() {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		o := out.GetObserved().GetResources()[n].GetResource()
		st := o.GetFields()["status"].GetStructValue()
		switch rng.IntN(5) {
		case 0:
			delete(o.GetFields(), "status")
		case 1:
			if st != nil {
				delete(st.GetFields(), "atProvider")
			}
		case 2:
			if st != nil {
				delete(st.GetFields(), "conditions")
			}
		case 3:
			for _, c := range fieldAt(o, "status", "conditions").GetListValue().GetValues() {
				c.GetStructValue().GetFields()["status"] = structpb.NewStringValue("False")
			}
		}
	}
	return out
}

// TestNoEmptyMapsOrLists: nothing the function renders holds an empty map or
// list in spec.forProvider (Terraform fails on environmentVariables: {}, AWS
// refuses empty lists, an empty managedPolicyArns would detach every policy),
// for every example at every pass on its way to steady state.
func TestNoEmptyMapsOrLists(t *testing.T) {
	for _, tc := range invariantCases(t) {
		for i, req := range append(tc.passes, tc.req) {
			for name, r := range runOnce(t, req).GetDesired().GetResources() {
				fp, _ := r.GetResource().AsMap()["spec"].(map[string]any)
				for _, p := range emptyPaths(fp["forProvider"], "spec.forProvider") {
					t.Errorf("%s, request %d: %s renders an empty %s", tc.name, i, name, p)
				}
			}
		}
	}
}

// emptyPaths are the paths of the empty maps and lists in v.
func emptyPaths(v any, path string) []string {
	var out []string
	switch t := v.(type) {
	case map[string]any:
		if len(t) == 0 {
			return []string{path + " (map)"}
		}
		for k, x := range t {
			out = append(out, emptyPaths(x, path+"."+k)...)
		}
	case []any:
		if len(t) == 0 {
			return []string{path + " (list)"}
		}
		for i, x := range t {
			out = append(out, emptyPaths(x, fmt.Sprintf("%s[%d]", path, i))...)
		}
	}
	return out
}
