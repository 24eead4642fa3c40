package render

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/platform-io/function-agentcore-runtime/internal/crdcheck"
)

// The two scopes every kind is rendered in (docs/DESIGN.md "Scope"). The provider config
// names differ from the defaults so that a test sees they are passed through; the
// cluster target carries a kind to show that legacy MRs drop it.
var (
	namespaced = Target{Namespaced: true, Namespace: "team-a", ProviderConfigKind: "ProviderConfig", ProviderConfigName: "team-a-aws", Region: "us-east-1"}
	cluster    = Target{Namespaced: false, ProviderConfigKind: "ClusterProviderConfig", ProviderConfigName: "platform-aws", Region: "eu-west-1"}
)

func ptr[T any](v T) *T { return &v }

// extName is the metadata.annotations of an MR named through its external name.
func extName(name string) map[string]any {
	return map[string]any{"crossplane.io/external-name": name}
}

// wantNS is a namespaced MR of the namespaced target as the provider expects it,
// written out by hand (not through managed) so that the tests check the envelope.
func wantNS(apiVersion, kind string, annotations, forProvider map[string]any) map[string]any {
	meta := map[string]any{"namespace": "team-a"}
	if annotations != nil {
		meta["annotations"] = annotations
	}
	return map[string]any{
		"apiVersion": apiVersion,
		"kind":       kind,
		"metadata":   meta,
		"spec": map[string]any{
			"forProvider":       forProvider,
			"providerConfigRef": map[string]any{"kind": "ProviderConfig", "name": "team-a-aws"},
		},
	}
}

// wantCluster is a cluster-scoped MR of the cluster target.
func wantCluster(apiVersion, kind string, annotations, forProvider map[string]any) map[string]any {
	meta := map[string]any{}
	if annotations != nil {
		meta["annotations"] = annotations
	}
	return map[string]any{
		"apiVersion": apiVersion,
		"kind":       kind,
		"metadata":   meta,
		"spec": map[string]any{
			"forProvider":       forProvider,
			"providerConfigRef": map[string]any{"name": "platform-aws"},
		},
	}
}

// checkCRD validates obj against the provider-aws v2.7.0 (and Crossplane) CRDs, the
// API server's way: every field we render must be one the CRD accepts, CEL included.
func checkCRD(t *testing.T, obj map[string]any) {
	t.Helper()
	set, err := crdcheck.Shared()
	if err != nil {
		t.Fatalf("cannot load the provider CRDs: %v", err)
	}
	for _, e := range set.Validate(obj) {
		t.Errorf("%s %s is not valid against its CRD: %v", obj["apiVersion"], obj["kind"], e)
	}
}

func TestAPIVersion(t *testing.T) {
	cases := map[string]struct {
		reason string
		target Target
		group  string
		kind   string
		want   string
	}{
		"NamespacedIAM": {
			reason: "Namespaced XRs get the provider's namespaced API.",
			target: namespaced, group: "iam", kind: "Role",
			want: "iam.aws.m.upbound.io/v1beta1",
		},
		"NamespacedRuntime": {
			reason: "Namespaced XRs get the provider's namespaced API.",
			target: namespaced, group: "bedrockagentcore", kind: "AgentRuntime",
			want: "bedrockagentcore.aws.m.upbound.io/v1beta1",
		},
		"NamespacedECRRepository": {
			reason: "The namespaced ECR repository has v1beta1 only.",
			target: namespaced, group: "ecr", kind: "Repository",
			want: "ecr.aws.m.upbound.io/v1beta1",
		},
		"ClusterIAM": {
			reason: "Legacy XRs get the cluster-scoped API.",
			target: cluster, group: "iam", kind: "Role",
			want: "iam.aws.upbound.io/v1beta1",
		},
		"ClusterSSM": {
			reason: "Legacy XRs get the cluster-scoped API.",
			target: cluster, group: "ssm", kind: "Parameter",
			want: "ssm.aws.upbound.io/v1beta1",
		},
		"ClusterECRRepository": {
			reason: "The cluster-scoped ECR repository's v1beta1 is deprecated and list-wraps imageScanningConfiguration: its storage version v1beta2 is used.",
			target: cluster, group: "ecr", kind: "Repository",
			want: "ecr.aws.upbound.io/v1beta2",
		},
		"ClusterECRLifecyclePolicy": {
			reason: "Only the repository has a newer version.",
			target: cluster, group: "ecr", kind: "LifecyclePolicy",
			want: "ecr.aws.upbound.io/v1beta1",
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got := tc.target.APIVersion(tc.group, tc.kind)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("%s\nAPIVersion(%q, %q): -want, +got:\n%s", tc.reason, tc.group, tc.kind, diff)
			}
		})
	}
}

