package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"sigs.k8s.io/yaml"

	"github.com/platform-io/function-agentcore-runtime/internal/migrate"
)

// write writes each runtime's EnvironmentConfig and claim or XR: as one YAML
// stream to stdout, or with dir one file per object into dir.
func write(rs []migrate.Runtime, dir string, stdout io.Writer) error {
	if dir != "" {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return err
		}
	}
	stream := &bytes.Buffer{}
	for _, r := range rs {
		for _, o := range []map[string]any{r.EnvironmentConfig, r.Composite} {
			b, err := yaml.Marshal(o)
			if err != nil {
				return err
			}
			doc := header(r) + string(b)
			if dir != "" {
				if err := os.WriteFile(filepath.Join(dir, fileName(o)), []byte(doc), 0o600); err != nil {
					return err
				}
				continue
			}
			if stream.Len() > 0 {
				stream.WriteString("---\n")
			}
			stream.WriteString(doc)
		}
	}
	_, err := stdout.Write(stream.Bytes())
	return err
}

// header says where a runtime's objects come from.
func header(r migrate.Runtime) string {
	return fmt.Sprintf("# %s: %s\n", r.Module.ID(), strings.Join(r.Module.ConfigFiles, ", "))
}

// fileName is <kind>-<name>.yaml, <kind>-<namespace>-<name>.yaml for a
// namespaced object.
func fileName(o map[string]any) string {
	kind, _ := o["kind"].(string)
	meta, _ := o["metadata"].(map[string]any)
	parts := []string{strings.ToLower(kind)}
	if ns, _ := meta["namespace"].(string); ns != "" {
		parts = append(parts, ns)
	}
	n, _ := meta["name"].(string)
	return strings.Join(append(parts, n), "-") + ".yaml"
}
