// Package examples turns the render-ready cases under example/ into the
// RunFunctionRequests Crossplane would send for them, and drives a case through
// passes with the simulated provider (internal/simprovider) until it is at
// steady state (every resource created, Ready and observed). Benchmarks, invariant tests, fuzz seeds and
// hack/loadgen build their requests with it.
package examples

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/structpb"
	"sigs.k8s.io/yaml"

	fnv1 "github.com/crossplane/function-sdk-go/proto/v1"

	"github.com/platform-io/function-agentcore-runtime/input/v1beta1"
	"github.com/platform-io/function-agentcore-runtime/internal/object"
	"github.com/platform-io/function-agentcore-runtime/internal/simprovider"
)

// CompositionResourceNameAnnotation names a composed resource in the pipeline.
const CompositionResourceNameAnnotation = simprovider.CompositionResourceNameAnnotation

// Case is one example folder read from disk.
type Case struct {
	Name string
	// XR is the observed composite (xr.yaml).
	XR map[string]any
	// Input is the function's Input from composition.yaml.
	Input map[string]any
	// Observed are the observed composed resources (observed/*.yaml) by composition
	// resource name; empty for a first pass.
	Observed map[string]map[string]any
	// Parameters are the SSM parameters of the simulated account
	// (parameters.yaml: name to value), which ssm: references read.
	Parameters map[string]any
}

// ParametersContextKey carries a case's Parameters in its requests' context,
// for ProviderFor: the function ignores the key (it reads only the
// environment), and every pass of a case keeps it.
const ParametersContextKey = "simprovider.platform.io/ssm-parameters"

// Dirs lists the case folders (those with an xr.yaml) under root, sorted.
func Dirs(root string) ([]string, error) {
	entries, err := os.ReadDir(root)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		if _, err := os.Stat(filepath.Join(root, e.Name(), "xr.yaml")); err == nil {
			out = append(out, filepath.Join(root, e.Name()))
		}
	}
	sort.Strings(out)
	return out, nil
}

// Read reads the case in dir.
func Read(dir string) (*Case, error) {
	c := &Case{Name: filepath.Base(dir), Observed: map[string]map[string]any{}}
	var err error
	if c.XR, err = readYAML(filepath.Join(dir, "xr.yaml")); err != nil {
		return nil, err
	}
	comp, err := readYAML(filepath.Join(dir, "composition.yaml"))
	if err != nil {
		return nil, err
	}
	if c.Input, err = functionInput(comp); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, "composition.yaml"), err)
	}
	if _, err := os.Stat(filepath.Join(dir, "parameters.yaml")); err == nil {
		if c.Parameters, err = readYAML(filepath.Join(dir, "parameters.yaml")); err != nil {
			return nil, err
		}
	}
	files, _ := filepath.Glob(filepath.Join(dir, "observed", "*.yaml"))
	sort.Strings(files)
	for _, f := range files {
		o, err := readYAML(f)
		if err != nil {
			return nil, err
		}
		name := annotation(o, CompositionResourceNameAnnotation)
		if name == "" {
			name = strings.TrimSuffix(filepath.Base(f), ".yaml")
		}
		c.Observed[name] = o
	}
	return c, nil
}

// Request is the RunFunctionRequest of the case.
func (c *Case) Request() (*fnv1.RunFunctionRequest, error) {
	xr, err := structpb.NewStruct(c.XR)
	if err != nil {
		return nil, fmt.Errorf("xr: %w", err)
	}
	in, err := structpb.NewStruct(c.Input)
	if err != nil {
		return nil, fmt.Errorf("input: %w", err)
	}
	req := &fnv1.RunFunctionRequest{
		Input:    in,
		Observed: &fnv1.State{Composite: &fnv1.Resource{Resource: xr}},
	}
	if len(c.Parameters) > 0 {
		ctx, err := structpb.NewStruct(map[string]any{ParametersContextKey: c.Parameters})
		if err != nil {
			return nil, fmt.Errorf("parameters: %w", err)
		}
		req.Context = ctx
	}
	if len(c.Observed) > 0 {
		req.Observed.Resources = map[string]*fnv1.Resource{}
		for name, o := range c.Observed {
			s, err := structpb.NewStruct(o)
			if err != nil {
				return nil, fmt.Errorf("observed %s: %w", name, err)
			}
			req.Observed.Resources[name] = &fnv1.Resource{Resource: s}
		}
	}
	SetTag(req)
	return req, nil
}

