package crdcheck

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"k8s.io/apimachinery/pkg/util/validation/field"
	"sigs.k8s.io/yaml"
)

const (
	namespacedRuntime = `
apiVersion: bedrockagentcore.aws.m.upbound.io/v1beta1
kind: AgentRuntime
metadata:
  namespace: team-a
  generateName: demo-
  annotations:
    crossplane.io/composition-resource-name: runtime
spec:
  providerConfigRef:
    kind: ClusterProviderConfig
    name: default
  forProvider:
    region: us-east-1
    agentRuntimeName: demo_agent
    roleArn: arn:aws:iam::123456789012:role/demo
    agentRuntimeArtifact:
      containerConfiguration:
        containerUri: 123456789012.dkr.ecr.us-east-1.amazonaws.com/demo:latest
    networkConfiguration:
      networkMode: PUBLIC
    environmentVariables:
      LOG_LEVEL: info
`
	legacyRuntime = `
apiVersion: bedrockagentcore.aws.upbound.io/v1beta1
kind: AgentRuntime
metadata:
  name: demo-abc12
spec:
  deletionPolicy: Delete
  providerConfigRef:
    name: default
  forProvider:
    region: us-east-1
    agentRuntimeName: demo_agent
    roleArn: arn:aws:iam::123456789012:role/demo
    agentRuntimeArtifact:
      containerConfiguration:
        containerUri: 123456789012.dkr.ecr.us-east-1.amazonaws.com/demo:latest
    networkConfiguration:
      networkMode: PUBLIC
`
	usage = `
apiVersion: protection.crossplane.io/v1beta1
kind: Usage
metadata:
  namespace: team-a
  name: runtime-uses-role
spec:
  of:
    apiVersion: iam.aws.m.upbound.io/v1beta1
    kind: Role
    resourceRef:
      name: demo-role
  by:
    apiVersion: bedrockagentcore.aws.m.upbound.io/v1beta1
    kind: AgentRuntime
    resourceRef:
      name: demo-runtime
`
)

// errorSummary keeps what a test should pin down: the field path and the kind of
// error. Details are the API server's wording and may change between versions.
type errorSummary struct {
	Field string
	Type  field.ErrorType
}

func summarise(errs field.ErrorList) []errorSummary {
	var out []errorSummary
	for _, e := range errs {
		out = append(out, errorSummary{Field: e.Field, Type: e.Type})
	}
	return out
}

func TestValidate(t *testing.T) {
	set, err := Shared()
	if err != nil {
		t.Fatalf("Shared(): %v", err)
	}

	cases := map[string]struct {
		doc    string
		mutate func(obj map[string]any)
		want   []errorSummary
	}{
		"ValidNamespaced": {
			doc: namespacedRuntime,
		},
		"ValidLegacyWithDeletionPolicy": {
			doc: legacyRuntime,
		},
		"ValidUsage": {
			doc: usage,
		},
		"MisspelledField": {
			doc: namespacedRuntime,
			mutate: func(obj map[string]any) {
				fp := forProvider(obj)
				fp["rolArn"] = fp["roleArn"]
				delete(fp, "roleArn")
			},
			want: []errorSummary{{Field: "spec.forProvider.rolArn", Type: field.ErrorTypeForbidden}},
		},
		"MisspelledNestedField": {
			doc: namespacedRuntime,
			mutate: func(obj map[string]any) {
				forProvider(obj)["agentRuntimeArtifact"] = map[string]any{"containerConfiguration": map[string]any{"containerUrl": "x"}}
			},
			want: []errorSummary{{Field: "spec.forProvider.agentRuntimeArtifact.containerConfiguration.containerUrl", Type: field.ErrorTypeForbidden}},
		},
		"UnknownMetadataField": {
			doc: namespacedRuntime,
			mutate: func(obj map[string]any) {
				obj["metadata"].(map[string]any)["label"] = map[string]any{"a": "b"}
			},
			want: []errorSummary{{Field: "metadata.label", Type: field.ErrorTypeForbidden}},
		},
		"WrongType": {
			doc: namespacedRuntime,
			mutate: func(obj map[string]any) {
				forProvider(obj)["networkConfiguration"] = "PUBLIC"
			},
			want: []errorSummary{
				{Field: "spec.forProvider.networkConfiguration", Type: field.ErrorTypeTypeInvalid},
				{Field: "<nil>", Type: field.ErrorTypeInvalid}, // CEL rules skipped
			},
		},
		"MissingRegion": {
			doc: namespacedRuntime,
			mutate: func(obj map[string]any) {
				delete(forProvider(obj), "region")
			},
			want: []errorSummary{
				{Field: "spec.forProvider.region", Type: field.ErrorTypeRequired},
				{Field: "<nil>", Type: field.ErrorTypeInvalid}, // CEL rules skipped
			},
		},
		"MissingAgentRuntimeNameCEL": {
			doc: namespacedRuntime,
			mutate: func(obj map[string]any) {
				delete(forProvider(obj), "agentRuntimeName")
			},
			want: []errorSummary{{Field: "spec", Type: field.ErrorTypeInvalid}},
		},
		"AgentRuntimeNameInInitProviderIsEnough": {
			doc: namespacedRuntime,
			mutate: func(obj map[string]any) {
				delete(forProvider(obj), "agentRuntimeName")
				obj["spec"].(map[string]any)["initProvider"] = map[string]any{"agentRuntimeName": "demo_agent"}
			},
		},
		"ObserveOnlySkipsCEL": {
			doc: namespacedRuntime,
			mutate: func(obj map[string]any) {
				delete(forProvider(obj), "agentRuntimeName")
				obj["spec"].(map[string]any)["managementPolicies"] = []any{"Observe"}
			},
		},
		"DeletionPolicyOnNamespacedKind": {
			doc: namespacedRuntime,
			mutate: func(obj map[string]any) {
				obj["spec"].(map[string]any)["deletionPolicy"] = "Orphan"
			},
			want: []errorSummary{{Field: "spec.deletionPolicy", Type: field.ErrorTypeForbidden}},
		},
		"NamespaceOnClusterKind": {
			doc: legacyRuntime,
			mutate: func(obj map[string]any) {
				obj["metadata"].(map[string]any)["namespace"] = "team-a"
			},
			want: []errorSummary{{Field: "metadata.namespace", Type: field.ErrorTypeForbidden}},
		},
		"UnknownKind": {
			doc: namespacedRuntime,
			mutate: func(obj map[string]any) {
				obj["kind"] = "AgentRuntimez"
			},
			want: []errorSummary{{Field: "kind", Type: field.ErrorTypeNotFound}},
		},
		"UnservedVersion": {
			doc: namespacedRuntime,
			mutate: func(obj map[string]any) {
				obj["apiVersion"] = "bedrockagentcore.aws.m.upbound.io/v1beta9"
			},
			want: []errorSummary{{Field: "apiVersion", Type: field.ErrorTypeInvalid}},
		},
		"MissingKind": {
			doc: namespacedRuntime,
			mutate: func(obj map[string]any) {
				delete(obj, "kind")
			},
			want: []errorSummary{{Field: "kind", Type: field.ErrorTypeRequired}},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			obj := map[string]any{}
			if err := yaml.Unmarshal([]byte(tc.doc), &obj); err != nil {
				t.Fatal(err)
			}
			if tc.mutate != nil {
				tc.mutate(obj)
			}
			errs := set.Validate(obj)
			if diff := cmp.Diff(tc.want, summarise(errs)); diff != "" {
				t.Errorf("Validate(): -want +got:\n%s\nall errors: %v", diff, errs)
			}
		})
	}
}

