package compose

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/platform-io/function-agentcore-runtime/apis/v1alpha1"
	"github.com/platform-io/function-agentcore-runtime/internal/render"
	"github.com/platform-io/function-agentcore-runtime/internal/settings"
)

func ptr[T any](v T) *T { return &v }

func baseSpec() *v1alpha1.Spec {
	return &v1alpha1.Spec{
		AgentRuntimeName: "orders",
		AgentRuntimeArtifact: v1alpha1.Artifact{ContainerConfiguration: &v1alpha1.Container{
			ContainerUri: ptr("123456789012.dkr.ecr.us-east-1.amazonaws.com/orders:1"),
		}},
		NetworkConfiguration: &v1alpha1.Network{SecurityGroups: []string{"sg-12345678"}, Subnets: []string{"subnet-12345678"}},
		Policies:             []v1alpha1.Policy{{PolicyArn: ptr("arn:aws:iam::aws:policy/ReadOnly")}},
		RuntimeEndpoint:      &v1alpha1.Endpoint{Name: ptr("live")},
	}
}

// obs is an observed resource: Ready or not, with status.atProvider and spec.forProvider.
func obs(ready bool, atProvider, forProvider map[string]any) map[string]any {
	status := "False"
	if ready {
		status = "True"
	}
	return map[string]any{
		"spec":   map[string]any{"forProvider": forProvider},
		"status": map[string]any{"atProvider": atProvider, "conditions": []any{map[string]any{"type": "Ready", "status": status}}},
	}
}

func names(r Result) []string {
	var out []string
	for _, res := range r.Resources {
		out = append(out, res.Name)
	}
	return out
}

func TestComposeStages(t *testing.T) {
	roleReady := obs(true, map[string]any{"arn": "arn:aws:iam::123456789012:role/r"}, nil)
	policyReady := obs(true, map[string]any{"arn": "arn:aws:iam::123456789012:policy/p"}, nil)
	attached := obs(true, nil, nil)
	runtimeUp := obs(true, map[string]any{"agentRuntimeId": "orders-abc", "agentRuntimeArn": "arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/orders-abc"}, nil)

	cases := map[string]struct {
		reason      string
		spec        func(*v1alpha1.Spec)
		observed    Observed
		wantNames   []string
		wantWaiting []string
		wantWarn    int
	}{
		"FirstPass": {
			reason:      "Only IAM is rendered; the attachments wait for the ARNs of the policy and role.",
			wantNames:   []string{"execution-policy", "execution-role"},
			wantWaiting: []string{"execution-role to become Ready", "execution-policy to become Ready", "the ARN of execution-policy", "the ARN of execution-role before policy-attachment-readonly"},
		},
		"RoleAndPolicyReady": {
			reason:      "The attachments appear; the runtime waits until they are Ready.",
			observed:    Observed{"execution-role": roleReady, "execution-policy": policyReady},
			wantNames:   []string{"execution-policy", "execution-policy-attachment", "execution-role", "policy-attachment-readonly", "ssm-role-arn", "ssm-role-name"},
			wantWaiting: []string{"execution-policy-attachment to become Ready", "policy-attachment-readonly to become Ready"},
		},
		"IAMReady": {
			reason:      "The runtime appears once every IAM resource is Ready.",
			observed:    Observed{"execution-role": roleReady, "execution-policy": policyReady, "execution-policy-attachment": attached, "policy-attachment-readonly": attached},
			wantNames:   []string{"execution-policy", "execution-policy-attachment", "execution-role", "policy-attachment-readonly", "runtime", "ssm-role-arn", "ssm-role-name"},
			wantWaiting: []string{"runtime to become Ready"},
		},
		"RuntimeObserved": {
			reason:      "The endpoints, log groups and runtime parameters appear once the runtime's ID is observed.",
			observed:    Observed{"execution-role": roleReady, "execution-policy": policyReady, "execution-policy-attachment": attached, "policy-attachment-readonly": attached, "runtime": runtimeUp},
			wantNames:   []string{"endpoint-live", "execution-policy", "execution-policy-attachment", "execution-role", "log-group-default", "log-group-live", "policy-attachment-readonly", "runtime", "ssm-role-arn", "ssm-role-name", "ssm-runtime-arn", "ssm-runtime-id", "ssm-runtime-name"},
			wantWaiting: []string{"endpoint-live to become Ready", "log-group-default to become Ready", "log-group-live to become Ready", "ssm-runtime-arn to become Ready", "ssm-runtime-id to become Ready", "ssm-runtime-name to become Ready", "the value of ssm-endpoint-live-arn", "the value of ssm-endpoint-live-id", "ssm-role-arn to become Ready", "ssm-role-name to become Ready"},
		},
		"StickyWhenFactsDisappear": {
			reason: "A role whose status lost its ARN must not make the runtime, attachments or endpoint disappear.",
			observed: Observed{
				"execution-role": obs(false, nil, nil), "execution-policy": obs(false, nil, nil),
				"execution-policy-attachment": obs(true, nil, map[string]any{"policyArn": "arn:aws:iam::123456789012:policy/p"}),
				"policy-attachment-readonly":  attached,
				"runtime":                     obs(false, nil, map[string]any{"roleArn": "arn:aws:iam::123456789012:role/r"}),
				"endpoint-live":               obs(true, nil, map[string]any{"agentRuntimeId": "orders-abc"}),
			},
			wantNames:   []string{"endpoint-live", "execution-policy", "execution-policy-attachment", "execution-role", "policy-attachment-readonly", "runtime", "ssm-role-arn", "ssm-role-name"},
			wantWaiting: []string{"execution-role to become Ready", "execution-policy to become Ready"},
		},
		"ExistingRoleInAccount": {
			reason:      "With roleArn in the platform's account, policies are attached to it and the runtime waits for them.",
			spec:        func(s *v1alpha1.Spec) { s.RoleArn = ptr("arn:aws:iam::123456789012:role/team/existing") },
			wantNames:   []string{"policy-attachment-readonly"},
			wantWaiting: []string{"policy-attachment-readonly to become Ready"},
		},
		"ExistingRoleElsewhere": {
			reason:      "A role in another account gets no attachments (a Warning says so) and the runtime is rendered at once.",
			spec:        func(s *v1alpha1.Spec) { s.RoleArn = ptr("arn:aws:iam::210987654321:role/existing") },
			wantNames:   []string{"runtime"},
			wantWaiting: []string{"runtime to become Ready"},
			wantWarn:    1,
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			s := baseSpec()
			if tc.spec != nil {
				tc.spec(s)
			}
			r := Compose(Request{
				Spec:     s,
				Settings: settings.Settings{Region: "us-east-1", AccountID: "123456789012", Partition: "aws", ProviderConfigName: "default", SubnetsReachS3: true},
				Target:   render.Target{Region: "us-east-1", ProviderConfigName: "default"},
				Observed: tc.observed,
			})
			if diff := cmp.Diff(tc.wantNames, names(r)); diff != "" {
				t.Errorf("%s\nresources: -want, +got:\n%s", tc.reason, diff)
			}
			if diff := cmp.Diff(tc.wantWaiting, r.Blocking()); diff != "" {
				t.Errorf("%s\nwaiting: -want, +got:\n%s", tc.reason, diff)
			}
			if len(r.Warnings) != tc.wantWarn {
				t.Errorf("%s\nwarnings: want %d, got %v", tc.reason, tc.wantWarn, r.Warnings)
			}
		})
	}
}

