package fnsdk

import (
	"maps"
	"slices"
	"time"

	"github.com/crossplane/function-sdk-go/errors"
	fnv1 "github.com/crossplane/function-sdk-go/proto/v1"
)

// DefaultTTL is response.DefaultTTL.
const DefaultTTL = 1 * time.Minute

// Field numbers of the response messages written here (run_function.proto).
const (
	rspMeta, rspDesired, rspResults, rspContext, rspConditions = 1, 2, 3, 4, 6
	rspMetaTag, rspMetaTTL                                     = 1, 2
	durationSeconds, durationNanos                             = 1, 2
	resultSeverity, resultMessage, resultTarget                = 1, 2, 4
	condType, condStatus, condReason, condMessage, condTarget  = 1, 2, 3, 4, 5
)

// Response is a RunFunctionResponse being written. Its desired resources are
// encoded as they are set, so that an object protobuf cannot hold fails there,
// with structpb's error, as the SDK's helpers fail.
type Response struct {
	req *Request
	ttl time.Duration

	// composed are the encoded desired composed resources (Resource messages)
	// once SetDesiredComposed was called, and composite the desired composite
	// once SetDesiredComposite was; until then the request's desired state is
	// passed on as it came.
	composed  map[string][]byte
	composite []byte

	results    []result
	conditions []condition
}

type result struct {
	severity fnv1.Severity
	message  string
	target   fnv1.Target
}

type condition struct {
	typ, reason string
	status      fnv1.Status
	message     *string
	target      fnv1.Target
}

// To is response.To: a response to req that keeps its tag, desired state and
// context.
func To(req *Request, ttl time.Duration) *Response {
	return &Response{req: req, ttl: ttl}
}

// SetDesiredComposed is request.GetDesiredComposedResources followed by
// response.SetDesiredComposedResources with the composed resources of
// objects added: the desired composed resources of the earlier pipeline steps
// go through a map and back (a Value without a kind becomes null), lose their
// connection details and keep the readiness the SDK knows; then the function's.
func (r *Response) SetDesiredComposed(objects map[string]map[string]any, ready map[string]bool) error {
	out := make(map[string][]byte, len(r.req.Desired.Resources)+len(objects))
	e := &encoder{}
	for name, res := range r.req.Desired.Resources {
		b, err := e.resource(Resource{Object: res.Object, Ready: readiness(res.Ready)})
		if err != nil {
			return errors.Wrap(errors.Wrap(err, "cannot create new Struct from *composed.Unstructured"), "cannot get the desired composed resources")
		}
		out[name] = b
	}
	for name, obj := range objects {
		rd := fnv1.Ready_READY_FALSE
		if ready[name] {
			rd = fnv1.Ready_READY_TRUE
		}
		b, err := e.resource(Resource{Object: obj, Ready: rd})
		if err != nil {
			return errors.Wrap(err, "cannot create new Struct from *composed.Unstructured")
		}
		out[name] = b
	}
	r.composed = out
	return nil
}

// SetDesiredComposite is response.SetDesiredCompositeResource.
func (r *Response) SetDesiredComposite(c Resource) error {
	b, err := (&encoder{}).resource(Resource{Object: c.Object, ConnectionDetails: c.ConnectionDetails, Ready: readiness(c.Ready)})
	if err != nil {
		return errors.Wrap(errors.Wrap(err, "cannot create new Struct from *composite.Unstructured"), "cannot convert *composite.Unstructured to desired composite resource")
	}
	r.composite = b
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
	r.results = append(r.results, result{severity: fnv1.Severity_SEVERITY_FATAL, message: err.Error(), target: fnv1.Target_TARGET_COMPOSITE})
}

// WarningToCompositeAndClaim is response.Warning(...).TargetCompositeAndClaim().
func (r *Response) WarningToCompositeAndClaim(err error) {
	r.results = append(r.results, result{severity: fnv1.Severity_SEVERITY_WARNING, message: err.Error(), target: fnv1.Target_TARGET_COMPOSITE_AND_CLAIM})
}

// NormalToCompositeAndClaim is response.Normal(...).TargetCompositeAndClaim().
func (r *Response) NormalToCompositeAndClaim(message string) {
	r.results = append(r.results, result{severity: fnv1.Severity_SEVERITY_NORMAL, message: message, target: fnv1.Target_TARGET_COMPOSITE_AND_CLAIM})
}

