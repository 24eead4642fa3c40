package fnsdk

import (
	"github.com/crossplane/function-sdk-go/errors"
	fnv1 "github.com/crossplane/function-sdk-go/proto/v1"
)

// Composite is a desired composite resource (resource.Composite) with its object
// as a plain map.
type Composite struct {
	Object            map[string]any
	ConnectionDetails map[string][]byte
	Ready             fnv1.Ready
}

// DesiredComposite is request.GetDesiredCompositeResource: the desired composite
// of the earlier pipeline steps, empty if there is none.
func DesiredComposite(req *fnv1.RunFunctionRequest) *Composite {
	cd := req.GetDesired().GetComposite().GetConnectionDetails()
	if cd == nil {
		cd = map[string][]byte{}
	}
	return &Composite{Object: req.GetDesired().GetComposite().GetResource().AsMap(), ConnectionDetails: cd}
}

// SetStatus sets status.<key> of the composite as composite.Unstructured.SetValue
// does: status is created if it is missing, and must be an object if it is there.
func (c *Composite) SetStatus(key string, v any) error {
	st, ok := c.Object["status"]
	if !ok {
		st = map[string]any{}
		c.Object["status"] = st
	}
	m, ok := st.(map[string]any)
	if !ok {
		return errors.New("status is not an object")
	}
	m[key] = v
	return nil
}

// SetDesiredCompositeResource is response.SetDesiredCompositeResource.
func SetDesiredCompositeResource(rsp *fnv1.RunFunctionResponse, c *Composite, b *Builder) error {
	if rsp.GetDesired() == nil {
		rsp.Desired = &fnv1.State{}
	}
	b.Reserve(c.Object)
	s, err := b.NewStruct(c.Object)
	if err != nil {
		return errors.Wrap(errors.Wrap(err, "cannot create new Struct from *composite.Unstructured"), "cannot convert *composite.Unstructured to desired composite resource")
	}
	rsp.Desired.Composite = &fnv1.Resource{Resource: s, ConnectionDetails: c.ConnectionDetails, Ready: readiness(c.Ready)}
	return nil
}

// DesiredComposed are the desired composed resources of the earlier pipeline
// steps as request.GetDesiredComposedResources and response.SetDesiredComposedResources
// pass them on: their objects and readiness (connection details are dropped).
func DesiredComposed(req *fnv1.RunFunctionRequest, b *Builder) (map[string]*fnv1.Resource, error) {
	out := make(map[string]*fnv1.Resource, len(req.GetDesired().GetResources()))
	objects := make(map[string]map[string]any, len(req.GetDesired().GetResources()))
	for name, r := range req.GetDesired().GetResources() {
		// Through a map and back, as the SDK does: a Value without a kind
		// becomes null, a missing Struct an empty one.
		objects[name] = r.GetResource().AsMap()
		b.Reserve(objects[name])
	}
	for name, r := range req.GetDesired().GetResources() {
		s, err := b.NewStruct(objects[name])
		if err != nil {
			return nil, errors.Wrap(err, "cannot create new Struct from *composed.Unstructured")
		}
		out[name] = &fnv1.Resource{Resource: s, Ready: readiness(r.GetReady())}
	}
	return out, nil
}

// NewDesiredComposed is a desired composed resource of obj.
func NewDesiredComposed(obj map[string]any, ready bool, b *Builder) (*fnv1.Resource, error) {
	s, err := b.NewStruct(obj)
	if err != nil {
		return nil, errors.Wrap(err, "cannot create new Struct from *composed.Unstructured")
	}
	r := &fnv1.Resource{Resource: s, Ready: fnv1.Ready_READY_FALSE}
	if ready {
		r.Ready = fnv1.Ready_READY_TRUE
	}
	return r, nil
}

// SetDesiredComposedResources is response.SetDesiredComposedResources.
func SetDesiredComposedResources(rsp *fnv1.RunFunctionResponse, resources map[string]*fnv1.Resource) {
	if rsp.GetDesired() == nil {
		rsp.Desired = &fnv1.State{}
	}
	if rsp.GetDesired().GetResources() == nil {
		rsp.Desired.Resources = map[string]*fnv1.Resource{}
	}
	for name, r := range resources {
		rsp.Desired.Resources[name] = r
	}
}

// readiness is r when the SDK knows it, else unspecified.
func readiness(r fnv1.Ready) fnv1.Ready {
	switch r {
	case fnv1.Ready_READY_TRUE, fnv1.Ready_READY_FALSE:
		return r
	}
	return fnv1.Ready_READY_UNSPECIFIED
}
