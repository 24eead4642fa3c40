package compose

import (
	"github.com/platform-io/function-agentcore-runtime/internal/iam"
	"github.com/platform-io/function-agentcore-runtime/internal/naming"
)

// perimeter renders the runtime's resource policy for enforceVpcOnly (once its ARN
// is observed) and the X-Ray logs policy for transaction search.
func (p *pass) perimeter() {
	s := p.Spec
	if s.EnforceVpcOnly != nil && *s.EnforceVpcOnly && s.NetworkConfiguration != nil && s.NetworkConfiguration.VpcId != nil {
		if arn, ok := p.gate(p.out.Facts.RuntimeArn, p.Observed.ForProvider(naming.RuntimeResourcePolicy, "resourceArn"),
			"the ARN of %s before %s", naming.AgentRuntime, naming.RuntimeResourcePolicy); ok {
			doc := iam.VpcOnly(p.scope(), arn, *s.NetworkConfiguration.VpcId, s.InvokePrincipals)
			p.add(naming.RuntimeResourcePolicy, p.Target.RuntimeResourcePolicy(arn, doc.JSON()))
		}
	}
	if s.EnableTransactionSearch != nil && *s.EnableTransactionSearch {
		// One policy per runtime, named after it: MDAA's single fixed resource fails
		// with AlreadyExists on an account's second runtime.
		name := naming.Truncate("TransactionSearchXRayAccess-"+p.out.Facts.RuntimeName, 255, "-")
		p.add(naming.XRayLogResourcePolicy, p.Target.LogResourcePolicy(name, iam.XRayLogAccess(p.scope()).JSON()))
		p.warn("spec.enableTransactionSearch", "the account-level X-Ray trace segment destination has no managed resource in provider-aws; set it once per account and region: aws xray update-trace-segment-destination --destination CloudWatchLogs && aws xray update-indexing-rule --name Default --rule '{\"Probabilistic\":{\"DesiredSamplingPercentage\":1}}'")
	}
}
