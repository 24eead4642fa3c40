package render

// defaultBus is EventBridge's default event bus. Rules and targets name it:
// provider-aws builds their import IDs from eventBusName and fails without it.
const defaultBus = "default"

// EventRuleInput is an EventBridge rule on the default bus.
type EventRuleInput struct {
	Name, Description string
	// Pattern is the event pattern, JSON.
	Pattern string
	Tags    map[string]string
}

// EventRule is a cloudwatchevents Rule named through its external name, enabled.
func (t Target) EventRule(in EventRuleInput) map[string]any {
	fp := map[string]any{fieldRegion: t.Region, "eventBusName": defaultBus, "eventPattern": in.Pattern, "state": "ENABLED"}
	set(fp, "description", in.Description)
	set(fp, "tags", in.Tags)
	return t.managed("cloudwatchevents", "Rule", fp, in.Name)
}

// EventTargetInput is a target of a rule: arn receives the matching events,
// through roleArn when set, transformed when InputTemplate is set.
type EventTargetInput struct {
	Rule, ID, Arn, RoleArn string
	InputPaths             map[string]string
	InputTemplate          string
}

// EventTarget is a cloudwatchevents Target of a rule on the default bus.
func (t Target) EventTarget(in EventTargetInput) map[string]any {
	fp := map[string]any{fieldRegion: t.Region, "eventBusName": defaultBus, "rule": in.Rule, "targetId": in.ID, "arn": in.Arn}
	set(fp, "roleArn", in.RoleArn)
	if in.InputTemplate != "" {
		it := map[string]any{"inputTemplate": in.InputTemplate}
		set(it, "inputPaths", in.InputPaths)
		fp["inputTransformer"] = it
	}
	return t.managed("cloudwatchevents", "Target", fp, "")
}

// RolePolicy is an iam RolePolicy (an inline policy) of the role roleName,
// named through its external name.
func (t Target) RolePolicy(name, roleName, policy string) map[string]any {
	return t.managed("iam", "RolePolicy", map[string]any{"role": roleName, fieldPolicy: policy}, name)
}

// LambdaPermission lets principal invoke the function functionArn from sourceArn.
func (t Target) LambdaPermission(statementID, functionArn, principal, sourceArn string) map[string]any {
	return t.managed("lambda", "Permission", map[string]any{
		fieldRegion: t.Region, "statementId": statementID, "functionName": functionArn,
		"action": "lambda:InvokeFunction", "principal": principal, "sourceArn": sourceArn,
	}, "")
}
