package compose

import (
	"net/url"
)

// InvokeURL is the data-plane URL that invokes the runtime through an endpoint
// (qualifier DEFAULT for the runtime's default endpoint). The ARN is escaped whole,
// ':' and '/' included, as AWS's examples do (Python's quote with no safe characters).
func InvokeURL(region, runtimeArn, qualifier string) string {
	return "https://bedrock-agentcore." + region + ".amazonaws.com/runtimes/" +
		url.QueryEscape(runtimeArn) + "/invocations?qualifier=" + url.QueryEscape(qualifier)
}
