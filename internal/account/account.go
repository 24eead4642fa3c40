// Package account renders the account-level settings that AgentCore runtimes
// share: things that exist once per AWS account and region, so that no
// runtime's composite may own them. CloudWatch Logs allows 10 resource
// policies per account and region; one X-Ray logs policy per runtime (as the
// function rendered until November 2026) broke at the tenth runtime.
//
// A platform team renders them once per account and region with
// cmd/agentcore-account and applies the result with kubectl; provider-aws then
// owns them like any managed resource.
package account

import (
	"fmt"
	"strings"

	"sigs.k8s.io/yaml"

	"github.com/platform-io/function-agentcore-runtime/internal/iam"
	"github.com/platform-io/function-agentcore-runtime/internal/render"
)

// TransactionSearchPolicyName is the CloudWatch Logs resource policy that lets
// X-Ray write transaction search spans: MDAA's name, so that a policy MDAA
// created is adopted rather than duplicated.
const TransactionSearchPolicyName = "TransactionSearchXRayAccess"

// Options say where the settings go.
type Options struct {
	Partition, Region, Account string
	// ProviderConfig names the provider-aws ProviderConfig (cluster scope) or,
	// with Namespace, the ClusterProviderConfig the managed resource uses.
	ProviderConfig string
	// Namespace, when set, renders namespaced (.aws.m.upbound.io) resources.
	Namespace string
	// DataProtection renders the account's CloudWatch Logs data protection
	// policy: MDAA's built-in identifiers plus DataIdentifiers.
	DataProtection  bool
	DataIdentifiers []string
}

// DataProtectionPolicyName is the account-level data protection policy.
const DataProtectionPolicyName = "agentcore-runtime-data-protection"

// Commands are the one-off AWS CLI commands of transaction search that no
// provider-aws kind can express (X-Ray has no TransactionSearchConfig kind).
func Commands(o Options) []string {
	return []string{
		"aws xray update-trace-segment-destination --region " + o.Region + " --destination CloudWatchLogs",
		"aws xray update-indexing-rule --region " + o.Region + ` --name Default --rule '{"Probabilistic":{"DesiredSamplingPercentage":1}}'`,
	}
}

// Resources are the managed resources of the account-level settings.
func Resources(o Options) []map[string]any {
	t := render.Target{
		Namespaced: o.Namespace != "", Namespace: o.Namespace, Region: o.Region,
		ProviderConfigKind: "ClusterProviderConfig", ProviderConfigName: o.ProviderConfig,
	}
	doc := iam.XRayLogAccess(iam.Scope{Partition: o.Partition, Region: o.Region, Account: o.Account})
	p := t.LogResourcePolicy(TransactionSearchPolicyName, doc.JSON())
	p["metadata"].(map[string]any)["name"] = "agentcore-transaction-search-" + o.Region
	out := []map[string]any{p}
	if o.DataProtection {
		dp := t.LogAccountPolicy(DataProtectionPolicyName, "DATA_PROTECTION_POLICY", iam.DataProtection(DataProtectionPolicyName, o.Partition, o.DataIdentifiers))
		dp["metadata"].(map[string]any)["name"] = "agentcore-data-protection-" + o.Region
		out = append(out, dp)
	}
	return out
}

// YAML is the resources as one YAML stream, headed by comments that say what
// it is for and the commands to run once beside it.
func YAML(o Options) ([]byte, error) {
	var b strings.Builder
	fmt.Fprintf(&b, "# AgentCore account-level settings for account %s in %s: apply once per account\n", o.Account, o.Region)
	b.WriteString("# and region (kubectl apply -f), not per runtime. Rendered by cmd/agentcore-account.\n")
	b.WriteString("# Transaction search also needs, once, these commands (no provider-aws kind holds them):\n")
	for _, c := range Commands(o) {
		b.WriteString("#   " + c + "\n")
	}
	for _, r := range Resources(o) {
		y, err := yaml.Marshal(r)
		if err != nil {
			return nil, err
		}
		b.WriteString("---\n")
		b.Write(y)
	}
	return []byte(b.String()), nil
}
