package fnsdk

import (
	"errors"
	"math"
	"strings"
	"unicode/utf8"
	"unsafe"

	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"

	fnv1 "github.com/crossplane/function-sdk-go/proto/v1"
)

// maxDepth is protobuf's default recursion limit: how deeply messages may
// nest, the request being the first. A request nested deeper is left to
// protobuf, which refuses it.
const maxDepth = 10000

// Depths of the messages decodeRequest reads: the request is 1.
const (
	depthTopStruct = 2 // input, context
	depthComposite = 3 // State.composite
	depthComposed  = 4 // a State.resources value (its map entry is 3)
)

// errNotPlain says that decodeRequest leaves bytes to protobuf: they are
// malformed, or not in the plain form protobuf encodes (a message or oneof
// repeated on the wire, which protobuf merges), or hold invalid UTF-8.
var errNotPlain = errors.New("not a plainly encoded request")

// Field numbers of the messages read here (run_function.proto, struct.proto).
const (
	reqMeta, reqObserved, reqDesired, reqInput, reqContext     = 1, 2, 3, 4, 5
	metaTag                                                    = 1
	stateComposite, stateResources                             = 1, 2
	resResource, resConnectionDetails, resReady                = 1, 2, 3
	mapKey, mapValue                                           = 1, 2
	structFields                                               = 1
	valNull, valNumber, valString, valBool, valStruct, valList = 1, 2, 3, 4, 5, 6
	listValues                                                 = 1
)

// field is one field of a message on the wire.
type field struct {
	num   protowire.Number
	typ   protowire.Type
	bytes []byte // BytesType
	u64   uint64 // VarintType, Fixed64Type, Fixed32Type
}

// next reads the first field of b and returns it with the rest of b.
func next(b []byte) (field, []byte, error) {
	num, typ, n := protowire.ConsumeTag(b)
	if n < 0 || num > protowire.MaxValidNumber {
		return field{}, nil, errNotPlain
	}
	b = b[n:]
	f := field{num: num, typ: typ}
	switch typ {
	case protowire.BytesType:
		f.bytes, n = protowire.ConsumeBytes(b)
	case protowire.VarintType:
		f.u64, n = protowire.ConsumeVarint(b)
	case protowire.Fixed64Type:
		f.u64, n = protowire.ConsumeFixed64(b)
	case protowire.Fixed32Type:
		var v uint32
		v, n = protowire.ConsumeFixed32(b)
		f.u64 = uint64(v)
	default:
		n = protowire.ConsumeFieldValue(num, typ, b)
	}
	if n < 0 {
		return field{}, nil, errNotPlain
	}
	return f, b[n:], nil
}

// str is b as a string sharing its memory, if it is valid UTF-8 (protobuf
// refuses a string field that is not).
func str(b []byte) (string, error) {
	if !utf8.Valid(b) {
		return "", errNotPlain
	}
	return unsafe.String(unsafe.SliceData(b), len(b)), nil
}

// once marks field bit of seen, and fails if it was marked: a message field
// repeated on the wire is a merge, left to protobuf. A field of another wire
// type than its own is an unknown field to protobuf, and skipped.
func once(seen *uint8, bit uint8) error {
	if *seen&(1<<bit) != 0 {
		return errNotPlain
	}
	*seen |= 1 << bit
	return nil
}