// ConditionToCompositeAndClaim is response.ConditionTrue or ConditionFalse
// (...).WithMessage(message).TargetCompositeAndClaim().
func (r *Response) ConditionToCompositeAndClaim(typ string, status bool, reason, message string) {
	s := fnv1.Status_STATUS_CONDITION_FALSE
	if status {
		s = fnv1.Status_STATUS_CONDITION_TRUE
	}
	r.conditions = append(r.conditions, condition{typ: typ, status: s, reason: reason, message: &message, target: fnv1.Target_TARGET_COMPOSITE_AND_CLAIM})
}

// Marshal is the response's wire form: as proto.MarshalOptions{Deterministic:
// true} encodes the RunFunctionResponse the SDK's helpers build, except that
// what is passed on from the request (its context; its desired state, or
// desired composite, when the function set none) keeps the request's bytes, in
// the order the client encoded them.
func (r *Response) Marshal() []byte {
	e := &encoder{buf: make([]byte, 0, r.size())}
	meta := e.begin(rspMeta)
	if r.req.Tag != "" {
		e.string(rspMetaTag, r.req.Tag)
	}
	ttl := e.begin(rspMetaTTL)
	if s := int64(r.ttl / time.Second); s != 0 {
		e.varint(durationSeconds, uint64(s)) //nolint:gosec // int64 as protobuf encodes it.
	}
	if n := int32(r.ttl % time.Second); n != 0 {
		e.varint(durationNanos, uint64(int64(n))) //nolint:gosec // int32 as protobuf encodes it.
	}
	e.end(ttl)
	e.end(meta)

	r.desiredState(e)
	for _, res := range r.results {
		at := e.begin(rspResults)
		if res.severity != 0 {
			e.varint(resultSeverity, uint64(res.severity))
		}
		if res.message != "" {
			e.string(resultMessage, res.message)
		}
		e.varint(resultTarget, uint64(res.target))
		e.end(at)
	}
	if r.req.context != nil {
		e.bytes(rspContext, r.req.context)
	}
	for _, c := range r.conditions {
		at := e.begin(rspConditions)
		if c.typ != "" {
			e.string(condType, c.typ)
		}
		if c.status != 0 {
			e.varint(condStatus, uint64(c.status))
		}
		if c.reason != "" {
			e.string(condReason, c.reason)
		}
		if c.message != nil {
			e.string(condMessage, *c.message)
		}
		e.varint(condTarget, uint64(c.target))
		e.end(at)
	}
	return e.buf
}

// desiredState appends the desired state: the request's as it came, or the one
// set.
func (r *Response) desiredState(e *encoder) {
	if r.composed == nil && r.composite == nil {
		if r.req.desired != nil {
			e.bytes(rspDesired, r.req.desired)
		}
		return
	}
	at := e.begin(rspDesired)
	composite := r.composite
	if composite == nil {
		composite = r.req.Desired.composite // the request's, as it came (nil: none)
	}
	if composite != nil {
		e.bytes(stateComposite, composite)
	}
	e.bytesMap(stateResources, r.composed)
	e.end(at)
}

// size estimates the encoded response, so that it is written into one
// allocation.
func (r *Response) size() int {
	n := 256 + len(r.req.Tag) + len(r.req.context) + len(r.composite)
	if r.composed == nil && r.composite == nil {
		n += len(r.req.desired)
	}
	for name, b := range r.composed {
		n += len(name) + len(b) + 16
	}
	for _, res := range r.results {
		n += len(res.message) + 16
	}
	for _, c := range r.conditions {
		n += len(c.typ) + len(c.reason) + 32
		if c.message != nil {
			n += len(*c.message)
		}
	}
	return n
}

// resource encodes a Resource message. An object the SDK could not convert to
// a Struct is structpb's error.
func (e *encoder) resource(res Resource) ([]byte, error) {
	e.buf, e.err = e.buf[:0], nil
	at := e.begin(resResource)
	e.structFields(res.Object, 0)
	if e.err != nil {
		return nil, e.err
	}
	e.end(at)
	e.bytesMap(resConnectionDetails, res.ConnectionDetails)
	if res.Ready != 0 {
		e.varint(resReady, uint64(int64(res.Ready))) //nolint:gosec // an enum as protobuf encodes it.
	}
	return slices.Clone(e.buf), nil
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
