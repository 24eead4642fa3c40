package render

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/platform-io/function-agentcore-runtime/apis/v1alpha1"
)

const (
	testRoleArn = "arn:aws:iam::123456789012:role/team-a-orders-agentcore-us-east-1"
	testImage   = "123456789012.dkr.ecr.us-east-1.amazonaws.com/agents/orders:1.4.2"
)

// minimalSpec is the smallest valid spec: a container image in a VPC.
func minimalSpec() *v1alpha1.Spec {
	return &v1alpha1.Spec{
		AgentRuntimeName: "orders",
		AgentRuntimeArtifact: v1alpha1.Artifact{ContainerConfiguration: &v1alpha1.Container{
			ContainerUri: ptr(testImage),
		}},
		NetworkConfiguration: &v1alpha1.Network{
			SecurityGroups: []string{"sg-0a1b2c3d4e5f60718"},
			Subnets:        []string{"subnet-0a1b2c3d4e5f60718", "subnet-0a1b2c3d4e5f60719"},
		},
	}
}

// runtimeInput renders spec as team_a_orders with the test role and image.
func runtimeInput(s *v1alpha1.Spec) RuntimeInput {
	return RuntimeInput{Spec: s, Name: "team_a_orders", RoleArn: testRoleArn, ImageURI: testImage}
}

// runtimeFP is the forProvider of the minimal spec in region, with extra keys laid
// over it and the drop keys removed.
func runtimeFP(region string, extra map[string]any, drop ...string) map[string]any {
	fp := map[string]any{
		"agentRuntimeName":     "team_a_orders",
		"region":               region,
		"roleArn":              testRoleArn,
		"agentRuntimeArtifact": map[string]any{"containerConfiguration": map[string]any{"containerUri": testImage}},
		"networkConfiguration": map[string]any{
			"networkMode": "VPC",
			"networkModeConfig": map[string]any{
				"securityGroups": []any{"sg-0a1b2c3d4e5f60718"},
				"subnets":        []any{"subnet-0a1b2c3d4e5f60718", "subnet-0a1b2c3d4e5f60719"},
			},
		},
	}
	for k, v := range extra {
		fp[k] = v
	}
	for _, k := range drop {
		delete(fp, k)
	}
	return fp
}

// fullSpec sets every spec field the runtime renders, and a few it must not.
func fullSpec() *v1alpha1.Spec {
	s := minimalSpec()
	s.Description = ptr("Orders agent")
	s.EnvironmentVariables = map[string]string{"LOG_LEVEL": "info", "MODEL_ID": "anthropic.claude"}
	s.NetworkConfiguration.NetworkMode = ptr("VPC")
	s.NetworkConfiguration.VpcId = ptr("vpc-0a1b2c3d4e5f60718")
	s.LifecycleConfiguration = &v1alpha1.Lifecycle{IdleRuntimeSessionTimeout: ptr(int32(900)), MaxLifetime: ptr(int32(28800))}
	s.AuthorizerConfiguration = &v1alpha1.Authorizer{CustomJwtAuthorizer: &v1alpha1.JWT{
		DiscoveryUrl:    "https://idp.example.com/.well-known/openid-configuration",
		AllowedAudience: []string{"orders"},
	}}
	s.RequestHeaderConfiguration = &v1alpha1.RequestHeaders{RequestHeaderAllowlist: []string{"Authorization", "X-Amzn-Bedrock-AgentCore-Runtime-Custom-Tenant"}}
	s.ProtocolConfiguration = ptr("MCP")
	s.FilesystemConfigurations = []v1alpha1.Filesystem{{SessionStorage: &v1alpha1.Mount{MountPath: "/mnt/scratch"}}}
	// Not runtime fields: rendered elsewhere or not at all.
	s.AgentRuntimeArtifact.ContainerConfiguration.Platform = ptr("linux/arm64")
	s.Policies = []v1alpha1.Policy{{PolicyArn: ptr("arn:aws:iam::aws:policy/ReadOnlyAccess")}}
	s.RuntimeEndpoint = &v1alpha1.Endpoint{Name: ptr("live")}
	s.LogRetentionDays = ptr(int32(30))
	s.EnforceVpcOnly = ptr(true)
	s.Tags = map[string]string{"spec-tag": "not-used-directly"}
	return s
}

