package fnsdk

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/structpb"

	fnv1 "github.com/crossplane/function-sdk-go/proto/v1"
)

// fromProto is what the SDK's readers give for m: its objects through AsMap.
func fromProto(m *fnv1.RunFunctionRequest) *Request {
	state := func(s *fnv1.State) State {
		out := State{Composite: resourceFromProto(s.GetComposite())}
		for name, r := range s.GetResources() {
			if out.Resources == nil {
				out.Resources = map[string]Resource{}
			}
			out.Resources[name] = resourceFromProto(r)
		}
		return out
	}
	r := &Request{Tag: m.GetMeta().GetTag(), Observed: state(m.GetObserved()), Desired: state(m.GetDesired())}
	if m.GetInput() != nil {
		r.Input = m.GetInput().AsMap()
	}
	return r
}

func resourceFromProto(r *fnv1.Resource) Resource {
	return Resource{Object: r.GetResource().AsMap(), ConnectionDetails: r.GetConnectionDetails(), Ready: r.GetReady()}
}

// randomValue is a random JSON-like value, with what the wire may carry beyond
// JSON: NaN, infinities, Values without a kind.
func randomValue(rng *rand.Rand, depth int) *structpb.Value {
	n := 8
	if depth > 3 {
		n = 5
	}
	switch rng.IntN(n) {
	case 0:
		return structpb.NewNullValue()
	case 1:
		return structpb.NewBoolValue(rng.IntN(2) == 0)
	case 2:
		return structpb.NewNumberValue([]float64{0, -1, 1.5, 1e300, math.NaN(), math.Inf(1), float64(rng.Int64())}[rng.IntN(7)])
	case 3:
		return structpb.NewStringValue([]string{"", "a", "é☃", strings.Repeat("long", 50)}[rng.IntN(4)])
	case 4:
		return &structpb.Value{} // no kind
	case 5, 6:
		return structpb.NewStructValue(randomStruct(rng, depth+1))
	default:
		l := &structpb.ListValue{}
		for range rng.IntN(4) {
			l.Values = append(l.Values, randomValue(rng, depth+1))
		}
		return structpb.NewListValue(l)
	}
}

func randomStruct(rng *rand.Rand, depth int) *structpb.Struct {
	s := &structpb.Struct{Fields: map[string]*structpb.Value{}}
	for i := range rng.IntN(6) {
		s.Fields[[]string{"", "k", "apiVersion", "ключ", "status"}[rng.IntN(5)]+string(rune('a'+i))] = randomValue(rng, depth)
	}
	return s
}

func randomResource(rng *rand.Rand) *fnv1.Resource {
	r := &fnv1.Resource{Ready: fnv1.Ready(rng.IntN(4))}
	if rng.IntN(5) > 0 {
		r.Resource = randomStruct(rng, 0)
	}
	if rng.IntN(3) == 0 {
		r.ConnectionDetails = map[string][]byte{"k": []byte("v"), "empty": {}}
	}
	return r
}

func randomRequest(rng *rand.Rand) *fnv1.RunFunctionRequest {
	m := &fnv1.RunFunctionRequest{Meta: &fnv1.RequestMeta{Tag: "t"}}
	if rng.IntN(4) > 0 {
		m.Input = randomStruct(rng, 0)
	}
	if rng.IntN(2) == 0 {
		m.Context = randomStruct(rng, 0)
	}
	for _, s := range []**fnv1.State{&m.Observed, &m.Desired} {
		if rng.IntN(4) == 0 {
			continue
		}
		*s = &fnv1.State{Composite: randomResource(rng), Resources: map[string]*fnv1.Resource{}}
		for i := range rng.IntN(5) {
			(*s).Resources[string(rune('a'+i))] = randomResource(rng)
		}
	}
	return m
}

var equateRequests = cmp.Options{cmpopts.EquateNaNs(), cmpopts.EquateEmpty(), cmpopts.IgnoreUnexported(Request{}, State{})}

// TestDecodeRequestIsProtobufs: 2,000 random requests decode to what protobuf
// and AsMap give.
func TestDecodeRequestIsProtobufs(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 2000 {
		m := randomRequest(rng)
		b, err := proto.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		got, err := DecodeRequest(b, nil)
		if err != nil {
			t.Fatalf("request %d: %v", i, err)
		}
		if diff := cmp.Diff(fromProto(m), got, equateRequests); diff != "" {
			t.Fatalf("request %d: -protobuf, +DecodeRequest:\n%s", i, diff)
		}
	}
}

