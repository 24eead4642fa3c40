// Package memo holds the function's response memo: encoded responses by request
// tag, compressed, within a byte budget.
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
	"bytes"
	"compress/flate"
	"io"
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
// next hit, while random eviction keeps a share of hits. Responses are
// held compressed (flate, fastest level): a runtime's response is some 10-45
// KiB of protobuf that repeats the same keys in every composed resource and
// deflates 3 to 4.5 times, so a budget holds that many times the XRs
// (measured: 2 MiB held 62 of 100 XRs' responses as they were), for ~0.2 ms
// of CPU to inflate on a hit. It is safe for concurrent use.
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
	// rsp is the response, deflated when size is not 0.
	rsp   []byte
	size  int // the inflated response's length; 0 when rsp is as given
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
	if !ok {
		c.misses.Add(1)
		return nil, false
	}
	rsp, err := e.inflate()
	if err != nil {
		// Only bytes deflate wrote are inflated: this cannot happen.
		c.misses.Add(1)
		return nil, false
	}
	c.hits.Add(1)
	return rsp, true
}

// Put memoises rsp for tag, the request of owner ("" for none), dropping
// owner's previous response, and evicting other entries at random until it
// fits. A response larger than the whole budget is not memoised. rsp must not
// be modified afterwards.
func (c *Cache) Put(tag, owner string, rsp []byte) {
	if c == nil || tag == "" {
		return
	}
	e := deflate(rsp)
	e.owner = owner
	n := cost(tag, e)
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
	c.entries[tag] = e
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
	c.size -= cost(tag, e)
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

func cost(tag string, e entry) int { return len(tag) + len(e.owner) + len(e.rsp) + entryOverhead }

// Compressors and decompressors are reused: a flate writer's state is some
// hundreds of KiB, too much to allocate per response. A few idle ones are
// kept (a channel, not a sync.Pool, which drops items at random under the
// race detector and so made the race tests allocate one per call).
var (
	writers = make(chan *flate.Writer, 4)
	readers = make(chan io.ReadCloser, 4)
)

func getWriter() *flate.Writer {
	select {
	case w := <-writers:
		return w
	default:
		w, _ := flate.NewWriter(nil, flate.BestSpeed) // only an invalid level errs
		return w
	}
}

func getReader() io.ReadCloser {
	select {
	case r := <-readers:
		return r
	default:
		return flate.NewReader(nil)
	}
}

// keep returns v to its free list unless the list is full.
func keep[T any](list chan T, v T) {
	select {
	case list <- v:
	default:
	}
}

// deflate is the entry holding rsp compressed, or as it is when compressing
// does not make it smaller.
func deflate(rsp []byte) entry {
	var buf bytes.Buffer
	buf.Grow(len(rsp) / 4)
	w := getWriter()
	defer keep(writers, w)
	w.Reset(&buf)
	if _, err := w.Write(rsp); err != nil || w.Close() != nil || buf.Len() >= len(rsp) {
		return entry{rsp: rsp}
	}
	return entry{rsp: bytes.Clone(buf.Bytes()), size: len(rsp)}
}

// inflate is the response e holds.
func (e entry) inflate() ([]byte, error) {
	if e.size == 0 {
		return e.rsp, nil
	}
	r := getReader()
	defer keep(readers, r)
	if err := r.(flate.Resetter).Reset(bytes.NewReader(e.rsp), nil); err != nil { //nolint:forcetypeassert // flate's readers are Resetters.
		return nil, err
	}
	out := make([]byte, e.size)
	if _, err := io.ReadFull(r, out); err != nil {
		return nil, err
	}
	return out, nil
}
