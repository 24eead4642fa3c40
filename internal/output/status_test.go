package output

import (
	"net/url"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/platform-io/function-agentcore-runtime/internal/compose"
)

const (
	testRuntimeArn = "arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/r-abc"
	// escapedArn is testRuntimeArn as it appears in the invoke URL: the whole ARN is
	// escaped, ':' as %3A and '/' as %2F, as AWS's samples do with
	// urllib.parse.quote(arn, safe=''). (url.PathEscape would keep the ':'s:
	// TestEscapedArn pins the difference.)
	escapedArn   = "arn%3Aaws%3Abedrock-agentcore%3Aus-east-1%3A123456789012%3Aruntime%2Fr-abc"
	testRoleArn  = "arn:aws:iam::123456789012:role/team-a-orders-agentcore-us-east-1"
	testEndpoint = testRuntimeArn + "/runtime-endpoint/live"
	testRepoURL  = "123456789012.dkr.ecr.us-east-1.amazonaws.com/agentcore/team-a-orders"
	testPush     = "docker buildx build --platform linux/arm64 -t " + testRepoURL + ":v1 --push ."
	workloadArn  = "arn:aws:bedrock-agentcore:us-east-1:123456789012:workload-identity-directory/default/workload-identity/r-abc"
)

// TestEscapedArn pins what the standard library does with an ARN, so that the
// expected invoke URLs below are the real values and not what one assumes.
func TestEscapedArn(t *testing.T) {
	cases := map[string]struct {
		reason string
		escape func(string) string
		want   string
	}{
		"QueryEscape": {
			reason: "QueryEscape escapes ':' and '/'.",
			escape: url.QueryEscape,
			want:   escapedArn,
		},
		"PathEscape": {
			reason: "PathEscape keeps ':' (valid in a path segment) and escapes only '/'.",
			escape: url.PathEscape,
			want:   "arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime%2Fr-abc",
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, tc.escape(testRuntimeArn)); diff != "" {
				t.Errorf("%s\n-want, +got:\n%s", tc.reason, diff)
			}
		})
	}
}

