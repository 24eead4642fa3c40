package main

import (
	"bytes"
	"context"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"google.golang.org/protobuf/proto"

	"github.com/crossplane/function-sdk-go/logging"
	fnv1 "github.com/crossplane/function-sdk-go/proto/v1"
	"github.com/crossplane/function-sdk-go/resource"

	"github.com/platform-io/function-agentcore-runtime/internal/examples"
	"github.com/platform-io/function-agentcore-runtime/internal/fnsdk"
)

const (
	input = `{"apiVersion":"runtime.agentcore.platform.io/v1beta1","kind":"Input","region":"us-east-1","accountId":"123456789012","namePrefix":"{{namespace}}-","subnetsReachS3":true}`

	minimalSpec = `"agentRuntimeName":"testAgentRuntime",
		"agentRuntimeArtifact":{"containerConfiguration":{"containerUri":"{{account}}.dkr.ecr.{{region}}.amazonaws.com/test-runtime:latest"}},
		"networkConfiguration":{"securityGroups":["sg-12345678"],"subnets":["subnet-12345678"]},
		"protocolConfiguration":"HTTP"`

	legacyXR     = `{"apiVersion":"agentcore.platform.io/v1alpha1","kind":"XAgentCoreRuntime","metadata":{"name":"rt-x1","labels":{"crossplane.io/claim-namespace":"team-a"}},"spec":{` + minimalSpec + `}}`
	namespacedXR = `{"apiVersion":"agentcore.m.platform.io/v1alpha1","kind":"XAgentCoreRuntime","metadata":{"name":"rt","namespace":"team-a"},"spec":{` + minimalSpec + `}}`
)

func newRequest(xr, in string, mutate ...func(*fnv1.RunFunctionRequest)) *fnv1.RunFunctionRequest {
	req := &fnv1.RunFunctionRequest{
		Meta:     &fnv1.RequestMeta{Tag: "t"},
		Input:    resource.MustStructJSON(in),
		Observed: &fnv1.State{Composite: &fnv1.Resource{Resource: resource.MustStructJSON(xr)}},
	}
	for _, m := range mutate {
		m(req)
	}
	return req
}

// summary is what a case asserts about a response.
type summary struct {
	Results   []string // "<severity>: <first line of message>"
	Resources []string // "<name> <apiVersion> <providerConfigRef>"
	Ready     string   // the desired composite's readiness
}

func summarise(rsp *fnv1.RunFunctionResponse) summary {
	s := summary{Ready: rsp.GetDesired().GetComposite().GetReady().String()}
	for _, r := range rsp.GetResults() {
		first, _, _ := strings.Cut(r.GetMessage(), "\n")
		s.Results = append(s.Results, r.GetSeverity().String()+": "+first)
	}
	for name, r := range rsp.GetDesired().GetResources() {
		m := r.GetResource().AsMap()
		pc, _ := m["spec"].(map[string]any)["providerConfigRef"].(map[string]any)
		ns, _ := m["metadata"].(map[string]any)["namespace"].(string)
		s.Resources = append(s.Resources, strings.Join(strings.Fields(strings.Join([]string{name, m["apiVersion"].(string), ns, str(pc["kind"]), str(pc["name"])}, " ")), " "))
	}
	sort.Strings(s.Resources)
	return s
}

