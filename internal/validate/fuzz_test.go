package validate

import (
	"encoding/json"
	"strings"
	"testing"

	"sigs.k8s.io/yaml"

	"github.com/platform-io/function-agentcore-runtime/apis/v1alpha1"
)

// FuzzSpec: arbitrary JSON decoded into a spec never makes validation panic,
// and every error and warning is rooted at spec.
func FuzzSpec(f *testing.F) {
	for _, sample := range []string{sampleMinimal, sampleComprehensive, sampleCodePath} {
		j, err := yaml.YAMLToJSON([]byte(substitute(sample)))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(j)
	}
	everything := baseline()
	for _, m := range []string{"PolicyArnSamePolicyTwice", "StatementConditionMalformed", "EndpointsDefaultNameTaken", "FilesystemKinds", "ClaimDuplicateNameAndUnknownOperator"} {
		catalogue[m].mutate(everything)
	}
	if j, err := json.Marshal(everything); err == nil {
		f.Add(j)
	}
	for _, s := range []string{
		`{}`, `null`, `{"agentRuntimeArtifact":{}}`, `{"networkConfiguration":null}`,
		`{"policies":[{"policyDocument":{"Statement":[{"Action":{"a":1},"Resource":[1,2],"Condition":{"Bool":{"k":true}}}]}}]}`,
		`{"authorizerConfiguration":{"jwtAuthorizer":{"customClaims":[{"valueType":"STRING_ARRAY","operator":"CONTAINS"}],"privateEndpoint":{}}}}`,
		`{"requestHeaderConfiguration":{"requestHeaderAllowlist":[],"allowedHeaders":[""]}}`,
		`{"filesystemConfigurations":[{},{"efsAccessPoint":{}}],"runtimeEndpoints":[{}],"runtimeEndpoint":{}}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s := &v1alpha1.Spec{}
		if err := json.Unmarshal(data, s); err != nil {
			return
		}
		for _, o := range []Options{testOptions(), {}, {Partition: "aws-cn", AllowPublicNetwork: true}} {
			errs, ws := Spec(s, o)
			for _, e := range errs {
				if !strings.HasPrefix(e.Field, "spec") {
					t.Errorf("error outside spec: %v", e)
				}
				_ = e.Error()
			}
			for _, w := range ws {
				if !strings.HasPrefix(w.Field, "spec") || w.Message == "" {
					t.Errorf("bad warning: %v", w)
				}
			}
		}
	})
}
