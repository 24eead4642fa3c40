package main

import (
	"context"
	"time"

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

	// readyTTL is the response's TTL once the composite is Ready (0: the
	// default TTL): how long Crossplane may wait before it reconciles a runtime
	// at steady state again.
	readyTTL time.Duration
}

// RunFunction decodes and validates the request, composes the resources the
// spec wants and the observed state allows, and writes them into the
// response. Bad input is one Fatal result naming every bad field: nothing is
// applied, nothing deleted.
func (f *Function) RunFunction(_ context.Context, pb *fnv1.RunFunctionRequest) (*fnv1.RunFunctionResponse, error) {
	req := fnsdk.FromProto(pb)
	rsp := fnsdk.To(req, fnsdk.DefaultTTL)
	in, err := decode(req)
	if err != nil {
		rsp.Fatal(err)
		return rsp.Proto(), nil
	}
	result := compose.Compose(in.Request)
	if err := output.Write(rsp, req, in.XR, in.Request, result, in.Warnings); err != nil {
		rsp.Fatal(errors.Wrap(err, "cannot write the desired state"))
		return rsp.Proto(), nil
	}
	if result.Ready() && f.readyTTL > 0 {
		rsp.SetTTL(f.readyTTL)
	}
	f.log.Debug("Composed", "xr", in.XR.Name, "resources", len(result.Resources), "waiting", len(result.Waiting))
	return rsp.Proto(), nil
}
