//go:build e2e

// Package e2e drives the function under Crossplane core against a real API server.
// test/e2e/run.sh starts etcd, kube-apiserver, the garbage collector and Crossplane
// core, applies the CRDs, installs the Function and Configuration packages through
// Crossplane's package manager (XRDs and Compositions come from the latter), runs the
// function from the package's image, and then runs this test with KUBECONFIG set.
// Without that environment the test is skipped.
//
// No provider runs: the test stands in for provider-aws with the simulated provider
// (internal/simprovider), writing what provider-aws v2.7.0 writes (external names,
// late-initialised fields, status.atProvider from the Terraform schema, conditions,
// and once an AWS error) stage by stage, and checks what Crossplane core and the
// function do next.
package e2e

import (
	"bufio"
	"encoding/base64"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/discovery"
	"k8s.io/client-go/discovery/cached/memory"
	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/restmapper"
	"k8s.io/client-go/tools/clientcmd"
	"sigs.k8s.io/yaml"

	"github.com/platform-io/function-agentcore-runtime/internal/naming"
	"github.com/platform-io/function-agentcore-runtime/internal/simprovider"
)

const (
	namespace = "team-a"
	account   = "123456789012" // the Compositions' Input
	region    = "us-east-1"
	poll      = 200 * time.Millisecond
	// stageTimeout bounds each wait for Crossplane core and the function to act.
	stageTimeout = 60 * time.Second
)

// cluster is the API server the test talks to.
type cluster struct {
	dyn    dynamic.Interface
	mapper *restmapper.DeferredDiscoveryRESTMapper
	mu     sync.Mutex
}

func connect(t *testing.T) *cluster {
	t.Helper()
	kc := os.Getenv("KUBECONFIG")
	if kc == "" || os.Getenv("E2E_IN_NETNS") != "1" {
		t.Skip("run through test/e2e/run.sh: it starts the API server and Crossplane core")
	}
	cfg, err := clientcmd.BuildConfigFromFlags("", kc)
	if err != nil {
		t.Fatalf("kubeconfig: %v", err)
	}
	cfg.QPS, cfg.Burst = 200, 400
	dc, err := discovery.NewDiscoveryClientForConfig(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return &cluster{
		dyn:    dynamic.NewForConfigOrDie(cfg),
		mapper: restmapper.NewDeferredDiscoveryRESTMapper(memory.NewMemCacheClient(dc)),
	}
}

// res is the client of one kind, in the test namespace when the kind is namespaced.
func (c *cluster) res(t *testing.T, apiVersion, kind string) dynamic.ResourceInterface {
	t.Helper()
	m := c.mapping(t, apiVersion, kind)
	if m.Scope.Name() == meta.RESTScopeNameNamespace {
		return c.dyn.Resource(m.Resource).Namespace(namespace)
	}
	return c.dyn.Resource(m.Resource)
}

// mapping is the API server's resource and scope of one kind.
func (c *cluster) mapping(t *testing.T, apiVersion, kind string) *meta.RESTMapping {
	t.Helper()
	gv, err := schema.ParseGroupVersion(apiVersion)
	if err != nil {
		t.Fatal(err)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	m, err := c.mapper.RESTMapping(gv.WithKind(kind).GroupKind(), gv.Version)
	if meta.IsNoMatchError(err) {
		c.mapper.Reset()
		m, err = c.mapper.RESTMapping(gv.WithKind(kind).GroupKind(), gv.Version)
	}
	if err != nil {
		t.Fatalf("%s %s: %v", apiVersion, kind, err)
	}
	return m
}

func (c *cluster) of(t *testing.T, u *unstructured.Unstructured) dynamic.ResourceInterface {
	t.Helper()
	return c.res(t, u.GetAPIVersion(), u.GetKind())
}

func load(t *testing.T, file string) *unstructured.Unstructured {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", file))
	if err != nil {
		t.Fatal(err)
	}
	u := &unstructured.Unstructured{}
	if err := yaml.Unmarshal(b, &u.Object); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return u
}

// eventually polls check until it reports done, failing the test after timeout with
// check's last explanation.
func eventually(t *testing.T, timeout time.Duration, what string, check func() (bool, string)) {
	t.Helper()
	start := time.Now()
	for {
		ok, why := check()
		if ok {
			t.Logf("%s (%.1fs)", what, time.Since(start).Seconds())
			return
		}
		if time.Since(start) > timeout {
			t.Fatalf("timed out after %s waiting for %s: %s", timeout, what, why)
		}
		time.Sleep(poll)
	}
}

func condition(u *unstructured.Unstructured, typ string) (status, reason, message string) {
	conds, _, _ := unstructured.NestedSlice(u.Object, "status", "conditions")
	for _, c := range conds {
		m, _ := c.(map[string]any)
		if m["type"] == typ {
			s, _ := m["status"].(string)
			r, _ := m["reason"].(string)
			msg, _ := m["message"].(string)
			return s, r, msg
		}
	}
	return "", "", ""
}

func TestAdmissionRejectsInvalidSpecs(t *testing.T) {
	c := connect(t)
	ctx := t.Context()
	claim := load(t, "invalid-claim.yaml")
	xr := claim.DeepCopy()
	xr.SetAPIVersion("agentcore.m.platform.io/v1alpha1")
	xr.SetKind("XAgentCoreRuntime")
	for _, u := range []*unstructured.Unstructured{claim, xr} {
		_, err := c.of(t, u).Create(ctx, u, metav1.CreateOptions{})
		if err == nil {
			t.Fatalf("%s %s was accepted; want it rejected by the XRD schema", u.GetKind(), u.GetName())
		}
		if !apierrors.IsInvalid(err) {
			t.Fatalf("%s %s: want an Invalid (422) error, got %v", u.GetKind(), u.GetName(), err)
		}
		for _, want := range []string{
			"spec.networkConfiguration.subnets: Too many: 17: must have at most 16 items",
			"spec.lifecycleConfiguration.idleRuntimeSessionTimeout",
			"should be greater than or equal to 60",
		} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("%s %s: the error does not name %q:\n%v", u.GetKind(), u.GetName(), want, err)
			}
		}
		t.Logf("%s rejected at admission: %v", u.GetKind(), err)
	}
}