func fullFP(region string) map[string]any {
	return runtimeFP(region, map[string]any{
		"description":          "Orders agent",
		"environmentVariables": map[string]any{"LOG_LEVEL": "info", "MODEL_ID": "anthropic.claude"},
		"lifecycleConfiguration": map[string]any{
			"idleRuntimeSessionTimeout": int64(900),
			"maxLifetime":               int64(28800),
		},
		"authorizerConfiguration": map[string]any{"customJwtAuthorizer": map[string]any{
			"discoveryUrl":    "https://idp.example.com/.well-known/openid-configuration",
			"allowedAudience": []any{"orders"},
		}},
		"requestHeaderConfiguration": map[string]any{"requestHeaderAllowlist": []any{"Authorization", "X-Amzn-Bedrock-AgentCore-Runtime-Custom-Tenant"}},
		"protocolConfiguration":      map[string]any{"serverProtocol": "MCP"},
		"filesystemConfiguration":    []any{map[string]any{"sessionStorage": map[string]any{"mountPath": "/mnt/scratch"}}},
		"tags":                       map[string]any{"managed-by": "crossplane", "team": "a"},
	})
}

func TestAgentRuntime(t *testing.T) {
	cases := map[string]struct {
		reason string
		target Target
		spec   func(*v1alpha1.Spec)
		in     func(*RuntimeInput)
		want   map[string]any
	}{
		"NamespacedMinimal": {
			reason: "A container runtime in a VPC; every optional field is left out.",
			target: namespaced,
			want:   wantNS("bedrockagentcore.aws.m.upbound.io/v1beta1", "AgentRuntime", nil, runtimeFP("us-east-1", nil)),
		},
		"ClusterMinimal": {
			reason: "The same runtime in the cluster-scoped API.",
			target: cluster,
			want:   wantCluster("bedrockagentcore.aws.upbound.io/v1beta1", "AgentRuntime", nil, runtimeFP("eu-west-1", nil)),
		},
		"NamespacedFull": {
			reason: "Every runtime field is mapped; tags come from the input (merged by compose), not spec.tags; vpcId, platform, policies, endpoints, retention and enforceVpcOnly are not runtime fields.",
			target: namespaced,
			spec:   func(s *v1alpha1.Spec) { *s = *fullSpec() },
			in:     func(in *RuntimeInput) { in.Tags = map[string]string{"managed-by": "crossplane", "team": "a"} },
			want:   wantNS("bedrockagentcore.aws.m.upbound.io/v1beta1", "AgentRuntime", nil, fullFP("us-east-1")),
		},
		"ClusterFull": {
			reason: "The same full runtime in the cluster-scoped API.",
			target: cluster,
			spec:   func(s *v1alpha1.Spec) { *s = *fullSpec() },
			in:     func(in *RuntimeInput) { in.Tags = map[string]string{"managed-by": "crossplane", "team": "a"} },
			want:   wantCluster("bedrockagentcore.aws.upbound.io/v1beta1", "AgentRuntime", nil, fullFP("eu-west-1")),
		},
		"NoRoleArn": {
			reason: "roleArn is left out when unknown.",
			target: namespaced,
			in:     func(in *RuntimeInput) { in.RoleArn = "" },
			want:   wantNS("bedrockagentcore.aws.m.upbound.io/v1beta1", "AgentRuntime", nil, runtimeFP("us-east-1", nil, "roleArn")),
		},
		"ImageFromInput": {
			reason: "The container URI is the resolved image (e.g. the managed repository's), not the spec's field.",
			target: namespaced,
			spec: func(s *v1alpha1.Spec) {
				s.AgentRuntimeArtifact.ContainerConfiguration = &v1alpha1.Container{Repository: &v1alpha1.Repository{ImageTag: "v1"}}
			},
			in: func(in *RuntimeInput) {
				in.ImageURI = "123456789012.dkr.ecr.us-east-1.amazonaws.com/agentcore/team-a-orders:v1"
			},
			want: wantNS("bedrockagentcore.aws.m.upbound.io/v1beta1", "AgentRuntime", nil, runtimeFP("us-east-1", map[string]any{
				"agentRuntimeArtifact": map[string]any{"containerConfiguration": map[string]any{"containerUri": "123456789012.dkr.ecr.us-east-1.amazonaws.com/agentcore/team-a-orders:v1"}},
			})),
		},
		"S3CodeVersioned": {
			reason: "An S3 code artifact maps bucket, prefix, versionId, entryPoint and runtime; no container.",
			target: namespaced,
			spec: func(s *v1alpha1.Spec) {
				s.AgentRuntimeArtifact = v1alpha1.Artifact{CodeConfiguration: &v1alpha1.Code{
					S3:         v1alpha1.S3Location{Bucket: "team-a-code", Prefix: "orders/agent.zip", VersionId: ptr("3HL4kqtJlcpXroDTDmJ")},
					EntryPoint: []string{"main.py", "--serve"},
					Runtime:    "PYTHON_3_13",
				}}
			},
			in: func(in *RuntimeInput) { in.ImageURI = "" },
			want: wantNS("bedrockagentcore.aws.m.upbound.io/v1beta1", "AgentRuntime", nil, runtimeFP("us-east-1", map[string]any{
				"agentRuntimeArtifact": map[string]any{"codeConfiguration": map[string]any{
					"code":       map[string]any{"s3": map[string]any{"bucket": "team-a-code", "prefix": "orders/agent.zip", "versionId": "3HL4kqtJlcpXroDTDmJ"}},
					"entryPoint": []any{"main.py", "--serve"},
					"runtime":    "PYTHON_3_13",
				}},
			})),
		},
		"S3CodeUnversionedCluster": {
			reason: "versionId is left out when unset; an image URI is ignored for a code artifact.",
			target: cluster,
			spec: func(s *v1alpha1.Spec) {
				s.AgentRuntimeArtifact = v1alpha1.Artifact{CodeConfiguration: &v1alpha1.Code{
					S3:         v1alpha1.S3Location{Bucket: "team-a-code", Prefix: "orders/agent.zip"},
					EntryPoint: []string{"main.py"},
					Runtime:    "PYTHON_3_10",
				}}
			},
			want: wantCluster("bedrockagentcore.aws.upbound.io/v1beta1", "AgentRuntime", nil, runtimeFP("eu-west-1", map[string]any{
				"agentRuntimeArtifact": map[string]any{"codeConfiguration": map[string]any{
					"code":       map[string]any{"s3": map[string]any{"bucket": "team-a-code", "prefix": "orders/agent.zip"}},
					"entryPoint": []any{"main.py"},
					"runtime":    "PYTHON_3_10",
				}},
			})),
		},
		"PublicNetwork": {
			reason: "PUBLIC mode has no networkModeConfig, even when security groups and subnets are given.",
			target: namespaced,
			spec:   func(s *v1alpha1.Spec) { s.NetworkConfiguration.NetworkMode = ptr("PUBLIC") },
			want: wantNS("bedrockagentcore.aws.m.upbound.io/v1beta1", "AgentRuntime", nil, runtimeFP("us-east-1", map[string]any{
				"networkConfiguration": map[string]any{"networkMode": "PUBLIC"},
			})),
		},
		"PublicNetworkCluster": {
			reason: "PUBLIC mode in the cluster-scoped API.",
			target: cluster,
			spec: func(s *v1alpha1.Spec) {
				s.NetworkConfiguration = &v1alpha1.Network{NetworkMode: ptr("PUBLIC")}
			},
			want: wantCluster("bedrockagentcore.aws.upbound.io/v1beta1", "AgentRuntime", nil, runtimeFP("eu-west-1", map[string]any{
				"networkConfiguration": map[string]any{"networkMode": "PUBLIC"},
			})),
		},
		"ExplicitVPCNetwork": {
			reason: "networkMode VPC is the default written out; vpcId is not a runtime field.",
			target: namespaced,
			spec: func(s *v1alpha1.Spec) {
				s.NetworkConfiguration.NetworkMode = ptr("VPC")
				s.NetworkConfiguration.VpcId = ptr("vpc-0a1b2c3d4e5f60718")
			},
			want: wantNS("bedrockagentcore.aws.m.upbound.io/v1beta1", "AgentRuntime", nil, runtimeFP("us-east-1", nil)),
		},
		"NoNetwork": {
			reason: "Without a network configuration none is rendered.",
			target: namespaced,
			spec:   func(s *v1alpha1.Spec) { s.NetworkConfiguration = nil },
			want:   wantNS("bedrockagentcore.aws.m.upbound.io/v1beta1", "AgentRuntime", nil, runtimeFP("us-east-1", nil, "networkConfiguration")),
		},
		"LifecycleIdleOnly": {
			reason: "Only the lifecycle fields set are rendered.",
			target: namespaced,
			spec: func(s *v1alpha1.Spec) {
				s.LifecycleConfiguration = &v1alpha1.Lifecycle{IdleRuntimeSessionTimeout: ptr(int32(60))}
			},
			want: wantNS("bedrockagentcore.aws.m.upbound.io/v1beta1", "AgentRuntime", nil, runtimeFP("us-east-1", map[string]any{
				"lifecycleConfiguration": map[string]any{"idleRuntimeSessionTimeout": int64(60)},
			})),
		},
		"LifecycleMaxLifetimeOnly": {
			reason: "Only the lifecycle fields set are rendered.",
			target: cluster,
			spec:   func(s *v1alpha1.Spec) { s.LifecycleConfiguration = &v1alpha1.Lifecycle{MaxLifetime: ptr(int32(3600))} },
			want: wantCluster("bedrockagentcore.aws.upbound.io/v1beta1", "AgentRuntime", nil, runtimeFP("eu-west-1", map[string]any{
				"lifecycleConfiguration": map[string]any{"maxLifetime": int64(3600)},
			})),
		},
		"LifecycleEmpty": {
			reason: "An empty lifecycle configuration is left out.",
			target: namespaced,
			spec:   func(s *v1alpha1.Spec) { s.LifecycleConfiguration = &v1alpha1.Lifecycle{} },
			want:   wantNS("bedrockagentcore.aws.m.upbound.io/v1beta1", "AgentRuntime", nil, runtimeFP("us-east-1", nil)),
		},
		"EnvironmentVariables": {
			reason: "Environment variables are a string map.",
			target: cluster,
			spec:   func(s *v1alpha1.Spec) { s.EnvironmentVariables = map[string]string{"A": "1", "B": ""} },
			want: wantCluster("bedrockagentcore.aws.upbound.io/v1beta1", "AgentRuntime", nil, runtimeFP("eu-west-1", map[string]any{
				"environmentVariables": map[string]any{"A": "1", "B": ""},
			})),
		},
		"EnvironmentVariablesEmpty": {
			reason: "An empty environment is left out.",
			target: namespaced,
			spec:   func(s *v1alpha1.Spec) { s.EnvironmentVariables = map[string]string{} },
			want:   wantNS("bedrockagentcore.aws.m.upbound.io/v1beta1", "AgentRuntime", nil, runtimeFP("us-east-1", nil)),
		},
		"HeaderAllowlistWins": {
			reason: "requestHeaderAllowlist wins over MDAA's deprecated allowedHeaders.",
			target: namespaced,
			spec: func(s *v1alpha1.Spec) {
				s.RequestHeaderConfiguration = &v1alpha1.RequestHeaders{
					RequestHeaderAllowlist: []string{"Authorization"},
					AllowedHeaders:         []string{"X-Custom-Header"},
				}
			},
			want: wantNS("bedrockagentcore.aws.m.upbound.io/v1beta1", "AgentRuntime", nil, runtimeFP("us-east-1", map[string]any{
				"requestHeaderConfiguration": map[string]any{"requestHeaderAllowlist": []any{"Authorization"}},
			})),
		},
		"HeaderAllowedHeadersAlias": {
			reason: "MDAA's allowedHeaders is used when requestHeaderAllowlist is not set.",
			target: cluster,
			spec: func(s *v1alpha1.Spec) {
				s.RequestHeaderConfiguration = &v1alpha1.RequestHeaders{AllowedHeaders: []string{"Authorization", "X-Custom-Header"}}
			},
			want: wantCluster("bedrockagentcore.aws.upbound.io/v1beta1", "AgentRuntime", nil, runtimeFP("eu-west-1", map[string]any{
				"requestHeaderConfiguration": map[string]any{"requestHeaderAllowlist": []any{"Authorization", "X-Custom-Header"}},
			})),
		},
		"HeaderConfigurationEmpty": {
			reason: "A header configuration without names is left out.",
			target: namespaced,
			spec:   func(s *v1alpha1.Spec) { s.RequestHeaderConfiguration = &v1alpha1.RequestHeaders{} },
			want:   wantNS("bedrockagentcore.aws.m.upbound.io/v1beta1", "AgentRuntime", nil, runtimeFP("us-east-1", nil)),
		},
		"ProtocolA2A": {
			reason: "The protocol string becomes protocolConfiguration.serverProtocol.",
			target: cluster,
			spec:   func(s *v1alpha1.Spec) { s.ProtocolConfiguration = ptr("A2A") },
			want: wantCluster("bedrockagentcore.aws.upbound.io/v1beta1", "AgentRuntime", nil, runtimeFP("eu-west-1", map[string]any{
				"protocolConfiguration": map[string]any{"serverProtocol": "A2A"},
			})),
		},
		"ProtocolHTTP": {
			reason: "The protocol string becomes protocolConfiguration.serverProtocol.",
			target: namespaced,
			spec:   func(s *v1alpha1.Spec) { s.ProtocolConfiguration = ptr("HTTP") },
			want: wantNS("bedrockagentcore.aws.m.upbound.io/v1beta1", "AgentRuntime", nil, runtimeFP("us-east-1", map[string]any{
				"protocolConfiguration": map[string]any{"serverProtocol": "HTTP"},
			})),
		},
		"FilesystemsAllKinds": {
			reason: "Session storage, EFS and S3 Files access points map in order.",
			target: namespaced,
			spec: func(s *v1alpha1.Spec) {
				s.FilesystemConfigurations = []v1alpha1.Filesystem{
					{SessionStorage: &v1alpha1.Mount{MountPath: "/mnt/session"}},
					{EfsAccessPoint: &v1alpha1.AccessPointMount{AccessPointArn: "arn:aws:elasticfilesystem:us-east-1:123456789012:access-point/fsap-0123456789abcdef0", MountPath: "/mnt/efs"}},
					{S3FilesAccessPoint: &v1alpha1.AccessPointMount{AccessPointArn: "arn:aws:s3files:us-east-1:123456789012:access-point/ap-1", MountPath: "/mnt/s3"}},
				}
			},
			want: wantNS("bedrockagentcore.aws.m.upbound.io/v1beta1", "AgentRuntime", nil, runtimeFP("us-east-1", map[string]any{
				"filesystemConfiguration": []any{
					map[string]any{"sessionStorage": map[string]any{"mountPath": "/mnt/session"}},
					map[string]any{"efsAccessPoint": map[string]any{"accessPointArn": "arn:aws:elasticfilesystem:us-east-1:123456789012:access-point/fsap-0123456789abcdef0", "mountPath": "/mnt/efs"}},
					map[string]any{"s3FilesAccessPoint": map[string]any{"accessPointArn": "arn:aws:s3files:us-east-1:123456789012:access-point/ap-1", "mountPath": "/mnt/s3"}},
				},
			})),
		},
		"FilesystemsCluster": {
			reason: "Filesystems in the cluster-scoped API.",
			target: cluster,
			spec: func(s *v1alpha1.Spec) {
				s.FilesystemConfigurations = []v1alpha1.Filesystem{
					{EfsAccessPoint: &v1alpha1.AccessPointMount{AccessPointArn: "arn:aws:elasticfilesystem:eu-west-1:123456789012:access-point/fsap-0123456789abcdef0", MountPath: "/mnt/efs"}},
				}
			},
			want: wantCluster("bedrockagentcore.aws.upbound.io/v1beta1", "AgentRuntime", nil, runtimeFP("eu-west-1", map[string]any{
				"filesystemConfiguration": []any{
					map[string]any{"efsAccessPoint": map[string]any{"accessPointArn": "arn:aws:elasticfilesystem:eu-west-1:123456789012:access-point/fsap-0123456789abcdef0", "mountPath": "/mnt/efs"}},
				},
			})),
		},
		"FilesystemEmptyEntry": {
			reason: "An entry of no kind is skipped, and no entries leave the field out.",
			target: namespaced,
			spec:   func(s *v1alpha1.Spec) { s.FilesystemConfigurations = []v1alpha1.Filesystem{{}} },
			want:   wantNS("bedrockagentcore.aws.m.upbound.io/v1beta1", "AgentRuntime", nil, runtimeFP("us-east-1", nil)),
		},
		"SpecTagsAreNotRuntimeTags": {
			reason: "Only the input's tags (already merged) are rendered.",
			target: namespaced,
			spec:   func(s *v1alpha1.Spec) { s.Tags = map[string]string{"a": "b"} },
			want:   wantNS("bedrockagentcore.aws.m.upbound.io/v1beta1", "AgentRuntime", nil, runtimeFP("us-east-1", nil)),
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			s := minimalSpec()
			if tc.spec != nil {
				tc.spec(s)
			}
			in := runtimeInput(s)
			if tc.in != nil {
				tc.in(&in)
			}
			got := tc.target.AgentRuntime(in)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("%s\nAgentRuntime(): -want, +got:\n%s", tc.reason, diff)
			}
			checkCRD(t, got)
		})
	}
}