func decodeRequest(b []byte, observed Keep) (*Request, error) {
	r := &Request{}
	var seen uint8
	// unread are the fields not decoded here (meta's capabilities, credentials,
	// extra and required resources, schemas, unknown fields): protobuf checks
	// them, so that a request it refuses is refused.
	var unread []byte
	for len(b) > 0 {
		f, rest, err := next(b)
		if err != nil {
			return nil, err
		}
		raw := b[:len(b)-len(rest)]
		b = rest
		if f.typ != protowire.BytesType || f.num > reqContext {
			unread = append(unread, raw...)
			continue
		}
		switch f.num {
		case reqMeta:
			unread = append(unread, raw...)
			if err := once(&seen, reqMeta); err != nil {
				return nil, err
			}
			if r.Tag, err = decodeTag(f.bytes); err != nil {
				return nil, err
			}
		case reqObserved:
			if err := once(&seen, reqObserved); err != nil {
				return nil, err
			}
			if r.Observed, err = decodeState(f.bytes, observed); err != nil {
				return nil, err
			}
		case reqDesired:
			if err := once(&seen, reqDesired); err != nil {
				return nil, err
			}
			if r.Desired, err = decodeState(f.bytes, nil); err != nil {
				return nil, err
			}
			r.desired = f.bytes
		case reqInput:
			if err := once(&seen, reqInput); err != nil {
				return nil, err
			}
			if r.Input, err = decodeStruct(f.bytes); err != nil {
				return nil, err
			}
		case reqContext:
			if err := once(&seen, reqContext); err != nil {
				return nil, err
			}
			if r.contextObject, err = decodeStruct(f.bytes); err != nil {
				return nil, err
			}
			r.context = f.bytes
		}
	}
	if len(unread) > 0 && proto.Unmarshal(unread, &fnv1.RunFunctionRequest{}) != nil {
		return nil, errNotPlain
	}
	if r.Observed.Composite.Object == nil {
		r.Observed.Composite.Object = map[string]any{}
	}
	if r.Desired.Composite.Object == nil {
		r.Desired.Composite.Object = map[string]any{}
	}
	return r, nil
}

// decodeTag reads RequestMeta.tag.
func decodeTag(b []byte) (string, error) {
	tag, _, err := readTag(b)
	return tag, err
}

// readTag reads RequestMeta.tag, and whether the meta holds one.
func readTag(b []byte) (tag string, found bool, err error) {
	for len(b) > 0 {
		f, rest, err := next(b)
		if err != nil {
			return "", false, err
		}
		b = rest
		if f.num == metaTag && f.typ == protowire.BytesType {
			if tag, err = str(f.bytes); err != nil {
				return "", false, err
			}
			found = true
		}
	}
	return tag, found, nil
}

// Tag is RunFunctionRequest.meta.tag read from an encoded request without
// decoding the rest, as protobuf would read it (of several metas, the last
// tag wins); empty if the request has none or is not valid protobuf. The tag
// is a copy: it does not keep the request's bytes alive.
func Tag(b []byte) string {
	var tag string
	for len(b) > 0 {
		f, rest, err := next(b)
		if err != nil {
			return ""
		}
		b = rest
		if f.num != reqMeta || f.typ != protowire.BytesType {
			continue
		}
		t, found, err := readTag(f.bytes)
		if err != nil {
			return ""
		}
		if found {
			tag = t
		}
	}
	return strings.Clone(tag)
}

// decodeState reads a State; of its composed resources' objects, only what keep
// names.
func decodeState(b []byte, keep Keep) (State, error) {
	var s State
	var seen uint8
	for len(b) > 0 {
		f, rest, err := next(b)
		if err != nil {
			return State{}, err
		}
		b = rest
		if f.typ != protowire.BytesType {
			continue
		}
		switch f.num {
		case stateComposite:
			if err := once(&seen, stateComposite); err != nil {
				return State{}, err
			}
			if s.Composite, err = decodeResource(f.bytes, nil, depthComposite); err != nil {
				return State{}, err
			}
			s.composite = f.bytes
		case stateResources:
			k, v, err := mapEntry(f.bytes)
			if err != nil {
				return State{}, err
			}
			name, err := str(k)
			if err != nil {
				return State{}, err
			}
			r, err := decodeResource(v, keep, depthComposed)
			if err != nil {
				return State{}, err
			}
			if s.Resources == nil {
				s.Resources = map[string]Resource{}
			}
			s.Resources[name] = r
		}
	}
	return s, nil
}

// mapEntry reads the key and value of a map entry, each at most once.
func mapEntry(b []byte) (key, value []byte, err error) {
	var seen uint8
	for len(b) > 0 {
		f, rest, err := next(b)
		if err != nil {
			return nil, nil, err
		}
		b = rest
		if f.typ != protowire.BytesType || (f.num != mapKey && f.num != mapValue) {
			continue
		}
		if err := once(&seen, uint8(f.num)); err != nil { //nolint:gosec // 1 or 2.
			return nil, nil, err
		}
		if f.num == mapKey {
			key = f.bytes
		} else {
			value = f.bytes
		}
	}
	return key, value, nil
}

