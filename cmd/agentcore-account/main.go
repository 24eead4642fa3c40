// Command agentcore-account prints the account-level settings AgentCore
// runtimes share (today: the CloudWatch Logs resource policy of transaction
// search), as provider-aws managed resources to apply once per account and
// region:
//
//	go run ./cmd/agentcore-account --account 123456789012 --region us-east-1 | kubectl apply -f -
package main

import (
	"flag"
	"fmt"
	"os"
	"regexp"
	"strings"

	"github.com/platform-io/function-agentcore-runtime/apis/v1alpha1"
	"github.com/platform-io/function-agentcore-runtime/internal/account"
)

func main() {
	o := account.Options{}
	flag.StringVar(&o.Account, "account", "", "AWS account ID (12 digits)")
	flag.StringVar(&o.Region, "region", "", "AWS region, e.g. us-east-1")
	flag.StringVar(&o.Partition, "partition", "aws", "AWS partition: aws, aws-cn or aws-us-gov")
	flag.StringVar(&o.ProviderConfig, "provider-config", "default", "provider-aws ProviderConfig (cluster scope) or ClusterProviderConfig (with --namespace)")
	flag.StringVar(&o.Namespace, "namespace", "", "render namespaced (.aws.m.upbound.io) resources in this namespace")
	flag.BoolVar(&o.DataProtection, "data-protection", false, "also render the account's CloudWatch Logs data protection policy (MDAA's dataProtection, for every log group)")
	identifiers := flag.String("data-protection-identifiers", "", "comma-separated managed data identifiers added to MDAA's built-in ones (implies --data-protection)")
	flag.Parse()
	if *identifiers != "" {
		o.DataProtection = true
		o.DataIdentifiers = strings.Split(*identifiers, ",")
	}
	if err := check(o); err != nil {
		fmt.Fprintln(os.Stderr, "agentcore-account:", err)
		flag.Usage()
		os.Exit(2)
	}
	y, err := account.YAML(o)
	if err != nil {
		fmt.Fprintln(os.Stderr, "agentcore-account:", err)
		os.Exit(1)
	}
	_, _ = os.Stdout.Write(y)
}

var (
	reAccount   = regexp.MustCompile(`^[0-9]{12}$`)
	reRegion    = regexp.MustCompile(`^[a-z]{2}(-[a-z]+)+-[0-9]+$`)
	rePartition = regexp.MustCompile(`^aws(-[a-z]+)*$`)
	// reIdentifier is a managed data identifier's name.
	reIdentifier = regexp.MustCompile(v1alpha1.DataIdentifierPattern)
)

func check(o account.Options) error {
	switch {
	case !reAccount.MatchString(o.Account):
		return fmt.Errorf("--account %q: want a 12-digit AWS account ID", o.Account)
	case !reRegion.MatchString(o.Region):
		return fmt.Errorf("--region %q: want a region such as us-east-1", o.Region)
	case !rePartition.MatchString(o.Partition):
		return fmt.Errorf("--partition %q: want aws, aws-cn or aws-us-gov", o.Partition)
	case o.ProviderConfig == "":
		return fmt.Errorf("--provider-config must not be empty")
	}
	for _, id := range o.DataIdentifiers {
		if !reIdentifier.MatchString(id) {
			return fmt.Errorf("--data-protection-identifiers: %q is not a managed data identifier name such as AwsSecretKey", id)
		}
	}
	return nil
}
