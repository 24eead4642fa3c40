package v1alpha1_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"k8s.io/apiextensions-apiserver/pkg/apis/apiextensions"
	extv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	crdvalidation "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/validation"
	"k8s.io/utils/ptr"
	"sigs.k8s.io/yaml"

	"github.com/platform-io/function-agentcore-runtime/apis/v1alpha1"
	"github.com/platform-io/function-agentcore-runtime/internal/crdcheck"
	"github.com/platform-io/function-agentcore-runtime/internal/examples"
)

// xrdFiles are the generated XRDs, relative to this package.
var xrdFiles = []string{
	"../../package/configuration/zz_xrd_legacy.yaml",
	"../../package/configuration/zz_xrd_namespaced.yaml",
}

// xrd holds the fields of a CompositeResourceDefinition (v1 or v2) that shape
// the CRD Crossplane derives from it.
type xrd struct {
	Metadata struct {
		Name string `json:"name"`
	} `json:"metadata"`
	Spec struct {
		Group    string                              `json:"group"`
		Names    extv1.CustomResourceDefinitionNames `json:"names"`
		Scope    string                              `json:"scope"`
		Versions []struct {
			Name          string `json:"name"`
			Served        bool   `json:"served"`
			Referenceable bool   `json:"referenceable"`
			Schema        struct {
				OpenAPIV3Schema extv1.JSONSchemaProps `json:"openAPIV3Schema"`
			} `json:"schema"`
			AdditionalPrinterColumns []extv1.CustomResourceColumnDefinition `json:"additionalPrinterColumns"`
		} `json:"versions"`
	} `json:"spec"`
}

// crdFor derives the XR's CRD from an XRD the way Crossplane does
// (crossplane-runtime pkg/xcrd ForCompositeResource): apiVersion, kind and a
// metadata.name of at most 63 characters around the XRD's spec and status.
// Crossplane's own spec and status fields (compositionRef, conditions, ...) are
// left out: no sample here sets them.
func crdFor(t *testing.T, path string) *extv1.CustomResourceDefinition {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	x := &xrd{}
	if err := yaml.Unmarshal(b, x); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	crd := &extv1.CustomResourceDefinition{}
	crd.SetName(x.Metadata.Name)
	crd.Spec.Group = x.Spec.Group
	crd.Spec.Names = x.Spec.Names
	crd.Spec.Scope = extv1.ClusterScoped
	if x.Spec.Scope == "Namespaced" {
		crd.Spec.Scope = extv1.NamespaceScoped
	}
	for _, v := range x.Spec.Versions {
		in := v.Schema.OpenAPIV3Schema
		crd.Spec.Versions = append(crd.Spec.Versions, extv1.CustomResourceDefinitionVersion{
			Name:                     v.Name,
			Served:                   v.Served,
			Storage:                  v.Referenceable,
			AdditionalPrinterColumns: v.AdditionalPrinterColumns,
			Subresources:             &extv1.CustomResourceSubresources{Status: &extv1.CustomResourceSubresourceStatus{}},
			Schema: &extv1.CustomResourceValidation{OpenAPIV3Schema: &extv1.JSONSchemaProps{
				Type:         "object",
				Description:  in.Description,
				Required:     []string{"spec"},
				XValidations: in.XValidations,
				Properties: map[string]extv1.JSONSchemaProps{
					"apiVersion": {Type: "string"},
					"kind":       {Type: "string"},
					"metadata": {Type: "object", Properties: map[string]extv1.JSONSchemaProps{
						"name": {Type: "string", MaxLength: ptr.To[int64](63)},
					}},
					"spec":   in.Properties["spec"],
					"status": in.Properties["status"],
				},
			}},
		})
		crd.Status.StoredVersions = append(crd.Status.StoredVersions, v.Name)
	}
	// The API server defaults a CRD (listKind, singular, conversion) before it
	// validates it.
	extv1.SetObjectDefaults_CustomResourceDefinition(crd)
	return crd
}

