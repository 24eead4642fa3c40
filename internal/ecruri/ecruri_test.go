package ecruri

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

func TestParse(t *testing.T) {
	type want struct {
		img Image
		arn string
		err string // substring; empty means no error
	}
	cases := map[string]struct {
		reason    string
		uri       string
		partition string
		want      want
	}{
		// MDAA test 12.
		"MDAAContainerUri": {
			reason:    "MDAA test 12: the repository ARN uses the given partition, the URI's region and account.",
			uri:       "123456789012.dkr.ecr.us-east-1.amazonaws.com/my-runtime:latest",
			partition: "test-partition",
			want: want{
				img: Image{Account: "123456789012", Region: "us-east-1", Host: "123456789012.dkr.ecr.us-east-1.amazonaws.com", Repository: "my-runtime", Tag: "latest"},
				arn: "arn:test-partition:ecr:us-east-1:123456789012:repository/my-runtime",
			},
		},
		// MDAA tests 13-16.
		"MDAAInvalidFormat": {
			reason: "MDAA test 13: no host and no repository.",
			uri:    "invalid-uri-format",
			want:   want{err: "not an ECR image URI: want " + Want},
		},
		"MDAAMissingAccount": {
			reason: "MDAA test 14: the host starts at dkr.",
			uri:    "dkr.ecr.us-east-1.amazonaws.com/my-repo:latest",
			want:   want{err: `host "dkr.ecr.us-east-1.amazonaws.com" has no account`},
		},
		"MDAAMissingRegion": {
			reason: "MDAA test 15: no region between ecr and amazonaws.com.",
			uri:    "123456789012.dkr.ecr.amazonaws.com/my-repo:latest",
			want:   want{err: `host "123456789012.dkr.ecr.amazonaws.com" has no region`},
		},
		"MDAAMissingRepository": {
			reason: "MDAA test 16: nothing after the host.",
			uri:    "123456789012.dkr.ecr.us-east-1.amazonaws.com/",
			want:   want{err: "no repository after the host"},
		},
		// MDAA test 17.
		"MDAARegionUSEast1": {
			uri: "123456789012.dkr.ecr.us-east-1.amazonaws.com/my-repo:latest",
			want: want{
				img: Image{Account: "123456789012", Region: "us-east-1", Host: "123456789012.dkr.ecr.us-east-1.amazonaws.com", Repository: "my-repo", Tag: "latest"},
				arn: "arn:aws:ecr:us-east-1:123456789012:repository/my-repo",
			},
		},
		"MDAARegionUSWest2": {
			uri: "123456789012.dkr.ecr.us-west-2.amazonaws.com/my-repo:latest",
			want: want{
				img: Image{Account: "123456789012", Region: "us-west-2", Host: "123456789012.dkr.ecr.us-west-2.amazonaws.com", Repository: "my-repo", Tag: "latest"},
				arn: "arn:aws:ecr:us-west-2:123456789012:repository/my-repo",
			},
		},
		"MDAARegionEUWest1": {
			uri: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/my-repo:latest",
			want: want{
				img: Image{Account: "123456789012", Region: "eu-west-1", Host: "123456789012.dkr.ecr.eu-west-1.amazonaws.com", Repository: "my-repo", Tag: "latest"},
				arn: "arn:aws:ecr:eu-west-1:123456789012:repository/my-repo",
			},
		},
		"MDAARegionAPSoutheast1": {
			uri: "123456789012.dkr.ecr.ap-southeast-1.amazonaws.com/my-repo:latest",
			want: want{
				img: Image{Account: "123456789012", Region: "ap-southeast-1", Host: "123456789012.dkr.ecr.ap-southeast-1.amazonaws.com", Repository: "my-repo", Tag: "latest"},
				arn: "arn:aws:ecr:ap-southeast-1:123456789012:repository/my-repo",
			},
		},
		// MDAA tests 18-20.
		"MDAANestedPath": {
			reason: "MDAA test 18: nested repository paths are kept, the tag is stripped.",
			uri:    "123456789012.dkr.ecr.us-east-1.amazonaws.com/my-org/my-team/my-repo:v1.0.0",
			want: want{
				img: Image{Account: "123456789012", Region: "us-east-1", Host: "123456789012.dkr.ecr.us-east-1.amazonaws.com", Repository: "my-org/my-team/my-repo", Tag: "v1.0.0"},
				arn: "arn:aws:ecr:us-east-1:123456789012:repository/my-org/my-team/my-repo",
			},
		},
		"MDAANoTag": {
			reason: "MDAA test 19: a URI without tag or digest.",
			uri:    "123456789012.dkr.ecr.us-east-1.amazonaws.com/my-repo",
			want: want{
				img: Image{Account: "123456789012", Region: "us-east-1", Host: "123456789012.dkr.ecr.us-east-1.amazonaws.com", Repository: "my-repo"},
				arn: "arn:aws:ecr:us-east-1:123456789012:repository/my-repo",
			},
		},
		"MDAADigest": {
			reason: "MDAA test 20: the digest is stripped from the repository.",
			uri:    "123456789012.dkr.ecr.us-east-1.amazonaws.com/my-repo@" + digest,
			want: want{
				img: Image{Account: "123456789012", Region: "us-east-1", Host: "123456789012.dkr.ecr.us-east-1.amazonaws.com", Repository: "my-repo", Digest: digest},
				arn: "arn:aws:ecr:us-east-1:123456789012:repository/my-repo",
			},
		},
		// Beyond MDAA v1.6.0.
		"TagAndDigest": {
			reason: "A tag and a digest together are a valid image reference.",
			uri:    "123456789012.dkr.ecr.us-east-1.amazonaws.com/my-repo:v2@" + digest,
			want: want{
				img: Image{Account: "123456789012", Region: "us-east-1", Host: "123456789012.dkr.ecr.us-east-1.amazonaws.com", Repository: "my-repo", Tag: "v2", Digest: digest},
				arn: "arn:aws:ecr:us-east-1:123456789012:repository/my-repo",
			},
		},
		"China": {
			reason: "China hosts end in .amazonaws.com.cn; an empty partition takes the host's (aws-cn).",
			uri:    "123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/agents/my-repo:1",
			want: want{
				img: Image{Account: "123456789012", Region: "cn-north-1", Host: "123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn", Repository: "agents/my-repo", Tag: "1"},
				arn: "arn:aws-cn:ecr:cn-north-1:123456789012:repository/agents/my-repo",
			},
		},
		"FIPS": {
			reason: "FIPS hosts use ecr-fips.",
			uri:    "123456789012.dkr.ecr-fips.us-east-1.amazonaws.com/my-repo:latest",
			want: want{
				img: Image{Account: "123456789012", Region: "us-east-1", Host: "123456789012.dkr.ecr-fips.us-east-1.amazonaws.com", Repository: "my-repo", Tag: "latest"},
				arn: "arn:aws:ecr:us-east-1:123456789012:repository/my-repo",
			},
		},
		"GovCloud": {
			reason: "GovCloud registries are in partition aws-us-gov.",
			uri:    "123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com/my-repo:latest",
			want: want{
				img: Image{Account: "123456789012", Region: "us-gov-west-1", Host: "123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com", Repository: "my-repo", Tag: "latest"},
				arn: "arn:aws-us-gov:ecr:us-gov-west-1:123456789012:repository/my-repo",
			},
		},
		"UpperCaseRepository": {
			reason: "ECR repository names are lower case.",
			uri:    "123456789012.dkr.ecr.us-east-1.amazonaws.com/My-Repo:latest",
			want:   want{err: `ECR repository name "My-Repo" is not valid (ECR repository names are lower case)`},
		},
		"BadDigest": {
			reason: "A digest must be sha256 with 64 hex digits.",
			uri:    "123456789012.dkr.ecr.us-east-1.amazonaws.com/my-repo@sha256:abcdef",
			want:   want{err: `image digest "sha256:abcdef" is not sha256:<64 lower-case hex digits>`},
		},
		"BadDigestAlgorithm": {
			uri:  "123456789012.dkr.ecr.us-east-1.amazonaws.com/my-repo@md5:0123456789abcdef0123456789abcdef",
			want: want{err: "is not sha256:"},
		},
		"BadTag": {
			reason: "A tag must not start with '.'.",
			uri:    "123456789012.dkr.ecr.us-east-1.amazonaws.com/my-repo:.hidden",
			want:   want{err: `image tag ".hidden" is not valid`},
		},
		"EmptyTag": {
			uri:  "123456789012.dkr.ecr.us-east-1.amazonaws.com/my-repo:",
			want: want{err: "image tag is empty"},
		},
		"TagTooLong": {
			uri:  "123456789012.dkr.ecr.us-east-1.amazonaws.com/my-repo:" + strings.Repeat("a", 129),
			want: want{err: "is not valid"},
		},
		"ShortAccount": {
			reason: "The account is 12 digits (placeholders are substituted before parsing).",
			uri:    "12345.dkr.ecr.us-east-1.amazonaws.com/my-repo:latest",
			want:   want{err: `account "12345" is not 12 digits`},
		},
		"PlaceholderAccount": {
			uri:  "{{account}}.dkr.ecr.us-east-1.amazonaws.com/my-repo:latest",
			want: want{err: `account "{{account}}" is not 12 digits`},
		},
		"BadRegion": {
			uri:  "123456789012.dkr.ecr.US_EAST.amazonaws.com/my-repo:latest",
			want: want{err: `region "US_EAST" is not an AWS region name`},
		},
		"ChinaRegionOnComHost": {
			uri:  "123456789012.dkr.ecr.cn-north-1.amazonaws.com/my-repo:latest",
			want: want{err: `region "cn-north-1" is a China region`},
		},
		"ComRegionOnChinaHost": {
			uri:  "123456789012.dkr.ecr.us-east-1.amazonaws.com.cn/my-repo:latest",
			want: want{err: "is not a China region"},
		},
		"FIPSInChina": {
			uri:  "123456789012.dkr.ecr-fips.cn-north-1.amazonaws.com.cn/my-repo:latest",
			want: want{err: "no FIPS endpoint"},
		},
		"PublicGallery": {
			reason: "ECR Public is not a private registry.",
			uri:    "public.ecr.aws/lambda/python:3.12",
			want:   want{err: `host "public.ecr.aws" is not an ECR registry`},
		},
		"DockerHub": {
			uri:  "docker.io/library/python:3.12",
			want: want{err: "is not an ECR registry"},
		},
		"Scheme": {
			uri:  "https://123456789012.dkr.ecr.us-east-1.amazonaws.com/my-repo:latest",
			want: want{err: "must not have a scheme"},
		},
		"Empty": {
			uri:  "",
			want: want{err: "empty image URI"},
		},
		"WhiteSpace": {
			uri:  " 123456789012.dkr.ecr.us-east-1.amazonaws.com/my-repo:latest",
			want: want{err: "white space"},
		},
		"RepositoryTooShort": {
			uri:  "123456789012.dkr.ecr.us-east-1.amazonaws.com/a:latest",
			want: want{err: "must be 2-256 characters long (got 1)"},
		},
		"RepositoryTooLong": {
			uri:  "123456789012.dkr.ecr.us-east-1.amazonaws.com/" + strings.Repeat("a", 257),
			want: want{err: "must be 2-256 characters long (got 257)"},
		},
		"RepositoryDoubleSlash": {
			uri:  "123456789012.dkr.ecr.us-east-1.amazonaws.com/my-org//my-repo",
			want: want{err: "is not valid"},
		},
		"RepositoryTrailingSeparator": {
			uri:  "123456789012.dkr.ecr.us-east-1.amazonaws.com/my-repo-:latest",
			want: want{err: "is not valid"},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got, err := Parse(tc.uri)
			if tc.want.err != "" {
				if err == nil {
					t.Fatalf("%s\nParse(%q): want error containing %q, got %+v", tc.reason, tc.uri, tc.want.err, got)
				}
				if !strings.Contains(err.Error(), tc.want.err) {
					t.Errorf("%s\nParse(%q): error %q does not contain %q", tc.reason, tc.uri, err, tc.want.err)
				}
				if diff := cmp.Diff(Image{}, got); diff != "" {
					t.Errorf("%s\nParse(%q): want zero Image on error, -want +got:\n%s", tc.reason, tc.uri, diff)
				}
				return
			}
			if err != nil {
				t.Fatalf("%s\nParse(%q): %v", tc.reason, tc.uri, err)
			}
			if diff := cmp.Diff(tc.want.img, got); diff != "" {
				t.Errorf("%s\nParse(%q): -want +got:\n%s", tc.reason, tc.uri, diff)
			}
			if diff := cmp.Diff(tc.want.arn, got.RepositoryArn(tc.partition)); diff != "" {
				t.Errorf("%s\nRepositoryArn(%q): -want +got:\n%s", tc.reason, tc.partition, diff)
			}
		})
	}
}

