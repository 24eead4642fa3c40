// Package memo holds the function's response memo: encoded responses by request
// tag, within a byte budget.
//
// Crossplane tags every RunFunctionRequest with the SHA-256 of its deterministic
// protobuf encoding (RequestMeta.tag), so two requests with one tag are the same
// request, and the function's response to it is the same bytes (the function is
// deterministic: TestDeterministicOver100Calls). An XR at steady state is
// reconciled again and again with the same request, so the memo answers it
// without decoding or composing anything. Requests without a tag (crossplane
// render, tests) are never memoised.
package memo

import (
	"sync"
	"sync/atomic"
)

// entryOverhead approximates what one entry costs beyond its key and value
// bytes (map slot, string and slice headers), so that a budget holds.
const entryOverhead = 64

// A Cache maps request tags to encoded responses. It never holds more than its
// budget of bytes. It holds one response per owner (the XR a request is
// for): a new tag of an XR makes its previous response dead (Crossplane does
// not send an XR's older state again), so Put drops it, and the budget holds
// the live response of as many XRs as fit instead of a converging XR's every
// pass (measured: 50 XRs converging left a 2 MiB memo answering 22% of their
// steady-state reconciles). When full it evicts entries at random, not the
// least recently used: Crossplane reconciles XRs round robin, and under a
// budget smaller than that cycle LRU would evict every entry just before its
// next hit, while random eviction keeps a share of hits. It is safe for
// concurrent use.
type Cache struct {
	budget int

	mu      sync.Mutex
	entries map[string]entry
	// owners are the tag of each owner's entry.
	owners map[string]string
	size   int

	hits, misses atomic.Uint64
}

// entry is one memoised response and the owner it is for.
type entry struct {
	rsp   []byte
	owner string
}

// New returns a cache holding at most budget bytes; nil if budget is 0 or
// less (a nil Cache memoises nothing).
func New(budget int) *Cache {
	if budget <= 0 {
		return nil
	}
	return &Cache{budget: budget, entries: map[string]entry{}, owners: map[string]string{}}
}

// Get returns the response memoised for tag. The bytes are shared: callers must
// not modify them.
func (c *Cache) Get(tag string) ([]byte, bool) {
	if c == nil || tag == "" {
		return nil, false
	}
	c.mu.Lock()
	e, ok := c.entries[tag]
	c.mu.Unlock()
	if ok {
		c.hits.Add(1)
	} else {
		c.misses.Add(1)
	}
	return e.rsp, ok
}

// Put memoises rsp for tag, the request of owner ("" for none), dropping
// owner's previous response, and evicting other entries at random until it
// fits. A response larger than the whole budget is not memoised. rsp must not
// be modified afterwards.
func (c *Cache) Put(tag, owner string, rsp []byte) {
	if c == nil || tag == "" {
		return
	}
	n := cost(tag, owner, rsp)
	if n > c.budget {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.remove(tag)
	if prev, ok := c.owners[owner]; ok && owner != "" {
		c.remove(prev)
	}
	for k := range c.entries { // Go randomises where a map iteration starts.
		if c.size+n <= c.budget {
			break
		}
		c.remove(k)
	}
	c.entries[tag] = entry{rsp: rsp, owner: owner}
	if owner != "" {
		c.owners[owner] = tag
	}
	c.size += n
}

// remove drops the entry of tag, if any, and its owner's record of it.
func (c *Cache) remove(tag string) {
	e, ok := c.entries[tag]
	if !ok {
		return
	}
	c.size -= cost(tag, e.owner, e.rsp)
	delete(c.entries, tag)
	if c.owners[e.owner] == tag {
		delete(c.owners, e.owner)
	}
}

// Stats are the cache's counters.
type Stats struct {
	Hits, Misses  uint64
	Entries, Size int
}

// Stats returns the cache's counters now.
func (c *Cache) Stats() Stats {
	if c == nil {
		return Stats{}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return Stats{Hits: c.hits.Load(), Misses: c.misses.Load(), Entries: len(c.entries), Size: c.size}
}

func cost(tag, owner string, rsp []byte) int { return len(tag) + len(owner) + len(rsp) + entryOverhead }
