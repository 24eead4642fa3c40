// Package encoded passes protobuf messages through gRPC in their wire form: a
// server or client forced to use its Codec sends a *Message's bytes as they are
// and receives a *Message's bytes undecoded, and handles every other message as
// gRPC's protobuf codec does.
package encoded

import (
	"google.golang.org/grpc/encoding"
	"google.golang.org/grpc/mem"
)

// Message is a protobuf message in its wire form.
type Message struct{ Bytes []byte }

// Codec is gRPC's protobuf codec, except that a *Message passes through as it
// is. A received Message's bytes are its own copy: they may be kept, and
// strings may share them.
type Codec struct{ proto encoding.CodecV2 }

// NewCodec returns a Codec.
func NewCodec() Codec { return Codec{proto: encoding.GetCodecV2("proto")} }

// Marshal is the message's wire form.
func (c Codec) Marshal(v any) (mem.BufferSlice, error) {
	if m, ok := v.(*Message); ok {
		return mem.BufferSlice{mem.SliceBuffer(m.Bytes)}, nil
	}
	return c.proto.Marshal(v)
}

// Unmarshal reads data into v.
func (c Codec) Unmarshal(data mem.BufferSlice, v any) error {
	if m, ok := v.(*Message); ok {
		m.Bytes = data.Materialize()
		return nil
	}
	return c.proto.Unmarshal(data, v)
}

// Name is "proto": what the messages are, on the wire.
func (c Codec) Name() string { return c.proto.Name() }
