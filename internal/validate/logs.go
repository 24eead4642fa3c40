package validate

import (
	"regexp"
	"slices"
	"strconv"

	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/platform-io/function-agentcore-runtime/apis/v1alpha1"
)

const maxDataIdentifiers = 50

var reDataIdentifier = regexp.MustCompile(v1alpha1.DataIdentifierPattern)

// retentionDays are the retention values CloudWatch Logs accepts.
var retentionDays = []int32{1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653}

// logRetention checks logRetentionDays.
func (c *checker) logRetention(v *int32, p *field.Path) {
	if v == nil || slices.Contains(retentionDays, *v) {
		return
	}
	if *v == 9999 {
		c.add(field.Invalid(p, *v, "MDAA's 9999 (never expire) is not a CloudWatch Logs value: omit logRetentionDays to use the platform's retention (the function Input's logs.retentionInDays)"))
		return
	}
	allowed := make([]string, len(retentionDays))
	for i, d := range retentionDays {
		allowed[i] = strconv.Itoa(int(d))
	}
	c.add(field.NotSupported(p, *v, allowed))
}

// dataProtection checks MDAA's dataProtection and says where it takes effect:
// provider-aws v2.7.0 cannot put a data protection policy on a log group
// (its Terraform resource has no CRD), so the account-level policy holds the
// identifiers.
func (c *checker) dataProtection(d *v1alpha1.DataProtection, p *field.Path) {
	if d == nil {
		return
	}
	ip := p.Child("additionalIdentifiers")
	if len(d.AdditionalIdentifiers) > maxDataIdentifiers {
		c.add(field.TooMany(ip, len(d.AdditionalIdentifiers), maxDataIdentifiers))
	}
	seen := map[string]bool{}
	for i, id := range d.AdditionalIdentifiers {
		switch {
		case !reDataIdentifier.MatchString(id):
			c.add(field.Invalid(ip.Index(i), id, "must be a CloudWatch Logs managed data identifier name such as AwsSecretKey or DriversLicense-US"))
		case seen[id]:
			c.add(field.Duplicate(ip.Index(i), id))
		}
		seen[id] = true
	}
	c.warn(p, "provider-aws cannot put a data protection policy on the runtime's log groups: the platform applies the account-level policy once per account and region (README, \"Account-level settings\": cmd/agentcore-account --data-protection-identifiers), which masks MDAA's built-in identifiers and these in every log group of the account")
}