// SetTag tags req as Crossplane does (xfn.Tag of crossplane/v2): the SHA-256 of
// its deterministic encoding without meta, so that two requests have one tag
// exactly when they are the same request. The function memoises responses by
// this tag.
func SetTag(req *fnv1.RunFunctionRequest) {
	req.Meta = nil
	b, err := proto.MarshalOptions{Deterministic: true}.Marshal(req)
	if err != nil {
		return // an untagged request is never memoised
	}
	req.Meta = &fnv1.RequestMeta{Tag: Tag(b)}
}

// Tag is the tag Crossplane gives a request whose deterministic encoding
// without meta is body.
func Tag(body []byte) string {
	sum := sha256.Sum256(body)
	return hex.EncodeToString(sum[:])
}

// Load reads the case in dir and returns its request.
func Load(dir string) (*fnv1.RunFunctionRequest, error) {
	c, err := Read(dir)
	if err != nil {
		return nil, err
	}
	return c.Request()
}

// RunFunc calls the function.
type RunFunc func(*fnv1.RunFunctionRequest) (*fnv1.RunFunctionResponse, error)

// Converge runs passes from req, each time letting the simulated provider
// (ProviderFor) reconcile every desired resource, until the composite is Ready
// and a pass changes nothing. It returns the request of the next pass: the case
// at steady state, everything observed.
func Converge(run RunFunc, req *fnv1.RunFunctionRequest, maxPasses int) (*fnv1.RunFunctionRequest, int, error) {
	return ConvergeWith(run, ProviderFor(req), req, maxPasses)
}

// ConvergeWith is Converge with the simulated provider sim.
func ConvergeWith(run RunFunc, sim simprovider.Provider, req *fnv1.RunFunctionRequest, maxPasses int) (*fnv1.RunFunctionRequest, int, error) {
	var last []byte
	for pass := 1; pass <= maxPasses; pass++ {
		next, rsp, err := Step(run, sim, req)
		if err != nil {
			return nil, pass, fmt.Errorf("pass %d: %w", pass, err)
		}
		b, err := proto.MarshalOptions{Deterministic: true}.Marshal(next.GetObserved())
		if err != nil {
			return nil, pass, err
		}
		ready := rsp.GetDesired().GetComposite().GetReady() == fnv1.Ready_READY_TRUE
		if ready && bytes.Equal(b, last) {
			return next, pass, nil
		}
		last = b
		req = next
	}
	return nil, maxPasses, fmt.Errorf("not at steady state after %d passes", maxPasses)
}

// Step is one pass: the function's response to req, and the request of the
// next pass, in which sim has reconciled every desired resource and the
// composite carries its connection details. A Fatal result is an error.
func Step(run RunFunc, sim simprovider.Provider, req *fnv1.RunFunctionRequest) (*fnv1.RunFunctionRequest, *fnv1.RunFunctionResponse, error) {
	rsp, err := run(req)
	if err != nil {
		return nil, nil, err
	}
	for _, r := range rsp.GetResults() {
		if r.GetSeverity() == fnv1.Severity_SEVERITY_FATAL {
			return nil, rsp, fmt.Errorf("fatal result: %s", r.GetMessage())
		}
	}
	next, err := Observe(sim, req, rsp)
	return next, rsp, err
}

