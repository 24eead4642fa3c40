// Package naming derives every physical AWS name and composition resource name from
// the XR spec and the platform's prefix: deterministic, within AWS limits, truncated
// with a stable hash suffix so that two long names never collide.
package naming

import (
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"strconv"
	"strings"
)

// AWS limits of the names we set.
const (
	MaxRuntimeName  = 48
	MaxEndpointName = 48
	MaxRoleName     = 64
	MaxPolicyName   = 128
	// MaxTopicName is SNS's limit on topic names.
	MaxTopicName = 256
	// MaxCognitoDomainPrefix is Cognito's limit on domain prefixes.
	MaxCognitoDomainPrefix = 63
	// MaxEventRuleName is EventBridge's limit on rule names.
	MaxEventRuleName = 64
	hashLen          = 8
)

var (
	nonWord      = regexp.MustCompile(`[^a-zA-Z0-9_]`)
	nonIAM       = regexp.MustCompile(`[^a-zA-Z0-9+=,.@_-]`)
	nonResource  = regexp.MustCompile(`[^a-z0-9-]+`)
	nonRule      = regexp.MustCompile(`[^a-z0-9._-]`)
	startsLetter = regexp.MustCompile(`^[a-zA-Z]`)
)

// Runtime is the physical AgentRuntime name: prefix and name with every character
// AgentCore rejects turned into '_' (as MDAA's sanitizer), a leading letter, at most 48.
func Runtime(prefix, name string) string {
	return agentCoreName(prefix+name, "r_", MaxRuntimeName)
}

// DefaultEndpoint is MDAA's default endpoint name, <agentRuntimeName>_endpoint.
func DefaultEndpoint(agentRuntimeName string) string {
	return agentCoreName(agentRuntimeName+"_endpoint", "endpoint_", MaxEndpointName)
}

// EndpointName is an endpoint's name as AgentCore takes it: MDAA's sanitiser
// turns '-' (and anything else AgentCore refuses) into '_'.
func EndpointName(name string) string {
	return agentCoreName(name, "endpoint_", MaxEndpointName)
}

func agentCoreName(s, letterPrefix string, limit int) string {
	s = nonWord.ReplaceAllString(s, "_")
	if !startsLetter.MatchString(s) {
		s = letterPrefix + s
	}
	return Truncate(s, limit, "_")
}

// Role is the execution role's name. IAM names are global to the account, so the
// region is part of it: one runtime name may exist in several regions.
func Role(prefix, name, region string) string {
	return Truncate(nonIAM.ReplaceAllString(prefix+name+"-agentcore-"+region, "-"), MaxRoleName, "-")
}

// EventRuleName is MDAA's EventBridge rule name, <prefix><key>-<name> in lower
// case, at most 64 characters of a rule name's set.
func EventRuleName(prefix, key, name string) string {
	return Truncate(nonRule.ReplaceAllString(strings.ToLower(prefix+key+"-"+name), "-"), MaxEventRuleName, "-")
}

// EventRoleName is the name of the role an EventBridge rule of key delivers
// through; IAM names are global, so the region is part of it.
func EventRoleName(prefix, name, key, region string) string {
	return Truncate(nonIAM.ReplaceAllString(prefix+name+"-"+key+"-events-"+region, "-"), MaxRoleName, "-")
}

// CognitoDomainPrefix is the default hosted UI domain prefix: MDAA's name
// prefix (here the platform's prefix and the runtime's name) in lower case,
// of letters, digits and inner hyphens, at most 63.
func CognitoDomainPrefix(prefix, name string) string {
	return Truncate(ResourceSuffix(prefix+name), MaxCognitoDomainPrefix, "-")
}

// AlarmTopicName is the alarms' SNS topic: MDAA's agentcore-alarms-<name> in
// lower case after the prefix, within SNS's 256 characters.
func AlarmTopicName(prefix, name string) string {
	return Truncate(prefix+"agentcore-alarms-"+strings.ToLower(name), MaxTopicName, "-")
}

// Policy is the execution role's managed policy name.
func Policy(prefix, name, region string) string {
	return Truncate(nonIAM.ReplaceAllString(prefix+name+"-agentcore-"+region, "-"), MaxPolicyName, "-")
}

// PolicyPart is the name of part k (from 1) of an execution policy too large for
// one managed policy: Policy for the first, then <Policy>-2, -3, ... (each within
// IAM's limit, truncated with a hash like every name).
func PolicyPart(prefix, name, region string, k int) string {
	if k <= 1 {
		return Policy(prefix, name, region)
	}
	return Policy(prefix, name, region+"-"+strconv.Itoa(k))
}

// Truncate returns s if it fits in limit, else a prefix of s, sep and a hash of the
// whole of s, limit characters in all.
func Truncate(s string, limit int, sep string) string {
	if len(s) <= limit {
		return s
	}
	sum := sha256.Sum256([]byte(s))
	h := hex.EncodeToString(sum[:])[:hashLen]
	return s[:limit-hashLen-len(sep)] + sep + h
}

// ResourceSuffix turns a name into a composition resource name suffix: lower case,
// [a-z0-9-] only, as Crossplane derives object names from it.
func ResourceSuffix(name string) string {
	return strings.Trim(nonResource.ReplaceAllString(strings.ToLower(name), "-"), "-")
}

// VpcEndpointSecurityGroupName is the physical name of the security group of
// MDAA's vpcEndpoint (MDAA: <org>-<env>-<domain>-<module>-agentcore-vpce):
// unique per runtime in its VPC. EC2 takes up to 255 characters.
func VpcEndpointSecurityGroupName(prefix, name string) string {
	return Truncate(prefix+name+"-agentcore-vpce", 255, "-")
}
