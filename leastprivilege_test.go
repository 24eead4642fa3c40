package main

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"google.golang.org/protobuf/types/known/structpb"
	"sigs.k8s.io/yaml"

	"github.com/crossplane/function-sdk-go/logging"
	fnv1 "github.com/crossplane/function-sdk-go/proto/v1"

	"github.com/platform-io/function-agentcore-runtime/internal/compose"
	"github.com/platform-io/function-agentcore-runtime/internal/examples"
	"github.com/platform-io/function-agentcore-runtime/internal/iam"
	"github.com/platform-io/function-agentcore-runtime/internal/naming"
)

// starResources are the documented exceptions to "no Resource *" (docs/decisions.md,
// IAM): the services offer no narrower resource for these actions.
var starResources = map[string][]string{
	"ECRTokenAccess": {"ecr:GetAuthorizationToken"},
	"XRayWrite":      {"xray:GetSamplingRules", "xray:GetSamplingTargets", "xray:PutTelemetryRecords", "xray:PutTraceSegments"},
	"MetricsWrite":   {"cloudwatch:PutMetricData"},
}

// scope is where a case's runtime lives: what its IAM documents must name.
type scope struct {
	partition, region, account string
	runtimeName                string // physical name
}

// statement is an IAM statement as written in a rendered document.
type statement struct {
	Sid       string
	Effect    string
	Principal any
	Action    any
	Resource  any
	Condition any
}

func list(v any) []string {
	switch t := v.(type) {
	case string:
		return []string{t}
	case []any:
		out := make([]string, 0, len(t))
		for _, s := range t {
			str, _ := s.(string)
			out = append(out, str)
		}
		return out
	}
	return nil
}

func parseDocument(t *testing.T, where, doc string) []statement {
	t.Helper()
	var d struct {
		Version   string
		Statement []statement
	}
	if err := json.Unmarshal([]byte(doc), &d); err != nil {
		t.Fatalf("%s: not a policy document: %v\n%s", where, err, doc)
	}
	if d.Version != iam.Version {
		t.Errorf("%s: Version %q", where, d.Version)
	}
	return d.Statement
}

var arnInString = regexp.MustCompile(`arn:[^:"]*:`)

// checkIAM checks the least-privilege rules on the desired objects of one pass,
// by composition resource name.
func checkIAM(t *testing.T, where string, sc scope, objects map[string]map[string]any) {
	t.Helper()
	sids := map[string]bool{}
	for _, s := range iam.Sids {
		sids[s] = true
	}
	for name, o := range objects {
		kind, _ := o["kind"].(string)
		api, _ := o["apiVersion"].(string)
		if !strings.HasPrefix(api, "iam.") {
			continue
		}
		fp, _ := compose.Lookup(o, "spec", "forProvider").(map[string]any)
		switch kind {
		case "Policy":
			doc, _ := fp["policy"].(string)
			at := where + ": " + name
			if size := iam.Size(doc); size > iam.MaxManagedPolicySize {
				t.Errorf("%s: %d characters, over IAM's %d", at, size, iam.MaxManagedPolicySize)
			}
			seen := map[string]bool{}
			for i, st := range parseDocument(t, at, doc) {
				sat := fmt.Sprintf("%s: Statement[%d] %s", at, i, st.Sid)
				if st.Sid != "" {
					if seen[st.Sid] {
						t.Errorf("%s: Sid used twice in one policy (IAM rejects it)", sat)
					}
					seen[st.Sid] = true
				}
				if !sids[st.Sid] {
					continue // the user's own statement
				}
				checkGenerated(t, sat, sc, st)
			}
		case "Role":
			if key, ok := strings.CutPrefix(name, "eventbridge-role-"); ok {
				checkEventsTrust(t, where+": "+name, sc, fp["assumeRolePolicy"], objects[naming.EventRule(key).Rule])
				continue
			}
			checkTrust(t, where+": "+name, sc, fp["assumeRolePolicy"])
		case "RolePolicy":
			doc, _ := fp["policy"].(string)
			for i, st := range parseDocument(t, where+": "+name, doc) {
				checkScoped(t, fmt.Sprintf("%s: %s: Statement[%d] %s", where, name, i, st.Sid), sc, st)
			}
		}
	}
}

