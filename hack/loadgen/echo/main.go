// Command echo is the floor under hack/loadgen's figures: a composition function
// that does no work (it returns the observed resources as desired), served by
// function-sdk-go like the real one. Its CPU per request is what gRPC, HTTP/2
// and protobuf cost for a request and response of that size; see BENCHMARKS.md.
//
//	go build -o /tmp/echo ./hack/loadgen/echo && go run ./hack/loadgen -bin /tmp/echo
package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"google.golang.org/protobuf/types/known/durationpb"

	"github.com/crossplane/function-sdk-go"
	fnv1 "github.com/crossplane/function-sdk-go/proto/v1"
)

type echo struct {
	fnv1.UnimplementedFunctionRunnerServiceServer
}

func (echo) RunFunction(_ context.Context, req *fnv1.RunFunctionRequest) (*fnv1.RunFunctionResponse, error) {
	return &fnv1.RunFunctionResponse{
		Meta:    &fnv1.ResponseMeta{Tag: req.GetMeta().GetTag(), Ttl: durationpb.New(60e9)},
		Desired: req.GetObserved(),
	}, nil
}

func main() {
	address := flag.String("address", "127.0.0.1:9443", "address to listen at")
	metrics := flag.String("metrics-address", "", "address of the metrics endpoint; empty turns it off")
	flag.Bool("insecure", true, "accepted for hack/loadgen; the echo function always serves without TLS")
	flag.Parse()
	if err := function.Serve(echo{}, function.Listen("tcp", *address), function.Insecure(true), function.WithMetricsServer(*metrics)); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
