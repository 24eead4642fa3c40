package main

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"

	"github.com/crossplane/function-sdk-go"
	"github.com/crossplane/function-sdk-go/logging"
	fnv1 "github.com/crossplane/function-sdk-go/proto/v1"
	fnv1beta1 "github.com/crossplane/function-sdk-go/proto/v1beta1"

	"github.com/platform-io/function-agentcore-runtime/internal/examples"
)

// pki is a CA with the certificates and keys it issued, PEM encoded.
type pki struct {
	caCert []byte
	ca     *x509.Certificate
	caKey  *ecdsa.PrivateKey
}

func newPKI(t *testing.T, name string) *pki {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: name},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(time.Hour),
		IsCA:                  true,
		BasicConstraintsValid: true,
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	ca, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return &pki{caCert: pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), ca: ca, caKey: key}
}

// issue returns a certificate and key for a server (with IP SAN 127.0.0.1) or a client.
func (p *pki) issue(t *testing.T, name string, server bool) (certPEM, keyPEM []byte) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	serial, err := rand.Int(rand.Reader, big.NewInt(1<<62))
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: serial,
		Subject:      pkix.Name{CommonName: name},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth},
	}
	if server {
		tmpl.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}
		tmpl.IPAddresses = []net.IP{net.ParseIP("127.0.0.1")}
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, p.ca, &key.PublicKey, p.caKey)
	if err != nil {
		t.Fatal(err)
	}
	k, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: k})
}

func freePort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

func waitListening(t *testing.T, addr string, failed <-chan error) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			_ = c.Close()
			return
		}
		select {
		case err := <-failed:
			t.Fatalf("the server stopped before listening: %v", err)
		case <-time.After(20 * time.Millisecond):
		}
	}
	t.Fatalf("nothing listens on %s", addr)
}

func minimalRequest(t *testing.T) *fnv1.RunFunctionRequest {
	t.Helper()
	req, err := examples.Load(filepath.Join("example", "mdaa-minimal"))
	if err != nil {
		t.Fatal(err)
	}
	return req
}

// TestServeMTLS starts the server as main does, with --tls-certs-dir holding
// certificates made here: only a client with a certificate from the CA in
// ca.crt may call it.
func TestServeMTLS(t *testing.T) {
	ca, other := newPKI(t, "function-ca"), newPKI(t, "another-ca")
	dir := t.TempDir()
	serverCert, serverKey := ca.issue(t, "function", true)
	for name, b := range map[string][]byte{"tls.crt": serverCert, "tls.key": serverKey, "ca.crt": ca.caCert} {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	cli := &CLI{Network: "tcp", Address: freePort(t), TLSCertsDir: dir, MaxRecvMessageSize: 4}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- cli.serve(ctx, logging.NewNopLogger()) }()
	waitListening(t, cli.Address, done)

	trusting := x509.NewCertPool()
	trusting.AddCert(ca.ca)
	distrusting := x509.NewCertPool()
	distrusting.AddCert(other.ca)
	keyPair := func(p *pki) []tls.Certificate {
		c, k := p.issue(t, "crossplane", false)
		pair, err := tls.X509KeyPair(c, k)
		if err != nil {
			t.Fatal(err)
		}
		return []tls.Certificate{pair}
	}
	tlsCreds := func(roots *x509.CertPool, certs []tls.Certificate) credentials.TransportCredentials {
		return credentials.NewTLS(&tls.Config{RootCAs: roots, Certificates: certs, MinVersion: tls.VersionTLS12})
	}
	cases := map[string]struct {
		reason string
		creds  credentials.TransportCredentials
		beta   bool
		want   codes.Code
	}{
		"ClientCertificateFromTheCA":      {reason: "Crossplane's client certificate is signed by the CA in ca.crt.", creds: tlsCreds(trusting, keyPair(ca)), want: codes.OK},
		"V1Beta1ClientCertificate":        {reason: "Crossplane before v1.17 calls the v1beta1 service.", creds: tlsCreds(trusting, keyPair(ca)), beta: true, want: codes.OK},
		"NoClientCertificate":             {reason: "A client without a certificate is refused.", creds: tlsCreds(trusting, nil), want: codes.Unavailable},
		"ClientCertificateFromAnotherCA":  {reason: "A certificate the CA did not sign is refused.", creds: tlsCreds(trusting, keyPair(other)), want: codes.Unavailable},
		"PlaintextClient":                 {reason: "A client without TLS is refused.", creds: insecure.NewCredentials(), want: codes.Unavailable},
		"ClientDoesNotTrustTheServerCert": {reason: "The server's certificate is from the CA, not another one.", creds: tlsCreds(distrusting, keyPair(ca)), want: codes.Unavailable},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			conn, err := grpc.NewClient(cli.Address, grpc.WithTransportCredentials(tc.creds))
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			rctx, rcancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer rcancel()
			var results int
			if tc.beta {
				rsp, callErr := fnv1beta1.NewFunctionRunnerServiceClient(conn).RunFunction(rctx, toBeta(t, minimalRequest(t)))
				err, results = callErr, len(rsp.GetResults())
			} else {
				rsp, callErr := fnv1.NewFunctionRunnerServiceClient(conn).RunFunction(rctx, minimalRequest(t))
				err, results = callErr, len(rsp.GetResults())
			}
			if got := status.Code(err); got != tc.want {
				t.Fatalf("%s\nRunFunction: want code %v, got %v (%v)", tc.reason, tc.want, got, err)
			}
			if tc.want == codes.OK && results == 0 {
				t.Errorf("%s\nRunFunction: no results in the response", tc.reason)
			}
		})
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve returned %v after its context was cancelled", err)
		}
	case <-time.After(5 * time.Second):
		t.Error("serve did not stop within 5 s of its context being cancelled")
	}
}

