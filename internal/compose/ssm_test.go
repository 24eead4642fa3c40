package compose

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/platform-io/function-agentcore-runtime/apis/v1alpha1"
)

const (
	mdaaPrefix     = "/test-org/test-domain/test-bedrock-agentcore-runtime-main"
	ssmRoleArn     = "arn:aws:iam::123456789012:role/team-a-testAgentRuntime-agentcore-us-east-1"
	ssmRuntimeArn  = "arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/team_a_testAgentRuntime-XyZ9876543"
	ssmRuntimeID   = "team_a_testAgentRuntime-XyZ9876543"
	ssmMDAAEpArn   = ssmRuntimeArn + "/runtime-endpoint/test_runtime_endpoint"
	ssmMDAAEpID    = ssmRuntimeID + ":test_runtime_endpoint"
	ssmCanaryEpArn = ssmRuntimeArn + "/runtime-endpoint/canary"
	ssmCanaryEpID  = ssmRuntimeID + ":canary"
)

// mdaaSpec has the names of MDAA's comprehensive sample plus a further endpoint.
func mdaaSpec() *v1alpha1.Spec {
	return &v1alpha1.Spec{
		AgentRuntimeName: "testAgentRuntime",
		AgentRuntimeArtifact: v1alpha1.Artifact{ContainerConfiguration: &v1alpha1.Container{
			ContainerUri: ptr("123456789012.dkr.ecr.us-east-1.amazonaws.com/test-runtime:latest"),
		}},
		NetworkConfiguration: &v1alpha1.Network{SecurityGroups: []string{"sg-12345678"}, Subnets: []string{"subnet-12345678"}},
		RuntimeEndpoint:      &v1alpha1.Endpoint{Name: ptr("test_runtime_endpoint"), Description: ptr("Test runtime endpoint")},
		RuntimeEndpoints:     []v1alpha1.Endpoint{{Name: ptr("canary")}},
	}
}

// mdaaWorld is everything up: role, policy, runtime and both endpoints observed.
func mdaaWorld() Observed {
	return Observed{
		"execution-role":                 obs(true, map[string]any{"arn": ssmRoleArn}, nil),
		"execution-policy":               obs(true, map[string]any{"arn": "arn:aws:iam::123456789012:policy/p"}, nil),
		"execution-policy-attachment":    obs(true, nil, nil),
		"runtime":                        obs(true, map[string]any{"agentRuntimeArn": ssmRuntimeArn, "agentRuntimeId": ssmRuntimeID, "agentRuntimeVersion": "1"}, nil),
		"endpoint-test_runtime_endpoint": withExternalName(obs(true, map[string]any{"agentRuntimeEndpointArn": ssmMDAAEpArn}, nil), ssmMDAAEpID),
		"endpoint-canary":                withExternalName(obs(true, map[string]any{"agentRuntimeEndpointArn": ssmCanaryEpArn}, nil), ssmCanaryEpID),
	}
}

// parameter is what an SSM Parameter resource publishes.
type parameter struct {
	Path  string // the external name
	Value string
}

// parameters are r's ssm Parameters by composition resource name.
func parameters(r Result) map[string]parameter {
	out := map[string]parameter{}
	for _, res := range r.Resources {
		if res.Object["kind"] != "Parameter" {
			continue
		}
		meta, _ := res.Object["metadata"].(map[string]any)
		annotations, _ := meta["annotations"].(map[string]any)
		path, _ := annotations["crossplane.io/external-name"].(string)
		value, _ := Lookup(res.Object, "spec", "forProvider", "insecureValue").(string)
		out[res.Name] = parameter{Path: path, Value: value}
	}
	return out
}

// mdaaParameters are the parameters of mdaaWorld under prefix base.
func mdaaParameters(base string) map[string]parameter {
	return map[string]parameter{
		"ssm-runtime-arn":                        {Path: base + "/agentruntime/testagentruntime/arn", Value: ssmRuntimeArn},
		"ssm-runtime-id":                         {Path: base + "/agentruntime/testagentruntime/id", Value: ssmRuntimeID},
		"ssm-runtime-name":                       {Path: base + "/agentruntime/testagentruntime/name", Value: "team_a_testAgentRuntime"},
		"ssm-endpoint-test_runtime_endpoint-arn": {Path: base + "/agentruntimeendpoint/testagentruntime/arn", Value: ssmMDAAEpArn},
		"ssm-endpoint-test_runtime_endpoint-id":  {Path: base + "/agentruntimeendpoint/testagentruntime/id", Value: ssmMDAAEpID},
		"ssm-endpoint-canary-arn":                {Path: base + "/agentruntimeendpoint/testagentruntime/canary/arn", Value: ssmCanaryEpArn},
		"ssm-endpoint-canary-id":                 {Path: base + "/agentruntimeendpoint/testagentruntime/canary/id", Value: ssmCanaryEpID},
		"ssm-role-arn":                           {Path: base + "/role/bedrock-agentcore-runtime-testagentruntime/arn", Value: ssmRoleArn},
		"ssm-role-name":                          {Path: base + "/role/bedrock-agentcore-runtime-testagentruntime/name", Value: "team-a-testAgentRuntime-agentcore-us-east-1"},
	}
}

