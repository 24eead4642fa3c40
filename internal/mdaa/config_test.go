package mdaa

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestLoadConfig(t *testing.T) {
	cases := map[string]struct {
		files   map[string]string
		module  Module
		want    map[string]any
		origins map[string][]string
	}{
		"maps merge at every depth, scalars: the later file wins, lists concatenate": {
			files: map[string]string{
				"base.yaml": "net: {subnets: [subnet-a], vpcId: vpc-1, mode: VPC}\nname: base\nkeep: me\n",
				"dev.yaml":  "net: {subnets: [subnet-b], vpcId: vpc-2}\nname: dev\nextra: 1\n",
			},
			module: Module{ConfigFiles: []string{"./base.yaml", "./dev.yaml"}},
			want: map[string]any{
				"net":  map[string]any{"subnets": []any{"subnet-a", "subnet-b"}, "vpcId": "vpc-2", "mode": "VPC"},
				"name": "dev", "keep": "me", "extra": 1.0,
			},
			origins: map[string][]string{
				"name": {"./dev.yaml"}, "keep": {"./base.yaml"}, "net": {"./base.yaml", "./dev.yaml"},
				"net.vpcId": {"./dev.yaml"}, "net.mode": {"./base.yaml"},
				"net.subnets[0]": {"./base.yaml"}, "net.subnets[1]": {"./dev.yaml"},
				// Not given by any file: its nearest ancestor's.
				"net.securityGroups": {"./base.yaml", "./dev.yaml"},
				"missing.deep":       {"./base.yaml", "./dev.yaml"},
			},
		},
		"a non-list after a list is appended to it (Array.concat)": {
			files:   map[string]string{"a.yaml": "l: [x]\n", "b.yaml": "l: y\n"},
			module:  Module{ConfigFiles: []string{"./a.yaml", "./b.yaml"}},
			want:    map[string]any{"l": []any{"x", "y"}},
			origins: map[string][]string{"l[0]": {"./a.yaml"}, "l[1]": {"./b.yaml"}},
		},
		"a scalar replaces a map, and what the earlier file gave under it": {
			files:   map[string]string{"a.yaml": "m: {k: v, l: [1]}\n", "b.yaml": "m: gone\n"},
			module:  Module{ConfigFiles: []string{"./a.yaml", "./b.yaml"}},
			want:    map[string]any{"m": "gone"},
			origins: map[string][]string{"m": {"./b.yaml"}, "m.k": {"./b.yaml"}, "m.l[0]": {"./b.yaml"}},
		},
		"a map after a scalar replaces it; the files' own values are not shared": {
			files:   map[string]string{"a.yaml": "m: s\nn: {k: 1}\n", "b.yaml": "m: {k: v}\nn: {j: 2}\n", "c.yaml": "m: {j: w}\n"},
			module:  Module{ConfigFiles: []string{"./a.yaml", "./b.yaml", "./c.yaml"}},
			want:    map[string]any{"m": map[string]any{"k": "v", "j": "w"}, "n": map[string]any{"k": 1.0, "j": 2.0}},
			origins: map[string][]string{"m": {"./b.yaml", "./c.yaml"}, "m.k": {"./b.yaml"}, "n.k": {"./a.yaml"}},
		},
		"module_config_data replaces top-level keys whole": {
			files:  map[string]string{"a.yaml": "net: {subnets: [s], vpcId: v}\nname: a\n"},
			module: Module{ConfigFiles: []string{"./a.yaml"}, ConfigData: map[string]any{"net": map[string]any{"vpcId": "w"}}},
			want:   map[string]any{"net": map[string]any{"vpcId": "w"}, "name": "a"},
			origins: map[string][]string{
				"net": {ConfigDataOrigin}, "net.vpcId": {ConfigDataOrigin}, "name": {"./a.yaml"},
			},
		},
		"relative paths resolve against the file's folder, written relative to mdaa.yaml's": {
			files: map[string]string{
				"configs/agent.yaml": "codePath: ./src\nup: ../shared/lib\nwin: .\\w\nlist: [./a, ssm:/x, .hidden, '../..']\n",
				"top.yaml":           "here: ./src\nparent: ../outside\n",
			},
			module: Module{ConfigFiles: []string{"configs/agent.yaml", "top.yaml"}},
			want: map[string]any{
				"codePath": "./configs/src", "up": "./shared/lib", "win": "./configs/w",
				"list": []any{"./configs/a", "ssm:/x", ".hidden", ".."},
				"here": "./src", "parent": "../outside",
			},
		},
		"no files": {module: Module{}, want: map[string]any{}, origins: map[string][]string{"a": nil}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			dir := writeFiles(t, tc.files)
			got, err := LoadConfig(dir, tc.module)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got.Values); diff != "" {
				t.Errorf("values -want +got:\n%s", diff)
			}
			for p, want := range tc.origins {
				if diff := cmp.Diff(want, got.Origins(p)); diff != "" {
					t.Errorf("Origins(%s) -want +got:\n%s", p, diff)
				}
			}
		})
	}
}

func TestLoadConfigAbsolutePath(t *testing.T) {
	dir := writeFiles(t, map[string]string{"sub/a.yaml": "codePath: ./src\n"})
	got, err := LoadConfig(dir, Module{ConfigFiles: []string{filepath.Join(dir, "sub", "a.yaml")}})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]any{"codePath": "./sub/src"}, got.Values); diff != "" {
		t.Errorf("-want +got:\n%s", diff)
	}
}

func TestLoadConfigErrors(t *testing.T) {
	dir := writeFiles(t, map[string]string{"bad.yaml": "a: [\n"})
	for file, want := range map[string]string{
		"./missing.yaml": "d/e/m: open " + filepath.Join(dir, "missing.yaml"),
		"./bad.yaml":     "d/e/m: ./bad.yaml: yaml: line 1",
	} {
		_, err := LoadConfig(dir, Module{Domain: "d", Env: "e", Name: "m", ConfigFiles: []string{file}})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %v, want one containing %q", file, err, want)
		}
	}
}
