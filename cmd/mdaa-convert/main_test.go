package main

import (
	"bytes"
	"flag"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"sigs.k8s.io/yaml"
)

var update = flag.Bool("update", false, "rewrite the worked example's converted.yaml")

const example = "../../example/mdaa-deployment"

// noEnv is an empty environment.
func noEnv(string) (string, bool) { return "", false }

// convertArgs runs the command with args; it returns its exit code, stdout and stderr.
func convertArgs(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	stdout, stderr := &bytes.Buffer{}, &bytes.Buffer{}
	code := run(args, stdout, stderr, noEnv)
	return code, stdout.String(), stderr.String()
}

// TestWorkedExample: example/mdaa-deployment converts to its converted.yaml
// (go test ./cmd/mdaa-convert -update rewrites it), the module of another kind
// is ignored with one line, and nothing is refused.
func TestWorkedExample(t *testing.T) {
	code, stdout, stderr := convertArgs(t, "--mdaa", filepath.Join(example, "mdaa.yaml"))
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
	want := "ignoring sales/dev/datalake-roles: module_path @aws-mdaa/roles is not the bedrock-agentcore-runtime module\n" +
		"3 runtimes converted\n"
	if diff := cmp.Diff(want, stderr); diff != "" {
		t.Errorf("stderr -want +got:\n%s", diff)
	}
	golden := filepath.Join(example, "converted.yaml")
	if *update {
		if err := os.WriteFile(golden, []byte(stdout), 0o600); err != nil {
			t.Fatal(err)
		}
		return
	}
	b, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(b), stdout); diff != "" {
		t.Errorf("%s is stale (go test ./cmd/mdaa-convert -update): -committed +converted:\n%s", golden, diff)
	}
}

// TestOut: --out writes each object of the stream to a file of its own.
func TestOut(t *testing.T) {
	_, stream, _ := convertArgs(t, "--mdaa", filepath.Join(example, "mdaa.yaml"))
	dir := filepath.Join(t.TempDir(), "out")
	code, stdout, stderr := convertArgs(t, "--mdaa", filepath.Join(example, "mdaa.yaml"), "--out", dir)
	if code != 0 || stdout != "" {
		t.Fatalf("exit %d, stdout %q:\n%s", code, stdout, stderr)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names, docs []string
	for _, e := range entries {
		names = append(names, e.Name())
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, string(b))
	}
	wantNames := []string{
		"agentcoreruntime-sales-dev-orders-agent.yaml", "agentcoreruntime-sales-dev-quotes-agent.yaml",
		"agentcoreruntime-support-dev-helpdesk-agent.yaml",
		"environmentconfig-mdaa.acme.sales.dev.orders-agent.yaml", "environmentconfig-mdaa.acme.sales.dev.quotes-agent.yaml",
		"environmentconfig-mdaa.acme.support.dev.helpdesk-agent.yaml",
	}
	if diff := cmp.Diff(wantNames, names); diff != "" {
		t.Errorf("files -want +got:\n%s", diff)
	}
	wantDocs := strings.Split(stream, "---\n")
	slices.Sort(wantDocs)
	slices.Sort(docs)
	if diff := cmp.Diff(wantDocs, docs); diff != "" {
		t.Errorf("the files are not the stream's documents: -stream +files:\n%s", diff)
	}
}

