// Command registry is the e2e's OCI registry and image reader (go-containerregistry):
//
//	registry serve -addr 127.0.0.1:5000
//	    serves an in-memory registry over plain HTTP until it is stopped
//	registry extract -image 127.0.0.1:5000/org/fn:v1 -platform linux/amd64 -file /function -out fn
//	    pulls the image (for one platform of an index) and writes one regular file of its
//	    flattened filesystem, as a container runtime would see it
package main

import (
	"archive/tar"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/registry"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/remote"
)

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	var err error
	switch os.Args[1] {
	case "serve":
		fs := flag.NewFlagSet("serve", flag.ExitOnError)
		addr := fs.String("addr", "127.0.0.1:5000", "address to listen on")
		_ = fs.Parse(os.Args[2:])
		err = serve(*addr)
	case "extract":
		fs := flag.NewFlagSet("extract", flag.ExitOnError)
		image := fs.String("image", "", "image reference to pull")
		platform := fs.String("platform", "linux/amd64", "platform to pick from an index")
		file := fs.String("file", "/function", "path of the file in the image")
		out := fs.String("out", "", "file to write (mode 0755)")
		_ = fs.Parse(os.Args[2:])
		err = extract(*image, *platform, *file, *out)
	default:
		usage()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "registry:", err)
		os.Exit(1)
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: registry serve [-addr host:port] | registry extract -image REF [-platform os/arch] [-file PATH] -out FILE")
	os.Exit(2)
}

func serve(addr string) error {
	l, err := (&net.ListenConfig{}).Listen(context.Background(), "tcp", addr)
	if err != nil {
		return err
	}
	s := &http.Server{Handler: registry.New(), ReadHeaderTimeout: 10 * time.Second}
	return s.Serve(l)
}

func extract(image, platform, file, out string) error {
	if image == "" || out == "" {
		return errors.New("-image and -out are required")
	}
	ref, err := name.ParseReference(image)
	if err != nil {
		return err
	}
	p, err := v1.ParsePlatform(platform)
	if err != nil {
		return err
	}
	img, err := remote.Image(ref, remote.WithPlatform(*p))
	if err != nil {
		return err
	}
	rc := mutate.Extract(img)
	defer rc.Close() //nolint:errcheck // read-only
	want := strings.TrimPrefix(file, "/")
	tr := tar.NewReader(rc)
	for {
		hdr, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return fmt.Errorf("%s has no file %s", image, file)
		}
		if err != nil {
			return err
		}
		if strings.TrimPrefix(hdr.Name, "./") != want || hdr.Typeflag != tar.TypeReg {
			continue
		}
		return write(tr, out)
	}
}

func write(r io.Reader, out string) error {
	f, err := os.OpenFile(out, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o755) //nolint:gosec // the test's own work folder
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, r); err != nil {
		_ = f.Close()
		return err
	}
	return f.Close()
}