// checkGenerated: no wildcard action, Resource "*" only for the documented
// exceptions (metrics only with its namespace condition), every ARN in the
// Input's partition.
func checkGenerated(t *testing.T, at string, sc scope, st statement) {
	t.Helper()
	actions := list(st.Action)
	for _, a := range actions {
		if a == "*" || strings.HasSuffix(a, ":*") || strings.Contains(a, "*") {
			t.Errorf("%s: wildcard action %q", at, a)
		}
	}
	for _, r := range list(st.Resource) {
		if r != "*" {
			continue
		}
		allowed := starResources[st.Sid]
		for _, a := range actions {
			if !slices.Contains(allowed, a) {
				t.Errorf("%s: Resource \"*\" for %q, which is not a documented exception", at, a)
			}
		}
		if st.Sid == "MetricsWrite" && compose.Lookup(st.Condition, "StringEquals", "cloudwatch:namespace") != "bedrock-agentcore" {
			t.Errorf("%s: cloudwatch:PutMetricData on \"*\" without the namespace condition: %v", at, st.Condition)
		}
	}
	b, _ := json.Marshal(st) //nolint:errchkjson // a Statement always marshals.
	for _, arn := range arnInString.FindAllString(string(b), -1) {
		if arn != "arn:"+sc.partition+":" {
			t.Errorf("%s: %s... is not in partition %s", at, arn, sc.partition)
		}
	}
	if st.Sid == "LogGroupAccess" || st.Sid == "GetAgentAccessToken" {
		if !strings.Contains(string(b), sc.runtimeName+"-*") {
			t.Errorf("%s: not scoped to the runtime %s: %s", at, sc.runtimeName, b)
		}
	}
}

// checkScoped: an inline policy the function writes names its actions and
// resources, in the Input's partition.
func checkScoped(t *testing.T, at string, sc scope, st statement) {
	t.Helper()
	for _, a := range list(st.Action) {
		if strings.Contains(a, "*") {
			t.Errorf("%s: wildcard action %q", at, a)
		}
	}
	for _, r := range list(st.Resource) {
		if !strings.HasPrefix(r, "arn:"+sc.partition+":") {
			t.Errorf("%s: Resource %q is not an ARN of partition %s", at, r, sc.partition)
		}
	}
}

// checkEventsTrust: only EventBridge may assume an eventBridgeAlerts rule's
// role, only from this account, only for its rule (rule: the rule's object
// when rendered in the same pass).
func checkEventsTrust(t *testing.T, at string, sc scope, doc any, rule map[string]any) {
	t.Helper()
	st := trustStatement(t, at, doc)
	sourceArn, _ := compose.Lookup(st.Condition, "ArnLike", "aws:SourceArn").(string)
	rulePrefix := "arn:" + sc.partition + ":events:" + sc.region + ":" + sc.account + ":rule/"
	if name, _ := compose.Lookup(rule, "metadata", "annotations", "crossplane.io/external-name").(string); name != "" && sourceArn != rulePrefix+name {
		t.Errorf("%s: trust policy SourceArn %s is not its rule's ARN %s", at, sourceArn, rulePrefix+name)
	}
	got := map[string]any{
		"Effect": st.Effect, "Action": st.Action, "Principal": compose.Lookup(st.Principal, "Service"),
		"SourceAccount": compose.Lookup(st.Condition, "StringEquals", "aws:SourceAccount"),
		"SourceArn":     strings.HasPrefix(sourceArn, rulePrefix) && !strings.Contains(sourceArn, "*"),
	}
	want := map[string]any{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": "events.amazonaws.com", "SourceAccount": sc.account, "SourceArn": true}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("%s: trust policy: -want +got:\n%s", at, diff)
	}
}

