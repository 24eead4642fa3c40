package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"google.golang.org/protobuf/types/known/structpb"
	"sigs.k8s.io/yaml"

	"github.com/platform-io/function-agentcore-runtime/internal/examples"
	"github.com/platform-io/function-agentcore-runtime/internal/mdaa"
	"github.com/platform-io/function-agentcore-runtime/internal/migrate"
	"github.com/platform-io/function-agentcore-runtime/internal/object"
)

// mdaaExample is cmd/mdaa-convert's worked example.
var mdaaExample = filepath.Join("example", "mdaa-deployment")

// TestMDAAConvertedExample: what cmd/mdaa-convert printed for the worked
// example (converted.yaml, which its test keeps current), applied with the
// example's Composition, converges to Ready with the simulated provider: each
// claim becomes the XR Crossplane makes of it, the Composition's first step is
// played by selecting the EnvironmentConfig with the claim's labels, and the
// SSM parameters it references are the simulated account's.
func TestMDAAConvertedExample(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(mdaaExample, "converted.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var envConfigs, claims []map[string]any
	for _, doc := range strings.Split(string(b), "\n---\n") {
		o := map[string]any{}
		if err := yaml.Unmarshal([]byte(doc), &o); err != nil {
			t.Fatal(err)
		}
		if o["kind"] == migrate.EnvironmentConfigKind {
			envConfigs = append(envConfigs, o)
			continue
		}
		claims = append(claims, o)
	}
	if len(claims) != 3 {
		t.Fatalf("%d claims, want the example's 3", len(claims))
	}
	for _, claim := range claims {
		name, _ := object.Lookup(claim, "metadata", "name").(string)
		t.Run(name, func(t *testing.T) {
			converge(t, compositeOf(t, claim), selectEnvironment(t, claim, envConfigs))
		})
	}
}

// TestMDAAConvertedNamespaced: the worked example converted to namespaced XRs
// converges to Ready.
func TestMDAAConvertedNamespaced(t *testing.T) {
	for _, r := range convertDeployment(t, filepath.Join(mdaaExample, "mdaa.yaml"), migrate.Namespaced) {
		t.Run(r.Name, func(t *testing.T) {
			converge(t, compositeOf(t, r.Composite), selectEnvironment(t, r.Composite, []map[string]any{r.EnvironmentConfig}))
		})
	}
}

// TestMDAAConvertedSamples: each valid one of MDAA's own configs, converted in
// the deployment MDAA's agentic app starter gives it, converges to Ready.
func TestMDAAConvertedSamples(t *testing.T) {
	for name, tc := range mdaaSamples {
		if tc.fatal != "" {
			continue
		}
		t.Run(strings.TrimSuffix(name, ".yaml"), func(t *testing.T) {
			dir := t.TempDir()
			b, err := os.ReadFile(filepath.Join("testdata", "mdaa-samples", name))
			if err != nil {
				t.Fatal(err)
			}
			starter, err := os.ReadFile(starterDeployment)
			if err != nil {
				t.Fatal(err)
			}
			deployment := strings.ReplaceAll(string(starter), "CONFIG", name)
			for f, content := range map[string][]byte{name: b, "mdaa.yaml": []byte(deployment)} {
				if err := os.WriteFile(filepath.Join(dir, f), content, 0o600); err != nil {
					t.Fatal(err)
				}
			}
			for _, r := range convertDeployment(t, filepath.Join(dir, "mdaa.yaml"), migrate.Claim) {
				converge(t, compositeOf(t, r.Composite), selectEnvironment(t, r.Composite, []map[string]any{r.EnvironmentConfig}))
			}
		})
	}
}

// starterDeployment is the mdaa.yaml of MDAA's agentic app starter, with the
// simulated provider's region and account; CONFIG is the module config's name.
const starterDeployment = "testdata/mdaa-starter.yaml"

// convertDeployment converts the runtimes of the deployment in file as
// cmd/mdaa-convert does (namespaces from the domain), none of them refused.
func convertDeployment(t *testing.T, file string, scope migrate.Scope) []migrate.Runtime {
	t.Helper()
	modules, err := mdaa.Read(file)
	if err != nil {
		t.Fatal(err)
	}
	var out []migrate.Runtime
	for _, m := range modules {
		if !migrate.IsRuntime(m.Path) {
			continue
		}
		r, err := migrate.Convert(filepath.Dir(file), m, migrate.Options{Scope: scope, Namespace: migrate.Namespacing{From: migrate.FromDomain}})
		if err != nil {
			t.Fatal(err)
		}
		if r.Refused() {
			t.Fatalf("refused: %v", r.Errors)
		}
		out = append(out, r)
	}
	return out
}

// compositeOf is the composite the function sees for a claim (the XR
// Crossplane makes of it: its labels and the claim's, spec.claimRef) or a
// namespaced XR.
func compositeOf(t *testing.T, o map[string]any) map[string]any {
	t.Helper()
	meta, _ := o["metadata"].(map[string]any)
	spec, _ := o["spec"].(map[string]any)
	labels := map[string]any{}
	for k, v := range meta["labels"].(map[string]any) { //nolint:forcetypeassert // the converter always labels.
		labels[k] = v
	}
	uid := "6f1c2d3e-4a5b-4c6d-8e7f-901a2b3c4d5e"
	if o["kind"] != "AgentCoreRuntime" {
		return map[string]any{
			"apiVersion": o["apiVersion"], "kind": o["kind"], "spec": spec,
			"metadata": map[string]any{"name": meta["name"], "namespace": meta["namespace"], "uid": uid, "labels": labels},
		}
	}
	labels["crossplane.io/claim-name"], labels["crossplane.io/claim-namespace"] = meta["name"], meta["namespace"]
	xrSpec := map[string]any{"claimRef": map[string]any{
		"apiVersion": o["apiVersion"], "kind": o["kind"], "name": meta["name"], "namespace": meta["namespace"],
	}}
	for k, v := range spec {
		xrSpec[k] = v
	}
	return map[string]any{
		"apiVersion": o["apiVersion"], "kind": "XAgentCoreRuntime", "spec": xrSpec,
		"metadata": map[string]any{"name": meta["name"].(string) + "-x7k2p", "uid": uid, "labels": labels}, //nolint:forcetypeassert // the converter always names.
	}
}

// selectEnvironment plays the Composition's function-environment-configs step:
// the one EnvironmentConfig whose labels are o's, as the pipeline's
// environment (its data, as that function puts it in the context).
func selectEnvironment(t *testing.T, o map[string]any, envConfigs []map[string]any) map[string]any {
	t.Helper()
	var found []map[string]any
	for _, ec := range envConfigs {
		match := true
		for _, l := range migrate.Labels {
			want := object.Lookup(o, "metadata", "labels", l)
			match = match && want != nil && object.Lookup(ec, "metadata", "labels", l) == want
		}
		if match {
			found = append(found, ec)
		}
	}
	if len(found) != 1 {
		t.Fatalf("%d EnvironmentConfigs have the labels of %v, want 1", len(found), object.Lookup(o, "metadata", "name"))
	}
	env := map[string]any{"apiVersion": "internal.crossplane.io/v1alpha1", "kind": "Environment"}
	for k, v := range found[0]["data"].(map[string]any) { //nolint:forcetypeassert // the converter always writes data.
		env[k] = v
	}
	return env
}

// converge runs the function on xr, composed with the worked example's
// Composition in the environment env, until it is Ready.
func converge(t *testing.T, xr, env map[string]any) {
	t.Helper()
	in, err := migrate.ReadInput(filepath.Join(mdaaExample, "composition.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := yaml.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	c := examples.Case{Name: "mdaa", XR: xr, Input: map[string]any{}, Observed: map[string]map[string]any{}}
	if err := yaml.Unmarshal(b, &c.Input); err != nil {
		t.Fatal(err)
	}
	pb, err := os.ReadFile(filepath.Join(mdaaExample, "parameters.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(pb, &c.Parameters); err != nil {
		t.Fatal(err)
	}
	req, err := c.Request()
	if err != nil {
		t.Fatal(err)
	}
	e, err := structpb.NewValue(env)
	if err != nil {
		t.Fatal(err)
	}
	if req.Context == nil {
		req.Context = &structpb.Struct{Fields: map[string]*structpb.Value{}}
	}
	req.Context.Fields["apiextensions.crossplane.io/environment"] = e
	examples.SetTag(req)
	next, passes, err := examples.Converge(runFunc(), req, 30)
	if err != nil {
		t.Fatalf("did not converge to Ready (%d passes): %v", passes, err)
	}
	if len(next.GetObserved().GetResources()) == 0 {
		t.Errorf("Ready with nothing composed")
	}
}