func TestPartitionOfHost(t *testing.T) {
	cases := map[string]string{
		"123456789012.dkr.ecr.us-east-1.amazonaws.com":         "aws",
		"123456789012.dkr.ecr-fips.us-east-2.amazonaws.com":    "aws",
		"123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn":     "aws-cn",
		"123456789012.dkr.ecr.cn-northwest-1.amazonaws.com.cn": "aws-cn",
		"123456789012.dkr.ecr.us-gov-west-1.amazonaws.com":     "aws-us-gov",
		"123456789012.DKR.ECR.CN-NORTH-1.AMAZONAWS.COM.CN":     "aws-cn",
		"": "aws",
	}
	for host, want := range cases {
		t.Run(host, func(t *testing.T) {
			if diff := cmp.Diff(want, PartitionOfHost(host)); diff != "" {
				t.Errorf("PartitionOfHost(%q): -want +got:\n%s", host, diff)
			}
		})
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"123456789012.dkr.ecr.us-east-1.amazonaws.com/my-runtime:latest",
		"123456789012.dkr.ecr.us-east-1.amazonaws.com/my-repo@" + digest,
		"123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/a/b:1",
		"invalid-uri-format", "/", ":@", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, uri string) {
		img, err := Parse(uri)
		if err != nil {
			return
		}
		// A parsed image always rebuilds to its URI.
		back := img.Host + "/" + img.Repository
		if img.Tag != "" {
			back += ":" + img.Tag
		}
		if img.Digest != "" {
			back += "@" + img.Digest
		}
		if back != uri {
			t.Errorf("Parse(%q) rebuilds to %q", uri, back)
		}
	})
}
