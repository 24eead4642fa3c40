package main

import (
	"context"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"

	fnv1 "github.com/crossplane/function-sdk-go/proto/v1"

	"github.com/platform-io/function-agentcore-runtime/internal/encoded"
)

// The -tags modes.
const (
	tagsCrossplane = "crossplane"
	tagsUnique     = "unique"
	tagsNone       = "none"
)

// runFunction is the full gRPC name of the method Crossplane calls.
var runFunction = "/" + fnv1.FunctionRunnerService_ServiceDesc.ServiceName + "/RunFunction"

// callEncoded sends an encoded request and returns the encoded response.
func callEncoded(conn *grpc.ClientConn, req []byte) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	out := &encoded.Message{}
	err := conn.Invoke(ctx, runFunction, &encoded.Message{Bytes: req}, out, grpc.ForceCodecV2(encoded.NewCodec()))
	return out.Bytes, err
}

// requestBody is req encoded deterministically without its meta.
func requestBody(req *fnv1.RunFunctionRequest) ([]byte, error) {
	r := proto.Clone(req).(*fnv1.RunFunctionRequest) //nolint:forcetypeassert // Clone keeps the type.
	r.Meta = nil
	return proto.MarshalOptions{Deterministic: true}.Marshal(r)
}

// withTag is body with a RequestMeta holding tag appended: a message's fields
// may come in any order.
func withTag(body []byte, tag string) []byte {
	meta := protowire.AppendTag(nil, 1, protowire.BytesType)
	meta = protowire.AppendString(meta, tag)
	out := make([]byte, 0, len(body)+len(meta)+4)
	out = append(out, body...)
	out = protowire.AppendTag(out, 1, protowire.BytesType)
	return protowire.AppendBytes(out, meta)
}
