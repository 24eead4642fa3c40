package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"sigs.k8s.io/yaml"

	fnv1 "github.com/crossplane/function-sdk-go/proto/v1"

	"github.com/platform-io/function-agentcore-runtime/internal/examples"
)

// mdaaSamples are MDAA's own module configs (testdata/mdaa-samples, each with
// its source in its header), pasted under spec: of a namespaced XR. A valid one
// must render and converge to Ready with the simulated provider; an invalid one
// must give a Fatal naming its field. fatal is that field ("" for a valid one).
var mdaaSamples = map[string]struct{ fatal string }{
	"mdaa-agentic-app-starter.yaml":             {},
	"mdaa-l3test-digest-uri.yaml":               {},
	"mdaa-l3test-endpoint-hyphen-name.yaml":     {},
	"mdaa-l3test-nested-repo-tag.yaml":          {},
	"mdaa-v140-test-config.yaml":                {},
	"mdaa-v170-comprehensive.yaml":              {},
	"mdaa-v170-model-scoped.yaml":               {},
	"mdaa-v170-resource-policy.yaml":            {},
	"invalid-mdaa-21-headers.yaml":              {fatal: "spec.requestHeaderConfiguration.requestHeaderAllowlist"},
	"invalid-mdaa-missing-security-groups.yaml": {fatal: "spec.networkConfiguration.securityGroups"},
	"invalid-mdaa-protocol-object.yaml":         {fatal: "spec.protocolConfiguration"},
	"invalid-mdaa-uri-no-account.yaml":          {fatal: "spec.agentRuntimeArtifact.containerConfiguration.containerUri"},
}

// mdaaContext is what MDAA's mdaa.yaml gives the samples: the agentic app
// starter's context keys and its org, domain, env and module.
var mdaaContext = map[string]any{
	"org": "test-org", "domain": "ai", "env": "dev", "moduleName": "agent-core-hello",
	"context": map[string]any{
		"cognito_user_pool_id": "us-east-1_AbCdEf123", "cognito_client_id": "3n4b5urk1ft4fl3mg5e62d9ado",
		"security_group_id": "sg-0a1b2c3d4e5f60718", "subnet_id_1": "subnet-0a1b2c3d4e5f60718", "subnet_id_2": "subnet-1b2c3d4e5f6071829",
	},
}

func TestMDAASamples(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "mdaa-samples", "*.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if _, ok := mdaaSamples[filepath.Base(f)]; !ok {
			t.Errorf("%s is not in mdaaSamples: say whether it is valid", f)
		}
	}
	base, err := examples.Read(filepath.Join("example", "comprehensive-namespaced"))
	if err != nil {
		t.Fatal(err)
	}
	for name, tc := range mdaaSamples {
		t.Run(strings.TrimSuffix(name, ".yaml"), func(t *testing.T) {
			req := sampleRequest(t, base, filepath.Join("testdata", "mdaa-samples", name))
			if tc.fatal == "" {
				if _, passes, err := examples.Converge(runFunc(), req, 30); err != nil {
					t.Fatalf("did not converge to Ready (%d passes): %v", passes, err)
				}
				return
			}
			rsp, err := runFunc()(req)
			if err != nil {
				t.Fatal(err)
			}
			i := slices.IndexFunc(rsp.GetResults(), func(r *fnv1.Result) bool { return r.GetSeverity() == fnv1.Severity_SEVERITY_FATAL })
			if i < 0 {
				t.Fatalf("no Fatal result; results: %v", rsp.GetResults())
			}
			if msg := rsp.GetResults()[i].GetMessage(); !strings.Contains(msg, tc.fatal+":") && !strings.Contains(msg, tc.fatal+"[") {
				t.Errorf("the Fatal result does not name %s: %s", tc.fatal, msg)
			}
			if len(rsp.GetDesired().GetResources()) > 0 {
				t.Errorf("a Fatal response desires %d resources", len(rsp.GetDesired().GetResources()))
			}
		})
	}
}

// sampleRequest is the first request of a namespaced XR whose spec is the
// sample, composed with the example's Input plus MDAA's context.
func sampleRequest(t *testing.T, base *examples.Case, file string) *fnv1.RunFunctionRequest {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	spec := map[string]any{}
	if err := yaml.Unmarshal(b, &spec); err != nil {
		t.Fatal(err)
	}
	c := *base
	c.XR = map[string]any{
		"apiVersion": "agentcore.m.platform.io/v1alpha1", "kind": "XAgentCoreRuntime",
		"metadata": map[string]any{"name": "sample", "namespace": "team-a", "uid": "6f1c2d3e-4a5b-4c6d-8e7f-901a2b3c4d5e"},
		"spec":     spec,
	}
	c.Input = map[string]any{}
	for k, v := range base.Input {
		c.Input[k] = v
	}
	for k, v := range mdaaContext {
		c.Input[k] = v
	}
	c.Observed = map[string]map[string]any{}
	req, err := c.Request()
	if err != nil {
		t.Fatal(err)
	}
	return req
}
