package render

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

const (
	ssmPath     = "/test-org/test-domain/test-bedrock-agentcore-runtime-main/agentruntime/testagentruntime/arn"
	runtimeArn  = "arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/team_a_orders-AbC123dEf4"
	logGroup    = "/aws/bedrock-agentcore/runtimes/team_a_orders-AbC123dEf4-DEFAULT"
	logsKey     = "arn:aws:kms:us-east-1:123456789012:key/0a1b2c3d-0000-1111-2222-333344445555"
	xrayDoc     = `{"Version":"2012-10-17","Statement":[{"Sid":"TransactionSearchXRayAccess","Effect":"Allow","Principal":{"Service":"xray.amazonaws.com"},"Action":"logs:PutLogEvents","Resource":"*"}]}`
	vpcOnlyDoc  = `{"Version":"2012-10-17","Statement":[{"Sid":"DenyOutsideVpc","Effect":"Deny","Principal":"*","Action":"bedrock-agentcore:InvokeAgentRuntime","Resource":"*","Condition":{"StringNotEquals":{"aws:SourceVpc":"vpc-0a1b2c3d4e5f60718"}}}]}`
	xrayPolicyN = "TransactionSearchXRayAccess-team_a_orders"
)

func TestSSMParameter(t *testing.T) {
	cases := map[string]struct {
		reason      string
		target      Target
		description string
		tags        map[string]string
		want        map[string]any
	}{
		"NamespacedFull": {
			reason:      "A String parameter named by its path through the external name, with description and tags.",
			target:      namespaced,
			description: "ARN of the AgentCore runtime",
			tags:        map[string]string{"team": "a"},
			want: wantNS("ssm.aws.m.upbound.io/v1beta1", "Parameter", extName(ssmPath), map[string]any{
				"region": "us-east-1", "type": "String", "insecureValue": runtimeArn,
				"description": "ARN of the AgentCore runtime", "tags": map[string]any{"team": "a"},
			}),
		},
		"ClusterFull": {
			reason:      "The same parameter in the cluster-scoped API.",
			target:      cluster,
			description: "ARN of the AgentCore runtime",
			tags:        map[string]string{"team": "a"},
			want: wantCluster("ssm.aws.upbound.io/v1beta1", "Parameter", extName(ssmPath), map[string]any{
				"region": "eu-west-1", "type": "String", "insecureValue": runtimeArn,
				"description": "ARN of the AgentCore runtime", "tags": map[string]any{"team": "a"},
			}),
		},
		"NamespacedMinimal": {
			reason: "Description and tags are left out when unset.",
			target: namespaced,
			want: wantNS("ssm.aws.m.upbound.io/v1beta1", "Parameter", extName(ssmPath), map[string]any{
				"region": "us-east-1", "type": "String", "insecureValue": runtimeArn,
			}),
		},
		"ClusterMinimal": {
			reason: "Description and tags are left out when unset.",
			target: cluster,
			want: wantCluster("ssm.aws.upbound.io/v1beta1", "Parameter", extName(ssmPath), map[string]any{
				"region": "eu-west-1", "type": "String", "insecureValue": runtimeArn,
			}),
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got := tc.target.SSMParameter(ssmPath, runtimeArn, tc.description, tc.tags)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("%s\nSSMParameter(): -want, +got:\n%s", tc.reason, diff)
			}
			checkCRD(t, got)
		})
	}
}

