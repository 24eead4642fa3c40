package validate

import (
	"fmt"
	"net/netip"
	"regexp"
	"slices"
	"strings"

	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/platform-io/function-agentcore-runtime/apis/v1alpha1"
	"github.com/platform-io/function-agentcore-runtime/internal/ecruri"
)

const (
	maxURILength       = 1024
	maxS3PrefixLength  = 1024
	maxEntryPointItems = 2
	// An entry point item is 1-128 characters, an object version ID 3-1024
	// (CreateAgentRuntime's CodeConfiguration).
	maxEntryPointItemLength = 128
	minS3VersionID          = 3
	maxS3VersionID          = 1024
	minKeepLastImages       = 1
	maxKeepLastImages       = 1000
	maxPullPrincipals       = 20
	platformArm64           = "linux/arm64"
	platformAmd64           = "linux/amd64"
	s3BucketMinLength       = 3
	s3BucketMaxLength       = 63
	s3BucketDotDot          = ".."
)

var (
	platforms    = []string{platformArm64, platformAmd64}
	codeRuntimes = []string{"PYTHON_3_10", "PYTHON_3_11", "PYTHON_3_12", "PYTHON_3_13", "PYTHON_3_14", "NODE_22"}
	// blockedRuntimes are deprecated since 2026-06-30, and AWS blocks creating
	// and updating runtimes on them since 2026-08-31 (AgentCore's supported
	// runtimes page). A running runtime keeps running, so they are a Warning,
	// not an error that would stop its reconciles.
	blockedRuntimes  = []string{"PYTHON_3_10", "PYTHON_3_11"}
	tagMutabilities  = []string{"MUTABLE", "IMMUTABLE"}
	reS3Bucket       = regexp.MustCompile(v1alpha1.S3BucketPattern)
	reImageTag       = regexp.MustCompile(v1alpha1.ImageTagPattern)
	s3BucketPrefixes = []string{"xn--", "sthree-", "amzn-s3-demo-"}
	s3BucketSuffixes = []string{"-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"}
)

// artifact checks agentRuntimeArtifact: exactly one of a container and S3 code.
func (c *checker) artifact(a *v1alpha1.Artifact, p *field.Path) {
	c.oneOf(p, []string{"containerConfiguration", "codeConfiguration"},
		[]bool{a.ContainerConfiguration != nil, a.CodeConfiguration != nil})
	if a.ContainerConfiguration != nil {
		c.container(a.ContainerConfiguration, p.Child("containerConfiguration"))
	}
	if a.CodeConfiguration != nil {
		c.code(a.CodeConfiguration, p.Child("codeConfiguration"))
	}
}

// container checks containerConfiguration: exactly one image source, and the platform.
func (c *checker) container(ct *v1alpha1.Container, p *field.Path) {
	c.oneOf(p, []string{"containerUri", "codePath", "repository"},
		[]bool{ct.ContainerUri != nil, ct.CodePath != nil, ct.Repository != nil})
	if ct.ContainerUri != nil {
		c.containerURI(*ct.ContainerUri, p.Child("containerUri"))
	}
	if ct.CodePath != nil {
		pp := p.Child("codePath")
		switch {
		case *ct.CodePath == "":
			c.add(field.Required(pp, "must not be empty"))
		case len(*ct.CodePath) > maxURILength:
			c.add(field.TooLong(pp, *ct.CodePath, maxURILength))
		}
		// The Warning that codePath is not built comes from the composer, which
		// knows the managed repository's name.
	}
	if ct.Repository != nil {
		c.repository(ct.Repository, p.Child("repository"))
	}
	if ct.Platform != nil {
		pp := p.Child("platform")
		switch *ct.Platform {
		case platformArm64:
		case platformAmd64:
			c.warn(pp, "AgentCore Runtime runs linux/arm64 images only: a linux/amd64 image will not start; build for linux/arm64")
		default:
			c.add(field.NotSupported(pp, *ct.Platform, platforms))
		}
	}
}

// containerURI checks a pre-built image URI with the ECR parser.
func (c *checker) containerURI(uri string, p *field.Path) {
	if len(uri) > maxURILength {
		c.add(field.TooLong(p, uri, maxURILength))
		return
	}
	img, err := ecruri.Parse(uri)
	if err != nil {
		c.add(field.Invalid(p, uri, err.Error()))
		return
	}
	if part := ecruri.PartitionOfHost(img.Host); part != c.o.Partition {
		c.add(field.Invalid(p, uri, fmt.Sprintf("the image is in partition %q, but this platform runs in partition %q: AgentCore cannot pull across partitions", part, c.o.Partition)))
	}
}

