package account

import (
	"bytes"
	"flag"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
	"sigs.k8s.io/yaml"

	"github.com/platform-io/function-agentcore-runtime/internal/crdcheck"
)

var update = flag.Bool("update", false, "rewrite the example's manifests")

// examples are the committed manifests, rendered from these options.
var examples = map[string]Options{
	"../../example/account-settings/cluster.yaml": {Partition: "aws", Region: "us-east-1", Account: "123456789012", ProviderConfig: "default"},
	"../../example/account-settings/namespaced.yaml": {
		Partition: "aws", Region: "us-east-1", Account: "123456789012", ProviderConfig: "default", Namespace: "crossplane-system",
		DataProtection: true, DataIdentifiers: []string{"AwsSecretKey", "EmailAddress"},
	},
}

// TestExamplesAreCurrent: the committed manifests are what the command prints.
func TestExamplesAreCurrent(t *testing.T) {
	for path, o := range examples {
		got, err := YAML(o)
		if err != nil {
			t.Fatal(err)
		}
		if *update {
			if err := os.WriteFile(path, got, 0o600); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(string(want), string(got)); diff != "" {
			t.Errorf("%s is stale (go test ./internal/account -update): -committed +rendered:\n%s", path, diff)
		}
	}
}

// TestResourcesPassTheCRDs: every resource, in both scopes, is one the
// provider's CRD accepts.
func TestResourcesPassTheCRDs(t *testing.T) {
	crds, err := crdcheck.Shared()
	if err != nil {
		t.Fatal(err)
	}
	for path, o := range examples {
		for _, r := range Resources(o) {
			for _, e := range crds.Validate(r) {
				t.Errorf("%s: %s %s: %v", path, r["apiVersion"], r["kind"], e)
			}
		}
	}
}

// TestOnePolicyPerAccountAndRegion: the policy's AWS name is fixed (MDAA's), so
// any number of runtimes share one of CloudWatch Logs' 10 resource policies.
func TestOnePolicyPerAccountAndRegion(t *testing.T) {
	y, err := YAML(Options{Partition: "aws-cn", Region: "cn-north-1", Account: "210987654321", ProviderConfig: "default"})
	if err != nil {
		t.Fatal(err)
	}
	docs := bytes.Split(y, []byte("\n---\n"))
	obj := map[string]any{}
	if err := yaml.Unmarshal(docs[len(docs)-1], &obj); err != nil {
		t.Fatal(err)
	}
	meta := obj["metadata"].(map[string]any)
	if diff := cmp.Diff(map[string]any{"crossplane.io/external-name": TransactionSearchPolicyName}, meta["annotations"]); diff != "" {
		t.Errorf("annotations: -want +got:\n%s", diff)
	}
	doc := obj["spec"].(map[string]any)["forProvider"].(map[string]any)["policyDocument"].(string)
	for _, want := range []string{"arn:aws-cn:logs:cn-north-1:210987654321:log-group:aws/spans:*", `"aws:SourceAccount":"210987654321"`} {
		if !bytes.Contains([]byte(doc), []byte(want)) {
			t.Errorf("policy document %s does not contain %s", doc, want)
		}
	}
}

// TestDataProtection: MDAA's policy shape with its built-in identifiers, extra
// ones added once, in the account's partition.
func TestDataProtection(t *testing.T) {
	rs := Resources(Options{Partition: "aws-us-gov", Region: "us-gov-west-1", Account: "123456789012", ProviderConfig: "default", DataProtection: true, DataIdentifiers: []string{"AwsSecretKey", "Name"}})
	if len(rs) != 2 {
		t.Fatalf("want the transaction search and data protection policies, got %d resources", len(rs))
	}
	fp := rs[1]["spec"].(map[string]any)["forProvider"].(map[string]any)
	want := `{"Name":"agentcore-runtime-data-protection","Statement":[{"DataIdentifier":["arn:aws-us-gov:dataprotection::aws:data-identifier/EmailAddress","arn:aws-us-gov:dataprotection::aws:data-identifier/CreditCardNumber","arn:aws-us-gov:dataprotection::aws:data-identifier/Ssn-US","arn:aws-us-gov:dataprotection::aws:data-identifier/Name","arn:aws-us-gov:dataprotection::aws:data-identifier/Address","arn:aws-us-gov:dataprotection::aws:data-identifier/PhoneNumber-US","arn:aws-us-gov:dataprotection::aws:data-identifier/IpAddress","arn:aws-us-gov:dataprotection::aws:data-identifier/AwsSecretKey"],"Operation":{"Audit":{"FindingsDestination":{}}},"Sid":"audit-policy"},{"DataIdentifier":["arn:aws-us-gov:dataprotection::aws:data-identifier/EmailAddress","arn:aws-us-gov:dataprotection::aws:data-identifier/CreditCardNumber","arn:aws-us-gov:dataprotection::aws:data-identifier/Ssn-US","arn:aws-us-gov:dataprotection::aws:data-identifier/Name","arn:aws-us-gov:dataprotection::aws:data-identifier/Address","arn:aws-us-gov:dataprotection::aws:data-identifier/PhoneNumber-US","arn:aws-us-gov:dataprotection::aws:data-identifier/IpAddress","arn:aws-us-gov:dataprotection::aws:data-identifier/AwsSecretKey"],"Operation":{"Deidentify":{"MaskConfig":{}}},"Sid":"redact-policy"}],"Version":"2021-06-01"}`
	if diff := cmp.Diff(want, fp["policyDocument"]); diff != "" {
		t.Errorf("policyDocument: -want +got:\n%s", diff)
	}
	if diff := cmp.Diff(map[string]any{"region": "us-gov-west-1", "policyType": "DATA_PROTECTION_POLICY", "scope": "ALL", "policyDocument": want}, fp); diff != "" {
		t.Errorf("forProvider: -want +got:\n%s", diff)
	}
}