func TestLogGroup(t *testing.T) {
	cases := map[string]struct {
		reason    string
		target    Target
		retention *int32
		kmsKey    string
		tags      map[string]string
		want      map[string]any
	}{
		"NamespacedFull": {
			reason:    "The group is named through its external name, with retention, key and tags.",
			target:    namespaced,
			retention: ptr(int32(30)),
			kmsKey:    logsKey,
			tags:      map[string]string{"team": "a"},
			want: wantNS("cloudwatchlogs.aws.m.upbound.io/v1beta1", "Group", extName(logGroup), map[string]any{
				"region": "us-east-1", "retentionInDays": int64(30), "kmsKeyId": logsKey, "tags": map[string]any{"team": "a"},
			}),
		},
		"ClusterFull": {
			reason:    "The same group in the cluster-scoped API.",
			target:    cluster,
			retention: ptr(int32(3653)),
			kmsKey:    logsKey,
			tags:      map[string]string{"team": "a"},
			want: wantCluster("cloudwatchlogs.aws.upbound.io/v1beta1", "Group", extName(logGroup), map[string]any{
				"region": "eu-west-1", "retentionInDays": int64(3653), "kmsKeyId": logsKey, "tags": map[string]any{"team": "a"},
			}),
		},
		"NamespacedMinimal": {
			reason: "Retention (never expire), key and tags are left out when unset.",
			target: namespaced,
			want:   wantNS("cloudwatchlogs.aws.m.upbound.io/v1beta1", "Group", extName(logGroup), map[string]any{"region": "us-east-1"}),
		},
		"ClusterMinimal": {
			reason: "Retention, key and tags are left out when unset.",
			target: cluster,
			want:   wantCluster("cloudwatchlogs.aws.upbound.io/v1beta1", "Group", extName(logGroup), map[string]any{"region": "eu-west-1"}),
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got := tc.target.LogGroup(logGroup, tc.retention, tc.kmsKey, tc.tags)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("%s\nLogGroup(): -want, +got:\n%s", tc.reason, diff)
			}
			checkCRD(t, got)
		})
	}
}

func TestResourcePolicies(t *testing.T) {
	cases := map[string]struct {
		reason string
		render func(Target) map[string]any
		target Target
		want   map[string]any
	}{
		"LogResourcePolicyNamespaced": {
			reason: "The logs resource policy is named through its external name (its identifier).",
			render: func(t Target) map[string]any { return t.LogResourcePolicy(xrayPolicyN, xrayDoc) },
			target: namespaced,
			want: wantNS("cloudwatchlogs.aws.m.upbound.io/v1beta1", "ResourcePolicy", extName(xrayPolicyN), map[string]any{
				"region": "us-east-1", "policyDocument": xrayDoc,
			}),
		},
		"LogResourcePolicyCluster": {
			reason: "The logs resource policy in the cluster-scoped API.",
			render: func(t Target) map[string]any { return t.LogResourcePolicy(xrayPolicyN, xrayDoc) },
			target: cluster,
			want: wantCluster("cloudwatchlogs.aws.upbound.io/v1beta1", "ResourcePolicy", extName(xrayPolicyN), map[string]any{
				"region": "eu-west-1", "policyDocument": xrayDoc,
			}),
		},
		"RuntimeResourcePolicyNamespaced": {
			reason: "The runtime's resource policy names the runtime by ARN; no external name.",
			render: func(t Target) map[string]any { return t.RuntimeResourcePolicy(runtimeArn, vpcOnlyDoc) },
			target: namespaced,
			want: wantNS("bedrockagentcore.aws.m.upbound.io/v1beta1", "ResourcePolicy", nil, map[string]any{
				"region": "us-east-1", "resourceArn": runtimeArn, "policy": vpcOnlyDoc,
			}),
		},
		"RuntimeResourcePolicyCluster": {
			reason: "The runtime's resource policy in the cluster-scoped API.",
			render: func(t Target) map[string]any { return t.RuntimeResourcePolicy(runtimeArn, vpcOnlyDoc) },
			target: cluster,
			want: wantCluster("bedrockagentcore.aws.upbound.io/v1beta1", "ResourcePolicy", nil, map[string]any{
				"region": "eu-west-1", "resourceArn": runtimeArn, "policy": vpcOnlyDoc,
			}),
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got := tc.render(tc.target)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("%s\n-want, +got:\n%s", tc.reason, diff)
			}
			checkCRD(t, got)
		})
	}
}
