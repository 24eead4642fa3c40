//go:build e2e

package e2e

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/client-go/dynamic/dynamicinformer"
	"k8s.io/client-go/tools/cache"

	"github.com/platform-io/function-agentcore-runtime/internal/kinds"
	"github.com/platform-io/function-agentcore-runtime/internal/simprovider"
)

// readyTimeout bounds the wait for every XR of a step of n (and for their
// deletion): the API server is the bound on a 2-core machine, where N = 100
// took 17 minutes, so it grows with n, from 20 minutes.
func readyTimeout(n int) time.Duration {
	return max(20*time.Minute, time.Duration(n)*15*time.Second)
}

// steadyWindow is how long a step watches its XRs at steady state: longer
// than the function's ready TTL (1m), so every XR is reconciled again with
// the request it was last answered for, which the memo may answer.
const steadyWindow = 75 * time.Second

// provisioning is how long the stand-in provider lets a new resource of a kind
// wait before it reports it created: AWS takes a while for some (scaled down
// from minutes so that a run fits in CI's budget), and these waits are what
// the function's staging turns into a runtime's time to Ready.
var provisioning = map[string]time.Duration{
	"AgentRuntime":         5 * time.Second,
	"AgentRuntimeEndpoint": 3 * time.Second,
	"VPCEndpoint":          3 * time.Second,
	"Role":                 2 * time.Second,
}

const defaultProvisioning = time.Second

// TestScale applies N claims and namespaced XRs at once (half each, from the
// lifecycle test's MDAA specs) for every N of E2E_SCALE (e.g. 50,100,200),
// stands in for the provider on all of their resources, and prints one SCALE
// line per N: time until each XR is Ready (p50, p95, all), the function's CPU
// per reconcile and in all, memo hits and misses, peak RSS of the function
// and of Crossplane core, core's API requests per XR, and the API server's
// CPU and peak RSS. Opt-in: run.sh runs it with E2E_SCALE set.
func TestScale(t *testing.T) {
	steps := os.Getenv("E2E_SCALE")
	if steps == "" {
		t.Skip("E2E_SCALE is not set (e.g. E2E_SCALE=50,100,200 test/e2e/run.sh)")
	}
	c := connect(t)
	mc := c.watchManaged(t)
	for _, f := range strings.Split(steps, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 2 {
			t.Fatalf("E2E_SCALE: %q is not a number of XRs of at least 2", f)
		}
		r := runScale(t, c, mc, n)
		line := r.String()
		t.Log(line)
		fmt.Fprintln(os.Stderr, line) // run.sh greps these
	}
}

// scaleResult are the figures of one scale step.
type scaleResult struct {
	n                    int
	p50, p95, all        time.Duration
	deleted              time.Duration // until every XR and composed resource is gone
	reconciles           float64
	fnCPU                float64 // seconds
	memoHits, memoMisses float64
	memoEntries          float64
	// steadyHits and steadyMisses are the memo's over steadyWindow once
	// every XR is Ready.
	steadyHits, steadyMisses float64
	fnPeakRSS, xpPeakRSS     float64 // bytes
	// kasCPU and kasPeakRSS are the API server's, the bound on this machine.
	kasCPU, kasPeakRSS float64
	apiRequests        float64
	failedRPCs         float64
	composedPerXR      float64
}

func (r scaleResult) String() string {
	mib := func(b float64) float64 { return b / (1 << 20) }
	perReconcile := 0.0
	if r.reconciles > 0 {
		perReconcile = 1000 * r.fnCPU / r.reconciles
	}
	return fmt.Sprintf("SCALE n=%d ready_p50=%.1fs ready_p95=%.1fs all_ready=%.1fs composed_per_xr=%.0f "+
		"reconciles=%.0f (%.1f/xr) fn_cpu=%.1fs (%.2fms/reconcile) memo_hits=%.0f memo_misses=%.0f memo_entries=%.0f "+
		"steady_hits=%.0f steady_misses=%.0f (%.1f/s) "+
		"fn_peak_rss=%.1fMiB core_peak_rss=%.1fMiB core_api_requests=%.0f (%.0f/xr) "+
		"apiserver_cpu=%.0fs (%.2fs/xr) apiserver_peak_rss=%.0fMiB failed_rpcs=%.0f all_deleted=%.0fs",
		r.n, r.p50.Seconds(), r.p95.Seconds(), r.all.Seconds(), r.composedPerXR,
		r.reconciles, r.reconciles/float64(r.n), r.fnCPU, perReconcile, r.memoHits, r.memoMisses, r.memoEntries,
		r.steadyHits, r.steadyMisses, (r.steadyHits+r.steadyMisses)/steadyWindow.Seconds(),
		mib(r.fnPeakRSS), mib(r.xpPeakRSS), r.apiRequests, r.apiRequests/float64(r.n),
		r.kasCPU, r.kasCPU/float64(r.n), mib(r.kasPeakRSS), r.failedRPCs, r.deleted.Seconds())
}