// subject is one composite under test: a legacy claim or a namespaced XR.
type subject struct {
	c        *cluster
	t        *testing.T
	legacy   bool
	obj      *unstructured.Unstructured // the claim or the namespaced XR, as applied
	endpoint string                     // MDAA's runtimeEndpoint.name
	policy   string                     // composition resource name of the policyArn attachment, "" for none
	// failRuntime makes the provider fail the runtime's first create with an
	// AWS error, which the composite must show.
	failRuntime bool
	sim         simprovider.Provider
	// refs are the spec's ssm: references: parameter path to its value in
	// the simulated account.
	refs map[string]string
	// extra are composition resources, beyond every subject's, the subject's
	// spec adds once the runtime exists.
	extra []string
}

func TestLifecycle(t *testing.T) {
	c := connect(t)
	for _, tc := range []struct {
		name, file, endpoint, policy string
		legacy, failRuntime          bool
		refs                         map[string]string
		extra                        []string
	}{
		// testdata/claim.yaml reads its subnet from SSM.
		{name: "LegacyClaim", file: "claim.yaml", endpoint: "minimal_endpoint", legacy: true,
			refs: map[string]string{"/org/shared/vpc/subnet-a/id": "subnet-12345678"}},
		// testdata/xr.yaml has MDAA's eventBridgeAlerts (cloudwatchevents,
		// iam RolePolicy and lambda kinds on the real API server).
		{name: "NamespacedXR", file: "xr.yaml", endpoint: "test_runtime_endpoint", policy: "policy-attachment-amazons3readonlyaccess", failRuntime: true,
			extra: []string{"connection-secret", "eventbridge-rule-denied", "eventbridge-role-denied", "eventbridge-role-policy-denied", "eventbridge-target-denied",
				"eventbridge-lambda-target-denied", "eventbridge-lambda-permission-denied", "ssm-eventbridge-rule-denied-arn"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := &subject{c: c, t: t, legacy: tc.legacy, obj: load(t, tc.file),
				endpoint: tc.endpoint, policy: tc.policy, failRuntime: tc.failRuntime, refs: tc.refs, extra: tc.extra,
				sim: simprovider.Provider{Partition: "aws", Region: region, Account: account, Now: time.Now(), Parameters: tc.refs}}
			s.run()
		})
	}
}