// toBeta turns a v1 request into the identical v1beta1 one.
func toBeta(t *testing.T, in *fnv1.RunFunctionRequest) *fnv1beta1.RunFunctionRequest {
	t.Helper()
	b, err := proto.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	out := &fnv1beta1.RunFunctionRequest{}
	if err := proto.Unmarshal(b, out); err != nil {
		t.Fatal(err)
	}
	return out
}

// withTestListen are the options of an insecure test server on addr, without
// metrics (they register in the process-wide Prometheus registry once only).
func withTestListen(addr string) []function.ServeOption {
	return []function.ServeOption{function.Listen("tcp", addr), function.Insecure(true), function.WithMetricsServer("")}
}

// slowFunction answers after release is closed, and says when a call started.
type slowFunction struct {
	fnv1.UnimplementedFunctionRunnerServiceServer
	started chan struct{}
	release chan struct{}
	once    sync.Once
}

func (f *slowFunction) RunFunction(_ context.Context, req *fnv1.RunFunctionRequest) (*fnv1.RunFunctionResponse, error) {
	f.once.Do(func() { close(f.started) })
	<-f.release
	return &fnv1.RunFunctionResponse{Meta: &fnv1.ResponseMeta{Tag: req.GetMeta().GetTag()}}, nil
}

// TestServeGracefulStop: when the context is done the server takes no new
// connections, lets a running call finish, and serve returns nil.
func TestServeGracefulStop(t *testing.T) {
	addr := freePort(t)
	fn := &slowFunction{started: make(chan struct{}), release: make(chan struct{})}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- serve(ctx, fn, nil, withTestListen(addr)...)
	}()
	waitListening(t, addr, done)

	conn, err := grpc.NewClient(addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	called := make(chan error, 1)
	go func() {
		_, err := fnv1.NewFunctionRunnerServiceClient(conn).RunFunction(context.Background(), &fnv1.RunFunctionRequest{Meta: &fnv1.RequestMeta{Tag: "slow"}})
		called <- err
	}()
	<-fn.started
	cancel() // SIGTERM

	// The listener closes at once: a new connection is refused.
	deadline := time.Now().Add(5 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err != nil {
			break
		}
		_ = c.Close()
		if time.Now().After(deadline) {
			t.Fatal("the server still accepts connections 5 s after its context was cancelled")
		}
		time.Sleep(20 * time.Millisecond)
	}
	select {
	case err := <-done:
		t.Fatalf("serve returned (%v) while a call was still running", err)
	case <-time.After(100 * time.Millisecond):
	}
	close(fn.release)
	if err := <-called; err != nil {
		t.Errorf("the running call failed: %v", err)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve returned %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Error("serve did not return after the running call finished")
	}
}

// TestSIGTERM builds the function, runs it, and sends it SIGTERM: it must exit
// 0 within a few seconds, having said so in its log.
func TestSIGTERM(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the function binary")
	}
	bin := filepath.Join(t.TempDir(), "function")
	args := []string{"build", "-o", bin}
	if raceEnabled {
		args = append(args, "-race")
	}
	if out, err := exec.Command("go", append(args, ".")...).CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	addr := freePort(t)
	var logs bytes.Buffer
	cmd := exec.Command(bin, "--insecure", "--address", addr, "--metrics-address", "")
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	defer func() {
		if cmd.ProcessState == nil {
			_ = cmd.Process.Kill()
			<-exited
		}
	}()
	waitListening(t, addr, exited)

	conn, err := grpc.NewClient(addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := fnv1.NewFunctionRunnerServiceClient(conn).RunFunction(context.Background(), minimalRequest(t)); err != nil {
		t.Fatalf("RunFunction: %v", err)
	}

	start := time.Now()
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-exited:
		if err != nil {
			t.Fatalf("the function exited with %v after SIGTERM; want 0\n%s", err, logs.String())
		}
	case <-time.After(5 * time.Second):
		t.Fatalf("the function did not exit within 5 s of SIGTERM\n%s", logs.String())
	}
	t.Logf("exited 0 %s after SIGTERM", time.Since(start).Round(time.Millisecond))
	if !strings.Contains(logs.String(), "Stopped gracefully") {
		t.Errorf("the log does not say it stopped gracefully:\n%s", logs.String())
	}
}
