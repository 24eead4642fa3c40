package output

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/testing/protocmp"
	"google.golang.org/protobuf/types/known/durationpb"
	"google.golang.org/protobuf/types/known/structpb"

	fnv1 "github.com/crossplane/function-sdk-go/proto/v1"
	"github.com/crossplane/function-sdk-go/resource"
	"github.com/crossplane/function-sdk-go/response"

	"github.com/platform-io/function-agentcore-runtime/apis/v1alpha1"
	"github.com/platform-io/function-agentcore-runtime/internal/compose"
	"github.com/platform-io/function-agentcore-runtime/internal/fnsdk"
	"github.com/platform-io/function-agentcore-runtime/internal/naming"
	"github.com/platform-io/function-agentcore-runtime/internal/render"
	"github.com/platform-io/function-agentcore-runtime/internal/settings"
	"github.com/platform-io/function-agentcore-runtime/internal/validate"
	"github.com/platform-io/function-agentcore-runtime/internal/xr"
)

func ptr[T any](v T) *T { return &v }

const (
	namespacedXR = `{"apiVersion":"agentcore.m.platform.io/v1alpha1","kind":"XAgentCoreRuntime","metadata":{"name":"rt","namespace":"team-a"},"spec":{"agentRuntimeName":"orders"}}`
	legacyXR     = `{"apiVersion":"agentcore.platform.io/v1alpha1","kind":"XAgentCoreRuntime","metadata":{"name":"rt-x1","labels":{"crossplane.io/claim-namespace":"team-a"}},"spec":{"agentRuntimeName":"orders"}}`
	// earlier is a resource an earlier function of the pipeline wants: it is kept.
	earlier = `{"apiVersion":"example.org/v1","kind":"Thing","metadata":{"name":"thing"}}`
)

var (
	namespacedIdentity = xr.XR{APIVersion: "agentcore.m.platform.io/v1alpha1", Kind: "XAgentCoreRuntime", Name: "rt", Namespace: "team-a"}
	legacyIdentity     = xr.XR{APIVersion: "agentcore.platform.io/v1alpha1", Kind: "XAgentCoreRuntime", Name: "rt-x1", ClaimNamespace: "team-a"}
)

func newRequest(xrJSON string) *fnv1.RunFunctionRequest {
	return &fnv1.RunFunctionRequest{
		Meta:     &fnv1.RequestMeta{Tag: "tag"},
		Observed: &fnv1.State{Composite: &fnv1.Resource{Resource: resource.MustStructJSON(xrJSON)}},
		Desired: &fnv1.State{Resources: map[string]*fnv1.Resource{
			"earlier": {Resource: resource.MustStructJSON(earlier), Ready: fnv1.Ready_READY_TRUE},
		}},
	}
}

func composeRequest(s *v1alpha1.Spec, namespaced bool) compose.Request {
	return compose.Request{
		Spec:          s,
		Settings:      settings.Settings{Region: "us-east-1", AccountID: "123456789012", Partition: "aws", ProviderConfigKind: "ClusterProviderConfig", ProviderConfigName: "default", SubnetsReachS3: true},
		Target:        render.Target{Namespaced: namespaced, Namespace: "team-a", Region: "us-east-1", ProviderConfigKind: "ClusterProviderConfig", ProviderConfigName: "default"},
		TeamNamespace: "team-a",
		SecretName:    "rt-connection",
	}
}

func spec(mutate func(*v1alpha1.Spec)) *v1alpha1.Spec {
	s := &v1alpha1.Spec{
		AgentRuntimeName: "orders",
		AgentRuntimeArtifact: v1alpha1.Artifact{ContainerConfiguration: &v1alpha1.Container{
			ContainerUri: ptr("123456789012.dkr.ecr.us-east-1.amazonaws.com/orders:1"),
		}},
		NetworkConfiguration: &v1alpha1.Network{SecurityGroups: []string{"sg-12345678"}, Subnets: []string{"subnet-12345678"}},
	}
	if mutate != nil {
		mutate(s)
	}
	return s
}

