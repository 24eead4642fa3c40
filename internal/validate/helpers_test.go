package validate

import (
	"strings"

	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/platform-io/function-agentcore-runtime/apis/v1alpha1"
)

const (
	testAccount   = "123456789012"
	testRegion    = "us-east-1"
	testPartition = "aws"
	baselineImage = "123456789012.dkr.ecr.us-east-1.amazonaws.com/test-runtime:latest"
)

// testOptions are the platform settings of every test unless a case says otherwise.
func testOptions() Options {
	return Options{AccountID: testAccount, Partition: testPartition, Region: testRegion}
}

// baseline is MDAA's minimal sample, placeholders substituted.
func baseline() *v1alpha1.Spec {
	return &v1alpha1.Spec{
		AgentRuntimeName: "testAgentRuntime",
		AgentRuntimeArtifact: v1alpha1.Artifact{
			ContainerConfiguration: &v1alpha1.Container{ContainerUri: ptr(baselineImage)},
		},
		NetworkConfiguration: &v1alpha1.Network{
			SecurityGroups: []string{"sg-12345678"},
			Subnets:        []string{"subnet-12345678"},
		},
		ProtocolConfiguration: ptr("HTTP"),
	}
}

func ptr[T any](v T) *T { return &v }

// fields are the paths of errs, in order.
func fields(errs field.ErrorList) []string {
	out := make([]string, 0, len(errs))
	for _, e := range errs {
		out = append(out, e.Field)
	}
	return out
}

// warningFields are the paths of ws, in order.
func warningFields(ws []Warning) []string {
	out := make([]string, 0, len(ws))
	for _, w := range ws {
		out = append(out, w.Field)
	}
	return out
}

// substitute replaces MDAA's placeholders as the function does before validating.
func substitute(s string) string {
	return strings.NewReplacer("{{account}}", testAccount, "{{region}}", testRegion, "{{partition}}", testPartition).Replace(s)
}

func repeat(s string, n int) string { return strings.Repeat(s, n) }
