package settings

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"google.golang.org/protobuf/types/known/structpb"

	"github.com/crossplane/function-sdk-go/resource"

	"github.com/platform-io/function-agentcore-runtime/input/v1beta1"
	"github.com/platform-io/function-agentcore-runtime/internal/arn"
)

// FuzzInput resolves an arbitrary Input (decoded from JSON the way the function
// decodes it, strictly) with an arbitrary environment. It must not panic; every
// error must be rooted at input; settings without errors must be usable; the
// Input must win over the environment; the same call must give the same result.
// Seeds are in testdata/fuzz/FuzzInput, built from example/*/composition.yaml
// (TestWriteFuzzSeeds at the repository root).
//
//	go test -run='^$' -fuzz='^FuzzInput$' -fuzztime=10m ./internal/settings
func FuzzInput(f *testing.F) {
	f.Add([]byte(`{"region":"us-east-1"}`), []byte(`{}`), "team-a")
	f.Add([]byte(`{}`), []byte(`{"region":"eu-west-1","accountId":"123456789012","tags":{"a":"b"},"logs":{"retentionInDays":7}}`), "")
	f.Fuzz(func(t *testing.T, input, env []byte, namespace string) {
		in, ok := fuzzInput(input)
		if !ok {
			return
		}
		var e map[string]any
		if err := json.Unmarshal(env, &e); err != nil {
			e = nil
		}
		before := in.DeepCopy()
		s, errs := Resolve(in, e, namespace)
		if !reflect.DeepEqual(before, in) {
			t.Fatal("Resolve modified its Input")
		}
		for _, err := range errs {
			if err.Field != "input" && !strings.HasPrefix(err.Field, "input.") {
				t.Errorf("error not rooted at input: %v", err)
			}
			_ = err.Error()
		}
		again, againErrs := Resolve(in, e, namespace)
		if !reflect.DeepEqual(s, again) || !reflect.DeepEqual(errs.ToAggregate(), againErrs.ToAggregate()) {
			t.Errorf("two identical calls gave different results:\n%+v %v\n%+v %v", s, errs, again, againErrs)
		}
		checkInputWins(t, in, s)
		if len(errs) == 0 {
			checkUsable(t, s)
		}
	})
}

// fuzzInput decodes input as the function does: JSON -> Struct -> Input,
// rejecting unknown fields. ok is false when it is not an Input.
func fuzzInput(input []byte) (*v1beta1.Input, bool) {
	var m map[string]any
	if err := json.Unmarshal(input, &m); err != nil || m == nil {
		return nil, false
	}
	st, err := structpb.NewStruct(m)
	if err != nil {
		return nil, false
	}
	in := &v1beta1.Input{}
	if err := resource.AsObject(st, in); err != nil {
		return nil, false
	}
	return in, true
}

// checkInputWins: every value the Input sets is the resolved one.
func checkInputWins(t *testing.T, in *v1beta1.Input, s Settings) {
	t.Helper()
	for _, c := range []struct{ name, input, got string }{
		{"region", in.Region, s.Region},
		{"accountId", in.AccountID, s.AccountID},
		{"partition", in.Partition, s.Partition},
		{"permissionsBoundaryArn", in.PermissionsBoundaryArn, s.PermissionsBoundaryArn},
	} {
		if c.input != "" && c.input != c.got {
			t.Errorf("%s: the Input says %q, resolved %q", c.name, c.input, c.got)
		}
	}
	for k, v := range in.Tags {
		if s.Tags[k] != v {
			t.Errorf("tags[%q]: the Input says %q, resolved %q", k, v, s.Tags[k])
		}
	}
	if in.AllowPublicNetwork != nil && *in.AllowPublicNetwork != s.AllowPublicNetwork {
		t.Errorf("allowPublicNetwork: the Input says %v, resolved %v", *in.AllowPublicNetwork, s.AllowPublicNetwork)
	}
}

// checkUsable: settings that passed validation hold what the composer relies on.
func checkUsable(t *testing.T, s Settings) {
	t.Helper()
	switch {
	case !regionPattern.MatchString(s.Region):
		t.Errorf("region %q is not a region", s.Region)
	case !strings.HasPrefix(s.Partition, "aws"):
		t.Errorf("partition %q", s.Partition)
	case s.AccountID != "" && !arn.IsAccount(s.AccountID):
		t.Errorf("accountId %q", s.AccountID)
	case s.ProviderConfigKind != "ProviderConfig" && s.ProviderConfigKind != "ClusterProviderConfig":
		t.Errorf("providerConfigRef.kind %q", s.ProviderConfigKind)
	case s.ProviderConfigName == "":
		t.Error("providerConfigRef.name is empty")
	case strings.Contains(s.NamePrefix, "{{namespace}}"):
		t.Errorf("namePrefix %q still holds {{namespace}}", s.NamePrefix)
	case s.ECRKeepLastImages < 1 || s.ECRKeepLastImages > 1000:
		t.Errorf("ecr.keepLastImages %d", s.ECRKeepLastImages)
	case s.ECRImageTagMutability != "MUTABLE" && s.ECRImageTagMutability != "IMMUTABLE":
		t.Errorf("ecr.imageTagMutability %q", s.ECRImageTagMutability)
	case s.ECREncryption != "AES256" && s.ECREncryption != "KMS":
		t.Errorf("ecr.encryption %q", s.ECREncryption)
	case s.LogRetentionInDays != nil && !ValidRetention(*s.LogRetentionInDays):
		t.Errorf("logs.retentionInDays %d", *s.LogRetentionInDays)
	case strings.HasSuffix(s.SSMParameterPrefix, "/"):
		t.Errorf("ssmParameterPrefix %q ends with /", s.SSMParameterPrefix)
	}
}