// paths are the parameters' paths in the order compose publishes them.
func mdaaPaths(base string, role bool) []string {
	out := []string{
		base + "/agentruntime/testagentruntime/arn",
		base + "/agentruntime/testagentruntime/id",
		base + "/agentruntime/testagentruntime/name",
		base + "/agentruntimeendpoint/testagentruntime/arn",
		base + "/agentruntimeendpoint/testagentruntime/id",
		base + "/agentruntimeendpoint/testagentruntime/canary/arn",
		base + "/agentruntimeendpoint/testagentruntime/canary/id",
	}
	if role {
		out = append(out, base+"/role/bedrock-agentcore-runtime-testagentruntime/arn", base+"/role/bedrock-agentcore-runtime-testagentruntime/name")
	}
	return out
}

func TestSSMPaths(t *testing.T) {
	withoutRole := func(m map[string]parameter) map[string]parameter {
		delete(m, "ssm-role-arn")
		delete(m, "ssm-role-name")
		return m
	}
	cases := map[string]struct {
		reason        string
		spec          func(*v1alpha1.Spec)
		prefix        string
		teamNamespace string
		namespaced    bool
		observed      Observed
		want          map[string]parameter
		wantPaths     []string
	}{
		"MDAAPrefix": {
			reason:        "With MDAA's /<org>/<domain>/<module> prefix the paths are MDAA's exactly, lower case; the further endpoint gets its own sub-path; the name parameter holds the physical (prefixed, sanitised) runtime name.",
			prefix:        mdaaPrefix,
			teamNamespace: "team-a",
			namespaced:    true,
			observed:      mdaaWorld(),
			want:          mdaaParameters(mdaaPrefix),
			wantPaths:     mdaaPaths(mdaaPrefix, true),
		},
		"MDAAPrefixLegacy": {
			reason:        "A legacy XR publishes at the same paths.",
			prefix:        mdaaPrefix,
			teamNamespace: "team-a",
			observed:      mdaaWorld(),
			want:          mdaaParameters(mdaaPrefix),
			wantPaths:     mdaaPaths(mdaaPrefix, true),
		},
		"DefaultPrefix": {
			reason:        "Without a prefix the paths are under /agentcore/<team namespace>, so two teams' runtimes of one name never share a path.",
			teamNamespace: "team-a",
			namespaced:    true,
			observed:      mdaaWorld(),
			want:          mdaaParameters("/agentcore/team-a"),
			wantPaths:     mdaaPaths("/agentcore/team-a", true),
		},
		"DefaultPrefixNoNamespace": {
			reason:    "A legacy XR without a claim has no team namespace: /agentcore.",
			observed:  mdaaWorld(),
			want:      mdaaParameters("/agentcore"),
			wantPaths: mdaaPaths("/agentcore", true),
		},
		"ExistingRole": {
			reason:        "With roleArn no role is created, so no role parameters are published.",
			spec:          func(s *v1alpha1.Spec) { s.RoleArn = ptr(ssmRoleArn) },
			prefix:        mdaaPrefix,
			teamNamespace: "team-a",
			namespaced:    true,
			observed:      mdaaWorld(),
			want:          withoutRole(mdaaParameters(mdaaPrefix)),
			wantPaths:     mdaaPaths(mdaaPrefix, false),
		},
		"RoleOnly": {
			reason:        "Each parameter appears once its value is observed: only the role's before the runtime exists.",
			prefix:        mdaaPrefix,
			teamNamespace: "team-a",
			namespaced:    true,
			observed:      Observed{"execution-role": obs(true, map[string]any{"arn": ssmRoleArn}, nil)},
			want: map[string]parameter{
				"ssm-role-arn":  {Path: mdaaPrefix + "/role/bedrock-agentcore-runtime-testagentruntime/arn", Value: ssmRoleArn},
				"ssm-role-name": {Path: mdaaPrefix + "/role/bedrock-agentcore-runtime-testagentruntime/name", Value: "team-a-testAgentRuntime-agentcore-us-east-1"},
			},
			wantPaths: []string{
				mdaaPrefix + "/role/bedrock-agentcore-runtime-testagentruntime/arn",
				mdaaPrefix + "/role/bedrock-agentcore-runtime-testagentruntime/name",
			},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			s := mdaaSpec()
			if tc.spec != nil {
				tc.spec(s)
			}
			req := connectionRequest(s, tc.observed, tc.namespaced)
			req.Settings.NamePrefix = "team-a-"
			req.Settings.SSMParameterPrefix = tc.prefix
			req.TeamNamespace = tc.teamNamespace
			r := Compose(req)
			if diff := cmp.Diff(tc.want, parameters(r)); diff != "" {
				t.Errorf("%s\nSSM parameters: -want, +got:\n%s", tc.reason, diff)
			}
			if diff := cmp.Diff(tc.wantPaths, r.Facts.SSMParameters); diff != "" {
				t.Errorf("%s\nFacts.SSMParameters: -want, +got:\n%s", tc.reason, diff)
			}
		})
	}
}

func TestSSMPrefix(t *testing.T) {
	cases := map[string]struct {
		reason                    string
		configured, teamNamespace string
		want                      string
	}{
		"Configured":        {reason: "The Input's prefix wins.", configured: mdaaPrefix, teamNamespace: "team-a", want: mdaaPrefix},
		"TeamNamespace":     {reason: "Else /agentcore/<namespace>.", teamNamespace: "team-a", want: "/agentcore/team-a"},
		"NothingConfigured": {reason: "Else /agentcore.", want: "/agentcore"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, SSMPrefix(tc.configured, tc.teamNamespace)); diff != "" {
				t.Errorf("%s\nSSMPrefix(): -want, +got:\n%s", tc.reason, diff)
			}
		})
	}
}