// TestDecodeRequestNotPlain: what protobuf merges, or refuses, DecodeRequest
// leaves to protobuf.
func TestDecodeRequestNotPlain(t *testing.T) {
	field := func(num protowire.Number, v []byte) []byte {
		return protowire.AppendBytes(protowire.AppendTag(nil, num, protowire.BytesType), v)
	}
	enc := func(m proto.Message) []byte {
		b, err := proto.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	cat := func(bs ...[]byte) []byte {
		return []byte(strings.Join(func() []string {
			out := make([]string, len(bs))
			for i, b := range bs {
				out[i] = string(b)
			}
			return out
		}(), ""))
	}
	str := func(s string) *structpb.Struct {
		return &structpb.Struct{Fields: map[string]*structpb.Value{"s": structpb.NewStringValue(s)}}
	}
	twoKinds := cat(field(structFields, cat(field(mapKey, []byte("x")), field(mapValue, cat(enc(structpb.NewStringValue("a")), enc(structpb.NewBoolValue(true)))))))
	cases := map[string]struct {
		reason  string
		b       []byte
		wantErr bool
	}{
		"TwoObserved": {reason: "Two observed states are merged.", b: cat(
			enc(&fnv1.RunFunctionRequest{Observed: &fnv1.State{Composite: &fnv1.Resource{Resource: str("first")}}}),
			enc(&fnv1.RunFunctionRequest{Observed: &fnv1.State{Resources: map[string]*fnv1.Resource{"r": {Resource: str("second")}}}}))},
		"TwoMetas":        {reason: "Two metas are merged: the last tag wins.", b: cat(enc(&fnv1.RunFunctionRequest{Meta: &fnv1.RequestMeta{Tag: "a"}}), enc(&fnv1.RunFunctionRequest{Meta: &fnv1.RequestMeta{Tag: "b"}}))},
		"TwoInputs":       {reason: "Two inputs are merged.", b: cat(enc(&fnv1.RunFunctionRequest{Input: str("a")}), enc(&fnv1.RunFunctionRequest{Input: &structpb.Struct{Fields: map[string]*structpb.Value{"t": structpb.NewNullValue()}}}))},
		"ValueOfTwoKinds": {reason: "A oneof set twice keeps the last.", b: field(reqInput, twoKinds)},
		"InvalidUTF8":     {reason: "Protobuf refuses a string that is not UTF-8.", b: field(reqInput, field(structFields, field(mapKey, []byte{0xff}))), wantErr: true},
		"Truncated":       {reason: "Protobuf refuses a truncated message.", b: enc(&fnv1.RunFunctionRequest{Input: str("abc")})[:4], wantErr: true},
		"WrongWireType":   {reason: "A known field of another wire type is an unknown field.", b: protowire.AppendVarint(protowire.AppendTag(nil, reqObserved, protowire.VarintType), 5)},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			m := &fnv1.RunFunctionRequest{}
			perr := proto.Unmarshal(tc.b, m)
			got, err := DecodeRequest(tc.b, nil)
			if (err != nil) != tc.wantErr || (perr != nil) != tc.wantErr {
				t.Fatalf("%s\nDecodeRequest error %v, protobuf's %v, want error %v", tc.reason, err, perr, tc.wantErr)
			}
			if tc.wantErr {
				return
			}
			if diff := cmp.Diff(fromProto(m), got, equateRequests); diff != "" {
				t.Errorf("%s\n-protobuf, +DecodeRequest:\n%s", tc.reason, diff)
			}
		})
	}
}

// TestEncoderIsProtobufs: 2,000 random objects encode byte for byte as
// protobuf encodes their Structs deterministically.
func TestEncoderIsProtobufs(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	e := &encoder{}
	for i := range 2000 {
		s := randomStruct(rng, 0)
		obj := s.AsMap()
		want, err := proto.MarshalOptions{Deterministic: true}.Marshal(&fnv1.Resource{Resource: mustStruct(t, obj), Ready: fnv1.Ready_READY_TRUE})
		if err != nil {
			t.Fatal(err)
		}
		got, err := e.resource(Resource{Object: obj, Ready: fnv1.Ready_READY_TRUE})
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != string(want) {
			t.Fatalf("object %d: encoded differently from protobuf:\n%x\n%x", i, want, got)
		}
	}
}

