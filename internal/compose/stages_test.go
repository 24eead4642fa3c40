package compose

import (
	"fmt"
	"reflect"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/platform-io/function-agentcore-runtime/internal/validate"
)

// TestStageOrder: every fact a stage reads is written by an earlier stage, or
// known before any (the runtime's name, from the spec and what is observed).
func TestStageOrder(t *testing.T) {
	written := []Fact{FactRuntimeName}
	for _, st := range Stages {
		for _, r := range st.Reads {
			if !slices.Contains(written, r) {
				t.Errorf("stage %s reads %s, which no earlier stage writes", st.Name, r)
			}
		}
		written = append(written, st.Writes...)
	}
	for i := 1; i < len(Stages); i++ {
		if Stages[i].Level < Stages[i-1].Level {
			t.Errorf("stage %s has a lower readiness level than %s before it", Stages[i].Name, Stages[i-1].Name)
		}
	}
}

// stageWorlds are passes of every property spec in both scopes, from nothing
// to steady state, with everything reconciled by the simulated provider.
func stageWorlds(t *testing.T) []Request {
	t.Helper()
	var out []Request
	for _, s := range propertySpecs() {
		for _, namespaced := range []bool{false, true} {
			converge(t, func(w Observed) Request {
				req := propertyRequest(s, w, namespaced)
				out = append(out, req)
				return req
			}, 8, func(int, Observed, Result) {})
		}
	}
	return out
}

// stageOutput is what a stage did: the resources it added, its waits and
// warnings, and the facts.
type stageOutput struct {
	Added    []Resource
	Waiting  []string
	Warnings []validate.Warning
	Facts    Facts
}

// runStage runs the stages before index i, calls perturb, and runs stage i.
func runStage(req Request, i int, perturb func(*pass)) stageOutput {
	p := newPass(req)
	for _, st := range Stages[:i] {
		p.stage = st.Level
		st.run(p)
	}
	perturb(p)
	before := len(p.out.Resources)
	waits, warns := len(p.out.Waiting), len(p.out.Warnings)
	p.stage = Stages[i].Level
	Stages[i].run(p)
	return stageOutput{
		Added:    p.out.Resources[before:],
		Waiting:  p.out.Waiting[waits:],
		Warnings: p.out.Warnings[warns:],
		Facts:    p.out.Facts,
	}
}

// factFields are the Facts fields a stage may read or write.
func factFields() []Fact {
	var out []Fact
	ty := reflect.TypeFor[Facts]()
	for i := range ty.NumField() {
		out = append(out, Fact(ty.Field(i).Name))
	}
	return out
}

// TestStagesDeclareWhatTheyRead: changing a fact a stage does not declare as
// read (emptying it, or giving it another value) changes nothing the stage
// renders, waits for or warns about.
func TestStagesDeclareWhatTheyRead(t *testing.T) {
	worlds := stageWorlds(t)
	for i, st := range Stages {
		for _, f := range factFields() {
			if slices.Contains(st.Reads, f) {
				continue
			}
			for _, change := range []string{"empty", "other"} {
				perturb := func(p *pass) { perturbFact(&p.out.Facts, f, change) }
				for w, req := range worlds {
					want := runStage(req, i, func(*pass) {})
					got := runStage(req, i, perturb)
					if diff := cmp.Diff(want.Added, got.Added); diff != "" {
						t.Fatalf("stage %s renders differently when fact %s is %s (world %d): it reads it without declaring so (-as is +changed):\n%s", st.Name, f, change, w, diff)
					}
					if diff := cmp.Diff(want.Waiting, got.Waiting); diff != "" {
						t.Fatalf("stage %s waits differently when fact %s is %s (world %d): it reads it without declaring so:\n%s", st.Name, f, change, w, diff)
					}
					if diff := cmp.Diff(want.Warnings, got.Warnings); diff != "" {
						t.Fatalf("stage %s waits or warns differently when fact %s is %s (world %d): it reads it without declaring so:\n%s", st.Name, f, change, w, diff)
					}
				}
			}
		}
	}
}

// TestStagesDeclareWhatTheyWrite: a stage changes only the facts it declares
// it writes, and adds resources only if it declares Resources.
func TestStagesDeclareWhatTheyWrite(t *testing.T) {
	worlds := stageWorlds(t)
	for i, st := range Stages {
		for w, req := range worlds {
			// The facts before stage i ran: run the stages before it only.
			p := newPass(req)
			for _, s := range Stages[:i] {
				p.stage = s.Level
				s.run(p)
			}
			before := p.out.Facts
			after := runStage(req, i, func(*pass) {})
			bv, av := reflect.ValueOf(before), reflect.ValueOf(after.Facts)
			for _, f := range factFields() {
				if !reflect.DeepEqual(bv.FieldByName(string(f)).Interface(), av.FieldByName(string(f)).Interface()) && !slices.Contains(st.Writes, f) {
					t.Fatalf("stage %s writes fact %s (world %d) without declaring so", st.Name, f, w)
				}
			}
			if len(after.Added) > 0 && !slices.Contains(st.Writes, FactResources) {
				t.Fatalf("stage %s renders resources without declaring Resources", st.Name)
			}
		}
	}
}

// perturbFact empties the fact f, or gives it another value.
func perturbFact(facts *Facts, f Fact, change string) {
	v := reflect.ValueOf(facts).Elem().FieldByName(string(f))
	switch v.Kind() {
	case reflect.String:
		if change == "empty" {
			v.SetString("")
		} else {
			v.SetString(v.String() + "-changed")
		}
	case reflect.Slice:
		switch {
		case change == "empty":
			v.Set(reflect.Zero(v.Type()))
		case v.Type().Elem().Kind() == reflect.String:
			v.Set(reflect.Append(v, reflect.ValueOf("changed")))
		default:
			v.Set(reflect.Append(v, reflect.Zero(v.Type().Elem())))
		}
	default:
		panic(fmt.Sprintf("fact %s has an unexpected kind %s", f, v.Kind()))
	}
}
