// Package validate checks an XAgentCoreRuntime spec against every rule of the
// design's "Validation" section and reports all violations at once, each with
// its field path, plus Warnings for soft problems.
//
// One concern per file: names.go (name, description, protocol), role.go,
// artifact.go, env.go, network.go (network and enforceVpcOnly), principals.go
// (pullPrincipals, invokePrincipals), lifecycle.go,
// authorizer.go, headers.go, policies.go, endpoints.go, models.go, logs.go,
// filesystems.go, tags.go, connection.go. Each concern's Warnings live in its file.
package validate

import (
	"fmt"
	"regexp"
	"sort"

	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/platform-io/function-agentcore-runtime/apis/v1alpha1"
	arnpkg "github.com/platform-io/function-agentcore-runtime/internal/arn"
)

// Options are the platform settings the spec is checked against.
type Options struct {
	// AccountID of the platform. May be empty (unknown): account checks are skipped.
	AccountID string
	// Partition of the platform; empty means aws.
	Partition string
	// Region of the platform. May be empty: region checks are skipped.
	Region string
	// AllowPublicNetwork is the Input's allowPublicNetwork: networkMode PUBLIC is allowed.
	AllowPublicNetwork bool
}

// A Warning is a soft problem: the spec is accepted, but the user should know.
type Warning struct {
	// Field is the path of the field, e.g. spec.agentRuntimeArtifact.containerConfiguration.platform.
	Field string
	// Message says what is wrong and what to do.
	Message string
}

// String is "<field>: <message>".
func (w Warning) String() string { return w.Field + ": " + w.Message }

// Spec validates s and returns every violation and every warning, in field order.
// Placeholders such as {{account}} must already be substituted.
func Spec(s *v1alpha1.Spec, o Options) (field.ErrorList, []Warning) {
	root := field.NewPath("spec")
	if s == nil {
		return field.ErrorList{field.Required(root, "the XR has no spec")}, nil
	}
	c := &checker{o: o}
	if c.o.Partition == "" {
		c.o.Partition = "aws"
	}
	c.names(s, root)
	c.role(s, root)
	c.artifact(&s.AgentRuntimeArtifact, root.Child("agentRuntimeArtifact"))
	c.environment(s.EnvironmentVariables, root.Child("environmentVariables"))
	c.network(s, root)
	c.lifecycle(s.LifecycleConfiguration, root.Child("lifecycleConfiguration"))
	c.authorizer(s.AuthorizerConfiguration, root.Child("authorizerConfiguration"))
	c.headers(s, root.Child("requestHeaderConfiguration"))
	c.protocol(s.ProtocolConfiguration, root.Child("protocolConfiguration"))
	c.policies(s, root.Child("policies"))
	c.endpoints(s, root)
	c.models(s.AllowedModelArns, root.Child("allowedModelArns"))
	c.enforceVpcOnly(s, root)
	c.vpcEndpoint(s, root)
	c.serviceEndpoints(s, root)
	c.invokePrincipals(s, root.Child("invokePrincipals"))
	c.logRetention(s.LogRetentionDays, root.Child("logRetentionDays"))
	c.dataProtection(s.DataProtection, root.Child("dataProtection"))
	c.alarms(s.Alarms, root.Child("alarms"))
	c.eventBridgeAlerts(s, root)
	c.filesystems(s.FilesystemConfigurations, root.Child("filesystemConfigurations"))
	c.tags(s.Tags, root.Child("tags"))
	c.connectionSecret(s.WriteConnectionSecretToRef, root.Child("writeConnectionSecretToRef"))
	return c.errs, c.warns
}

// checker collects errors and warnings; each concern adds to it.
type checker struct {
	o     Options
	errs  field.ErrorList
	warns []Warning
}

func (c *checker) add(errs ...*field.Error) { c.errs = append(c.errs, errs...) }

func (c *checker) warn(p *field.Path, format string, args ...any) {
	c.warns = append(c.warns, Warning{Field: p.String(), Message: fmt.Sprintf(format, args...)})
}

// Shared patterns.
var (
	reSecGroup = regexp.MustCompile(v1alpha1.SecurityGroupIDPattern)
	reSubnet   = regexp.MustCompile(v1alpha1.SubnetIDPattern)
	reVpc      = regexp.MustCompile(v1alpha1.VpcIDPattern)
)

// partitionOf is the partition of an ARN, "" when s is no ARN.
func partitionOf(arn string) string {
	a, ok := arnpkg.Parse(arn)
	if !ok {
		return ""
	}
	return a.Partition
}

// checkPartition reports an ARN in another partition than the platform's.
func (c *checker) checkPartition(p *field.Path, arn, partition string) {
	if partition != "" && partition != c.o.Partition {
		c.add(field.Invalid(p, arn, fmt.Sprintf("ARN is in partition %q, but this platform runs in partition %q", partition, c.o.Partition)))
	}
}

// ids checks a list of IDs: count within [minItems, maxItems], each matching re,
// none repeated. what names one item for messages ("security group ID").
func (c *checker) ids(p *field.Path, ids []string, minItems, maxItems int, re *regexp.Regexp, what string) {
	switch {
	case len(ids) < minItems:
		c.add(field.Required(p, fmt.Sprintf("at least %d %s is required (%d-%d items)", minItems, what, minItems, maxItems)))
	case len(ids) > maxItems:
		c.add(field.TooMany(p, len(ids), maxItems))
	}
	seen := map[string]bool{}
	for i, id := range ids {
		switch {
		case !re.MatchString(id):
			c.add(field.Invalid(p.Index(i), id, fmt.Sprintf("must be a %s matching %s", what, re)))
		case seen[id]:
			c.add(field.Duplicate(p.Index(i), id))
		}
		seen[id] = true
	}
}

// freeStrings checks a list of free strings: at most maxItems, none empty, none repeated.
func (c *checker) freeStrings(p *field.Path, list []string, maxItems int) {
	if len(list) > maxItems {
		c.add(field.TooMany(p, len(list), maxItems))
	}
	seen := map[string]bool{}
	for i, s := range list {
		switch {
		case s == "":
			c.add(field.Required(p.Index(i), "must not be empty"))
		case seen[s]:
			c.add(field.Duplicate(p.Index(i), s))
		}
		seen[s] = true
	}
}

// oneOf reports a group of alternatives of which exactly one must be set:
// Required on p when none is, Forbidden on each one after the first when several are.
// names and set are in the same order.
func (c *checker) oneOf(p *field.Path, names []string, set []bool) {
	first := -1
	for i, ok := range set {
		if !ok {
			continue
		}
		if first < 0 {
			first = i
			continue
		}
		c.add(field.Forbidden(p.Child(names[i]), fmt.Sprintf("must not be set together with %s: exactly one of %s is allowed", names[first], orList(names)))) //nolint:gosec // first < i < len(names): first is an earlier index of names.
	}
	if first < 0 {
		c.add(field.Required(p, fmt.Sprintf("exactly one of %s is required", orList(names))))
	}
}

// orList is "a, b and c".
func orList(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	s := names[0]
	for _, n := range names[1 : len(names)-1] {
		s += ", " + n
	}
	return s + " and " + names[len(names)-1]
}

// sortedKeys of a string-keyed map, for deterministic error order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
