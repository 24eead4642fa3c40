package main

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/structpb"

	"github.com/crossplane/function-sdk-go/logging"
	fnv1 "github.com/crossplane/function-sdk-go/proto/v1"

	"github.com/platform-io/function-agentcore-runtime/internal/encoded"
	"github.com/platform-io/function-agentcore-runtime/internal/memo"
)

// countingFunction counts the calls that reach the function.
type countingFunction struct {
	fnv1.UnimplementedFunctionRunnerServiceServer
	fn    *Function
	calls atomic.Int32
}

func (c *countingFunction) RunFunction(ctx context.Context, req *fnv1.RunFunctionRequest) (*fnv1.RunFunctionResponse, error) {
	c.calls.Add(1)
	return c.fn.RunFunction(ctx, req)
}

func encode(t *testing.T, m proto.Message) *encoded.Message {
	t.Helper()
	b, err := proto.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return &encoded.Message{Bytes: b}
}

// TestEncodedRunnerAnswersAsRunFunction: for every example, at its pass and at
// steady state, the encoded service answers what RunFunction answers, memo or
// not, and the memo answers a tag without calling the function again.
func TestEncodedRunnerAnswersAsRunFunction(t *testing.T) {
	for _, tc := range invariantCases(t) {
		t.Run(tc.name, func(t *testing.T) {
			for _, tagged := range []bool{false, true} {
				counting := &countingFunction{fn: &Function{log: logging.NewNopLogger()}}
				r := &encodedRunner{fn: counting, memo: memo.New(1 << 20)}
				req := proto.Clone(tc.req).(*fnv1.RunFunctionRequest) //nolint:forcetypeassert // a clone.
				req.Meta = nil
				if tagged {
					req.Meta = &fnv1.RequestMeta{Tag: "tag-of-" + tc.name}
				}
				want := marshal(t, runOnce(t, req))
				for call := range 3 {
					out, err := r.run(context.Background(), encode(t, req))
					if err != nil {
						t.Fatalf("run: %v", err)
					}
					rsp := &fnv1.RunFunctionResponse{}
					if err := proto.Unmarshal(out.Bytes, rsp); err != nil {
						t.Fatalf("the encoded response does not decode: %v", err)
					}
					if got := marshal(t, rsp); got != want {
						t.Errorf("call %d (tagged %v): the encoded service's response differs from RunFunction's", call, tagged)
					}
				}
				wantCalls := int32(3)
				if tagged {
					wantCalls = 1
				}
				if got := counting.calls.Load(); got != wantCalls {
					t.Errorf("tagged %v: the function ran %d times for 3 identical requests, want %d", tagged, got, wantCalls)
				}
			}
		})
	}
}

// TestEncodedRunnerRefusesGarbage: bytes that are not a request are an
// Internal error, as gRPC's codec would say, and nothing is memoised.
func TestEncodedRunnerRefusesGarbage(t *testing.T) {
	counting := &countingFunction{fn: &Function{log: logging.NewNopLogger()}}
	m := memo.New(1 << 20)
	r := &encodedRunner{fn: counting, memo: m}
	_, err := r.run(context.Background(), &encoded.Message{Bytes: []byte{0x0a, 0x05, 0x0a, 0x03, 'a'}})
	if got := status.Code(err); got != codes.Internal {
		t.Errorf("run: want code %v, got %v (%v)", codes.Internal, got, err)
	}
	if m.Stats().Entries != 0 {
		t.Errorf("a refused request is in the memo: %+v", m.Stats())
	}
}

// TestServeMemoisesByTag: over gRPC, the server answers a tag it has answered
// before from its memo (the function is not called again), and a new tag, or
// no tag, from the function.
func TestServeMemoisesByTag(t *testing.T) {
	counting := &countingFunction{fn: &Function{log: logging.NewNopLogger()}}
	client := serveForTest(t, counting, memo.New(1<<20))
	req := minimalRequest(t)
	untagged := proto.Clone(req).(*fnv1.RunFunctionRequest) //nolint:forcetypeassert // a clone.
	untagged.Meta = nil
	var first *fnv1.RunFunctionResponse
	for i, r := range []*fnv1.RunFunctionRequest{req, req, req, untagged, untagged} {
		rsp, err := client.RunFunction(context.Background(), r)
		if err != nil {
			t.Fatalf("call %d: %v", i, err)
		}
		if i == 0 {
			first = rsp
		} else if i < 3 && !proto.Equal(first, rsp) {
			t.Errorf("call %d: the memoised response differs from the first", i)
		}
	}
	if got := counting.calls.Load(); got != 3 {
		t.Errorf("the function ran %d times for 3 calls with one tag and 2 untagged, want 3", got)
	}
}

