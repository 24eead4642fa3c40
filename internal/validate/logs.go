package validate

import (
	"slices"
	"strconv"

	"k8s.io/apimachinery/pkg/util/validation/field"
)

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
