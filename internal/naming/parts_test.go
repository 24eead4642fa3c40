package naming

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestExecutionPolicyParts(t *testing.T) {
	type names struct{ Policy, Attachment, Physical string }
	got := map[int]names{}
	for _, k := range []int{1, 2, 10} {
		got[k] = names{ExecutionPolicyPart(k), ExecutionPolicyAttachmentPart(k), PolicyPart("team-a-", "orders", "us-east-1", k)}
	}
	want := map[int]names{
		1:  {"execution-policy", "execution-policy-attachment", "team-a-orders-agentcore-us-east-1"},
		2:  {"execution-policy-2", "execution-policy-2-attachment", "team-a-orders-agentcore-us-east-1-2"},
		10: {"execution-policy-10", "execution-policy-10-attachment", "team-a-orders-agentcore-us-east-1-10"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("-want, +got:\n%s", diff)
	}
	long := PolicyPart("p-", strings.Repeat("n", 120), "us-east-1", 2)
	if len(long) != MaxPolicyName || long == PolicyPart("p-", strings.Repeat("n", 120), "us-east-1", 1) {
		t.Errorf("PolicyPart of a long name: %q", long)
	}
}

func TestIsExecutionPolicyAttachment(t *testing.T) {
	cases := map[string]bool{
		"execution-policy-attachment":    true,
		"execution-policy-2-attachment":  true,
		"execution-policy-12-attachment": true,
		"execution-policy":               false,
		"execution-policy-1-attachment":  false,
		"execution-policy-02-attachment": false,
		"execution-policy-x-attachment":  false,
		"policy-attachment-readonly":     false,
	}
	for name, want := range cases {
		if got := IsExecutionPolicyAttachment(name); got != want {
			t.Errorf("IsExecutionPolicyAttachment(%q) = %v, want %v", name, got, want)
		}
	}
}
