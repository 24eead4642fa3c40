// Package pkg builds the Function and Configuration packages with
// hack/build-package.sh (no Docker engine) and inspects what is inside them.
package pkg

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"debug/elf"
	"encoding/json"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"sigs.k8s.io/yaml"
)

// xpkg is a package: an image tarball (manifest.json, config, gzipped layers).
type xpkg struct {
	config map[string]any
	// files are the files of every layer by path.
	files map[string][]byte
}

func TestPackages(t *testing.T) {
	if testing.Short() {
		t.Skip("builds two cross-compiled binaries and three packages")
	}
	_, file, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(file), "..", "..")
	out := t.TempDir()
	cmd := exec.Command(filepath.Join(root, "hack", "build-package.sh"), out)
	cmd.Dir = root
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("hack/build-package.sh: %v\n%s", err, b)
	}

	for arch, machine := range map[string]elf.Machine{"amd64": elf.EM_X86_64, "arm64": elf.EM_AARCH64} {
		t.Run("Function-"+arch, func(t *testing.T) {
			p := read(t, filepath.Join(out, "function-agentcore-runtime-"+arch+".xpkg"))
			if diff := cmp.Diff(arch, p.config["architecture"]); diff != "" {
				t.Errorf("image architecture: -want, +got:\n%s", diff)
			}
			cfg, _ := p.config["config"].(map[string]any)
			if diff := cmp.Diff([]any{"/function"}, cfg["Entrypoint"]); diff != "" {
				t.Errorf("entrypoint: -want, +got:\n%s", diff)
			}
			if diff := cmp.Diff("65532:65532", cfg["User"]); diff != "" {
				t.Errorf("user (non-root): -want, +got:\n%s", diff)
			}
			bin, ok := p.files["function"]
			if !ok {
				t.Fatalf("no /function in the runtime image; files: %v", names(p.files))
			}
			f, err := elf.NewFile(bytes.NewReader(bin))
			if err != nil {
				t.Fatalf("/function is not an ELF binary: %v", err)
			}
			if f.Machine != machine {
				t.Errorf("/function is built for %v, want %v", f.Machine, machine)
			}
			meta := packageYAML(t, p)
			wantKinds := []string{"CustomResourceDefinition/inputs.runtime.agentcore.platform.io", "Function/function-agentcore-runtime"}
			if diff := cmp.Diff(wantKinds, meta); diff != "" {
				t.Errorf("package.yaml objects: -want, +got:\n%s", diff)
			}
		})
	}
	t.Run("Configuration", func(t *testing.T) {
		p := read(t, filepath.Join(out, "configuration-agentcore-runtime.xpkg"))
		want := []string{
			"CompositeResourceDefinition/xagentcoreruntimes.agentcore.m.platform.io",
			"CompositeResourceDefinition/xagentcoreruntimes.agentcore.platform.io",
			"Composition/xagentcoreruntimes.agentcore.m.platform.io",
			"Composition/xagentcoreruntimes.agentcore.platform.io",
			"Configuration/configuration-agentcore-runtime",
		}
		if diff := cmp.Diff(want, packageYAML(t, p)); diff != "" {
			t.Errorf("package.yaml objects: -want, +got:\n%s", diff)
		}
	})
}

// packageYAML lists kind/name of every object in the package's package.yaml.
func packageYAML(t *testing.T, p xpkg) []string {
	t.Helper()
	b, ok := p.files["package.yaml"]
	if !ok {
		t.Fatalf("no package.yaml in the package; files: %v", names(p.files))
	}
	var out []string
	for _, doc := range strings.Split(string(b), "\n---") {
		m := map[string]any{}
		if err := yaml.Unmarshal([]byte(doc), &m); err != nil || len(m) == 0 {
			continue
		}
		meta, _ := m["metadata"].(map[string]any)
		out = append(out, m["kind"].(string)+"/"+meta["name"].(string))
	}
	sort.Strings(out)
	return out
}

func read(t *testing.T, path string) xpkg {
	t.Helper()
	entries := untar(t, mustOpen(t, path))
	var manifest []struct {
		Config string
		Layers []string
	}
	if err := json.Unmarshal(entries["manifest.json"], &manifest); err != nil || len(manifest) != 1 {
		t.Fatalf("%s: bad manifest.json: %v", path, err)
	}
	p := xpkg{files: map[string][]byte{}}
	if err := json.Unmarshal(entries[manifest[0].Config], &p.config); err != nil {
		t.Fatalf("%s: bad image config: %v", path, err)
	}
	for _, l := range manifest[0].Layers {
		zr, err := gzip.NewReader(bytes.NewReader(entries[l]))
		if err != nil {
			t.Fatalf("%s: layer %s: %v", path, l, err)
		}
		for name, data := range untar(t, zr) {
			p.files[strings.TrimPrefix(name, "/")] = data
		}
	}
	return p
}

func untar(t *testing.T, r io.Reader) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	tr := tar.NewReader(r)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		if h.Typeflag != tar.TypeReg {
			continue
		}
		b, err := io.ReadAll(tr)
		if err != nil {
			t.Fatal(err)
		}
		out[h.Name] = b
	}
}

func mustOpen(t *testing.T, path string) io.Reader {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return bytes.NewReader(b)
}

func names(files map[string][]byte) []string {
	out := make([]string, 0, len(files))
	for n := range files {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}
