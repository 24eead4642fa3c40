package simprovider

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"time"

	"k8s.io/apimachinery/pkg/runtime"

	"github.com/platform-io/function-agentcore-runtime/internal/object"
	"github.com/platform-io/function-agentcore-runtime/internal/render"
	"github.com/platform-io/function-agentcore-runtime/internal/tfschema"
)

// Annotations the provider and Crossplane write.
const (
	ExternalNameAnnotation            = render.ExternalNameAnnotation
	CompositionResourceNameAnnotation = "crossplane.io/composition-resource-name"
)

// FixedTime stamps conditions when Provider.Now is zero, so that reports are
// deterministic (fixtures, memo tests).
var FixedTime = time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)

// Provider is a simulated provider-aws for one account and region.
type Provider struct {
	Partition, Region, Account string
	// Now stamps condition transitions; zero means FixedTime.
	Now time.Time
	// Failures are AWS error messages by composition resource name. The
	// provider reports each on that resource's next reconcile: as a failed
	// create when nothing exists yet (no external name, no atProvider), else as
	// a failed update (the resource stays as it was, and Ready).
	Failures map[string]string
	// Parameters are the SSM parameters that exist in the account, by name:
	// what an observe-only ssm Parameter reads.
	Parameters map[string]string
}

// Report is what the provider writes to one managed resource after one
// reconcile.
type Report struct {
	// ExternalName is the crossplane.io/external-name annotation, "" for none.
	ExternalName string
	// LateInit are the spec.forProvider fields the provider fills in.
	LateInit map[string]any
	// Status is the whole status: atProvider and conditions; nil for objects
	// that have none (a Secret).
	Status map[string]any
}

// Apply is a copy of obj with the report written in.
func (r Report) Apply(obj map[string]any) map[string]any {
	o := runtime.DeepCopyJSON(obj)
	if r.ExternalName != "" {
		setAnnotation(o, ExternalNameAnnotation, r.ExternalName)
	}
	if len(r.LateInit) > 0 {
		spec := child(o, "spec")
		fp := child(spec, "forProvider")
		for k, v := range r.LateInit {
			fp[k] = runtime.DeepCopyJSONValue(v)
		}
	}
	if r.Status != nil {
		o["status"] = runtime.DeepCopyJSONValue(r.Status)
	}
	return o
}

// Reconcile reports obj, the composed resource named name, as the cluster
// reports it after one reconcile: provider-aws kinds as the provider does,
// Usages as Crossplane's usage controller does, Secrets with no status. world
// are the composed resources as last observed, by composition resource name:
// obj's own earlier state (IDs stay, versions move on updates) and the runtime
// an endpoint points at.
func (p Provider) Reconcile(name string, obj map[string]any, world map[string]map[string]any) (Report, error) {
	k, ok := KindOf(obj)
	if !ok {
		return crossplaneReport(obj, p.now())
	}
	res := Schema().Resource(k)
	if res == nil {
		return Report{}, fmt.Errorf("simulated provider: %s is not a kind the function composes (simprovider.Kinds)", k)
	}
	prev := world[name]
	if msg, fail := p.Failures[name]; fail {
		return p.failure(obj, prev, msg), nil
	}
	if observeOnly(obj) {
		if _, exists := p.Parameters[annotation(obj, ExternalNameAnnotation)]; !exists || k.Kind != "Parameter" {
			return p.notFound(obj), nil
		}
	}
	r := reconcile{p: p, kind: k, res: res, obj: obj, prev: prev, world: world}
	rep, err := r.report()
	if observeOnly(obj) {
		// [Observe] has no LateInitialize: forProvider stays as given.
		rep.LateInit = nil
	}
	return rep, err
}

func (p Provider) now() string {
	t := p.Now
	if t.IsZero() {
		t = FixedTime
	}
	return t.UTC().Format(time.RFC3339)
}

func (p Provider) arn(service, region, account, resource string) string {
	return "arn:" + p.Partition + ":" + service + ":" + region + ":" + account + ":" + resource
}

// crossplaneReport is what Crossplane reports of the kinds it reconciles
// itself: a Usage is Ready once both of its resources exist (they do: the
// function renders a Usage only with both), a Secret has no status.
func crossplaneReport(obj map[string]any, now string) (Report, error) {
	switch kind, _ := obj["kind"].(string); kind {
	case "Usage", "ClusterUsage":
		return Report{Status: map[string]any{fieldConditions: []any{
			condition("Ready", "True", "Available", "", now),
		}}}, nil
	case "Secret":
		return Report{}, nil
	default:
		av, _ := obj["apiVersion"].(string)
		return Report{}, fmt.Errorf("simulated provider: %s %s is neither a provider-aws kind nor a Usage or Secret", av, kind)
	}
}