// TestXRDsMakeValidCRDs checks the derived CRDs as the API server checks a CRD
// on create: structural schema, and every CEL rule compiles within the per-rule
// and per-CRD cost budgets. A CRD that fails this never becomes established,
// so the XRD would never offer its API.
func TestXRDsMakeValidCRDs(t *testing.T) {
	for _, f := range xrdFiles {
		t.Run(filepath.Base(f), func(t *testing.T) {
			crd := crdFor(t, f)
			internal := &apiextensions.CustomResourceDefinition{}
			if err := extv1.Convert_v1_CustomResourceDefinition_To_apiextensions_CustomResourceDefinition(crd, internal, nil); err != nil {
				t.Fatal(err)
			}
			for _, err := range crdvalidation.ValidateCustomResourceDefinition(t.Context(), internal) {
				t.Errorf("%s: the CRD Crossplane derives is invalid: %v", f, err)
			}
		})
	}
}

// The MDAA module's minimal and comprehensive sample configs, as pasted under spec:
// in the example cases. The comprehensive one's agentRuntimeVersion '1.0.0' is not a
// version AgentCore knows; the schema takes it so that the sample pastes as it is,
// and the function warns about it.
var (
	mdaaMinimal       = examples.MustSampleSpec("../../example/mdaa-minimal")
	mdaaComprehensive = examples.MustSampleSpec("../../example/mdaa-comprehensive")
)

