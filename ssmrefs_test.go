package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	fnv1 "github.com/crossplane/function-sdk-go/proto/v1"

	"github.com/platform-io/function-agentcore-runtime/internal/examples"
)

// TestSSMReferences: MDAA's ssm:/path values (here the subnets and the
// security group) are read through observe-only ssm Parameters. Until their
// values are read only those are composed, and the composite says what it
// waits for; then the runtime gets the values; a value that goes missing
// later changes nothing (a Fatal result, nothing deleted).
func TestSSMReferences(t *testing.T) {
	base, err := examples.Read(filepath.Join("example", "mdaa-minimal"))
	if err != nil {
		t.Fatal(err)
	}
	spec := base.XR["spec"].(map[string]any)
	spec["networkConfiguration"] = map[string]any{
		"securityGroups": []any{"ssm:/org/shared/agents/security-group/id"},
		"subnets":        []any{"ssm:/org/shared/vpc/subnet-a/id", "ssm: /org/shared/vpc/subnet-b/id"},
	}
	base.Observed = map[string]map[string]any{}
	req, err := base.Request()
	if err != nil {
		t.Fatal(err)
	}
	sim := examples.ProviderFor(req)
	sim.Parameters = map[string]string{
		"/org/shared/agents/security-group/id": "sg-0a1b2c3d4e5f60718",
		"/org/shared/vpc/subnet-a/id":          "subnet-0a1b2c3d4e5f60718",
		"/org/shared/vpc/subnet-b/id":          "subnet-1b2c3d4e5f6071829",
	}

	// The first pass composes the three observe-only Parameters only.
	rsp, err := runFunc()(req)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for name, r := range rsp.GetDesired().GetResources() {
		names = append(names, name)
		mp := r.GetResource().GetFields()["spec"].GetStructValue().GetFields()["managementPolicies"]
		if diff := cmp.Diff([]any{"Observe"}, mp.GetListValue().AsSlice()); diff != "" {
			t.Errorf("%s managementPolicies: -want +got:\n%s", name, diff)
		}
	}
	if len(names) != 3 || !strings.HasPrefix(names[0], "ssm-ref-") {
		t.Errorf("first pass desires %v, want the three ssm-ref-* Parameters only", names)
	}
	if !strings.Contains(normalResults(rsp), "the value of the SSM parameter /org/shared/vpc/subnet-a/id (ssm-ref-") {
		t.Errorf("the composite does not say what it waits for: %s", normalResults(rsp))
	}

	// Converged, the runtime runs in the referenced subnets and group.
	steady, passes, err := examples.ConvergeWith(runFunc(), sim, req, 30)
	if err != nil {
		t.Fatalf("did not converge (%d passes): %v", passes, err)
	}
	rsp, err = runFunc()(steady)
	if err != nil {
		t.Fatal(err)
	}
	nm := rsp.GetDesired().GetResources()["runtime"].GetResource().AsMap()["spec"].(map[string]any)["forProvider"].(map[string]any)["networkConfiguration"]
	want := map[string]any{"networkMode": "VPC", "networkModeConfig": map[string]any{
		"securityGroups": []any{"sg-0a1b2c3d4e5f60718"}, "subnets": []any{"subnet-0a1b2c3d4e5f60718", "subnet-1b2c3d4e5f6071829"},
	}}
	if diff := cmp.Diff(want, nm); diff != "" {
		t.Errorf("runtime networkConfiguration: -want +got:\n%s", diff)
	}

	// A value that goes missing later: nothing changes.
	for name, r := range steady.GetObserved().GetResources() {
		if strings.HasPrefix(name, "ssm-ref-") {
			r.ConnectionDetails = nil
			break
		}
	}
	examples.SetTag(steady)
	rsp, err = runFunc()(steady)
	if err != nil {
		t.Fatal(err)
	}
	if len(rsp.GetDesired().GetResources()) > 0 || !hasFatal(rsp, "is missing") {
		t.Errorf("with a value missing after creation: %d desired resources, results %v; want none and a Fatal", len(rsp.GetDesired().GetResources()), rsp.GetResults())
	}
}

func normalResults(rsp *fnv1.RunFunctionResponse) string {
	var out []string
	for _, r := range rsp.GetResults() {
		if r.GetSeverity() == fnv1.Severity_SEVERITY_NORMAL {
			out = append(out, r.GetMessage())
		}
	}
	return strings.Join(out, "\n")
}

func hasFatal(rsp *fnv1.RunFunctionResponse, contains string) bool {
	for _, r := range rsp.GetResults() {
		if r.GetSeverity() == fnv1.Severity_SEVERITY_FATAL && strings.Contains(r.GetMessage(), contains) {
			return true
		}
	}
	return false
}