func TestRunFunction(t *testing.T) {
	cases := map[string]struct {
		reason string
		req    *fnv1.RunFunctionRequest
		want   summary
		// wantInMessage are substrings of the first result's whole message.
		wantInMessage []string
	}{
		"LegacyXRComposesClusterScopedMRs": {
			reason: "A legacy XR (claim) gets *.aws.upbound.io MRs with a providerConfigRef by name only.",
			req:    newRequest(legacyXR, input),
			want: summary{
				Results:   []string{"SEVERITY_NORMAL: waiting for execution-role to become Ready; execution-policy to become Ready; the ARN of execution-policy"},
				Resources: []string{"execution-policy iam.aws.upbound.io/v1beta1 default", "execution-role iam.aws.upbound.io/v1beta1 default"},
				Ready:     "READY_FALSE",
			},
		},
		"NamespacedXRComposesNamespacedMRs": {
			reason: "A namespaced XR gets *.aws.m.upbound.io MRs in its namespace with a ClusterProviderConfig by default.",
			req:    newRequest(namespacedXR, input),
			want: summary{
				Results:   []string{"SEVERITY_NORMAL: waiting for execution-role to become Ready; execution-policy to become Ready; the ARN of execution-policy"},
				Resources: []string{"execution-policy iam.aws.m.upbound.io/v1beta1 team-a ClusterProviderConfig default", "execution-role iam.aws.m.upbound.io/v1beta1 team-a ClusterProviderConfig default"},
				Ready:     "READY_FALSE",
			},
		},
		"EnvironmentFillsTheInput": {
			reason: "Region and account may come from the pipeline's environment; the Input's providerConfigRef wins (subnetsReachS3 from the environment too).",
			req: newRequest(namespacedXR, `{"apiVersion":"runtime.agentcore.platform.io/v1beta1","kind":"Input","providerConfigRef":{"kind":"ProviderConfig","name":"team"}}`, func(r *fnv1.RunFunctionRequest) {
				r.Context = resource.MustStructJSON(`{"apiextensions.crossplane.io/environment":{"region":"eu-west-1","accountId":"123456789012","subnetsReachS3":true,"providerConfigRef":{"name":"ignored"},"unrelated":true}}`)
			}),
			want: summary{
				Results:   []string{"SEVERITY_NORMAL: waiting for execution-role to become Ready; execution-policy to become Ready; the ARN of execution-policy"},
				Resources: []string{"execution-policy iam.aws.m.upbound.io/v1beta1 team-a ProviderConfig team", "execution-role iam.aws.m.upbound.io/v1beta1 team-a ProviderConfig team"},
				Ready:     "READY_FALSE",
			},
		},
		"InvalidSpecIsOneFatalNamingEveryField": {
			reason: "Every problem is reported at once, and nothing is composed.",
			req: newRequest(`{"apiVersion":"agentcore.m.platform.io/v1alpha1","kind":"XAgentCoreRuntime","metadata":{"name":"rt","namespace":"team-a"},"spec":{
				"agentRuntimeName":"9bad name",
				"agentRuntimeArtifact":{"containerConfiguration":{"containerUri":"not-an-image"}},
				"networkConfiguration":{"securityGroups":["sg-12345678"],"subnets":["subnet-12345678"]},
				"lifecycleConfiguration":{"idleRuntimeSessionTimeout":30},
				"protocolConfiguration":"SOAP"}}`, input),
			want:          summary{Results: []string{"SEVERITY_FATAL: invalid AgentCore runtime (4 problems):"}, Ready: "READY_UNSPECIFIED"},
			wantInMessage: []string{"spec.agentRuntimeName", "spec.agentRuntimeArtifact.containerConfiguration.containerUri", "spec.lifecycleConfiguration.idleRuntimeSessionTimeout", "spec.protocolConfiguration"},
		},
		"InvalidInputAndSpecTogether": {
			reason:        "Input problems and spec problems come in the same Fatal result.",
			req:           newRequest(`{"apiVersion":"agentcore.m.platform.io/v1alpha1","kind":"XAgentCoreRuntime","metadata":{"name":"rt","namespace":"team-a"},"spec":{"agentRuntimeName":"a","unknownKey":1}}`, `{"apiVersion":"runtime.agentcore.platform.io/v1beta1","kind":"Input"}`),
			want:          summary{Results: []string{"SEVERITY_FATAL: invalid AgentCore runtime (5 problems):"}, Ready: "READY_UNSPECIFIED"},
			wantInMessage: []string{"input.region: Required value", "spec.unknownKey", "input.accountId: Required value"},
		},
		"UnknownInputFieldIsFatal": {
			reason: "A typo in the platform's Input must not be ignored.",
			req:    newRequest(namespacedXR, `{"apiVersion":"runtime.agentcore.platform.io/v1beta1","kind":"Input","region":"us-east-1","regoin":"x"}`),
			want:   summary{Results: []string{"SEVERITY_FATAL: cannot read the function Input: cannot get function input *v1beta1.Input from *v1.RunFunctionRequest: ..."}, Ready: "READY_UNSPECIFIED"},
			// The JSON library's wording differs between versions; the field name is what matters.
			wantInMessage: []string{`unknown name "regoin"`},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			f := &Function{log: logging.NewNopLogger()}
			rsp, err := f.RunFunction(context.Background(), tc.req)
			if err != nil {
				t.Fatalf("%s\nRunFunction(): unexpected error %v", tc.reason, err)
			}
			got := summarise(rsp)
			// A wanted result ending in "..." is a prefix of the message.
			for i, w := range tc.want.Results {
				if p, ok := strings.CutSuffix(w, "..."); ok && i < len(got.Results) && strings.HasPrefix(got.Results[i], p) {
					got.Results[i] = w
				}
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("%s\nRunFunction(): -want, +got:\n%s", tc.reason, diff)
			}
			for _, s := range tc.wantInMessage {
				if msg := rsp.GetResults()[0].GetMessage(); !strings.Contains(msg, s) {
					t.Errorf("%s\nfirst result does not mention %q:\n%s", tc.reason, s, msg)
				}
			}
		})
	}
}