// TestOptions: filters, scope and namespaces reach the output.
func TestOptions(t *testing.T) {
	cases := map[string]struct {
		args []string
		// want: kind namespace/name of every object written.
		want   []string
		stderr string
	}{
		"--domain": {
			args:   []string{"--domain", "support"},
			want:   []string{"EnvironmentConfig mdaa.acme.support.dev.helpdesk-agent", "AgentCoreRuntime support/dev-helpdesk-agent"},
			stderr: "1 runtimes converted\n",
		},
		"--env, --module; lists as MDAA's": {
			args: []string{"--env", "dev,prod", "--module", " orders-agent,helpdesk-agent"},
			want: []string{
				"EnvironmentConfig mdaa.acme.sales.dev.orders-agent", "AgentCoreRuntime sales/dev-orders-agent",
				"EnvironmentConfig mdaa.acme.support.dev.helpdesk-agent", "AgentCoreRuntime support/dev-helpdesk-agent",
			},
			stderr: "2 runtimes converted\n",
		},
		"--scope namespaced --namespace-from env": {
			args: []string{"--scope", "namespaced", "--namespace-from", "env", "--domain", "support"},
			want: []string{"EnvironmentConfig mdaa.acme.support.dev.helpdesk-agent", "XAgentCoreRuntime dev/support-helpdesk-agent"},
		},
		"--namespace-from fixed:NAME": {
			args: []string{"--namespace-from", "fixed:agents", "--domain", "support"},
			want: []string{"EnvironmentConfig mdaa.acme.support.dev.helpdesk-agent", "AgentCoreRuntime agents/support-dev-helpdesk-agent"},
		},
	}
	for n, tc := range cases {
		t.Run(n, func(t *testing.T) {
			code, stdout, stderr := convertArgs(t, append([]string{"--mdaa", filepath.Join(example, "mdaa.yaml")}, tc.args...)...)
			if code != 0 {
				t.Fatalf("exit %d:\n%s", code, stderr)
			}
			if diff := cmp.Diff(tc.want, objects(t, stdout)); diff != "" {
				t.Errorf("objects -want +got:\n%s", diff)
			}
			if tc.stderr != "" && stderr != tc.stderr {
				t.Errorf("stderr %q, want %q", stderr, tc.stderr)
			}
		})
	}
}

// objects are "<kind> <namespace>/<name>" of each document of stream.
func objects(t *testing.T, stream string) []string {
	t.Helper()
	var out []string
	for _, doc := range strings.Split(stream, "---\n") {
		o := struct {
			Kind     string `json:"kind"`
			Metadata struct{ Name, Namespace string }
		}{}
		if err := yaml.Unmarshal([]byte(doc), &o); err != nil {
			t.Fatal(err)
		}
		id := o.Metadata.Name
		if o.Metadata.Namespace != "" {
			id = o.Metadata.Namespace + "/" + id
		}
		out = append(out, o.Kind+" "+id)
	}
	return out
}

func TestFailures(t *testing.T) {
	dir := writeDeployment(t, map[string]string{"missing": "./nope.yaml", "agent-core-hello": "./bad.yaml"},
		map[string]string{"bad.yaml": "agentRuntimeName: bad\nprotocolConfiguration: SOAP\n"})
	cases := map[string]struct {
		args   []string
		code   int
		stderr []string
	}{
		"no --mdaa":         {code: 2, stderr: []string{"mdaa-convert: --mdaa is required"}},
		"extra arguments":   {args: []string{"--mdaa", "x", "y"}, code: 2, stderr: []string{"unexpected arguments [y]"}},
		"unknown flag":      {args: []string{"--nope"}, code: 2, stderr: []string{"flag provided but not defined: -nope"}},
		"--scope":           {args: []string{"--mdaa", "x", "--scope", "cluster"}, code: 2, stderr: []string{`--scope "cluster": want claim or namespaced`}},
		"--namespace-from":  {args: []string{"--mdaa", "x", "--namespace-from", "module"}, code: 2, stderr: []string{`--namespace-from "module": want domain, env or fixed:NAME`}},
		"--input":           {args: []string{"--mdaa", "x", "--input", filepath.Join(example, "mdaa.yaml")}, code: 2, stderr: []string{"--input " + filepath.Join(example, "mdaa.yaml") + ": neither an Input"}},
		"--help":            {args: []string{"--help"}, code: 0, stderr: []string{"Usage of mdaa-convert"}},
		"no mdaa.yaml":      {args: []string{"--mdaa", filepath.Join(dir, "nope.yaml")}, code: 1, stderr: []string{"mdaa-convert: open "}},
		"nothing selected":  {args: []string{"--mdaa", filepath.Join(example, "mdaa.yaml"), "--domain", "hr"}, code: 1, stderr: []string{"no @aws-mdaa/bedrock-agentcore-runtime module in " + filepath.Join(example, "mdaa.yaml") + " selected"}},
		"unreadable config": {args: []string{"--mdaa", filepath.Join(dir, "mdaa.yaml"), "--module", "missing"}, code: 1, stderr: []string{"error: ai/dev/missing: open "}},
		"refused runtime, and the hint": {
			args: []string{"--mdaa", filepath.Join(dir, "mdaa.yaml"), "--module", "agent-core-hello"},
			code: 1,
			stderr: []string{
				`error: ai/dev/agent-core-hello (./bad.yaml): spec.protocolConfiguration: Unsupported value: "SOAP"`,
				"hint: the platform's Composition gives what mdaa.yaml does not (region, account): pass it with --input",
				"0 runtimes converted; 1 refused by the function's validation, not written",
			},
		},
	}
	for n, tc := range cases {
		t.Run(n, func(t *testing.T) {
			code, stdout, stderr := convertArgs(t, tc.args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d", code, tc.code)
			}
			if stdout != "" {
				t.Errorf("stdout: %s", stdout)
			}
			for _, s := range tc.stderr {
				if !strings.Contains(stderr, s) {
					t.Errorf("stderr does not say %q:\n%s", s, stderr)
				}
			}
		})
	}
}

