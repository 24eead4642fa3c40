package iam

// Invoke actions of a runtime.
var invokeActions = Values{"bedrock-agentcore:InvokeAgentRuntime", "bedrock-agentcore:InvokeAgentRuntimeForUser"}

// VpcOnly is the runtime's resource policy for enforceVpcOnly: the account (and any
// further principals) may invoke it from the VPC, and nobody may from elsewhere. The
// Deny matters: an Allow alone does not stop callers whose own IAM policies allow
// them (MDAA's policy has only the Allow).
func VpcOnly(s Scope, runtimeArn, vpcID string, principals []string) Document {
	allowed := append(Values{"arn:" + s.Partition + ":iam::" + s.Account + ":root"}, principals...)
	return Document{Version: Version, Statement: []Statement{
		{
			Sid: "AllowInvokeFromVpc", Effect: Allow, Principal: map[string]any{"AWS": allowed},
			Action: invokeActions, Resource: Values{runtimeArn},
			Condition: map[string]map[string]any{"StringEquals": {"aws:SourceVpc": vpcID}},
		},
		{
			Sid: "DenyInvokeOutsideVpc", Effect: "Deny", Principal: "*",
			Action: invokeActions, Resource: Values{runtimeArn},
			Condition: map[string]map[string]any{"StringNotEquals": {"aws:SourceVpc": vpcID}},
		},
	}}
}

// XRayLogAccess lets X-Ray write transaction search spans to CloudWatch Logs, as MDAA's
// TransactionSearchXRayAccess policy (the aws/spans group has no leading slash).
func XRayLogAccess(s Scope) Document {
	return Document{Version: Version, Statement: []Statement{{
		Sid: "TransactionSearchXRayAccess", Effect: Allow, Principal: map[string]any{"Service": "xray.amazonaws.com"},
		Action: Values{"logs:PutLogEvents"},
		Resource: Values{
			s.arn("logs", "log-group:aws/spans:*"),
			s.arn("logs", "log-group:/aws/application-signals/data:*"),
		},
		Condition: map[string]map[string]any{
			"ArnLike":      {"aws:SourceArn": s.arn("xray", "*")},
			"StringEquals": {"aws:SourceAccount": s.Account},
		},
	}}}
}

// VpcEndpointInvoke is the policy of the AgentCore interface VPC endpoint, as
// MDAA's: invoking runtimes (every InvokeAgentRuntime* action) through it,
// for principals (account or role/user ARNs), or for anyone when there are
// none: OAuth callers of a JWT-authorised runtime have no IAM principal.
func VpcEndpointInvoke(principals []string) Document {
	var principal any = "*"
	if len(principals) > 0 {
		principal = map[string]any{"AWS": Values(principals)}
	}
	return Document{Version: Version, Statement: []Statement{{
		Sid: "AgentCoreInvokeThroughEndpoint", Effect: Allow, Principal: principal,
		Action: Values{"bedrock-agentcore:InvokeAgentRuntime*"}, Resource: Values{"*"},
	}}}
}