// decodeResource reads a Resource at depth.
func decodeResource(b []byte, keep Keep, depth int) (Resource, error) {
	r := Resource{}
	var seen uint8
	for len(b) > 0 {
		f, rest, err := next(b)
		if err != nil {
			return Resource{}, err
		}
		b = rest
		switch {
		case f.num == resResource && f.typ == protowire.BytesType:
			if err := once(&seen, resResource); err != nil {
				return Resource{}, err
			}
			if r.Object, err = decodeStructKeep(f.bytes, keep, depth+1); err != nil {
				return Resource{}, err
			}
		case f.num == resConnectionDetails && f.typ == protowire.BytesType:
			k, v, err := mapEntry(f.bytes)
			if err != nil {
				return Resource{}, err
			}
			key, err := str(k)
			if err != nil {
				return Resource{}, err
			}
			if r.ConnectionDetails == nil {
				r.ConnectionDetails = map[string][]byte{}
			}
			r.ConnectionDetails[key] = v[:len(v):len(v)] // no room to append into the request
		case f.num == resReady && f.typ == protowire.VarintType:
			r.Ready = fnv1.Ready(int32(f.u64)) //nolint:gosec // an enum is an int32 on the wire.
		}
	}
	if r.Object == nil {
		r.Object = map[string]any{}
	}
	return r, nil
}

// count is how many fields numbered num b holds: the size of a map or list.
func count(b []byte, num protowire.Number) int {
	n := 0
	for len(b) > 0 {
		fn, typ, l := protowire.ConsumeTag(b)
		if l < 0 {
			return n
		}
		b = b[l:]
		l = protowire.ConsumeFieldValue(fn, typ, b)
		if l < 0 {
			return n
		}
		b = b[l:]
		if fn == num {
			n++
		}
	}
	return n
}

// decodeStruct reads a top-level google.protobuf.Struct (input, context) as
// AsMap gives it.
func decodeStruct(b []byte) (map[string]any, error) {
	return decodeStructKeep(b, nil, depthTopStruct)
}

// decodeStructKeep is decodeStruct of only the fields keep names (all if keep
// is nil). The values of the others are skipped undecoded, though still checked
// as protobuf would check them.
// The Struct is at depth: its map entries at depth+1, their Values at depth+2.
func decodeStructKeep(b []byte, keep Keep, depth int) (map[string]any, error) {
	if depth > maxDepth {
		return nil, errNotPlain
	}
	n := count(b, structFields)
	if keep != nil {
		n = min(n, len(keep))
	}
	m := make(map[string]any, n)
	for len(b) > 0 {
		f, rest, err := next(b)
		if err != nil {
			return nil, err
		}
		b = rest
		if f.num != structFields || f.typ != protowire.BytesType {
			continue
		}
		if depth+1 > maxDepth {
			return nil, errNotPlain
		}
		k, v, err := mapEntry(f.bytes)
		if err != nil {
			return nil, err
		}
		key, err := str(k)
		if err != nil {
			return nil, err
		}
		sub, kept := keep[key]
		switch {
		case keep == nil:
			m[key], err = decodeValue(v, depth+2)
		case !kept:
			err = skipValue(v, depth+2)
		default:
			m[key], err = decodeValueKeep(v, sub, depth+2)
		}
		if err != nil {
			return nil, err
		}
	}
	return m, nil
}

// decodeValueKeep is decodeValue, with keep applied to a Struct value.
func decodeValueKeep(b []byte, keep Keep, depth int) (any, error) {
	if keep == nil || depth > maxDepth {
		return decodeValue(b, depth)
	}
	var v any
	kinds := 0
	for rest := b; len(rest) > 0; {
		f, r, err := next(rest)
		if err != nil {
			return nil, err
		}
		rest = r
		if f.num >= valNull && f.num <= valList {
			kinds++
			if f.num == valStruct && f.typ == protowire.BytesType {
				if v, err = decodeStructKeep(f.bytes, keep, depth+1); err != nil {
					return nil, err
				}
			}
		}
	}
	if kinds != 1 || v == nil {
		return decodeValue(b, depth) // not a Struct (or not plain): as it is
	}
	return v, nil
}

