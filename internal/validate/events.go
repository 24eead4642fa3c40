package validate

import (
	"fmt"
	"regexp"
	"strings"

	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/platform-io/function-agentcore-runtime/apis/v1alpha1"
)

// reRuleKey is an eventBridgeAlerts rule key: EventBridge rule names'
// characters, since the key is part of the rule's name.
var reRuleKey = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)

// maxRuleEntries bounds a rule's errorCodes and eventNames each (the XRD's limit).
const maxRuleEntries = 50

// eventBridgeAlerts checks MDAA's eventBridgeAlerts block, with MDAA's
// messages where it has them.
func (c *checker) eventBridgeAlerts(s *v1alpha1.Spec, root *field.Path) {
	e := s.EventBridgeAlerts
	if e == nil {
		return
	}
	p := root.Child("eventBridgeAlerts")
	if s.Alarms == nil {
		c.add(field.Required(p, "eventBridgeAlerts requires an alarms block to supply the notification topic that the rules target. Add an alarms block setting either createNotificationTopic: true (module-created CMK-encrypted topic) or notificationTopicArn (existing topic)."))
	}
	rp := p.Child("rules")
	if len(e.Rules) == 0 {
		c.add(field.Required(rp, "eventBridgeAlerts.rules must define at least one rule. Omit the block entirely to create none."))
	}
	seen := map[string]string{}
	for _, k := range sortedKeys(e.Rules) {
		kp := rp.Key(k)
		switch other, dup := seen[strings.ToLower(k)]; {
		case !reRuleKey.MatchString(k):
			c.add(field.Invalid(kp, k, "a rule key must be 1-64 letters, digits, '.', '_' or '-': it is part of the rule's name"))
		case dup:
			c.add(field.Duplicate(kp, fmt.Sprintf("%s (same rule name as %s: names are lower case)", k, other)))
		}
		seen[strings.ToLower(k)] = k
		c.eventRule(e.Rules[k], k, kp)
	}
	if s.Alarms != nil && s.Alarms.NotificationTopicArn != nil && len(e.Rules) > 0 {
		c.warn(p, "the rules publish to the existing topic %s through a role per rule: make sure the topic's policy does not deny those roles and, if a customer managed key encrypts the topic, that its key policy lets them use it (kms:Decrypt, kms:GenerateDataKey)", *s.Alarms.NotificationTopicArn)
	}
}

// eventRule checks one rule of eventBridgeAlerts.
func (c *checker) eventRule(r v1alpha1.EventBridgeRule, key string, p *field.Path) {
	if len(r.ErrorCodes) == 0 && len(r.EventNames) == 0 {
		c.add(field.Required(p, fmt.Sprintf("eventBridgeAlerts.rules.%s must set errorCodes and/or eventNames. A rule with neither would match every API call for the resource.", key)))
	}
	if d := r.Description; d != nil && strings.ContainsAny(*d, "<>") {
		c.add(field.Invalid(p.Child("description"), *d, "must not hold '<' or '>': the description heads the alert's message, whose template reads <name> as a value of the event"))
	}
	c.freeStrings(p.Child("errorCodes"), r.ErrorCodes, maxRuleEntries)
	c.freeStrings(p.Child("eventNames"), r.EventNames, maxRuleEntries)
	if r.TargetLambdaArn != nil {
		c.lambdaArn(p.Child("targetLambdaArn"), *r.TargetLambdaArn)
	}
}

// lambdaArn checks a Lambda function ARN of the platform's partition and
// region: a rule invokes functions of its own region only.
func (c *checker) lambdaArn(p *field.Path, s string) {
	a, ok := c.regionalArn(p, s, "lambda", "function:", "a Lambda function ARN arn:<partition>:lambda:<region>:<account>:function:<name>")
	if ok && c.o.Region != "" && a.Region != c.o.Region {
		c.add(field.Invalid(p, s, fmt.Sprintf("the function is in region %s, but the rule is in the runtime's region %s: EventBridge rules invoke Lambda functions of their own region", a.Region, c.o.Region)))
	}
}
