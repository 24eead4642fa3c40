package compose

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/platform-io/function-agentcore-runtime/apis/v1alpha1"
	"github.com/platform-io/function-agentcore-runtime/internal/iam"
	"github.com/platform-io/function-agentcore-runtime/internal/naming"
)

// eventsSpec has two rules, one with a Lambda target, and the alarms' topic
// of topicArn (or a created one when topicArn is "").
func eventsSpec(topicArn string) *v1alpha1.Spec {
	s := baseSpec()
	s.Alarms = &v1alpha1.Alarms{ErrorRateThreshold: ptr(int32(5))}
	if topicArn == "" {
		s.Alarms.CreateNotificationTopic = ptr(true)
	} else {
		s.Alarms.NotificationTopicArn = &topicArn
	}
	s.EventBridgeAlerts = &v1alpha1.EventBridgeAlerts{Rules: map[string]v1alpha1.EventBridgeRule{
		"denied":  {ErrorCodes: []string{"AccessDenied"}},
		"Changes": {EventNames: []string{"UpdateAgentRuntime"}, TargetLambdaArn: ptr("arn:aws:lambda:us-east-1:123456789012:function:alerts")},
	}}
	return s
}

// TestEventBridgeAlerts drives an eventBridgeAlerts spec with the simulated
// provider from nothing to steady state, and checks after every pass that
// nothing is rendered before what it needs exists (a target before its rule
// and role, a role policy before its role, a rule before the runtime), and
// at steady state what the rules and targets hold.
func TestEventBridgeAlerts(t *testing.T) {
	const kmsKey = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
	cases := map[string]struct {
		topic     string
		wantTopic string
		wantKey   bool
	}{
		"CreatedTopicWithItsKey": {wantTopic: "arn:aws:sns:us-east-1:123456789012:agentcore-alarms-orders", wantKey: true},
		"ExistingTopic":          {topic: "arn:aws:sns:us-east-1:123456789012:ops", wantTopic: "arn:aws:sns:us-east-1:123456789012:ops"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			s := eventsSpec(tc.topic)
			var last Result
			w := converge(t, func(w Observed) Request {
				req := propertyRequest(s, w, true)
				req.Settings.LogKMSKeyArn = kmsKey
				return req
			}, 12, func(pass int, before Observed, r Result) {
				last = r
				checkEventOrder(t, pass, before, r)
			})
			if !last.Ready() {
				t.Fatalf("not Ready after 12 passes: %v", last.Waiting)
			}
			for _, key := range []string{"denied", "Changes"} {
				res := naming.EventRule(key)
				target := w[res.Target]
				if diff := cmp.Diff(tc.wantTopic, Lookup(target, "spec", "forProvider", "arn")); diff != "" {
					t.Errorf("%s arn: -want +got:\n%s", res.Target, diff)
				}
				if got := Lookup(target, "spec", "forProvider", "roleArn"); got != Lookup(w[res.Role], "status", "atProvider", "arn") {
					t.Errorf("%s roleArn = %v, not the ARN of %s", res.Target, got, res.Role)
				}
				policy, _ := Lookup(w[res.RolePolicy], "spec", "forProvider", "policy").(string)
				if got := strings.Contains(policy, kmsKey); got != tc.wantKey {
					t.Errorf("%s grants the topic's key: %t, want %t: %s", res.RolePolicy, got, tc.wantKey, policy)
				}
				pattern, _ := Lookup(w[res.Rule], "spec", "forProvider", "eventPattern").(string)
				if !strings.Contains(pattern, w.AtProvider(naming.AgentRuntime, runtimeArn)) || !strings.Contains(pattern, w.AtProvider(naming.AgentRuntime, runtimeID)) {
					t.Errorf("%s pattern does not name the runtime's ARN and ID: %s", res.Rule, pattern)
				}
			}
			changes := naming.EventRule("Changes")
			if got, want := Lookup(w[changes.LambdaPermission], "spec", "forProvider", "sourceArn"), w.AtProvider(changes.Rule, eventRuleArn); got != want {
				t.Errorf("%s sourceArn = %v, want the rule's ARN %s as the provider reports it", changes.LambdaPermission, got, want)
			}
			if _, ok := w[naming.EventRule("denied").LambdaTarget]; ok {
				t.Errorf("rule denied has no targetLambdaArn, but its Lambda target is rendered")
			}
		})
	}
}

// checkEventOrder fails when a pass renders an eventBridgeAlerts resource
// for the first time before what it needs is observed Ready.
func checkEventOrder(t *testing.T, pass int, w Observed, r Result) {
	t.Helper()
	rendered := names(r)
	needs := func(name string, before ...string) {
		if !slices.Contains(rendered, name) || w.Has(name) {
			return
		}
		for _, b := range before {
			if !w.Ready(b) {
				t.Errorf("pass %d renders %s before %s is Ready", pass, name, b)
			}
		}
	}
	for _, key := range []string{"denied", "Changes"} {
		res := naming.EventRule(key)
		needs(res.Rule, naming.AgentRuntime)
		needs(res.RolePolicy, res.Role)
		needs(res.Target, res.Rule, res.Role)
		needs(res.LambdaTarget, res.Rule)
	}
}

// TestEventRuleSticky: an existing rule is rendered again with the pattern it
// was last rendered with when the runtime's ARN is missing for a pass.
func TestEventRuleSticky(t *testing.T) {
	s := eventsSpec("arn:aws:sns:us-east-1:123456789012:ops")
	const pattern = `{"source":["aws.bedrock-agentcore"]}`
	res := naming.EventRule("denied")
	observed := Observed{res.Rule: obs(true, nil, map[string]any{"eventPattern": pattern})}
	var got any
	for _, r := range Compose(propertyRequest(s, observed, false)).Resources {
		if r.Name == res.Rule {
			got = Lookup(r.Object, "spec", "forProvider", "eventPattern")
		}
	}
	if diff := cmp.Diff(any(pattern), got); diff != "" {
		t.Errorf("%s eventPattern: -want +got:\n%s", res.Rule, diff)
	}
}

// TestEventRolePolicySticky: an existing role policy is rendered again, with
// the topic it was rendered with, when the created topic's status and its
// topic policy are both missing for a pass and the target does not exist yet.
func TestEventRolePolicySticky(t *testing.T) {
	const topic = "arn:aws:sns:us-east-1:123456789012:agentcore-alarms-orders"
	res := naming.EventRule("denied")
	policy := iam.EventsPublish(topic, "").JSON()
	observed := Observed{
		res.Role:       obs(true, map[string]any{"arn": "arn:aws:iam::123456789012:role/events"}, nil),
		res.RolePolicy: obs(true, nil, map[string]any{"policy": policy}),
	}
	var got any
	for _, r := range Compose(propertyRequest(eventsSpec(""), observed, false)).Resources {
		if r.Name == res.RolePolicy {
			got = Lookup(r.Object, "spec", "forProvider", "policy")
		}
	}
	if diff := cmp.Diff(any(policy), got); diff != "" {
		t.Errorf("%s policy: -want +got:\n%s", res.RolePolicy, diff)
	}
}
