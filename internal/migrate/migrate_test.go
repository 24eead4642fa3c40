package migrate

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/platform-io/function-agentcore-runtime/input/v1beta1"
	"github.com/platform-io/function-agentcore-runtime/internal/mdaa"
	"github.com/platform-io/function-agentcore-runtime/internal/settings"
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

func TestIsRuntime(t *testing.T) {
	for p, want := range map[string]bool{
		"@aws-mdaa/bedrock-agentcore-runtime":        true,
		"@aws-mdaa/bedrock-agentcore-runtime@1.7.0":  true,
		"@aws-mdaa/bedrock-agentcore-runtime-app":    false,
		"@aws-mdaa/roles":                            false,
		"aws-mdaa/bedrock-agentcore-runtime":         false,
		"@aws-mdaa/bedrock-agentcore-runtime@^1.6.0": true,
	} {
		if got := IsRuntime(p); got != want {
			t.Errorf("IsRuntime(%q) = %v, want %v", p, got, want)
		}
	}
}

func TestParseNamespacing(t *testing.T) {
	cases := map[string]struct {
		want Namespacing
		err  string
	}{
		"domain":       {want: Namespacing{From: "domain"}},
		"env":          {want: Namespacing{From: "env"}},
		"fixed:team-a": {want: Namespacing{From: "fixed", Name: "team-a"}},
		"fixed:Team_A": {err: "fixed:Team_A: not a namespace name"},
		"fixed:":       {err: "fixed:: not a namespace name"},
		"module":       {err: `"module": want domain, env or fixed:NAME`},
	}
	for in, tc := range cases {
		got, err := ParseNamespacing(in)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%s: error %v, want one containing %q", in, err, tc.err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("%s: got %+v, %v; want %+v", in, got, err, tc.want)
		}
	}
}

func TestNames(t *testing.T) {
	m := mdaa.Module{Org: "acme", Domain: "sales", Env: "dev", Name: "orders-agent"}
	long := mdaa.Module{Org: "acme", Domain: "sales", Env: "dev", Name: strings.Repeat("very-long-module-name-", 4)}
	cases := map[string]struct {
		m             mdaa.Module
		ns            Namespacing
		name, nsValue string
	}{
		"namespace from the domain: the name says the env": {m: m, ns: Namespacing{From: "domain"}, name: "dev-orders-agent", nsValue: "sales"},
		"namespace from the env: the name says the domain": {m: m, ns: Namespacing{From: "env"}, name: "sales-orders-agent", nsValue: "dev"},
		"a fixed namespace: the name says both":            {m: m, ns: Namespacing{From: "fixed", Name: "agents"}, name: "sales-dev-orders-agent", nsValue: "agents"},
		"MDAA's names may start with a hyphen":             {m: mdaa.Module{Domain: "-d-", Env: "-e", Name: "m-"}, ns: Namespacing{From: "domain"}, name: "e-m", nsValue: "d"},
		"a long name keeps its head and ends in a hash":    {m: long, ns: Namespacing{From: "domain"}, name: truncated(strings.TrimSuffix("dev-"+long.Name, "-")), nsValue: "sales"},
	}
	for n, tc := range cases {
		t.Run(n, func(t *testing.T) {
			if got := name(tc.m, tc.ns); got != tc.name {
				t.Errorf("name = %q, want %q", got, tc.name)
			}
			if len(name(tc.m, tc.ns)) > maxName {
				t.Errorf("name %q is longer than %d", name(tc.m, tc.ns), maxName)
			}
			if got := namespace(tc.m, tc.ns); got != tc.nsValue {
				t.Errorf("namespace = %q, want %q", got, tc.nsValue)
			}
		})
	}
}

// truncated is s cut to maxName: its head, "-" and 8 hex of its SHA-256.
func truncated(s string) string {
	sum := sha256.Sum256([]byte(s))
	return s[:maxName-9] + "-" + hex.EncodeToString(sum[:])[:8]
}