// failure is what upjet reports when the AWS call of a reconcile fails
// (crossplane/upjet#391: Synced=False with the error, LastAsyncOperation=False).
func (p Provider) failure(obj, prev map[string]any, msg string) Report {
	now := p.now()
	at, _ := object.Lookup(prev, "status", "atProvider").(map[string]any)
	if len(at) == 0 {
		// Nothing exists: the create failed. The provider has no external name
		// to write (a name-identified kind keeps the one it was given).
		err := "async create failed: failed to create the resource: [{0 " + msg + "  []}]"
		return Report{ExternalName: annotation(obj, ExternalNameAnnotation), Status: map[string]any{fieldConditions: []any{
			condition("Ready", "False", "Creating", "", now),
			condition("Synced", "False", "ReconcileError", "create failed: "+err, now),
			condition("LastAsyncOperation", "False", "AsyncCreateFailure", err, now),
		}}}
	}
	err := "async update failed: failed to update the resource: [{0 " + msg + "  []}]"
	return Report{
		ExternalName: first(annotation(prev, ExternalNameAnnotation), annotation(obj, ExternalNameAnnotation)),
		Status: map[string]any{"atProvider": runtime.DeepCopyJSONValue(at), fieldConditions: []any{
			condition("Ready", "True", "Available", "", now),
			condition("Synced", "False", "ReconcileError", "update failed: "+err, now),
			condition("LastAsyncOperation", "False", "AsyncUpdateFailure", err, now),
		}},
	}
}

// fieldConditions is status.conditions.
const fieldConditions = "conditions"

// observeOnly reports whether obj's managementPolicies are [Observe]: the
// provider reads the external resource and never creates or changes it.
func observeOnly(obj map[string]any) bool {
	mp, _ := object.Lookup(obj, "spec", "managementPolicies").([]any)
	return len(mp) == 1 && mp[0] == "Observe"
}

// notFound is what upjet reports for an observe-only resource whose external
// resource does not exist.
func (p Provider) notFound(obj map[string]any) Report {
	now := p.now()
	return Report{ExternalName: annotation(obj, ExternalNameAnnotation), Status: map[string]any{fieldConditions: []any{
		condition("Synced", "False", "ReconcileError", "cannot observe external resource: external resource does not exist, managementPolicies: [Observe]", now),
	}}}
}

// ConnectionDetails are what the provider publishes in obj's connection
// Secret: an observe-only ssm Parameter's value as attribute.value (the
// Terraform attribute value is sensitive, so never in status.atProvider).
func (p Provider) ConnectionDetails(obj map[string]any) map[string][]byte {
	k, ok := KindOf(obj)
	if !ok || k.Kind != "Parameter" || object.Lookup(obj, "spec", "writeConnectionSecretToRef") == nil {
		return nil
	}
	v, ok := p.Parameters[annotation(obj, ExternalNameAnnotation)]
	if !ok {
		return nil
	}
	return map[string][]byte{"attribute.value": []byte(v)}
}

func condition(typ, status, reason, message, now string) map[string]any {
	c := map[string]any{"type": typ, "status": status, "reason": reason, "lastTransitionTime": now}
	if message != "" {
		c["message"] = message
	}
	return c
}

// reconcile is one successful reconcile of one managed resource.
type reconcile struct {
	p     Provider
	kind  tfschema.Kind
	res   *tfschema.Resource
	obj   map[string]any
	prev  map[string]any
	world map[string]map[string]any
	// fp is obj's spec.forProvider.
	fp map[string]any
	// state is the Terraform state after the apply, by CRD field name.
	state map[string]any
}

