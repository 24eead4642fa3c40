package validate

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/platform-io/function-agentcore-runtime/apis/v1alpha1"
	"github.com/platform-io/function-agentcore-runtime/internal/naming"
)

func TestNilSpec(t *testing.T) {
	errs, ws := Spec(nil, testOptions())
	if diff := cmp.Diff([]string{"spec"}, fields(errs)); diff != "" {
		t.Errorf("Spec(nil): -want +got:\n%s", diff)
	}
	if len(ws) != 0 {
		t.Errorf("Spec(nil): want no warnings, got %v", ws)
	}
}

// TestReportsAll: every violation is reported at once, in field order.
func TestReportsAll(t *testing.T) {
	s := baseline()
	s.AgentRuntimeName = "9lives"
	container(s).ContainerUri = ptr("invalid-uri-format")
	s.NetworkConfiguration.Subnets = nil
	s.NetworkConfiguration.SecurityGroups = []string{"sg-bad", "sg-bad"}
	s.LifecycleConfiguration = &v1alpha1.Lifecycle{IdleRuntimeSessionTimeout: ptr(int32(1)), MaxLifetime: ptr(int32(1))}
	s.ProtocolConfiguration = ptr("SOAP")
	s.Policies = []v1alpha1.Policy{{}, {PolicyArn: ptr("nope")}}
	s.RuntimeEndpoint = &v1alpha1.Endpoint{Name: ptr("bad.name"), AgentRuntimeVersion: ptr("0")}
	s.EnforceVpcOnly = ptr(true)
	s.LogRetentionDays = ptr(int32(0))
	s.Tags = map[string]string{"aws:x": "y"}

	errs, _ := Spec(s, testOptions())
	want := []string{
		"spec.agentRuntimeName",
		"spec.agentRuntimeArtifact.containerConfiguration.containerUri",
		"spec.networkConfiguration.securityGroups[0]",
		"spec.networkConfiguration.securityGroups[1]",
		"spec.networkConfiguration.subnets",
		"spec.lifecycleConfiguration.idleRuntimeSessionTimeout",
		"spec.lifecycleConfiguration.maxLifetime",
		"spec.protocolConfiguration",
		"spec.policies[0]",
		"spec.policies[1].policyArn",
		"spec.runtimeEndpoint.name",
		"spec.runtimeEndpoint.agentRuntimeVersion",
		"spec.networkConfiguration.vpcId",
		"spec.logRetentionDays",
		"spec.tags[aws:x]",
	}
	if diff := cmp.Diff(want, fields(errs)); diff != "" {
		t.Errorf("Spec(): -want +got:\n%s\nerrors: %v", diff, errs)
	}
}

// TestOptions: platform settings change what is valid.
func TestOptions(t *testing.T) {
	cases := map[string]struct {
		mutate func(s *v1alpha1.Spec)
		opts   Options
		want   []string
	}{
		"PublicAllowed": {
			mutate: func(s *v1alpha1.Spec) { s.NetworkConfiguration = &v1alpha1.Network{NetworkMode: ptr("PUBLIC")} },
			opts:   Options{AllowPublicNetwork: true},
			want:   []string{},
		},
		"PublicForbidden": {
			mutate: func(s *v1alpha1.Spec) { s.NetworkConfiguration = &v1alpha1.Network{NetworkMode: ptr("PUBLIC")} },
			opts:   Options{},
			want:   []string{"spec.networkConfiguration.networkMode"},
		},
		"EmptyPartitionIsAws": {
			mutate: func(s *v1alpha1.Spec) { s.RoleArn = ptr("arn:aws:iam::123456789012:role/r") },
			opts:   Options{},
			want:   []string{},
		},
		"ChinaPartition": {
			mutate: func(s *v1alpha1.Spec) {
				container(s).ContainerUri = ptr("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/test-runtime:latest")
				s.RoleArn = ptr("arn:aws-cn:iam::123456789012:role/r")
				s.Policies = policyArns("arn:aws-cn:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::aws:policy/PowerUserAccess")
			},
			opts: Options{Partition: "aws-cn", Region: "cn-north-1"},
			want: []string{"spec.policies[1].policyArn"},
		},
		"ChinaImageInAws": {
			mutate: func(s *v1alpha1.Spec) {
				container(s).ContainerUri = ptr("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/test-runtime:latest")
			},
			opts: Options{Partition: "aws"},
			want: []string{"spec.agentRuntimeArtifact.containerConfiguration.containerUri"},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			s := baseline()
			tc.mutate(s)
			errs, _ := Spec(s, tc.opts)
			if diff := cmp.Diff(tc.want, fields(errs)); diff != "" {
				t.Errorf("Spec(): -want +got:\n%s\nerrors: %v", diff, errs)
			}
		})
	}
}

