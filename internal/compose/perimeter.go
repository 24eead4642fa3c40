package compose

import (
	"github.com/platform-io/function-agentcore-runtime/internal/iam"
	"github.com/platform-io/function-agentcore-runtime/internal/naming"
)

// perimeter renders the runtime's resource policy for enforceVpcOnly (once its ARN
// is observed); transaction search, an account-level setting, is only pointed at.
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
		// Transaction search is set once per account and region, not per
		// runtime: CloudWatch Logs allows 10 resource policies per account and
		// region, and MDAA's per-runtime resource fails on the second runtime.
		p.warn("spec.enableTransactionSearch", "transaction search is an account-level setting that no runtime owns: the platform applies it once per account and region (README, \"Account-level settings\"): go run ./cmd/agentcore-account --account %s --region %s | kubectl apply -f -, then the aws xray commands it prints", p.Settings.AccountID, p.Settings.Region)
	}
}