func (r *reconcile) report() (Report, error) { //nolint:gocyclo // the provider's reconcile in order: state, computed values, external name, atProvider, late-initialisation.
	r.fp, _ = object.Lookup(r.obj, "spec", "forProvider").(map[string]any)
	prevAt, _ := object.Lookup(r.prev, "status", "atProvider").(map[string]any)
	r.state = map[string]any{}
	// The configuration: what forProvider sets. A computed attribute it leaves
	// out keeps its value (Terraform does not send it; AWS keeps it).
	for _, a := range r.res.Attributes {
		if v, ok := r.fp[a.JSON]; ok && a.ForProvider {
			r.state[a.JSON] = runtime.DeepCopyJSONValue(v)
		} else if v, ok := prevAt[a.JSON]; ok && a.Computed {
			r.state[a.JSON] = runtime.DeepCopyJSONValue(v)
		}
	}
	sim := simulations[r.res.Terraform]
	if sim.computed != nil {
		for tf, v := range sim.computed(r) {
			if err := r.setComputed(tf, v); err != nil {
				return Report{}, err
			}
		}
	}
	rep := Report{
		ExternalName: annotation(r.obj, ExternalNameAnnotation),
		Status: map[string]any{fieldConditions: []any{
			condition("Ready", "True", "Available", "", r.p.now()),
			condition("Synced", "True", "ReconcileSuccess", "", r.p.now()),
		}},
	}
	if sim.externalName != nil {
		rep.ExternalName = sim.externalName(r)
	}
	if rep.ExternalName == "" {
		rep.ExternalName = first(annotation(r.prev, ExternalNameAnnotation), metaName(r.obj))
	}
	at := map[string]any{}
	for _, a := range r.res.Attributes {
		if v, ok := r.state[a.JSON]; ok && a.AtProvider != "" && !a.Sensitive {
			at[a.JSON] = v
		}
		// Late-initialisation: the provider fills the optional+computed
		// parameters forProvider leaves out with what AWS reports, also inside
		// blocks forProvider sets only in part.
		if v, ok := r.state[a.JSON]; ok && a.ForProvider && a.Computed && !a.NoLateInit {
			if filled, changed := fill(r.fp[a.JSON], v); changed {
				if rep.LateInit == nil {
					rep.LateInit = map[string]any{}
				}
				rep.LateInit[a.JSON] = filled
			}
		}
	}
	if len(at) > 0 {
		rep.Status["atProvider"] = at
	}
	return rep, nil
}

// setComputed records the value AWS computed for the Terraform attribute tf,
// in the CRD's shape. The simulation may report only computed attributes of
// the Terraform schema that the CRD reports: anything else is a bug of the
// simulation, and an error, so that no test ever sees a field the real
// provider never sets.
func (r *reconcile) setComputed(tf string, v any) error {
	a, ok := r.res.Attributes[tf]
	switch {
	case !ok:
		return fmt.Errorf("simulated provider: %s has no attribute %q in provider-aws's Terraform schema (%s)", r.kind, tf, r.res.Terraform)
	case !a.Computed:
		return fmt.Errorf("simulated provider: %s attribute %q is not computed: AWS does not set it", r.kind, tf)
	case a.AtProvider == "":
		return fmt.Errorf("simulated provider: %s attribute %q is not reported in status.atProvider by the CRD", r.kind, tf)
	}
	// Attributes without nested names are scalars or maps (tags_all).
	if bad := unknownNested(v, a.Nested); a.Nested != nil && bad != "" {
		return fmt.Errorf("simulated provider: %s attribute %q has no nested attribute %q in provider-aws's Terraform schema", r.kind, tf, bad)
	}
	v = crdShape(camelKeys(v), a.AtProvider)
	if cur, ok := r.state[a.JSON]; ok && a.ForProvider {
		// An optional+computed value the configuration sets: AWS takes the
		// configuration and fills in the rest of the block.
		v, _ = fill(cur, v)
	}
	r.state[a.JSON] = v
	return nil
}

// str is a string parameter of the configuration (CRD field name).
func (r *reconcile) str(key string) string { s, _ := r.fp[key].(string); return s }

// prevAt is a string the resource reported before.
func (r *reconcile) prevAt(key string) string {
	s, _ := object.Lookup(r.prev, "status", "atProvider", key).(string)
	return s
}

// existed reports whether the resource existed before this reconcile.
func (r *reconcile) existed() bool {
	at, _ := object.Lookup(r.prev, "status", "atProvider").(map[string]any)
	return len(at) > 0
}

// updated reports whether this reconcile changes a resource that existed: its
// configuration differs from the one last applied.
func (r *reconcile) updated() bool {
	if !r.existed() {
		return false
	}
	before, _ := object.Lookup(r.prev, "spec", "forProvider").(map[string]any)
	after := runtime.DeepCopyJSON(r.fp)
	keepLateInitialised(r.obj, after, before) // late-initialised values are not a change
	return !reflect.DeepEqual(before, after)
}

// suffix is a stable string of n letters and digits for seed, as AWS appends
// to runtime IDs.
func suffix(seed string, n int) string {
	const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	sum := sha256.Sum256([]byte(seed))
	out := make([]byte, n)
	for i := range out {
		out[i] = alphabet[int(sum[i])%len(alphabet)]
	}
	return string(out)
}

