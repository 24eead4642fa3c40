package fnsdk

import (
	"unicode/utf8"

	"google.golang.org/protobuf/types/known/structpb"
)

// minChunk is how many messages of a kind a Builder allocates at once beyond
// what Reserve counted.
const minChunk = 16

// A Builder converts Go values to structpb messages as structpb.NewStruct and
// structpb.NewValue do, with the same results and errors, but allocates the
// messages in chunks: after Reserve has counted the values to convert, one
// allocation per kind of message for all of them, instead of two per value (a
// desired state of some 2,000 values costs a few dozen allocations instead of
// some 5,000). Messages built by one Builder share chunks and are freed
// together; a Builder is not safe for concurrent use.
type Builder struct {
	values  []structpb.Value
	strs    []structpb.Value_StringValue
	nums    []structpb.Value_NumberValue
	bools   []structpb.Value_BoolValue
	structs []structpb.Struct
	svals   []structpb.Value_StructValue
	lists   []structpb.ListValue
	lvals   []structpb.Value_ListValue

	reserved counts
}

// counts are how many messages of each kind values need.
type counts struct {
	values, strs, nums, bools, structs, svals, lists, lvals int
}

// Reserve counts the messages m needs, so that the next chunks are allocated
// to fit them all.
func (b *Builder) Reserve(m map[string]any) {
	b.reserved.structs++
	for _, v := range m {
		b.reserved.add(v)
	}
}

func (c *counts) add(v any) {
	c.values++
	switch t := v.(type) {
	case string:
		c.strs++
	case map[string]any:
		c.svals++
		c.structs++
		for _, e := range t {
			c.add(e)
		}
	case []any:
		c.lvals++
		c.lists++
		for _, e := range t {
			c.add(e)
		}
	case bool:
		c.bools++
	case float64, int64, int, int32:
		c.nums++
	}
}

// next returns the next element of *s, allocating a chunk of *reserved (then
// none reserved) or minChunk elements when it is used up.
func next[T any](s *[]T, reserved *int) *T {
	if len(*s) == 0 {
		*s = make([]T, max(*reserved, minChunk))
		*reserved = 0
	}
	v := &(*s)[0]
	*s = (*s)[1:]
	return v
}

// NewStruct is structpb.NewStruct.
func (b *Builder) NewStruct(m map[string]any) (*structpb.Struct, error) {
	x := next(&b.structs, &b.reserved.structs)
	x.Fields = make(map[string]*structpb.Value, len(m))
	for k, v := range m {
		if !utf8.ValidString(k) {
			return structpb.NewStruct(m) // its error
		}
		var err error
		if x.Fields[k], err = b.NewValue(v); err != nil {
			return nil, err
		}
	}
	return x, nil
}

// NewValue is structpb.NewValue.
func (b *Builder) NewValue(v any) (*structpb.Value, error) {
	out := next(&b.values, &b.reserved.values)
	switch t := v.(type) {
	case string:
		if !utf8.ValidString(t) {
			return structpb.NewValue(t) // its error
		}
		s := next(&b.strs, &b.reserved.strs)
		s.StringValue = t
		out.Kind = s
	case map[string]any:
		st, err := b.NewStruct(t)
		if err != nil {
			return nil, err
		}
		s := next(&b.svals, &b.reserved.svals)
		s.StructValue = st
		out.Kind = s
	case []any:
		l := next(&b.lists, &b.reserved.lists)
		l.Values = make([]*structpb.Value, len(t))
		for i, e := range t {
			var err error
			if l.Values[i], err = b.NewValue(e); err != nil {
				return nil, err
			}
		}
		s := next(&b.lvals, &b.reserved.lvals)
		s.ListValue = l
		out.Kind = s
	case bool:
		s := next(&b.bools, &b.reserved.bools)
		s.BoolValue = t
		out.Kind = s
	case float64:
		b.number(out, t)
	case int64:
		b.number(out, float64(t))
	case int:
		b.number(out, float64(t))
	case int32:
		b.number(out, float64(t))
	default:
		// nil, the other numbers, json.Number, []byte, and the errors.
		return structpb.NewValue(v)
	}
	return out, nil
}

func (b *Builder) number(out *structpb.Value, f float64) {
	s := next(&b.nums, &b.reserved.nums)
	s.NumberValue = f
	out.Kind = s
}
