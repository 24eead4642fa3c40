package naming

import (
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The hashes are pinned: a change of the naming algorithm renames, and so replaces,
// live AWS resources.
func TestRuntime(t *testing.T) {
	valid := regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9_]{0,47}$`)
	cases := map[string]struct {
		prefix, name string
		want         string
	}{
		"AsWritten":       {name: "testAgentRuntime", want: "testAgentRuntime"},
		"PrefixSanitised": {prefix: "team-a-", name: "orders-agent", want: "team_a_orders_agent"},
		"LeadingDigit":    {prefix: "1-", name: "agent", want: "r_1_agent"},
		"Exactly48":       {name: strings.Repeat("a", 48), want: strings.Repeat("a", 48)},
		"Truncated":       {prefix: "platform-team-", name: strings.Repeat("b", 48), want: "platform_team_" + strings.Repeat("b", 25) + "_111f6ee0"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got := Runtime(tc.prefix, tc.name)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Runtime(%q, %q): -want, +got:\n%s", tc.prefix, tc.name, diff)
			}
			if !valid.MatchString(got) {
				t.Errorf("Runtime(%q, %q) = %q: not a valid AgentCore name", tc.prefix, tc.name, got)
			}
		})
	}
}

func TestTruncateIsStableAndDistinct(t *testing.T) {
	a := Truncate(strings.Repeat("x", 70)+"-one", 64, "-")
	b := Truncate(strings.Repeat("x", 70)+"-two", 64, "-")
	if len(a) != 64 || len(b) != 64 {
		t.Fatalf("want 64 characters, got %d and %d", len(a), len(b))
	}
	if a == b {
		t.Errorf("two long names truncated to the same %q", a)
	}
	if a != Truncate(strings.Repeat("x", 70)+"-one", 64, "-") {
		t.Errorf("Truncate is not deterministic")
	}
}

func TestIAMNames(t *testing.T) {
	cases := map[string]struct {
		prefix, name, region string
		wantRole             string
	}{
		"Short":  {prefix: "team-a-", name: "orders-agent", region: "us-east-1", wantRole: "team-a-orders-agent-agentcore-us-east-1"},
		"Long":   {prefix: "platform-", name: strings.Repeat("n", 48), region: "eu-central-1", wantRole: "platform-" + strings.Repeat("n", 46) + "-a929b5be"},
		"Unsafe": {prefix: "a b/", name: "x", region: "us-east-1", wantRole: "a-b-x-agentcore-us-east-1"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got := Role(tc.prefix, tc.name, tc.region)
			if diff := cmp.Diff(tc.wantRole, got); diff != "" {
				t.Errorf("Role: -want, +got:\n%s", diff)
			}
			if len(got) > MaxRoleName {
				t.Errorf("Role is %d characters, more than %d", len(got), MaxRoleName)
			}
		})
	}
}

func TestResourceNames(t *testing.T) {
	cases := map[string]struct{ got, want string }{
		"AWSManagedPolicy": {PolicyAttachment("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"), "policy-attachment-amazons3readonlyaccess"},
		"PathPolicy":       {PolicyAttachment("arn:aws:iam::123456789012:policy/team/Orders_Read"), "policy-attachment-orders-read"},
		"Endpoint":         {Endpoint("test_runtime_endpoint"), "endpoint-test_runtime_endpoint"},
		"DefaultEndpoint":  {DefaultEndpoint("test-Agent"), "test_Agent_endpoint"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, tc.got); diff != "" {
				t.Errorf("-want, +got:\n%s", diff)
			}
		})
	}
}

// TestPolicyAttachments: two policies that end in one name (AWS's and the
// account's ReadOnlyAccess) get two attachments, and a name once observed is
// kept whatever the spec's order or content becomes.
func TestPolicyAttachments(t *testing.T) {
	const (
		aws     = "arn:aws:iam::aws:policy/ReadOnlyAccess"
		account = "arn:aws:iam::123456789012:policy/team/ReadOnlyAccess"
		s3      = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"
	)
	cases := map[string]struct {
		arns []string
		held map[string]string
		want []string
	}{
		"Unique": {
			arns: []string{aws, s3},
			want: []string{"policy-attachment-readonlyaccess", "policy-attachment-amazons3readonlyaccess"},
		},
		"SameNameTwoAccounts": {
			arns: []string{aws, account},
			want: []string{"policy-attachment-readonlyaccess", "policy-attachment-readonlyaccess-123456789012"},
		},
		"SameNameOtherOrder": {
			arns: []string{account, aws},
			want: []string{"policy-attachment-readonlyaccess", "policy-attachment-readonlyaccess-aws"},
		},
		"ObservedNameKept": {
			// The account's policy was attached first; AWS's, added before it
			// in the list later, must not take its attachment's name.
			arns: []string{aws, account},
			held: map[string]string{account: "policy-attachment-readonlyaccess"},
			want: []string{"policy-attachment-readonlyaccess-aws", "policy-attachment-readonlyaccess"},
		},
		"QualifiedNameKeptWhenAlone": {
			// AWS's policy was removed: the account's attachment keeps its name
			// rather than being replaced (which would detach the policy).
			arns: []string{account},
			held: map[string]string{account: "policy-attachment-readonlyaccess-123456789012"},
			want: []string{"policy-attachment-readonlyaccess-123456789012"},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, PolicyAttachments(tc.arns, tc.held)); diff != "" {
				t.Errorf("PolicyAttachments(): -want +got:\n%s", diff)
			}
		})
	}
}