func mustStruct(t *testing.T, m map[string]any) *structpb.Struct {
	t.Helper()
	s, err := structpb.NewStruct(m)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// desired are r's resources as the desired composed resources, plus the earlier step's.
// write runs Write for the encoded req, and returns the decoded response.
func write(t *testing.T, req *fnv1.RunFunctionRequest, x xr.XR, in compose.Request, r compose.Result, warnings []validate.Warning) (*fnv1.RunFunctionResponse, error) {
	t.Helper()
	b, err := proto.Marshal(req)
	if err != nil {
		t.Fatal(err)
	}
	decoded, err := fnsdk.DecodeRequest(b)
	if err != nil {
		t.Fatal(err)
	}
	rsp := fnsdk.To(decoded, fnsdk.DefaultTTL)
	if err := Write(rsp, decoded, x, in, r, warnings); err != nil {
		return nil, err
	}
	out := &fnv1.RunFunctionResponse{}
	if err := proto.Unmarshal(rsp.Marshal(), out); err != nil {
		t.Fatal(err)
	}
	return out, nil
}

func desired(t *testing.T, r compose.Result) map[string]*fnv1.Resource {
	t.Helper()
	out := map[string]*fnv1.Resource{"earlier": {Resource: resource.MustStructJSON(earlier), Ready: fnv1.Ready_READY_TRUE}}
	for _, res := range r.Resources {
		ready := fnv1.Ready_READY_FALSE
		if res.Ready {
			ready = fnv1.Ready_READY_TRUE
		}
		out[res.Name] = &fnv1.Resource{Resource: mustStruct(t, res.Object), Ready: ready}
	}
	return out
}

func warning(msg string) *fnv1.Result {
	return &fnv1.Result{Severity: fnv1.Severity_SEVERITY_WARNING, Message: msg, Target: fnv1.Target_TARGET_COMPOSITE_AND_CLAIM.Enum()}
}

func normal(msg string) *fnv1.Result {
	return &fnv1.Result{Severity: fnv1.Severity_SEVERITY_NORMAL, Message: msg, Target: fnv1.Target_TARGET_COMPOSITE_AND_CLAIM.Enum()}
}

func condition(status fnv1.Status, reason, msg string) *fnv1.Condition {
	return &fnv1.Condition{Type: ConditionResourcesReady, Status: status, Reason: reason, Message: ptr(msg), Target: fnv1.Target_TARGET_COMPOSITE_AND_CLAIM.Enum()}
}

func TestWrite(t *testing.T) {
	runtimeObj := map[string]any{"apiVersion": "bedrockagentcore.aws.m.upbound.io/v1beta1", "kind": "AgentRuntime", "metadata": map[string]any{"namespace": "team-a"}}
	secretObj := map[string]any{"apiVersion": "v1", "kind": "Secret", "metadata": map[string]any{"name": "rt-connection", "namespace": "team-a"}}
	readyFacts := compose.Facts{
		RuntimeName: "team_a_orders", RuntimeArn: testRuntimeArn, RuntimeID: "r-abc", RuntimeVersion: "1", RoleArn: testRoleArn,
		Endpoints: []compose.EndpointFacts{{Name: "live", Resource: "endpoint-live", Arn: testEndpoint}},
	}
	readyStatus := map[string]any{
		"agentRuntime":     map[string]any{"name": "team_a_orders", "arn": testRuntimeArn, "id": "r-abc", "version": "1"},
		"executionRoleArn": testRoleArn,
		"endpoints": []any{map[string]any{
			"name": "live", "arn": testEndpoint,
			"invokeUrl": "https://bedrock-agentcore.us-east-1.amazonaws.com/runtimes/" + escapedArn + "/invocations?qualifier=live",
		}},
	}
	connection := map[string]string{"agentRuntimeArn": testRuntimeArn, "endpoint.live.arn": testEndpoint, "region": "us-east-1"}
	connectionDetails := map[string][]byte{"agentRuntimeArn": []byte(testRuntimeArn), "endpoint.live.arn": []byte(testEndpoint), "region": []byte("us-east-1")}

	const elsewhere = "arn:aws:iam::210987654321:role/existing"

	type want struct {
		composite  map[string]any
		ready      fnv1.Ready
		connection map[string][]byte
		results    []*fnv1.Result
		conditions []*fnv1.Condition
	}
	cases := map[string]struct {
		reason   string
		xr       string
		identity xr.XR
		in       compose.Request
		result   func() compose.Result
		warnings []validate.Warning
		want     want
	}{
		"ReadyNamespaced": {
			reason:   "Every resource Ready: each is READY_TRUE, the composite is Ready with its status and connection details, validation warnings come before compose's, and ResourcesReady is True.",
			xr:       namespacedXR,
			identity: namespacedIdentity,
			in:       composeRequest(spec(nil), true),
			result: func() compose.Result {
				return compose.Result{
					Resources:  []compose.Resource{{Name: "runtime", Object: runtimeObj, Ready: true}, {Name: naming.ConnectionSecret, Object: secretObj, Ready: true}},
					Warnings:   []validate.Warning{{Field: "spec.x", Message: "compose warning"}},
					Facts:      readyFacts,
					Connection: connection,
				}
			},
			warnings: []validate.Warning{{Field: "spec.a", Message: "validation warning 1"}, {Field: "spec.b", Message: "validation warning 2"}},
			want: want{
				composite: map[string]any{
					"apiVersion": "agentcore.m.platform.io/v1alpha1", "kind": "XAgentCoreRuntime",
					"metadata": map[string]any{"name": "rt", "namespace": "team-a"},
					"status":   readyStatus,
				},
				ready:      fnv1.Ready_READY_TRUE,
				connection: connectionDetails,
				results:    []*fnv1.Result{warning("spec.a: validation warning 1"), warning("spec.b: validation warning 2"), warning("spec.x: compose warning")},
				conditions: []*fnv1.Condition{condition(fnv1.Status_STATUS_CONDITION_TRUE, "Available", "every resource of the runtime is Ready")},
			},
		},
		"ReadyLegacy": {
			reason:   "A legacy composite has no namespace; its connection details go on the composite for Crossplane to write the claim's secret.",
			xr:       legacyXR,
			identity: legacyIdentity,
			in:       composeRequest(spec(nil), false),
			result: func() compose.Result {
				return compose.Result{
					Resources:  []compose.Resource{{Name: "runtime", Object: runtimeObj, Ready: true}},
					Facts:      readyFacts,
					Connection: connection,
				}
			},
			want: want{
				composite: map[string]any{
					"apiVersion": "agentcore.platform.io/v1alpha1", "kind": "XAgentCoreRuntime",
					"metadata": map[string]any{"name": "rt-x1"},
					"status":   readyStatus,
				},
				ready:      fnv1.Ready_READY_TRUE,
				connection: connectionDetails,
				conditions: []*fnv1.Condition{condition(fnv1.Status_STATUS_CONDITION_TRUE, "Available", "every resource of the runtime is Ready")},
			},
		},
		"FirstPassNamespaced": {
			reason:   "The first pass: the role and policy are READY_FALSE, the composite is not Ready and has no status or connection details; the condition and a Normal result name what the IAM stage waits for, not the later stages.",
			xr:       namespacedXR,
			identity: namespacedIdentity,
			in:       composeRequest(spec(nil), true),
			want: want{
				composite: map[string]any{
					"apiVersion": "agentcore.m.platform.io/v1alpha1", "kind": "XAgentCoreRuntime",
					"metadata": map[string]any{"name": "rt", "namespace": "team-a"},
				},
				ready:      fnv1.Ready_READY_FALSE,
				results:    []*fnv1.Result{normal("waiting for execution-role to become Ready; execution-policy to become Ready; the ARN of execution-policy")},
				conditions: []*fnv1.Condition{condition(fnv1.Status_STATUS_CONDITION_FALSE, "Waiting", "waiting for execution-role to become Ready; execution-policy to become Ready; the ARN of execution-policy")},
			},
		},
		"RoleElsewhereLegacy": {
			reason:   "A role in another account: compose's Warning targets composite and claim, the runtime is READY_FALSE and the status has the role's ARN.",
			xr:       legacyXR,
			identity: legacyIdentity,
			in: composeRequest(spec(func(s *v1alpha1.Spec) {
				s.RoleArn = ptr(elsewhere)
				s.Policies = []v1alpha1.Policy{{PolicyArn: ptr("arn:aws:iam::aws:policy/ReadOnlyAccess")}}
			}), false),
			warnings: []validate.Warning{{Field: "spec.a", Message: "validation warning"}},
			want: want{
				composite: map[string]any{
					"apiVersion": "agentcore.platform.io/v1alpha1", "kind": "XAgentCoreRuntime",
					"metadata": map[string]any{"name": "rt-x1"},
					"status":   map[string]any{"executionRoleArn": elsewhere},
				},
				ready: fnv1.Ready_READY_FALSE,
				results: []*fnv1.Result{
					warning("spec.a: validation warning"),
					warning(`spec.policies: not applied: the role ` + elsewhere + ` is not in this platform's account (Input accountId "123456789012"); attach them in the role's account`),
					normal("waiting for runtime to become Ready"),
				},
				conditions: []*fnv1.Condition{condition(fnv1.Status_STATUS_CONDITION_FALSE, "Waiting", "waiting for runtime to become Ready")},
			},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			var r compose.Result
			if tc.result != nil {
				r = tc.result()
			} else {
				r = compose.Compose(tc.in)
			}
			rsp, err := write(t, newRequest(tc.xr), tc.identity, tc.in, r, tc.warnings)
			if err != nil {
				t.Fatalf("%s\nWrite(): %v", tc.reason, err)
			}
			want := &fnv1.RunFunctionResponse{
				Meta: &fnv1.ResponseMeta{Tag: "tag", Ttl: durationpb.New(response.DefaultTTL)},
				Desired: &fnv1.State{
					Composite: &fnv1.Resource{Resource: mustStruct(t, tc.want.composite), ConnectionDetails: tc.want.connection, Ready: tc.want.ready},
					Resources: desired(t, r),
				},
				Results:    tc.want.results,
				Conditions: tc.want.conditions,
			}
			if diff := cmp.Diff(want, rsp, protocmp.Transform()); diff != "" {
				t.Errorf("%s\nWrite(): -want, +got:\n%s", tc.reason, diff)
			}
		})
	}
}

