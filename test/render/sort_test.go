package render

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestCanonicalYAML(t *testing.T) {
	cases := map[string]struct {
		in   string
		want string
	}{
		"ResultsSortedComposedSortedXRFirst": {
			in: `---
apiVersion: x.io/v1
kind: XR
metadata: {name: demo}
---
apiVersion: render.crossplane.io/v1beta1
kind: Result
message: Composed resource "b" is not yet ready
severity: Normal
---
apiVersion: iam.aws.upbound.io/v1beta1
kind: Role
metadata: {name: demo-2, annotations: {crossplane.io/composition-resource-name: role}}
---
apiVersion: iam.aws.upbound.io/v1beta1
kind: Policy
metadata: {name: demo-1, annotations: {crossplane.io/composition-resource-name: policy}}
---
apiVersion: render.crossplane.io/v1beta1
kind: Result
message: Composed resource "a" is not yet ready
severity: Normal
`,
			want: `---
apiVersion: x.io/v1
kind: XR
metadata:
  name: demo
---
apiVersion: iam.aws.upbound.io/v1beta1
kind: Policy
metadata:
  annotations:
    crossplane.io/composition-resource-name: policy
  name: demo-1
---
apiVersion: iam.aws.upbound.io/v1beta1
kind: Role
metadata:
  annotations:
    crossplane.io/composition-resource-name: role
  name: demo-2
---
apiVersion: render.crossplane.io/v1beta1
kind: Result
message: Composed resource "a" is not yet ready
severity: Normal
---
apiVersion: render.crossplane.io/v1beta1
kind: Result
message: Composed resource "b" is not yet ready
severity: Normal
`,
		},
		"CommentsQuotingAndEmptyDocumentsIgnored": {
			in: `# expected output
---
---
kind: "XR"   # the composite
apiVersion: 'x.io/v1'
`,
			want: "---\napiVersion: x.io/v1\nkind: XR\n",
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got, err := canonicalYAML([]byte(tc.in))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("canonicalYAML(): -want +got:\n%s", diff)
			}
		})
	}
}