// TestEncoderErrorsAreStructpbs: what structpb refuses, the encoder refuses
// with its error.
func TestEncoderErrorsAreStructpbs(t *testing.T) {
	for name, obj := range map[string]map[string]any{
		"InvalidUTF8Value": {"a": "\xff"},
		"InvalidUTF8Key":   {"\xff": "a"},
		"Unsupported":      {"a": struct{}{}},
		"Nested":           {"a": []any{map[string]any{"b": complex(1, 2)}}},
	} {
		t.Run(name, func(t *testing.T) {
			_, want := structpb.NewStruct(obj)
			_, got := (&encoder{}).resource(Resource{Object: obj})
			if want == nil || errString(got) != errString(want) {
				t.Errorf("error %v, structpb's %v", got, want)
			}
		})
	}
}

func mustStruct(t *testing.T, m map[string]any) *structpb.Struct {
	t.Helper()
	s, err := structpb.NewStruct(m)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// FuzzDecodeRequest: any bytes protobuf decodes, DecodeRequest decodes to what
// protobuf and AsMap give; it never panics.
func FuzzDecodeRequest(f *testing.F) {
	rng := rand.New(rand.NewPCG(7, 8))
	for range 20 {
		b, err := proto.Marshal(randomRequest(rng))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		got, err := DecodeRequest(b, nil)
		m := &fnv1.RunFunctionRequest{}
		if proto.Unmarshal(b, m) != nil {
			return
		}
		if err != nil {
			t.Fatalf("protobuf decodes the request, DecodeRequest says %v", err)
		}
		if diff := cmp.Diff(fromProto(m), got, equateRequests); diff != "" {
			t.Fatalf("-protobuf, +DecodeRequest:\n%s", diff)
		}
		kept, err := DecodeRequest(b, testKeep)
		if err != nil {
			t.Fatalf("protobuf decodes the request, DecodeRequest with a Keep says %v", err)
		}
		if diff := cmp.Diff(pruned(fromProto(m), testKeep), kept, equateRequests); diff != "" {
			t.Fatalf("-protobuf pruned, +DecodeRequest with a Keep:\n%s", diff)
		}
	})
}

// testKeep keeps some fields of the random objects: whole, in part, and a
// path through a value that may not be an object.
var testKeep = KeepPaths([][]string{{"apiVersiona"}, {"statusa", "a"}, {"statusb"}, {"ka", "b", "c"}, {"ключb"}})

// pruned is r with its observed composed objects pruned to keep, as
// DecodeRequest with keep gives them.
func pruned(r *Request, keep Keep) *Request {
	out := *r
	out.Observed.Resources = map[string]Resource{}
	for name, res := range r.Observed.Resources {
		res.Object = pruneObject(res.Object, keep)
		out.Observed.Resources[name] = res
	}
	return &out
}

func pruneObject(m map[string]any, keep Keep) map[string]any {
	out := map[string]any{}
	for k, sub := range keep {
		v, ok := m[k]
		if !ok {
			continue
		}
		if obj, isObj := v.(map[string]any); isObj && sub != nil {
			v = pruneObject(obj, sub)
		}
		out[k] = v
	}
	return out
}

// TestDecodeRequestKeep: 2,000 random requests decoded with a Keep give the
// objects decoded whole and pruned; the observed composite and the desired
// state are whole.
func TestDecodeRequestKeep(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for i := range 2000 {
		m := randomRequest(rng)
		b, err := proto.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		got, err := DecodeRequest(b, testKeep)
		if err != nil {
			t.Fatalf("request %d: %v", i, err)
		}
		if diff := cmp.Diff(pruned(fromProto(m), testKeep), got, equateRequests); diff != "" {
			t.Fatalf("request %d: -pruned, +DecodeRequest with a Keep:\n%s", i, diff)
		}
	}
}

func TestKeepPaths(t *testing.T) {
	got := KeepPaths([][]string{{"a"}, {"b", "c"}, {"b", "d", "e"}, {"a", "x"}, {"f", "g"}, {"f"}})
	want := Keep{"a": nil, "b": Keep{"c": nil, "d": Keep{"e": nil}}, "f": nil}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("KeepPaths: -want, +got:\n%s", diff)
	}
}

