package spec

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestReferences: every string value starting with ssm: is a reference (MDAA
// trims the space after the colon), except an IAM Action or NotAction; one
// that names no parameter is an error at its field.
func TestReferences(t *testing.T) {
	got, errs := References(map[string]any{
		"networkConfiguration": map[string]any{"subnets": []any{"ssm:/vpc/a", "ssm: /vpc/b", "subnet-12345678"}, "securityGroups": []any{"ssm:/vpc/a"}},
		"policies": []any{map[string]any{"policyDocument": map[string]any{"Statement": []any{map[string]any{
			"Action": []any{"ssm:GetParameter"}, "NotAction": "ssm:PutParameter", "Resource": "ssm:/not an arn",
		}}}}},
	})
	want := []Reference{
		{Parameter: "/vpc/a", Fields: []string{"spec.networkConfiguration.securityGroups[0]", "spec.networkConfiguration.subnets[0]"}},
		{Parameter: "/vpc/b", Fields: []string{"spec.networkConfiguration.subnets[1]"}},
	}
	for i := range got {
		slices.Sort(got[i].Fields)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("References(): -want +got:\n%s", diff)
	}
	if len(errs) != 1 || errs[0].Field != "spec.policies[0].policyDocument.Statement[0].Resource" {
		t.Errorf("References(): errors %v, want one at the Resource that names no parameter", errs)
	}
}

// TestPlaceholderArguments: the arguments of one placeholder name, in values,
// list items and map keys, as substitution reads them; other names are not
// counted.
func TestPlaceholderArguments(t *testing.T) {
	v := map[string]any{
		"subnets":                  []any{"{{context:subnet_a}}", "x-{{context:subnet_b}}-{{org}}"},
		"environmentVariables":     map[string]any{"{{context:key}}": "{{env_var:TOKEN}}"},
		"agentRuntimeArtifact":     map[string]any{"codePath": "{{context:}}"},
		"description":              "{{env:context}} {{resolve:ssm:/a}}",
		"{{context:subnet_a}}-dup": 1,
	}
	want := map[string]bool{"subnet_a": true, "subnet_b": true, "key": true, "": true}
	if diff := cmp.Diff(want, PlaceholderArguments(v, "context")); diff != "" {
		t.Errorf("context: -want +got:\n%s", diff)
	}
	if diff := cmp.Diff(map[string]bool{"TOKEN": true}, PlaceholderArguments(v, "env_var")); diff != "" {
		t.Errorf("env_var: -want +got:\n%s", diff)
	}
}
