package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	fnv1 "github.com/crossplane/function-sdk-go/proto/v1"

	"github.com/platform-io/function-agentcore-runtime/internal/examples"
	"github.com/platform-io/function-agentcore-runtime/internal/output"
	"github.com/platform-io/function-agentcore-runtime/internal/simprovider"
)

// TestProviderErrorsReachTheUser injects a provider error into every composed
// resource of the steady-state cases in turn, at the pass the resource first
// appears (a failed create) and at steady state (a failed update), for two
// reconciles. Each time: the composite's ResourcesReady condition names the
// resource and carries the provider's message, a Warning result says the
// same, nothing observed is dropped, and once the provider recovers the case
// converges to the same steady state, every AWS-facing name unchanged.
func TestProviderErrorsReachTheUser(t *testing.T) {
	run := runFunc()
	for _, name := range []string{"steady-state-namespaced", "steady-state-legacy", "managed-repository", "vpc-only"} {
		t.Run(name, func(t *testing.T) {
			start := fromNothing(t, "example/"+name)
			steady, _, err := examples.Converge(run, start, 30)
			if err != nil {
				t.Fatal(err)
			}
			for resource := range steady.GetObserved().GetResources() {
				if strings.HasPrefix(resource, "usage-") || resource == "connection-secret" {
					continue // Crossplane's and Kubernetes' kinds: no provider behind them
				}
				for _, at := range []string{"create", "update"} {
					t.Run(resource+"/"+at, func(t *testing.T) {
						failDuring(t, run, start, steady, resource, at == "update")
					})
				}
			}
		})
	}
}

const injected = "ValidationException: 1 validation error detected (injected by the test)"

// failDuring runs start until resource is desired (or from steady when
// update), lets the provider fail it for two reconciles, then recover.
func failDuring(t *testing.T, run examples.RunFunc, start, steady *fnv1.RunFunctionRequest, resource string, update bool) {
	t.Helper()
	sim := examples.ProviderFor(start)
	req := start
	if update {
		req = steady
	}
	var err error
	var rsp *fnv1.RunFunctionResponse
	for pass := 0; ; pass++ {
		if pass > 30 {
			t.Fatalf("%s is never desired", resource)
		}
		if rsp, err = run(req); err != nil {
			t.Fatal(err)
		}
		if _, ok := rsp.GetDesired().GetResources()[resource]; ok {
			break
		}
		if req, err = examples.Observe(sim, req, rsp); err != nil {
			t.Fatal(err)
		}
	}
	failing := sim
	failing.Failures = map[string]string{resource: injected}
	for range 2 {
		if req, err = examples.Observe(failing, req, rsp); err != nil {
			t.Fatal(err)
		}
		if rsp, err = run(req); err != nil {
			t.Fatal(err)
		}
		checkReported(t, req, rsp, resource, update)
	}
	final, _, err := examples.Converge(run, req, 30)
	if err != nil {
		t.Fatalf("after the provider recovered: %v", err)
	}
	if diff := cmp.Diff(externalNames(steady), externalNames(final)); diff != "" {
		t.Errorf("the AWS-facing names differ from a run without the error (-without +with):\n%s", diff)
	}
}

func checkReported(t *testing.T, req *fnv1.RunFunctionRequest, rsp *fnv1.RunFunctionResponse, resource string, update bool) {
	t.Helper()
	want := resource + ": Synced=False (ReconcileError): "
	if update {
		want += "update failed: async update failed: failed to update the resource: [{0 " + injected
	} else {
		want += "create failed: async create failed: failed to create the resource: [{0 " + injected
	}
	var cond *fnv1.Condition
	for _, c := range rsp.GetConditions() {
		if c.GetType() == output.ConditionResourcesReady {
			cond = c
		}
	}
	switch {
	case cond == nil:
		t.Fatalf("no %s condition", output.ConditionResourcesReady)
	case cond.GetStatus() != fnv1.Status_STATUS_CONDITION_FALSE || cond.GetReason() != output.ReasonResourceError || !strings.Contains(cond.GetMessage(), want):
		t.Errorf("%s=%v (%s) %q; want False (%s) naming %q", cond.GetType(), cond.GetStatus(), cond.GetReason(), cond.GetMessage(), output.ReasonResourceError, want)
	}
	warned := false
	for _, r := range rsp.GetResults() {
		if r.GetSeverity() == fnv1.Severity_SEVERITY_WARNING && strings.HasPrefix(r.GetMessage(), want) && r.GetTarget() == fnv1.Target_TARGET_COMPOSITE_AND_CLAIM {
			warned = true
		}
	}
	if !warned {
		t.Errorf("no Warning result to the composite and claim starting %q; results: %v", want, rsp.GetResults())
	}
	for name := range req.GetObserved().GetResources() {
		if _, ok := rsp.GetDesired().GetResources()[name]; !ok {
			t.Errorf("%s is observed but no longer desired: Crossplane would delete it", name)
		}
	}
	if !update && rsp.GetDesired().GetComposite().GetReady() == fnv1.Ready_READY_TRUE {
		t.Errorf("the composite is Ready while %s failed to be created", resource)
	}
}

// externalNames are the external-name annotations of the observed resources.
func externalNames(req *fnv1.RunFunctionRequest) map[string]string {
	out := map[string]string{}
	for name, r := range req.GetObserved().GetResources() {
		anns, _ := r.GetResource().AsMap()["metadata"].(map[string]any)["annotations"].(map[string]any)
		out[name] = fmt.Sprint(anns[simprovider.ExternalNameAnnotation])
	}
	return out
}
