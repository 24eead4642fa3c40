package simprovider

import (
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/platform-io/function-agentcore-runtime/internal/object"
)

var testProvider = Provider{Partition: "aws", Region: "us-east-1", Account: "123456789012"}

func runtimeObj() map[string]any {
	return map[string]any{
		"apiVersion": "bedrockagentcore.aws.m.upbound.io/v1beta1", "kind": "AgentRuntime",
		"metadata": map[string]any{"name": "rt-1", "namespace": "team-a"},
		"spec": map[string]any{"forProvider": map[string]any{
			"agentRuntimeName": "team_a_orders", "roleArn": "arn:aws:iam::123456789012:role/r", "region": "us-east-1",
			"lifecycleConfiguration": map[string]any{"idleRuntimeSessionTimeout": int64(600)},
		}},
	}
}

func endpointObj(runtimeID, version string) map[string]any {
	fp := map[string]any{"agentRuntimeId": runtimeID, "name": "live", "region": "us-east-1"}
	if version != "" {
		fp["agentRuntimeVersion"] = version
	}
	return map[string]any{
		"apiVersion": "bedrockagentcore.aws.m.upbound.io/v1beta1", "kind": "AgentRuntimeEndpoint",
		"metadata": map[string]any{"name": "ep-1", "namespace": "team-a"},
		"spec":     map[string]any{"forProvider": fp},
	}
}

func TestRuntimeAsTheProviderReportsIt(t *testing.T) {
	world, err := testProvider.Observe("xr", map[string]map[string]any{"runtime": runtimeObj()}, nil)
	if err != nil {
		t.Fatal(err)
	}
	rt := world["runtime"]
	id := annotation(rt, ExternalNameAnnotation)
	if !regexp.MustCompile(`^team_a_orders-[A-Za-z0-9]{10}$`).MatchString(id) {
		t.Errorf("external name %q: want the runtime ID, <name>-<10 letters and digits>", id)
	}
	at := object.Lookup(rt, "status", "atProvider").(map[string]any)
	for key, want := range map[string]any{
		"agentRuntimeId":      id,
		"agentRuntimeArn":     "arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/" + id,
		"agentRuntimeVersion": "1",
		"agentRuntimeName":    "team_a_orders",
	} {
		if diff := cmp.Diff(want, at[key]); diff != "" {
			t.Errorf("atProvider.%s (-want +got):\n%s", key, diff)
		}
	}
	if _, ok := at["id"]; ok {
		t.Errorf("atProvider has id: the Terraform resource has no id attribute")
	}
	// Late-initialised: the part of lifecycleConfiguration the spec left out.
	wantLC := map[string]any{"idleRuntimeSessionTimeout": int64(600), "maxLifetime": int64(28800)}
	if diff := cmp.Diff(wantLC, object.Lookup(rt, "spec", "forProvider", "lifecycleConfiguration")); diff != "" {
		t.Errorf("spec.forProvider.lifecycleConfiguration (-want +got):\n%s", diff)
	}

	// The same configuration again: nothing moves. A changed one: a new version.
	again, err := testProvider.Observe("xr", map[string]map[string]any{"runtime": runtimeObj()}, world)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(world, again); diff != "" {
		t.Errorf("a second reconcile of the same configuration changed the resource (-first +second):\n%s", diff)
	}
	changed := runtimeObj()
	changed["spec"].(map[string]any)["forProvider"].(map[string]any)["description"] = "new"
	updated, err := testProvider.Observe("xr", map[string]map[string]any{"runtime": changed}, world)
	if err != nil {
		t.Fatal(err)
	}
	if got := object.Lookup(updated["runtime"], "status", "atProvider", "agentRuntimeVersion"); got != "2" {
		t.Errorf("after an update the version is %v; want 2", got)
	}
	if got := annotation(updated["runtime"], ExternalNameAnnotation); got != id {
		t.Errorf("after an update the external name is %q; want %q", got, id)
	}
}