// trustStatement is the one statement of a trust policy.
func trustStatement(t *testing.T, at string, doc any) statement {
	t.Helper()
	s, _ := doc.(string)
	sts := parseDocument(t, at, s)
	if len(sts) != 1 {
		t.Fatalf("%s: want one trust statement, got %d", at, len(sts))
	}
	return sts[0]
}

// checkTrust: only AgentCore may assume the role, only from this account, only
// for this runtime.
func checkTrust(t *testing.T, at string, sc scope, doc any) {
	t.Helper()
	st := trustStatement(t, at, doc)
	wantArn := "arn:" + sc.partition + ":bedrock-agentcore:" + sc.region + ":" + sc.account + ":runtime/" + sc.runtimeName + "-*"
	got := map[string]any{
		"Effect":        st.Effect,
		"Action":        st.Action,
		"Principal":     compose.Lookup(st.Principal, "Service"),
		"SourceAccount": compose.Lookup(st.Condition, "StringEquals", "aws:SourceAccount"),
		"SourceArn":     compose.Lookup(st.Condition, "ArnLike", "aws:SourceArn"),
	}
	want := map[string]any{
		"Effect":        "Allow",
		"Action":        "sts:AssumeRole",
		"Principal":     "bedrock-agentcore.amazonaws.com",
		"SourceAccount": sc.account,
		"SourceArn":     wantArn,
	}
	for k := range want {
		if fmt.Sprint(want[k]) != fmt.Sprint(got[k]) {
			t.Errorf("%s: trust policy %s: want %v, got %v", at, k, want[k], got[k])
		}
	}
}

// caseScope is the scope of an example case, from its Input and XR.
func caseScope(c *examples.Case) scope {
	str := func(k string) string { s, _ := c.Input[k].(string); return s }
	sc := scope{partition: str("partition"), region: str("region"), account: str("accountId")}
	if sc.partition == "" {
		sc.partition = "aws"
	}
	ns, _ := compose.Lookup(c.XR, "metadata", "namespace").(string)
	if ns == "" {
		ns, _ = compose.Lookup(c.XR, "metadata", "labels", "crossplane.io/claim-namespace").(string)
	}
	name, _ := compose.Lookup(c.XR, "spec", "agentRuntimeName").(string)
	sc.runtimeName = naming.Runtime(strings.ReplaceAll(str("namePrefix"), "{{namespace}}", ns), name)
	return sc
}

func desiredObjects(rsp *fnv1.RunFunctionResponse) map[string]map[string]any {
	out := map[string]map[string]any{}
	for name, r := range rsp.GetDesired().GetResources() {
		out[name] = r.GetResource().AsMap()
	}
	return out
}

// TestLeastPrivilegeExamples checks the IAM documents of every example: its
// committed expected.yaml (what `crossplane render` gives, see test/render), and
// every pass of the function from the case to its steady state.
func TestLeastPrivilegeExamples(t *testing.T) {
	dirs, err := examples.Dirs("example")
	if err != nil {
		t.Fatal(err)
	}
	f := &Function{log: logging.NewNopLogger()}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			c, err := examples.Read(dir)
			if err != nil {
				t.Fatal(err)
			}
			sc := caseScope(c)
			checkIAM(t, "expected.yaml", sc, expectedObjects(t, filepath.Join(dir, "expected.yaml")))
			req, err := c.Request()
			if err != nil {
				t.Fatal(err)
			}
			pass := 0
			run := func(r *fnv1.RunFunctionRequest) (*fnv1.RunFunctionResponse, error) {
				pass++
				rsp, err := f.RunFunction(context.Background(), r)
				if err == nil {
					checkIAM(t, fmt.Sprintf("pass %d", pass), sc, desiredObjects(rsp))
				}
				return rsp, err
			}
			if _, _, err := examples.Converge(run, req, 20); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// expectedObjects are the composed resources of an expected.yaml, by
// composition resource name.
func expectedObjects(t *testing.T, file string) map[string]map[string]any {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]map[string]any{}
	for _, doc := range strings.Split(string(b), "\n---\n") {
		o := map[string]any{}
		if err := yaml.Unmarshal([]byte(strings.TrimPrefix(doc, "---\n")), &o); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		if name, ok := compose.Lookup(o, "metadata", "annotations", examples.CompositionResourceNameAnnotation).(string); ok {
			out[name] = o
		}
	}
	return out
}

