package compose

import (
	"net/url"

	"github.com/platform-io/function-agentcore-runtime/internal/arn"
)

// InvokeURL is the data-plane URL that invokes the runtime through an endpoint
// (qualifier DEFAULT for the runtime's default endpoint), in the domain of the
// runtime's partition (amazonaws.com.cn in aws-cn). The ARN is escaped whole,
// ':' and '/' included, as AWS's examples do (Python's quote with no safe characters).
func InvokeURL(region, runtimeArn, qualifier string) string {
	a, _ := arn.Parse(runtimeArn)
	return "https://bedrock-agentcore." + region + "." + arn.DNSSuffix(a.Partition) + "/runtimes/" +
		url.QueryEscape(runtimeArn) + "/invocations?qualifier=" + url.QueryEscape(qualifier)
}
