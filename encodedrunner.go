package main

import (
	"context"

	"github.com/prometheus/client_golang/prometheus"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"

	fnv1 "github.com/crossplane/function-sdk-go/proto/v1"

	"github.com/platform-io/function-agentcore-runtime/internal/encoded"
	"github.com/platform-io/function-agentcore-runtime/internal/fnsdk"
	"github.com/platform-io/function-agentcore-runtime/internal/memo"
)

// runFunctionMethod is the full gRPC name of the method Crossplane calls.
var runFunctionMethod = "/" + serviceName + "/RunFunction"

// serviceName is fnv1's FunctionRunnerService.
var serviceName = fnv1.FunctionRunnerService_ServiceDesc.ServiceName

// encodedRunner serves fnv1's FunctionRunnerService with encoded messages (the
// server is forced to use encoded.Codec, so that a request whose tag it has
// answered before costs no decoding at all): a request whose tag is memoised
// gets the memoised response; any other is run by fn, and its response
// memoised under its tag.
type encodedRunner struct {
	fn   fnv1.FunctionRunnerServiceServer
	memo *memo.Cache
}

// serviceDesc is fnv1.FunctionRunnerService_ServiceDesc with a handler that
// reads and writes encoded messages.
func (r *encodedRunner) serviceDesc() *grpc.ServiceDesc {
	return &grpc.ServiceDesc{
		ServiceName: serviceName,
		HandlerType: (*any)(nil),
		Methods:     []grpc.MethodDesc{{MethodName: "RunFunction", Handler: r.handle}},
		Metadata:    fnv1.FunctionRunnerService_ServiceDesc.Metadata,
	}
}

// handle is what protoc-gen-go-grpc generates for a unary method, with encoded
// messages.
func (r *encodedRunner) handle(_ any, ctx context.Context, dec func(any) error, interceptor grpc.UnaryServerInterceptor) (any, error) { //nolint:revive // the signature of grpc.MethodHandler.
	in := &encoded.Message{}
	if err := dec(in); err != nil {
		return nil, err
	}
	if interceptor == nil {
		return r.run(ctx, in)
	}
	info := &grpc.UnaryServerInfo{Server: r, FullMethod: runFunctionMethod}
	return interceptor(ctx, in, info, func(ctx context.Context, req any) (any, error) {
		return r.run(ctx, req.(*encoded.Message)) //nolint:forcetypeassert // always what handle passed.
	})
}

// run answers one encoded request: from the memo when it holds the request's
// tag, else by decoding it and running the function.
func (r *encodedRunner) run(ctx context.Context, in *encoded.Message) (*encoded.Message, error) {
	tag := fnsdk.Tag(in.Bytes)
	if b, ok := r.memo.Get(tag); ok {
		return &encoded.Message{Bytes: b}, nil
	}
	req := &fnv1.RunFunctionRequest{}
	if err := proto.Unmarshal(in.Bytes, req); err != nil {
		// What gRPC says when its codec cannot decode a request.
		return nil, status.Errorf(codes.Internal, "grpc: error unmarshalling request: %v", err)
	}
	rsp, err := r.fn.RunFunction(ctx, req)
	if err != nil {
		return nil, err
	}
	b, err := proto.MarshalOptions{Deterministic: true}.Marshal(rsp)
	if err != nil {
		return nil, status.Errorf(codes.Internal, "grpc: error marshalling response: %v", err)
	}
	// Crossplane sends a request again with the same tag, and the required
	// resources (or schemas) added, when a response asks for them
	// (crossplane/crossplane#6961): such a response must never be memoised.
	if rsp.GetRequirements() == nil {
		r.memo.Put(tag, owner(req), b)
	}
	return &encoded.Message{Bytes: b}, nil
}

// owner is what the memo keeps one response of: the XR the request is for
// (its UID, else its kind, namespace and name), "" when it has none.
func owner(req *fnv1.RunFunctionRequest) string {
	xr := req.GetObserved().GetComposite().GetResource().GetFields()
	meta := xr["metadata"].GetStructValue().GetFields()
	if uid := meta["uid"].GetStringValue(); uid != "" {
		return uid
	}
	name := meta["name"].GetStringValue()
	if name == "" {
		return ""
	}
	return xr["kind"].GetStringValue() + "/" + meta["namespace"].GetStringValue() + "/" + name
}

// memoCollector exports the memo's counters as Prometheus metrics.
type memoCollector struct{ m *memo.Cache }

var (
	memoHits    = prometheus.NewDesc("function_response_memo_hits_total", "Requests answered from the response memo.", nil, nil)
	memoMisses  = prometheus.NewDesc("function_response_memo_misses_total", "Tagged requests the response memo did not hold.", nil, nil)
	memoEntries = prometheus.NewDesc("function_response_memo_entries", "Responses in the memo.", nil, nil)
	memoBytes   = prometheus.NewDesc("function_response_memo_bytes", "Bytes the memo holds, by its estimate.", nil, nil)
)

func (c memoCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- memoHits
	ch <- memoMisses
	ch <- memoEntries
	ch <- memoBytes
}

func (c memoCollector) Collect(ch chan<- prometheus.Metric) {
	s := c.m.Stats()
	ch <- prometheus.MustNewConstMetric(memoHits, prometheus.CounterValue, float64(s.Hits))
	ch <- prometheus.MustNewConstMetric(memoMisses, prometheus.CounterValue, float64(s.Misses))
	ch <- prometheus.MustNewConstMetric(memoEntries, prometheus.GaugeValue, float64(s.Entries))
	ch <- prometheus.MustNewConstMetric(memoBytes, prometheus.GaugeValue, float64(s.Size))
}
