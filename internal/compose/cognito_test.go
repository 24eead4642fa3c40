package compose

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/platform-io/function-agentcore-runtime/apis/v1alpha1"
	"github.com/platform-io/function-agentcore-runtime/internal/naming"
)

// cognitoSpec has MDAA's cognito with a hosted UI and OIDC federation.
func cognitoSpec() *v1alpha1.Spec {
	s := baseSpec()
	s.AuthorizerConfiguration = &v1alpha1.Authorizer{CustomJwtAuthorizer: &v1alpha1.JWT{AllowedAudience: []string{"portal"}, Cognito: &v1alpha1.Cognito{
		HostedUi: &v1alpha1.CognitoHostedUI{CallbackUrls: []string{"https://example.com/cb"}},
		Federation: &v1alpha1.CognitoFederation{Oidc: &v1alpha1.CognitoOIDC{
			IssuerUrl: "https://login.example.com", ClientId: "c", ClientSecret: "s",
		}},
	}}}
	return s
}

// TestCognito: the runtime waits for the user pool and its app client, then
// takes the pool's discovery URL (from the endpoint the provider reports) and
// the client's ID before the spec's audiences; the client waits for the
// federated identity provider it names.
func TestCognito(t *testing.T) {
	var last Result
	w := converge(t, namespacedRequests(cognitoSpec()), 10, func(pass int, before Observed, r Result) {
		last = r
		got := names(r)
		if slices.Contains(got, naming.AgentRuntime) && !before.Has(naming.AgentRuntime) && (!before.Has(naming.CognitoUserPool) || !before.Has(naming.CognitoClient)) {
			t.Errorf("pass %d renders the runtime before the user pool and client exist", pass)
		}
		if slices.Contains(got, naming.CognitoClient) && !before.Has(naming.CognitoClient) && !before.Ready(naming.CognitoIdentityProvider) {
			t.Errorf("pass %d renders the app client before its identity provider is Ready", pass)
		}
	})
	if !last.Ready() {
		t.Fatalf("not Ready after 10 passes: %v", last.Waiting)
	}
	pool := w.AtProvider(naming.CognitoUserPool, userPoolID)
	want := map[string]any{
		"discoveryUrl":    "https://cognito-idp.us-east-1.amazonaws.com/" + pool + "/.well-known/openid-configuration",
		"allowedAudience": []any{w.AtProvider(naming.CognitoClient, userPoolClientID), "portal"},
	}
	if diff := cmp.Diff(want, Lookup(w[naming.AgentRuntime], "spec", "forProvider", "authorizerConfiguration", "customJwtAuthorizer")); diff != "" {
		t.Errorf("runtime authorizer: -want +got:\n%s", diff)
	}
	for _, name := range []string{naming.CognitoClient, naming.CognitoDomain, naming.CognitoIdentityProvider} {
		if got := Lookup(w[name], "spec", "forProvider", "userPoolId"); got != pool {
			t.Errorf("%s userPoolId = %v, want %s", name, got, pool)
		}
	}
}

// TestCognitoSticky: when the pool's and client's status are gone for a pass
// (a provider restart), the runtime keeps the authorizer it has, and the
// client its pool: nothing is dropped or rendered without an authorizer.
func TestCognitoSticky(t *testing.T) {
	w := converge(t, namespacedRequests(cognitoSpec()), 10, func(int, Observed, Result) {})
	want := Lookup(w[naming.AgentRuntime], "spec", "forProvider", "authorizerConfiguration")
	for _, name := range []string{naming.CognitoUserPool, naming.CognitoClient} {
		o := deepCopy(w[name])
		delete(o["status"].(map[string]any), "atProvider")
		w[name] = o
	}
	r := Compose(propertyRequest(cognitoSpec(), w, true))
	for name := range w {
		if !slices.Contains(names(r), name) {
			t.Errorf("%s is observed but not rendered", name)
		}
	}
	for _, res := range r.Resources {
		if res.Name == naming.AgentRuntime {
			if diff := cmp.Diff(want, Lookup(res.Object, "spec", "forProvider", "authorizerConfiguration")); diff != "" {
				t.Errorf("runtime authorizer: -kept +rendered:\n%s", diff)
			}
		}
	}
}