// TestValidVariants: valid specs beyond MDAA's samples give no errors.
func TestValidVariants(t *testing.T) {
	cases := map[string]func(s *v1alpha1.Spec){
		"CodeConfiguration": func(s *v1alpha1.Spec) { useCode(s, func(*v1alpha1.Code) {}) },
		"ManagedRepository": func(s *v1alpha1.Spec) {
			useRepository(s, func(r *v1alpha1.Repository) {
				r.ImageTagMutability = ptr("IMMUTABLE")
				r.KeepLastImages = ptr(int32(10))
				r.PullPrincipals = []string{"210987654321", "arn:aws:iam::210987654321:role/ci"}
			})
		},
		"Everything": func(s *v1alpha1.Spec) {
			s.AgentRuntimeName = "my-agent_2"
			s.Description = ptr("An agent")
			s.EnvironmentVariables = map[string]string{"_PRIVATE": "1", "LOG_LEVEL": "DEBUG"}
			s.NetworkConfiguration.VpcId = ptr("vpc-0123456789abcdef0")
			s.LifecycleConfiguration = &v1alpha1.Lifecycle{IdleRuntimeSessionTimeout: ptr(int32(900)), MaxLifetime: ptr(int32(28800))}
			useJWT(s, func(j *v1alpha1.JWT) {
				j.AllowedClients = []string{"c1"}
				j.AllowedScopes = []string{"agent/invoke"}
				j.CustomClaims = []v1alpha1.CustomClaim{
					{Name: "tenant", ValueType: "STRING", Operator: "EQUALS", Value: ptr("acme")},
					{Name: "groups", ValueType: "STRING_ARRAY", Operator: "CONTAINS_ANY", Values: []string{"a", "b"}},
				}
				j.PrivateEndpoint = &v1alpha1.PrivateEndpoint{ManagedVpcResource: &v1alpha1.ManagedVpcResource{
					VpcIdentifier: "vpc-12345678", SubnetIds: []string{"subnet-12345678"}, EndpointIpAddressType: ptr("IPV4"),
				}}
				j.PrivateEndpointOverrides = []v1alpha1.PrivateEndpointOverride{{
					Domain:          "idp.internal.example.com",
					PrivateEndpoint: v1alpha1.PrivateEndpoint{SelfManagedLatticeResource: &v1alpha1.LatticeResource{ResourceConfigurationIdentifier: "arn:aws:vpc-lattice:us-east-1:123456789012:resourceconfiguration/rcfg-0123456789abcdef0"}},
				}}
				j.AllowedWorkloadConfiguration = &v1alpha1.WorkloadConfiguration{
					HostingEnvironmentArns: []string{"arn:aws:bedrock-agentcore:us-east-1:123456789012:gateway/gw-1"},
					WorkloadIdentities:     []string{"my-workload"},
				}
			})
			s.RequestHeaderConfiguration = headerAllowlist("Authorization", customHeaderPrefix+"Tenant")
			s.ProtocolConfiguration = ptr("AGUI")
			s.Policies = []v1alpha1.Policy{
				{PolicyArn: ptr("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess")},
				{PolicyArn: ptr("arn:aws:iam::123456789012:policy/team/AgentExtra")},
				{PolicyDocument: &v1alpha1.PolicyDocument{Statement: []v1alpha1.Statement{{
					Sid: "ReadTable", Effect: "Allow",
					Action:    v1alpha1.StringOrList{Values: []string{"dynamodb:GetItem", "dynamodb:Query"}},
					Resource:  v1alpha1.StringOrList{Values: []string{"arn:aws:dynamodb:us-east-1:123456789012:table/t"}},
					Condition: map[string]map[string]v1alpha1.StringOrList{"ForAnyValue:StringLike": {"dynamodb:LeadingKeys": {Values: []string{"tenant-*"}}}},
				}}}},
			}
			s.RuntimeEndpoint = &v1alpha1.Endpoint{Description: ptr("default"), AgentRuntimeVersion: ptr("3")}
			s.RuntimeEndpoints = []v1alpha1.Endpoint{{Name: ptr("canary"), AgentRuntimeVersion: ptr("4")}}
			s.EnableTransactionSearch = ptr(false)
			s.AllowedModelArns = []string{"arn:aws:bedrock:*::foundation-model/anthropic.claude-haiku-*", "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-*"}
			s.LogRetentionDays = ptr(int32(30))
			s.FilesystemConfigurations = []v1alpha1.Filesystem{
				session("/mnt/scratch"),
				{EfsAccessPoint: &v1alpha1.AccessPointMount{AccessPointArn: efsArn, MountPath: "/mnt/efs"}},
				{S3FilesAccessPoint: &v1alpha1.AccessPointMount{AccessPointArn: sfArn, MountPath: "/mnt/s3"}},
			}
			s.Tags = map[string]string{"team": "agents", "cost-center": "42"}
			s.WriteConnectionSecretToRef = &v1alpha1.SecretRef{Name: "my-agent-connection"}
		},
	}
	for name, mutate := range cases {
		t.Run(name, func(t *testing.T) {
			s := baseline()
			mutate(s)
			errs, _ := Spec(s, testOptions())
			if len(errs) != 0 {
				t.Errorf("Spec(): want no errors, got:\n%v", errs)
			}
		})
	}
}

// TestDefaultEndpointNameIsTheRenderedOne: the default name of
// runtimeEndpoint that validation checks collisions against is the name the
// endpoint is rendered with (naming.DefaultEndpoint), for every length of
// agentRuntimeName: a runtimeEndpoints entry with that name is refused, any
// other name is not. (They once differed from 40 characters on.)
func TestDefaultEndpointNameIsTheRenderedOne(t *testing.T) {
	for n := 1; n <= 48; n++ {
		name := "a" + repeat("b", n-1)
		rendered := naming.DefaultEndpoint(name)
		for _, tc := range []struct {
			extra   string
			collide bool
		}{{rendered, true}, {"other_endpoint", false}} {
			s := baseline()
			s.AgentRuntimeName = name
			s.RuntimeEndpoint = &v1alpha1.Endpoint{}
			s.RuntimeEndpoints = []v1alpha1.Endpoint{{Name: &tc.extra}}
			errs, _ := Spec(s, testOptions())
			collides := false
			for _, e := range errs {
				if e.Field == "spec.runtimeEndpoints[0].name" && strings.Contains(e.Detail, "default name of runtimeEndpoint") {
					collides = true
				}
			}
			if collides != tc.collide {
				t.Errorf("agentRuntimeName of %d characters, runtimeEndpoints[0].name %q: collision reported %v, want %v; errors: %v", n, tc.extra, collides, tc.collide, errs)
			}
		}
	}
}