// TestServeConcurrently: callers on many goroutines (the suite runs with
// -race), with tagged requests the memo answers and untagged ones the function
// answers, all get the response the function gives alone.
func TestServeConcurrently(t *testing.T) {
	f := &Function{log: logging.NewNopLogger()}
	client := serveForTest(t, f, memo.New(1<<20))

	var reqs []*fnv1.RunFunctionRequest
	var want []*fnv1.RunFunctionResponse
	for _, tc := range invariantCases(t)[:6] {
		for _, tagged := range []bool{true, false} {
			req := proto.Clone(tc.req).(*fnv1.RunFunctionRequest) //nolint:forcetypeassert // a clone.
			if !tagged {
				req.Meta = nil
			}
			reqs = append(reqs, req)
			want = append(want, runOnce(t, req))
		}
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 30 {
				k := (g*7 + i) % len(reqs)
				rsp, err := client.RunFunction(context.Background(), reqs[k])
				if err != nil {
					t.Errorf("goroutine %d call %d: %v", g, i, err)
					return
				}
				if !proto.Equal(rsp, want[k]) {
					t.Errorf("goroutine %d call %d: request %d got another response", g, i, k)
					return
				}
			}
		})
	}
	wg.Wait()
}

// serveForTest serves fn with memo m, insecure on a free port, until the test
// ends, and returns a client of it.
func serveForTest(t *testing.T, fn fnv1.FunctionRunnerServiceServer, m *memo.Cache) fnv1.FunctionRunnerServiceClient {
	t.Helper()
	addr := freePort(t)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- serve(ctx, fn, m, withTestListen(addr)...) }()
	waitListening(t, addr, done)
	conn, err := grpc.NewClient(addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = conn.Close()
		cancel()
		<-done
	})
	return fnv1.NewFunctionRunnerServiceClient(conn)
}

// requiring answers every request with requirements, as a step that needs
// extra resources does, and counts the calls.
type requiring struct {
	fnv1.UnimplementedFunctionRunnerServiceServer
	calls atomic.Int32
}

func (r *requiring) RunFunction(_ context.Context, req *fnv1.RunFunctionRequest) (*fnv1.RunFunctionResponse, error) {
	r.calls.Add(1)
	return &fnv1.RunFunctionResponse{
		Meta:         &fnv1.ResponseMeta{Tag: req.GetMeta().GetTag()},
		Requirements: &fnv1.Requirements{Resources: map[string]*fnv1.ResourceSelector{"vpc": {ApiVersion: "v1", Kind: "ConfigMap"}}},
	}, nil
}

// TestMemoSkipsRequirements: a response that asks for required resources is
// never memoised: Crossplane sends the request again with the same tag and the
// resources added (crossplane/crossplane#6961), and must reach the function.
func TestMemoSkipsRequirements(t *testing.T) {
	fn := &requiring{}
	r := &encodedRunner{fn: fn, memo: memo.New(1 << 20)}
	req := &fnv1.RunFunctionRequest{Meta: &fnv1.RequestMeta{Tag: "same-tag"}}
	for range 3 {
		if _, err := r.run(context.Background(), encode(t, req)); err != nil {
			t.Fatal(err)
		}
	}
	if got := fn.calls.Load(); got != 3 {
		t.Errorf("the function ran %d times for 3 calls with one tag whose response has requirements, want 3", got)
	}
}

// TestMemoOwner: the memo keeps one response per XR, named by its UID (or
// kind, namespace and name when it has none: crossplane render's XRs).
func TestMemoOwner(t *testing.T) {
	xr := func(meta map[string]any) *fnv1.RunFunctionRequest {
		s, err := structpb.NewStruct(map[string]any{"kind": "XAgentCoreRuntime", "metadata": meta})
		if err != nil {
			t.Fatal(err)
		}
		return &fnv1.RunFunctionRequest{Observed: &fnv1.State{Composite: &fnv1.Resource{Resource: s}}}
	}
	cases := map[string]struct {
		req  *fnv1.RunFunctionRequest
		want string
	}{
		"UID":       {req: xr(map[string]any{"name": "a", "namespace": "team-a", "uid": "6f1c2a4e"}), want: "6f1c2a4e"},
		"NoUID":     {req: xr(map[string]any{"name": "a", "namespace": "team-a"}), want: "XAgentCoreRuntime/team-a/a"},
		"NoXR":      {req: &fnv1.RunFunctionRequest{}, want: ""},
		"Anonymous": {req: xr(map[string]any{}), want: ""},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, owner(tc.req)); diff != "" {
				t.Errorf("owner: -want +got:\n%s", diff)
			}
		})
	}
}