func TestXRDSchemas(t *testing.T) {
	type want struct {
		// errs are the API server's errors (field: type: message), in its order.
		errs []string
	}
	cases := map[string]struct {
		reason string
		spec   string
		edit   func(spec map[string]any)
		want   want
	}{
		"MDAAMinimal": {
			reason: "The MDAA module's minimal sample config is a valid spec as it is.",
			spec:   mdaaMinimal,
		},
		"MDAAComprehensive": {
			reason: "The MDAA module's comprehensive sample config is a valid spec.",
			spec:   mdaaComprehensive,
		},
		"TooManySubnets": {
			reason: "A runtime takes at most 16 subnets.",
			spec:   mdaaMinimal,
			edit: func(s map[string]any) {
				subnets := make([]any, 17)
				for i := range subnets {
					subnets[i] = fmt.Sprintf("subnet-%08x", i)
				}
				s["networkConfiguration"].(map[string]any)["subnets"] = subnets
			},
			want: want{errs: []string{
				"spec.networkConfiguration.subnets: Too many: must have at most 16 items",
				blocked,
			}},
		},
		"IdleTimeoutTooShort": {
			reason: "Session timeouts are 60-28800 seconds.",
			spec:   mdaaMinimal,
			edit: func(s map[string]any) {
				s["lifecycleConfiguration"] = map[string]any{"idleRuntimeSessionTimeout": 30}
			},
			want: want{errs: []string{
				"spec.lifecycleConfiguration.idleRuntimeSessionTimeout: Invalid value: spec.lifecycleConfiguration.idleRuntimeSessionTimeout in body should be greater than or equal to 60",
			}},
		},
		"IdleLongerThanMaxLifetime": {
			reason: "An idle timeout beyond the session's maximum lifetime can never trigger.",
			spec:   mdaaMinimal,
			edit: func(s map[string]any) {
				s["lifecycleConfiguration"] = map[string]any{"idleRuntimeSessionTimeout": 3600, "maxLifetime": 600}
			},
			want: want{errs: []string{
				`spec.lifecycleConfiguration: Invalid value: idleRuntimeSessionTimeout must not exceed maxLifetime`,
			}},
		},
		"ContainerUriAndCodePath": {
			reason: "An image comes from exactly one source.",
			spec:   mdaaMinimal,
			edit: func(s map[string]any) {
				s["agentRuntimeArtifact"].(map[string]any)["containerConfiguration"].(map[string]any)["codePath"] = "./runtime-src"
			},
			want: want{errs: []string{
				`spec.agentRuntimeArtifact.containerConfiguration: Invalid value: exactly one of containerUri, codePath and repository is required`,
			}},
		},
		"UnknownKeysAreKept": {
			reason: "A key the schema does not know (a newer MDAA's alarms, a vpcEndpoint inside networkConfiguration) is kept, not pruned without a word: the function reports it with its path.",
			spec:   mdaaComprehensive,
			edit: func(s map[string]any) {
				s["alarms"] = map[string]any{"errorRateThreshold": 5}
				s["networkConfiguration"].(map[string]any)["vpcEndpoint"] = map[string]any{}
				s["runtimeEndpoint"].(map[string]any)["futureKey"] = "x"
			},
		},
		"HyphenatedEndpointName": {
			reason: "MDAA's my-endpoint-name is admitted: the function sanitises it to my_endpoint_name with a Warning.",
			spec:   mdaaComprehensive,
			edit: func(s map[string]any) {
				s["runtimeEndpoint"].(map[string]any)["name"] = "my-endpoint-name"
			},
		},
		"HeaderNameNotAllowed": {
			reason: "Header names are a letter, then letters, digits, - and _ (the API's HeaderName since May 2026).",
			spec:   mdaaComprehensive,
			edit: func(s map[string]any) {
				s["requestHeaderConfiguration"].(map[string]any)["requestHeaderAllowlist"] = []any{"X-Api-Key", "1-Header"}
			},
			want: want{errs: []string{
				`spec.requestHeaderConfiguration.requestHeaderAllowlist[1]: Invalid value: spec.requestHeaderConfiguration.requestHeaderAllowlist[1] in body should match '^[A-Za-z][A-Za-z0-9_-]{0,255}$'`,
			}},
		},
		"PolicyArnAndDocument": {
			reason: "A policies entry is a managed policy ARN or a document, not both.",
			spec:   mdaaMinimal,
			edit: func(s map[string]any) {
				s["policies"] = []any{map[string]any{
					"policyArn": "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
					"policyDocument": map[string]any{"Statement": []any{map[string]any{
						"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
					}}},
				}}
			},
			want: want{errs: []string{
				`spec.policies[0]: Invalid value: exactly one of policyArn and policyDocument is required`,
			}},
		},
		"EnforceVpcOnlyWithoutVpcId": {
			reason: "The runtime resource policy allows calls from networkConfiguration.vpcId; without it nothing could call the runtime.",
			spec:   mdaaMinimal,
			edit:   func(s map[string]any) { s["enforceVpcOnly"] = true },
			want: want{errs: []string{
				`spec: Invalid value: networkConfiguration.vpcId is required when enforceVpcOnly is true`,
			}},
		},
		"UnknownProtocol": {
			reason: "The service knows HTTP, MCP, A2A and AGUI only.",
			spec:   mdaaMinimal,
			edit:   func(s map[string]any) { s["protocolConfiguration"] = "FOO" },
			want: want{errs: []string{
				`spec.protocolConfiguration: Unsupported value: supported values: "HTTP", "MCP", "A2A", "AGUI"`,
				blocked,
			}},
		},
		"EqualsOnStringArrayClaim": {
			reason: "EQUALS compares one string; a STRING_ARRAY claim needs CONTAINS or CONTAINS_ANY.",
			spec:   mdaaMinimal,
			edit: func(s map[string]any) {
				s["authorizerConfiguration"] = map[string]any{"customJwtAuthorizer": map[string]any{
					"discoveryUrl": "https://idp.example.com/.well-known/openid-configuration",
					"customClaims": []any{map[string]any{
						"name": "groups", "valueType": "STRING_ARRAY", "operator": "EQUALS", "values": []any{"admins"},
					}},
				}}
			},
			want: want{errs: []string{
				`spec.authorizerConfiguration.customJwtAuthorizer.customClaims[0]: Invalid value: EQUALS needs valueType STRING; CONTAINS and CONTAINS_ANY need STRING_ARRAY`,
			}},
		},
	}

	for _, f := range xrdFiles {
		crd := crdFor(t, f)
		set := crdcheck.NewSet()
		if err := set.AddCRD(crd); err != nil {
			t.Fatal(err)
		}
		for name, tc := range cases {
			t.Run(filepath.Base(f)+"/"+name, func(t *testing.T) {
				spec := map[string]any{}
				if err := yaml.Unmarshal([]byte(tc.spec), &spec); err != nil {
					t.Fatal(err)
				}
				if tc.edit != nil {
					tc.edit(spec)
				}
				xr := map[string]any{
					"apiVersion": crd.Spec.Group + "/" + crd.Spec.Versions[0].Name,
					"kind":       crd.Spec.Names.Kind,
					"metadata":   map[string]any{"name": "example"},
					"spec":       spec,
				}
				if crd.Spec.Scope == extv1.NamespaceScoped {
					xr["metadata"].(map[string]any)["namespace"] = "team-a"
				}
				var got []string
				for _, err := range set.Validate(xr) {
					// Field, kind of error and message: what kubectl shows,
					// without the echoed value.
					got = append(got, err.Field+": "+err.Type.String()+": "+err.Detail)
				}
				if diff := cmp.Diff(tc.want.errs, got); diff != "" {
					t.Errorf("%s\nValidate(...): -want errors, +got errors:\n%s", tc.reason, diff)
				}
				for _, e := range tc.want.errs {
					if e != blocked && !strings.HasPrefix(e, "spec") {
						t.Errorf("%s: the error does not name a spec field", e)
					}
				}
			})
		}
	}
}

