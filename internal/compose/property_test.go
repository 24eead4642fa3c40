package compose

import (
	"math/rand/v2"
	"reflect"
	"sort"
	"testing"

	"k8s.io/apimachinery/pkg/runtime"

	"github.com/platform-io/function-agentcore-runtime/apis/v1alpha1"
	"github.com/platform-io/function-agentcore-runtime/internal/render"
	"github.com/platform-io/function-agentcore-runtime/internal/settings"
	"github.com/platform-io/function-agentcore-runtime/internal/simprovider"
)

// world is what exists in the cluster: the objects Crossplane applied, with the
// status the provider gave them.
type world map[string]map[string]any

// specs the property test drives: every stage and output is exercised by one of them.
func propertySpecs() []*v1alpha1.Spec {
	full := baseSpec()
	full.RuntimeEndpoints = []v1alpha1.Endpoint{{Name: ptr("canary"), AgentRuntimeVersion: ptr("2")}}
	full.Policies = append(full.Policies, v1alpha1.Policy{PolicyDocument: &v1alpha1.PolicyDocument{Statement: []v1alpha1.Statement{{
		Effect: "Allow", Action: v1alpha1.StringOrList{Values: []string{"sqs:ReceiveMessage"}}, Resource: v1alpha1.StringOrList{Values: []string{"arn:aws:sqs:us-east-1:123456789012:q"}},
	}}}})
	full.EnforceVpcOnly = ptr(true)
	full.NetworkConfiguration.VpcId = ptr("vpc-12345678")
	full.EnableTransactionSearch = ptr(true)
	full.NetworkConfiguration.Subnets = append(full.NetworkConfiguration.Subnets, "subnet-87654321")
	full.NetworkConfiguration.VpcEndpoint = &v1alpha1.VpcEndpoint{CreateSupportingEndpoints: ptr(true)}
	full.NetworkConfiguration.ServiceEndpoints = &v1alpha1.ServiceEndpoints{RouteTableIds: []string{"rtb-12345678"}}
	full.Alarms = &v1alpha1.Alarms{ErrorRateThreshold: ptr(int32(5)), ThrottleCountThreshold: ptr(int32(1)), CreateNotificationTopic: ptr(true), NotificationEmails: []string{"ops@example.com"}}
	full.EventBridgeAlerts = &v1alpha1.EventBridgeAlerts{Rules: map[string]v1alpha1.EventBridgeRule{
		"denied":  {ErrorCodes: []string{"AccessDenied"}},
		"changes": {EventNames: []string{"UpdateAgentRuntime"}, TargetLambdaArn: ptr("arn:aws:lambda:us-east-1:123456789012:function:alerts")},
	}}

	repo := baseSpec()
	repo.AgentRuntimeArtifact.ContainerConfiguration = &v1alpha1.Container{Repository: &v1alpha1.Repository{ImageTag: "v1"}}
	repo.AuthorizerConfiguration = &v1alpha1.Authorizer{CustomJwtAuthorizer: &v1alpha1.JWT{AllowedAudience: []string{"portal"}, Cognito: &v1alpha1.Cognito{
		HostedUi:   &v1alpha1.CognitoHostedUI{CallbackUrls: []string{"https://example.com/cb"}},
		Federation: &v1alpha1.CognitoFederation{Saml: &v1alpha1.CognitoSAML{MetadataUrl: "https://idp.example.com/metadata"}},
	}}}

	existing := baseSpec()
	existing.RoleArn = ptr("arn:aws:iam::123456789012:role/existing")
	existing.AgentRuntimeArtifact = v1alpha1.Artifact{CodeConfiguration: &v1alpha1.Code{S3: v1alpha1.S3Location{Bucket: "b-1", Prefix: "a.zip"}, EntryPoint: []string{"main.py"}, Runtime: "PYTHON_3_13"}}
	return []*v1alpha1.Spec{full, repo, existing}
}

