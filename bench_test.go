package main

import (
	"context"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"google.golang.org/protobuf/proto"

	"github.com/crossplane/function-sdk-go/logging"
	fnv1 "github.com/crossplane/function-sdk-go/proto/v1"

	"github.com/platform-io/function-agentcore-runtime/internal/encoded"
	"github.com/platform-io/function-agentcore-runtime/internal/examples"
)

// benchCases are the requests the benchmarks send: the MDAA minimal and
// comprehensive samples at their first pass and at steady state (converged with
// the simulated provider of internal/examples), and the two steady-state
// examples with the observed resources committed under example/; and the
// comprehensive steady state with its observed resources as an API server
// returns them (examples.WithAPIServerFields).
func benchCases(tb testing.TB) []struct {
	name string
	req  *fnv1.RunFunctionRequest
} {
	tb.Helper()
	f := &Function{log: logging.NewNopLogger()}
	run := func(req *fnv1.RunFunctionRequest) (*fnv1.RunFunctionResponse, error) {
		return f.RunFunction(context.Background(), req)
	}
	load := func(name string) *fnv1.RunFunctionRequest {
		req, err := examples.Load(filepath.Join("example", name))
		if err != nil {
			tb.Fatal(err)
		}
		return req
	}
	converge := func(name string) *fnv1.RunFunctionRequest {
		req, _, err := examples.Converge(run, load(name), 20)
		if err != nil {
			tb.Fatalf("%s: %v", name, err)
		}
		return req
	}
	return []struct {
		name string
		req  *fnv1.RunFunctionRequest
	}{
		{"minimal/first-pass", load("mdaa-minimal")},
		{"minimal/steady-state", converge("mdaa-minimal")},
		{"comprehensive/first-pass", load("mdaa-comprehensive")},
		{"comprehensive/steady-state", converge("mdaa-comprehensive")},
		{"comprehensive/steady-state-api-server", examples.WithAPIServerFields(converge("mdaa-comprehensive"))},
		{"steady-state-legacy", load("steady-state-legacy")},
		{"steady-state-namespaced", load("steady-state-namespaced")},
	}
}

// BenchmarkRunFunction measures what the server does for one request its memo
// does not hold, without gRPC: encoded request in (decoded with the generated
// types), Function.RunFunction, encoded response out.
//
//	go test -run='^$' -bench=RunFunction -benchmem .
func BenchmarkRunFunction(b *testing.B) {
	f := &Function{log: logging.NewNopLogger()}
	r := &encodedRunner{fn: f}
	for _, c := range benchCases(b) {
		b.Run(c.name, func(b *testing.B) {
			rsp, err := f.RunFunction(context.Background(), c.req)
			if err != nil || len(rsp.GetResults()) > 0 && rsp.GetResults()[0].GetSeverity() == fnv1.Severity_SEVERITY_FATAL {
				b.Fatalf("RunFunction: %v %v", err, rsp.GetResults())
			}
			req, err := proto.Marshal(c.req)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			start := processCPU()
			for b.Loop() {
				if _, err := r.run(context.Background(), &encoded.Message{Bytes: req}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(processCPU()-start)/float64(b.N), "cpu-ns/op")
		})
	}
}

// processCPU is the CPU time of this process, user and system, garbage
// collection included: unlike ns/op it does not grow when other processes
// compete for the CPU.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
