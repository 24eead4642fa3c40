package validate

import (
	"fmt"
	"regexp"
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

// restrictedHeaders (lower case) are the names AgentCore refuses in an
// allowlist, as listed in its developer guide ("Pass custom headers to Amazon
// Bedrock AgentCore Runtime", restricted headers, checked 2026-11), grouped as
// the guide groups them.
var restrictedHeaders = lowerSet(
	// Authentication and authorization.
	"Proxy-Authorization", "WWW-Authenticate",
	// Content negotiation.
	"Accept", "Accept-Charset", "Accept-Encoding", "Accept-Language", "Content-Type", "Content-Length",
	"Content-Encoding", "Content-Language", "Content-Location", "Content-Range",
	// Caching.
	"Cache-Control", "ETag", "Expires", "If-Match", "If-Modified-Since", "If-None-Match", "If-Range",
	"If-Unmodified-Since", "Last-Modified", "Pragma", "Vary",
	// Connection management.
	"Connection", "Keep-Alive", "Proxy-Connection", "Upgrade",
	// Request context.
	"Host", "User-Agent", "Referer", "From",
	// Range and transfer.
	"Range", "Accept-Ranges", "Transfer-Encoding", "TE", "Trailer",
	// Server information.
	"Server", "Date", "Location", "Retry-After",
	// Cookies.
	"Set-Cookie", "Cookie",
	// Security.
	"Content-Security-Policy", "Content-Security-Policy-Report-Only", "Strict-Transport-Security",
	"X-Content-Type-Options", "X-Frame-Options", "X-XSS-Protection", "Referrer-Policy", "Permissions-Policy",
	"Cross-Origin-Embedder-Policy", "Cross-Origin-Opener-Policy", "Cross-Origin-Resource-Policy",
	// CORS.
	"Access-Control-Allow-Origin", "Access-Control-Allow-Methods", "Access-Control-Allow-Headers",
	"Access-Control-Allow-Credentials", "Access-Control-Expose-Headers", "Access-Control-Max-Age",
	"Access-Control-Request-Method", "Access-Control-Request-Headers", "Origin",
	// Client hints.
	"Accept-CH", "Accept-CH-Lifetime", "DPR", "Width", "Viewport-Width", "Downlink", "ECT", "RTT", "Save-Data", //nolint:misspell // ECT is the Effective-Connection-Type client hint.
	// Experimental and proposed.
	"Clear-Site-Data", "Feature-Policy", "Expect-CT", "Public-Key-Pins", "Public-Key-Pins-Report-Only",
	// Proxies.
	"Via", "Forwarded", "X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto", "X-Real-IP",
	"X-Requested-With", "X-CSRF-Token",
	// Client address and URL rewriting.
	"True-Client-IP", "X-Client-IP", "X-Cluster-Client-IP", "X-Originating-IP", "X-Source-IP",
	"X-Original-URL", "X-Original-Host", "X-Rewrite-URL",
	// CDNs.
	"CF-Ray", "CF-Connecting-IP", "X-Amz-Cf-Id", "X-Cache", "X-Served-By",
	// Server push and WebSocket.
	"Link", "Sec-WebSocket-Key", "Sec-WebSocket-Accept", "Sec-WebSocket-Version", "Sec-WebSocket-Protocol",
	"Sec-WebSocket-Extensions",
)

// reHeaderName is the API's HeaderName pattern since May 2026.
var reHeaderName = regexp.MustCompile(v1alpha1.HeaderNamePattern)

func lowerSet(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[strings.ToLower(n)] = true
	}
	return m
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

// headerNameProblem checks header name syntax, "" when fine.
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
	if !reHeaderName.MatchString(n) {
		return "AgentCore accepts header names of a letter followed by letters, digits, '-' and '_' (" + v1alpha1.HeaderNamePattern + ")"
	}
	return ""
}

// headerName checks a syntactically valid name against AgentCore's rules of
// May 2026: any name outside the restricted list and the x-amz-/x-amzn-
// prefixes (the custom prefix excepted) is passed to the runtime.
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
		c.add(field.Invalid(p, n, "is a restricted header: AgentCore refuses it in an allowlist and never passes it to the runtime"))
	case strings.HasPrefix(lower, "x-amz-"):
		c.add(field.Invalid(p, n, "headers starting with X-Amz- are reserved for AWS request signing"))
	case strings.HasPrefix(lower, "x-amzn-"):
		c.add(field.Invalid(p, n, "headers starting with X-Amzn- are reserved, except "+customHeaderPrefix+"<name>"))
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