// TestKeepsOtherStepsResources: resources from earlier pipeline steps are kept.
func TestKeepsOtherStepsResources(t *testing.T) {
	req := newRequest(namespacedXR, input, func(r *fnv1.RunFunctionRequest) {
		r.Desired = &fnv1.State{Resources: map[string]*fnv1.Resource{"other": {Resource: resource.MustStructJSON(`{"apiVersion":"v1","kind":"ConfigMap"}`)}}}
	})
	rsp, _ := (&Function{log: logging.NewNopLogger()}).RunFunction(context.Background(), req)
	if _, ok := rsp.GetDesired().GetResources()["other"]; !ok {
		t.Errorf("the earlier step's resource %q was dropped", "other")
	}
}

// TestDeterministic: the same request gives byte-identical responses.
func TestDeterministic(t *testing.T) {
	f := &Function{log: logging.NewNopLogger()}
	first, _ := f.RunFunction(context.Background(), newRequest(namespacedXR, input))
	want, _ := proto.MarshalOptions{Deterministic: true}.Marshal(first)
	for range 20 {
		rsp, _ := f.RunFunction(context.Background(), newRequest(namespacedXR, input))
		got, _ := proto.MarshalOptions{Deterministic: true}.Marshal(rsp)
		if !bytes.Equal(got, want) {
			t.Fatal("two identical requests gave different responses")
		}
	}
}

// TestReadyTTL: the response's TTL is --ready-ttl once the composite is Ready,
// and the default while it is not (progress is picked up quickly).
func TestReadyTTL(t *testing.T) {
	f := &Function{log: logging.NewNopLogger(), readyTTL: 10 * time.Minute}
	run := func(req *fnv1.RunFunctionRequest) (*fnv1.RunFunctionResponse, error) {
		return f.RunFunction(context.Background(), req)
	}
	first, err := examples.Load(filepath.Join("example", "mdaa-minimal"))
	if err != nil {
		t.Fatal(err)
	}
	steady, _, err := examples.Converge(run, first, 20)
	if err != nil {
		t.Fatal(err)
	}
	for name, tc := range map[string]struct {
		req  *fnv1.RunFunctionRequest
		want time.Duration
	}{
		"NotReady": {req: first, want: fnsdk.DefaultTTL},
		"Ready":    {req: steady, want: 10 * time.Minute},
	} {
		t.Run(name, func(t *testing.T) {
			rsp, err := run(tc.req)
			if err != nil {
				t.Fatal(err)
			}
			if got := rsp.GetMeta().GetTtl().AsDuration(); got != tc.want {
				t.Errorf("TTL %v; want %v", got, tc.want)
			}
		})
	}
}

func str(v any) string { s, _ := v.(string); return s }
