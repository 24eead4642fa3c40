// Package arn holds what the function knows of AWS account IDs and ARNs, once:
// validation of the spec and of the Input, the ECR URI parser and composition
// all read them from here.
package arn

import (
	"regexp"
	"strings"
)

var (
	account = regexp.MustCompile(`^[0-9]{12}$`)
	// pattern is any ARN: arn:<partition>:<service>:<region>:<account>:<resource>;
	// the account is empty for global resources (S3) and "aws" for AWS-managed
	// IAM policies.
	pattern = regexp.MustCompile(`^arn:(aws[a-z-]*):([a-z0-9-]+):([a-z0-9-]*):([0-9]{12}|aws)?:(.+)$`)
)

// IsAccount reports whether s is an AWS account ID: 12 digits.
func IsAccount(s string) bool { return account.MatchString(s) }

// ARN is a parsed ARN.
type ARN struct {
	Partition, Service, Region, Account, Resource string
}

// Parse parses s; ok is false when s is not an ARN.
func Parse(s string) (ARN, bool) {
	m := pattern.FindStringSubmatch(s)
	if m == nil {
		return ARN{}, false
	}
	return ARN{Partition: m[1], Service: m[2], Region: m[3], Account: m[4], Resource: m[5]}, true
}

// Name is the last path segment of an ARN's resource: a role's or a policy's
// name.
func Name(s string) string { return s[strings.LastIndex(s, "/")+1:] }

// DNSSuffix is the domain of AWS endpoints in a partition: amazonaws.com.cn in
// the China regions (aws-cn), amazonaws.com elsewhere (aws, aws-us-gov).
func DNSSuffix(partition string) string {
	if partition == "aws-cn" {
		return "amazonaws.com.cn"
	}
	return "amazonaws.com"
}

// EndpointService is the service name of AWS's interface VPC endpoint for
// service (bedrock-agentcore, ecr.api, ...) in region: cn.com.amazonaws.* in
// the China regions, com.amazonaws.* elsewhere.
func EndpointService(partition, region, service string) string {
	if partition == "aws-cn" {
		return "cn.com.amazonaws." + region + "." + service
	}
	return "com.amazonaws." + region + "." + service
}
