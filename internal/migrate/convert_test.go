package migrate

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/platform-io/function-agentcore-runtime/input/v1beta1"
	"github.com/platform-io/function-agentcore-runtime/internal/mdaa"
)

const (
	network = "networkConfiguration: {securityGroups: [sg-0a1b2c3d4e5f60718], subnets: [subnet-0a1b2c3d4e5f60718]}\n"
	image   = "agentRuntimeArtifact: {containerConfiguration: {containerUri: '{{account}}.dkr.ecr.{{region}}.amazonaws.com/agents/orders:1'}}\n"
)

// module is a runtime module of org acme, domain sales, env dev in us-east-1.
func module(name string, files ...string) mdaa.Module {
	return mdaa.Module{
		Org: "acme", Domain: "sales", Env: "dev", Name: name, Path: ModulePath, ConfigFiles: files,
		Account: "123456789012", Region: "us-east-1",
	}
}

func TestConvertObjects(t *testing.T) {
	dir := writeFiles(t, map[string]string{"a.yaml": "agentRuntimeName: '{{org}}_{{module_name}}'\n" + image + network})
	labels := map[string]any{LabelOrg: "acme", LabelDomain: "sales", LabelEnv: "dev", LabelModule: "orders"}
	spec := map[string]any{
		"agentRuntimeName":     "{{org}}_{{module_name}}",
		"agentRuntimeArtifact": map[string]any{"containerConfiguration": map[string]any{"containerUri": "{{account}}.dkr.ecr.{{region}}.amazonaws.com/agents/orders:1"}},
		"networkConfiguration": map[string]any{"securityGroups": []any{"sg-0a1b2c3d4e5f60718"}, "subnets": []any{"subnet-0a1b2c3d4e5f60718"}},
	}
	envConfig := map[string]any{
		"apiVersion": "apiextensions.crossplane.io/v1beta1", "kind": "EnvironmentConfig",
		"metadata": map[string]any{"name": "mdaa.acme.sales.dev.orders", "labels": labels},
		"data": map[string]any{
			"org": "acme", "domain": "sales", "env": "dev", "moduleName": "orders", "accountId": "123456789012", "region": "us-east-1",
		},
	}
	cases := map[Scope]map[string]any{
		Claim: {
			"apiVersion": "agentcore.platform.io/v1alpha1", "kind": "AgentCoreRuntime",
			"metadata": map[string]any{"name": "dev-orders", "namespace": "sales", "labels": labels}, "spec": spec,
		},
		Namespaced: {
			"apiVersion": "agentcore.m.platform.io/v1alpha1", "kind": "XAgentCoreRuntime",
			"metadata": map[string]any{"name": "dev-orders", "namespace": "sales", "labels": labels}, "spec": spec,
		},
	}
	for scope, want := range cases {
		t.Run(string(scope), func(t *testing.T) {
			r, err := Convert(dir, module("orders", "./a.yaml"), Options{Scope: scope, Namespace: Namespacing{From: "domain"}})
			if err != nil {
				t.Fatal(err)
			}
			if r.Refused() || len(r.Warnings) > 0 {
				t.Errorf("errors %v, warnings %v", r.Errors, r.Warnings)
			}
			if diff := cmp.Diff(want, r.Composite); diff != "" {
				t.Errorf("composite -want +got:\n%s", diff)
			}
			if diff := cmp.Diff(envConfig, r.EnvironmentConfig); diff != "" {
				t.Errorf("EnvironmentConfig -want +got:\n%s", diff)
			}
		})
	}
}

