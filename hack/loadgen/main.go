// Command loadgen measures the function under load: it starts the function
// binary it is given (it builds nothing), sends it the same RunFunctionRequest
// N times at concurrency C over gRPC on 127.0.0.1 (insecure, one connection, as
// Crossplane holds one per function), bounded in count and in time, and prints
// latency percentiles, requests per second, the function process's CPU time per
// request (from /proc/<pid>/stat, so the load generator's own CPU is not
// counted), its allocations per request and goroutines before and after (from
// its /metrics endpoint), and its peak RSS (VmHWM). See BENCHMARKS.md.
//
//	go build -o /tmp/function . && go run ./hack/loadgen -bin /tmp/function -n 100000 -c 1
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/protobuf/proto"

	fnv1 "github.com/crossplane/function-sdk-go/proto/v1"

	"github.com/platform-io/function-agentcore-runtime/internal/examples"
)

// clockTicks is USER_HZ, the unit of utime and stime in /proc/<pid>/stat: 100
// on every Linux architecture Go supports.
const clockTicks = 100

type options struct {
	bin      string
	dir      string
	converge bool
	n, c     int
	warmup   int
	timeout  time.Duration
	tags     string
	args     string
	real     bool
}

func main() {
	var o options
	flag.StringVar(&o.bin, "bin", "", "the function binary to start (required), e.g. built with: go build -o /tmp/function .")
	flag.StringVar(&o.dir, "case", "example/steady-state-namespaced", "example case folder whose request (xr.yaml, composition.yaml, observed/) is sent")
	flag.BoolVar(&o.converge, "converge", false, "first drive the case to steady state with the simulated provider of internal/examples (every resource observed and Ready)")
	flag.IntVar(&o.n, "n", 10000, "requests to send after the warm-up")
	flag.IntVar(&o.c, "c", 1, "concurrent callers")
	flag.IntVar(&o.warmup, "warmup", 1000, "requests sent before measuring")
	flag.DurationVar(&o.timeout, "timeout", 5*time.Minute, "stop sending after this long, even if fewer than -n requests were sent")
	flag.StringVar(&o.tags, "tags", tagsCrossplane, "request tags: "+tagsCrossplane+" (as Crossplane tags them: the same request has the same tag, so the function's memo may answer), "+
		tagsUnique+" (a new tag per request: the function composes every one), "+tagsNone+" (no tag)")
	flag.BoolVar(&o.real, "api-server-fields", false, "send the observed resources as an API server returns them (managedFields, owner references, ...: examples.WithAPIServerFields)")
	flag.StringVar(&o.args, "args", "", "more arguments for the function, space separated, e.g. --response-memo-size=0")
	flag.Parse()
	if o.bin == "" || o.n < 1 || o.c < 1 || (o.tags != tagsCrossplane && o.tags != tagsUnique && o.tags != tagsNone) {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(o); err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(1)
	}
}

