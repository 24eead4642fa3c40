package fnsdk

import (
	"strings"

	"github.com/go-json-experiment/json"
	"google.golang.org/protobuf/proto"

	"github.com/crossplane/function-sdk-go/errors"
	fnv1 "github.com/crossplane/function-sdk-go/proto/v1"
)

// Request is a RunFunctionRequest with its objects as plain maps, as the SDK's
// AsMap gives them. Its strings share the memory of the bytes it was decoded
// from, which must not change while it is in use.
type Request struct {
	Tag               string
	Input             map[string]any // nil when the request has none
	Observed, Desired State

	// context and desired are the encoded context and desired state, passed on
	// to the response as they came (a message repeated on the wire is the
	// merge of its parts, so their parts are concatenated).
	context, desired []byte
	// contextObject is the decoded context (nil when there is none).
	contextObject map[string]any
}

// State is an observed or desired state.
type State struct {
	Composite Resource
	Resources map[string]Resource

	// composite is the encoded composite, nil if there is none.
	composite []byte
}

// Resource is a composite or composed resource. Object is never nil (an
// absent object is an empty one, as AsMap gives it).
type Resource struct {
	Object            map[string]any
	ConnectionDetails map[string][]byte
	Ready             fnv1.Ready
}

// Keep names the fields of an object to decode: a key with a nil Keep is kept
// whole, a key with a Keep only with those of its fields (if its value is an
// object). A nil Keep keeps everything.
type Keep map[string]Keep

// KeepPaths is the Keep of paths, e.g. {"status", "atProvider"}: what is at or
// under one of them.
func KeepPaths(paths [][]string) Keep {
	k := Keep{}
	for _, p := range paths {
		at := k
		for i, seg := range p {
			sub, seen := at[seg]
			if seen && sub == nil {
				break // already kept whole
			}
			if i == len(p)-1 {
				at[seg] = nil
				break
			}
			if sub == nil {
				sub = Keep{}
				at[seg] = sub
			}
			at = sub
		}
	}
	return k
}

// DecodeRequest decodes an encoded RunFunctionRequest. Of the objects of the
// observed composed resources, only what observed keeps is decoded (nil: all):
// a function that reads a few fields of them need not pay for the rest (an
// API server's objects carry managedFields, owner references, and more).
func DecodeRequest(b []byte, observed Keep) (*Request, error) {
	r, err := decodeRequest(b, observed)
	if err == nil {
		return r, nil
	}
	// Anything decodeRequest does not take as it is (a message repeated on the
	// wire, a oneof set twice, invalid UTF-8, malformed bytes): protobuf decodes
	// it, with the errors gRPC would give, and merges what is repeated; its
	// encoding of the result is one decodeRequest takes.
	m := &fnv1.RunFunctionRequest{}
	if err := proto.Unmarshal(b, m); err != nil {
		return nil, errors.Wrap(err, "cannot decode the RunFunctionRequest")
	}
	c, err := proto.MarshalOptions{Deterministic: true}.Marshal(m)
	if err != nil {
		return nil, errors.Wrap(err, "cannot encode the RunFunctionRequest")
	}
	return decodeRequest(c, observed)
}

// GetInput is request.GetInput for a typed (not unstructured) Input: the Input
// through JSON into into, rejecting unknown fields.
func GetInput(req *Request, into any) error {
	in := req.Input
	if in == nil {
		in = map[string]any{} // protojson gives {} for a missing Struct
	}
	b, err := json.Marshal(in, json.Deterministic(true))
	if err != nil {
		err = errors.Wrap(err, "cannot marshal *structpb.Struct to JSON")
	} else {
		err = errors.Wrapf(deterministic(json.Unmarshal(b, into, json.RejectUnknownMembers(true))), "cannot unmarshal JSON from *structpb.Struct into %T", into)
	}
	// The SDK's words, which name the proto types.
	return errors.Wrapf(err, "cannot get function input %T from *v1.RunFunctionRequest", into)
}

// ContextKey is request.GetContextKey: the value at key of the pipeline's
// context, as a plain value.
func ContextKey(req *Request, key string) (any, bool) {
	v, ok := req.contextObject[key]
	return v, ok
}

// deterministic fixes the wording of err: go-json-experiment says "json: cannot"
// or "json: unable to" at random ("Hyrum-proofing"), which would make the Fatal
// result of one bad Input differ from call to call. It always says "cannot".
// Each call of its Error method may pick the other wording: it is called once.
func deterministic(err error) error {
	if err == nil {
		return nil
	}
	return errors.New(strings.ReplaceAll(err.Error(), "json: unable to ", "json: cannot "))
}
