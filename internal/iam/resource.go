package iam

import "encoding/json"

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
			Condition: map[string]map[string]any{condStringEquals: {"aws:SourceVpc": vpcID}},
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
			"ArnLike":        {"aws:SourceArn": s.arn("xray", "*")},
			condStringEquals: {"aws:SourceAccount": s.Account},
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

// DataProtectionIdentifiers are MDAA's built-in managed data identifiers.
var DataProtectionIdentifiers = []string{"EmailAddress", "CreditCardNumber", "Ssn-US", "Name", "Address", "PhoneNumber-US", "IpAddress"}

// DataProtection is MDAA's CloudWatch Logs data protection policy: audit and
// mask its built-in identifiers and extra ones (deduplicated, in order).
func DataProtection(name, partition string, extra []string) string {
	var ids []any
	seen := map[string]bool{}
	for _, id := range append(append([]string{}, DataProtectionIdentifiers...), extra...) {
		if !seen[id] {
			seen[id] = true
			ids = append(ids, "arn:"+partition+":dataprotection::aws:data-identifier/"+id)
		}
	}
	doc := map[string]any{
		"Name": name, "Version": "2021-06-01",
		"Statement": []any{
			map[string]any{"Sid": "audit-policy", "DataIdentifier": ids, "Operation": map[string]any{"Audit": map[string]any{"FindingsDestination": map[string]any{}}}},
			map[string]any{"Sid": "redact-policy", "DataIdentifier": ids, "Operation": map[string]any{"Deidentify": map[string]any{"MaskConfig": map[string]any{}}}},
		},
	}
	b, err := json.Marshal(doc)
	if err != nil {
		panic(err) // cannot happen: maps and strings
	}
	return string(b)
}

// AlarmTopic is MDAA's policy of the alarms' SNS topic: TLS only, and
// CloudWatch may publish for this account's agentcore-*-<runtime> alarms.
func AlarmTopic(s Scope, topicArn string) Document {
	return Document{Version: Version, Statement: []Statement{
		{
			Sid: "EnforceSSL", Effect: "Deny", Principal: "*",
			Action: Values{"sns:Publish", "sns:RemovePermission", "sns:SetTopicAttributes", "sns:DeleteTopic", "sns:ListSubscriptionsByTopic",
				"sns:GetTopicAttributes", "sns:Receive", "sns:AddPermission", "sns:Subscribe"},
			Resource:  Values{"*"},
			Condition: map[string]map[string]any{"Bool": {"aws:SecureTransport": "false"}},
		},
		{
			Sid: "AllowCloudWatchAlarmsToPublish", Effect: Allow, Principal: map[string]any{"Service": "cloudwatch.amazonaws.com"},
			Action: Values{"sns:Publish"}, Resource: Values{topicArn},
			Condition: map[string]map[string]any{
				condStringEquals: {"aws:SourceAccount": s.Account},
				"ArnLike":        {"aws:SourceArn": s.arn("cloudwatch", "alarm:agentcore-*-"+s.RuntimeName)},
			},
		},
	}}
}

// EventsTrust is the trust policy of an eventBridgeAlerts rule's role: only
// EventBridge, only for that rule of this account (CDK's role trusts any).
func EventsTrust(s Scope, ruleName string) Document {
	return Document{Version: Version, Statement: []Statement{{
		Sid: "EventBridgeAssumeRole", Effect: Allow, Principal: map[string]any{"Service": "events.amazonaws.com"},
		Action: Values{"sts:AssumeRole"},
		Condition: map[string]map[string]any{
			condStringEquals: {"aws:SourceAccount": s.Account},
			"ArnLike":        {"aws:SourceArn": s.EventRuleArn(ruleName)},
		},
	}}}
}

// EventsPublish is what a rule's role may do: publish to the topic and, when
// a key encrypts it, use that key for it (MDAA grants kms:GenerateDataKey*;
// SNS needs GenerateDataKey and Decrypt only).
func EventsPublish(topicArn, keyArn string) Document {
	d := Document{Version: Version, Statement: []Statement{{
		Sid: publishSid, Effect: Allow, Action: Values{"sns:Publish"}, Resource: Values{topicArn},
	}}}
	if keyArn != "" {
		d.Statement = append(d.Statement, Statement{
			Sid: "UseAlertTopicKey", Effect: Allow, Action: Values{"kms:Decrypt", "kms:GenerateDataKey"}, Resource: Values{keyArn},
		})
	}
	return d
}

// publishSid names EventsPublish's statement on the topic.
const publishSid = "PublishToAlertTopic"

// PublishedTopic is the topic ARN an EventsPublish document (as JSON) lets
// publish to, or "" when policy is not one: what an existing role policy
// holds when the topic's own status is missing for a pass.
func PublishedTopic(policy string) string {
	var d struct {
		Statement []struct {
			Sid      string
			Resource json.RawMessage
		}
	}
	if json.Unmarshal([]byte(policy), &d) != nil {
		return ""
	}
	for _, s := range d.Statement {
		var arn string
		if s.Sid == publishSid && json.Unmarshal(s.Resource, &arn) == nil {
			return arn
		}
	}
	return ""
}