func run(o options) error { //nolint:gocyclo // a tool's main sequence: flags, start, load, report, one after the other.
	req, err := examples.Load(o.dir)
	if err != nil {
		return err
	}
	fn, err := start(o.bin, strings.Fields(o.args))
	if err != nil {
		return err
	}
	defer fn.kill()

	conn, err := grpc.NewClient(fn.addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		return err
	}
	defer conn.Close() //nolint:errcheck // closed again below
	client := fnv1.NewFunctionRunnerServiceClient(conn)
	call := func(r *fnv1.RunFunctionRequest) (*fnv1.RunFunctionResponse, error) {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		return client.RunFunction(ctx, r)
	}
	passes := 0
	if o.converge {
		if req, passes, err = examples.Converge(call, req, 30); err != nil {
			return err
		}
	}
	if o.real {
		req = examples.WithAPIServerFields(req)
	}
	// Requests are sent encoded, and responses read encoded, as Crossplane's
	// client would after its own encoding: the load generator's protobuf work
	// is not the function's, and on two cores it would slow the function down.
	body, err := requestBody(req)
	if err != nil {
		return err
	}
	var seq atomic.Int64
	encodedReq := func() []byte {
		switch o.tags {
		case tagsUnique:
			return withTag(body, fmt.Sprintf("%064x", seq.Add(1)))
		case tagsNone:
			return body
		}
		return withTag(body, examples.Tag(body))
	}
	first, err := callEncoded(conn, encodedReq())
	if err != nil {
		return err
	}
	firstRsp := &fnv1.RunFunctionResponse{}
	if err := proto.Unmarshal(first, firstRsp); err != nil {
		return err
	}
	resources := len(firstRsp.GetDesired().GetResources())
	if err := check(firstRsp, resources); err != nil {
		return err
	}
	for range o.warmup {
		if _, err := callEncoded(conn, encodedReq()); err != nil {
			return err
		}
	}

	goroutinesBefore, err := fn.goroutines()
	if err != nil {
		return err
	}
	mallocsBefore, _ := fn.metric("go_memstats_mallocs_total")
	bytesBefore, _ := fn.metric("go_memstats_alloc_bytes_total")
	cpuBefore, err := fn.cpu()
	if err != nil {
		return err
	}

	latencies := make([]time.Duration, o.n)
	var next, sent, failed atomic.Int64
	var firstErr atomic.Value
	deadline := time.Now().Add(o.timeout)
	began := time.Now()
	var wg sync.WaitGroup
	for range o.c {
		wg.Go(func() {
			for {
				i := next.Add(1) - 1
				if i >= int64(o.n) || time.Now().After(deadline) {
					return
				}
				r := encodedReq()
				t0 := time.Now()
				rsp, err := callEncoded(conn, r)
				latencies[i] = time.Since(t0)
				sent.Add(1)
				if err == nil {
					err = same(rsp, first, i, resources)
				}
				if err != nil {
					failed.Add(1)
					firstErr.CompareAndSwap(nil, err)
				}
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(began)

	cpuAfter, err := fn.cpu()
	if err != nil {
		return err
	}
	mallocsAfter, _ := fn.metric("go_memstats_mallocs_total")
	bytesAfter, _ := fn.metric("go_memstats_alloc_bytes_total")
	goroutinesAfter, err := fn.goroutines()
	if err != nil {
		return err
	}
	memoHits, memoErr := fn.metric("function_response_memo_hits_total")
	memoEntries, _ := fn.metric("function_response_memo_entries")
	memoBytes, _ := fn.metric("function_response_memo_bytes")
	hwm, err := fn.status("VmHWM")
	if err != nil {
		return err
	}
	_ = conn.Close()
	exit, stopTime := fn.stop()

	n := int(sent.Load())
	done := latencies[:n]
	sort.Slice(done, func(i, j int) bool { return done[i] < done[j] })
	pct := func(p float64) string {
		if n == 0 {
			return "-"
		}
		return ms(done[min(n-1, int(float64(n)*p))])
	}
	reqSize, rspSize := len(encodedReq()), len(first)
	fmt.Printf("case:        %s (%d observed resources%s), request %.1f KiB, response %.1f KiB, %d desired resources\n",
		o.dir, len(req.GetObserved().GetResources()), convergedNote(o.converge, passes), float64(reqSize)/1024, float64(rspSize)/1024, resources)
	fmt.Printf("tags:        %s\n", o.tags)
	fmt.Printf("requests:    %d at concurrency %d in %s (%d failed), after %d warm-up requests\n", n, o.c, elapsed.Round(time.Millisecond), failed.Load(), o.warmup)
	fmt.Printf("throughput:  %.0f requests/s\n", float64(n)/elapsed.Seconds())
	fmt.Printf("latency:     p50 %s  p90 %s  p99 %s  max %s\n", pct(0.50), pct(0.90), pct(0.99), pct(1))
	if memoErr == nil {
		fmt.Printf("memo:        %.0f hits in the whole run (warm-up included); holds %.0f responses in %.1f KiB\n", memoHits, memoEntries, memoBytes/1024)
	}
	if n > 0 {
		cpu := cpuAfter - cpuBefore
		fmt.Printf("function:    CPU %s for %d requests = %s per request (user+sys, /proc/%d/stat)\n", cpu.Round(time.Millisecond), n, ms(cpu/time.Duration(n)), fn.cmd.Process.Pid)
		fmt.Printf("             %.0f allocations and %.1f KiB allocated per request (gRPC included)\n", (mallocsAfter-mallocsBefore)/float64(n), (bytesAfter-bytesBefore)/float64(n)/1024)
	}
	fmt.Printf("             peak RSS %.1f MiB (VmHWM), goroutines %d before, %d after\n", float64(hwm)/1024, int(goroutinesBefore), int(goroutinesAfter))
	fmt.Printf("shutdown:    SIGTERM -> %s in %s\n", exit, stopTime.Round(time.Millisecond))
	if err, _ := firstErr.Load().(error); err != nil {
		return fmt.Errorf("%d requests failed, the first with: %w", failed.Load(), err)
	}
	return nil
}

func convergedNote(converge bool, passes int) string {
	if !converge {
		return ""
	}
	return fmt.Sprintf(", steady state after %d passes", passes)
}

// check: no Fatal result, and the same number of desired resources as the first.
func check(rsp *fnv1.RunFunctionResponse, resources int) error {
	for _, r := range rsp.GetResults() {
		if r.GetSeverity() == fnv1.Severity_SEVERITY_FATAL {
			return fmt.Errorf("fatal result: %s", r.GetMessage())
		}
	}
	if got := len(rsp.GetDesired().GetResources()); got != resources {
		return fmt.Errorf("%d desired resources, the first response had %d", got, resources)
	}
	return nil
}

// same: the response to a request is the first response, but for its tag (a
// unique tag has the same length as the first): every response is decoded only
// now and then, as decoding it costs the load generator more than the function.
func same(rsp, first []byte, i int64, resources int) error {
	if len(rsp) != len(first) {
		return fmt.Errorf("a response of %d bytes, the first was %d", len(rsp), len(first))
	}
	if i%1000 != 0 {
		return nil
	}
	r := &fnv1.RunFunctionResponse{}
	if err := proto.Unmarshal(rsp, r); err != nil {
		return err
	}
	return check(r, resources)
}

func ms(d time.Duration) string { return fmt.Sprintf("%.3f ms", float64(d)/float64(time.Millisecond)) }

// function is the running function process.
type function struct {
	cmd     *exec.Cmd
	addr    string
	metrics string
	exited  chan error
	logs    *strings.Builder
	mu      sync.Mutex
}

func (f *function) Write(p []byte) (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.logs.Write(p)
}

func start(bin string, args []string) (*function, error) {
	if !strings.Contains(bin, string(filepath.Separator)) {
		bin = "." + string(filepath.Separator) + bin
	}
	addr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	metrics, err := freeAddr()
	if err != nil {
		return nil, err
	}
	f := &function{addr: addr, metrics: metrics, exited: make(chan error, 1), logs: &strings.Builder{}}
	f.cmd = exec.CommandContext(context.Background(), bin, append([]string{"--insecure", "--address", addr, "--metrics-address", metrics}, args...)...) //nolint:gosec // the binary the user names.
	f.cmd.Stdout, f.cmd.Stderr = f, f
	if err := f.cmd.Start(); err != nil {
		return nil, err
	}
	go func() { f.exited <- f.cmd.Wait() }()
	deadline := time.Now().Add(30 * time.Second)
	for {
		c, err := (&net.Dialer{Timeout: time.Second}).DialContext(context.Background(), "tcp", addr)
		if err == nil {
			_ = c.Close()
			break
		}
		select {
		case err := <-f.exited:
			return nil, fmt.Errorf("the function exited: %w\n%s", err, f.logs.String())
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			f.kill()
			return nil, errors.New("the function does not listen after 30 s")
		}
	}
	return f, nil
}

// cpu is the process's user and system CPU time, all threads.
func (f *function) cpu() (time.Duration, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", f.cmd.Process.Pid))
	if err != nil {
		return 0, err
	}
	// The command name (field 2) may hold spaces: count fields after its ')'.
	s := string(b)
	fields := strings.Fields(s[strings.LastIndexByte(s, ')')+2:])
	if len(fields) < 13 {
		return 0, fmt.Errorf("unexpected /proc/<pid>/stat: %q", s)
	}
	utime, err1 := strconv.ParseInt(fields[11], 10, 64) // field 14
	stime, err2 := strconv.ParseInt(fields[12], 10, 64) // field 15
	if err := errors.Join(err1, err2); err != nil {
		return 0, err
	}
	return time.Duration(utime+stime) * time.Second / clockTicks, nil
}

// status is a "kB" value of /proc/<pid>/status, e.g. VmHWM (peak RSS).
func (f *function) status(key string) (int64, error) {
	file, err := os.Open(fmt.Sprintf("/proc/%d/status", f.cmd.Process.Pid))
	if err != nil {
		return 0, err
	}
	defer file.Close() //nolint:errcheck // read only
	sc := bufio.NewScanner(file)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), key+":"); ok {
			return strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
		}
	}
	return 0, fmt.Errorf("no %s in /proc/<pid>/status", key)
}

// scraper closes its connection after each scrape, so that no idle connection
// holds a goroutine of the function between two goroutine counts.
var scraper = &http.Client{Transport: &http.Transport{DisableKeepAlives: true}, Timeout: 10 * time.Second}

// metric is a value the function's /metrics endpoint reports.
func (f *function) metric(name string) (float64, error) {
	rsp, err := scraper.Get("http://" + f.metrics + "/metrics") //nolint:noctx // a local endpoint.
	if err != nil {
		return 0, err
	}
	defer rsp.Body.Close() //nolint:errcheck // read only
	b, err := io.ReadAll(rsp.Body)
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, name+" "); ok {
			return strconv.ParseFloat(strings.TrimSpace(v), 64)
		}
	}
	return 0, fmt.Errorf("no metric %s", name)
}

