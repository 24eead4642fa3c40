package compose

import (
	"encoding/json"
	"maps"
	"slices"
	"strings"

	"github.com/platform-io/function-agentcore-runtime/apis/v1alpha1"
	"github.com/platform-io/function-agentcore-runtime/internal/iam"
	"github.com/platform-io/function-agentcore-runtime/internal/naming"
	"github.com/platform-io/function-agentcore-runtime/internal/render"
)

// The target IDs of a rule's two targets.
const (
	topicTargetID  = "alert-topic"
	lambdaTargetID = "alert-lambda"
)

// eventBridge renders MDAA's eventBridgeAlerts: per rule, an EventBridge rule
// on the runtime's CloudTrail events, a target publishing a readable message
// to the alarms' topic through a role of its own, and optionally a Lambda
// target with the permission to invoke it.
func (p *pass) eventBridge() {
	e := p.Spec.EventBridgeAlerts
	if e == nil || p.Spec.Alarms == nil {
		return
	}
	for _, key := range slices.Sorted(maps.Keys(e.Rules)) {
		p.eventRule(key, e.Rules[key])
	}
}

// eventRule renders one rule of eventBridgeAlerts and its targets.
func (p *pass) eventRule(key string, r v1alpha1.EventBridgeRule) {
	res := naming.EventRule(key)
	ruleName := naming.EventRuleName(p.Settings.NamePrefix, key, p.Spec.AgentRuntimeName)
	description := first(deref(r.Description), "AgentCore security event rule '"+key+"' for "+p.Spec.AgentRuntimeName)
	if pattern, ok := p.gate(p.eventPattern(r), p.Observed.ForProvider(res.Rule, "eventPattern"), "the ARN and ID of %s before %s", naming.AgentRuntime, res.Rule); ok {
		p.add(res.Rule, p.Target.EventRule(render.EventRuleInput{Name: ruleName, Description: description, Pattern: pattern, Tags: p.tags}))
	}
	ruleReady := p.Observed.Ready(res.Rule)
	if r.TargetLambdaArn != nil {
		p.add(res.LambdaPermission, p.Target.LambdaPermission("AllowEventBridge-"+nonStatementID.Replace(ruleName), *r.TargetLambdaArn, "events.amazonaws.com", p.scope().EventRuleArn(ruleName)))
		if p.gateExisting(res.LambdaTarget, ruleReady, "%s to become Ready before %s", res.Rule, res.LambdaTarget) {
			p.add(res.LambdaTarget, p.Target.EventTarget(render.EventTargetInput{Rule: ruleName, ID: lambdaTargetID, Arn: *r.TargetLambdaArn}))
		}
	}
	roleName := naming.EventRoleName(p.Settings.NamePrefix, p.Spec.AgentRuntimeName, key, p.Target.Region)
	p.add(res.Role, p.Target.Role(render.RoleInput{
		Name: roleName, Description: "EventBridge delivery of AgentCore alerts of rule " + ruleName,
		AssumeRolePolicy: iam.EventsTrust(p.scope(), ruleName).JSON(), Tags: p.tags,
	}))
	// The topic's ARN as last rendered: its target's, else its role policy's
	// (rendered first), so that neither is dropped while the topic's status
	// is missing for a pass.
	lastTopic := first(p.Observed.ForProvider(res.Target, "arn"), iam.PublishedTopic(p.Observed.ForProvider(res.RolePolicy, "policy")))
	topic, ok := p.gate(p.out.Facts.AlarmTopicArn, lastTopic, "the ARN of the alarms' topic before %s", res.Target)
	if !ok {
		return
	}
	kmsKey := "" // the topic's key: only the created topic's is known
	if p.Spec.Alarms.NotificationTopicArn == nil {
		kmsKey = p.Settings.LogKMSKeyArn
	}
	if p.gateExisting(res.RolePolicy, p.Observed.Ready(res.Role), "%s to become Ready before %s", res.Role, res.RolePolicy) {
		p.add(res.RolePolicy, p.Target.RolePolicy("publish-alerts", roleName, iam.EventsPublish(topic, kmsKey).JSON()))
	}
	roleArn, ok := p.gate(p.Observed.AtProvider(res.Role, roleArn), p.Observed.ForProvider(res.Target, "roleArn"), "the ARN of %s before %s", res.Role, res.Target)
	if !ok || !p.gateExisting(res.Target, ruleReady, "%s to become Ready before %s", res.Rule, res.Target) {
		return
	}
	p.add(res.Target, p.Target.EventTarget(render.EventTargetInput{
		Rule: ruleName, ID: topicTargetID, Arn: topic, RoleArn: roleArn,
		InputPaths: alertInputPaths, InputTemplate: alertTemplate(first(deref(r.Description), key), p.Spec.AgentRuntimeName, key),
	}))
}