// xr is the composite: the claim's XR, or the namespaced XR itself.
func (s *subject) xr() *unstructured.Unstructured {
	t := s.t
	t.Helper()
	cur, err := s.c.of(t, s.obj).Get(t.Context(), s.obj.GetName(), metav1.GetOptions{})
	if err != nil {
		if apierrors.IsNotFound(err) {
			return nil
		}
		t.Fatal(err)
	}
	if !s.legacy {
		return cur
	}
	name, _, _ := unstructured.NestedString(cur.Object, "spec", "resourceRef", "name")
	if name == "" {
		return nil
	}
	xr, err := s.c.res(t, s.obj.GetAPIVersion(), "XAgentCoreRuntime").Get(t.Context(), name, metav1.GetOptions{})
	if apierrors.IsNotFound(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	return xr
}

// composed are the XR's composed resources by composition resource name, read from
// the XR's resource references, as Crossplane records them.
func (s *subject) composed() map[string]*unstructured.Unstructured {
	t := s.t
	t.Helper()
	xr := s.xr()
	out := map[string]*unstructured.Unstructured{}
	if xr == nil {
		return out
	}
	path := []string{"spec", "crossplane", "resourceRefs"}
	if s.legacy {
		path = []string{"spec", "resourceRefs"}
	}
	refs, _, _ := unstructured.NestedSlice(xr.Object, path...)
	for _, r := range refs {
		m, _ := r.(map[string]any)
		av, _ := m["apiVersion"].(string)
		kind, _ := m["kind"].(string)
		name, _ := m["name"].(string)
		u, err := s.c.res(t, av, kind).Get(t.Context(), name, metav1.GetOptions{})
		if apierrors.IsNotFound(err) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		out[u.GetAnnotations()["crossplane.io/composition-resource-name"]] = u
	}
	return out
}

func names(m map[string]*unstructured.Unstructured) []string {
	return slices.Sorted(maps.Keys(m))
}

// waitComposed waits until every wanted resource is composed and returns them all.
func (s *subject) waitComposed(what string, want ...string) map[string]*unstructured.Unstructured {
	s.t.Helper()
	var got map[string]*unstructured.Unstructured
	eventually(s.t, stageTimeout, what, func() (bool, string) {
		got = s.composed()
		var missing []string
		for _, w := range want {
			if got[w] == nil {
				missing = append(missing, w)
			}
		}
		if len(missing) == 0 {
			return true, ""
		}
		return false, fmt.Sprintf("missing %v; composed %v; %s", missing, names(got), s.xrState())
	})
	return got
}

// xrState summarises the XR's conditions for failure messages.
func (s *subject) xrState() string {
	xr := s.xr()
	if xr == nil {
		return "no XR yet"
	}
	var parts []string
	for _, typ := range []string{"Synced", "Ready", "ResourcesReady"} {
		st, r, m := condition(xr, typ)
		if st != "" {
			parts = append(parts, fmt.Sprintf("%s=%s (%s: %s)", typ, st, r, m))
		}
	}
	return "XR " + xr.GetName() + ": " + strings.Join(parts, "; ")
}

// provide stands in for provider-aws: the simulated provider (internal/simprovider)
// reconciles the resource, and the test writes what the provider writes: the
// external-name annotation and the late-initialised spec.forProvider fields on
// the object, atProvider and the conditions through the status subresource.
// failure, when set, is the AWS error the provider reports instead.
func (s *subject) provide(name string, got map[string]*unstructured.Unstructured, failure string) {
	t := s.t
	t.Helper()
	if got[name] == nil {
		t.Fatalf("%s is not composed", name)
	}
	s.c.provide(t, s.sim, name, got, failure)
}

// provide stands in for provider-aws on the composed resource name among got
// (one XR's composed resources): it writes what sim reports as the provider
// writes it (see subject.provide).
func (c *cluster) provide(t *testing.T, sim simprovider.Provider, name string, got map[string]*unstructured.Unstructured, failure string) {
	t.Helper()
	u := got[name]
	world := map[string]map[string]any{}
	for n, o := range got {
		world[n] = o.Object
	}
	sim.Now = time.Now()
	if failure != "" {
		sim.Failures = map[string]string{name: failure}
	}
	rep, err := sim.Reconcile(name, u.Object, world)
	if err != nil {
		t.Fatal(err)
	}
	meta := map[string]any{}
	if rep.ExternalName != "" && rep.ExternalName != u.GetAnnotations()[simprovider.ExternalNameAnnotation] {
		meta["metadata"] = map[string]any{"annotations": map[string]any{simprovider.ExternalNameAnnotation: rep.ExternalName}}
	}
	if len(rep.LateInit) > 0 {
		meta["spec"] = map[string]any{"forProvider": rep.LateInit}
	}
	if len(meta) > 0 {
		c.patch(t, u, meta, "")
	}
	if rep.Status != nil {
		c.patch(t, u, map[string]any{"status": rep.Status}, "status")
	}
	if details := sim.ConnectionDetails(u.Object); len(details) > 0 {
		c.publish(t, u, details)
	}
}

// publish writes what the provider publishes of u in its connection Secret
// (spec.writeConnectionSecretToRef: in u's namespace, or the ref's for a
// cluster-scoped resource), where Crossplane reads it for the function.
func (c *cluster) publish(t *testing.T, u *unstructured.Unstructured, details map[string][]byte) {
	t.Helper()
	name, _, _ := unstructured.NestedString(u.Object, "spec", "writeConnectionSecretToRef", "name")
	ns := u.GetNamespace()
	if ns == "" {
		ns, _, _ = unstructured.NestedString(u.Object, "spec", "writeConnectionSecretToRef", "namespace")
	}
	data := map[string]any{}
	for k, v := range details {
		data[k] = base64.StdEncoding.EncodeToString(v)
	}
	secret := &unstructured.Unstructured{Object: map[string]any{
		"apiVersion": "v1", "kind": "Secret", "type": "connection.crossplane.io/v1alpha1",
		"metadata": map[string]any{"name": name, "namespace": ns}, "data": data,
	}}
	res := c.dyn.Resource(schema.GroupVersionResource{Version: "v1", Resource: "secrets"}).Namespace(ns)
	if _, err := res.Create(t.Context(), secret, metav1.CreateOptions{}); apierrors.IsAlreadyExists(err) {
		b, _ := yamlToJSON(map[string]any{"data": data})
		if _, err := res.Patch(t.Context(), name, types.MergePatchType, b, metav1.PatchOptions{}); err != nil {
			t.Fatalf("publishing the connection details of %s: %v", u.GetName(), err)
		}
	} else if err != nil {
		t.Fatalf("publishing the connection details of %s: %v", u.GetName(), err)
	}
}

// patch merge-patches u (its subresource when set).
func (c *cluster) patch(t *testing.T, u *unstructured.Unstructured, patch map[string]any, subresource string) {
	t.Helper()
	b, err := yamlToJSON(patch)
	if err != nil {
		t.Fatal(err)
	}
	var sub []string
	if subresource != "" {
		sub = []string{subresource}
	}
	if _, err := c.of(t, u).Patch(t.Context(), u.GetName(), types.MergePatchType, b, metav1.PatchOptions{}, sub...); err != nil {
		t.Fatalf("patching %s %s %s: %v", u.GetKind(), u.GetName(), subresource, err)
	}
}

func yamlToJSON(v any) ([]byte, error) {
	b, err := yaml.Marshal(v)
	if err != nil {
		return nil, err
	}
	return yaml.YAMLToJSON(b)
}

// provideAll stands in for the provider on every named resource.
func (s *subject) provideAll(got map[string]*unstructured.Unstructured, res ...string) {
	s.t.Helper()
	for _, r := range res {
		s.provide(r, got, "")
	}
}

// provideRest stands in for the provider on every composed provider-aws
// resource it has not reconciled yet (no Synced condition), and reports
// whether there was any.
func (s *subject) provideRest(got map[string]*unstructured.Unstructured) bool {
	s.t.Helper()
	return s.c.provideNew(s.t, s.sim, got, func(*unstructured.Unstructured) bool { return true })
}

// provideNew reconciles every provider-aws resource of got (one XR's composed
// resources) that the stand-in provider has not reconciled yet (no Synced
// condition) and that due says is due; it reports whether there was any.
func (c *cluster) provideNew(t *testing.T, sim simprovider.Provider, got map[string]*unstructured.Unstructured, due func(*unstructured.Unstructured) bool) bool {
	t.Helper()
	did := false
	for _, name := range names(got) {
		u := got[name]
		if _, ok := simprovider.KindOf(u.Object); !ok {
			continue // Usages and Secrets: Crossplane's own
		}
		if st, _, _ := condition(u, "Synced"); st == "" && due(u) {
			c.provide(t, sim, name, got, "")
			did = true
		}
	}
	return did
}

// runtimeID is the runtime's external name: the ID AWS gave it.
func runtimeID(rt *unstructured.Unstructured) string {
	return rt.GetAnnotations()[simprovider.ExternalNameAnnotation]
}

func atProvider(u *unstructured.Unstructured, key string) string {
	s, _, _ := unstructured.NestedString(u.Object, "status", "atProvider", key)
	return s
}

// refresh reads the named composed resources again.
func (s *subject) refresh(got map[string]*unstructured.Unstructured) map[string]*unstructured.Unstructured {
	cur := s.composed()
	for n := range got {
		if cur[n] == nil {
			s.t.Fatalf("%s disappeared", n)
		}
	}
	return cur
}

func (s *subject) run() {
	t := s.t
	c := s.c
	ctx := t.Context()
	if _, err := c.of(t, s.obj).Create(ctx, s.obj, metav1.CreateOptions{}); err != nil {
		t.Fatalf("creating %s %s: %v", s.obj.GetKind(), s.obj.GetName(), err)
	}

	// (a) ssm: references: only their observe-only Parameters are composed
	// until the provider publishes their values.
	s.checkReferences()

	// (b) The IAM stage: role and policy first, no runtime yet.
	got := s.waitComposed("the execution role and policy", "execution-role", "execution-policy")
	if got["runtime"] != nil {
		t.Fatalf("the runtime is composed before its role is Ready")
	}
	wantGroup := ".aws.m.upbound.io/v1beta1"
	if s.legacy {
		wantGroup = ".aws.upbound.io/v1beta1"
	}
	for _, r := range []string{"execution-role", "execution-policy"} {
		if av := got[r].GetAPIVersion(); !strings.HasSuffix(av, wantGroup) {
			t.Errorf("%s has apiVersion %s; want the %s group", r, av, wantGroup)
		}
	}
	if trust, _, _ := unstructured.NestedString(got["execution-role"].Object, "spec", "forProvider", "assumeRolePolicy"); !strings.Contains(trust, "bedrock-agentcore.amazonaws.com") {
		t.Errorf("the execution role's trust policy does not name bedrock-agentcore: %s", trust)
	}
	if !s.legacy && got["execution-role"].GetNamespace() != namespace {
		t.Errorf("the execution role is in namespace %q; want %q", got["execution-role"].GetNamespace(), namespace)
	}

	eventually(t, stageTimeout, "the composite says what it waits for", func() (bool, string) {
		xr := s.xr()
		if xr == nil {
			return false, "no XR"
		}
		st, _, msg := condition(xr, "ResourcesReady")
		return st == "False" && strings.Contains(msg, "waiting for execution-role to become Ready"), s.xrState()
	})

	// (c) The provider creates them: the attachments follow, then the runtime.
	s.provideAll(got, "execution-role", "execution-policy")
	attachments := []string{"execution-policy-attachment"}
	if s.policy != "" {
		attachments = append(attachments, s.policy)
	}
	got = s.waitComposed("the policy attachments", attachments...)
	if got["runtime"] != nil {
		t.Fatalf("the runtime is composed before the policy attachments are Ready")
	}
	s.provideAll(got, attachments...)
	got = s.waitComposed("the runtime", "runtime")
	s.checkResolved(got["runtime"])
	roleArn := atProvider(s.refresh(got)["execution-role"], "arn")
	if ra, _, _ := unstructured.NestedString(got["runtime"].Object, "spec", "forProvider", "roleArn"); ra != roleArn {
		t.Errorf("the runtime's roleArn is %q; want the role's observed ARN %q", ra, roleArn)
	}

	// (c') The provider fails to create the runtime: AWS's error reaches the
	// composite's ResourcesReady condition, and nothing is dropped.
	if s.failRuntime {
		s.checkProviderError(got)
	}

	// (d) The runtime is created: endpoints, log groups, SSM parameters, Usages and
	// (namespaced) the connection Secret follow. The provider reconciles whatever
	// appears until the composite is Ready.
	s.provide("runtime", s.refresh(got), "")
	ep := "endpoint-" + s.endpoint
	want := []string{ep, "log-group-default", "log-group-" + s.endpoint,
		"ssm-runtime-arn", "ssm-runtime-id", "ssm-runtime-name", "ssm-role-arn", "ssm-role-name",
		"ssm-endpoint-" + s.endpoint + "-arn", "ssm-endpoint-" + s.endpoint + "-id",
		"usage-runtime-uses-execution-role", "usage-runtime-uses-execution-policy-attachment", "usage-" + ep + "-uses-runtime"}
	if s.policy != "" {
		want = append(want, "usage-runtime-uses-"+s.policy)
	}
	// Both subjects have MDAA's vpcEndpoint
	want = append(want, "vpce-security-group", "vpce-agentcore", "vpce-agentcore-security-group",
		"vpce-agentcore-subnet-12345678", "vpce-ingress-sg-12345678", "ssm-vpce-agentcore-id", "ssm-vpce-security-group-id",
		"usage-vpce-agentcore-uses-vpce-security-group",
		// and MDAA's alarms.
		"alarm-error-rate", "alarm-throttle-count", "alarm-topic", "alarm-topic-policy", "ssm-alarm-topic-arn")
	want = append(want, s.extra...)
	eventually(t, 2*stageTimeout, "the endpoint, log groups, SSM parameters and Usages composed and reconciled", func() (bool, string) {
		got = s.composed()
		provided := s.provideRest(got)
		var missing []string
		for _, w := range want {
			if got[w] == nil {
				missing = append(missing, w)
			}
		}
		return !provided && len(missing) == 0, fmt.Sprintf("missing %v; composed %v; %s", missing, names(got), s.xrState())
	})
	t.Logf("composed: %v", names(got))

	// The endpoint's ID parameter holds what the provider reports: the
	// endpoint's external name, <runtime id>:<endpoint name>.
	rtID := runtimeID(got["runtime"])
	if ext := got[ep].GetAnnotations()[simprovider.ExternalNameAnnotation]; ext != rtID+":"+s.endpoint {
		t.Errorf("%s has external name %q; want %q", ep, ext, rtID+":"+s.endpoint)
	}
	if v, _, _ := unstructured.NestedString(got["ssm-endpoint-"+s.endpoint+"-id"].Object, "spec", "forProvider", "insecureValue"); v != rtID+":"+s.endpoint {
		t.Errorf("ssm-endpoint-%s-id holds %q; want the endpoint's external name %q", s.endpoint, v, rtID+":"+s.endpoint)
	}

	// The Usages are real: Crossplane's usage controller marks them Ready and labels
	// what they protect as in use.
	usages := map[string][2]string{ // usage -> the resource it protects, and its user
		"usage-runtime-uses-execution-role":                       {"execution-role", "runtime"},
		"usage-runtime-uses-execution-policy-attachment":          {"execution-policy-attachment", "runtime"},
		"usage-" + ep + "-uses-runtime":                           {"runtime", ep},
		"usage-execution-policy-attachment-uses-execution-policy": {"execution-policy", "execution-policy-attachment"},
		"usage-execution-policy-attachment-uses-execution-role":   {"execution-role", "execution-policy-attachment"},
	}
	if s.policy != "" {
		usages["usage-runtime-uses-"+s.policy] = [2]string{s.policy, "runtime"}
		usages["usage-"+s.policy+"-uses-execution-role"] = [2]string{"execution-role", s.policy}
	}
	wantKind := "Usage"
	if s.legacy {
		wantKind = "ClusterUsage"
	}
	eventually(t, stageTimeout, "the Usages Ready and their resources labelled in use", func() (bool, string) {
		got = s.composed()
		for u, ofBy := range usages {
			of, by := ofBy[0], ofBy[1]
			if got[u] == nil || got[of] == nil || got[by] == nil {
				return false, u + ", " + of + " or " + by + " is gone"
			}
			if got[u].GetKind() != wantKind {
				return false, fmt.Sprintf("%s is a %s; want a %s", u, got[u].GetKind(), wantKind)
			}
			if st, r, m := condition(got[u], "Ready"); st != "True" {
				return false, fmt.Sprintf("%s is not Ready: %s %s %s", u, st, r, m)
			}
			if got[of].GetLabels()["crossplane.io/in-use"] != "true" {
				return false, of + " is not labelled crossplane.io/in-use"
			}
			for _, side := range []struct{ field, res string }{{"of", of}, {"by", by}} {
				kind, _, _ := unstructured.NestedString(got[u].Object, "spec", side.field, "kind")
				name, _, _ := unstructured.NestedString(got[u].Object, "spec", side.field, "resourceRef", "name")
				if kind != got[side.res].GetKind() || name != got[side.res].GetName() {
					return false, fmt.Sprintf("%s.spec.%s is %s %q; want %s, the %s %q",
						u, side.field, kind, name, side.res, got[side.res].GetKind(), got[side.res].GetName())
				}
			}
		}
		return true, ""
	})

	// Every stage is rendered and Ready: so is the composite, and the claim.
	// The provider goes on reconciling what appears meanwhile, as a real one
	// does: outputs of outputs (the SSM parameters of the alarms' ARNs) come
	// a pass after the resources listed above.
	eventually(t, stageTimeout, "the composite Ready", func() (bool, string) {
		s.provideRest(s.composed())
		xr := s.xr()
		if xr == nil {
			return false, "no XR"
		}
		if st, _, _ := condition(xr, "Ready"); st != "True" {
			return false, s.xrState()
		}
		if s.legacy {
			claim, err := c.of(t, s.obj).Get(ctx, s.obj.GetName(), metav1.GetOptions{})
			if err != nil {
				return false, err.Error()
			}
			if st, r, m := condition(claim, "Ready"); st != "True" {
				return false, fmt.Sprintf("claim Ready=%s (%s: %s)", st, r, m)
			}
		}
		return true, ""
	})
	xr := s.xr()
	if id, _, _ := unstructured.NestedString(xr.Object, "status", "agentRuntime", "id"); id != rtID {
		t.Errorf("XR status.agentRuntime.id is %q; want %q", id, rtID)
	}
	if id, _, _ := unstructured.NestedSlice(xr.Object, "status", "endpoints"); len(id) == 0 {
		t.Errorf("XR status.endpoints is empty")
	} else if got, _, _ := unstructured.NestedString(id[0].(map[string]any), "id"); got != rtID+":"+s.endpoint {
		t.Errorf("XR status.endpoints[0].id is %q; want %q", got, rtID+":"+s.endpoint)
	}

	// (d') Changes the provider cannot apply are refused at admission, naming the
	// field; the composite stays as it was.
	s.checkImmutable()

	// (d'') Faults at steady state lose nothing: a composed resource deleted
	// behind Crossplane's back comes back with its AWS name, and a spec update
	// the function refuses changes nothing until it is undone.
	s.checkFaults()

	// (e) The connection details reach the app team's namespace.
	s.checkConnectionSecret(got)

	// (f) At steady state Crossplane calls the function again when the response's
	// TTL (1 minute) runs out, with the same request, so the same tag: the
	// function answers from its memo. Once is enough (the counter is the
	// function's, for both XRs).
	if !s.legacy {
		s.checkMemoHit()
	}

	// (g) Deletion, ordered by the Usages.
	s.checkDeletion(got)
}

// checkReferences: with ssm: references in the spec, the first passes compose
// their observe-only Parameters and nothing else; once the provider publishes
// each value in the Parameter's connection Secret, the function goes on, and
// the runtime (checked later) gets the values.
func (s *subject) checkReferences() {
	t := s.t
	t.Helper()
	if len(s.refs) == 0 {
		return
	}
	var refs []string
	for path := range s.refs {
		refs = append(refs, naming.SSMReference(path))
	}
	got := s.waitComposed("the ssm: references' Parameters", refs...)
	if len(got) != len(refs) {
		t.Fatalf("composed %v while the ssm: references are unread; want only %v", names(got), refs)
	}
	for _, r := range refs {
		if mp, _, _ := unstructured.NestedStringSlice(got[r].Object, "spec", "managementPolicies"); !slices.Equal(mp, []string{"Observe"}) {
			t.Errorf("%s has managementPolicies %v; want [Observe]", r, mp)
		}
	}
	s.provideAll(got, refs...)
	t.Logf("ssm: references read through %v", refs)
}

// checkResolved: the runtime holds the references' values, not the references.
func (s *subject) checkResolved(rt *unstructured.Unstructured) {
	t := s.t
	t.Helper()
	subnets, _, _ := unstructured.NestedStringSlice(rt.Object, "spec", "forProvider", "networkConfiguration", "networkModeConfig", "subnets")
	for _, v := range s.refs {
		if !slices.Contains(subnets, v) {
			t.Errorf("the runtime's subnets %v do not hold the referenced value %s", subnets, v)
		}
	}
	for _, sn := range subnets {
		if strings.HasPrefix(sn, "ssm:") {
			t.Errorf("the runtime's subnets hold the reference %s, not its value", sn)
		}
	}
}

// checkFaults deletes a composed resource behind Crossplane's back, lets the
// provider fail for a while, then updates the spec with a key the function
// refuses: after each, every
// resource that existed still exists with the same external name, and the
// composite is Ready again.
func (s *subject) checkFaults() {
	t := s.t
	t.Helper()
	before := s.composed()
	const victim = "ssm-runtime-arn"
	if err := s.c.of(t, before[victim]).Delete(t.Context(), before[victim].GetName(), metav1.DeleteOptions{}); err != nil {
		t.Fatalf("deleting %s behind Crossplane's back: %v", victim, err)
	}
	eventually(t, stageTimeout, victim+" re-created and the composite Ready again", func() (bool, string) {
		got := s.composed()
		s.provideRest(got)
		if got[victim] == nil || got[victim].GetUID() == before[victim].GetUID() {
			return false, victim + " not re-created yet; " + s.xrState()
		}
		st, _, _ := condition(s.xr(), "Ready")
		return st == "True", s.xrState()
	})

	// The provider fails to update a resource for a while, then recovers.
	const failing = "log-group-default"
	s.provide(failing, s.composed(), "operation error CloudWatch Logs: PutRetentionPolicy, https response error StatusCode: 400, ThrottlingException: Rate exceeded (injected by the e2e test)")
	eventually(t, stageTimeout, "the composite naming the failing "+failing, func() (bool, string) {
		st, _, msg := condition(s.xr(), "ResourcesReady")
		return st == "False" && strings.Contains(msg, failing) && strings.Contains(msg, "ThrottlingException"), s.xrState()
	})
	s.checkNothingLost("the provider's errors", before)
	s.provide(failing, s.composed(), "")
	eventually(t, stageTimeout, "the composite Ready once the provider recovers", func() (bool, string) {
		st, _, _ := condition(s.xr(), "Ready")
		rr, _, _ := condition(s.xr(), "ResourcesReady")
		return st == "True" && rr == "True", s.xrState()
	})

	// A key no version of the spec knows: kept by the API server (the XRD
	// preserves unknown fields), refused by the function with a Fatal result.
	s.patchSpec(`{"spec":{"futureMdaaKey":{"enabled":true}}}`)
	eventually(t, stageTimeout, "the composite refusing the unknown key", func() (bool, string) {
		st, _, msg := condition(s.xr(), "Synced")
		return st == "False" && strings.Contains(msg, "futureMdaaKey"), s.xrState()
	})
	_, _, msg := condition(s.xr(), "Synced")
	t.Logf("the unknown key refused: %s", msg)
	time.Sleep(3 * time.Second) // a few more reconciles of the refused spec
	s.checkNothingLost("the refused update", before)
	s.patchSpec(`{"spec":{"futureMdaaKey":null}}`)
	eventually(t, stageTimeout, "the composite Synced and Ready once the key is removed", func() (bool, string) {
		s.provideRest(s.composed())
		xr := s.xr()
		synced, _, _ := condition(xr, "Synced")
		ready, _, _ := condition(xr, "Ready")
		return synced == "True" && ready == "True", s.xrState()
	})
	s.checkNothingLost("the faults", before)
}

// patchSpec merge-patches the claim or the namespaced XR.
func (s *subject) patchSpec(patch string) {
	t := s.t
	t.Helper()
	if _, err := s.c.of(t, s.obj).Patch(t.Context(), s.obj.GetName(), types.MergePatchType, []byte(patch), metav1.PatchOptions{}); err != nil {
		t.Fatalf("patching %s with %s: %v", s.obj.GetName(), patch, err)
	}
}

// checkNothingLost: every composed resource of before is still composed, with
// the same AWS name (its external name, once it had one).
func (s *subject) checkNothingLost(after string, before map[string]*unstructured.Unstructured) {
	t := s.t
	t.Helper()
	now := s.composed()
	for name, u := range before {
		switch {
		case now[name] == nil:
			t.Errorf("after %s, %s is gone", after, name)
		case u.GetAnnotations()[simprovider.ExternalNameAnnotation] != "" &&
			now[name].GetAnnotations()[simprovider.ExternalNameAnnotation] != u.GetAnnotations()[simprovider.ExternalNameAnnotation]:
			t.Errorf("after %s, %s has external name %q; it had %q", after, name,
				now[name].GetAnnotations()[simprovider.ExternalNameAnnotation], u.GetAnnotations()[simprovider.ExternalNameAnnotation])
		}
	}
	t.Logf("after %s, all %d composed resources are there with their external names", after, len(before))
}

// checkImmutable tries to rename the runtime and to switch its artifact from a
// container to code: the XRD's transition rules refuse both, naming the field.
func (s *subject) checkImmutable() {
	t := s.t
	t.Helper()
	for _, tc := range []struct {
		what, patch, want string
	}{
		{"renaming the runtime", `{"spec":{"agentRuntimeName":"renamedRuntime"}}`, "agentRuntimeName cannot change"},
		{"switching the artifact to code", `{"spec":{"agentRuntimeArtifact":{"containerConfiguration":null,"codeConfiguration":{"s3":{"bucket":"agent-code","prefix":"a.zip"},"entryPoint":["main.py"],"runtime":"PYTHON_3_12"}}}}`, "the artifact cannot change"},
	} {
		_, err := s.c.of(t, s.obj).Patch(t.Context(), s.obj.GetName(), types.MergePatchType, []byte(tc.patch), metav1.PatchOptions{})
		if err == nil || !apierrors.IsInvalid(err) || !strings.Contains(err.Error(), tc.want) {
			t.Fatalf("%s: want it refused at admission naming %q, got %v", tc.what, tc.want, err)
		}
		t.Logf("%s refused at admission: %v", tc.what, err)
	}
}

// awsError is the error the provider reports for the runtime's first create.
const awsError = "operation error Bedrock AgentCore Control: CreateAgentRuntime, https response error StatusCode: 400, ValidationException: Role validation failed (injected by the e2e test)"

// checkProviderError lets the provider fail the runtime's create: the
// composite's ResourcesReady condition names the runtime and carries AWS's
// message, the composite stays not Ready, and no composed resource goes away.
func (s *subject) checkProviderError(got map[string]*unstructured.Unstructured) {
	t := s.t
	t.Helper()
	before := names(s.composed())
	s.provide("runtime", s.refresh(got), awsError)
	eventually(t, stageTimeout, "the provider's error in the composite's ResourcesReady condition", func() (bool, string) {
		xr := s.xr()
		if xr == nil {
			return false, "no XR"
		}
		st, reason, msg := condition(xr, "ResourcesReady")
		ok := st == "False" && reason == "ResourceError" && strings.Contains(msg, "runtime: Synced=False (ReconcileError)") && strings.Contains(msg, "ValidationException: Role validation failed")
		if ready, _, _ := condition(xr, "Ready"); ok && ready == "True" {
			return false, "the composite is Ready while its runtime failed"
		}
		return ok, s.xrState()
	})
	// Nothing goes away (Usages of resources that exist may still appear).
	after := names(s.composed())
	for _, b := range before {
		if !slices.Contains(after, b) {
			t.Errorf("%s went away while the runtime failed: before %v, after %v", b, before, after)
		}
	}
	xr := s.xr()
	_, _, msg := condition(xr, "ResourcesReady")
	t.Logf("the composite shows the provider's error: ResourcesReady=False (ResourceError): %s", msg)
}

// functionMetrics is where the function serves its metrics (its default
// --metrics-address, in run.sh's network namespace).
const functionMetrics = "http://127.0.0.1:8080/metrics"

// coreMetrics is where Crossplane core serves its metrics (run.sh's --metrics-port).
const coreMetrics = "http://127.0.0.1:18080/metrics"

// scrape reads a Prometheus text endpoint: each sample by its name and labels.
func scrape(t *testing.T, url string) map[string]float64 {
	t.Helper()
	rsp, err := http.Get(url)
	if err != nil {
		t.Fatalf("reading %s: %v", url, err)
	}
	defer rsp.Body.Close()
	return parseMetrics(bufio.NewScanner(rsp.Body))
}

func parseMetrics(sc *bufio.Scanner) map[string]float64 {
	sc.Buffer(make([]byte, 0, 1<<20), 1<<24)
	out := map[string]float64{}
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		i := strings.LastIndexByte(line, ' ')
		if i < 0 {
			continue
		}
		if v, err := strconv.ParseFloat(line[i+1:], 64); err == nil {
			out[line[:i]] = v
		}
	}
	return out
}