// scaleSubject is one XR of a scale step: the object applied (a claim or a
// namespaced XR) and when.
type scaleSubject struct {
	obj     *unstructured.Unstructured
	created time.Time
	ready   time.Duration
}

// runScale applies n subjects, drives them to Ready, measures, and deletes them.
func runScale(t *testing.T, c *cluster, mc *managedCache, n int) scaleResult {
	t.Helper()
	sim := simprovider.Provider{Partition: "aws", Region: region, Account: account,
		Parameters: map[string]string{"/org/shared/vpc/subnet-a/id": "subnet-12345678"}}
	fnBefore, xpBefore := scrape(t, functionMetrics), scrape(t, coreMetrics)
	kasCPUBefore, _ := apiServerUsage(t)
	subjects := make([]*scaleSubject, 0, n)
	for i := range n {
		subjects = append(subjects, scaleSubjectOf(t, n, i))
	}
	start := time.Now()
	for _, s := range subjects {
		s.created = time.Now()
		if _, err := c.of(t, s.obj).Create(t.Context(), s.obj, metav1.CreateOptions{}); err != nil {
			t.Fatalf("creating %s: %v", s.obj.GetName(), err)
		}
	}
	r := scaleResult{n: n}
	pending := n
	for pending > 0 {
		if time.Since(start) > readyTimeout(n) {
			t.Fatalf("n=%d: %d of %d XRs not Ready after %s", n, pending, n, readyTimeout(n))
		}
		composed := c.standIn(t, sim, mc)
		r.composedPerXR = float64(composed) / float64(n)
		pending = c.markReady(t, subjects)
		fn, xp := scrape(t, functionMetrics), scrape(t, coreMetrics)
		r.fnPeakRSS = math.Max(r.fnPeakRSS, fn["process_resident_memory_bytes"])
		r.xpPeakRSS = math.Max(r.xpPeakRSS, xp["process_resident_memory_bytes"])
		_, kasRSS := apiServerUsage(t)
		r.kasPeakRSS = math.Max(r.kasPeakRSS, kasRSS)
		time.Sleep(time.Second)
	}
	r.all = time.Since(start)
	fnAfter, xpAfter := scrape(t, functionMetrics), scrape(t, coreMetrics)
	kasCPUAfter, _ := apiServerUsage(t)
	r.kasCPU = kasCPUAfter - kasCPUBefore
	readies := make([]time.Duration, 0, n)
	for _, s := range subjects {
		readies = append(readies, s.ready)
	}
	slices.Sort(readies)
	r.p50, r.p95 = readies[n/2], readies[(n*95+99)/100-1]
	delta := func(k string) float64 { return fnAfter[k] - fnBefore[k] }
	r.fnCPU = delta("process_cpu_seconds_total")
	r.memoHits, r.memoMisses = delta("function_response_memo_hits_total"), delta("function_response_memo_misses_total")
	for k, v := range fnAfter {
		if strings.HasPrefix(k, "grpc_server_handled_total{") && strings.Contains(k, `grpc_method="RunFunction"`) {
			r.reconciles += v - fnBefore[k]
			if !strings.Contains(k, `grpc_code="OK"`) {
				r.failedRPCs += v - fnBefore[k]
			}
		}
	}
	r.memoEntries = fnAfter["function_response_memo_entries"]
	// Steady state: every XR is reconciled again when its TTL runs out.
	for end := time.Now().Add(steadyWindow); time.Now().Before(end); time.Sleep(2 * time.Second) {
		c.standIn(t, sim, mc)
		fn := scrape(t, functionMetrics)
		r.fnPeakRSS = math.Max(r.fnPeakRSS, fn["process_resident_memory_bytes"])
	}
	steady := scrape(t, functionMetrics)
	r.steadyHits = steady["function_response_memo_hits_total"] - fnAfter["function_response_memo_hits_total"]
	r.steadyMisses = steady["function_response_memo_misses_total"] - fnAfter["function_response_memo_misses_total"]
	// Crossplane core's own requests to the API server (client-go's
	// counter): what the composition of n XRs costs the API server, without
	// the stand-in provider's lists and patches.
	for k, v := range xpAfter {
		if strings.HasPrefix(k, "rest_client_requests_total{") {
			r.apiRequests += v - xpBefore[k]
		}
	}
	deleting := time.Now()
	c.deleteScale(t, sim, mc, subjects)
	r.deleted = time.Since(deleting)
	return r
}

