package render

// MetricAlarmInput is a CloudWatch metric alarm on one metric (Metric) or on
// a metric math expression (Queries).
type MetricAlarmInput struct {
	Name, Description string
	Threshold         int32
	EvaluationPeriods int32
	DatapointsToAlarm *int32
	Actions           []string
	// Metric, Namespace, Statistic, Period and Dimensions: a single metric.
	Metric, Namespace, Statistic string
	Period                       int32
	Dimensions                   map[string]string
	// Queries: metric math (metricQuery items), instead of Metric.
	Queries []map[string]any
	Tags    map[string]string
}

// MetricAlarm is a cloudwatch MetricAlarm named through its external name,
// GreaterThanThreshold, missing data not breaching (as MDAA's).
func (t Target) MetricAlarm(in MetricAlarmInput) map[string]any {
	fp := map[string]any{
		fieldRegion: t.Region, "comparisonOperator": "GreaterThanThreshold", "threshold": int64(in.Threshold),
		"evaluationPeriods": int64(in.EvaluationPeriods), "treatMissingData": "notBreaching",
		"actionsEnabled": true, "alarmDescription": in.Description,
	}
	set(fp, "datapointsToAlarm", in.DatapointsToAlarm)
	set(fp, "alarmActions", in.Actions)
	if len(in.Queries) > 0 {
		q := make([]any, len(in.Queries))
		for i, m := range in.Queries {
			q[i] = m
		}
		fp["metricQuery"] = q
	} else {
		fp["metricName"], fp["namespace"], fp["statistic"], fp["period"] = in.Metric, in.Namespace, in.Statistic, int64(in.Period)
		set(fp, "dimensions", in.Dimensions)
	}
	set(fp, "tags", in.Tags)
	return t.managed("cloudwatch", "MetricAlarm", fp, in.Name)
}

// Topic is an sns Topic named through its external name, encrypted with
// kmsKeyArn when given.
func (t Target) Topic(name, kmsKeyArn string, tags map[string]string) map[string]any {
	fp := map[string]any{fieldRegion: t.Region}
	set(fp, "kmsMasterKeyId", kmsKeyArn)
	set(fp, "tags", tags)
	return t.managed("sns", "Topic", fp, name)
}

// TopicPolicy sets the policy of the topic topicArn.
func (t Target) TopicPolicy(topicArn, policy string) map[string]any {
	return t.managed("sns", "TopicPolicy", map[string]any{fieldRegion: t.Region, "arn": topicArn, fieldPolicy: policy}, "")
}

// EmailSubscription subscribes address to the topic topicArn.
func (t Target) EmailSubscription(topicArn, address string) map[string]any {
	return t.managed("sns", "TopicSubscription", map[string]any{fieldRegion: t.Region, "topicArn": topicArn, "protocol": "email", "endpoint": address}, "")
}
