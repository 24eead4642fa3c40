// Package settings resolves the platform's settings for one request: the function's
// Input, with values from the pipeline's environment context where the Input is silent.
package settings

import (
	"encoding/json"
	"maps"
	"regexp"
	"strings"

	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/platform-io/function-agentcore-runtime/input/v1beta1"
	"github.com/platform-io/function-agentcore-runtime/internal/arn"
)

// Defaults of the settings the Input may leave out.
const (
	DefaultPartition          = "aws"
	DefaultProviderConfigKind = "ClusterProviderConfig"
	DefaultProviderConfigName = "default"
	DefaultKeepLastImages     = 10
	DefaultImageTagMutability = "IMMUTABLE"
	DefaultECREncryption      = "AES256"
)

// Settings are the resolved platform settings.
type Settings struct {
	Region                 string
	AccountID              string
	Partition              string
	ProviderConfigKind     string
	ProviderConfigName     string
	NamePrefix             string
	Tags                   map[string]string
	SSMParameterPrefix     string
	AllowPublicNetwork     bool
	SubnetsReachS3         bool
	LogRetentionInDays     *int32
	LogKMSKeyArn           string
	ECRScanOnPush          bool
	ECRImageTagMutability  string
	ECREncryption          string
	ECRKMSKeyArn           string
	ECRKeepLastImages      int32
	PermissionsBoundaryArn string
	// MDAA's placeholder sources.
	Org, Domain, Env, ModuleName string
	Context, EnvVars             map[string]string
}

var (
	regionPattern = regexp.MustCompile(`^[a-z]{2}(-[a-z]+)+-[0-9]$`)
	ssmPrefixRe   = regexp.MustCompile(`^(/[a-zA-Z0-9_.-]+)+$`)
)

var retentionValues = map[int32]bool{
	1: true, 3: true, 5: true, 7: true, 14: true, 30: true, 60: true, 90: true, 120: true,
	150: true, 180: true, 365: true, 400: true, 545: true, 731: true, 1096: true, 1827: true,
	2192: true, 2557: true, 2922: true, 3288: true, 3653: true,
}

// ValidRetention reports whether CloudWatch Logs accepts days as a retention.
func ValidRetention(days int32) bool { return retentionValues[days] }

// Resolve merges the environment into the Input (the Input wins), applies defaults and
// validates the result. namespace is the XR's or claim's namespace, for {{namespace}}.
// Errors are rooted at "input".
func Resolve(in *v1beta1.Input, env map[string]any, namespace string) (Settings, field.ErrorList) {
	merged := mergeEnvironment(in, env)
	s := Settings{
		Region:                 merged.Region,
		AccountID:              merged.AccountID,
		Partition:              or(merged.Partition, DefaultPartition),
		ProviderConfigKind:     DefaultProviderConfigKind,
		ProviderConfigName:     DefaultProviderConfigName,
		NamePrefix:             strings.ReplaceAll(merged.NamePrefix, "{{namespace}}", namespace),
		Tags:                   merged.Tags,
		SSMParameterPrefix:     strings.TrimSuffix(merged.SSMParameterPrefix, "/"),
		AllowPublicNetwork:     merged.AllowPublicNetwork != nil && *merged.AllowPublicNetwork,
		SubnetsReachS3:         merged.SubnetsReachS3 != nil && *merged.SubnetsReachS3,
		PermissionsBoundaryArn: merged.PermissionsBoundaryArn,
		Org:                    merged.Org,
		Domain:                 merged.Domain,
		Env:                    merged.Env,
		ModuleName:             merged.ModuleName,
		Context:                merged.Context,
		EnvVars:                merged.EnvVars,
		ECRScanOnPush:          true,
		ECRImageTagMutability:  DefaultImageTagMutability,
		ECREncryption:          DefaultECREncryption,
		ECRKeepLastImages:      DefaultKeepLastImages,
	}
	if r := merged.ProviderConfigRef; r != nil {
		s.ProviderConfigKind = or(r.Kind, s.ProviderConfigKind)
		s.ProviderConfigName = or(r.Name, s.ProviderConfigName)
	}
	if l := merged.Logs; l != nil {
		s.LogRetentionInDays = l.RetentionInDays
		s.LogKMSKeyArn = l.KMSKeyArn
	}
	if e := merged.ECR; e != nil {
		if e.ScanOnPush != nil {
			s.ECRScanOnPush = *e.ScanOnPush
		}
		s.ECRImageTagMutability = or(e.ImageTagMutability, s.ECRImageTagMutability)
		s.ECREncryption = or(e.Encryption, s.ECREncryption)
		s.ECRKMSKeyArn = e.KMSKeyArn
		if e.KeepLastImages != nil {
			s.ECRKeepLastImages = *e.KeepLastImages
		}
	}
	return s, validate(s)
}