func TestEndpointAsTheProviderReportsIt(t *testing.T) {
	world, err := testProvider.Observe("xr", map[string]map[string]any{"runtime": runtimeObj()}, nil)
	if err != nil {
		t.Fatal(err)
	}
	id := annotation(world["runtime"], ExternalNameAnnotation)
	for name, tc := range map[string]struct{ pin, want string }{
		"Unpinned": {want: "1"}, // the runtime's version when the endpoint is created
		"Pinned":   {pin: "3", want: "3"},
	} {
		t.Run(name, func(t *testing.T) {
			got, err := testProvider.Observe("xr", map[string]map[string]any{"endpoint-live": endpointObj(id, tc.pin)}, world)
			if err != nil {
				t.Fatal(err)
			}
			ep := got["endpoint-live"]
			if ext := annotation(ep, ExternalNameAnnotation); ext != id+":live" {
				t.Errorf("external name %q; want <runtime id>:<name> = %q", ext, id+":live")
			}
			at := object.Lookup(ep, "status", "atProvider").(map[string]any)
			if _, ok := at["id"]; ok {
				t.Errorf("atProvider has id: provider-aws never sets it for an AgentRuntimeEndpoint")
			}
			if want := "arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/" + id + "/runtime-endpoint/live"; at["agentRuntimeEndpointArn"] != want {
				t.Errorf("agentRuntimeEndpointArn %v; want %s", at["agentRuntimeEndpointArn"], want)
			}
			if v := object.Lookup(ep, "spec", "forProvider", "agentRuntimeVersion"); v != tc.want {
				t.Errorf("spec.forProvider.agentRuntimeVersion %v; want %s (late-initialised when unpinned)", v, tc.want)
			}
		})
	}
}

func TestFailures(t *testing.T) {
	failing := testProvider
	failing.Failures = map[string]string{"runtime": "ValidationException: Role validation failed"}
	created, err := failing.Observe("xr", map[string]map[string]any{"runtime": runtimeObj()}, nil)
	if err != nil {
		t.Fatal(err)
	}
	rt := created["runtime"]
	if ext := annotation(rt, ExternalNameAnnotation); ext != "" {
		t.Errorf("a failed create has external name %q; want none", ext)
	}
	if at := object.Lookup(rt, "status", "atProvider"); at != nil {
		t.Errorf("a failed create reports atProvider %v; want none", at)
	}
	wantConditions := func(t *testing.T, o map[string]any, ready, syncedMsg string) {
		t.Helper()
		got := map[string][2]string{}
		for _, c := range object.Lookup(o, "status", "conditions").([]any) {
			m := c.(map[string]any)
			msg, _ := m["message"].(string)
			got[m["type"].(string)] = [2]string{m["status"].(string), msg}
		}
		if got["Ready"][0] != ready {
			t.Errorf("Ready=%s; want %s", got["Ready"][0], ready)
		}
		if got["Synced"][0] != "False" || !strings.Contains(got["Synced"][1], syncedMsg) {
			t.Errorf("Synced=%s %q; want False naming %q", got["Synced"][0], got["Synced"][1], syncedMsg)
		}
	}
	wantConditions(t, rt, "False", "create failed: async create failed: failed to create the resource: [{0 ValidationException: Role validation failed")

	up, err := testProvider.Observe("xr", map[string]map[string]any{"runtime": runtimeObj()}, nil)
	if err != nil {
		t.Fatal(err)
	}
	failed, err := failing.Observe("xr", map[string]map[string]any{"runtime": runtimeObj()}, up)
	if err != nil {
		t.Fatal(err)
	}
	wantConditions(t, failed["runtime"], "True", "update failed: async update failed")
	if diff := cmp.Diff(object.Lookup(up["runtime"], "status", "atProvider"), object.Lookup(failed["runtime"], "status", "atProvider")); diff != "" {
		t.Errorf("a failed update changed atProvider (-before +after):\n%s", diff)
	}
}

// TestReportsOnlyTheSchema: a simulation that reports an attribute outside the
// kind's Terraform schema (the AgentRuntimeEndpoint's id, which the provider
// never sets) is an error, so every test that observes through the simulator
// fails.
func TestReportsOnlyTheSchema(t *testing.T) {
	const tf = "aws_bedrockagentcore_agent_runtime_endpoint"
	orig := simulations[tf]
	t.Cleanup(func() { simulations[tf] = orig })
	simulations[tf] = simulation{
		computed: func(r *reconcile) map[string]any {
			m := orig.computed(r)
			m["id"] = r.str("agentRuntimeId") + ":" + r.str("name")
			return m
		},
		externalName: orig.externalName,
	}
	_, err := testProvider.Observe("xr", map[string]map[string]any{"endpoint-live": endpointObj("rt-abcdefghij", "")}, nil)
	if err == nil || !strings.Contains(err.Error(), `no attribute "id"`) {
		t.Errorf("Observe with an invented id: %v; want an error naming the attribute", err)
	}
}

func TestNotAProviderKind(t *testing.T) {
	_, err := testProvider.Observe("xr", map[string]map[string]any{"x": {"apiVersion": "example.org/v1", "kind": "Thing"}}, nil)
	if err == nil {
		t.Error("Observe of an unknown kind: no error")
	}
}
