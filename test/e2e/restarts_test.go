//go:build e2e

package e2e

import (
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/platform-io/function-agentcore-runtime/internal/simprovider"
)

// TestRestarts kills the function (SIGKILL) and then the API server while a
// namespaced XR converges: run.sh starts both again (supervise), and the XR
// becomes Ready with every resource composed before a kill still there, with
// its external name.
func TestRestarts(t *testing.T) {
	c := connect(t)
	work := os.Getenv("E2E_WORK")
	obj := load(t, "xr.yaml")
	obj.SetName("restarts")
	if err := unstructured.SetNestedField(obj.Object, "restartsAgent", "spec", "agentRuntimeName"); err != nil {
		t.Fatal(err)
	}
	s := &subject{c: c, t: t, obj: obj, endpoint: "test_runtime_endpoint",
		sim: simprovider.Provider{Partition: "aws", Region: region, Account: account, Now: time.Now()}}
	if _, err := c.of(t, obj).Create(t.Context(), obj, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}

	// The function dies halfway: the IAM resources exist, the runtime not yet.
	got := s.waitComposed("the execution role and policy", "execution-role", "execution-policy")
	s.provideAll(got, "execution-role", "execution-policy")
	before := s.composed()
	restart(t, work, "function", func() bool { return listening("127.0.0.1:9443") })
	got = s.converge("the runtime composed after the function's restart", "runtime")
	s.checkNothingLost("the function's restart", before)

	// The API server dies before the runtime is created.
	before = got
	restart(t, work, "kube-apiserver", func() bool { return c.reachable(t) })
	s.converge("the composite Ready after the API server's restart", "")
	s.checkNothingLost("the API server's restart", before)

	if err := c.of(t, obj).Delete(t.Context(), obj.GetName(), metav1.DeleteOptions{}); err != nil {
		t.Fatal(err)
	}
	eventually(t, 2*stageTimeout, "the XR and its resources deleted", func() (bool, string) {
		got := s.composed()
		return s.xr() == nil, strings.Join(names(got), " ")
	})
}

// converge stands in for the provider until want is composed (or, with want
// empty, until the composite is Ready).
func (s *subject) converge(what, want string) map[string]*unstructured.Unstructured {
	var got map[string]*unstructured.Unstructured
	eventually(s.t, 2*stageTimeout, what, func() (bool, string) {
		got = s.composed()
		if want != "" && got[want] != nil {
			return true, ""
		}
		s.provideRest(got)
		if want != "" {
			return false, s.xrState()
		}
		st, _, _ := condition(s.xr(), "Ready")
		return st == "True", s.xrState()
	})
	return got
}

// restart kills the process run.sh supervises as name (SIGKILL) and waits
// until a new one runs and up reports it serving.
func restart(t *testing.T, work, name string, up func() bool) {
	t.Helper()
	pidFile := filepath.Join(work, name+".pid")
	old := readPID(t, pidFile)
	if err := syscall.Kill(old, syscall.SIGKILL); err != nil {
		t.Fatalf("killing %s (pid %d): %v", name, old, err)
	}
	start := time.Now()
	for {
		if pid := readPID(t, pidFile); pid != old && up() {
			t.Logf("%s killed (pid %d) and serving again as pid %d after %.1fs", name, old, pid, time.Since(start).Seconds())
			return
		}
		if time.Since(start) > stageTimeout {
			t.Fatalf("%s not serving again %s after it was killed", name, stageTimeout)
		}
		time.Sleep(poll)
	}
}

func readPID(t *testing.T, file string) int {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%s: %v (run through test/e2e/run.sh)", file, err)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return pid
}

// listening reports whether something accepts connections at addr.
func listening(addr string) bool {
	conn, err := net.DialTimeout("tcp", addr, time.Second)
	if err != nil {
		return false
	}
	_ = conn.Close()
	return true
}

// reachable reports whether the API server answers a list.
func (c *cluster) reachable(t *testing.T) bool {
	t.Helper()
	_, err := c.res(t, "v1", "Namespace").List(t.Context(), metav1.ListOptions{Limit: 1})
	return err == nil
}
