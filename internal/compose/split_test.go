package compose

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/platform-io/function-agentcore-runtime/apis/v1alpha1"
	"github.com/platform-io/function-agentcore-runtime/internal/iam"
)

// manyStatements is a spec whose execution policy is too large for one IAM
// managed policy: 3 documents of 20 statements of about 250 characters.
func manyStatements() *v1alpha1.Spec {
	s := baseSpec()
	for d := range 3 {
		doc := &v1alpha1.PolicyDocument{}
		for i := range 20 {
			doc.Statement = append(doc.Statement, v1alpha1.Statement{
				Sid:    fmt.Sprintf("Queue%d%02d", d, i),
				Effect: "Allow",
				Action: v1alpha1.StringOrList{Values: []string{"sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"}},
				Resource: v1alpha1.StringOrList{Values: []string{
					fmt.Sprintf("arn:aws:sqs:us-east-1:123456789012:orders-queue-%d-%02d", d, i),
					fmt.Sprintf("arn:aws:sqs:us-east-1:123456789012:orders-queue-%d-%02d-dead-letters", d, i),
				}},
			})
		}
		s.Policies = append(s.Policies, v1alpha1.Policy{PolicyDocument: doc})
	}
	return s
}

// TestSplitExecutionPolicy: an execution policy too large for IAM is split into
// execution-policy, execution-policy-2, ... each attached to the role; the
// runtime waits for every part and its attachment, the runtime's Usages cover
// every attachment, and a Warning says so.
func TestSplitExecutionPolicy(t *testing.T) {
	roleReady := obs(true, map[string]any{"arn": "arn:aws:iam::123456789012:role/r"}, nil)
	policy := func(k int) map[string]any {
		return obs(true, map[string]any{"arn": fmt.Sprintf("arn:aws:iam::123456789012:policy/p-%d", k)}, nil)
	}
	attached := obs(true, nil, nil)
	named := func(o map[string]any, kind, name string) map[string]any {
		o = deepCopy(o)
		o["apiVersion"], o["kind"], o["metadata"] = "iam.aws.upbound.io/v1beta1", kind, map[string]any{"name": name}
		return o
	}
	iamReady := Observed{
		"execution-role": named(roleReady, "Role", "rt-role"), "execution-policy": policy(1), "execution-policy-2": policy(2), "execution-policy-3": policy(3),
		"execution-policy-attachment":   named(attached, "RolePolicyAttachment", "rt-a1"),
		"execution-policy-2-attachment": named(attached, "RolePolicyAttachment", "rt-a2"),
		"execution-policy-3-attachment": named(attached, "RolePolicyAttachment", "rt-a3"),
		"policy-attachment-readonly":    named(attached, "RolePolicyAttachment", "rt-ro"),
	}
	allButOneAttachment := Observed{}
	for k, v := range iamReady {
		allButOneAttachment[k] = v
	}
	allButOneAttachment["execution-policy-3-attachment"] = obs(false, nil, nil)
	withRuntime := Observed{"runtime": named(obs(false, nil, nil), "AgentRuntime", "rt-runtime")}
	for k, v := range iamReady {
		withRuntime[k] = v
	}

	cases := map[string]struct {
		observed    Observed
		wantNames   []string
		wantWaiting []string
	}{
		"FirstPass": {
			wantNames:   []string{"execution-policy", "execution-policy-2", "execution-policy-3", "execution-role"},
			wantWaiting: []string{"execution-role to become Ready", "execution-policy to become Ready", "execution-policy-2 to become Ready", "execution-policy-3 to become Ready", "the ARN of execution-policy", "the ARN of execution-policy-2", "the ARN of execution-policy-3", "the ARN of execution-role before policy-attachment-readonly"},
		},
		"RuntimeWaitsForEveryAttachment": {
			observed: allButOneAttachment,
			wantNames: []string{"execution-policy", "execution-policy-2", "execution-policy-3", "execution-policy-3-attachment", "execution-policy-2-attachment", "execution-policy-attachment", "execution-role", "policy-attachment-readonly", "ssm-role-arn", "ssm-role-name",
				"usage-execution-policy-2-attachment-uses-execution-role", "usage-execution-policy-attachment-uses-execution-role", "usage-policy-attachment-readonly-uses-execution-role"},
			wantWaiting: []string{"execution-policy-3-attachment to become Ready"},
		},
		"UsagesCoverEveryAttachment": {
			observed: withRuntime,
			wantNames: []string{"execution-policy", "execution-policy-2", "execution-policy-3", "execution-policy-3-attachment", "execution-policy-2-attachment", "execution-policy-attachment", "execution-role", "policy-attachment-readonly", "runtime", "ssm-role-arn", "ssm-role-name",
				"usage-execution-policy-2-attachment-uses-execution-role", "usage-execution-policy-3-attachment-uses-execution-role", "usage-execution-policy-attachment-uses-execution-role", "usage-policy-attachment-readonly-uses-execution-role",
				"usage-runtime-uses-execution-policy-2-attachment", "usage-runtime-uses-execution-policy-3-attachment", "usage-runtime-uses-execution-policy-attachment", "usage-runtime-uses-execution-role", "usage-runtime-uses-policy-attachment-readonly"},
			wantWaiting: []string{"runtime to become Ready"},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			r := Compose(propertyRequest(manyStatements(), tc.observed, false))
			want := append([]string{}, tc.wantNames...)
			sort.Strings(want)
			if diff := cmp.Diff(want, names(r)); diff != "" {
				t.Errorf("resources: -want, +got:\n%s", diff)
			}
			if diff := cmp.Diff(tc.wantWaiting, r.Blocking()); diff != "" {
				t.Errorf("waiting: -want, +got:\n%s", diff)
			}
			if len(r.Warnings) != 1 || !strings.Contains(r.Warnings[0].String(), "split into 3 policies (execution-policy, execution-policy-2, execution-policy-3)") || !strings.Contains(r.Warnings[0].String(), "gets 4 managed policies") {
				t.Errorf("want one Warning about the split, got %q", r.Warnings)
			}
			for _, res := range r.Resources {
				if res.Object["kind"] != "Policy" {
					continue
				}
				doc, _ := Lookup(res.Object, "spec", "forProvider", "policy").(string)
				if size := iam.Size(doc); size > iam.MaxManagedPolicySize {
					t.Errorf("%s is %d characters", res.Name, size)
				}
			}
		})
	}
}

// TestSplitExistingRole: the user's statements for an existing role are split too.
func TestSplitExistingRole(t *testing.T) {
	s := manyStatements()
	s.RoleArn = ptr("arn:aws:iam::123456789012:role/existing")
	r := Compose(propertyRequest(s, nil, false))
	if diff := cmp.Diff([]string{"execution-policy", "execution-policy-2", "execution-policy-3", "policy-attachment-readonly"}, names(r)); diff != "" {
		t.Errorf("resources: -want, +got:\n%s", diff)
	}
}
