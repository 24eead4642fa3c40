package spec

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

var vars = Placeholders{Account: "123456789012", Region: "us-east-1", Partition: "aws"}

func raw(t *testing.T, s string) map[string]any {
	t.Helper()
	m := map[string]any{}
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func fields(errs field.ErrorList) []string {
	var out []string
	for _, e := range errs {
		out = append(out, e.Field)
	}
	return out
}

func TestDecodeErrors(t *testing.T) {
	cases := map[string]struct {
		spec string
		vars Placeholders
		want []string
	}{
		"Valid": {
			spec: `{"agentRuntimeName":"a","agentRuntimeArtifact":{"containerConfiguration":{"containerUri":"u"}},"networkConfiguration":{"subnets":["s"]}}`,
			vars: vars,
		},
		"CrossplaneFieldsIgnored": {
			spec: `{"agentRuntimeName":"a","claimRef":{"name":"c"},"crossplane":{"compositionRef":{"name":"x"}},"resourceRefs":[],"writeConnectionSecretToRef":{"name":"s","namespace":"n"}}`,
			vars: vars,
		},
		"EveryUnknownFieldAndWrongType": {
			spec: `{"agentRuntimeName":5,"nag_suppressions":{},"networkConfiguration":{"subnets":"subnet-1","vpcID":"x"},"lifecycleConfiguration":{"maxLifetime":1.5},"policies":[{"policyDocument":{"Statement":[{"Effect":"Allow","Action":7,"Resource":"*","Extra":1}]}}]}`,
			vars: vars,
			want: []string{
				"spec.agentRuntimeName",
				"spec.lifecycleConfiguration.maxLifetime",
				"spec.nag_suppressions",
				"spec.networkConfiguration.subnets",
				"spec.networkConfiguration.vpcID",
				"spec.policies[0].policyDocument.Statement[0].Extra",
			},
		},
		"PlaceholderWithoutValue": {
			spec: `{"roleArn":"arn:{{partition}}:iam::{{account}}:role/r"}`,
			vars: Placeholders{Region: "us-east-1", Partition: "aws"},
			want: []string{"spec.roleArn"},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			_, errs := Decode(raw(t, tc.spec), tc.vars)
			if diff := cmp.Diff(tc.want, fields(errs)); diff != "" {
				t.Errorf("Decode(): -want error fields, +got:\n%s\n%v", diff, errs)
			}
		})
	}
}

func TestDecodeValues(t *testing.T) {
	s, errs := Decode(raw(t, `{
		"agentRuntimeName": "a",
		"roleArn": "arn:{{partition}}:iam::{{account}}:role/r",
		"environmentVariables": {"REGION": "{{region}}"},
		"writeConnectionSecretToRef": {"name": "conn"},
		"policies": [{"policyDocument": {"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": ["a", "b"], "Condition": {"Bool": {"aws:SecureTransport": "true"}}}]}}]
	}`), vars)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	got := map[string]any{
		"roleArn":  *s.RoleArn,
		"env":      s.EnvironmentVariables["REGION"],
		"secret":   s.WriteConnectionSecretToRef.Name,
		"action":   s.Policies[0].PolicyDocument.Statement[0].Action.Values,
		"resource": s.Policies[0].PolicyDocument.Statement[0].Resource.Values,
		"cond":     s.Policies[0].PolicyDocument.Statement[0].Condition["Bool"]["aws:SecureTransport"].Values,
	}
	want := map[string]any{
		"roleArn":  "arn:aws:iam::123456789012:role/r",
		"env":      "us-east-1",
		"secret":   "conn",
		"action":   []string{"s3:GetObject"},
		"resource": []string{"a", "b"},
		"cond":     []string{"true"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Decode(): -want, +got:\n%s", diff)
	}
}

// TestSubstituteCopiesOnlyWhatHoldsPlaceholders: placeholders are replaced at
// every depth (keys, lists, nested maps), missing values are errors at their
// paths, and the input is left as it was.
func TestSubstituteCopiesOnlyWhatHoldsPlaceholders(t *testing.T) {
	in := map[string]any{
		"plain":  map[string]any{"a": "b", "l": []any{"x", 1.0}},
		"key":    map[string]any{"{{region}}-k": "v"},
		"list":   []any{"keep", map[string]any{"deep": []any{"{{account}}"}}},
		"noPart": "arn:{{partition}}",
	}
	before := fmt.Sprint(in)
	got, errs := Placeholders{Account: "123456789012", Region: "eu-west-1"}.substitute(in, field.NewPath("spec"))
	want := map[string]any{
		"plain":  map[string]any{"a": "b", "l": []any{"x", 1.0}},
		"key":    map[string]any{"eu-west-1-k": "v"},
		"list":   []any{"keep", map[string]any{"deep": []any{"123456789012"}}},
		"noPart": "arn:{{partition}}",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("substitute: -want, +got:\n%s", diff)
	}
	if len(errs) != 1 || errs[0].Field != "spec.noPart" {
		t.Errorf("errors: want one at spec.noPart, got %v", errs)
	}
	if after := fmt.Sprint(in); after != before {
		t.Errorf("the input changed:\n%s\n%s", before, after)
	}
}

// TestPlaceholders: MDAA's placeholders resolve from the Input; one without a
// value, and MDAA's deploy-time references, are errors naming the field; other
// {{...}} text is left as it is.
func TestPlaceholders(t *testing.T) {
	all := Placeholders{
		Account: "123456789012", Region: "us-east-1", Partition: "aws",
		Org: "acme", Domain: "shared", Env: "dev", ModuleName: "agents",
		Context: map[string]string{"vpc_id": "vpc-0abc1234"}, EnvVars: map[string]string{"TEAM": "orders"},
	}
	cases := map[string]struct {
		vars      Placeholders
		value     string
		want      string
		wantError string
	}{
		"NamingPlaceholders": {
			vars: all, value: "{{org}}-{{domain}}-{{env}}-{{module_name}}-{{region}}",
			want: "acme-shared-dev-agents-us-east-1",
		},
		"ContextAndEnvVar": {
			vars: all, value: "{{context:vpc_id}}/{{env_var:TEAM}}",
			want: "vpc-0abc1234/orders",
		},
		"ContextMissing": {
			vars: all, value: "{{context:subnet}}", want: "{{context:subnet}}",
			wantError: "uses {{context:subnet}} but the function Input has no context.subnet",
		},
		"OrgMissing": {
			vars: Placeholders{Region: "us-east-1"}, value: "{{org}}-x", want: "{{org}}-x",
			wantError: "uses {{org}} but the function Input has no org",
		},
		"DeployTimeReference": {
			vars: all, value: "{{resolve:ssm:/org/vpc/id}}", want: "{{resolve:ssm:/org/vpc/id}}",
			wantError: "is resolved by CloudFormation at deploy time in MDAA",
		},
		"OtherBracesKept": {
			vars: all, value: "Hello {{ user }} {{Name}}", want: "Hello {{ user }} {{Name}}",
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got, errs := tc.vars.replace(tc.value, field.NewPath("spec", "description"))
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("replace(): -want +got:\n%s", diff)
			}
			switch {
			case tc.wantError == "" && len(errs) > 0:
				t.Errorf("replace(): unexpected errors %v", errs)
			case tc.wantError != "" && (len(errs) != 1 || !strings.Contains(errs[0].Error(), tc.wantError)):
				t.Errorf("replace(): errors %v, want one containing %q", errs, tc.wantError)
			}
		})
	}
}
