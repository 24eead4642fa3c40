package iam

import (
	"encoding/json"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// randomStatement draws every shape a statement takes, with strings that need
// escaping now and then.
func randomStatement(rng *rand.Rand) Statement {
	strs := []string{"", "a", "s3:GetObject", "arn:aws:s3:::b/*", "*", `q"uote`, `back\slash`, "<html>&", "tab\there", "new\nline", "\x01ctl", "é ünïcode", "\u2028sep", "\xffbad", "ok value"}
	str := func() string { return strs[rng.IntN(len(strs))] }
	values := func() Values {
		switch rng.IntN(4) {
		case 0:
			return nil
		case 1:
			return Values{}
		}
		v := Values{}
		for range 1 + rng.IntN(3) {
			v = append(v, str())
		}
		return v
	}
	anyValue := func() any {
		switch rng.IntN(4) {
		case 0:
			return str()
		case 1:
			return values()
		case 2:
			return []string{str(), str()}
		}
		return map[string]any{str(): str(), "AWS": values()}
	}
	st := Statement{Sid: str(), Effect: str(), Action: values(), Resource: values()}
	if rng.IntN(2) == 0 {
		st.Principal = anyValue()
	}
	if rng.IntN(2) == 0 {
		st.Condition = map[string]map[string]any{}
		for range rng.IntN(3) {
			m := map[string]any{}
			for range rng.IntN(3) {
				m[str()] = anyValue()
			}
			st.Condition[str()] = m
		}
	}
	return st
}

// TestEncodeIsJSONMarshal: the hand-written encoder writes json.Marshal's bytes.
func TestEncodeIsJSONMarshal(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for i := range 3000 {
		d := Document{Version: Version}
		if i%7 != 0 {
			for range rng.IntN(4) {
				d.Statement = append(d.Statement, randomStatement(rng))
			}
		}
		want, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		got, ok := appendDocument(nil, d)
		if !ok {
			t.Fatalf("appendDocument does not know a value of %+v", d)
		}
		if diff := cmp.Diff(string(want), string(got)); diff != "" {
			t.Fatalf("document %d: -json.Marshal, +appendDocument:\n%s", i, diff)
		}
	}
	// Another type falls back to json.Marshal.
	d := Document{Version: Version, Statement: []Statement{{Effect: "Allow", Principal: 5}}}
	if _, ok := appendDocument(nil, d); ok {
		t.Error("appendDocument knows an int Principal")
	}
	if want, _ := json.Marshal(d); d.JSON() != string(want) { //nolint:errchkjson // a Document always marshals; the comparison fails otherwise.
		t.Errorf("JSON() = %s, want %s", d.JSON(), want)
	}
}