// goroutines is the function's goroutine count when idle: the least of a few
// samples 50 ms apart, as the scrapes themselves run on a goroutine that may
// still be finishing.
func (f *function) goroutines() (float64, error) {
	least := -1.0
	for range 5 {
		n, err := f.metric("go_goroutines")
		if err != nil {
			return 0, err
		}
		if least < 0 || n < least {
			least = n
		}
		time.Sleep(50 * time.Millisecond)
	}
	return least, nil
}

// stop sends SIGTERM and waits up to 10 s for the process to exit.
func (f *function) stop() (string, time.Duration) {
	t0 := time.Now()
	if err := f.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		return "cannot signal: " + err.Error(), 0
	}
	select {
	case err := <-f.exited:
		if err != nil {
			return "exit " + err.Error(), time.Since(t0)
		}
		return "exit 0", time.Since(t0)
	case <-time.After(10 * time.Second):
		f.kill()
		return "still running after 10 s, killed", time.Since(t0)
	}
}

func (f *function) kill() {
	if f.cmd.ProcessState == nil {
		_ = f.cmd.Process.Kill()
	}
}

func freeAddr() (string, error) {
	l, err := (&net.ListenConfig{}).Listen(context.Background(), "tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close() //nolint:errcheck // only probing for a free port
	return l.Addr().String(), nil
}
