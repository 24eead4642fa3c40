package encoded

import (
	"bytes"
	"testing"

	"google.golang.org/protobuf/proto"

	fnv1 "github.com/crossplane/function-sdk-go/proto/v1"
)

// TestCodec: a Message passes through both ways; any other message is
// protobuf's.
func TestCodec(t *testing.T) {
	c := NewCodec()
	req := &fnv1.RunFunctionRequest{Meta: &fnv1.RequestMeta{Tag: "t"}}
	want, err := proto.Marshal(req)
	if err != nil {
		t.Fatal(err)
	}
	data, err := c.Marshal(&Message{Bytes: want})
	if err != nil || !bytes.Equal(data.Materialize(), want) {
		t.Fatalf("Marshal(Message): %v, %x", err, data.Materialize())
	}
	got := &Message{}
	if err := c.Unmarshal(data, got); err != nil || !bytes.Equal(got.Bytes, want) {
		t.Fatalf("Unmarshal(Message): %v, %x", err, got.Bytes)
	}
	typed := &fnv1.RunFunctionRequest{}
	if err := c.Unmarshal(data, typed); err != nil || !proto.Equal(typed, req) {
		t.Fatalf("Unmarshal(RunFunctionRequest): %v, %v", err, typed)
	}
	again, err := c.Marshal(req)
	if err != nil || !bytes.Equal(again.Materialize(), want) {
		t.Fatalf("Marshal(RunFunctionRequest): %v", err)
	}
	if c.Name() != "proto" {
		t.Errorf("Name: %q", c.Name())
	}
}