// eventPattern matches the runtime's CloudTrail events (by its ID, its ARN,
// or, for invocations, whose requestParameters are null, the ARNs of the
// runtime and its endpoints among the event's resources), narrowed to the
// rule's error codes and event names; "" until the runtime is observed.
func (p *pass) eventPattern(r v1alpha1.EventBridgeRule) string {
	f := p.out.Facts
	if f.RuntimeArn == "" || f.RuntimeID == "" {
		return ""
	}
	arns := []any{f.RuntimeArn}
	for _, e := range Endpoints(p.Spec) {
		arns = append(arns, f.RuntimeArn+"/runtime-endpoint/"+e.Name)
	}
	detail := map[string]any{
		"eventSource": []any{"bedrock-agentcore.amazonaws.com", "bedrock-agentcore-control.amazonaws.com"},
		"$or": []any{
			map[string]any{"requestParameters": map[string]any{"agentRuntimeId": []any{f.RuntimeID}}},
			map[string]any{"requestParameters": map[string]any{"agentRuntimeArn": []any{f.RuntimeArn}}},
			map[string]any{"resources": map[string]any{"ARN": arns}},
		},
	}
	if len(r.ErrorCodes) > 0 {
		detail["errorCode"] = render.AnyList(r.ErrorCodes)
	}
	if len(r.EventNames) > 0 {
		detail["eventName"] = render.AnyList(r.EventNames)
	}
	b, err := json.Marshal(map[string]any{
		"source":      []any{"aws.bedrock-agentcore", "aws.bedrock-agentcore-control"},
		"detail-type": []any{"AWS API Call via CloudTrail"},
		"detail":      detail,
	})
	if err != nil {
		panic(err) // cannot happen: maps, lists and strings
	}
	return string(b)
}

// alertInputPaths are the event's values MDAA's alert message shows.
var alertInputPaths = map[string]string{
	"account": "$.account", "region": "$.region", "time": "$.time",
	"eventName": "$.detail.eventName", "errorCode": "$.detail.errorCode", "errorMessage": "$.detail.errorMessage",
	"principal": "$.detail.userIdentity.arn", "sourceIp": "$.detail.sourceIPAddress",
}

// alertTemplate is MDAA's alert message: one quoted line each, as
// EventBridge's text templates are written.
func alertTemplate(title, runtime, key string) string {
	lines := []string{
		"AgentCore security event: " + title, "Resource: " + runtime, "Rule: " + key,
		"Account: <account>", "Region: <region>", "Time: <time>", "Event: <eventName>",
		"Error code: <errorCode>", "Error message: <errorMessage>", "Principal: <principal>", "Source IP: <sourceIp>",
	}
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // <name> is a value of the event, not text to escape
	for _, l := range lines {
		_ = enc.Encode(l) //nolint:errchkjson // a string always encodes; Encode ends it with "\n"
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// nonStatementID turns what a Lambda permission's statement ID may not hold into '-'.
var nonStatementID = strings.NewReplacer(".", "-")
