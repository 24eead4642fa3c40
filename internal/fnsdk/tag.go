package fnsdk

import (
	"strings"
	"unicode/utf8"

	"google.golang.org/protobuf/encoding/protowire"
)

// Field numbers read by Tag (run_function.proto): RunFunctionRequest.meta and
// RequestMeta.tag.
const reqMeta, metaTag = 1, 1

// Tag is RunFunctionRequest.meta.tag read from an encoded request without
// decoding the rest, as protobuf would read it (of several metas, the last
// tag wins); empty if the request has none or is not valid protobuf. The tag
// is a copy: it does not keep the request's bytes alive. It is all the
// response memo needs: a memoised request costs no decoding.
func Tag(b []byte) string {
	var tag string
	err := fields(b, func(num protowire.Number, typ protowire.Type, v []byte) error {
		if num != reqMeta || typ != protowire.BytesType {
			return nil
		}
		return fields(v, func(num protowire.Number, typ protowire.Type, v []byte) error {
			if num == metaTag && typ == protowire.BytesType {
				tag = string(v)
			}
			return nil
		})
	})
	if err != nil || !utf8.ValidString(tag) {
		return "" // protobuf refuses the request: never memoised
	}
	return strings.Clone(tag)
}

// fields calls fn with each field of an encoded message; v is the field's
// bytes for length-delimited fields, nil for others.
func fields(b []byte, fn func(num protowire.Number, typ protowire.Type, v []byte) error) error {
	for len(b) > 0 {
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 {
			return protowire.ParseError(n)
		}
		b = b[n:]
		var v []byte
		if typ == protowire.BytesType {
			v, n = protowire.ConsumeBytes(b)
		} else {
			n = protowire.ConsumeFieldValue(num, typ, b)
		}
		if n < 0 {
			return protowire.ParseError(n)
		}
		b = b[n:]
		if err := fn(num, typ, v); err != nil {
			return err
		}
	}
	return nil
}
