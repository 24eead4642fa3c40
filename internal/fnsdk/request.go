package fnsdk

import (
	"strings"

	"github.com/go-json-experiment/json"
	"google.golang.org/protobuf/proto"

	"github.com/crossplane/function-sdk-go/errors"
	fnv1 "github.com/crossplane/function-sdk-go/proto/v1"
)

// Request is a RunFunctionRequest with its objects as plain maps, as the SDK's
// AsMap gives them.
type Request struct {
	Tag               string
	Input             map[string]any // nil when the request has none
	Observed, Desired State

	// pb is the request, whose desired state and context the response passes on.
	pb *fnv1.RunFunctionRequest
	// context is the decoded context (nil when there is none).
	context map[string]any
}

// State is an observed or desired state.
type State struct {
	Composite Resource
	Resources map[string]Resource
}

// Resource is a composite or composed resource. Object is never nil (an
// absent object is an empty one, as AsMap gives it).
type Resource struct {
	Object            map[string]any
	ConnectionDetails map[string][]byte
	Ready             fnv1.Ready
}

// FromProto is req with its objects as maps.
func FromProto(req *fnv1.RunFunctionRequest) *Request {
	r := &Request{Tag: req.GetMeta().GetTag(), pb: req}
	if req.GetInput() != nil {
		r.Input = req.GetInput().AsMap()
	}
	if req.GetContext() != nil {
		r.context = req.GetContext().AsMap()
	}
	r.Observed = state(req.GetObserved())
	r.Desired = state(req.GetDesired())
	return r
}

func state(s *fnv1.State) State {
	out := State{Composite: fromResource(s.GetComposite())}
	if len(s.GetResources()) > 0 {
		out.Resources = make(map[string]Resource, len(s.GetResources()))
		for name, res := range s.GetResources() {
			out.Resources[name] = fromResource(res)
		}
	}
	return out
}

func fromResource(r *fnv1.Resource) Resource {
	return Resource{Object: r.GetResource().AsMap(), ConnectionDetails: r.GetConnectionDetails(), Ready: r.GetReady()}
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
	v, ok := req.context[key]
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

// DecodeRequest is FromProto of an encoded RunFunctionRequest.
func DecodeRequest(b []byte) (*Request, error) {
	req := &fnv1.RunFunctionRequest{}
	if err := proto.Unmarshal(b, req); err != nil {
		return nil, errors.Wrap(err, "cannot decode the RunFunctionRequest")
	}
	return FromProto(req), nil
}