func TestStatus(t *testing.T) {
	cases := map[string]struct {
		reason string
		facts  compose.Facts
		region string
		want   map[string]any
	}{
		"Empty": {
			reason: "Nothing is known: the status is empty.",
			region: "us-east-1",
			want:   map[string]any{},
		},
		"NameOnly": {
			reason: "The runtime's name is known from the first pass; agentRuntime appears only with an ARN or ID.",
			facts:  compose.Facts{RuntimeName: "team_a_orders"},
			region: "us-east-1",
			want:   map[string]any{},
		},
		"RoleOnly": {
			reason: "The execution role's ARN is published as soon as it is observed.",
			facts:  compose.Facts{RuntimeName: "team_a_orders", RoleArn: testRoleArn},
			region: "us-east-1",
			want:   map[string]any{"executionRoleArn": testRoleArn},
		},
		"RuntimeIDOnly": {
			reason: "An ID without an ARN is enough for agentRuntime; unknown fields are left out.",
			facts:  compose.Facts{RuntimeName: "team_a_orders", RuntimeID: "r-abc"},
			region: "us-east-1",
			want:   map[string]any{"agentRuntime": map[string]any{"name": "team_a_orders", "id": "r-abc"}},
		},
		"EndpointsWithoutRuntimeArn": {
			reason: "Endpoints are listed with what is known; without the runtime's ARN there is no invoke URL.",
			facts: compose.Facts{RuntimeName: "team_a_orders", RuntimeID: "r-abc", Endpoints: []compose.EndpointFacts{
				{Name: "live", Resource: "endpoint-live", ID: "r-abc:live"},
			}},
			region: "us-east-1",
			want: map[string]any{
				"agentRuntime": map[string]any{"name": "team_a_orders", "id": "r-abc"},
				"endpoints":    []any{map[string]any{"name": "live", "id": "r-abc:live"}},
			},
		},
		"Full": {
			reason: "Every fact is published; each endpoint gets its invoke URL with the URL-escaped runtime ARN and its name as qualifier.",
			facts: compose.Facts{
				RuntimeName:         "team_a_orders",
				RoleArn:             testRoleArn,
				RoleName:            "team-a-orders-agentcore-us-east-1",
				RuntimeArn:          testRuntimeArn,
				RuntimeID:           "r-abc",
				RuntimeVersion:      "3",
				WorkloadIdentityArn: workloadArn,
				RepositoryURL:       testRepoURL,
				ImageURI:            testRepoURL + ":v1",
				PushCommand:         testPush,
				InvokeURL:           "not-published-in-status",
				Endpoints: []compose.EndpointFacts{
					{Name: "live", Resource: "endpoint-live", Arn: testEndpoint, ID: "r-abc:live", Version: "3"},
					{Name: "canary", Resource: "endpoint-canary", Extra: true},
				},
				LogGroups:     []string{"/aws/bedrock-agentcore/runtimes/r-abc-DEFAULT", "/aws/bedrock-agentcore/runtimes/r-abc-live"},
				SSMParameters: []string{"/agentcore/team-a/agentruntime/orders/arn", "/agentcore/team-a/agentruntime/orders/id"},
			},
			region: "us-east-1",
			want: map[string]any{
				"agentRuntime": map[string]any{
					"name":                "team_a_orders",
					"arn":                 testRuntimeArn,
					"id":                  "r-abc",
					"version":             "3",
					"workloadIdentityArn": workloadArn,
				},
				"executionRoleArn": testRoleArn,
				"endpoints": []any{
					map[string]any{
						"name":      "live",
						"arn":       testEndpoint,
						"id":        "r-abc:live",
						"version":   "3",
						"invokeUrl": "https://bedrock-agentcore.us-east-1.amazonaws.com/runtimes/" + escapedArn + "/invocations?qualifier=live",
					},
					map[string]any{
						"name":      "canary",
						"invokeUrl": "https://bedrock-agentcore.us-east-1.amazonaws.com/runtimes/" + escapedArn + "/invocations?qualifier=canary",
					},
				},
				"logGroups":     []any{"/aws/bedrock-agentcore/runtimes/r-abc-DEFAULT", "/aws/bedrock-agentcore/runtimes/r-abc-live"},
				"ssmParameters": []any{"/agentcore/team-a/agentruntime/orders/arn", "/agentcore/team-a/agentruntime/orders/id"},
				"image":         map[string]any{"repositoryUrl": testRepoURL, "pushCommand": testPush},
			},
		},
		"InvokeURLRegion": {
			reason: "The invoke URL is in the Input's region; an endpoint name with '_' needs no escaping.",
			facts: compose.Facts{RuntimeArn: "arn:aws:bedrock-agentcore:eu-west-1:123456789012:runtime/r-abc", Endpoints: []compose.EndpointFacts{
				{Name: "test_runtime_endpoint"},
			}},
			region: "eu-west-1",
			want: map[string]any{
				"agentRuntime": map[string]any{"arn": "arn:aws:bedrock-agentcore:eu-west-1:123456789012:runtime/r-abc"},
				"endpoints": []any{map[string]any{
					"name":      "test_runtime_endpoint",
					"invokeUrl": "https://bedrock-agentcore.eu-west-1.amazonaws.com/runtimes/arn%3Aaws%3Abedrock-agentcore%3Aeu-west-1%3A123456789012%3Aruntime%2Fr-abc/invocations?qualifier=test_runtime_endpoint",
				}},
			},
		},
		"LogGroupsOnly": {
			reason: "Log groups are listed in order.",
			facts:  compose.Facts{LogGroups: []string{"/aws/bedrock-agentcore/runtimes/r-abc-DEFAULT"}},
			region: "us-east-1",
			want:   map[string]any{"logGroups": []any{"/aws/bedrock-agentcore/runtimes/r-abc-DEFAULT"}},
		},
		"SSMParametersOnly": {
			reason: "SSM parameter paths are listed in order.",
			facts:  compose.Facts{SSMParameters: []string{"/p/role/x/arn", "/p/role/x/name"}},
			region: "us-east-1",
			want:   map[string]any{"ssmParameters": []any{"/p/role/x/arn", "/p/role/x/name"}},
		},
		"ImageRepositoryOnly": {
			reason: "The repository URL alone; the push command is left out until known.",
			facts:  compose.Facts{RepositoryURL: testRepoURL},
			region: "us-east-1",
			want:   map[string]any{"image": map[string]any{"repositoryUrl": testRepoURL}},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got := Status(tc.facts, tc.region)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("%s\nStatus(): -want, +got:\n%s", tc.reason, diff)
			}
		})
	}
}