// skipValue checks a Value that is not kept as protobuf would check it, without
// building it: a request protobuf refuses is refused whatever is kept.
// The Value is at depth (nil b: absent).
func skipValue(b []byte, depth int) error {
	if b != nil && depth > maxDepth {
		return errNotPlain
	}
	return skipFields(b, func(f field) error {
		switch {
		case f.num == valString && f.typ == protowire.BytesType:
			if !utf8.Valid(f.bytes) {
				return errNotPlain
			}
		case f.num == valStruct && f.typ == protowire.BytesType:
			return skipStruct(f.bytes, depth+1)
		case f.num == valList && f.typ == protowire.BytesType:
			if depth+1 > maxDepth {
				return errNotPlain
			}
			return skipFields(f.bytes, func(f field) error {
				if f.num == listValues && f.typ == protowire.BytesType {
					return skipValue(f.bytes, depth+2)
				}
				return nil
			})
		}
		return nil
	})
}

// skipStruct checks a Struct at depth: map entries of a UTF-8 key and a Value.
func skipStruct(b []byte, depth int) error {
	if depth > maxDepth {
		return errNotPlain
	}
	return skipFields(b, func(f field) error {
		if f.num != structFields || f.typ != protowire.BytesType {
			return nil
		}
		if depth+1 > maxDepth {
			return errNotPlain
		}
		return skipFields(f.bytes, func(f field) error {
			switch {
			case f.num == mapKey && f.typ == protowire.BytesType:
				if !utf8.Valid(f.bytes) {
					return errNotPlain
				}
			case f.num == mapValue && f.typ == protowire.BytesType:
				return skipValue(f.bytes, depth+2)
			}
			return nil
		})
	})
}

// skipFields calls check for every field of b.
func skipFields(b []byte, check func(field) error) error {
	for len(b) > 0 {
		f, rest, err := next(b)
		if err != nil {
			return err
		}
		b = rest
		if err := check(f); err != nil {
			return err
		}
	}
	return nil
}

// decodeValue reads a google.protobuf.Value at depth as AsInterface gives it:
// nil for null and for a Value without a kind (or none: nil b).
func decodeValue(b []byte, depth int) (any, error) {
	if b != nil && depth > maxDepth {
		return nil, errNotPlain
	}
	var v any
	kinds := 0
	for len(b) > 0 {
		f, rest, err := next(b)
		if err != nil {
			return nil, err
		}
		b = rest
		switch {
		case f.num == valNull && f.typ == protowire.VarintType:
			v = nil
		case f.num == valNumber && f.typ == protowire.Fixed64Type:
			v = number(math.Float64frombits(f.u64))
		case f.num == valString && f.typ == protowire.BytesType:
			if v, err = str(f.bytes); err != nil {
				return nil, err
			}
		case f.num == valBool && f.typ == protowire.VarintType:
			v = f.u64 != 0
		case f.num == valStruct && f.typ == protowire.BytesType:
			if v, err = decodeStructKeep(f.bytes, nil, depth+1); err != nil {
				return nil, err
			}
		case f.num == valList && f.typ == protowire.BytesType:
			if v, err = decodeList(f.bytes, depth+1); err != nil {
				return nil, err
			}
		default:
			continue
		}
		if kinds++; kinds > 1 {
			return nil, errNotPlain // a oneof set twice: protobuf keeps the last, or merges
		}
	}
	return v, nil
}

// number is a NumberValue as AsInterface gives it: NaN and the infinities
// as the strings JSON has for them.
func number(f float64) any {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	}
	return f
}

// decodeList reads a ListValue at depth: its Values at depth+1.
func decodeList(b []byte, depth int) ([]any, error) {
	if depth > maxDepth {
		return nil, errNotPlain
	}
	l := make([]any, 0, count(b, listValues))
	for len(b) > 0 {
		f, rest, err := next(b)
		if err != nil {
			return nil, err
		}
		b = rest
		if f.num != listValues || f.typ != protowire.BytesType {
			continue
		}
		v, err := decodeValue(f.bytes, depth+1)
		if err != nil {
			return nil, err
		}
		l = append(l, v)
	}
	return l, nil
}
