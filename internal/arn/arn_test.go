package arn

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParse(t *testing.T) {
	cases := map[string]struct {
		in     string
		want   ARN
		wantOK bool
	}{
		"Role":          {in: "arn:aws:iam::123456789012:role/path/r", want: ARN{Partition: "aws", Service: "iam", Account: "123456789012", Resource: "role/path/r"}, wantOK: true},
		"ManagedPolicy": {in: "arn:aws:iam::aws:policy/ReadOnlyAccess", want: ARN{Partition: "aws", Service: "iam", Account: "aws", Resource: "policy/ReadOnlyAccess"}, wantOK: true},
		"China":         {in: "arn:aws-cn:kms:cn-north-1:123456789012:key/k", want: ARN{Partition: "aws-cn", Service: "kms", Region: "cn-north-1", Account: "123456789012", Resource: "key/k"}, wantOK: true},
		"S3":            {in: "arn:aws:s3:::bucket/key", want: ARN{Partition: "aws", Service: "s3", Resource: "bucket/key"}, wantOK: true},
		"NotAnARN":      {in: "role/r"},
		"ShortAccount":  {in: "arn:aws:iam::12345:role/r"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got, ok := Parse(tc.in)
			if ok != tc.wantOK {
				t.Fatalf("Parse(%q) ok = %v; want %v", tc.in, ok, tc.wantOK)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Parse(%q): -want +got:\n%s", tc.in, diff)
			}
		})
	}
	if !IsAccount("123456789012") || IsAccount("12345678901") || IsAccount("12345678901a") {
		t.Error("IsAccount")
	}
	if got := Name("arn:aws:iam::123456789012:role/path/r"); got != "r" {
		t.Errorf("Name = %q", got)
	}
}