func TestEnvironmentData(t *testing.T) {
	m := mdaa.Module{Org: "acme", Domain: "sales", Env: "dev", Name: "orders"}
	cases := map[string]struct {
		m        mdaa.Module
		spec     map[string]any
		o        Options
		want     map[string]any
		warnings []string
	}{
		"org, domain, env, module name": {
			m:    m,
			want: map[string]any{"org": "acme", "domain": "sales", "env": "dev", "moduleName": "orders"},
		},
		"context as strings; numbers and booleans as MDAA's command line writes them; empty and null left out": {
			m: mdaa.Module{Org: "acme", Domain: "sales", Env: "dev", Name: "orders", Context: map[string]any{
				"s": "sg-1", "n": 12.0, "big": 123456789012.0, "f": 1.5, "b": false, "empty": "", "null": nil,
				"list": []any{"a"}, "map": map[string]any{"a": "b"},
			}},
			spec: map[string]any{"subnets": []any{"{{context:list}}"}},
			want: map[string]any{
				"org": "acme", "domain": "sales", "env": "dev", "moduleName": "orders",
				"context": map[string]any{"s": "sg-1", "n": "12", "big": "123456789012", "f": "1.5", "b": "false"},
			},
			warnings: []string{"sales/dev/orders (mdaa.yaml): context.list: a list or map: the function's context holds strings, so {{context:list}} cannot be resolved; write the value into the module config"},
		},
		"env vars: those the spec uses and the environment sets": {
			m:    m,
			spec: map[string]any{"environmentVariables": map[string]any{"{{env_var:KEY}}": "{{env_var:SET}}-{{env_var:UNSET}}-{{env_var:EMPTY}}"}},
			o: Options{LookupEnv: func(n string) (string, bool) {
				v, ok := map[string]string{"SET": "value", "KEY": "k", "EMPTY": "", "OTHER": "x"}[n]
				return v, ok
			}},
			want: map[string]any{"org": "acme", "domain": "sales", "env": "dev", "moduleName": "orders", "envVars": map[string]any{"SET": "value", "KEY": "k"}},
		},
		"account, region and MDAA's SSM paths": {
			m:    mdaa.Module{Org: "acme", Domain: "sales", Env: "dev", Name: "orders", Account: "123456789012", Region: "eu-west-1"},
			o:    Options{MDAASSMPaths: true},
			want: map[string]any{"org": "acme", "domain": "sales", "env": "dev", "moduleName": "orders", "accountId": "123456789012", "region": "eu-west-1", "ssmParameterPrefix": "/acme/sales/orders"},
		},
		"an account that is no account ID": {
			m:        mdaa.Module{Org: "acme", Domain: "sales", Env: "dev", Name: "orders", Account: "{{context:account}}"},
			want:     map[string]any{"org": "acme", "domain": "sales", "env": "dev", "moduleName": "orders"},
			warnings: []string{`sales/dev/orders (mdaa.yaml): account: "{{context:account}}" is not a 12-digit account ID: not carried over, the platform's Input gives accountId`},
		},
		"the platform's Input wins where it differs": {
			m: mdaa.Module{Org: "acme", Domain: "sales", Env: "dev", Name: "orders", Account: "123456789012", Region: "eu-west-1"},
			o: Options{Input: &v1beta1.Input{AccountID: "210987654321", Region: "eu-west-1", Org: "other"}, MDAASSMPaths: true},
			want: map[string]any{
				"org": "acme", "domain": "sales", "env": "dev", "moduleName": "orders",
				"accountId": "123456789012", "region": "eu-west-1", "ssmParameterPrefix": "/acme/sales/orders",
			},
			warnings: []string{
				`sales/dev/orders (mdaa.yaml): input.accountId: the platform's Input sets "210987654321", which wins over "123456789012" from mdaa.yaml`,
				`sales/dev/orders (mdaa.yaml): input.org: the platform's Input sets "other", which wins over "acme" from mdaa.yaml`,
			},
		},
	}
	for n, tc := range cases {
		t.Run(n, func(t *testing.T) {
			p := &problems{module: tc.m}
			got := environmentData(tc.m, tc.spec, tc.o, p)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("data -want +got:\n%s", diff)
			}
			if diff := cmp.Diff(tc.warnings, p.warnings); diff != "" {
				t.Errorf("warnings -want +got:\n%s", diff)
			}
			if len(p.errors) > 0 {
				t.Errorf("errors: %v", p.errors)
			}
		})
	}
}

// TestEnvironmentDataIsTheInput: the function reads the EnvironmentConfig's data
// as Input fields (settings.Resolve, from the pipeline's environment).
func TestEnvironmentDataIsTheInput(t *testing.T) {
	m := mdaa.Module{Org: "acme", Domain: "sales", Env: "dev", Name: "orders", Account: "123456789012", Region: "eu-west-1", Context: map[string]any{"k": "v"}}
	data := environmentData(m, map[string]any{"a": "{{env_var:E}}"}, Options{MDAASSMPaths: true, LookupEnv: func(string) (string, bool) { return "e", true }}, &problems{})
	got, errs := settings.Resolve(nil, data, "sales")
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	want := settings.Settings{
		Org: "acme", Domain: "sales", Env: "dev", ModuleName: "orders", AccountID: "123456789012", Region: "eu-west-1",
		SSMParameterPrefix: "/acme/sales/orders", Context: map[string]string{"k": "v"}, EnvVars: map[string]string{"E": "e"},
	}
	got = settings.Settings{
		Org: got.Org, Domain: got.Domain, Env: got.Env, ModuleName: got.ModuleName, AccountID: got.AccountID, Region: got.Region,
		SSMParameterPrefix: got.SSMParameterPrefix, Context: got.Context, EnvVars: got.EnvVars,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("-want +got:\n%s", diff)
	}
}

func TestCheckNames(t *testing.T) {
	rs := []Runtime{
		{Module: mdaa.Module{Domain: "d", Env: "x", Name: "y-z"}, Namespace: "d", Name: "x-y-z"},
		{Module: mdaa.Module{Domain: "d", Env: "x-y", Name: "z"}, Namespace: "d", Name: "x-y-z"},
		{Module: mdaa.Module{Domain: "e", Env: "x", Name: "y-z"}, Namespace: "e", Name: "x-y-z"},
	}
	CheckNames(rs)
	want := "metadata.name: d/x-y-z is also the name of d/x/y-z and d/x-y/z: rename a module or use another --namespace-from"
	if diff := cmp.Diff([]string{"d/x/y-z: " + want}, rs[0].Errors); diff != "" {
		t.Errorf("first: -want +got:\n%s", diff)
	}
	if diff := cmp.Diff([]string{"d/x-y/z: " + want}, rs[1].Errors); diff != "" {
		t.Errorf("second: -want +got:\n%s", diff)
	}
	if len(rs[2].Errors) > 0 {
		t.Errorf("another namespace: %v", rs[2].Errors)
	}
}
