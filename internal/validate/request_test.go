package validate

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/platform-io/function-agentcore-runtime/input/v1beta1"
)

// TestRequestPlaceholders: MDAA's placeholders take their values from the
// Input, or from the pipeline's environment where the Input has none.
func TestRequestPlaceholders(t *testing.T) {
	in := &v1beta1.Input{
		Region: "us-east-1", AccountID: "123456789012",
		Org: "acme", Domain: "shared", ModuleName: "agents",
		Context: map[string]string{"team": "orders"},
	}
	env := map[string]any{"env": "dev", "envVars": map[string]any{"COST_CENTER": "cc-42"}, "context": map[string]any{"team": "ignored", "tier": "gold"}}
	raw := map[string]any{
		"agentRuntimeName":     "orders",
		"description":          "{{org}}/{{domain}}/{{env}}/{{module_name}} {{context:team}} {{context:tier}} {{env_var:COST_CENTER}}",
		"agentRuntimeArtifact": map[string]any{"containerConfiguration": map[string]any{"containerUri": "123456789012.dkr.ecr.us-east-1.amazonaws.com/orders:1"}},
		"networkConfiguration": map[string]any{"subnets": []any{"subnet-12345678"}, "securityGroups": []any{"sg-12345678"}},
	}
	v, errs, _ := Request(in, env, raw, "team-a", nil)
	if len(errs) > 0 {
		t.Fatalf("Request(): errors %v", errs)
	}
	if diff := cmp.Diff("acme/shared/dev/agents orders gold cc-42", *v.Spec.Description); diff != "" {
		t.Errorf("description: -want +got:\n%s", diff)
	}
}
