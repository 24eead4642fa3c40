// Command imagebuild packs the function's static binary into an OCI image tarball
// without a Docker engine: an empty base, one layer holding /function, and the same
// entrypoint, user and port as the Dockerfile's distroless image.
//
//	imagebuild -binary fn-linux-arm64 -arch arm64 -tag function-agentcore-runtime:arm64 -out image.tar
package main

import (
	"archive/tar"
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
)

// nonroot is distroless's nonroot user and group.
const nonroot = 65532

func main() {
	binary := flag.String("binary", "", "static linux binary of the function")
	arch := flag.String("arch", "", "image architecture: amd64 or arm64")
	tag := flag.String("tag", "function-agentcore-runtime:dev", "image reference written into the tarball")
	out := flag.String("out", "", "OCI image tarball to write")
	flag.Parse()
	if err := build(*binary, *arch, *tag, *out); err != nil {
		fmt.Fprintln(os.Stderr, "imagebuild:", err)
		os.Exit(1)
	}
}

func build(binary, arch, tag, out string) error {
	if binary == "" || arch == "" || out == "" {
		return fmt.Errorf("-binary, -arch and -out are required")
	}
	layer, err := binaryLayer(binary)
	if err != nil {
		return err
	}
	img, err := mutate.AppendLayers(empty.Image, layer)
	if err != nil {
		return err
	}
	cfg, err := img.ConfigFile()
	if err != nil {
		return err
	}
	cfg = cfg.DeepCopy()
	cfg.OS, cfg.Architecture = "linux", arch
	// A fixed date keeps the image digest reproducible.
	cfg.Created = v1.Time{Time: time.Unix(0, 0).UTC()}
	cfg.Config.Entrypoint = []string{"/function"}
	cfg.Config.User = fmt.Sprintf("%d:%d", nonroot, nonroot)
	cfg.Config.ExposedPorts = map[string]struct{}{"9443/tcp": {}}
	if img, err = mutate.ConfigFile(img, cfg); err != nil {
		return err
	}
	ref, err := name.NewTag(tag)
	if err != nil {
		return err
	}
	return tarball.WriteToFile(out, ref, img)
}

// binaryLayer is a layer with the binary at /function, executable, owned by nonroot.
func binaryLayer(path string) (v1.Layer, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	hdr := &tar.Header{Name: "function", Mode: 0o755, Size: int64(len(data)), Uid: nonroot, Gid: nonroot, ModTime: time.Unix(0, 0)}
	if err := tw.WriteHeader(hdr); err != nil {
		return nil, err
	}
	if _, err := tw.Write(data); err != nil {
		return nil, err
	}
	if err := tw.Close(); err != nil {
		return nil, err
	}
	b := buf.Bytes()
	return tarball.LayerFromOpener(func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(b)), nil })
}