func TestConvertProblems(t *testing.T) {
	cases := map[string]struct {
		files    map[string]string
		m        mdaa.Module
		o        Options
		errors   []string
		warnings []string
	}{
		"an error names the file that gave the field": {
			files: map[string]string{
				"base.yaml":  "agentRuntimeName: ok\n" + image + network,
				"agent.yaml": "networkConfiguration: {subnets: [not-a-subnet]}\nprotocolConfiguration: SOAP\n",
			},
			m: module("orders", "./base.yaml", "./agent.yaml"),
			errors: []string{
				`sales/dev/orders (./agent.yaml): spec.networkConfiguration.subnets[1]: Invalid value: "not-a-subnet": must be a subnet ID matching ^subnet-[0-9a-f]{8,17}$`,
				`sales/dev/orders (./agent.yaml): spec.protocolConfiguration: Unsupported value: "SOAP": supported values: "HTTP", "MCP", "A2A", "AGUI"`,
			},
		},
		"a missing field: the files that gave its parent": {
			files: map[string]string{
				"base.yaml":  "agentRuntimeName: ok\n" + image + "networkConfiguration: {subnets: [subnet-0a1b2c3d4e5f60718]}\n",
				"agent.yaml": "networkConfiguration: {vpcId: vpc-0a1b2c3d4e5f60718}\n",
			},
			m:      module("orders", "./base.yaml", "./agent.yaml"),
			errors: []string{"sales/dev/orders (./base.yaml, ./agent.yaml): spec.networkConfiguration.securityGroups: Required value: at least 1 security group ID is required (1-16 items)"},
		},
		"module_config_data": {
			files: map[string]string{"a.yaml": "agentRuntimeName: ok\n" + image + network},
			m: func() mdaa.Module {
				m := module("orders", "./a.yaml")
				m.ConfigData = map[string]any{"protocolConfiguration": "SOAP"}
				return m
			}(),
			errors: []string{`sales/dev/orders (mdaa.yaml module_config_data): spec.protocolConfiguration: Unsupported value: "SOAP": supported values: "HTTP", "MCP", "A2A", "AGUI"`},
		},
		"settings mdaa.yaml lacks": {
			files: map[string]string{"a.yaml": "agentRuntimeName: ok\n" + image + network},
			m:     mdaa.Module{Org: "acme", Domain: "sales", Env: "dev", Name: "orders", ConfigFiles: []string{"./a.yaml"}},
			errors: []string{
				"sales/dev/orders (mdaa.yaml): input.region: Required value: the AWS region of the runtime (Input or environment)",
				`sales/dev/orders (./a.yaml): spec.agentRuntimeArtifact.containerConfiguration.containerUri: Invalid value: "{{account}}.dkr.ecr.{{region}}.amazonaws.com/agents/orders:1": uses {{account}} but the function Input has no accountId`,
				`sales/dev/orders (./a.yaml): spec.agentRuntimeArtifact.containerConfiguration.containerUri: Invalid value: "{{account}}.dkr.ecr.{{region}}.amazonaws.com/agents/orders:1": uses {{region}} but the function Input has no region`,
				"sales/dev/orders (mdaa.yaml): input.accountId: Required value: needed to scope the execution role the function creates (spec.roleArn is not set)",
			},
		},
		"the platform's Input gives them": {
			files: map[string]string{"a.yaml": "agentRuntimeName: ok\n" + image + network},
			m:     mdaa.Module{Org: "acme", Domain: "sales", Env: "dev", Name: "orders", ConfigFiles: []string{"./a.yaml"}},
			o:     Options{Input: &v1beta1.Input{Region: "us-east-1", AccountID: "123456789012"}},
		},
		"ssm: references are not errors; MDAA's nag_suppressions are left out": {
			files: map[string]string{"a.yaml": "agentRuntimeName: ok\n" + image +
				"networkConfiguration: {securityGroups: ['ssm:/acme/sg'], subnets: ['ssm:/acme/subnet-a']}\nnag_suppressions: {by_path: []}\n"},
			m:        module("orders", "./a.yaml"),
			warnings: []string{"sales/dev/orders (./a.yaml): spec.nag_suppressions: MDAA's cdk-nag suppressions have no meaning here: left out"},
		},
		"MDAA's references built by its naming module": {
			files: map[string]string{"a.yaml": "agentRuntimeName: ok\n" + image + network +
				"environmentVariables: {A: 'ssm-org:/shared/a', B: 'generated-role-arn:r'}\nallowedModelArns: ['ssm-env:models/a']\n"},
			m:      module("orders", "./a.yaml"),
			errors: []string{`sales/dev/orders (./a.yaml): spec.allowedModelArns[0]: Invalid value: "ssm-env:models/a": must be a Bedrock ARN arn:<partition>:bedrock:<region or * or empty>:<account or empty>:<resource>, e.g. arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-*`},
			warnings: []string{
				`sales/dev/orders (./a.yaml): spec.allowedModelArns[0]: "ssm-env:models/a": MDAA's naming module turns ssm-env references into an SSM parameter's path, which the function does not: write it as ssm:/<the parameter's path>`,
				`sales/dev/orders (./a.yaml): spec.environmentVariables.A: "ssm-org:/shared/a": MDAA's naming module turns ssm-org references into an SSM parameter's path, which the function does not: write it as ssm:/<the parameter's path>`,
				`sales/dev/orders (./a.yaml): spec.environmentVariables.B: "generated-role-arn:r": MDAA's naming module turns generated-role-arn references into an SSM parameter's path, which the function does not: write it as ssm:/<the parameter's path>`,
			},
		},
		"warnings of the function's validation": {
			files:    map[string]string{"a.yaml": "agentRuntimeName: ok\n" + network + "agentRuntimeArtifact: {containerConfiguration: {containerUri: '{{account}}.dkr.ecr.{{region}}.amazonaws.com/agents/orders:1', platform: linux/amd64}}\n"},
			m:        module("orders", "./a.yaml"),
			warnings: []string{"sales/dev/orders (./a.yaml): spec.agentRuntimeArtifact.containerConfiguration.platform: "},
		},
		"a name too long for a label": {
			files:  map[string]string{"a.yaml": "agentRuntimeName: ok\n" + image + network},
			m:      module(strings.Repeat("m", 64), "./a.yaml"),
			errors: []string{"sales/dev/" + strings.Repeat("m", 64) + ` (mdaa.yaml): metadata.labels[mdaa.agentcore.platform.io/module]: "` + strings.Repeat("m", 64) + `": must be no more than 63 bytes`},
		},
	}
	for n, tc := range cases {
		t.Run(n, func(t *testing.T) {
			tc.o.Namespace = Namespacing{From: "domain"}
			r, err := Convert(writeFiles(t, tc.files), tc.m, tc.o)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.errors, r.Errors); diff != "" {
				t.Errorf("errors -want +got:\n%s", diff)
			}
			if diff := cmp.Diff(tc.warnings, prefixes(r.Warnings, tc.warnings)); diff != "" {
				t.Errorf("warnings -want +got (each got cut to its wanted prefix):\n%s", diff)
			}
		})
	}
}