func propertyRequest(s *v1alpha1.Spec, observed Observed, namespaced bool) Request {
	return Request{
		Spec:          s,
		Settings:      settings.Settings{Region: "us-east-1", AccountID: "123456789012", Partition: "aws", ProviderConfigKind: "ClusterProviderConfig", ProviderConfigName: "default", ECRImageTagMutability: "IMMUTABLE", ECREncryption: "AES256", ECRKeepLastImages: 10, SubnetsReachS3: true},
		Target:        render.Target{Namespaced: namespaced, Namespace: "team-a", Region: "us-east-1", ProviderConfigKind: "ClusterProviderConfig", ProviderConfigName: "default"},
		Observed:      observed,
		TeamNamespace: "team-a",
		SecretName:    "rt-connection",
	}
}

// converge drives the requests request makes (of what is observed) with the
// simulated provider for n passes, calling check after each with what was
// observed before it and its result.
func converge(t *testing.T, request func(Observed) Request, n int, check func(pass int, before Observed, r Result)) Observed {
	t.Helper()
	sim := simprovider.Provider{Partition: "aws", Region: "us-east-1", Account: "123456789012"}
	w := Observed{}
	for pass := range n {
		r := Compose(request(w))
		check(pass, w, r)
		desired := map[string]map[string]any{}
		for _, res := range r.Resources {
			desired[res.Name] = res.Object
		}
		next, err := sim.Observe("rt", desired, w)
		if err != nil {
			t.Fatal(err)
		}
		w = next
	}
	return w
}

// namespacedRequests are the requests of s in the namespaced scope.
func namespacedRequests(s *v1alpha1.Spec) func(Observed) Request {
	return func(w Observed) Request { return propertyRequest(s, w, true) }
}

// TestPassSequences drives the function through random sequences of passes: the
// provider makes random progress, and observed status fields randomly go missing.
// After every pass: everything observed is desired again (nothing is deleted while
// the spec wants it), identical input gives identical output, and nothing panics.
func TestPassSequences(t *testing.T) {
	const sequences = 1000
	for seq := range sequences {
		rng := rand.New(rand.NewPCG(uint64(seq), 42))
		specs := propertySpecs()
		s := specs[rng.IntN(len(specs))]
		namespaced := rng.IntN(2) == 0
		w := world{}
		for pass := range 12 {
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
					t.Fatalf("sequence %d pass %d: %s is observed but no longer desired: Crossplane would delete it\nwaiting: %v", seq, pass, name, r.Waiting)
				}
			}
			w.apply(t, desired, rng)
		}
	}
}

// apply creates what is desired and not there and updates the rest; the
// simulated provider reconciles a random two thirds of them, the others keep
// the state they had (a provider that has not got round to them yet).
func (w world) apply(t *testing.T, desired map[string]map[string]any, rng *rand.Rand) {
	t.Helper()
	sim := simprovider.Provider{Partition: "aws", Region: "us-east-1", Account: "123456789012"}
	reconciled, err := sim.Observe("rt", desired, w)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range sortedNames(reconciled) {
		o := reconciled[name]
		if rng.IntN(3) == 0 {
			old := w[name]
			o["status"] = Lookup(old, "status")
			if ext, ok := Lookup(old, "metadata", "annotations", render.ExternalNameAnnotation).(string); ok || old == nil {
				anns, _ := Lookup(o, "metadata", "annotations").(map[string]any)
				if _, rendered := Lookup(desired[name], "metadata", "annotations", render.ExternalNameAnnotation).(string); !rendered {
					if ok {
						anns[render.ExternalNameAnnotation] = ext
					} else {
						delete(anns, render.ExternalNameAnnotation)
					}
				}
			}
			if o["status"] == nil {
				delete(o, "status")
			}
		}
		w[name] = o
	}
}

// observe is what Crossplane passes to the function: the world, with some status
// fields or whole statuses randomly missing (a provider restart, a failed refresh).
func (w world) observe(rng *rand.Rand) Observed {
	out := Observed{}
	for _, name := range sortedNames(w) {
		o := deepCopy(w[name])
		switch rng.IntN(6) {
		case 0:
			delete(o, "status")
		case 1:
			if st, ok := o["status"].(map[string]any); ok {
				delete(st, "atProvider")
			}
		case 2:
			if st, ok := o["status"].(map[string]any); ok {
				delete(st, "conditions")
			}
		}
		out[name] = o
	}
	return out
}

func sortedNames(w world) []string {
	names := make([]string, 0, len(w))
	for n := range w {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

func deepCopy(o map[string]any) map[string]any { return runtime.DeepCopyJSON(o) }
