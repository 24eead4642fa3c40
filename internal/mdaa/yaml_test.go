package mdaa

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseYAML(t *testing.T) {
	cases := map[string]struct {
		in   string
		want map[string]any
		err  string
	}{
		"YAML 1.2 core schema, as MDAA's yaml package": {
			in: "yes: yes\nno: off\ndate: 2024-01-01\ndecimal: 012\noctal: 0o12\nhex: 0x1f\nbig: 1_000\nfloat: 1.5\nt: true\nf: False\nnull: ~\nempty:\n",
			want: map[string]any{
				"yes": "yes", "no": "off", "date": "2024-01-01", "decimal": 12.0, "octal": 10.0, "hex": 31.0, "big": 1000.0,
				"float": 1.5, "t": true, "f": false, "null": nil, "empty": nil,
			},
		},
		"nested maps, lists, anchors; keys are strings": {
			in: "base: &b {a: 1}\nuse: *b\nlist: [x, {y: z}]\n1: one\n",
			want: map[string]any{
				"base": map[string]any{"a": 1.0}, "use": map[string]any{"a": 1.0},
				"list": []any{"x", map[string]any{"y": "z"}}, "1": "one",
			},
		},
		"empty document": {in: "# nothing\n", want: map[string]any{}},
		"null document":  {in: "~\n", want: map[string]any{}},
		"not a map":      {in: "- a\n", err: "line 1: want a map of keys, got !!seq"},
		"infinity":       {in: "a: .inf\n", err: "line 1: .inf is not a number JSON can hold"},
		"bad integer":    {in: "a: !!int abc\n", err: `line 1: "abc" is not a number`},
		"bad float":      {in: "a: !!float abc\n", err: `line 1: "abc" is not a number`},
		"not YAML":       {in: "a: [\n", err: "yaml: line 1"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got, err := parseYAML([]byte(tc.in))
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want one containing %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("-want +got:\n%s", diff)
			}
		})
	}
}
