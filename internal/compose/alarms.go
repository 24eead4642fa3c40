package compose

import (
	"fmt"
	"strings"

	"github.com/platform-io/function-agentcore-runtime/apis/v1alpha1"
	"github.com/platform-io/function-agentcore-runtime/internal/iam"
	"github.com/platform-io/function-agentcore-runtime/internal/naming"
	"github.com/platform-io/function-agentcore-runtime/internal/render"
)

// MDAA's alarm defaults.
const (
	alarmNamespace = "AWS/Bedrock-AgentCore"
	alarmPeriod    = 300
)

// alarms renders MDAA's alarms: the error rate (metric math over
// SystemErrors, UserErrors and Invocations) and the throttle count of the
// runtime's endpoint, notifying an existing topic or one created with its
// policy and email subscriptions. Alarm names hold the physical runtime name
// (MDAA's agentcore-<kind>-<agentRuntimeName> collides between two modules of
// one account and region).
func (p *pass) alarms() {
	a := p.Spec.Alarms
	if a == nil {
		return
	}
	f := &p.out.Facts
	topic := deref(a.NotificationTopicArn)
	if a.CreateNotificationTopic != nil && *a.CreateNotificationTopic {
		topic = p.alarmTopic(a)
	}
	f.AlarmTopicArn = topic
	dims := a.Dimensions
	if len(dims) == 0 {
		resource, ok := p.gate(f.RuntimeArn, p.alarmedResource(), "the ARN of %s before the alarms", naming.AgentRuntime)
		if !ok {
			return
		}
		qualifier := "DEFAULT"
		if p.Spec.RuntimeEndpoint != nil {
			qualifier = Endpoints(p.Spec)[0].Name
		}
		dims = map[string]string{"Resource": resource, "Operation": "InvokeAgentRuntime", "Name": f.RuntimeName + "::" + qualifier}
	}
	if topic == "" {
		return
	}
	namespace := first(deref(a.MetricNamespace), alarmNamespace)
	period := orDefault(a.PeriodSeconds, alarmPeriod)
	base := render.MetricAlarmInput{
		EvaluationPeriods: orDefault(a.EvaluationPeriods, 1), DatapointsToAlarm: a.DatapointsToAlarm,
		Actions: []string{topic}, Tags: p.tags,
		Namespace: namespace, Statistic: "Sum", Period: period, Dimensions: dims,
	}
	if t := a.ErrorRateThreshold; t != nil {
		in := base
		in.Name, in.Threshold = alarmName("error-rate", f.RuntimeName), *t
		in.Description = fmt.Sprintf("AgentCore error rate exceeds %d%% of invocations over %ds", *t, period)
		in.Expression = &render.MetricExpression{
			ID: "errorRate", Math: "IF(invocations > 0, 100 * (e0 + e1) / invocations, 0)", Label: "Error rate (%)",
			Metrics: []render.MetricID{{ID: "e0", Metric: "SystemErrors"}, {ID: "e1", Metric: "UserErrors"}, {ID: "invocations", Metric: "Invocations"}},
		}
		p.add(naming.AlarmErrorRate, p.Target.MetricAlarm(in))
	}
	if t := a.ThrottleCountThreshold; t != nil {
		in := base
		in.Name, in.Threshold = alarmName("throttle-count", f.RuntimeName), *t
		in.Description = fmt.Sprintf("AgentCore throttle count exceeds %d over %ds", *t, period)
		in.Metric = "Throttles"
		p.add(naming.AlarmThrottleCount, p.Target.MetricAlarm(in))
	}
}

// alarmTopic renders the alarms' topic (encrypted with the Input's logs key,
// as MDAA uses the runtime's log key), its policy and subscriptions; it
// returns the topic's ARN once observed.
func (p *pass) alarmTopic(a *v1alpha1.Alarms) string {
	name := naming.AlarmTopicName(p.Settings.NamePrefix, p.Spec.AgentRuntimeName)
	p.add(naming.AlarmTopic, p.Target.Topic(name, p.Settings.LogKMSKeyArn, p.tags))
	arn, ok := p.gate(p.Observed.AtProvider(naming.AlarmTopic, topicArn), p.Observed.ForProvider(naming.AlarmTopicPolicy, "arn"),
		"the ARN of %s", naming.AlarmTopic)
	if !ok {
		return ""
	}
	p.add(naming.AlarmTopicPolicy, p.Target.TopicPolicy(arn, iam.AlarmTopic(p.scope(), arn).JSON()))
	for _, e := range a.NotificationEmails {
		p.add(naming.AlarmSubscription(strings.TrimSpace(e)), p.Target.EmailSubscription(arn, strings.TrimSpace(e)))
	}
	return arn
}

// alarmedResource is the runtime ARN an existing alarm was last rendered with
// (its Resource dimension), for the sticky rule.
func (p *pass) alarmedResource() string {
	if r := p.Observed.String(naming.AlarmThrottleCount, "spec", "forProvider", "dimensions", "Resource"); r != "" {
		return r
	}
	q, _ := Lookup(p.Observed[naming.AlarmErrorRate], "spec", "forProvider", "metricQuery").([]any)
	if len(q) == 0 {
		return ""
	}
	r, _ := Lookup(q[0], "metric", "dimensions", "Resource").(string)
	return r
}

// alarmName is MDAA's agentcore-<kind>-<runtime>, with the physical runtime name.
func alarmName(kind, runtime string) string { return "agentcore-" + kind + "-" + runtime }

func orDefault(v *int32, d int32) int32 {
	if v == nil {
		return d
	}
	return *v
}
