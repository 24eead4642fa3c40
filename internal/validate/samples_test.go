package validate

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"sigs.k8s.io/yaml"

	"github.com/platform-io/function-agentcore-runtime/apis/v1alpha1"
	"github.com/platform-io/function-agentcore-runtime/internal/examples"
)

// The MDAA module's sample configs, as pasted under spec: in the example cases.
var (
	sampleMinimal       = examples.MustSampleSpec("../../example/mdaa-minimal")
	sampleComprehensive = examples.MustSampleSpec("../../example/mdaa-comprehensive")
	sampleCodePath      = examples.MustSampleSpec("../../example/mdaa-codepath")
)

func decodeSample(t *testing.T, sample string) *v1alpha1.Spec {
	t.Helper()
	s := &v1alpha1.Spec{}
	// Strict: every MDAA key must be a field of the XR spec.
	if err := yaml.UnmarshalStrict([]byte(substitute(sample)), s); err != nil {
		t.Fatalf("decode sample: %v", err)
	}
	return s
}

// TestMDAASamples: an MDAA user pastes a sample under spec: and gets no errors.
// The comprehensive sample's agentRuntimeVersion '1.0.0' is not an AgentCore version
// (they are integers): it is a Warning, and the endpoint is not pinned.
func TestMDAASamples(t *testing.T) {
	cases := map[string]struct {
		sample string
		edit   func(*v1alpha1.Spec)
		want   []string
	}{
		"Minimal":       {sample: sampleMinimal, want: []string{}},
		"CodePath":      {sample: sampleCodePath, want: []string{}},
		"Comprehensive": {sample: sampleComprehensive, want: []string{}},
		"ComprehensiveIntegerVersion": {
			sample: sampleComprehensive,
			edit:   func(s *v1alpha1.Spec) { s.RuntimeEndpoint.AgentRuntimeVersion = ptr("1") },
			want:   []string{},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			s := decodeSample(t, tc.sample)
			if tc.edit != nil {
				tc.edit(s)
			}
			errs, _ := Spec(s, testOptions())
			if diff := cmp.Diff(tc.want, fields(errs)); diff != "" {
				t.Errorf("Spec(): error fields -want +got:\n%s\nerrors: %v", diff, errs)
			}
		})
	}
}

// TestMDAASampleWarnings: the Warnings each sample produces.
func TestMDAASampleWarnings(t *testing.T) {
	type warning struct{ field, contains string }
	cases := map[string]struct {
		sample string
		want   []warning
	}{
		"Minimal": {sample: sampleMinimal, want: []warning{}},
		"Comprehensive": {sample: sampleComprehensive, want: []warning{
			{"spec.agentRuntimeArtifact.containerConfiguration.platform", "linux/arm64 images only"},
			{"spec.requestHeaderConfiguration.allowedHeaders", "ignored: requestHeaderAllowlist is set"},
			{"spec.runtimeEndpoint.agentRuntimeVersion", "the endpoint is not pinned"},
		}},
		"CodePath": {sample: sampleCodePath, want: []warning{
			{"spec.authorizerConfiguration.jwtAuthorizer", "jwtAuthorizer is deprecated"},
		}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			_, ws := Spec(decodeSample(t, tc.sample), testOptions())
			want := make([]string, 0, len(tc.want))
			for _, w := range tc.want {
				want = append(want, w.field)
			}
			if diff := cmp.Diff(want, warningFields(ws)); diff != "" {
				t.Fatalf("Spec(): warning fields -want +got:\n%s\nwarnings: %v", diff, ws)
			}
			for i, w := range tc.want {
				if !strings.Contains(ws[i].Message, w.contains) {
					t.Errorf("warning %d %q does not contain %q", i, ws[i], w.contains)
				}
			}
		})
	}
}
