// Package ecruri parses Amazon ECR image URIs, such as the containerUri of an
// AgentCore runtime, into their account, region, repository and reference.
package ecruri

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/platform-io/function-agentcore-runtime/internal/arn"
)

// Want is the URI form every parse error refers to.
const Want = "<account>.dkr.ecr.<region>.amazonaws.com/<repository>[:<tag>|@<digest>]"

const (
	suffixCom = ".amazonaws.com"
	suffixCN  = ".amazonaws.com.cn"

	minRepositoryLength = 2
	maxRepositoryLength = 256
)

var (
	reRegion     = regexp.MustCompile(`^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}$`)
	reRepository = regexp.MustCompile(`^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$`)
	reTag        = regexp.MustCompile(`^[a-zA-Z0-9_][a-zA-Z0-9_.-]{0,127}$`)
	reDigest     = regexp.MustCompile(`^sha256:[0-9a-f]{64}$`)
)

// Image is a parsed ECR image URI.
type Image struct {
	// Account is the 12-digit registry account.
	Account string
	// Region of the registry, e.g. us-east-1.
	Region string
	// Host is the registry host, e.g. 123456789012.dkr.ecr.us-east-1.amazonaws.com.
	Host string
	// Repository is the repository name, nested paths kept (team/app/agent).
	Repository string
	// Tag is the image tag, empty when the URI has none.
	Tag string
	// Digest is the image digest (sha256:<64 hex>), empty when the URI has none.
	Digest string
}

// RepositoryArn is the ARN of the image's repository,
// arn:<partition>:ecr:<region>:<account>:repository/<repository>.
// An empty partition means the partition of the registry host.
func (i Image) RepositoryArn(partition string) string {
	if partition == "" {
		partition = PartitionOfHost(i.Host)
	}
	return fmt.Sprintf("arn:%s:ecr:%s:%s:repository/%s", partition, i.Region, i.Account, i.Repository)
}

// PartitionOfHost is the AWS partition of an ECR registry host: aws-cn for
// *.amazonaws.com.cn, aws-us-gov for the GovCloud regions, aws otherwise.
func PartitionOfHost(host string) string {
	host = strings.ToLower(host)
	switch {
	case strings.HasSuffix(host, suffixCN):
		return "aws-cn"
	case strings.Contains(host, ".us-gov-"):
		return "aws-us-gov"
	default:
		return "aws"
	}
}

// Parse parses an ECR image URI:
//
//	<account>.dkr.ecr.<region>.amazonaws.com/<repository>[:<tag>][@sha256:<digest>]
//
// The host may also be <account>.dkr.ecr-fips.<region>.amazonaws.com or
// <account>.dkr.ecr.<region>.amazonaws.com.cn. Errors say what is wrong with
// the URI; they do not repeat it.
func Parse(uri string) (Image, error) {
	if uri == "" {
		return Image{}, errors.New("empty image URI: want " + Want)
	}
	if strings.TrimSpace(uri) != uri || strings.ContainsAny(uri, " \t\r\n") {
		return Image{}, errors.New("image URI must not contain white space: want " + Want)
	}
	if strings.Contains(uri, "://") {
		return Image{}, errors.New("image URI must not have a scheme (such as https://): want " + Want)
	}
	host, rest, ok := strings.Cut(uri, "/")
	if !ok {
		return Image{}, errors.New("not an ECR image URI: want " + Want)
	}
	img := Image{Host: host}
	if err := parseHost(&img); err != nil {
		return Image{}, err
	}
	if err := parseReference(&img, rest); err != nil {
		return Image{}, err
	}
	return img, nil
}

func parseHost(img *Image) error { //nolint:gocyclo // one flat check per part of an ECR host name, in order.
	host := img.Host
	var labels []string
	china := false
	switch {
	case strings.HasSuffix(host, suffixCN):
		china = true
		labels = strings.Split(strings.TrimSuffix(host, suffixCN), ".")
	case strings.HasSuffix(host, suffixCom):
		labels = strings.Split(strings.TrimSuffix(host, suffixCom), ".")
	default:
		return fmt.Errorf("not an ECR image URI: host %q is not an ECR registry: want %s", host, Want)
	}
	// Want [account, dkr, ecr|ecr-fips, region].
	switch {
	case len(labels) == 3 && labels[0] == "dkr" && isECR(labels[1]):
		return fmt.Errorf("not an ECR image URI: host %q has no account: want %s", host, Want)
	case len(labels) == 3 && labels[1] == "dkr" && isECR(labels[2]):
		return fmt.Errorf("not an ECR image URI: host %q has no region: want %s", host, Want)
	case len(labels) != 4 || labels[1] != "dkr" || !isECR(labels[2]):
		return fmt.Errorf("not an ECR image URI: host %q is not an ECR registry: want %s", host, Want)
	}
	account, service, region := labels[0], labels[2], labels[3]
	if !arn.IsAccount(account) {
		return fmt.Errorf("ECR registry account %q is not 12 digits: want %s", account, Want)
	}
	if !reRegion.MatchString(region) {
		return fmt.Errorf("ECR registry region %q is not an AWS region name such as us-east-1", region)
	}
	isCNRegion := strings.HasPrefix(region, "cn-")
	switch {
	case china && !isCNRegion:
		return fmt.Errorf("ECR registry region %q is not a China region, but the host ends in %s", region, suffixCN)
	case !china && isCNRegion:
		return fmt.Errorf("ECR registry region %q is a China region: its host ends in %s", region, suffixCN)
	case china && service == "ecr-fips":
		return errors.New("ECR has no FIPS endpoint (ecr-fips) in the China regions")
	}
	img.Account, img.Region = account, region
	return nil
}

func isECR(label string) bool { return label == "ecr" || label == "ecr-fips" }

func parseReference(img *Image, rest string) error {
	repo := rest
	if before, digest, ok := strings.Cut(rest, "@"); ok {
		if !reDigest.MatchString(digest) {
			return fmt.Errorf("image digest %q is not sha256:<64 lower-case hex digits>", digest)
		}
		repo, img.Digest = before, digest
	}
	if before, tag, ok := strings.Cut(repo, ":"); ok {
		if tag == "" {
			return errors.New("image tag is empty after ':'")
		}
		if !reTag.MatchString(tag) {
			return fmt.Errorf("image tag %q is not valid: want 1-128 letters, digits, '_', '.' and '-', not starting with '.' or '-'", tag)
		}
		repo, img.Tag = before, tag
	}
	if repo == "" {
		return errors.New("not an ECR image URI: no repository after the host: want " + Want)
	}
	if n := len(repo); n < minRepositoryLength || n > maxRepositoryLength {
		return fmt.Errorf("ECR repository name %q must be %d-%d characters long (got %d)", repo, minRepositoryLength, maxRepositoryLength, n)
	}
	if !reRepository.MatchString(repo) {
		hint := ""
		if strings.ToLower(repo) != repo {
			hint = " (ECR repository names are lower case)"
		}
		return fmt.Errorf("ECR repository name %q is not valid%s: want lower-case letters and digits, separated by '.', '_' or '-', with '/' between path parts", repo, hint)
	}
	img.Repository = repo
	return nil
}
