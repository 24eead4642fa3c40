package validate

import (
	"fmt"
	"net/mail"
	"strings"

	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/platform-io/function-agentcore-runtime/apis/v1alpha1"
	"github.com/platform-io/function-agentcore-runtime/internal/arn"
)

// alarms checks MDAA's alarms block, with MDAA's messages where it has them.
func (c *checker) alarms(a *v1alpha1.Alarms, p *field.Path) {
	if a == nil {
		return
	}
	create := a.CreateNotificationTopic != nil && *a.CreateNotificationTopic
	tp := p.Child("notificationTopicArn")
	switch {
	case a.NotificationTopicArn == nil && !create:
		c.add(field.Required(p, "Alarms require a notification target: set either alarms.notificationTopicArn (existing topic) or alarms.createNotificationTopic: true."))
	case a.NotificationTopicArn != nil && create:
		c.add(field.Invalid(tp, *a.NotificationTopicArn, "alarms.notificationTopicArn and alarms.createNotificationTopic are mutually exclusive. Either reference an existing topic or have the module create one, not both."))
	case a.NotificationTopicArn != nil:
		c.topicArn(tp, *a.NotificationTopicArn)
	}
	c.alarmSettings(a, p)
	switch {
	case create && len(a.NotificationEmails) == 0:
		c.warn(p.Child("createNotificationTopic"), "the alarms' topic has no subscribers: add notificationEmails, or subscribe to the topic (its ARN is in the SSM parameter .../topic/agentcore-alarms-<name>/arn)")
	case a.NotificationTopicArn != nil:
		c.warn(tp, "make sure the topic is encrypted with a customer managed key, that cloudwatch.amazonaws.com may sns:Publish to it and use its key, and that it has at least one subscriber: the function does not manage it")
	}
}

// alarmSettings checks the thresholds, emails and periods of alarms.
func (c *checker) alarmSettings(a *v1alpha1.Alarms, p *field.Path) {
	if a.ErrorRateThreshold == nil && a.ThrottleCountThreshold == nil {
		c.add(field.Required(p, "Alarms require at least one threshold: set alarms.errorRateThreshold and/or alarms.throttleCountThreshold."))
	}
	ep := p.Child("notificationEmails")
	if len(a.NotificationEmails) > 0 && a.NotificationTopicArn != nil {
		c.add(field.Forbidden(ep, "alarms.notificationEmails cannot be combined with alarms.notificationTopicArn. MDAA does not add subscriptions to an SNS topic it does not create - subscribe the addresses on that existing topic directly, or switch to alarms.createNotificationTopic: true."))
	}
	seen := map[string]bool{}
	for i, e := range a.NotificationEmails {
		addr := strings.TrimSpace(e)
		switch parsed, err := mail.ParseAddress(addr); {
		case err != nil || parsed.Address != addr:
			c.add(field.Invalid(ep.Index(i), e, "must be an email address such as ops@example.com"))
		case seen[strings.ToLower(addr)]:
			// One subscription per address: its resource name comes from it.
			c.add(field.Duplicate(ep.Index(i), e))
		}
		seen[strings.ToLower(addr)] = true
	}
	if v := a.PeriodSeconds; v != nil && !validPeriod(*v) {
		c.add(field.Invalid(p.Child("periodSeconds"), *v, fmt.Sprintf("alarms.periodSeconds must be 1, 5, 10, 30, or a multiple of 60 seconds (got %d). CloudWatch rejects other values.", *v)))
	}
	if d, e := a.DatapointsToAlarm, a.EvaluationPeriods; d != nil && *d > orOne(e) {
		c.add(field.Invalid(p.Child("datapointsToAlarm"), *d, fmt.Sprintf("must not exceed evaluationPeriods (%d): CloudWatch rejects it", orOne(e))))
	}
}

// topicArn checks an SNS topic ARN of this partition.
func (c *checker) topicArn(p *field.Path, s string) {
	c.regionalArn(p, s, "sns", "", "an SNS topic ARN arn:<partition>:sns:<region>:<account>:<topic>")
}

// regionalArn checks that s is an ARN of service, with a region and an
// account, whose resource starts with prefix, in this partition; what names
// the expected form. It returns the parsed ARN when the form is right.
func (c *checker) regionalArn(p *field.Path, s, service, prefix, what string) (arn.ARN, bool) {
	a, ok := arn.Parse(s)
	if !ok || a.Service != service || a.Region == "" || !arn.IsAccount(a.Account) || !strings.HasPrefix(a.Resource, prefix) {
		c.add(field.Invalid(p, s, "must be "+what))
		return arn.ARN{}, false
	}
	c.checkPartition(p, s, a.Partition)
	return a, true
}

func validPeriod(v int32) bool {
	return v == 1 || v == 5 || v == 10 || v == 30 || (v > 0 && v%60 == 0)
}

func orOne(v *int32) int32 {
	if v == nil {
		return 1
	}
	return *v
}