// partitions the random specs run in.
var partitions = []struct{ partition, region, ecrDomain string }{
	{"aws", "us-east-1", "amazonaws.com"},
	{"aws-cn", "cn-north-1", "amazonaws.com.cn"},
	{"aws-us-gov", "us-gov-west-1", "amazonaws.com"},
}

// TestLeastPrivilegeRandomSpecs composes random valid specs in every partition,
// up to their steady state, and checks the IAM documents of every pass; user
// statements with wildcard actions must give a Warning naming them, and
// execution policies too large for IAM must be split (with a Warning).
func TestLeastPrivilegeRandomSpecs(t *testing.T) {
	const specs = 60
	f := &Function{log: logging.NewNopLogger()}
	splits := 0
	for i := range specs {
		rng := rand.New(rand.NewPCG(uint64(i), 99))
		p := partitions[i%len(partitions)]
		spec, wildcards := randomSpec(rng, p.partition, p.region, p.ecrDomain)
		name := fmt.Sprintf("%d-%s-%s", i, p.partition, spec["agentRuntimeName"])
		t.Run(name, func(t *testing.T) {
			req, sc := randomRequest(t, spec, p.partition, p.region, rng.IntN(2) == 0)
			pass := 0
			run := func(r *fnv1.RunFunctionRequest) (*fnv1.RunFunctionResponse, error) {
				pass++
				rsp, err := f.RunFunction(context.Background(), r)
				if err != nil {
					return nil, err
				}
				var warnings []string
				for _, res := range rsp.GetResults() {
					switch res.GetSeverity() {
					case fnv1.Severity_SEVERITY_FATAL:
						t.Fatalf("the random spec is invalid: %s", res.GetMessage())
					case fnv1.Severity_SEVERITY_WARNING:
						warnings = append(warnings, res.GetMessage())
					}
				}
				for _, w := range wildcards {
					if !slices.ContainsFunc(warnings, func(m string) bool { return strings.HasPrefix(m, w+": ") && strings.Contains(m, "wildcard") }) {
						t.Errorf("pass %d: no Warning about the wildcard action at %s; warnings: %q", pass, w, warnings)
					}
				}
				objects := desiredObjects(rsp)
				checkIAM(t, fmt.Sprintf("pass %d", pass), sc, objects)
				if _, split := objects[naming.ExecutionPolicyPart(2)]; split {
					if pass == 1 {
						splits++
					}
					if !slices.ContainsFunc(warnings, func(m string) bool { return strings.Contains(m, "it is split into") }) {
						t.Errorf("pass %d: the execution policy is split without a Warning", pass)
					}
				}
				return rsp, nil
			}
			if _, _, err := examples.Converge(run, req, 20); err != nil {
				t.Fatal(err)
			}
		})
	}
	if splits == 0 {
		t.Error("no random spec had an execution policy large enough to be split: the generator does not cover the split")
	}
}