// nextVersion is v plus one ("1" -> "2").
func nextVersion(v string) string {
	n, err := strconv.Atoi(v)
	if err != nil {
		return "1"
	}
	return strconv.Itoa(n + 1)
}

// Observe is the next pass's observed composed resources: every desired
// resource as the cluster reports it once the provider reconciled it, named as
// Crossplane names composed resources of the composite owner.
func (p Provider) Observe(owner string, desired, observed map[string]map[string]any) (map[string]map[string]any, error) {
	out := make(map[string]map[string]any, len(desired))
	names := make([]string, 0, len(desired))
	for n := range desired {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		o := runtime.DeepCopyJSON(desired[name])
		meta := child(o, "metadata")
		if prev := observed[name]; prev != nil {
			// What Crossplane and the provider wrote stays: the generated name,
			// the late-initialised parameters.
			meta["name"] = metaName(prev)
			if fp, ok := object.Lookup(prev, "spec", "forProvider").(map[string]any); ok {
				keepLateInitialised(o, child(child(o, "spec"), "forProvider"), fp)
			}
			if ext := annotation(prev, ExternalNameAnnotation); ext != "" && annotation(o, ExternalNameAnnotation) == "" {
				setAnnotation(o, ExternalNameAnnotation, ext)
			}
		}
		if metaName(o) == "" {
			sum := sha256.Sum256([]byte(owner + "/" + name))
			meta["name"] = owner + "-" + hex.EncodeToString(sum[:])[:12]
		}
		setAnnotation(o, CompositionResourceNameAnnotation, name)
		rep, err := p.Reconcile(name, o, observed)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		out[name] = rep.Apply(o)
	}
	return out, nil
}

// keepLateInitialised fills fp, the forProvider of o, with what the provider
// late-initialised in last (the forProvider it last reported): the provider
// owns those fields once written, so they stay where the configuration
// leaves them out, also inside blocks it sets only in part.
func keepLateInitialised(o, fp, last map[string]any) {
	k, ok := KindOf(o)
	if !ok {
		return
	}
	res := Schema().Resource(k)
	if res == nil {
		return
	}
	for key, v := range last {
		if _, a, ok := res.ByJSON(key); ok && a.ForProvider && a.Computed && !a.NoLateInit {
			fp[key], _ = fill(fp[key], v)
		}
	}
}

// fill is cur with what it lacks taken from v: v itself when cur is unset,
// missing keys of objects filled recursively. changed reports whether
// anything was added.
func fill(cur, v any) (any, bool) {
	if cur == nil {
		return runtime.DeepCopyJSONValue(v), true
	}
	cm, ok1 := cur.(map[string]any)
	vm, ok2 := v.(map[string]any)
	if !ok1 || !ok2 {
		return cur, false
	}
	out := maps.Clone(cm)
	changed := false
	for k, x := range vm {
		f, c := fill(cm[k], x)
		if c {
			out[k], changed = f, true
		}
	}
	return out, changed
}

// unknownNested is a key of the objects in v (a Terraform value: an object or
// a list of objects) that is not one of nested, or "".
func unknownNested(v any, nested []string) string {
	switch t := v.(type) {
	case []any:
		for _, x := range t {
			if bad := unknownNested(x, nested); bad != "" {
				return bad
			}
		}
	case map[string]any:
		for k := range t {
			if !slices.Contains(nested, k) {
				return k
			}
		}
	}
	return ""
}

// camelKeys turns the snake_case keys of Terraform values into CRD field names.
func camelKeys(v any) any {
	switch t := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(t))
		for k, x := range t {
			out[tfschema.CamelCase(k)] = camelKeys(x)
		}
		return out
	case []any:
		out := make([]any, len(t))
		for i, x := range t {
			out[i] = camelKeys(x)
		}
		return out
	default:
		return v
	}
}

// crdShape is a Terraform value in the CRD's shape: upjet turns single-item
// blocks into objects where the CRD says "object".
func crdShape(v any, crdType string) any {
	if l, ok := v.([]any); ok && crdType == "object" && len(l) == 1 {
		return l[0]
	}
	return v
}

func child(m map[string]any, key string) map[string]any {
	c, ok := m[key].(map[string]any)
	if !ok {
		c = map[string]any{}
		m[key] = c
	}
	return c
}

func annotation(o map[string]any, key string) string {
	s, _ := object.Lookup(o, "metadata", "annotations", key).(string)
	return s
}

func setAnnotation(o map[string]any, key, value string) {
	child(child(o, "metadata"), "annotations")[key] = value
}

func metaName(o map[string]any) string {
	s, _ := object.Lookup(o, "metadata", "name").(string)
	return s
}

func first(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}
