package iam

import (
	"strings"
	"unicode/utf8"
)

// MaxManagedPolicySize is IAM's limit on a customer managed policy document:
// 6,144 characters, whitespace not counted.
const MaxManagedPolicySize = 6144

// docOpen and docClose surround the statements of a document's JSON.
const (
	docOpen  = `{"Version":"` + Version + `","Statement":[`
	docClose = `]}`
)

// Size is the size of a policy document as IAM counts it: the characters of
// its JSON without whitespace.
func Size(doc string) int {
	n := utf8.RuneCountInString(doc)
	for i := 0; i < len(doc); i++ {
		switch doc[i] {
		case ' ', '\t', '\n', '\r':
			n--
		}
	}
	return n
}

// Policies is the JSON of the document split, deterministically, into managed
// policies of at most limit characters (Size) each: its statements in order,
// each policy holding as many as fit. Mostly it is one policy, byte for byte
// d.JSON(). A statement too large for a policy of its own is cut into
// statements with the same Effect and Condition over parts of its Resource
// list, else of its Action list (which grants exactly the same), and no two
// parts of one statement share a policy (they keep its Sid, which IAM wants
// unique within a policy). A statement that cannot be cut small enough is
// still returned, in a policy of its own larger than limit.
func (d Document) Policies(limit int) []string {
	if d.Version != Version || len(d.Statement) == 0 {
		return []string{d.JSON()}
	}
	type piece struct {
		json   string
		size   int
		origin int // index of the statement it is a part of
	}
	var pieces []piece
	total := Size(docOpen) + Size(docClose) - 1
	for i, st := range d.Statement {
		for _, b := range fit(st, marshal(st), limit-Size(docOpen)-Size(docClose)) {
			size := Size(b)
			pieces = append(pieces, piece{json: b, size: size, origin: i})
			total += size + 1 // the comma before it
		}
	}
	if total <= limit {
		return []string{join(pieces, func(p piece) string { return p.json })}
	}

	var out []string
	var current []piece
	size := 0
	flush := func() {
		if len(current) > 0 {
			out = append(out, join(current, func(p piece) string { return p.json }))
		}
		current, size = nil, 0
	}
	for _, p := range pieces {
		next := Size(docOpen) + Size(docClose) + size + p.size
		if len(current) > 0 {
			next++ // comma
		}
		sameStatement := len(current) > 0 && current[len(current)-1].origin == p.origin
		if len(current) > 0 && (next > limit || sameStatement) {
			flush()
			next = Size(docOpen) + Size(docClose) + p.size
		}
		current = append(current, p)
		size = next - Size(docOpen) - Size(docClose)
	}
	flush()
	return out
}

// fit cuts st, whose JSON is b, until each part fits in limit characters: halves
// of its Resource list first, then of its Action list. It returns the parts' JSON.
func fit(st Statement, b string, limit int) []string {
	if Size(b) <= limit {
		return []string{b}
	}
	switch {
	case len(st.Resource) > 1:
		x, y := st, st
		h := len(st.Resource) / 2
		x.Resource, y.Resource = st.Resource[:h:h], st.Resource[h:]
		return append(fit(x, marshal(x), limit), fit(y, marshal(y), limit)...)
	case len(st.Action) > 1:
		x, y := st, st
		h := len(st.Action) / 2
		x.Action, y.Action = st.Action[:h:h], st.Action[h:]
		return append(fit(x, marshal(x), limit), fit(y, marshal(y), limit)...)
	}
	return []string{b}
}

func marshal(st Statement) string { return compact(st, 256, appendStatement) }

func join[T any](items []T, json func(T) string) string {
	var b strings.Builder
	b.WriteString(docOpen)
	for i, it := range items {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(json(it))
	}
	b.WriteString(docClose)
	return b.String()
}