// mergeEnvironment fills the Input's unset fields from the environment context, which
// holds the same keys as the Input (e.g. an EnvironmentConfig per account).
func mergeEnvironment(in *v1beta1.Input, env map[string]any) v1beta1.Input {
	out := v1beta1.Input{}
	if in != nil {
		out = *in.DeepCopy()
	}
	if len(env) == 0 {
		return out
	}
	b, err := json.Marshal(env)
	if err != nil {
		return out
	}
	fromEnv := v1beta1.Input{}
	// Unknown keys are expected: the environment is shared with other functions. A key
	// of another shape (another function's "tags" as a list, say) is skipped, and
	// encoding/json still decodes every other key.
	_ = json.Unmarshal(b, &fromEnv)
	out.Region = or(out.Region, fromEnv.Region)
	out.AccountID = or(out.AccountID, fromEnv.AccountID)
	out.Partition = or(out.Partition, fromEnv.Partition)
	out.NamePrefix = or(out.NamePrefix, fromEnv.NamePrefix)
	out.SSMParameterPrefix = or(out.SSMParameterPrefix, fromEnv.SSMParameterPrefix)
	out.PermissionsBoundaryArn = or(out.PermissionsBoundaryArn, fromEnv.PermissionsBoundaryArn)
	out.Org = or(out.Org, fromEnv.Org)
	out.Domain = or(out.Domain, fromEnv.Domain)
	out.Env = or(out.Env, fromEnv.Env)
	out.ModuleName = or(out.ModuleName, fromEnv.ModuleName)
	out.Context = mergeMaps(fromEnv.Context, out.Context)
	out.EnvVars = mergeMaps(fromEnv.EnvVars, out.EnvVars)
	if out.ProviderConfigRef == nil {
		out.ProviderConfigRef = fromEnv.ProviderConfigRef
	}
	if out.AllowPublicNetwork == nil {
		out.AllowPublicNetwork = fromEnv.AllowPublicNetwork
	}
	if out.SubnetsReachS3 == nil {
		out.SubnetsReachS3 = fromEnv.SubnetsReachS3
	}
	if out.Logs == nil {
		out.Logs = fromEnv.Logs
	}
	if out.ECR == nil {
		out.ECR = fromEnv.ECR
	}
	if len(fromEnv.Tags) > 0 {
		tags := make(map[string]string, len(fromEnv.Tags)+len(out.Tags))
		maps.Copy(tags, fromEnv.Tags)
		maps.Copy(tags, out.Tags)
		out.Tags = tags
	}
	return out
}

func validate(s Settings) field.ErrorList { //nolint:gocyclo // one flat check per Input field.
	root := field.NewPath("input")
	var errs field.ErrorList
	switch {
	case s.Region == "":
		errs = append(errs, field.Required(root.Child("region"), "the AWS region of the runtime (Input or environment)"))
	case !regionPattern.MatchString(s.Region):
		errs = append(errs, field.Invalid(root.Child("region"), s.Region, "not an AWS region"))
	}
	if s.AccountID != "" && !arn.IsAccount(s.AccountID) {
		errs = append(errs, field.Invalid(root.Child("accountId"), s.AccountID, "must be 12 digits"))
	}
	if !strings.HasPrefix(s.Partition, "aws") {
		errs = append(errs, field.NotSupported(root.Child("partition"), s.Partition, []string{"aws", "aws-cn", "aws-us-gov"}))
	}
	if k := s.ProviderConfigKind; k != "ProviderConfig" && k != "ClusterProviderConfig" {
		errs = append(errs, field.NotSupported(root.Child("providerConfigRef", "kind"), k, []string{"ProviderConfig", "ClusterProviderConfig"}))
	}
	if s.SSMParameterPrefix != "" && !ssmPrefixRe.MatchString(s.SSMParameterPrefix) {
		errs = append(errs, field.Invalid(root.Child("ssmParameterPrefix"), s.SSMParameterPrefix, "must be a path like /org/domain/module"))
	}
	if s.LogRetentionInDays != nil && !ValidRetention(*s.LogRetentionInDays) {
		errs = append(errs, field.Invalid(root.Child("logs", "retentionInDays"), *s.LogRetentionInDays, "not a CloudWatch Logs retention value"))
	}
	for p, v := range map[*field.Path]string{
		root.Child("logs", "kmsKeyArn"):      s.LogKMSKeyArn,
		root.Child("ecr", "kmsKeyArn"):       s.ECRKMSKeyArn,
		root.Child("permissionsBoundaryArn"): s.PermissionsBoundaryArn,
	} {
		if _, ok := arn.Parse(v); v != "" && !ok {
			errs = append(errs, field.Invalid(p, v, "not an ARN"))
		}
	}
	if m := s.ECRImageTagMutability; m != "MUTABLE" && m != "IMMUTABLE" {
		errs = append(errs, field.NotSupported(root.Child("ecr", "imageTagMutability"), m, []string{"MUTABLE", "IMMUTABLE"}))
	}
	if e := s.ECREncryption; e != "AES256" && e != "KMS" {
		errs = append(errs, field.NotSupported(root.Child("ecr", "encryption"), e, []string{"AES256", "KMS"}))
	}
	if s.ECRKeepLastImages < 1 || s.ECRKeepLastImages > 1000 {
		errs = append(errs, field.Invalid(root.Child("ecr", "keepLastImages"), s.ECRKeepLastImages, "must be 1-1000"))
	}
	sortErrors(errs)
	return errs
}

func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// mergeMaps lays over on base, key by key; nil when both are empty.
func mergeMaps(base, over map[string]string) map[string]string {
	if len(base) == 0 {
		return over
	}
	out := make(map[string]string, len(base)+len(over))
	maps.Copy(out, base)
	maps.Copy(out, over)
	return out
}
