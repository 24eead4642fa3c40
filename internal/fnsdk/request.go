package fnsdk

import (
	"strings"

	"github.com/go-json-experiment/json"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/types/known/structpb"

	"github.com/crossplane/function-sdk-go/errors"
	fnv1 "github.com/crossplane/function-sdk-go/proto/v1"
)

// GetInput is request.GetInput for a typed (not unstructured) Input: the Input
// through JSON into into, rejecting unknown fields.
func GetInput(req *fnv1.RunFunctionRequest, into any) error {
	s := req.GetInput()
	b, err := protojson.Marshal(s)
	if err != nil {
		err = errors.Wrapf(err, "cannot marshal %T to JSON", s)
	} else {
		err = errors.Wrapf(deterministic(json.Unmarshal(b, into, json.RejectUnknownMembers(true))), "cannot unmarshal JSON from %T into %T", s, into)
	}
	return errors.Wrapf(err, "cannot get function input %T from %T", into, req)
}

// GetContextKey is request.GetContextKey.
func GetContextKey(req *fnv1.RunFunctionRequest, key string) (*structpb.Value, bool) {
	f := req.GetContext().GetFields()
	if f == nil {
		return nil, false
	}
	v, ok := f[key]
	return v, ok
}

// ObservedComposite is the observed composite resource as request.GetObservedCompositeResource
// reads it: its object (empty when there is none).
func ObservedComposite(req *fnv1.RunFunctionRequest) map[string]any {
	return req.GetObserved().GetComposite().GetResource().AsMap()
}

// ObservedComposed are the observed composed resources' objects by composition
// resource name, as request.GetObservedComposedResources reads them.
func ObservedComposed(req *fnv1.RunFunctionRequest) map[string]map[string]any {
	out := make(map[string]map[string]any, len(req.GetObserved().GetResources()))
	for name, r := range req.GetObserved().GetResources() {
		out[name] = r.GetResource().AsMap()
	}
	return out
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
