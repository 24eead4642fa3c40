package memo

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestCache(t *testing.T) {
	rsp := incompressible
	cases := map[string]struct {
		reason  string
		budget  int
		puts    []string // tag[@owner]=size
		gets    []string
		want    map[string]bool
		entries int
	}{
		"HitsAndMisses": {
			reason: "A memoised tag is found; another is not.",
			budget: 1 << 20, puts: []string{"a=10"}, gets: []string{"a", "b"},
			want: map[string]bool{"a": true, "b": false}, entries: 1,
		},
		"NoTag": {
			reason: "A request without a tag is never memoised.",
			budget: 1 << 20, puts: []string{"=10"}, gets: []string{""},
			want: map[string]bool{"": false}, entries: 0,
		},
		"LargerThanTheBudget": {
			reason: "A response that alone exceeds the budget is not memoised, and evicts nothing.",
			budget: 200, puts: []string{"a=10", "b=500"}, gets: []string{"a", "b"},
			want: map[string]bool{"a": true, "b": false}, entries: 1,
		},
		"Evicts": {
			reason: "Within a budget for two entries, a third evicts one of the others.",
			budget: 2 * (100 + 1 + entryOverhead), puts: []string{"a=100", "b=100", "c=100"}, gets: []string{"c"},
			want: map[string]bool{"c": true}, entries: 2,
		},
		"OneEntryPerOwner": {
			reason: "An owner's new tag drops its previous response: Crossplane never sends that request again.",
			budget: 1 << 20, puts: []string{"a@xr-1=10", "b@xr-1=10", "c@xr-2=10"}, gets: []string{"a", "b", "c"},
			want: map[string]bool{"a": false, "b": true, "c": true}, entries: 2,
		},
		"Replaces": {
			reason: "Putting a tag again replaces its response and counts it once.",
			budget: 2 * (100 + 1 + entryOverhead), puts: []string{"a=100", "a=100", "b=100"}, gets: []string{"a", "b"},
			want: map[string]bool{"a": true, "b": true}, entries: 2,
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			c := New(tc.budget)
			for _, p := range tc.puts {
				tag, size, _ := strings.Cut(p, "=")
				tag, owner, _ := strings.Cut(tag, "@")
				n, err := strconv.Atoi(size)
				if err != nil {
					t.Fatal(err)
				}
				c.Put(tag, owner, rsp(n))
			}
			got := map[string]bool{}
			for _, g := range tc.gets {
				_, got[g] = c.Get(g)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("%s\nGet: -want, +got:\n%s", tc.reason, diff)
			}
			s := c.Stats()
			if s.Entries != tc.entries {
				t.Errorf("%s\nentries: want %d, got %d", tc.reason, tc.entries, s.Entries)
			}
			if s.Size > tc.budget {
				t.Errorf("%s\nsize %d exceeds the budget %d", tc.reason, s.Size, tc.budget)
			}
		})
	}
}

// incompressible is n bytes that deflate cannot make smaller, so that they
// cost the memo n bytes.
func incompressible(n int) []byte {
	b := make([]byte, n)
	r := rand.NewChaCha8([32]byte{byte(n)})
	_, _ = r.Read(b)
	return b
}

// TestCompressed: a response that compresses well is held in less than its
// size (a 2 MiB budget holds 8 times the runtimes this way) and answered as
// it was given.
func TestCompressed(t *testing.T) {
	var b strings.Builder
	for i := range 400 {
		fmt.Fprintf(&b, `{"apiVersion":"ssm.aws.m.upbound.io/v1beta1","kind":"Parameter","metadata":{"name":"p-%d"}}`, i)
	}
	rsp := []byte(b.String())
	const budget = 8 << 10
	c := New(budget)
	c.Put("a", "xr-1", rsp)
	got, ok := c.Get("a")
	if !ok {
		t.Fatalf("a %d-byte response that compresses well is not memoised within %d bytes", len(rsp), budget)
	}
	if !bytes.Equal(got, rsp) {
		t.Errorf("Get returned %d bytes that are not the %d put", len(got), len(rsp))
	}
	if s := c.Stats(); s.Size > len(rsp)/4 {
		t.Errorf("the memo holds %d bytes for a %d-byte response", s.Size, len(rsp))
	}
}

// TestBudgetHolds puts many responses of random sizes: the cache never holds
// more than its budget, and keeps holding some.
func TestBudgetHolds(t *testing.T) {
	const budget = 64 << 10
	c := New(budget)
	for i := range 5000 {
		c.Put(fmt.Sprintf("tag-%d", i), "", make([]byte, (i*7919)%9000))
		if s := c.Stats(); s.Size > budget {
			t.Fatalf("after %d puts the cache holds %d bytes, more than its budget of %d", i+1, s.Size, budget)
		}
	}
	if s := c.Stats(); s.Entries == 0 {
		t.Error("the cache holds nothing after 5000 puts")
	}
}

// TestRoundRobinKeepsHits: a cycle of tags larger than the budget still hits
// sometimes (LRU would never hit).
func TestRoundRobinKeepsHits(t *testing.T) {
	c := New(50 * (1000 + 8 + entryOverhead))
	for range 20 {
		for i := range 100 {
			tag := fmt.Sprintf("xr-%04d", i)
			if _, ok := c.Get(tag); !ok {
				c.Put(tag, "", make([]byte, 1000))
			}
		}
	}
	if s := c.Stats(); s.Hits == 0 {
		t.Errorf("no hits in 20 rounds over 100 tags with room for 50: %+v", s)
	}
}

func TestNilCache(t *testing.T) {
	var c *Cache
	if New(0) != nil {
		t.Error("New(0) is not nil")
	}
	c.Put("a", "", []byte("b"))
	if _, ok := c.Get("a"); ok {
		t.Error("a nil cache returned a response")
	}
	if diff := cmp.Diff(Stats{}, c.Stats()); diff != "" {
		t.Error(diff)
	}
}

// TestConcurrent: callers on many goroutines (run with -race) never see a
// response of another tag, and the budget holds.
func TestConcurrent(t *testing.T) {
	const budget = 32 << 10
	c := New(budget)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 2000 {
				tag := strconv.Itoa((g*7 + i) % 50)
				if b, ok := c.Get(tag); ok && string(b) != "response of "+tag {
					t.Errorf("tag %s answered %q", tag, b)
					return
				}
				c.Put(tag, "", []byte("response of "+tag))
			}
		})
	}
	wg.Wait()
	if s := c.Stats(); s.Size > budget || s.Hits == 0 {
		t.Errorf("after concurrent use: %+v (budget %d)", s, budget)
	}
}

// TestSteadyStateAfterConvergence: XRs that each converged through many
// passes (each pass a new tag) all keep their steady-state response when the
// budget holds one response per XR: the dead responses of their earlier
// passes do not crowd them out.
func TestSteadyStateAfterConvergence(t *testing.T) {
	const xrs, passes, size = 50, 30, 1000
	c := New(xrs * (size + 64 + 16 + entryOverhead))
	for p := range passes {
		for x := range xrs {
			c.Put(fmt.Sprintf("xr-%d-pass-%d", x, p), fmt.Sprintf("xr-%d", x), make([]byte, size))
		}
	}
	hits := 0
	for x := range xrs {
		if _, ok := c.Get(fmt.Sprintf("xr-%d-pass-%d", x, passes-1)); ok {
			hits++
		}
	}
	if hits != xrs {
		t.Errorf("steady state: %d of %d XRs answered from the memo; want all", hits, xrs)
	}
}
