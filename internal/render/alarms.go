package render

// MetricAlarmInput is a CloudWatch metric alarm on one metric (Metric) or on
// metric math over several (Expression). Every metric has Namespace,
// Statistic, Period and Dimensions.
type MetricAlarmInput struct {
	Name, Description string
	Threshold         int32
	EvaluationPeriods int32
	DatapointsToAlarm *int32
	Actions           []string
	Namespace         string
	Statistic         string
	Period            int32
	Dimensions        map[string]string
	Metric            string
	Expression        *MetricExpression
	Tags              map[string]string
}

// MetricExpression is metric math (Math, labelled Label, the alarm's value
// under ID) over Metrics, which Math names by their IDs.
type MetricExpression struct {
	ID, Math, Label string
	Metrics         []MetricID
}

// MetricID is a metric of an expression, by the ID the expression uses.
type MetricID struct{ ID, Metric string }

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
	if e := in.Expression; e != nil {
		q := make([]any, 0, len(e.Metrics)+1)
		for _, m := range e.Metrics {
			metric := map[string]any{"metricName": m.Metric, "namespace": in.Namespace, "period": int64(in.Period), "stat": in.Statistic}
			set(metric, "dimensions", in.Dimensions)
			q = append(q, map[string]any{"id": m.ID, "returnData": false, "metric": metric})
		}
		fp["metricQuery"] = append(q, map[string]any{"id": e.ID, "expression": e.Math, "label": e.Label, "returnData": true})
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
