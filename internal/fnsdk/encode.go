package fnsdk

import (
	"encoding/base64"
	"encoding/json"
	"maps"
	"math"
	"slices"
	"unicode/utf8"

	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/types/known/structpb"
)

// An encoder appends protobuf messages to buf as
// proto.MarshalOptions{Deterministic: true} encodes them: fields in number
// order, map entries in key order, scalars at their zero value left out.
type encoder struct {
	buf  []byte
	keys [][]string // sorted-keys scratch, one per nesting depth
	err  error
}

// begin starts a length-delimited field num and returns where its length goes.
// One byte is reserved for the length: end moves the content along if it
// needs more.
func (e *encoder) begin(num protowire.Number) int {
	e.buf = protowire.AppendTag(e.buf, num, protowire.BytesType)
	e.buf = append(e.buf, 0)
	return len(e.buf) - 1
}

// end writes the length of the field begun at at.
func (e *encoder) end(at int) {
	n := len(e.buf) - at - 1
	if n < 0x80 {
		e.buf[at] = byte(n)
		return
	}
	k := protowire.SizeVarint(uint64(n))
	e.buf = append(e.buf, make([]byte, k-1)...)
	copy(e.buf[at+k:], e.buf[at+1:at+1+n])
	protowire.AppendVarint(e.buf[at:at], uint64(n))
}

func (e *encoder) string(num protowire.Number, s string) {
	e.buf = protowire.AppendTag(e.buf, num, protowire.BytesType)
	e.buf = protowire.AppendString(e.buf, s)
}

// bytes appends a length-delimited field holding b as it is: bytes, or an
// encoded message.
func (e *encoder) bytes(num protowire.Number, b []byte) {
	e.buf = protowire.AppendTag(e.buf, num, protowire.BytesType)
	e.buf = protowire.AppendBytes(e.buf, b)
}

// bytesMap appends the entries of a map<string, bytes> (or of encoded
// messages) field, in key order.
func (e *encoder) bytesMap(num protowire.Number, m map[string][]byte) {
	for _, k := range slices.Sorted(maps.Keys(m)) {
		entry := e.begin(num)
		e.string(mapKey, k)
		e.bytes(mapValue, m[k])
		e.end(entry)
	}
}

func (e *encoder) varint(num protowire.Number, v uint64) {
	e.buf = protowire.AppendTag(e.buf, num, protowire.VarintType)
	e.buf = protowire.AppendVarint(e.buf, v)
}

// sorted returns the keys of m sorted, in the scratch slice of depth.
func (e *encoder) sorted(m map[string]any, depth int) []string {
	for len(e.keys) <= depth {
		e.keys = append(e.keys, nil)
	}
	keys := e.keys[depth][:0]
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	e.keys[depth] = keys
	return keys
}

// structFields appends the fields of a google.protobuf.Struct of m. Errors
// are structpb.NewStruct's, and stop the encoding.
func (e *encoder) structFields(m map[string]any, depth int) {
	for _, k := range e.sorted(m, depth) {
		if e.err != nil {
			return
		}
		if !utf8.ValidString(k) {
			_, e.err = structpb.NewStruct(map[string]any{k: nil})
			return
		}
		entry := e.begin(structFields)
		e.string(mapKey, k)
		value := e.begin(mapValue)
		e.value(m[k], depth+1)
		e.end(value)
		e.end(entry)
	}
}

// value appends the fields of a google.protobuf.Value of v, which holds what
// structpb.NewValue takes.
func (e *encoder) value(v any, depth int) {
	switch t := v.(type) {
	case nil:
		e.varint(valNull, 0)
	case bool:
		b := uint64(0)
		if t {
			b = 1
		}
		e.varint(valBool, b)
	case string:
		if !utf8.ValidString(t) {
			_, e.err = structpb.NewValue(t)
			return
		}
		e.string(valString, t)
	case float64:
		e.number(t)
	case int:
		e.number(float64(t))
	case int64:
		e.number(float64(t))
	case int32:
		e.number(float64(t))
	case int16:
		e.number(float64(t))
	case int8:
		e.number(float64(t))
	case uint:
		e.number(float64(t))
	case uint64:
		e.number(float64(t))
	case uint32:
		e.number(float64(t))
	case uint16:
		e.number(float64(t))
	case uint8:
		e.number(float64(t))
	case float32:
		e.number(float64(t))
	case json.Number:
		f, err := t.Float64()
		if err != nil {
			_, e.err = structpb.NewValue(t)
			return
		}
		e.number(f)
	case []byte:
		e.string(valString, base64.StdEncoding.EncodeToString(t))
	case map[string]any:
		at := e.begin(valStruct)
		e.structFields(t, depth)
		e.end(at)
	case []any:
		at := e.begin(valList)
		for _, x := range t {
			if e.err != nil {
				return
			}
			item := e.begin(listValues)
			e.value(x, depth)
			e.end(item)
		}
		e.end(at)
	default:
		_, e.err = structpb.NewValue(v) // its error for what it does not take
	}
}

func (e *encoder) number(f float64) {
	e.buf = protowire.AppendTag(e.buf, valNumber, protowire.Fixed64Type)
	e.buf = protowire.AppendFixed64(e.buf, math.Float64bits(f))
}
