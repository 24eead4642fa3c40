package iam

import (
	"fmt"
)

// Allow is the Effect of a statement that grants.
const Allow = "Allow"

// condStringEquals is IAM's StringEquals condition operator.
const condStringEquals = "StringEquals"

// Needs says what the runtime does, which decides the statements it gets.
type Needs struct {
	// ImageRepositoryArns are the ECR repositories the runtime pulls from.
	ImageRepositoryArns []string
	// ModelArns replace the default model resources (allowedModelArns).
	ModelArns []string
	// JWTInbound drops GetWorkloadAccessTokenForUserId: a JWT-authorised runtime gets
	// its user identity from the token (AWS advises denying ForUserId there).
	JWTInbound bool
	// Extra are the user's own statements, appended as given.
	Extra []Statement
}

// Execution is the runtime's managed policy: MDAA's statements, each scoped to this
// runtime where the service allows it, then the user's statements.
func Execution(s Scope, n Needs) Document {
	var st []Statement
	if len(n.ImageRepositoryArns) > 0 {
		st = append(st,
			Statement{Sid: "ECRTokenAccess", Effect: Allow, Action: Values{"ecr:GetAuthorizationToken"}, Resource: Values{"*"}},
			Statement{Sid: "ECRRepositoryAccess", Effect: Allow, Action: Values{"ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"}, Resource: Values(n.ImageRepositoryArns)},
		)
	}
	// A code zip in S3 is read by the identity that calls Create/UpdateAgentRuntime
	// (the provider's), not by the runtime: the execution role gets no S3 access
	// (AgentCore's direct code deployment troubleshooting, README "Before you start").
	logGroups := s.arn("logs", "log-group:/aws/bedrock-agentcore/runtimes/"+s.RuntimeName+"-*")
	st = append(st,
		Statement{Sid: "LogGroupAccess", Effect: Allow, Action: Values{"logs:CreateLogGroup", "logs:DescribeLogStreams"}, Resource: Values{logGroups}},
		Statement{Sid: "LogGroupDiscovery", Effect: Allow, Action: Values{"logs:DescribeLogGroups"}, Resource: Values{s.arn("logs", "log-group:*")}},
		Statement{Sid: "LogStreamWrite", Effect: Allow, Action: Values{"logs:CreateLogStream", "logs:PutLogEvents"}, Resource: Values{logGroups + ":log-stream:*"}},
		Statement{Sid: "XRayWrite", Effect: Allow, Action: Values{"xray:GetSamplingRules", "xray:GetSamplingTargets", "xray:PutTelemetryRecords", "xray:PutTraceSegments"}, Resource: Values{"*"}},
		Statement{Sid: "MetricsWrite", Effect: Allow, Action: Values{"cloudwatch:PutMetricData"}, Resource: Values{"*"},
			Condition: map[string]map[string]any{condStringEquals: {"cloudwatch:namespace": "bedrock-agentcore"}}},
		Statement{Sid: "GetAgentAccessToken", Effect: Allow, Action: tokenActions(n.JWTInbound), Resource: Values{
			s.arn("bedrock-agentcore", "workload-identity-directory/default"),
			s.arn("bedrock-agentcore", "workload-identity-directory/default/workload-identity/"+s.RuntimeName+"-*"),
		}},
		Statement{Sid: "BedrockModelInvocation", Effect: Allow, Action: Values{"bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"}, Resource: modelResources(s, n.ModelArns)},
	)
	st = append(st, n.Extra...)
	return Document{Version: Version, Statement: st}
}

func tokenActions(jwt bool) Values {
	a := Values{"bedrock-agentcore:GetWorkloadAccessToken", "bedrock-agentcore:GetWorkloadAccessTokenForJWT"}
	if !jwt {
		a = append(a, "bedrock-agentcore:GetWorkloadAccessTokenForUserId")
	}
	return a
}

// modelResources are the given model ARNs, else any foundation model and this
// account's inference profiles in the runtime's region.
func modelResources(s Scope, arns []string) Values {
	if len(arns) > 0 {
		return Values(arns)
	}
	return Values{
		fmt.Sprintf("arn:%s:bedrock:*::foundation-model/*", s.Partition),
		s.arn("bedrock", "application-inference-profile/*"),
		s.arn("bedrock", "inference-profile/*"),
	}
}