// writeDeployment writes files and an mdaa.yaml with one runtime module per
// entry of modules (name to config file) in org test-org, domain ai, env dev:
// MDAA's agentic app starter (its header says so), without region and account.
func writeDeployment(t *testing.T, modules, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("organization: test-org\ndomains:\n  ai:\n    environments:\n      dev:\n        modules:\n")
	for _, n := range slices.Sorted(maps.Keys(modules)) {
		b.WriteString("          " + n + ":\n            module_path: '@aws-mdaa/bedrock-agentcore-runtime'\n            module_configs: ['" + modules[n] + "']\n")
	}
	files["mdaa.yaml"] = b.String()
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// starterDeployment is MDAA's agentic app starter's mdaa.yaml, shared with
// the root package's convergence test; CONFIG is the module config's name.
const starterDeployment = "../../testdata/mdaa-starter.yaml"

// expectedError is the field a sample's header says MDAA's config is refused for.
var expectedError = regexp.MustCompile(`expected-error: Fatal naming ([A-Za-z.]+)`)

// TestMDAASamples: each of MDAA's own configs (testdata/mdaa-samples), in the
// deployment MDAA's starter gives it, converts with no error; an invalid-* one
// is refused naming the field its header names.
func TestMDAASamples(t *testing.T) {
	files, err := filepath.Glob("../../testdata/mdaa-samples/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no samples: %v", err)
	}
	for _, f := range files {
		name := filepath.Base(f)
		t.Run(strings.TrimSuffix(name, ".yaml"), func(t *testing.T) {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, name), b, 0o600); err != nil {
				t.Fatal(err)
			}
			deployment, err := os.ReadFile(starterDeployment)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "mdaa.yaml"), []byte(strings.ReplaceAll(string(deployment), "CONFIG", name)), 0o600); err != nil {
				t.Fatal(err)
			}
			code, stdout, stderr := convertArgs(t, "--mdaa", filepath.Join(dir, "mdaa.yaml"))
			if !strings.HasPrefix(name, "invalid-") {
				if code != 0 || strings.Contains(stderr, "error:") || stdout == "" {
					t.Errorf("exit %d:\n%s", code, stderr)
				}
				return
			}
			m := expectedError.FindSubmatch(b)
			if m == nil {
				t.Fatalf("%s: no expected-error in its header", f)
			}
			want := "error: ai/dev/agent-core-hello (./" + name + "): spec." + string(m[1])
			if code != 1 || !strings.Contains(stderr, want) || stdout != "" {
				t.Errorf("exit %d, stdout %q; stderr does not say %q:\n%s", code, stdout, want, stderr)
			}
		})
	}
}