// randomRequest is the first pass of spec in a legacy or namespaced XR.
func randomRequest(t *testing.T, spec map[string]any, partition, region string, namespaced bool) (*fnv1.RunFunctionRequest, scope) {
	t.Helper()
	meta := map[string]any{"name": "rt-x1", "labels": map[string]any{"crossplane.io/claim-namespace": "team-a"}}
	apiVersion := "agentcore.platform.io/v1alpha1"
	if namespaced {
		meta, apiVersion = map[string]any{"name": "rt", "namespace": "team-a"}, "agentcore.m.platform.io/v1alpha1"
	}
	xr, err := structpb.NewStruct(map[string]any{"apiVersion": apiVersion, "kind": "XAgentCoreRuntime", "metadata": meta, "spec": spec})
	if err != nil {
		t.Fatal(err)
	}
	in, err := structpb.NewStruct(map[string]any{
		"apiVersion": "runtime.agentcore.platform.io/v1beta1", "kind": "Input",
		"region": region, "accountId": "123456789012", "partition": partition, "namePrefix": "{{namespace}}-",
	})
	if err != nil {
		t.Fatal(err)
	}
	req := &fnv1.RunFunctionRequest{Meta: &fnv1.RequestMeta{Tag: "t"}, Input: in, Observed: &fnv1.State{Composite: &fnv1.Resource{Resource: xr}}}
	name, _ := spec["agentRuntimeName"].(string)
	return req, scope{partition: partition, region: region, account: "123456789012", runtimeName: naming.Runtime("team-a-", name)}
}

// randomSpec is a random valid spec, and the paths of its user statements'
// wildcard Allow actions (which must give a Warning).
func randomSpec(rng *rand.Rand, partition, region, ecrDomain string) (map[string]any, []string) {
	pick := func(s ...string) string { return s[rng.IntN(len(s))] }
	arn := func(service, rest string) string { return "arn:" + partition + ":" + service + ":" + rest }
	spec := map[string]any{
		"agentRuntimeName":      fmt.Sprintf("%s%d", pick("orders", "support-agent", "A", "a_very_long_agent_name_for_the_truncation_of_x"), rng.IntN(100)),
		"networkConfiguration":  map[string]any{"securityGroups": []any{"sg-0a1b2c3d4e5f60718"}, "subnets": []any{"subnet-0a1b2c3d4e5f60718"}},
		"protocolConfiguration": pick("HTTP", "MCP", "A2A"),
	}
	if n := spec["agentRuntimeName"].(string); len(n) > 48 {
		spec["agentRuntimeName"] = n[:48]
	}
	switch rng.IntN(5) {
	case 0:
		spec["agentRuntimeArtifact"] = map[string]any{"containerConfiguration": map[string]any{"containerUri": "123456789012.dkr.ecr." + region + "." + ecrDomain + "/agents/orders:1"}}
	case 1:
		spec["agentRuntimeArtifact"] = map[string]any{"containerConfiguration": map[string]any{"containerUri": "210987654321.dkr.ecr." + region + "." + ecrDomain + "/shared/agent:2"}}
	case 2:
		spec["agentRuntimeArtifact"] = map[string]any{"containerConfiguration": map[string]any{"repository": map[string]any{"imageTag": "v1"}}}
	case 3:
		spec["agentRuntimeArtifact"] = map[string]any{"containerConfiguration": map[string]any{"codePath": "./agent"}}
	default:
		s3 := map[string]any{"bucket": "agent-code-bucket", "prefix": "agents/orders.zip"}
		if rng.IntN(2) == 0 {
			s3["versionId"] = "3sL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY"
		}
		spec["agentRuntimeArtifact"] = map[string]any{"codeConfiguration": map[string]any{"s3": s3, "entryPoint": []any{"main.py"}, "runtime": "PYTHON_3_13"}}
	}
	if rng.IntN(2) == 0 {
		spec["authorizerConfiguration"] = map[string]any{"customJwtAuthorizer": map[string]any{
			"discoveryUrl":   "https://cognito-idp." + region + ".amazonaws.com/" + region + "_pool/.well-known/openid-configuration",
			"allowedClients": []any{"web"},
		}}
	}
	if rng.IntN(3) == 0 {
		var models []any
		for j := range 1 + rng.IntN(50) {
			models = append(models, arn("bedrock", fmt.Sprintf("%s::foundation-model/anthropic.claude-model-%02d-v1:0", region, j)))
		}
		spec["allowedModelArns"] = models
	}
	if rng.IntN(3) == 0 {
		spec["runtimeEndpoint"] = map[string]any{"name": "live"}
	}
	if rng.IntN(4) == 0 {
		spec["enableTransactionSearch"] = true
	}
	var policies []any
	var wildcards []string
	if rng.IntN(2) == 0 {
		policies = append(policies, map[string]any{"policyArn": arn("iam", ":aws:policy/ReadOnlyAccess")})
	}
	actions := []string{"s3:GetObject", "s3:PutObject", "sqs:ReceiveMessage", "dynamodb:GetItem", "dynamodb:Query", "s3:*", "*", "kms:Decrypt", "secretsmanager:GetSecretValue"}
	docs := rng.IntN(4)
	if rng.IntN(4) == 0 {
		docs = 10 + rng.IntN(10) // many statements: the policy may need a split
	}
	sid := 0
	for d := range docs {
		var statements []any
		for j := range 1 + rng.IntN(50) {
			var acts []any
			wild := false
			for range 1 + rng.IntN(4) {
				a := actions[rng.IntN(len(actions))]
				wild = wild || a == "*" || strings.HasSuffix(a, ":*")
				acts = append(acts, a)
			}
			effect := pick("Allow", "Allow", "Deny")
			st := map[string]any{
				"Effect":   effect,
				"Action":   acts,
				"Resource": []any{arn("s3", fmt.Sprintf("::bucket-%d-%d/*", d, j)), pick("*", arn("sqs", region+":123456789012:queue-"+fmt.Sprint(j)))},
			}
			if rng.IntN(2) == 0 {
				sid++
				st["Sid"] = fmt.Sprintf("User%d", sid)
			}
			if rng.IntN(4) == 0 {
				st["Condition"] = map[string]any{"StringEquals": map[string]any{"aws:RequestedRegion": region}}
			}
			if wild && effect == "Allow" {
				wildcards = append(wildcards, fmt.Sprintf("spec.policies[%d].policyDocument.Statement[%d].Action", len(policies), j))
			}
			statements = append(statements, st)
		}
		policies = append(policies, map[string]any{"policyDocument": map[string]any{"Statement": statements}})
	}
	if len(policies) > 0 {
		spec["policies"] = policies
	}
	if rng.IntN(5) == 0 {
		spec["roleArn"] = arn("iam", ":123456789012:role/existing-agent-role")
	}
	sort.Strings(wildcards)
	return spec, wildcards
}

