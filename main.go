// Package main is function-agentcore-runtime: a Crossplane composition function that
// composes everything an Amazon Bedrock AgentCore Runtime needs.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/alecthomas/kong"

	"github.com/crossplane/function-sdk-go"
	"github.com/crossplane/function-sdk-go/logging"

	"github.com/platform-io/function-agentcore-runtime/internal/memo"
)

// CLI of the function, as every Crossplane function has it.
type CLI struct {
	Debug bool `help:"Emit debug logs in addition to info logs." short:"d"`

	Network            string        `default:"tcp"   help:"Network on which to listen for gRPC connections."`
	Address            string        `default:":9443" help:"Address at which to listen for gRPC connections."`
	TLSCertsDir        string        `env:"TLS_SERVER_CERTS_DIR"  help:"Directory containing server certs (tls.key, tls.crt) and the CA used to verify client certificates (ca.crt)"`
	Insecure           bool          `help:"Run without mTLS credentials. If you supply this flag --tls-server-certs-dir will be ignored."`
	MaxRecvMessageSize int           `default:"4"     help:"Maximum size of received messages in MB."`
	MetricsAddress     string        `default:":8080" help:"Address of the Prometheus metrics endpoint (/metrics); empty turns it off."`
	ResponseMemoSize   int           `default:"4"     help:"Memory in MiB for memoised responses, held compressed (by Crossplane's request tag; 0 turns the memo off)."`
	ReadyTTL           time.Duration `default:"1m" help:"TTL of the response once the composite is Ready: how soon Crossplane reconciles a runtime at steady state again (e.g. 5m, 10m)."`
}

// Run serves until SIGTERM (or SIGINT), then stops gracefully: running calls
// finish, and the process exits 0.
func (c *CLI) Run() error {
	log, err := function.NewLogger(c.Debug)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()
	if err := c.serve(ctx, log); err != nil {
		return err
	}
	log.Info("Stopped gracefully")
	return nil
}

// serve runs the gRPC server with the CLI's options until ctx is done.
func (c *CLI) serve(ctx context.Context, log logging.Logger) error {
	return serve(ctx, &Function{log: log, readyTTL: c.ReadyTTL}, memo.New(c.ResponseMemoSize*1024*1024),
		function.Listen(c.Network, c.Address),
		function.MTLSCertificates(c.TLSCertsDir),
		function.Insecure(c.Insecure),
		function.MaxRecvMessageSize(c.MaxRecvMessageSize*1024*1024),
		function.WithMetricsServer(c.MetricsAddress))
}

func main() {
	ctx := kong.Parse(&CLI{}, kong.Description("Composes an Amazon Bedrock AgentCore Runtime from one XAgentCoreRuntime."))
	ctx.FatalIfErrorf(ctx.Run())
}
