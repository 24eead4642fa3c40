package fnsdk

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"google.golang.org/protobuf/testing/protocmp"
	"google.golang.org/protobuf/types/known/structpb"
)

func TestBuilderIsStructpb(t *testing.T) {
	cases := map[string]map[string]any{
		"Empty": {},
		"Everything": {
			"s": "x", "b": true, "f": 1.5, "i64": int64(7), "i": 3, "i32": int32(-2), "u8": uint8(9), "f32": float32(0.25),
			"n": nil, "num": json.Number("12"), "bytes": []byte("hi"), "nan": math.Inf(1),
			"m": map[string]any{"l": []any{"a", 1.0, map[string]any{}, []any{}, nil, false}},
		},
		"InvalidUTF8Value": {"a": "\xff"},
		"InvalidUTF8Key":   {"\xff": "a"},
		"InvalidType":      {"a": struct{}{}},
		"InvalidNested":    {"a": []any{map[string]any{"b": make(chan int)}}},
		"InvalidNumber":    {"a": json.Number("x")},
	}
	for name, in := range cases {
		t.Run(name, func(t *testing.T) {
			want, wantErr := structpb.NewStruct(in)
			got, gotErr := (&Builder{}).NewStruct(in)
			if diff := cmp.Diff(want, got, protocmp.Transform()); diff != "" {
				t.Errorf("NewStruct: -structpb, +Builder:\n%s", diff)
			}
			if diff := cmp.Diff(errString(wantErr), errString(gotErr)); diff != "" {
				t.Errorf("NewStruct error: -structpb, +Builder:\n%s", diff)
			}
		})
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// TestBuilderReserved: with Reserve, a Builder allocates its messages at once.
func TestBuilderReserved(t *testing.T) {
	m := map[string]any{"a": "b", "c": []any{1.0, true, map[string]any{"d": "e"}}, "f": nil}
	b := &Builder{}
	b.Reserve(m)
	b.Reserve(m)
	allocs := testing.AllocsPerRun(1, func() {
		for range 2 {
			if _, err := b.NewStruct(m); err != nil {
				t.Fatal(err)
			}
		}
	})
	// Per kind of message one chunk (8), a map per Struct (2 x 2), the nil
	// (structpb.NewValue: 2 x 2), the list's slice (2).
	if allocs > 18 {
		t.Errorf("%v allocations for two reserved structs, want at most 18", allocs)
	}
}