// TestUserSidsOfGeneratedStatementsRejected: a user statement appended to the
// execution policy with the Sid of one of the function's own statements would
// make IAM reject the whole policy (Sids are unique within a policy): it is a
// validation error at the Sid's path.
func TestUserSidsOfGeneratedStatementsRejected(t *testing.T) {
	f := &Function{log: logging.NewNopLogger()}
	for _, sid := range iam.Sids {
		t.Run(sid, func(t *testing.T) {
			xr := `{"apiVersion":"agentcore.m.platform.io/v1alpha1","kind":"XAgentCoreRuntime","metadata":{"name":"rt","namespace":"team-a"},"spec":{` + minimalSpec +
				`,"policies":[{"policyDocument":{"Statement":[{"Sid":"` + sid + `","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}}]}}`
			rsp, err := f.RunFunction(context.Background(), newRequest(xr, input))
			if err != nil {
				t.Fatal(err)
			}
			got := ""
			if r := rsp.GetResults(); len(r) > 0 && r[0].GetSeverity() == fnv1.Severity_SEVERITY_FATAL {
				got = r[0].GetMessage()
			}
			if !strings.Contains(got, `spec.policies[0].policyDocument.Statement[0].Sid: Invalid value: "`+sid+`"`) {
				t.Errorf("want a Fatal result about the Sid, got %q", got)
			}
		})
	}
}