// TestDecodeRequestRefusesWhatProtobufRefuses: nesting deeper than protobuf's
// recursion limit, and bad bytes in fields the function does not read, are
// refused as protobuf refuses them; nesting up to the limit is decoded.
func TestDecodeRequestRefusesWhatProtobufRefuses(t *testing.T) {
	list := func(n int) *structpb.Value {
		v := structpb.NewNullValue()
		for range n {
			v = structpb.NewListValue(&structpb.ListValue{Values: []*structpb.Value{v}})
		}
		return v
	}
	object := func(n int) *structpb.Value {
		v := structpb.NewNullValue()
		for range n {
			v = structpb.NewStructValue(&structpb.Struct{Fields: map[string]*structpb.Value{"a": v}})
		}
		return v
	}
	in := func(v *structpb.Value) *fnv1.RunFunctionRequest {
		return &fnv1.RunFunctionRequest{Input: &structpb.Struct{Fields: map[string]*structpb.Value{"x": v}}}
	}
	observed := func(v *structpb.Value) *fnv1.RunFunctionRequest {
		return &fnv1.RunFunctionRequest{Observed: &fnv1.State{Resources: map[string]*fnv1.Resource{"r": {Resource: &structpb.Struct{Fields: map[string]*structpb.Value{"x": v}}}}}}
	}
	enc := func(m proto.Message) []byte {
		b, err := proto.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	cases := map[string][]byte{
		// The deepest nesting protobuf takes, and one level more.
		"ListsInInputAtTheLimit":      enc(in(list(4998))),
		"ListsInInputBeyond":          enc(in(list(4999))),
		"ObjectsInInputAtTheLimit":    enc(in(object(3332))),
		"ObjectsInInputBeyond":        enc(in(object(3333))),
		"ObjectsInObservedAtTheLimit": enc(observed(object(3331))),
		"ObjectsInObservedBeyond":     enc(observed(object(3332))),
		"ListsInObservedBeyond":       enc(observed(list(4997))),
		"BadUTF8InCredentials":        {0x3a, 0x03, 0x0a, 0x01, 0xff},
		"GarbageInRequiredResources":  {0x42, 0x06, 0x12, 0x02, 0x0a, 0x05},
		"TruncatedCapabilities":       {0x0a, 0x03, 0x12, 0x01, 0x80},
		"FieldNumberTooLarge":         append(protowire.AppendTag(nil, 1<<29, protowire.VarintType), 1),
		"UnknownFieldIsFine":          append(protowire.AppendTag(nil, 99, protowire.VarintType), 1),
		"CredentialsAreFine":          enc(&fnv1.RunFunctionRequest{Credentials: map[string]*fnv1.Credentials{"c": {}}}),
	}
	for name, b := range cases {
		t.Run(name, func(t *testing.T) {
			perr := proto.Unmarshal(b, &fnv1.RunFunctionRequest{})
			refused := !strings.HasSuffix(name, "AtTheLimit") && !strings.HasSuffix(name, "Fine")
			if (perr != nil) != refused {
				t.Fatalf("protobuf's error %v: the case is wrong", perr)
			}
			for _, keep := range []Keep{nil, {"y": nil}} {
				_, err := DecodeRequest(b, keep)
				if (err != nil) != (perr != nil) {
					t.Errorf("keep %v: DecodeRequest error %v, protobuf's %v", keep, err, perr)
				}
			}
		})
	}
}

// TestPassedOnAsItCame: a desired state with no composite stays without one
// when the function sets only composed resources, and connection details
// cannot be appended into the request's bytes.
func TestPassedOnAsItCame(t *testing.T) {
	req := &fnv1.RunFunctionRequest{Desired: &fnv1.State{Resources: map[string]*fnv1.Resource{"a": {Resource: &structpb.Struct{}}}}}
	r := decodeTypedNoT(req)
	rsp := To(r, DefaultTTL)
	if err := rsp.SetDesiredComposed(map[string]map[string]any{"b": {"kind": "B"}}, nil); err != nil {
		t.Fatal(err)
	}
	out := &fnv1.RunFunctionResponse{}
	if err := proto.Unmarshal(rsp.Marshal(), out); err != nil {
		t.Fatal(err)
	}
	if out.GetDesired().GetComposite() != nil {
		t.Errorf("a desired composite appeared: %v", out.GetDesired().GetComposite())
	}

	withCD := &fnv1.RunFunctionRequest{
		Observed: &fnv1.State{Composite: &fnv1.Resource{ConnectionDetails: map[string][]byte{"k": []byte("v")}}},
		Context:  &structpb.Struct{Fields: map[string]*structpb.Value{"c": structpb.NewStringValue("context")}},
	}
	d := decodeTypedNoT(withCD)
	cd := d.Observed.Composite.ConnectionDetails["k"]
	_ = append(cd, "XXXXXXXXXXXXXXXX"...)
	if v, _ := ContextKey(d, "c"); v != "context" {
		t.Errorf("appending to a connection detail changed the request: context c = %v", v)
	}
}

func decodeTypedNoT(m *fnv1.RunFunctionRequest) *Request {
	b, err := proto.Marshal(m)
	if err != nil {
		panic(err)
	}
	r, err := DecodeRequest(b, nil)
	if err != nil {
		panic(err)
	}
	return r
}
