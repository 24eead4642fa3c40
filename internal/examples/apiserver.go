package examples

import (
	"fmt"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/structpb"

	fnv1 "github.com/crossplane/function-sdk-go/proto/v1"
)

// WithAPIServerFields is req with every observed composed resource as an API
// server returns it to Crossplane: with uid, resourceVersion, generation,
// timestamps, labels, owner references, finalizers and managedFields, and the
// spec and status fields Crossplane and a provider add. The example cases hold
// only what the function reads; real requests are larger.
func WithAPIServerFields(req *fnv1.RunFunctionRequest) *fnv1.RunFunctionRequest {
	out := proto.Clone(req).(*fnv1.RunFunctionRequest) //nolint:forcetypeassert // Clone keeps the type.
	for name, r := range out.GetObserved().GetResources() {
		o := r.GetResource().AsMap()
		addAPIServerFields(o, name)
		s, err := structpb.NewStruct(o)
		if err != nil {
			continue // cannot happen: the object came from a Struct
		}
		r.Resource = s
	}
	SetTag(out)
	return out
}

// addAPIServerFields adds what an API server and a provider add to o.
func addAPIServerFields(o map[string]any, name string) {
	meta, _ := o["metadata"].(map[string]any)
	if meta == nil {
		meta = map[string]any{}
		o["metadata"] = meta
	}
	meta["uid"] = "6b1f0e7a-3c2d-4e5f-8a9b-" + fmt.Sprintf("%012x", len(name))
	meta["resourceVersion"] = "48213"
	meta["generation"] = 3.0
	meta["creationTimestamp"] = "2026-11-26T10:00:00Z"
	meta["finalizers"] = []any{"finalizer.managedresource.crossplane.io"}
	meta["labels"] = map[string]any{"crossplane.io/composite": "xr-abc12", "crossplane.io/claim-name": "orders", "crossplane.io/claim-namespace": "team-a"}
	meta["ownerReferences"] = []any{map[string]any{"apiVersion": "agentcore.platform.io/v1alpha1", "kind": "XAgentCoreRuntime", "name": "xr-abc12", "uid": "0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b", "controller": true, "blockOwnerDeletion": true}}
	fields := map[string]any{}
	for k := range o {
		fields["f:"+k] = map[string]any{}
	}
	meta["managedFields"] = []any{
		map[string]any{"apiVersion": o["apiVersion"], "fieldsType": "FieldsV1", "fieldsV1": fields, "manager": "apiextensions.crossplane.io/composed/0123456789abcdef", "operation": "Apply", "time": "2026-11-26T10:00:00Z"},
		map[string]any{"apiVersion": o["apiVersion"], "fieldsType": "FieldsV1", "fieldsV1": map[string]any{"f:status": map[string]any{"f:atProvider": map[string]any{}, "f:conditions": map[string]any{}}}, "manager": "provider-aws", "operation": "Update", "subresource": "status", "time": "2026-11-26T10:00:00Z"},
	}
	if spec, ok := o["spec"].(map[string]any); ok {
		spec["deletionPolicy"] = "Delete"
		spec["managementPolicies"] = []any{"*"}
		spec["initProvider"] = map[string]any{}
	}
	if st, ok := o["status"].(map[string]any); ok {
		st["observedGeneration"] = 3.0
	}
}
