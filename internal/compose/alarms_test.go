package compose

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/platform-io/function-agentcore-runtime/apis/v1alpha1"
)

// TestAlarmsSticky: an existing error-rate alarm is rendered again with the
// runtime ARN it was last rendered with when the runtime's ARN is missing for a
// pass (a provider restart empties status): never dropped, hence never deleted.
func TestAlarmsSticky(t *testing.T) {
	s := baseSpec()
	s.Alarms = &v1alpha1.Alarms{ErrorRateThreshold: ptr(int32(5)), NotificationTopicArn: ptr("arn:aws:sns:us-east-1:123456789012:ops")}
	const arn = "arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/orders-a1b2c3d4e5"
	observed := Observed{"alarm-error-rate": obs(true, nil, map[string]any{"metricQuery": []any{
		map[string]any{"id": "e0", "metric": map[string]any{"dimensions": map[string]any{"Resource": arn}}},
	}})}
	var got any
	for _, r := range Compose(propertyRequest(s, observed, true)).Resources {
		if r.Name == "alarm-error-rate" {
			q, _ := Lookup(r.Object, "spec", "forProvider", "metricQuery").([]any)
			got = Lookup(q[0], "metric", "dimensions", "Resource")
		}
	}
	if diff := cmp.Diff(any(arn), got); diff != "" {
		t.Errorf("alarm-error-rate Resource dimension: -want +got:\n%s", diff)
	}
}
