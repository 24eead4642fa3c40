package mdaa

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// writeFiles writes files (name to content) under a new temporary folder.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o750); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestRead(t *testing.T) {
	cases := map[string]struct {
		mdaa string
		want []Module
		err  string
	}{
		"context merges global, domain, env, module; unknown keys ignored": {
			mdaa: `
organization: acme
naming_module: ./naming
tag_configs: [./tags.yaml]
context: {a: global, b: global, c: global, d: global}
domains:
  sales:
    context: {b: domain, c: domain, d: domain}
    environments:
      dev:
        context: {c: env, d: env}
        modules:
          agent:
            module_path: '@aws-mdaa/bedrock-agentcore-runtime'
            module_configs: [./agent.yaml, ./agent-dev.yaml]
            context: {d: module}
`,
			want: []Module{{
				Org: "acme", Domain: "sales", Env: "dev", Name: "agent", Path: "@aws-mdaa/bedrock-agentcore-runtime",
				ConfigFiles: []string{"./agent.yaml", "./agent-dev.yaml"},
				Context:     map[string]any{"a": "global", "b": "domain", "c": "env", "d": "module"},
			}},
		},
		"modules sorted by domain, env, name; cdk_app and app_configs are the old spellings": {
			mdaa: `
organization: acme
domains:
  zeta:
    environments:
      prod: {modules: {b: {cdk_app: '@aws-mdaa/roles'}, a: {module_path: x, app_configs: [./old.yaml], module_configs: [./new.yaml]}}}
      dev: {modules: {c: {module_path: y}}}
  alpha:
    environments:
      dev: {modules: {d: {module_path: z, app_config_data: {k: old, j: old}, module_config_data: {k: new}}}}
`,
			want: []Module{
				{Org: "acme", Domain: "alpha", Env: "dev", Name: "d", Path: "z", ConfigData: map[string]any{"k": "new", "j": "old"}},
				{Org: "acme", Domain: "zeta", Env: "dev", Name: "c", Path: "y"},
				{Org: "acme", Domain: "zeta", Env: "prod", Name: "a", Path: "x", ConfigFiles: []string{"./old.yaml", "./new.yaml"}},
				{Org: "acme", Domain: "zeta", Env: "prod", Name: "b", Path: "@aws-mdaa/roles"},
			},
		},
		"account and region: the innermost one, default is unknown": {
			mdaa: `
organization: acme
region: us-east-1
account: "111111111111"
domains:
  d:
    region: eu-west-1
    environments:
      dev: {account: "222222222222", modules: {m: {module_path: x}}}
      prod: {account: default, modules: {m: {module_path: x}}}
`,
			want: []Module{
				{Org: "acme", Domain: "d", Env: "dev", Name: "m", Path: "x", Account: "222222222222", Region: "eu-west-1"},
				{Org: "acme", Domain: "d", Env: "prod", Name: "m", Path: "x", Region: "eu-west-1"},
			},
		},
		"an environment lays itself over its template; a domain's template wins over a global one": {
			mdaa: `
organization: acme
env_templates:
  shared: {context: {from: global}, modules: {global-mod: {module_path: g}}}
domains:
  d:
    env_templates:
      shared:
        account: "333333333333"
        context: {from: domain, keep: template}
        modules:
          tmpl: {module_path: t, module_configs: [./template.yaml]}
    environments:
      dev:
        template: shared
        context: {from: env}
        modules:
          tmpl: {module_configs: [./env.yaml]}
          extra: {module_path: e}
`,
			want: []Module{
				{Org: "acme", Domain: "d", Env: "dev", Name: "extra", Path: "e", Account: "333333333333", Context: map[string]any{"from": "env", "keep": "template"}},
				{Org: "acme", Domain: "d", Env: "dev", Name: "tmpl", Path: "t", Account: "333333333333", ConfigFiles: []string{"./env.yaml"}, Context: map[string]any{"from": "env", "keep": "template"}},
			},
		},
		"unknown template": {
			mdaa: "organization: acme\ndomains: {d: {environments: {dev: {template: nope}}}}\n",
			err:  "d/dev: references invalid template name: nope",
		},
		"organization name": {
			mdaa: "organization: Acme\ndomains: {}\n",
			err:  `organization "Acme" must match`,
		},
		"domain name": {
			mdaa: "organization: acme\ndomains: {Sales: {environments: {}}}\n",
			err:  `domain "Sales" must match`,
		},
		"environment name": {
			mdaa: "organization: acme\ndomains: {d: {environments: {dev_1: {}}}}\n",
			err:  `environment "dev_1" must match`,
		},
		"module name": {
			mdaa: "organization: acme\ndomains: {d: {environments: {dev: {modules: {My_Agent: {module_path: x}}}}}}\n",
			err:  `module "My_Agent" must match`,
		},
		"not YAML": {
			mdaa: "organization: [\n",
			err:  "mdaa.yaml: yaml: line 1",
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			dir := writeFiles(t, map[string]string{"mdaa.yaml": tc.mdaa})
			got, err := Read(filepath.Join(dir, "mdaa.yaml"))
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want one containing %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("-want +got:\n%s", diff)
			}
		})
	}
}

func TestID(t *testing.T) {
	if got := (Module{Domain: "d", Env: "e", Name: "m"}).ID(); got != "d/e/m" {
		t.Errorf("ID() = %q, want d/e/m", got)
	}
}