func TestManaged(t *testing.T) {
	fp := map[string]any{"region": "us-east-1", "policy": "{}"}
	cases := map[string]struct {
		reason       string
		target       Target
		externalName string
		want         map[string]any
	}{
		"NamespacedNoExternalName": {
			reason: "A namespaced MR is in the XR's namespace with a providerConfigRef of kind and name, and no annotations.",
			target: namespaced,
			want:   wantNS("ecr.aws.m.upbound.io/v1beta1", "LifecyclePolicy", nil, fp),
		},
		"NamespacedExternalName": {
			reason:       "The external name is the one annotation.",
			target:       namespaced,
			externalName: "my-name",
			want:         wantNS("ecr.aws.m.upbound.io/v1beta1", "LifecyclePolicy", extName("my-name"), fp),
		},
		"ClusterNoExternalName": {
			reason: "A legacy MR has no namespace and a providerConfigRef by name only, even when the target has a kind.",
			target: cluster,
			want:   wantCluster("ecr.aws.upbound.io/v1beta1", "LifecyclePolicy", nil, fp),
		},
		"ClusterExternalName": {
			reason:       "The external name is the one annotation.",
			target:       cluster,
			externalName: "my-name",
			want:         wantCluster("ecr.aws.upbound.io/v1beta1", "LifecyclePolicy", extName("my-name"), fp),
		},
		"NamespacedDefaults": {
			reason: "The platform's default provider config.",
			target: Target{Namespaced: true, Namespace: "team-b", ProviderConfigKind: "ClusterProviderConfig", ProviderConfigName: "default"},
			want: map[string]any{
				"apiVersion": "ecr.aws.m.upbound.io/v1beta1",
				"kind":       "LifecyclePolicy",
				"metadata":   map[string]any{"namespace": "team-b"},
				"spec": map[string]any{
					"forProvider":       fp,
					"providerConfigRef": map[string]any{"kind": "ClusterProviderConfig", "name": "default"},
				},
			},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got := tc.target.managed("ecr", "LifecyclePolicy", fp, tc.externalName)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("%s\nmanaged(): -want, +got:\n%s", tc.reason, diff)
			}
		})
	}
}

func TestSet(t *testing.T) {
	cases := map[string]struct {
		reason string
		v      any
		want   map[string]any
	}{
		"Nil":               {reason: "nil is left out.", v: nil, want: map[string]any{}},
		"EmptyString":       {reason: "An empty string is left out.", v: "", want: map[string]any{}},
		"String":            {reason: "A string is set.", v: "x", want: map[string]any{"k": "x"}},
		"NilStringPointer":  {reason: "An unset optional string is left out.", v: (*string)(nil), want: map[string]any{}},
		"StringPointer":     {reason: "A set optional string is dereferenced, even when empty.", v: ptr(""), want: map[string]any{"k": ""}},
		"NilInt32Pointer":   {reason: "An unset optional number is left out.", v: (*int32)(nil), want: map[string]any{}},
		"Int32Pointer":      {reason: "A set optional number becomes int64, as JSON numbers decode.", v: ptr(int32(900)), want: map[string]any{"k": int64(900)}},
		"EmptyStringList":   {reason: "An empty list is left out.", v: []string{}, want: map[string]any{}},
		"StringList":        {reason: "A list becomes []any.", v: []string{"a", "b"}, want: map[string]any{"k": []any{"a", "b"}}},
		"EmptyStringMap":    {reason: "An empty map is left out.", v: map[string]string{}, want: map[string]any{}},
		"StringMap":         {reason: "A map becomes map[string]any.", v: map[string]string{"a": "b"}, want: map[string]any{"k": map[string]any{"a": "b"}}},
		"NilObject":         {reason: "A nil object is left out.", v: map[string]any(nil), want: map[string]any{}},
		"EmptyObject":       {reason: "An empty object is left out.", v: map[string]any{}, want: map[string]any{}},
		"Object":            {reason: "An object is set.", v: map[string]any{"a": "b"}, want: map[string]any{"k": map[string]any{"a": "b"}}},
		"EmptyAnyList":      {reason: "An empty list is left out.", v: []any{}, want: map[string]any{}},
		"AnyList":           {reason: "A list is set.", v: []any{"a"}, want: map[string]any{"k": []any{"a"}}},
		"BoolFalseIsNotNil": {reason: "Other types are set as they are.", v: false, want: map[string]any{"k": false}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got := map[string]any{}
			set(got, "k", tc.v)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("%s\nset(): -want, +got:\n%s", tc.reason, diff)
			}
		})
	}
}

