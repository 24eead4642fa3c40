package iam

import "fmt"

// ServicePrincipal is AgentCore's service principal.
const ServicePrincipal = "bedrock-agentcore.amazonaws.com"

// Scope is where the runtime lives: what every ARN is built from.
type Scope struct {
	Partition   string
	Region      string
	Account     string
	RuntimeName string // physical runtime name
}

func (s Scope) arn(service, resource string) string {
	return fmt.Sprintf("arn:%s:%s:%s:%s:%s", s.Partition, service, s.Region, s.Account, resource)
}

// EventRuleArn is the ARN of the EventBridge rule ruleName of the default bus.
func (s Scope) EventRuleArn(ruleName string) string { return s.arn("events", "rule/"+ruleName) }

// RuntimeArnPattern matches the runtime's ARN: its ID is its name, "-" and 10
// letters and digits, and names hold no "-", so no other runtime matches
// (team_a_orders-* does not match team_a_orders_v2-...).
func (s Scope) RuntimeArnPattern() string {
	return s.arn("bedrock-agentcore", "runtime/"+s.RuntimeName+"-*")
}

// Trust is the role's trust policy: only AgentCore, only in this account, only for
// this runtime (MDAA allows any AgentCore resource of the account).
func Trust(s Scope) Document {
	return Document{Version: Version, Statement: []Statement{{
		Sid:       "AgentCoreAssumeRole",
		Effect:    Allow,
		Principal: map[string]any{"Service": ServicePrincipal},
		Action:    Values{"sts:AssumeRole"},
		Condition: map[string]map[string]any{
			condStringEquals: {"aws:SourceAccount": s.Account},
			"ArnLike":        {"aws:SourceArn": s.RuntimeArnPattern()},
		},
	}}}
}