func (s *subject) checkMemoHit() {
	t := s.t
	t.Helper()
	const hits = "function_response_memo_hits_total"
	before := scrape(t, functionMetrics)[hits]
	eventually(t, 2*stageTimeout, "a reconcile at steady state answered from the function's memo", func() (bool, string) {
		now := scrape(t, functionMetrics)[hits]
		return now > before, fmt.Sprintf("%s %v (before: %v)", hits, now, before)
	})
	if st, r, m := condition(s.xr(), "Ready"); st != "True" {
		t.Errorf("after a reconcile answered from the memo the XR is Ready=%s (%s: %s)", st, r, m)
	}
}

func (s *subject) checkConnectionSecret(got map[string]*unstructured.Unstructured) {
	t := s.t
	t.Helper()
	name := s.obj.GetName() + "-connection" // the claim's writeConnectionSecretToRef, or the XR's default
	arn := atProvider(got["runtime"], "agentRuntimeArn")
	want := map[string]string{
		"agentRuntimeArn":     arn,
		"agentRuntimeId":      runtimeID(got["runtime"]),
		"agentRuntimeVersion": "1",
		"executionRoleArn":    atProvider(got["execution-role"], "arn"),
		"invokeUrl": fmt.Sprintf("https://bedrock-agentcore.%s.amazonaws.com/runtimes/%s/invocations?qualifier=%s",
			region, url.QueryEscape(arn), s.endpoint),
		"region": region,
	}
	wantKeys := []string{"agentRuntimeName", "logGroupName"}
	if !s.legacy {
		// Only the XRD's connectionSecretKeys reach a claim; a namespaced XR's Secret has all.
		wantKeys = append(wantKeys, "endpoint."+s.endpoint+".arn")
	}
	var data map[string]any
	eventually(t, stageTimeout, "the connection secret "+namespace+"/"+name, func() (bool, string) {
		sec, err := s.c.res(t, "v1", "Secret").Get(t.Context(), name, metav1.GetOptions{})
		if err != nil {
			return false, err.Error() + "; " + s.xrState()
		}
		data, _, _ = unstructured.NestedMap(sec.Object, "data")
		var missing []string
		for _, k := range append(slices.Sorted(maps.Keys(want)), wantKeys...) {
			if _, ok := data[k]; !ok {
				missing = append(missing, k)
			}
		}
		if len(missing) > 0 {
			return false, fmt.Sprintf("missing keys %v; has %v", missing, slices.Sorted(maps.Keys(data)))
		}
		return true, ""
	})
	for k, v := range want {
		if got := decode(t, data[k]); got != v {
			t.Errorf("connection secret key %s = %q; want %q", k, got, v)
		}
	}
	t.Logf("connection secret keys: %v", slices.Sorted(maps.Keys(data)))
}

