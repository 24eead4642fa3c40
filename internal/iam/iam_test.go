package iam

import (
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var scope = Scope{Partition: "aws", Region: "us-east-1", Account: "123456789012", RuntimeName: "team_a_orders"}

func TestTrust(t *testing.T) {
	want := `{"Version":"2012-10-17","Statement":[{"Sid":"AgentCoreAssumeRole","Effect":"Allow",` +
		`"Principal":{"Service":"bedrock-agentcore.amazonaws.com"},"Action":"sts:AssumeRole",` +
		`"Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/team_a_orders-*"},` +
		`"StringEquals":{"aws:SourceAccount":"123456789012"}}}]}`
	if diff := cmp.Diff(want, Trust(scope).JSON()); diff != "" {
		t.Errorf("Trust(): -want, +got:\n%s", diff)
	}
}

func TestExecution(t *testing.T) {
	const (
		ecr     = `{"Sid":"ECRTokenAccess","Effect":"Allow","Action":"ecr:GetAuthorizationToken","Resource":"*"},`
		logsEtc = `{"Sid":"LogGroupAccess","Effect":"Allow","Action":["logs:CreateLogGroup","logs:DescribeLogStreams"],"Resource":"arn:aws:logs:us-east-1:123456789012:log-group:/aws/bedrock-agentcore/runtimes/team_a_orders-*"},` +
			`{"Sid":"LogGroupDiscovery","Effect":"Allow","Action":"logs:DescribeLogGroups","Resource":"arn:aws:logs:us-east-1:123456789012:log-group:*"},` +
			`{"Sid":"LogStreamWrite","Effect":"Allow","Action":["logs:CreateLogStream","logs:PutLogEvents"],"Resource":"arn:aws:logs:us-east-1:123456789012:log-group:/aws/bedrock-agentcore/runtimes/team_a_orders-*:log-stream:*"},` +
			`{"Sid":"XRayWrite","Effect":"Allow","Action":["xray:GetSamplingRules","xray:GetSamplingTargets","xray:PutTelemetryRecords","xray:PutTraceSegments"],"Resource":"*"},` +
			`{"Sid":"MetricsWrite","Effect":"Allow","Action":"cloudwatch:PutMetricData","Resource":"*","Condition":{"StringEquals":{"cloudwatch:namespace":"bedrock-agentcore"}}},`
		tokenResources = `"Resource":["arn:aws:bedrock-agentcore:us-east-1:123456789012:workload-identity-directory/default","arn:aws:bedrock-agentcore:us-east-1:123456789012:workload-identity-directory/default/workload-identity/team_a_orders-*"]}`
		models         = `{"Sid":"BedrockModelInvocation","Effect":"Allow","Action":["bedrock:InvokeModel","bedrock:InvokeModelWithResponseStream"],"Resource":["arn:aws:bedrock:*::foundation-model/*","arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/*","arn:aws:bedrock:us-east-1:123456789012:inference-profile/*"]}`
	)
	cases := map[string]struct {
		scope Scope
		needs Needs
		want  string
	}{
		"ContainerImage": {
			scope: scope,
			needs: Needs{ImageRepositoryArns: []string{"arn:aws:ecr:us-east-1:123456789012:repository/agents/orders"}},
			want: `{"Version":"2012-10-17","Statement":[` + ecr +
				`{"Sid":"ECRRepositoryAccess","Effect":"Allow","Action":["ecr:BatchGetImage","ecr:GetDownloadUrlForLayer"],"Resource":"arn:aws:ecr:us-east-1:123456789012:repository/agents/orders"},` +
				logsEtc +
				`{"Sid":"GetAgentAccessToken","Effect":"Allow","Action":["bedrock-agentcore:GetWorkloadAccessToken","bedrock-agentcore:GetWorkloadAccessTokenForJWT","bedrock-agentcore:GetWorkloadAccessTokenForUserId"],` + tokenResources + `,` +
				models + `]}`,
		},
		"CodeArtifactJWTModelsAndUserStatement": {
			// A code artifact gets no S3 statement: the identity that calls
			// CreateAgentRuntime reads the zip, not the runtime.
			scope: scope,
			needs: Needs{
				JWTInbound: true,
				ModelArns:  []string{"arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-haiku-*"},
				Extra:      []Statement{{Sid: "Queue", Effect: "Deny", Action: Values{"sqs:*"}, Resource: Values{"*"}}},
			},
			want: `{"Version":"2012-10-17","Statement":[` +
				logsEtc +
				`{"Sid":"GetAgentAccessToken","Effect":"Allow","Action":["bedrock-agentcore:GetWorkloadAccessToken","bedrock-agentcore:GetWorkloadAccessTokenForJWT"],` + tokenResources + `,` +
				`{"Sid":"BedrockModelInvocation","Effect":"Allow","Action":["bedrock:InvokeModel","bedrock:InvokeModelWithResponseStream"],"Resource":"arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-haiku-*"},` +
				`{"Sid":"Queue","Effect":"Deny","Action":"sqs:*","Resource":"*"}]}`,
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, Execution(tc.scope, tc.needs).JSON()); diff != "" {
				t.Errorf("Execution(): -want, +got:\n%s", diff)
			}
		})
	}
}

func TestPartitionAwareArns(t *testing.T) {
	cn := Scope{Partition: "aws-cn", Region: "cn-north-1", Account: "123456789012", RuntimeName: "r"}
	if diff := cmp.Diff("arn:aws-cn:bedrock-agentcore:cn-north-1:123456789012:runtime/r-*", cn.RuntimeArnPattern()); diff != "" {
		t.Errorf("RuntimeArnPattern: -want, +got:\n%s", diff)
	}
}