// scaleSubjectOf is subject i of step n: even ones are claims from
// claim.yaml, odd ones namespaced XRs from xr.yaml, each with its own
// names (so its own AWS names).
func scaleSubjectOf(t *testing.T, n, i int) *scaleSubject {
	t.Helper()
	legacy := i%2 == 0
	file := "xr.yaml"
	if legacy {
		file = "claim.yaml"
	}
	obj := load(t, file)
	if os.Getenv("E2E_SCALE_SPEC") == "minimal" {
		obj.Object["spec"] = minimalSpec()
	}
	obj.SetName(fmt.Sprintf("scale-%d-%03d", n, i))
	if err := unstructured.SetNestedField(obj.Object, fmt.Sprintf("scale_%d_%03d", n, i), "spec", "agentRuntimeName"); err != nil {
		t.Fatal(err)
	}
	if legacy {
		if err := unstructured.SetNestedField(obj.Object, obj.GetName()+"-connection", "spec", "writeConnectionSecretToRef", "name"); err != nil {
			t.Fatal(err)
		}
	}
	return &scaleSubject{obj: obj}
}

// apiServerUsage is the API server's CPU (user+sys, seconds) and resident
// memory (bytes) now, from /proc/<pid>/stat. Its /metrics says the same in
// some 9 MB (at N = 100) that the server renders for every sample: load on
// the very process a scale run finds to be the bound.
func apiServerUsage(t *testing.T) (cpu, rss float64) {
	t.Helper()
	pid := readPID(t, filepath.Join(os.Getenv("E2E_WORK"), "kube-apiserver.pid"))
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		t.Fatalf("the API server's usage: %v", err)
	}
	// The fields after "(comm) ", from the 3rd (state): utime and stime are
	// the 14th and 15th, rss (pages) the 24th.
	f := strings.Fields(string(b[strings.LastIndexByte(string(b), ')')+1:]))
	num := func(i int) float64 {
		v, err := strconv.ParseFloat(f[i-3], 64)
		if err != nil {
			t.Fatalf("/proc/%d/stat field %d: %v", pid, i, err)
		}
		return v
	}
	const clockTicks = 100 // USER_HZ, the unit of utime and stime
	return (num(14) + num(15)) / clockTicks, num(24) * float64(os.Getpagesize())
}

// managedCache is every managed resource of the catalogue's kinds in both
// scopes, kept current by watches. The stand-in provider reads it instead of
// listing: at N = 100 a pass listed some 4,600 objects from the API server
// every two seconds, load the real provider (which watches) never puts on it.
type managedCache struct {
	stores []cache.Store
}