func decode(t *testing.T, v any) string {
	t.Helper()
	s, _ := v.(string)
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		t.Fatalf("secret value %q: %v", s, err)
	}
	return string(b)
}

// checkDeletion deletes the claim (or XR) and checks that the Usages order the
// garbage collector's deletion of the composed resources: the endpoint goes first,
// then the runtime, then the policy attachments, and only then the role and policy.
func (s *subject) checkDeletion(got map[string]*unstructured.Unstructured) {
	t := s.t
	t.Helper()
	ctx := t.Context()

	// While the runtime exists, its role cannot be deleted, nor the runtime while its
	// endpoint exists: Crossplane's usage webhook refuses.
	for _, r := range []string{"execution-role", "runtime"} {
		u := got[r]
		err := s.c.of(t, u).Delete(ctx, u.GetName(), metav1.DeleteOptions{})
		if err == nil || !strings.Contains(err.Error(), "This resource is in-use by") {
			t.Fatalf("deleting %s %s: want it refused as in use, got %v", r, u.GetName(), err)
		}
		t.Logf("deleting %s refused: %v", r, err)
		cur, err := s.c.of(t, u).Get(ctx, u.GetName(), metav1.GetOptions{})
		if err != nil || cur.GetDeletionTimestamp() != nil {
			t.Fatalf("%s after the refused delete: %v, deletionTimestamp %v", r, err, cur.GetDeletionTimestamp())
		}
	}

	if err := s.c.of(t, s.obj).Delete(ctx, s.obj.GetName(), metav1.DeleteOptions{}); err != nil {
		t.Fatalf("deleting %s: %v", s.obj.GetName(), err)
	}
	// Watch every composed resource until it is gone, recording when.
	gone := map[string]time.Time{}
	start := time.Now()
	watched := map[string]*unstructured.Unstructured{}
	for k, v := range got {
		watched[k] = v
	}
	var violations []string
	eventually(t, 3*stageTimeout, "every composed resource deleted", func() (bool, string) {
		present := map[string]bool{}
		for r, u := range watched {
			if _, done := gone[r]; done {
				continue
			}
			_, err := s.c.of(t, u).Get(ctx, u.GetName(), metav1.GetOptions{})
			switch {
			case apierrors.IsNotFound(err):
				gone[r] = time.Now()
			case err != nil:
				return false, err.Error()
			default:
				present[r] = true
			}
		}
		// The order the Usages promise, checked at every poll.
		for _, pair := range [][2]string{
			{"runtime", "execution-role"}, {"runtime", "execution-policy-attachment"}, {"runtime", s.policy},
			{"endpoint-" + s.endpoint, "runtime"},
			{"execution-policy-attachment", "execution-policy"}, {"execution-policy-attachment", "execution-role"},
			{s.policy, "execution-role"},
		} {
			if pair[0] == "" || pair[1] == "" {
				continue // no policyArn attachment
			}
			by, of := pair[0], pair[1]
			if present[by] && !present[of] {
				v := fmt.Sprintf("%s was deleted while %s still existed", of, by)
				if !slices.Contains(violations, v) {
					violations = append(violations, v)
				}
			}
		}
		if len(present) > 0 {
			return false, fmt.Sprintf("still present: %v", slices.Sorted(maps.Keys(present)))
		}
		return true, ""
	})
	for _, v := range violations {
		t.Errorf("deletion order: %s", v)
	}
	var order []string
	for r, at := range gone {
		order = append(order, fmt.Sprintf("%6.1fs %s", at.Sub(start).Seconds(), r))
	}
	sort.Strings(order)
	t.Logf("deletion order:\n  %s", strings.Join(order, "\n  "))
	if !gone["execution-role"].After(gone["runtime"]) || !gone["runtime"].After(gone["endpoint-"+s.endpoint]) {
		t.Errorf("want the endpoint deleted before the runtime, and the runtime before the role")
	}
	if xr := s.xr(); xr != nil {
		t.Errorf("the XR %s still exists", xr.GetName())
	}
}
