package validate

import (
	"fmt"
	"strings"

	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/platform-io/function-agentcore-runtime/apis/v1alpha1"
)

const (
	maxHeaders          = 20
	maxHeaderNameLength = 256
	authorizationHeader = "Authorization"
	customHeaderPrefix  = "X-Amzn-Bedrock-AgentCore-Runtime-Custom-"
	headerCountMsg      = "RequestHeaderAllowlist (or AllowedHeaders) must contain 1-20 items"
)

// restrictedHeaders (lower case) are never passed to a runtime, per the
// AgentCore developer guide ("Pass custom headers", restricted headers).
var restrictedHeaders = map[string]bool{
	"proxy-authorization": true, "www-authenticate": true,
	"accept": true, "accept-charset": true, "accept-encoding": true, "accept-language": true,
	"content-type": true, "content-length": true, "content-encoding": true, "content-language": true,
	"content-location": true, "content-range": true,
	"cache-control": true, "etag": true, "expires": true, "if-match": true, "if-modified-since": true,
	"if-none-match": true, "if-range": true, "if-unmodified-since": true, "last-modified": true,
	"pragma": true, "vary": true,
	"connection": true, "keep-alive": true, "proxy-connection": true, "upgrade": true,
	"host": true, "referer": true, "user-agent": true, "from": true,
	"range": true, "accept-ranges": true, "transfer-encoding": true, "te": true, "trailer": true,
}

// headers checks requestHeaderConfiguration. requestHeaderAllowlist wins over
// its deprecated alias allowedHeaders, as in MDAA; both together are accepted
// (MDAA's comprehensive sample sets both) with a Warning that the alias is ignored.
func (c *checker) headers(s *v1alpha1.Spec, p *field.Path) {
	h := s.RequestHeaderConfiguration
	if h == nil {
		return
	}
	allow, alias := h.RequestHeaderAllowlist, h.AllowedHeaders
	ap, aliasP := p.Child("requestHeaderAllowlist"), p.Child("allowedHeaders")
	jwt := jwtConfigured(s)
	switch {
	case allow != nil && alias != nil:
		c.headerList(ap, allow, true, jwt)
		c.headerList(aliasP, alias, false, jwt)
		c.warn(aliasP, "ignored: requestHeaderAllowlist is set, and allowedHeaders is its deprecated alias (MDAA ignores it too); remove allowedHeaders or move its names to requestHeaderAllowlist")
	case alias != nil:
		c.warn(aliasP, "allowedHeaders is deprecated: rename it to requestHeaderAllowlist")
		c.headerList(aliasP, alias, true, jwt)
	case allow != nil:
		c.headerList(ap, allow, true, jwt)
	}
}

// headerList checks one list of header names. Only the effective list (the one
// passed to AgentCore) is checked against the service's name rules and warned about.
func (c *checker) headerList(p *field.Path, names []string, effective, jwt bool) {
	switch {
	case len(names) == 0:
		c.add(field.Required(p, headerCountMsg))
	case len(names) > maxHeaders:
		c.add(field.TooMany(p, len(names), maxHeaders))
	}
	seen := map[string]bool{}
	for i, n := range names {
		ip := p.Index(i)
		if msg := headerNameProblem(n); msg != "" {
			if n == "" {
				c.add(field.Required(ip, msg))
			} else {
				c.add(field.Invalid(ip, n, msg))
			}
			continue
		}
		lower := strings.ToLower(n)
		if seen[lower] {
			c.add(field.Duplicate(ip, n))
			continue
		}
		seen[lower] = true
		if effective {
			c.headerName(ip, n, jwt)
		}
	}
}

// headerNameProblem checks HTTP header name syntax, "" when fine.
func headerNameProblem(n string) string {
	switch {
	case n == "":
		return "a header name must not be empty"
	case len(n) > maxHeaderNameLength:
		return fmt.Sprintf("must be at most %d characters (got %d)", maxHeaderNameLength, len(n))
	}
	for i := 0; i < len(n); i++ {
		if !isTchar(n[i]) {
			return fmt.Sprintf("is not a valid HTTP header name: %q is not an RFC 7230 token character", n[i])
		}
	}
	for i := 0; i < len(n); i++ {
		if b := n[i]; !isAlnum(b) && b != '-' && b != '_' {
			return fmt.Sprintf("AgentCore accepts only letters, digits, '-' and '_' in header names (got %q)", b)
		}
	}
	return ""
}

// headerName checks a syntactically valid name against AgentCore's rules.
func (c *checker) headerName(p *field.Path, n string, jwt bool) {
	lower := strings.ToLower(n)
	lowerPrefix := strings.ToLower(customHeaderPrefix)
	switch {
	case strings.EqualFold(n, authorizationHeader):
		if !jwt {
			c.warn(p, "the Authorization header is passed only to runtimes with a customJwtAuthorizer (inbound OAuth); without one, callers sign with SigV4 and the header carries no token for the runtime")
		}
	case strings.HasPrefix(lower, lowerPrefix):
		if len(n) == len(customHeaderPrefix) {
			c.add(field.Invalid(p, n, "needs a name after the prefix "+customHeaderPrefix))
		}
	case restrictedHeaders[lower]:
		c.add(field.Invalid(p, n, "is a restricted header: AgentCore never passes it to the runtime"))
	case strings.HasPrefix(lower, "x-amz-"):
		c.add(field.Invalid(p, n, "headers starting with X-Amz- are reserved for AWS request signing"))
	case strings.HasPrefix(lower, "x-amzn-"):
		c.add(field.Invalid(p, n, "headers starting with X-Amzn- are reserved, except "+customHeaderPrefix+"<name>"))
	default:
		c.warn(p, "AgentCore's API accepts only Authorization and %s<name> here and rejects other names today (its newer guide allows more): rename it %s%s", customHeaderPrefix, customHeaderPrefix, strings.TrimPrefix(strings.TrimPrefix(n, "X-"), "x-"))
	}
}

// isTchar is RFC 7230 tchar: "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" /
// "-" / "." / "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA.
func isTchar(b byte) bool {
	return isAlnum(b) || strings.IndexByte("!#$%&'*+-.^_`|~", b) >= 0
}

func isAlnum(b byte) bool {
	return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
}
