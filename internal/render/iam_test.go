package render

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

const (
	trustDoc  = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"bedrock-agentcore.amazonaws.com"},"Action":"sts:AssumeRole"}]}`
	policyDoc = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"logs:PutLogEvents","Resource":"*"}]}`
	boundary  = "arn:aws:iam::123456789012:policy/boundary"
)

func TestRole(t *testing.T) {
	full := RoleInput{
		Name:                "team-a-orders-agentcore-us-east-1",
		Description:         "Execution role of the AgentCore runtime team_a_orders",
		AssumeRolePolicy:    trustDoc,
		PermissionsBoundary: boundary,
		Tags:                map[string]string{"team": "a", "managed-by": "crossplane"},
	}
	fullFP := map[string]any{
		"assumeRolePolicy":    trustDoc,
		"description":         "Execution role of the AgentCore runtime team_a_orders",
		"permissionsBoundary": boundary,
		"tags":                map[string]any{"team": "a", "managed-by": "crossplane"},
	}
	minimal := RoleInput{Name: "orders-agentcore-eu-west-1", AssumeRolePolicy: trustDoc}

	cases := map[string]struct {
		reason string
		target Target
		in     RoleInput
		want   map[string]any
	}{
		"NamespacedFull": {
			reason: "Every field set is rendered; the name is the external name, never a forProvider field.",
			target: namespaced,
			in:     full,
			want:   wantNS("iam.aws.m.upbound.io/v1beta1", "Role", extName("team-a-orders-agentcore-us-east-1"), fullFP),
		},
		"ClusterFull": {
			reason: "The same role in the cluster-scoped API.",
			target: cluster,
			in:     full,
			want:   wantCluster("iam.aws.upbound.io/v1beta1", "Role", extName("team-a-orders-agentcore-us-east-1"), fullFP),
		},
		"NamespacedMinimal": {
			reason: "Description, permissions boundary and tags are left out when unset.",
			target: namespaced,
			in:     minimal,
			want:   wantNS("iam.aws.m.upbound.io/v1beta1", "Role", extName("orders-agentcore-eu-west-1"), map[string]any{"assumeRolePolicy": trustDoc}),
		},
		"ClusterMinimal": {
			reason: "Description, permissions boundary and tags are left out when unset.",
			target: cluster,
			in:     minimal,
			want:   wantCluster("iam.aws.upbound.io/v1beta1", "Role", extName("orders-agentcore-eu-west-1"), map[string]any{"assumeRolePolicy": trustDoc}),
		},
		"EmptyTags": {
			reason: "An empty tag map is left out.",
			target: namespaced,
			in:     RoleInput{Name: "r", AssumeRolePolicy: trustDoc, Tags: map[string]string{}},
			want:   wantNS("iam.aws.m.upbound.io/v1beta1", "Role", extName("r"), map[string]any{"assumeRolePolicy": trustDoc}),
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got := tc.target.Role(tc.in)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("%s\nRole(): -want, +got:\n%s", tc.reason, diff)
			}
			checkCRD(t, got)
		})
	}
}

func TestPolicy(t *testing.T) {
	full := PolicyInput{
		Name:        "team-a-orders-agentcore-us-east-1",
		Description: "Execution policy of the AgentCore runtime team_a_orders",
		Document:    policyDoc,
		Tags:        map[string]string{"team": "a"},
	}
	fullFP := map[string]any{
		"policy":      policyDoc,
		"description": "Execution policy of the AgentCore runtime team_a_orders",
		"tags":        map[string]any{"team": "a"},
	}
	minimal := PolicyInput{Name: "p", Document: policyDoc}

	cases := map[string]struct {
		reason string
		target Target
		in     PolicyInput
		want   map[string]any
	}{
		"NamespacedFull": {
			reason: "Every field set is rendered; the name is the external name.",
			target: namespaced,
			in:     full,
			want:   wantNS("iam.aws.m.upbound.io/v1beta1", "Policy", extName("team-a-orders-agentcore-us-east-1"), fullFP),
		},
		"ClusterFull": {
			reason: "The same policy in the cluster-scoped API.",
			target: cluster,
			in:     full,
			want:   wantCluster("iam.aws.upbound.io/v1beta1", "Policy", extName("team-a-orders-agentcore-us-east-1"), fullFP),
		},
		"NamespacedMinimal": {
			reason: "Description and tags are left out when unset.",
			target: namespaced,
			in:     minimal,
			want:   wantNS("iam.aws.m.upbound.io/v1beta1", "Policy", extName("p"), map[string]any{"policy": policyDoc}),
		},
		"ClusterMinimal": {
			reason: "Description and tags are left out when unset.",
			target: cluster,
			in:     minimal,
			want:   wantCluster("iam.aws.upbound.io/v1beta1", "Policy", extName("p"), map[string]any{"policy": policyDoc}),
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got := tc.target.Policy(tc.in)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("%s\nPolicy(): -want, +got:\n%s", tc.reason, diff)
			}
			checkCRD(t, got)
		})
	}
}

func TestRolePolicyAttachment(t *testing.T) {
	const arn = "arn:aws:iam::123456789012:policy/team-a-orders-agentcore-us-east-1"
	fp := map[string]any{"role": "team-a-orders-agentcore-us-east-1", "policyArn": arn}
	cases := map[string]struct {
		reason string
		target Target
		want   map[string]any
	}{
		"Namespaced": {
			reason: "The attachment names the role by name and the policy by ARN; no external name.",
			target: namespaced,
			want:   wantNS("iam.aws.m.upbound.io/v1beta1", "RolePolicyAttachment", nil, fp),
		},
		"Cluster": {
			reason: "The same attachment in the cluster-scoped API.",
			target: cluster,
			want:   wantCluster("iam.aws.upbound.io/v1beta1", "RolePolicyAttachment", nil, fp),
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got := tc.target.RolePolicyAttachment("team-a-orders-agentcore-us-east-1", arn)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("%s\nRolePolicyAttachment(): -want, +got:\n%s", tc.reason, diff)
			}
			checkCRD(t, got)
		})
	}
}