// watchManaged starts the watches and waits until each has listed once; they
// stop with the test.
func (c *cluster) watchManaged(t *testing.T) *managedCache {
	t.Helper()
	f := dynamicinformer.NewDynamicSharedInformerFactory(c.dyn, 0)
	mc := &managedCache{}
	for _, k := range kinds.Provider {
		for _, apiVersion := range []string{k.Group + ".aws.m.upbound.io/v1beta1", k.Group + ".aws.upbound.io/" + k.ClusterVersion} {
			mc.stores = append(mc.stores, f.ForResource(c.mapping(t, apiVersion, k.Kind).Resource).Informer().GetStore())
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(func() { cancel(); f.Shutdown() })
	f.Start(ctx.Done())
	for gvr, synced := range f.WaitForCacheSync(ctx.Done()) {
		if !synced {
			t.Fatalf("watching %s did not sync", gvr)
		}
	}
	return mc
}

// minimalSpec is MDAA's minimal sample as it is (example/mdaa-minimal): a
// dozen composed resources instead of 40-50, so that core, bound by the API
// server's applies, reconciles these XRs several times as often.
func minimalSpec() map[string]any {
	return map[string]any{
		"agentRuntimeArtifact": map[string]any{"containerConfiguration": map[string]any{
			"containerUri": "{{account}}.dkr.ecr.{{region}}.amazonaws.com/test-runtime:latest",
		}},
		"networkConfiguration": map[string]any{
			"securityGroups": []any{"sg-12345678"},
			"subnets":        []any{"subnet-12345678"},
		},
		"protocolConfiguration": "HTTP",
	}
}

// standIn is one pass of the stand-in provider over every managed resource
// in mc: each one it has not reconciled yet (no Synced condition) is
// reconciled once its kind's provisioning time has passed since it was
// created. It returns how many resources exist.
func (c *cluster) standIn(t *testing.T, sim simprovider.Provider, mc *managedCache) int {
	t.Helper()
	byXR := map[string]map[string]*unstructured.Unstructured{}
	pending := map[string]bool{}
	total := 0
	for _, s := range mc.stores {
		for _, o := range s.List() {
			u, ok := o.(*unstructured.Unstructured)
			if !ok {
				continue
			}
			total++
			xr := u.GetLabels()["crossplane.io/composite"]
			if byXR[xr] == nil {
				byXR[xr] = map[string]*unstructured.Unstructured{}
			}
			// The cache's objects are shared: the simulation gets copies.
			byXR[xr][u.GetAnnotations()["crossplane.io/composition-resource-name"]] = u
			if st, _, _ := condition(u, "Synced"); st == "" {
				pending[xr] = true
			}
		}
	}
	for xr := range pending {
		got := make(map[string]*unstructured.Unstructured, len(byXR[xr]))
		for name, u := range byXR[xr] {
			got[name] = u.DeepCopy()
		}
		c.provideNew(t, sim, got, provisioned)
	}
	return total
}

// provisioned reports whether the stand-in provider reports u created by now:
// its kind's provisioning time has passed since it was created (and it is not
// being deleted).
func provisioned(u *unstructured.Unstructured) bool {
	wait := defaultProvisioning
	if d, ok := provisioning[u.GetKind()]; ok {
		wait = d
	}
	return u.GetDeletionTimestamp() == nil && time.Since(u.GetCreationTimestamp().Time) >= wait
}

// markReady records when each subject's XR became Ready; it returns how many
// are not Ready yet.
func (c *cluster) markReady(t *testing.T, subjects []*scaleSubject) int {
	t.Helper()
	ready := map[string]bool{}
	for _, apiVersion := range []string{"agentcore.m.platform.io/v1alpha1", "agentcore.platform.io/v1alpha1"} {
		list, err := c.res(t, apiVersion, "XAgentCoreRuntime").List(t.Context(), metav1.ListOptions{})
		if err != nil {
			t.Fatal(err)
		}
		for i := range list.Items {
			xr := &list.Items[i]
			name := xr.GetName()
			if claim := xr.GetLabels()["crossplane.io/claim-name"]; claim != "" {
				name = claim
			}
			if st, _, _ := condition(xr, "Ready"); st == "True" {
				ready[name] = true
			}
		}
	}
	pending := 0
	for _, s := range subjects {
		switch {
		case s.ready > 0:
		case ready[s.obj.GetName()]:
			s.ready = time.Since(s.created)
		default:
			pending++
		}
	}
	return pending
}

// deleteScale deletes the subjects and waits until their XRs and composed
// resources are gone (the Usages order it; nothing holds a finalizer of the
// stand-in provider).
func (c *cluster) deleteScale(t *testing.T, sim simprovider.Provider, mc *managedCache, subjects []*scaleSubject) {
	t.Helper()
	for _, s := range subjects {
		if err := c.of(t, s.obj).Delete(t.Context(), s.obj.GetName(), metav1.DeleteOptions{}); err != nil {
			t.Fatalf("deleting %s: %v", s.obj.GetName(), err)
		}
	}
	deadline := time.Now().Add(readyTimeout(len(subjects)))
	for {
		left := c.standIn(t, sim, mc)
		xrs := 0
		for _, apiVersion := range []string{"agentcore.m.platform.io/v1alpha1", "agentcore.platform.io/v1alpha1"} {
			list, err := c.res(t, apiVersion, "XAgentCoreRuntime").List(t.Context(), metav1.ListOptions{})
			if err != nil {
				t.Fatal(err)
			}
			xrs += len(list.Items)
		}
		if left == 0 && xrs == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("after deleting, %d XRs and %d composed resources are left", xrs, left)
		}
		time.Sleep(time.Second)
	}
}