// blocked is what the API server adds when a type, enum or size error stops it
// from evaluating the CEL rules.
const blocked = "<nil>: Invalid value: some validation rules were not checked because the object was invalid; correct the existing errors to complete validation"

// TestXRDPatternsAreNamed: every pattern in the generated XRDs is one of the
// named patterns that validation compiles (v1alpha1.Patterns). A marker edited
// without its constant, or a new marker with no constant, fails here.
func TestXRDPatternsAreNamed(t *testing.T) {
	named := map[string]bool{}
	for _, p := range v1alpha1.Patterns {
		named[p] = true
	}
	for _, f := range xrdFiles {
		crd := crdFor(t, f)
		for _, v := range crd.Spec.Versions {
			seen := 0
			walkSchema(v.Schema.OpenAPIV3Schema, "", func(path string, s *extv1.JSONSchemaProps) {
				if s.Pattern == "" {
					return
				}
				seen++
				if !named[s.Pattern] {
					t.Errorf("%s %s: pattern %q is not one of v1alpha1.Patterns", filepath.Base(f), path, s.Pattern)
				}
			})
			if seen == 0 {
				t.Errorf("%s: no pattern found: the walk is broken", filepath.Base(f))
			}
		}
	}
}

// walkSchema calls fn for s and every schema below it.
func walkSchema(s *extv1.JSONSchemaProps, path string, fn func(string, *extv1.JSONSchemaProps)) {
	if s == nil {
		return
	}
	fn(path, s)
	for k := range s.Properties {
		p := s.Properties[k]
		walkSchema(&p, path+"."+k, fn)
	}
	if s.Items != nil {
		walkSchema(s.Items.Schema, path+"[*]", fn)
	}
	if s.AdditionalProperties != nil {
		walkSchema(s.AdditionalProperties.Schema, path+"{*}", fn)
	}
}

// TestAdmittedPatterns: each admitted form is its strict pattern or a value
// holding a placeholder, and admits what the function resolves.
func TestAdmittedPatterns(t *testing.T) {
	for admitted, strict := range map[string]string{
		v1alpha1.RuntimeNameAdmitted:     v1alpha1.RuntimeNamePattern,
		v1alpha1.SecurityGroupIDAdmitted: v1alpha1.SecurityGroupIDPattern,
		v1alpha1.SubnetIDAdmitted:        v1alpha1.SubnetIDPattern,
		v1alpha1.VpcIDAdmitted:           v1alpha1.VpcIDPattern,
	} {
		want := "^(" + strings.TrimSuffix(strings.TrimPrefix(strict, "^"), "$") + `|.*\{\{[^{}]+\}\}.*|ssm:.+)$`
		if admitted != want {
			t.Errorf("admitted form of %s is %s, want %s", strict, admitted, want)
		}
	}
}

// TestMDAASamplesAreAdmitted: MDAA's own configs (../../testdata/mdaa-samples),
// placeholders and all, pass both XRDs' schemas as they are pasted; the
// invalid ones are the function's to refuse with a message naming the field,
// or the API server's.
func TestMDAASamplesAreAdmitted(t *testing.T) {
	files, err := filepath.Glob("../../testdata/mdaa-samples/mdaa-*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no samples: %v", err)
	}
	for _, x := range xrdFiles {
		crd := crdFor(t, x)
		set := crdcheck.NewSet()
		if err := set.AddCRD(crd); err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			spec := map[string]any{}
			if err := yaml.Unmarshal(b, &spec); err != nil {
				t.Fatal(err)
			}
			obj := map[string]any{
				"apiVersion": crd.Spec.Group + "/v1alpha1", "kind": crd.Spec.Names.Kind,
				"metadata": map[string]any{"name": "sample", "namespace": "team-a"}, "spec": spec,
			}
			if crd.Spec.Scope == extv1.ClusterScoped {
				delete(obj["metadata"].(map[string]any), "namespace")
			}
			for _, e := range set.Validate(obj) {
				t.Errorf("%s, %s: %v", filepath.Base(x), filepath.Base(f), e)
			}
		}
	}
}
