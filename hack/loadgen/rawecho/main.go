// Command rawecho is the transport floor under hack/loadgen's figures: a
// FunctionRunnerService that decodes nothing, and answers each request with its
// observed state as desired state by copying bytes. Its CPU per request is what
// gRPC and HTTP/2 alone cost for a request and response of that size; see
// BENCHMARKS.md.
//
//	go build -o /tmp/rawecho ./hack/loadgen/rawecho && go run ./hack/loadgen -bin /tmp/rawecho
package main

import (
	"context"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/encoding/protowire"

	fnv1 "github.com/crossplane/function-sdk-go/proto/v1"

	"github.com/platform-io/function-agentcore-runtime/internal/encoded"
)

// echo copies the request's observed state (field 2) into the response's
// desired state (field 2).
func echo(_ any, _ context.Context, dec func(any) error, _ grpc.UnaryServerInterceptor) (any, error) { //nolint:revive // the signature of grpc.MethodHandler.
	in := &encoded.Message{}
	if err := dec(in); err != nil {
		return nil, err
	}
	var out []byte
	for b := in.Bytes; len(b) > 0; {
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 {
			return nil, protowire.ParseError(n)
		}
		b = b[n:]
		m := protowire.ConsumeFieldValue(num, typ, b)
		if m < 0 {
			return nil, protowire.ParseError(m)
		}
		if num == 2 && typ == protowire.BytesType {
			v, _ := protowire.ConsumeBytes(b)
			out = protowire.AppendTag(out, 2, protowire.BytesType)
			out = protowire.AppendBytes(out, v)
		}
		b = b[m:]
	}
	return &encoded.Message{Bytes: out}, nil
}

func main() {
	address := flag.String("address", "127.0.0.1:9443", "address to listen at")
	metrics := flag.String("metrics-address", "", "address of the metrics endpoint; empty turns it off")
	flag.Bool("insecure", true, "accepted for hack/loadgen; rawecho always serves without TLS")
	flag.Parse()
	lis, err := (&net.ListenConfig{}).Listen(context.Background(), "tcp", *address)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	srv := grpc.NewServer(grpc.ForceServerCodecV2(encoded.NewCodec()))
	srv.RegisterService(&grpc.ServiceDesc{
		ServiceName: fnv1.FunctionRunnerService_ServiceDesc.ServiceName,
		HandlerType: (*any)(nil),
		Methods:     []grpc.MethodDesc{{MethodName: "RunFunction", Handler: echo}},
	}, struct{}{})
	if *metrics != "" {
		ms := &http.Server{Addr: *metrics, Handler: promhttp.Handler(), ReadHeaderTimeout: 10 * time.Second}
		go func() { _ = ms.ListenAndServe() }()
	}
	if err := srv.Serve(lis); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
