package fnsdk

import (
	"maps"
	"time"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/durationpb"
	"google.golang.org/protobuf/types/known/structpb"

	"github.com/crossplane/function-sdk-go/errors"
	fnv1 "github.com/crossplane/function-sdk-go/proto/v1"
)

// DefaultTTL is response.DefaultTTL.
const DefaultTTL = 1 * time.Minute

// Response is a RunFunctionResponse being written, as the SDK's response
// helpers write it.
type Response struct {
	req *Request
	pb  *fnv1.RunFunctionResponse
}

// To is response.To: a response to req that keeps its tag, desired state and
// context.
func To(req *Request, ttl time.Duration) *Response {
	return &Response{req: req, pb: &fnv1.RunFunctionResponse{
		Meta:    &fnv1.ResponseMeta{Tag: req.Tag, Ttl: durationpb.New(ttl)},
		Desired: req.pb.GetDesired(),
		Context: req.pb.GetContext(),
	}}
}

// Proto is the response.
func (r *Response) Proto() *fnv1.RunFunctionResponse { return r.pb }

// SetTTL sets the response's time to live.
func (r *Response) SetTTL(ttl time.Duration) { r.pb.Meta.Ttl = durationpb.New(ttl) }

// desired is the response's desired state, a new one (not the request's).
func (r *Response) desired() *fnv1.State {
	if r.pb.GetDesired() == r.req.pb.GetDesired() {
		r.pb.Desired = &fnv1.State{}
		if c := r.req.pb.GetDesired().GetComposite(); c != nil {
			r.pb.Desired.Composite = c
		}
	}
	return r.pb.Desired
}

// SetDesiredComposed is request.GetDesiredComposedResources followed by
// response.SetDesiredComposedResources with the composed resources of
// objects added: the desired composed resources of the earlier pipeline steps
// go through a map and back, lose their connection details and keep the
// readiness the SDK knows; then the function's.
func (r *Response) SetDesiredComposed(objects map[string]map[string]any, ready map[string]bool) error {
	out := make(map[string]*fnv1.Resource, len(r.req.Desired.Resources)+len(objects))
	for name, res := range r.req.Desired.Resources {
		s, err := structpb.NewStruct(res.Object)
		if err != nil {
			return errors.Wrap(errors.Wrap(err, "cannot create new Struct from *composed.Unstructured"), "cannot get the desired composed resources")
		}
		out[name] = &fnv1.Resource{Resource: s, Ready: readiness(res.Ready)}
	}
	for name, obj := range objects {
		rd := fnv1.Ready_READY_FALSE
		if ready[name] {
			rd = fnv1.Ready_READY_TRUE
		}
		s, err := structpb.NewStruct(obj)
		if err != nil {
			return errors.Wrap(err, "cannot create new Struct from *composed.Unstructured")
		}
		out[name] = &fnv1.Resource{Resource: s, Ready: rd}
	}
	r.desired().Resources = out
	return nil
}

// SetDesiredComposite is response.SetDesiredCompositeResource.
func (r *Response) SetDesiredComposite(c Resource) error {
	s, err := structpb.NewStruct(c.Object)
	if err != nil {
		return errors.Wrap(errors.Wrap(err, "cannot create new Struct from *composite.Unstructured"), "cannot convert *composite.Unstructured to desired composite resource")
	}
	r.desired().Composite = &fnv1.Resource{Resource: s, ConnectionDetails: c.ConnectionDetails, Ready: readiness(c.Ready)}
	return nil
}

// DesiredComposite is request.GetDesiredCompositeResource: the desired
// composite of the earlier pipeline steps (its object a copy that may be
// changed), empty if there is none.
func DesiredComposite(req *Request) Resource {
	cd := req.Desired.Composite.ConnectionDetails
	if cd == nil {
		cd = map[string][]byte{}
	}
	return Resource{Object: deepCopy(req.Desired.Composite.Object), ConnectionDetails: maps.Clone(cd), Ready: req.Desired.Composite.Ready}
}

// SetStatus sets status.<key> of a composite object as
// composite.Unstructured.SetValue does: status is created if it is missing, and
// must be an object if it is there.
func SetStatus(obj map[string]any, key string, v any) error {
	st, ok := obj["status"]
	if !ok {
		st = map[string]any{}
		obj["status"] = st
	}
	m, ok := st.(map[string]any)
	if !ok {
		return errors.New("status is not an object")
	}
	m[key] = v
	return nil
}

// Fatal is response.Fatal.
func (r *Response) Fatal(err error) {
	r.result(fnv1.Severity_SEVERITY_FATAL, err.Error(), fnv1.Target_TARGET_COMPOSITE)
}

// WarningToCompositeAndClaim is response.Warning(...).TargetCompositeAndClaim().
func (r *Response) WarningToCompositeAndClaim(err error) {
	r.result(fnv1.Severity_SEVERITY_WARNING, err.Error(), fnv1.Target_TARGET_COMPOSITE_AND_CLAIM)
}

// NormalToCompositeAndClaim is response.Normal(...).TargetCompositeAndClaim().
func (r *Response) NormalToCompositeAndClaim(message string) {
	r.result(fnv1.Severity_SEVERITY_NORMAL, message, fnv1.Target_TARGET_COMPOSITE_AND_CLAIM)
}

func (r *Response) result(s fnv1.Severity, message string, target fnv1.Target) {
	r.pb.Results = append(r.pb.Results, &fnv1.Result{Severity: s, Message: message, Target: target.Enum()})
}

// ConditionToCompositeAndClaim is response.ConditionTrue or ConditionFalse
// (...).WithMessage(message).TargetCompositeAndClaim().
func (r *Response) ConditionToCompositeAndClaim(typ string, status bool, reason, message string) {
	s := fnv1.Status_STATUS_CONDITION_FALSE
	if status {
		s = fnv1.Status_STATUS_CONDITION_TRUE
	}
	r.pb.Conditions = append(r.pb.Conditions, &fnv1.Condition{
		Type: typ, Status: s, Reason: reason, Message: &message, Target: fnv1.Target_TARGET_COMPOSITE_AND_CLAIM.Enum(),
	})
}

// readiness is r when the SDK knows it, else unspecified.
func readiness(r fnv1.Ready) fnv1.Ready {
	switch r {
	case fnv1.Ready_READY_TRUE, fnv1.Ready_READY_FALSE:
		return r
	}
	return fnv1.Ready_READY_UNSPECIFIED
}

// deepCopy copies a decoded object, so that changing it leaves the request as
// it came.
func deepCopy(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = deepCopyValue(v)
	}
	return out
}

func deepCopyValue(v any) any {
	switch t := v.(type) {
	case map[string]any:
		return deepCopy(t)
	case []any:
		out := make([]any, len(t))
		for i, x := range t {
			out[i] = deepCopyValue(x)
		}
		return out
	}
	return v
}

// Marshal is the response's deterministic encoding, as proto.MarshalOptions{Deterministic: true} gives it.
func (r *Response) Marshal() []byte {
	b, err := proto.MarshalOptions{Deterministic: true}.Marshal(r.pb)
	if err != nil {
		panic(err) // cannot happen: every message was built by this package
	}
	return b
}
