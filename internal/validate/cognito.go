package validate

import (
	"fmt"
	"regexp"
	"strings"

	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/platform-io/function-agentcore-runtime/apis/v1alpha1"
)

// Cognito's limits and MFA settings.
const (
	minTokenMinutes = 5
	maxTokenMinutes = 60
	MfaOff          = "off"
	MfaRequired     = "required"
)

var reDomainPrefix = regexp.MustCompile(v1alpha1.CognitoDomainPrefixPattern)

// cognitoReservedWords are what Cognito refuses in a hosted UI domain prefix
// (MDAA does not check it: the deploy fails).
var cognitoReservedWords = []string{"aws", "amazon", "cognito"}

// cognito checks MDAA's cognito block of the JWT authorizer j at p, with
// MDAA's messages.
func (c *checker) cognito(j *v1alpha1.JWT, p *field.Path) {
	cg, cp := j.Cognito, p.Child("cognito")
	if j.DiscoveryUrl != "" {
		c.add(field.Forbidden(p.Child("discoveryUrl"), "authorizerConfiguration.customJwtAuthorizer accepts either discoveryUrl or cognito, not both. Use discoveryUrl for an identity provider you already run, or cognito to have MDAA create one."))
	}
	if len(j.AllowedClients) > 0 {
		c.add(field.Forbidden(p.Child("allowedClients"), "authorizerConfiguration.customJwtAuthorizer cannot combine cognito with allowedClients. Cognito puts the app client's ID in the ID token's aud claim but in the access token's client_id claim, and AgentCore requires every filter to match: the created client is added to allowedAudience instead."))
	}
	if v := cg.IdTokenValidityMinutes; v != nil && (*v < minTokenMinutes || *v > maxTokenMinutes) {
		c.add(field.Invalid(cp.Child("idTokenValidityMinutes"), *v, fmt.Sprintf("cognito.idTokenValidityMinutes must be a whole number of minutes between 5 and 60 (received %d). The AgentCore security guidance recommends 15-30 minutes for agentic workloads.", *v)))
	}
	if h := cg.HostedUi; h != nil {
		c.hostedUI(h, cp.Child("hostedUi"))
	}
	if f := cg.Federation; f != nil {
		c.federation(f, cg.HostedUi != nil, cp)
	}
	mfa := MfaRequired
	if cg.Mfa != nil {
		mfa = *cg.Mfa
	}
	switch {
	case mfa == MfaRequired && cg.HostedUi == nil:
		c.warn(cp.Child("mfa"), "MFA is required and there is no hostedUi: your application must drive the MFA setup itself (MFA_SETUP challenge, AssociateSoftwareToken, VerifySoftwareToken) before users can sign in")
	case mfa == MfaOff && cg.Federation == nil:
		c.warn(cp.Child("mfa"), "MFA is off and users sign in to the user pool with a password only: set mfa to optional or required, or federate sign-in to an identity provider that enforces MFA")
	}
}

// hostedUI checks the hosted UI's URLs and domain prefix.
func (c *checker) hostedUI(h *v1alpha1.CognitoHostedUI, p *field.Path) {
	if len(h.CallbackUrls) == 0 {
		c.add(field.Required(p.Child("callbackUrls"), "cognito.hostedUi.callbackUrls is required and must contain at least one URL. The hosted UI redirects users there after sign-in."))
	}
	for _, l := range []struct {
		name string
		urls []string
	}{{"callbackUrls", h.CallbackUrls}, {"logoutUrls", h.LogoutUrls}} {
		lp := p.Child(l.name)
		c.freeStrings(lp, l.urls, maxJWTListItems)
		for i, u := range l.urls {
			if u != "" && !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "http://localhost") {
				c.add(field.Invalid(lp.Index(i), u, fmt.Sprintf("cognito.hostedUi URLs must use https (received '%s'). Cognito permits plain http only for http://localhost.", u)))
			}
		}
	}
	if d := h.CognitoDomainPrefix; d != nil {
		dp := p.Child("cognitoDomainPrefix")
		if !reDomainPrefix.MatchString(*d) {
			c.add(field.Invalid(dp, *d, fmt.Sprintf("cognito.hostedUi.cognitoDomainPrefix '%s' is invalid. Use 1-63 lowercase letters, digits, and hyphens, starting and ending with a letter or digit.", *d)))
		} else if w := ReservedDomainWord(*d); w != "" {
			c.add(field.Invalid(dp, *d, fmt.Sprintf("Cognito refuses domain prefixes that contain %q", w)))
		}
	}
	c.freeStrings(p.Child("allowedOAuthScopes"), h.AllowedOAuthScopes, len(allOAuthScopes))
	c.warn(p, "the hosted UI is Cognito's classic one (managedLoginVersion 1): MDAA's managed login (version 2) shows no page without a managed login branding style, which provider-aws v2.7.0 cannot create")
}

// allOAuthScopes are the scopes a hosted UI client may be given (MDAA's enum).
var allOAuthScopes = []string{"openid", "profile", "email", "phone"}

// ReservedDomainWord is the first word Cognito refuses in the domain prefix
// d, or "".
func ReservedDomainWord(d string) string {
	for _, w := range cognitoReservedWords {
		if strings.Contains(d, w) {
			return w
		}
	}
	return ""
}

// federation checks the federated identity provider of the cognito block at cp.
func (c *checker) federation(f *v1alpha1.CognitoFederation, hostedUI bool, cp *field.Path) {
	p := cp.Child("federation")
	if !hostedUI {
		c.add(field.Required(cp.Child("hostedUi"), "cognito.federation requires cognito.hostedUi. Federated sign-in goes through the hosted UI, which needs callbackUrls."))
	}
	switch {
	case f.Saml != nil && f.Oidc != nil:
		c.add(field.Forbidden(p.Child("oidc"), "cognito.federation accepts at most one of saml or oidc. Configure the identity provider your users sign in with."))
	case f.Saml == nil && f.Oidc == nil:
		c.add(field.Required(p, "cognito.federation needs saml or oidc (or omit federation)"))
	}
	if s := f.Saml; s != nil {
		c.httpsURL(p.Child("saml", "metadataUrl"), "cognito.federation.saml.metadataUrl", s.MetadataUrl)
	}
	if o := f.Oidc; o != nil {
		op := p.Child("oidc")
		c.httpsURL(op.Child("issuerUrl"), "cognito.federation.oidc.issuerUrl", o.IssuerUrl)
		if o.ClientId == "" || o.ClientSecret == "" {
			c.add(field.Required(op, "cognito.federation.oidc requires both clientId and clientSecret."))
		}
		if o.ClientSecret != "" {
			c.warn(op.Child("clientSecret"), "the client secret is stored as given in the spec of the composed cognitoidp IdentityProvider (provider-aws has no secret reference for it): anyone who may read that resource or this one reads it")
		}
	}
}

// httpsURL checks that u is an https URL, with MDAA's message naming name.
func (c *checker) httpsURL(p *field.Path, name, u string) {
	if !strings.HasPrefix(u, "https://") || len(u) == len("https://") {
		c.add(field.Invalid(p, u, fmt.Sprintf("%s must be an https URL (received '%s').", name, u)))
	}
}