// TestEndpointVersions: an endpoint is always rendered with a version: its
// valid pin, else the runtime's observed version (so an unpinned endpoint
// follows the runtime: the provider late-initialises the version, and AgentCore
// moves only DEFAULT by itself), else, while the runtime's version is
// momentarily missing, the version it was last rendered with.
func TestEndpointVersions(t *testing.T) {
	runtimeAt := func(version string) map[string]any {
		at := map[string]any{"agentRuntimeId": "orders-abc", "agentRuntimeArn": "arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/orders-abc"}
		if version != "" {
			at["agentRuntimeVersion"] = version
		}
		return obs(true, at, nil)
	}
	cases := map[string]struct {
		pin      *string
		runtime  string
		lastSeen string
		want     any
	}{
		"Unpinned":                    {runtime: "3", want: "3"},
		"UnpinnedFollowsNewVersion":   {runtime: "4", lastSeen: "3", want: "4"},
		"Pinned":                      {pin: ptr("2"), runtime: "4", want: "2"},
		"InvalidPinIsUnpinned":        {pin: ptr("1.0.0"), runtime: "4", want: "4"},
		"RuntimeVersionMissingSticky": {lastSeen: "3", want: "3"},
		"NothingKnownYet":             {want: nil},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			s := baseSpec()
			s.RuntimeEndpoint.AgentRuntimeVersion = tc.pin
			observed := Observed{"runtime": runtimeAt(tc.runtime)}
			if tc.lastSeen != "" {
				observed["endpoint-live"] = obs(true, nil, map[string]any{"agentRuntimeId": "orders-abc", "name": "live", "agentRuntimeVersion": tc.lastSeen})
			}
			r := Compose(propertyRequest(s, observed, true))
			var got any
			for _, res := range r.Resources {
				if res.Name == "endpoint-live" {
					got = Lookup(res.Object, "spec", "forProvider", "agentRuntimeVersion")
				}
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("endpoint-live spec.forProvider.agentRuntimeVersion: -want +got:\n%s", diff)
			}
		})
	}
}

// TestPolicyAttachmentNames: AWS's and the account's ReadOnlyAccess are two
// attachments, and the name an observed attachment has stays with its policy
// (spec.forProvider.policyArn), whatever the spec's order.
func TestPolicyAttachmentNames(t *testing.T) {
	const (
		aws     = "arn:aws:iam::aws:policy/ReadOnlyAccess"
		account = "arn:aws:iam::123456789012:policy/ReadOnlyAccess"
	)
	cases := map[string]struct {
		observed Observed
		want     map[string]string
	}{
		"FromNothing": {
			want: map[string]string{"policy-attachment-readonlyaccess": aws, "policy-attachment-readonlyaccess-123456789012": account},
		},
		"AccountPolicyAttachedFirst": {
			observed: Observed{"policy-attachment-readonlyaccess": obs(true, nil, map[string]any{"policyArn": account})},
			want:     map[string]string{"policy-attachment-readonlyaccess": account, "policy-attachment-readonlyaccess-aws": aws},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			s := baseSpec()
			s.Policies = []v1alpha1.Policy{{PolicyArn: ptr(aws)}, {PolicyArn: ptr(account)}}
			observed := Observed{"execution-role": obs(true, map[string]any{"arn": "arn:aws:iam::123456789012:role/r"}, nil)}
			for k, v := range tc.observed {
				observed[k] = v
			}
			got := map[string]string{}
			for _, res := range Compose(propertyRequest(s, observed, true)).Resources {
				if strings.HasPrefix(res.Name, "policy-attachment-") {
					got[res.Name], _ = Lookup(res.Object, "spec", "forProvider", "policyArn").(string)
				}
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("attachments (name: policyArn): -want +got:\n%s", diff)
			}
		})
	}
}