// TestExternalName pins which kinds are named through crossplane.io/external-name:
// exactly those whose AWS identifier is their name (the provider's
// config/externalname.go). The others are identified by what AWS assigns.
func TestExternalName(t *testing.T) {
	cases := map[string]struct {
		reason string
		render func(Target) map[string]any
		want   string // "" when the annotation must be absent
	}{
		"Role": {
			reason: "iam Role: the name is the identifier.",
			render: func(t Target) map[string]any { return t.Role(RoleInput{Name: "role-name", AssumeRolePolicy: "{}"}) },
			want:   "role-name",
		},
		"Policy": {
			reason: "iam Policy: the name is the identifier.",
			render: func(t Target) map[string]any { return t.Policy(PolicyInput{Name: "policy-name", Document: "{}"}) },
			want:   "policy-name",
		},
		"RolePolicyAttachment": {
			reason: "An attachment's identifier is assigned.",
			render: func(t Target) map[string]any {
				return t.RolePolicyAttachment("role-name", "arn:aws:iam::aws:policy/ReadOnlyAccess")
			},
		},
		"Repository": {
			reason: "ecr Repository: the name is the identifier.",
			render: func(t Target) map[string]any {
				return t.ECRRepository(RepositoryInput{Name: "agentcore/orders", TagMutability: "IMMUTABLE", Encryption: "AES256"})
			},
			want: "agentcore/orders",
		},
		"LifecyclePolicy": {
			reason: "A lifecycle policy is identified by its repository field.",
			render: func(t Target) map[string]any { return t.ECRLifecyclePolicy("agentcore/orders", "{}") },
		},
		"RepositoryPolicy": {
			reason: "A repository policy is identified by its repository field.",
			render: func(t Target) map[string]any { return t.ECRRepositoryPolicy("agentcore/orders", "{}") },
		},
		"Group": {
			reason: "cloudwatchlogs Group: the name is the identifier.",
			render: func(t Target) map[string]any {
				return t.LogGroup("/aws/bedrock-agentcore/runtimes/x-DEFAULT", nil, "", nil)
			},
			want: "/aws/bedrock-agentcore/runtimes/x-DEFAULT",
		},
		"Parameter": {
			reason: "ssm Parameter: the path is the identifier.",
			render: func(t Target) map[string]any { return t.SSMParameter("/a/b", "v", "", nil) },
			want:   "/a/b",
		},
		"LogResourcePolicy": {
			reason: "cloudwatchlogs ResourcePolicy: the policy name is the identifier.",
			render: func(t Target) map[string]any { return t.LogResourcePolicy("TransactionSearchXRayAccess-x", "{}") },
			want:   "TransactionSearchXRayAccess-x",
		},
		"RuntimeResourcePolicy": {
			reason: "bedrockagentcore ResourcePolicy is identified by the runtime's ARN.",
			render: func(t Target) map[string]any {
				return t.RuntimeResourcePolicy("arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/x", "{}")
			},
		},
		"AgentRuntime": {
			reason: "A runtime's identifier is assigned by AgentCore.",
			render: func(t Target) map[string]any {
				return t.AgentRuntime(RuntimeInput{Spec: minimalSpec(), Name: "orders"})
			},
		},
		"AgentRuntimeEndpoint": {
			reason: "An endpoint's identifier is assigned by AgentCore.",
			render: func(t Target) map[string]any {
				return t.AgentRuntimeEndpoint("live", "orders-abc", minimalEndpoint(), nil)
			},
		},
	}
	for name, tc := range cases {
		for scope, target := range map[string]Target{"Namespaced": namespaced, "Cluster": cluster} {
			t.Run(name+"/"+scope, func(t *testing.T) {
				obj := tc.render(target)
				meta, _ := obj["metadata"].(map[string]any)
				annotations, hasAnnotations := meta["annotations"].(map[string]any)
				got, _ := annotations[ExternalNameAnnotation].(string)
				if diff := cmp.Diff(tc.want, got); diff != "" {
					t.Errorf("%s\nexternal name: -want, +got:\n%s", tc.reason, diff)
				}
				if tc.want == "" && hasAnnotations {
					t.Errorf("%s\nwant no annotations, got %v", tc.reason, annotations)
				}
				checkCRD(t, obj)
			})
		}
	}
}
