package fnsdk

import (
	"testing"

	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"

	fnv1 "github.com/crossplane/function-sdk-go/proto/v1"
)

func TestTag(t *testing.T) {
	meta := func(tag string) []byte {
		m := protowire.AppendTag(nil, 1, protowire.BytesType)
		return protowire.AppendString(m, tag)
	}
	field := func(num protowire.Number, v []byte) []byte {
		b := protowire.AppendTag(nil, num, protowire.BytesType)
		return protowire.AppendBytes(b, v)
	}
	cat := func(bs ...[]byte) []byte {
		var out []byte
		for _, b := range bs {
			out = append(out, b...)
		}
		return out
	}
	withTag := func(tag string) []byte {
		b, err := proto.Marshal(&fnv1.RunFunctionRequest{Meta: &fnv1.RequestMeta{Tag: tag}, Input: nil})
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	cases := map[string]struct {
		reason string
		b      []byte
		want   string
	}{
		"Tagged":         {reason: "The tag Crossplane sets.", b: withTag("abc123"), want: "abc123"},
		"Untagged":       {reason: "A request without meta has no tag.", b: field(4, nil), want: ""},
		"MetaNoTag":      {reason: "A meta without a tag has none.", b: field(1, nil), want: ""},
		"LastTagWins":    {reason: "As proto.Unmarshal merges two metas, the last tag wins.", b: cat(field(1, meta("first")), field(4, nil), field(1, meta("second"))), want: "second"},
		"LaterMetaNoTag": {reason: "A later meta without a tag keeps the earlier tag, as a merge does.", b: cat(field(1, meta("first")), field(1, nil)), want: "first"},
		"Truncated":      {reason: "A request that is not valid protobuf has no tag: it is decoded, and refused.", b: withTag("abc123")[:5], want: ""},
		"Garbage":        {reason: "Not protobuf at all.", b: []byte{0xff, 0xff, 0xff}, want: ""},
		"InvalidUTF8":    {reason: "Protobuf refuses a tag that is not UTF-8: the request is refused, never memoised.", b: field(1, field(1, []byte{0xff})), want: ""},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			if got := Tag(tc.b); got != tc.want {
				t.Errorf("%s\nTag: want %q, got %q", tc.reason, tc.want, got)
			}
		})
	}
}
