package render

// UserPoolInput is MDAA's user pool.
type UserPoolInput struct {
	Name string
	// Mfa is Cognito's ON, OPTIONAL or OFF; TOTP is the second factor.
	Mfa string
	// Retain keeps the pool when the runtime is deleted and protects it from
	// deletion (MDAA's removalPolicy retain).
	Retain bool
	Tags   map[string]string
}

// UserPool is a cognitoidp UserPool as MDAA's: Plus tier with threat
// protection enforced, email as the user name, strong passwords, users created
// by administrators only.
func (t Target) UserPool(in UserPoolInput) map[string]any {
	fp := map[string]any{
		fieldRegion: t.Region, fieldName: in.Name,
		"userPoolTier":           "PLUS",
		"userPoolAddOns":         map[string]any{"advancedSecurityMode": "ENFORCED"},
		"passwordPolicy":         map[string]any{"minimumLength": int64(8), "requireLowercase": true, "requireNumbers": true, "requireSymbols": true, "requireUppercase": true},
		"adminCreateUserConfig":  map[string]any{"allowAdminCreateUserOnly": true},
		"usernameAttributes":     []any{"email"},
		"autoVerifiedAttributes": []any{"email"},
		"accountRecoverySetting": map[string]any{"recoveryMechanism": []any{map[string]any{"name": "verified_email", "priority": int64(1)}}},
		"mfaConfiguration":       in.Mfa,
		"deletionProtection":     "INACTIVE",
	}
	if in.Mfa != "OFF" {
		fp["softwareTokenMfaConfiguration"] = map[string]any{"enabled": true}
	}
	if in.Retain {
		fp["deletionProtection"] = "ACTIVE"
	}
	set(fp, "tags", in.Tags)
	obj := t.managed("cognitoidp", "UserPool", fp, "")
	if in.Retain {
		// Every action but Delete: deleting the runtime leaves the pool, and
		// its users, in place (both scopes: namespaced MRs have no deletionPolicy).
		obj["spec"].(map[string]any)["managementPolicies"] = []any{"Observe", "Create", "Update", "LateInitialize"}
	}
	return obj
}

// UserPoolClientInput is MDAA's app client.
type UserPoolClientInput struct {
	Name, UserPoolID string
	// TokenMinutes is the ID and access tokens' validity.
	TokenMinutes int32
	// ExplicitAuthFlows, and with OAuth the hosted UI's code flow.
	ExplicitAuthFlows         []string
	OAuth                     bool
	OAuthScopes               []string
	CallbackURLs, LogoutURLs  []string
	SupportedIdentityProvider []string
}

// UserPoolClient is a cognitoidp UserPoolClient without a secret (MDAA's:
// refresh tokens for a day, revocation on, no user existence errors).
func (t Target) UserPoolClient(in UserPoolClientInput) map[string]any {
	fp := map[string]any{
		fieldRegion: t.Region, fieldName: in.Name, "userPoolId": in.UserPoolID,
		"generateSecret": false, "idTokenValidity": int64(in.TokenMinutes), "accessTokenValidity": int64(in.TokenMinutes),
		"refreshTokenValidity":       int64(1440),
		"tokenValidityUnits":         []any{map[string]any{"accessToken": "minutes", "idToken": "minutes", "refreshToken": "minutes"}},
		"preventUserExistenceErrors": "ENABLED", "enableTokenRevocation": true,
	}
	set(fp, "explicitAuthFlows", in.ExplicitAuthFlows)
	set(fp, "supportedIdentityProviders", in.SupportedIdentityProvider)
	if in.OAuth {
		fp["allowedOauthFlows"], fp["allowedOauthFlowsUserPoolClient"] = []any{"code"}, true
		set(fp, "allowedOauthScopes", in.OAuthScopes)
		set(fp, "callbackUrls", in.CallbackURLs)
		set(fp, "logoutUrls", in.LogoutURLs)
	}
	return t.managed("cognitoidp", "UserPoolClient", fp, "")
}

// UserPoolDomain is the hosted UI's domain prefix of the pool userPoolID.
func (t Target) UserPoolDomain(domain, userPoolID string, managedLoginVersion int64) map[string]any {
	return t.managed("cognitoidp", "UserPoolDomain", map[string]any{
		fieldRegion: t.Region, "domain": domain, "userPoolId": userPoolID, "managedLoginVersion": managedLoginVersion,
	}, "")
}

// IdentityProviderInput is a federated SAML or OIDC identity provider.
type IdentityProviderInput struct {
	Name, Type, UserPoolID string
	Details                map[string]string
	EmailClaim             string
}

// IdentityProvider is a cognitoidp IdentityProvider mapping EmailClaim to email.
func (t Target) IdentityProvider(in IdentityProviderInput) map[string]any {
	fp := map[string]any{
		fieldRegion: t.Region, "providerName": in.Name, "providerType": in.Type, "userPoolId": in.UserPoolID,
		"attributeMapping": map[string]any{"email": in.EmailClaim},
	}
	set(fp, "providerDetails", in.Details)
	return t.managed("cognitoidp", "IdentityProvider", fp, "")
}
