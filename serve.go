package main

import (
	"context"
	"net"
	"net/http"
	"time"

	grpcprometheus "github.com/grpc-ecosystem/go-grpc-middleware/providers/prometheus"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"google.golang.org/grpc"
	healthgrpc "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/reflection"

	"github.com/crossplane/function-sdk-go"
	"github.com/crossplane/function-sdk-go/errors"
	fnv1 "github.com/crossplane/function-sdk-go/proto/v1"
	fnv1beta1 "github.com/crossplane/function-sdk-go/proto/v1beta1"

	"github.com/platform-io/function-agentcore-runtime/internal/encoded"
	"github.com/platform-io/function-agentcore-runtime/internal/memo"
)

// shutdownGrace bounds how long a stop waits for running calls to finish.
const shutdownGrace = 10 * time.Second

// serve is function.Serve of function-sdk-go v0.7.1 (same options, defaults,
// services, credentials and metrics), plus a graceful stop, which the SDK does
// not offer: when ctx is done (SIGTERM, see CLI.Run) the server stops accepting
// connections, lets running calls finish (at most shutdownGrace) and returns nil.
//
// Its FunctionRunnerService (v1) reads and writes encoded messages and memoises
// responses by request tag in m (nil memoises nothing); see encodedRunner. Unary
// interceptors therefore see an *encoded.Message as its request and response
// (the metrics interceptor only counts calls and codes).
func serve(ctx context.Context, fn fnv1.FunctionRunnerServiceServer, m *memo.Cache, o ...function.ServeOption) error {
	so := &function.ServeOptions{
		Network:         function.DefaultNetwork,
		Address:         function.DefaultAddress,
		MaxRecvMsgSize:  function.DefaultMaxRecvMsgSize,
		MetricsAddress:  function.DefaultMetricsAddress,
		MetricsRegistry: prometheus.DefaultRegisterer.(*prometheus.Registry), //nolint:forcetypeassert // as the SDK: always a *Registry.
	}
	for _, opt := range o {
		if err := opt(so); err != nil {
			return errors.Wrap(err, "cannot apply ServeOption")
		}
	}
	if so.Credentials == nil {
		return errors.New("no credentials provided - did you specify the Insecure or MTLSCertificates options?")
	}
	lis, err := (&net.ListenConfig{}).Listen(ctx, so.Network, so.Address)
	if err != nil {
		return errors.Wrapf(err, "cannot listen for %s connections at address %q", so.Network, so.Address)
	}

	opts := []grpc.ServerOption{grpc.MaxRecvMsgSize(so.MaxRecvMsgSize), grpc.Creds(so.Credentials), grpc.ForceServerCodecV2(encoded.NewCodec())}
	var metrics *grpcprometheus.ServerMetrics
	if so.MetricsAddress != "" {
		metrics = grpcprometheus.NewServerMetrics(so.MetricsServerOpts...)
		interceptors := append([]grpc.UnaryServerInterceptor{metrics.UnaryServerInterceptor()}, so.UnaryInterceptors...)
		opts = append(opts, grpc.ChainUnaryInterceptor(interceptors...))
		so.MetricsRegistry.MustRegister(metrics, memoCollector{m})
	}
	srv := grpc.NewServer(opts...)
	reflection.Register(srv)
	runner := &encodedRunner{fn: fn, memo: m}
	srv.RegisterService(runner.serviceDesc(), runner)
	fnv1beta1.RegisterFunctionRunnerServiceServer(srv, function.ServeBeta(fn))
	if so.HealthServer != nil {
		healthgrpc.RegisterHealthServer(srv, so.HealthServer)
	}

	var metricsServer *http.Server
	if so.MetricsAddress != "" {
		metrics.InitializeMetrics(srv)
		metricsServer = &http.Server{
			Addr:              so.MetricsAddress,
			Handler:           promhttp.HandlerFor(so.MetricsRegistry, promhttp.HandlerOpts{}),
			ReadHeaderTimeout: 30 * time.Second,
		}
		go func() { _ = metricsServer.ListenAndServe() }() // errors ignored, as the SDK does
	}

	served := make(chan error, 1)
	go func() { served <- srv.Serve(lis) }()
	select {
	case err := <-served:
		return errors.Wrap(err, "cannot serve mTLS gRPC connections")
	case <-ctx.Done():
	}

	stopped := make(chan struct{})
	go func() {
		srv.GracefulStop()
		close(stopped)
	}()
	select {
	case <-stopped:
	case <-time.After(shutdownGrace):
		srv.Stop()
		<-stopped
	}
	if metricsServer != nil {
		sctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		_ = metricsServer.Shutdown(sctx)
	}
	return nil
}
