package render

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// function is the function binary running as a Development runtime.
type function struct {
	addr string

	mu     sync.Mutex
	stderr bytes.Buffer // the function's logs, shown when something fails
}

// Write collects the function's output; the process writes from its own
// goroutines while tests may read the buffer.
func (f *function) Write(p []byte) (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.stderr.Write(p)
}

// Logs returns what the function has logged so far.
func (f *function) Logs() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.stderr.String()
}

// startFunction builds the function in dir and starts it on a free loopback
// port, without TLS, as `crossplane render` expects of a Development runtime.
// It returns once the port accepts connections; the process is killed when the
// test and all its subtests are done.
func startFunction(t *testing.T, dir string) *function {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "fn")
	args := []string{"build", "-o", bin}
	if raceEnabled {
		// The render cases call the function concurrently: let the race
		// detector watch it too, as `go test -race` watches everything else.
		args = append(args, "-race")
	}
	build := exec.Command("go", append(args, ".")...)
	build.Dir = dir
	start := time.Now()
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("cannot build the function in %s: %v\n%s", dir, err, out)
	}
	t.Logf("built the function in %s", time.Since(start).Round(time.Millisecond))
	readSources(t, dir)

	f := &function{addr: freeAddr(t)}
	cmd := exec.Command(bin, "--insecure", "--address", f.addr)
	cmd.Stdout, cmd.Stderr = f, f
	if err := cmd.Start(); err != nil {
		t.Fatalf("cannot start the function: %v", err)
	}
	// done closes when the process has exited (waitErr then holds why):
	// both waitForPort and the cleanup wait on it.
	done := make(chan struct{})
	var waitErr error
	go func() { waitErr = cmd.Wait(); close(done) }()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		<-done
		// A race-enabled binary reports races on stderr as they happen.
		if strings.Contains(f.Logs(), "WARNING: DATA RACE") {
			t.Errorf("the function has a data race:\n%s", f.Logs())
		}
	})

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := waitForPort(ctx, f.addr, done, func() error { return waitErr }); err != nil {
		t.Fatalf("function did not start listening on %s: %v\nfunction output:\n%s", f.addr, err, f.Logs())
	}
	return f
}

// freeAddr asks the kernel for a free loopback port. Another process could take
// it before the function binds it; on a test machine that is rare enough.
func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("cannot find a free port: %v", err)
	}
	defer l.Close()
	return l.Addr().String()
}

// waitForPort polls until addr accepts TCP connections. Without it, a render
// started too early hangs until --timeout and then fails with an unhelpful
// "signal: killed".
func waitForPort(ctx context.Context, addr string, done <-chan struct{}, why func() error) error {
	for {
		d := net.Dialer{Timeout: time.Second}
		c, err := d.DialContext(ctx, "tcp", addr)
		if err == nil {
			return c.Close()
		}
		select {
		case <-done:
			return fmt.Errorf("the function exited: %w", why())
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// readSources reads the function's Go sources, so that go test's cache, which
// knows only the files a test opens, runs the render again when one changed
// (the build above happens in a child process it cannot see).
func readSources(t *testing.T, dir string) {
	t.Helper()
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case d.IsDir() && (d.Name() == "testdata" || d.Name() == "tools" || strings.HasPrefix(d.Name(), ".")) && path != dir:
			return filepath.SkipDir
		case !d.IsDir() && strings.HasSuffix(path, ".go") && !strings.HasSuffix(path, "_test.go"):
			_, err = os.ReadFile(path)
			return err
		}
		return nil
	})
	if err != nil {
		t.Fatalf("cannot read the function's sources: %v", err)
	}
}
