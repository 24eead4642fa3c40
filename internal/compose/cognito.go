package compose

import (
	"strings"

	"github.com/platform-io/function-agentcore-runtime/apis/v1alpha1"
	"github.com/platform-io/function-agentcore-runtime/internal/naming"
	"github.com/platform-io/function-agentcore-runtime/internal/render"
	"github.com/platform-io/function-agentcore-runtime/internal/validate"
)

// MDAA's cognito defaults.
const (
	cognitoTokenMinutes = 15
	// classicHostedUI is the UserPoolDomain's managedLoginVersion: MDAA's
	// managed login (2) shows no page without a branding style, which
	// provider-aws v2.7.0 cannot create; the classic hosted UI needs none.
	classicHostedUI = 1
	// The federated provider's name, by its type (one per pool).
	oidcProviderName = "agentcore-oidc"
	samlProviderName = "agentcore-saml"
)

var defaultOAuthScopes = []string{"openid", "profile", "email"}

// jwtAuthorizer is the spec's JWT authorizer (customJwtAuthorizer, else its
// deprecated alias), or nil.
func jwtAuthorizer(s *v1alpha1.Spec) *v1alpha1.JWT {
	a := s.AuthorizerConfiguration
	switch {
	case a == nil:
		return nil
	case a.CustomJwtAuthorizer != nil:
		return a.CustomJwtAuthorizer
	}
	return a.JwtAuthorizer
}

// cognito renders MDAA's cognito: the user pool, then its app client, hosted
// UI domain and federated identity provider once the pool's ID is observed;
// the runtime's authorizer takes the pool's discovery URL and the client's ID
// (Facts; see runtime for when they are missing).
func (p *pass) cognito() {
	j := jwtAuthorizer(p.Spec)
	if j == nil || j.Cognito == nil {
		return
	}
	cg, f := j.Cognito, &p.out.Facts
	name := p.Settings.NamePrefix + p.Spec.AgentRuntimeName
	p.add(naming.CognitoUserPool, p.Target.UserPool(render.UserPoolInput{
		Name: name, Mfa: cognitoMfa(cg.Mfa), Retain: cg.RemovalPolicy == nil || *cg.RemovalPolicy == "retain", Tags: p.tags,
	}))
	f.CognitoUserPoolID = p.Observed.AtProvider(naming.CognitoUserPool, userPoolID)
	f.CognitoDiscoveryURL = discoveryURL(p.Observed.AtProvider(naming.CognitoUserPool, userPoolEndpoint))
	last := first(p.Observed.ForProvider(naming.CognitoClient, "userPoolId"), p.Observed.ForProvider(naming.CognitoDomain, "userPoolId"),
		p.Observed.ForProvider(naming.CognitoIdentityProvider, "userPoolId"))
	pool, ok := p.gate(f.CognitoUserPoolID, last, "the ID of %s", naming.CognitoUserPool)
	if !ok {
		return
	}
	providers := []string{"COGNITO"}
	if fed := cg.Federation; fed != nil && (fed.Oidc != nil || fed.Saml != nil) {
		providers = append(providers, p.identityProvider(fed, pool))
	}
	if h := cg.HostedUi; h != nil {
		p.hostedUIDomain(h, pool)
	}
	if !p.gateExisting(naming.CognitoClient, len(providers) == 1 || p.Observed.Ready(naming.CognitoIdentityProvider),
		"%s to become Ready before %s", naming.CognitoIdentityProvider, naming.CognitoClient) {
		return
	}
	p.add(naming.CognitoClient, p.Target.UserPoolClient(clientInput(cg, name, pool, providers)))
	f.CognitoClientID = p.Observed.AtProvider(naming.CognitoClient, userPoolClientID)
}

// clientInput is MDAA's app client of the pool: password sign-in only without
// a hosted UI, the code flow with one.
func clientInput(cg *v1alpha1.Cognito, name, pool string, providers []string) render.UserPoolClientInput {
	in := render.UserPoolClientInput{
		Name: name, UserPoolID: pool, TokenMinutes: orDefault(cg.IdTokenValidityMinutes, cognitoTokenMinutes),
		ExplicitAuthFlows: []string{"ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"}, SupportedIdentityProvider: providers,
	}
	h := cg.HostedUi
	if h == nil {
		in.ExplicitAuthFlows = append(in.ExplicitAuthFlows, "ALLOW_USER_PASSWORD_AUTH")
		return in
	}
	in.OAuth, in.CallbackURLs, in.LogoutURLs = true, h.CallbackUrls, h.LogoutUrls
	in.OAuthScopes = h.AllowedOAuthScopes
	if len(in.OAuthScopes) == 0 {
		in.OAuthScopes = defaultOAuthScopes
	}
	return in
}

// hostedUIDomain renders the hosted UI's domain: the given prefix, else one
// derived from the names (a Warning when Cognito would refuse it).
func (p *pass) hostedUIDomain(h *v1alpha1.CognitoHostedUI, pool string) {
	prefix := deref(h.CognitoDomainPrefix)
	if prefix == "" {
		prefix = naming.CognitoDomainPrefix(p.Settings.NamePrefix, p.Spec.AgentRuntimeName)
		if w := validate.ReservedDomainWord(prefix); w != "" {
			p.warn("spec.authorizerConfiguration.customJwtAuthorizer.cognito.hostedUi.cognitoDomainPrefix",
				"the default domain prefix %s contains %q, which Cognito refuses: set cognitoDomainPrefix", prefix, w)
		}
	}
	p.add(naming.CognitoDomain, p.Target.UserPoolDomain(prefix, pool, classicHostedUI))
}

// identityProvider renders the federated identity provider and returns its name.
func (p *pass) identityProvider(fed *v1alpha1.CognitoFederation, pool string) string {
	in := render.IdentityProviderInput{UserPoolID: pool}
	if o := fed.Oidc; o != nil {
		in.Name, in.Type, in.EmailClaim = oidcProviderName, "OIDC", first(deref(o.EmailClaim), "email")
		in.Details = map[string]string{
			"client_id": o.ClientId, "client_secret": o.ClientSecret, "authorize_scopes": "openid profile email",
			"attributes_request_method": "GET", "oidc_issuer": o.IssuerUrl,
		}
	} else {
		s := fed.Saml
		in.Name, in.Type, in.EmailClaim = samlProviderName, "SAML", first(deref(s.EmailClaim), "email")
		in.Details = map[string]string{"MetadataURL": s.MetadataUrl}
	}
	p.add(naming.CognitoIdentityProvider, p.Target.IdentityProvider(in))
	return in.Name
}

// discoveryURL is the OIDC discovery URL of the user pool whose endpoint
// (cognito-idp.<region>.<domain>/<pool id>) is endpoint, or "".
func discoveryURL(endpoint string) string {
	if endpoint == "" {
		return ""
	}
	return "https://" + strings.TrimSuffix(endpoint, "/") + "/.well-known/openid-configuration"
}

// cognitoMfa is Cognito's MFA setting of MDAA's (default required).
func cognitoMfa(mfa *string) string {
	switch deref(mfa) {
	case validate.MfaOff:
		return "OFF"
	case "optional":
		return "OPTIONAL"
	}
	return "ON"
}