// TestValidateDoesNotModify guards callers that validate the objects they then
// compare or send: pruning and defaulting must happen on a copy.
func TestValidateDoesNotModify(t *testing.T) {
	set, err := Shared()
	if err != nil {
		t.Fatalf("Shared(): %v", err)
	}
	obj := map[string]any{}
	if err := yaml.Unmarshal([]byte(namespacedRuntime), &obj); err != nil {
		t.Fatal(err)
	}
	forProvider(obj)["rolArn"] = "x"
	want := map[string]any{}
	if err := yaml.Unmarshal([]byte(namespacedRuntime), &want); err != nil {
		t.Fatal(err)
	}
	forProvider(want)["rolArn"] = "x"

	_ = set.Validate(obj)
	if diff := cmp.Diff(want, obj); diff != "" {
		t.Errorf("Validate() modified its input: -want +got:\n%s", diff)
	}
}

func TestSharedKinds(t *testing.T) {
	set, err := Shared()
	if err != nil {
		t.Fatalf("Shared(): %v", err)
	}
	// The kinds docs/DESIGN.md renders, in both API flavours.
	for _, av := range []struct{ apiVersion, kind string }{
		{"bedrockagentcore.aws.m.upbound.io/v1beta1", "AgentRuntime"},
		{"bedrockagentcore.aws.m.upbound.io/v1beta1", "AgentRuntimeEndpoint"},
		{"bedrockagentcore.aws.upbound.io/v1beta1", "AgentRuntime"},
		{"iam.aws.m.upbound.io/v1beta1", "Role"},
		{"iam.aws.upbound.io/v1beta1", "RolePolicyAttachment"},
		{"cloudwatchlogs.aws.m.upbound.io/v1beta1", "Group"},
		{"cloudwatchlogs.aws.upbound.io/v1beta1", "ResourcePolicy"},
		{"ssm.aws.m.upbound.io/v1beta1", "Parameter"},
		{"ecr.aws.m.upbound.io/v1beta1", "LifecyclePolicy"},
		{"protection.crossplane.io/v1beta1", "ClusterUsage"},
	} {
		if !set.Has(av.apiVersion, av.kind) {
			t.Errorf("Has(%q, %q) = false, want true", av.apiVersion, av.kind)
		}
	}
}

func TestNeededProviderCRD(t *testing.T) {
	cases := map[string]bool{
		"bedrockagentcore.aws.m.upbound.io_agentruntimes.yaml": true,
		"bedrockagentcore.aws.upbound.io_agentruntimes.yaml":   true,
		"ecr.aws.upbound.io_repositories.yaml":                 true,
		"ecrpublic.aws.upbound.io_repositories.yaml":           false,
		"iam.aws.m.upbound.io_roles.yaml":                      true,
		"ec2.aws.upbound.io_vpcs.yaml":                         false,
		"ssmcontacts.aws.upbound.io_contacts.yaml":             false,
	}
	for file, want := range cases {
		if got := NeededProviderCRD(file); got != want {
			t.Errorf("NeededProviderCRD(%q) = %v, want %v", file, got, want)
		}
	}
}

func forProvider(obj map[string]any) map[string]any {
	return obj["spec"].(map[string]any)["forProvider"].(map[string]any)
}