// ProviderFor is the simulated provider of the request's platform: the
// partition, region and account of its Input.
func ProviderFor(req *fnv1.RunFunctionRequest) simprovider.Provider {
	in := req.GetInput().AsMap()
	p := simprovider.Provider{Partition: "aws", Region: "us-east-1", Account: "123456789012"}
	if s, _ := in["partition"].(string); s != "" {
		p.Partition = s
	}
	if s, _ := in["region"].(string); s != "" {
		p.Region = s
	}
	if s, _ := in["accountId"].(string); s != "" {
		p.Account = s
	}
	if ps, ok := req.GetContext().AsMap()[ParametersContextKey].(map[string]any); ok {
		p.Parameters = make(map[string]string, len(ps))
		for k, v := range ps {
			p.Parameters[k], _ = v.(string)
		}
	}
	return p
}

// Observe is the next pass's request: every desired resource of rsp as the
// cluster reports it once sim reconciled it, the composite with its connection
// details.
func Observe(sim simprovider.Provider, req *fnv1.RunFunctionRequest, rsp *fnv1.RunFunctionResponse) (*fnv1.RunFunctionRequest, error) {
	next := proto.Clone(req).(*fnv1.RunFunctionRequest) //nolint:forcetypeassert // Clone keeps the type.
	xr := req.GetObserved().GetComposite().GetResource().AsMap()
	xrName, _ := object.Lookup(xr, "metadata", "name").(string)
	desired := map[string]map[string]any{}
	for name, r := range rsp.GetDesired().GetResources() {
		desired[name] = r.GetResource().AsMap()
	}
	observed := map[string]map[string]any{}
	for name, r := range req.GetObserved().GetResources() {
		observed[name] = r.GetResource().AsMap()
	}
	objs, err := sim.Observe(xrName, desired, observed)
	if err != nil {
		return nil, err
	}
	resources := make(map[string]*fnv1.Resource, len(objs))
	for name, o := range objs {
		s, err := structpb.NewStruct(o)
		if err != nil {
			return nil, fmt.Errorf("observed %s: %w", name, err)
		}
		resources[name] = &fnv1.Resource{Resource: s, ConnectionDetails: sim.ConnectionDetails(o)}
	}
	next.Observed.Resources = resources
	if cd := rsp.GetDesired().GetComposite().GetConnectionDetails(); len(cd) > 0 {
		next.Observed.Composite.ConnectionDetails = cd
	}
	SetTag(next)
	return next, nil
}

func readYAML(file string) (map[string]any, error) {
	b, err := os.ReadFile(file) //nolint:gosec // example files of this repository.
	if err != nil {
		return nil, err
	}
	out := map[string]any{}
	if err := yaml.Unmarshal(b, &out); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return out, nil
}

// functionInput is the Input of the pipeline step that runs this function.
func functionInput(comp map[string]any) (map[string]any, error) {
	if in := v1beta1.FromComposition(comp); in != nil {
		return in, nil
	}
	return nil, fmt.Errorf("no pipeline step with an input of %s", v1beta1.APIVersion)
}

func annotation(o map[string]any, key string) string {
	s, _ := object.Lookup(o, "metadata", "annotations", key).(string)
	return s
}

// SampleSpec is the spec of the case in dir as YAML, without claimRef (Crossplane's):
// for the MDAA cases, the module's sample config exactly as a user pastes it.
func SampleSpec(dir string) (string, error) {
	xr, err := readYAML(filepath.Join(dir, "xr.yaml"))
	if err != nil {
		return "", err
	}
	spec, ok := xr["spec"].(map[string]any)
	if !ok {
		return "", fmt.Errorf("%s: no spec", filepath.Join(dir, "xr.yaml"))
	}
	delete(spec, "claimRef")
	b, err := yaml.Marshal(spec)
	return string(b), err
}

// MustSampleSpec is SampleSpec for package-level test fixtures.
func MustSampleSpec(dir string) string {
	s, err := SampleSpec(dir)
	if err != nil {
		panic(err)
	}
	return s
}