// TestWriteReadiness pins each desired composed resource's readiness on a pass
// where some resources are Ready and some are not.
func TestWriteReadiness(t *testing.T) {
	ready := map[string]any{"status": map[string]any{
		"atProvider": map[string]any{"arn": "arn:aws:iam::123456789012:role/r"},
		"conditions": []any{map[string]any{"type": "Ready", "status": "True"}},
	}}
	in := composeRequest(spec(nil), true)
	in.Observed = compose.Observed{"execution-role": ready}
	r := compose.Compose(in)

	rsp, err := write(t, newRequest(namespacedXR), namespacedIdentity, in, r, nil)
	if err != nil {
		t.Fatalf("Write(): %v", err)
	}
	got := map[string]string{}
	for name, res := range rsp.GetDesired().GetResources() {
		got[name] = res.GetReady().String()
	}
	want := map[string]string{
		"earlier":          "READY_TRUE",
		"execution-policy": "READY_FALSE",
		"execution-role":   "READY_TRUE",
		"ssm-role-arn":     "READY_FALSE",
		"ssm-role-name":    "READY_FALSE",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("readiness: -want, +got:\n%s", diff)
	}
	if got := rsp.GetDesired().GetComposite().GetReady(); got != fnv1.Ready_READY_FALSE {
		t.Errorf("composite readiness: want READY_FALSE, got %s", got)
	}
}
