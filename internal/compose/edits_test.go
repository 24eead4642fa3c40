package compose

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/platform-io/function-agentcore-runtime/apis/v1alpha1"
	"github.com/platform-io/function-agentcore-runtime/internal/kinds"
)

// TestPassSequencesWithSpecEdits extends TestPassSequences: between passes the
// user edits the spec without removing a feature (description, environment,
// tags, lifecycle, endpoint descriptions and versions, protocol, log retention,
// header allowlist, invoke principals, the actions of their own statements).
// After every pass: everything observed is still desired, identical input
// gives identical output, and no physical name changes.
func TestPassSequencesWithSpecEdits(t *testing.T) {
	const sequences = 500
	for seq := range sequences {
		rng := rand.New(rand.NewPCG(uint64(seq), 7))
		specs := propertySpecs()
		s := specs[rng.IntN(len(specs))].DeepCopy()
		namespaced := rng.IntN(2) == 0
		w := world{}
		names := map[string]string{}
		var edits []string
		for pass := range 14 {
			if pass > 0 && rng.IntN(2) == 0 {
				s = s.DeepCopy()
				edits = append(edits, editSpec(s, rng))
			}
			observed := w.observe(rng)
			r := Compose(propertyRequest(s, observed, namespaced))
			again := Compose(propertyRequest(s, observed, namespaced))
			if !reflect.DeepEqual(r, again) {
				t.Fatalf("sequence %d pass %d: the same request gave different results", seq, pass)
			}
			desired := map[string]map[string]any{}
			for _, res := range r.Resources {
				desired[res.Name] = res.Object
			}
			for name := range observed {
				if _, ok := desired[name]; !ok {
					t.Fatalf("sequence %d pass %d: %s is observed but no longer desired after the edits %v: Crossplane would delete it\nwaiting: %v", seq, pass, name, edits, r.Waiting)
				}
			}
			for name, obj := range desired {
				for _, k := range physicalNameFields(obj) {
					key := name + " " + k.field
					if old, ok := names[key]; ok && old != k.value {
						t.Fatalf("sequence %d pass %d: %s changed from %q to %q after the edits %v", seq, pass, key, old, k.value, edits)
					}
					names[key] = k.value
				}
			}
			w.apply(t, desired, rng)
		}
	}
}

type nameField struct{ field, value string }

// physicalNameFields are the fields of a rendered MR that name its AWS resource.
func physicalNameFields(obj map[string]any) []nameField {
	var out []nameField
	for _, p := range kinds.NamePaths() {
		if v, ok := Lookup(obj, p...).(string); ok {
			out = append(out, nameField{p[len(p)-1], v})
		}
	}
	return out
}

// editSpec makes one random edit that keeps every feature of s, and says what.
func editSpec(s *v1alpha1.Spec, rng *rand.Rand) string {
	word := func() string { return fmt.Sprintf("v%d", rng.IntN(1000)) }
	switch rng.IntN(11) {
	case 0:
		if rng.IntN(3) == 0 {
			s.Description = nil
			return "description removed"
		}
		s.Description = ptr("runtime " + word())
		return "description"
	case 1:
		if s.EnvironmentVariables == nil {
			s.EnvironmentVariables = map[string]string{}
		}
		k := fmt.Sprintf("K%d", rng.IntN(4))
		if rng.IntN(3) == 0 {
			delete(s.EnvironmentVariables, k)
			return "env var removed"
		}
		s.EnvironmentVariables[k] = word()
		return "env var"
	case 2:
		if s.Tags == nil {
			s.Tags = map[string]string{}
		}
		k := fmt.Sprintf("tag%d", rng.IntN(4))
		if rng.IntN(3) == 0 {
			delete(s.Tags, k)
			return "tag removed"
		}
		s.Tags[k] = word()
		return "tag"
	case 3:
		idle := int32(60 + rng.IntN(28000))
		s.LifecycleConfiguration = &v1alpha1.Lifecycle{IdleRuntimeSessionTimeout: &idle, MaxLifetime: ptr(idle + int32(rng.IntN(100)))}
		return "lifecycle"
	case 4:
		if s.RuntimeEndpoint != nil {
			s.RuntimeEndpoint.Description = ptr("endpoint " + word())
		}
		return "endpoint description"
	case 5:
		for i := range s.RuntimeEndpoints {
			s.RuntimeEndpoints[i].AgentRuntimeVersion = ptr(fmt.Sprint(1 + rng.IntN(9)))
		}
		return "endpoint versions"
	case 6:
		s.ProtocolConfiguration = ptr([]string{"HTTP", "MCP", "A2A"}[rng.IntN(3)])
		return "protocol"
	case 7:
		s.LogRetentionDays = ptr([]int32{1, 7, 30, 365}[rng.IntN(4)])
		return "log retention"
	case 8:
		s.RequestHeaderConfiguration = &v1alpha1.RequestHeaders{RequestHeaderAllowlist: []string{"Authorization", "X-Amzn-Bedrock-AgentCore-Runtime-Custom-" + word()}}
		return "header allowlist"
	case 9:
		s.InvokePrincipals = []string{fmt.Sprintf("2109876543%02d", rng.IntN(100))}
		return "invoke principals"
	default:
		for i := range s.Policies {
			if d := s.Policies[i].PolicyDocument; d != nil {
				for j := range d.Statement {
					d.Statement[j].Action = v1alpha1.StringOrList{Values: []string{"sqs:ReceiveMessage", "sqs:" + word()}}
				}
			}
		}
		return "statement actions"
	}
}