// prefixes is got with each entry cut to the length of want's entry at its
// index, where it starts with it: the function's own warning texts are
// internal/validate's to test.
func prefixes(got, want []string) []string {
	out := make([]string, len(got))
	for i, g := range got {
		out[i] = g
		if i < len(want) && strings.HasPrefix(g, want[i]) {
			out[i] = want[i]
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

func TestConvertUnreadable(t *testing.T) {
	dir := t.TempDir()
	_, err := Convert(dir, module("orders", "./missing.yaml"), Options{})
	if want := "sales/dev/orders: open " + filepath.Join(dir, "missing.yaml"); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("error %v, want one containing %q", err, want)
	}
}

func TestReadInput(t *testing.T) {
	in := "apiVersion: runtime.agentcore.platform.io/v1beta1\nkind: Input\nregion: eu-west-1\naccountId: '123456789012'\n"
	dir := writeFiles(t, map[string]string{
		"input.yaml":       in,
		"composition.yaml": "apiVersion: apiextensions.crossplane.io/v1\nkind: Composition\nspec:\n  pipeline:\n  - step: env\n    input: {apiVersion: environmentconfigs.fn.crossplane.io/v1beta1, kind: Input}\n  - step: runtime\n    input:\n" + indent(in, "      "),
		"other.yaml":       "apiVersion: apiextensions.crossplane.io/v1\nkind: Composition\nspec: {pipeline: [{step: a}]}\n",
		"wrong.yaml":       "apiVersion: runtime.agentcore.platform.io/v1beta1\nkind: Input\nregion: [a]\n",
		"bad.yaml":         "a: [\n",
	})
	want := &v1beta1.Input{Region: "eu-west-1", AccountID: "123456789012"}
	want.APIVersion, want.Kind = v1beta1.APIVersion, "Input"
	for _, f := range []string{"input.yaml", "composition.yaml"} {
		got, err := ReadInput(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s: -want +got:\n%s", f, diff)
		}
	}
	for f, msg := range map[string]string{
		"other.yaml":   "neither an Input",
		"wrong.yaml":   "the Input: json: cannot unmarshal array",
		"bad.yaml":     "bad.yaml: error converting YAML to JSON",
		"missing.yaml": "no such file",
	} {
		if _, err := ReadInput(filepath.Join(dir, f)); err == nil || !strings.Contains(err.Error(), msg) {
			t.Errorf("%s: error %v, want one containing %q", f, err, msg)
		}
	}
}

func indent(s, by string) string {
	lines := strings.Split(strings.TrimSuffix(s, "\n"), "\n")
	return by + strings.Join(lines, "\n"+by) + "\n"
}