// repository checks a managed ECR repository.
func (c *checker) repository(r *v1alpha1.Repository, p *field.Path) {
	tp := p.Child("imageTag")
	switch {
	case r.ImageTag == "":
		c.add(field.Required(tp, "the image tag the runtime runs is required"))
	case !reImageTag.MatchString(r.ImageTag):
		c.add(field.Invalid(tp, r.ImageTag, "must be 1-128 letters, digits, '_', '.' and '-', not starting with '.' or '-'"))
	}
	if m := r.ImageTagMutability; m != nil && !slices.Contains(tagMutabilities, *m) {
		c.add(field.NotSupported(p.Child("imageTagMutability"), *m, tagMutabilities))
	}
	if k := r.KeepLastImages; k != nil && (*k < minKeepLastImages || *k > maxKeepLastImages) {
		c.add(field.Invalid(p.Child("keepLastImages"), *k, fmt.Sprintf("must be between %d and %d", minKeepLastImages, maxKeepLastImages)))
	}
	c.principals(p.Child("pullPrincipals"), r.PullPrincipals, maxPullPrincipals)
}

// code checks codeConfiguration: a zip in S3 run by a managed runtime.
func (c *checker) code(cd *v1alpha1.Code, p *field.Path) {
	s3 := p.Child("s3")
	if msg := s3BucketProblem(cd.S3.Bucket); msg != "" {
		if cd.S3.Bucket == "" {
			c.add(field.Required(s3.Child("bucket"), msg))
		} else {
			c.add(field.Invalid(s3.Child("bucket"), cd.S3.Bucket, msg))
		}
	}
	switch {
	case cd.S3.Prefix == "":
		c.add(field.Required(s3.Child("prefix"), "the S3 key of the code zip is required"))
	case len(cd.S3.Prefix) > maxS3PrefixLength:
		c.add(field.TooLong(s3.Child("prefix"), cd.S3.Prefix, maxS3PrefixLength))
	}
	if v := cd.S3.VersionId; v != nil && (len(*v) < minS3VersionID || len(*v) > maxS3VersionID) {
		c.add(field.Invalid(s3.Child("versionId"), *v, fmt.Sprintf("must be an S3 object version ID of %d-%d characters", minS3VersionID, maxS3VersionID)))
	}
	ep := p.Child("entryPoint")
	switch {
	case len(cd.EntryPoint) == 0:
		c.add(field.Required(ep, "the entry point file (and optional arguments) is required: 1-2 items"))
	case len(cd.EntryPoint) > maxEntryPointItems:
		c.add(field.TooMany(ep, len(cd.EntryPoint), maxEntryPointItems))
	}
	for i, e := range cd.EntryPoint {
		switch {
		case strings.TrimSpace(e) == "":
			c.add(field.Required(ep.Index(i), "must not be empty"))
		case len(e) > maxEntryPointItemLength:
			c.add(field.TooLong(ep.Index(i), e, maxEntryPointItemLength))
		}
	}
	c.codeRuntime(cd.Runtime, p.Child("runtime"))
}

// codeRuntime checks the managed runtime of a code zip.
func (c *checker) codeRuntime(r string, rp *field.Path) {
	switch {
	case r == "":
		c.add(field.Required(rp, "the managed runtime is required: one of "+strings.Join(codeRuntimes, ", ")))
	case !slices.Contains(codeRuntimes, r):
		c.add(field.NotSupported(rp, r, codeRuntimes))
	case slices.Contains(blockedRuntimes, r):
		c.warn(rp, "%s is deprecated: AWS refuses to create or update runtimes on it since 2026-08-31 (a running one keeps running); move to PYTHON_3_13 or PYTHON_3_14", r)
	}
}

// s3BucketProblem says what breaks the S3 bucket naming rules, "" when nothing.
func s3BucketProblem(b string) string {
	const rules = "S3 bucket names are 3-63 lower-case letters, digits, '.' and '-', starting and ending with a letter or digit"
	switch {
	case b == "":
		return "the S3 bucket of the code zip is required"
	case len(b) < s3BucketMinLength || len(b) > s3BucketMaxLength:
		return fmt.Sprintf("must be %d-%d characters (got %d): %s", s3BucketMinLength, s3BucketMaxLength, len(b), rules)
	case !reS3Bucket.MatchString(b):
		return "is not a valid bucket name: " + rules
	case strings.Contains(b, s3BucketDotDot):
		return "must not contain two adjacent periods"
	}
	if _, err := netip.ParseAddr(b); err == nil {
		return "must not be formatted as an IP address"
	}
	for _, pre := range s3BucketPrefixes {
		if strings.HasPrefix(b, pre) {
			return fmt.Sprintf("must not start with the reserved prefix %q", pre)
		}
	}
	for _, suf := range s3BucketSuffixes {
		if strings.HasSuffix(b, suf) {
			return fmt.Sprintf("must not end with the reserved suffix %q", suf)
		}
	}
	return ""
}
