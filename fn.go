package main

import (
	"context"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"

	"github.com/crossplane/function-sdk-go/errors"
	"github.com/crossplane/function-sdk-go/logging"
	fnv1 "github.com/crossplane/function-sdk-go/proto/v1"

	"github.com/platform-io/function-agentcore-runtime/internal/compose"
	"github.com/platform-io/function-agentcore-runtime/internal/fnsdk"
	"github.com/platform-io/function-agentcore-runtime/internal/output"
)

// Function composes an AgentCore runtime.
type Function struct {
	fnv1.UnimplementedFunctionRunnerServiceServer

	log logging.Logger

	// decodeWhole decodes the observed composed resources whole, not only
	// their compose.ObservedFields: tests compare the two.
	decodeWhole bool
}

// observedFields are the fields of the observed composed resources decoded.
var observedFields = fnsdk.KeepPaths(compose.ObservedFields)

// Run answers an encoded RunFunctionRequest with an encoded response: it
// decodes and validates the request, composes the resources the spec wants and
// the observed state allows, and writes them into the response. Bad input is
// one Fatal result naming every bad field: nothing is applied, nothing deleted.
func (f *Function) Run(_ context.Context, b []byte) ([]byte, error) {
	keep := observedFields
	if f.decodeWhole {
		keep = nil
	}
	req, err := fnsdk.DecodeRequest(b, keep)
	if err != nil {
		// What gRPC says when its codec cannot decode a request.
		return nil, status.Errorf(codes.Internal, "grpc: error unmarshalling request: %v", err)
	}
	rsp := fnsdk.To(req, fnsdk.DefaultTTL)
	in, err := decode(req)
	if err != nil {
		rsp.Fatal(err)
		return rsp.Marshal(), nil
	}
	result := compose.Compose(in.Request)
	if err := output.Write(rsp, req, in.XR, in.Request, result, in.Warnings); err != nil {
		rsp.Fatal(errors.Wrap(err, "cannot write the desired state"))
		return rsp.Marshal(), nil
	}
	f.log.Debug("Composed", "xr", in.XR.Name, "resources", len(result.Resources), "waiting", len(result.Waiting))
	return rsp.Marshal(), nil
}

// RunFunction is Run for a decoded request: what the v1beta1 service and the
// tests call. The server's v1 service calls Run (see encodedRunner).
func (f *Function) RunFunction(ctx context.Context, req *fnv1.RunFunctionRequest) (*fnv1.RunFunctionResponse, error) {
	b, err := proto.Marshal(req)
	if err != nil {
		return nil, status.Errorf(codes.Internal, "cannot encode the request: %v", err)
	}
	out, err := f.Run(ctx, b)
	if err != nil {
		return nil, err
	}
	rsp := &fnv1.RunFunctionResponse{}
	if err := proto.Unmarshal(out, rsp); err != nil {
		return nil, status.Errorf(codes.Internal, "cannot decode the response: %v", err)
	}
	return rsp, nil
}