func TestResourcePolicies(t *testing.T) {
	cases := map[string]struct {
		got, want string
	}{
		"VpcOnly": {
			got: VpcOnly(scope, "arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/team_a_orders-abc", "vpc-12345678", []string{"210987654321"}).JSON(),
			want: `{"Version":"2012-10-17","Statement":[` +
				`{"Sid":"AllowInvokeFromVpc","Effect":"Allow","Principal":{"AWS":["arn:aws:iam::123456789012:root","210987654321"]},"Action":["bedrock-agentcore:InvokeAgentRuntime","bedrock-agentcore:InvokeAgentRuntimeForUser"],"Resource":"arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/team_a_orders-abc","Condition":{"StringEquals":{"aws:SourceVpc":"vpc-12345678"}}},` +
				`{"Sid":"DenyInvokeOutsideVpc","Effect":"Deny","Principal":"*","Action":["bedrock-agentcore:InvokeAgentRuntime","bedrock-agentcore:InvokeAgentRuntimeForUser"],"Resource":"arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/team_a_orders-abc","Condition":{"StringNotEquals":{"aws:SourceVpc":"vpc-12345678"}}}]}`,
		},
		"VpcOnlyAccountOnly": {
			got:  VpcOnly(scope, "arn:r", "vpc-1", nil).JSON(),
			want: `{"Version":"2012-10-17","Statement":[{"Sid":"AllowInvokeFromVpc","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":["bedrock-agentcore:InvokeAgentRuntime","bedrock-agentcore:InvokeAgentRuntimeForUser"],"Resource":"arn:r","Condition":{"StringEquals":{"aws:SourceVpc":"vpc-1"}}},{"Sid":"DenyInvokeOutsideVpc","Effect":"Deny","Principal":"*","Action":["bedrock-agentcore:InvokeAgentRuntime","bedrock-agentcore:InvokeAgentRuntimeForUser"],"Resource":"arn:r","Condition":{"StringNotEquals":{"aws:SourceVpc":"vpc-1"}}}]}`,
		},
		"XRayLogAccess": {
			got: XRayLogAccess(scope).JSON(),
			want: `{"Version":"2012-10-17","Statement":[{"Sid":"TransactionSearchXRayAccess","Effect":"Allow","Principal":{"Service":"xray.amazonaws.com"},"Action":"logs:PutLogEvents",` +
				`"Resource":["arn:aws:logs:us-east-1:123456789012:log-group:aws/spans:*","arn:aws:logs:us-east-1:123456789012:log-group:/aws/application-signals/data:*"],` +
				`"Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:xray:us-east-1:123456789012:*"},"StringEquals":{"aws:SourceAccount":"123456789012"}}}]}`,
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, tc.got); diff != "" {
				t.Errorf("-want, +got:\n%s", diff)
			}
		})
	}
}

// iamMatch reports whether an IAM resource pattern (* any characters, ? one)
// matches s.
func iamMatch(pattern, s string) bool {
	re := "^" + strings.NewReplacer(`\*`, ".*", `\?`, ".").Replace(regexp.QuoteMeta(pattern)) + "$"
	return regexp.MustCompile(re).MatchString(s)
}

// TestNameBoundaries: the execution role's patterns (trust SourceArn, log
// groups and streams, workload identities) match what AgentCore names after
// the runtime's ID (<name>-<10 characters>), and nothing of a runtime whose
// name merely starts with this one's.
func TestNameBoundaries(t *testing.T) {
	s := Scope{Partition: "aws", Region: "us-east-1", Account: "123456789012", RuntimeName: "team_a_orders"}
	doc := Execution(s, Needs{}).JSON() + Trust(s).JSON()
	arn := func(service, resource string) string {
		return "arn:aws:" + service + ":us-east-1:123456789012:" + resource
	}
	for _, id := range []struct {
		id   string
		want bool
	}{{"team_a_orders-Ab12Cd34Ef", true}, {"team_a_orders_v2-Ab12Cd34Ef", false}} {
		for _, name := range []string{
			arn("bedrock-agentcore", "runtime/"+id.id),
			arn("logs", "log-group:/aws/bedrock-agentcore/runtimes/"+id.id+"-DEFAULT"),
			arn("logs", "log-group:/aws/bedrock-agentcore/runtimes/"+id.id+"-DEFAULT:log-stream:s"),
			arn("bedrock-agentcore", "workload-identity-directory/default/workload-identity/"+id.id),
		} {
			matched := false
			for _, m := range regexp.MustCompile(`"(arn:aws:(?:bedrock-agentcore|logs):[^"]*(?:team_a_orders)[^"]*)"`).FindAllStringSubmatch(doc, -1) {
				if iamMatch(m[1], name) {
					matched = true
				}
			}
			if matched != id.want {
				t.Errorf("%s: matched by the role's patterns = %v, want %v", name, matched, id.want)
			}
		}
	}
}

func TestPublishedTopic(t *testing.T) {
	const topic = "arn:aws:sns:us-east-1:123456789012:alerts"
	const key = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
	cases := map[string]struct {
		policy string
		want   string
	}{
		"Rendered":        {policy: EventsPublish(topic, "").JSON(), want: topic},
		"RenderedWithKey": {policy: EventsPublish(topic, key).JSON(), want: topic},
		"NotJSON":         {policy: "{", want: ""},
		"AnotherPolicy":   {policy: `{"Statement":[{"Sid":"Other","Resource":"` + topic + `"}]}`, want: ""},
		"Empty":           {policy: "", want: ""},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, PublishedTopic(tc.policy)); diff != "" {
				t.Errorf("PublishedTopic: -want +got:\n%s", diff)
			}
		})
	}
}
