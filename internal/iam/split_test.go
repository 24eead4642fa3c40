package iam

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSize(t *testing.T) {
	cases := map[string]struct {
		doc  string
		want int
	}{
		"Compact":            {doc: `{"a":"b"}`, want: 9},
		"WhitespaceIgnored":  {doc: "{ \"a\" :\n\t\"b c\" }", want: 10},
		"CharactersNotBytes": {doc: `{"a":"é"}`, want: 9},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, Size(tc.doc)); diff != "" {
				t.Errorf("Size(%q): -want, +got:\n%s", tc.doc, diff)
			}
		})
	}
}

// statements are n statements of about size characters each.
func statements(n, size int) []Statement {
	out := make([]Statement, n)
	for i := range out {
		out[i] = Statement{Sid: fmt.Sprintf("S%d", i), Effect: "Allow", Action: Values{"s3:GetObject"},
			Resource: Values{"arn:aws:s3:::" + strings.Repeat("b", size-70) + fmt.Sprintf("%04d", i)}}
	}
	return out
}

// sids are the Sids of each policy.
func sids(t *testing.T, policies []string) [][]string {
	t.Helper()
	var out [][]string
	for _, p := range policies {
		d := struct{ Statement []struct{ Sid string } }{}
		if err := json.Unmarshal([]byte(p), &d); err != nil {
			t.Fatalf("policy is not JSON: %v\n%s", err, p)
		}
		var s []string
		for _, st := range d.Statement {
			s = append(s, st.Sid)
		}
		out = append(out, s)
	}
	return out
}

func TestPolicies(t *testing.T) {
	big := Statement{Sid: "Big", Effect: "Deny", Action: Values{"s3:PutObject"}, Condition: map[string]map[string]any{"Bool": {"aws:SecureTransport": "false"}}}
	for i := range 300 {
		big.Resource = append(big.Resource, fmt.Sprintf("arn:aws:s3:::bucket-%03d/*", i))
	}
	cases := map[string]struct {
		doc  Document
		want [][]string
	}{
		"OneWhenItFits": {
			doc:  Document{Version: Version, Statement: statements(3, 500)},
			want: [][]string{{"S0", "S1", "S2"}},
		},
		"PackedInOrder": {
			doc:  Document{Version: Version, Statement: statements(25, 1000)},
			want: [][]string{{"S0", "S1", "S2", "S3", "S4", "S5"}, {"S6", "S7", "S8", "S9", "S10", "S11"}, {"S12", "S13", "S14", "S15", "S16", "S17"}, {"S18", "S19", "S20", "S21", "S22", "S23"}, {"S24"}},
		},
		"OversizedStatementCutByResource": {
			doc:  Document{Version: Version, Statement: append(statements(1, 100), big)},
			want: [][]string{{"S0", "Big"}, {"Big"}},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got := tc.doc.Policies(MaxManagedPolicySize)
			if diff := cmp.Diff(tc.want, sids(t, got)); diff != "" {
				t.Errorf("Policies(): Sids of each policy: -want, +got:\n%s", diff)
			}
			for i, p := range got {
				if Size(p) > MaxManagedPolicySize {
					t.Errorf("policy %d is %d characters", i+1, Size(p))
				}
			}
			if diff := cmp.Diff(tc.doc.Policies(MaxManagedPolicySize), got); diff != "" {
				t.Errorf("Policies() is not deterministic:\n%s", diff)
			}
		})
	}
}

// TestPoliciesOneIsJSON: a document that fits is exactly its JSON.
func TestPoliciesOneIsJSON(t *testing.T) {
	for _, d := range []Document{
		Execution(scope, Needs{ImageRepositoryArns: []string{"arn:aws:ecr:us-east-1:123456789012:repository/a"}}),
		Execution(scope, Needs{Extra: []Statement{{Effect: "Deny", Action: Values{"s3:*"}, Resource: Values{"arn:aws:s3:::b/c&d<e>.zip"}, Condition: map[string]map[string]any{"StringLike": {"aws:userid": Values{"a", "b"}}}}}}),
		Trust(scope),
	} {
		got := d.Policies(MaxManagedPolicySize)
		if diff := cmp.Diff([]string{d.JSON()}, got); diff != "" {
			t.Errorf("Policies(): -want, +got:\n%s", diff)
		}
	}
}

// TestPoliciesGrantTheSame: the split policies hold every statement, and each
// cut statement's parts together cover exactly its resources.
func TestPoliciesGrantTheSame(t *testing.T) {
	big := Statement{Sid: "Big", Effect: "Allow", Action: Values{"s3:GetObject", "s3:PutObject"}}
	for i := range 400 {
		big.Resource = append(big.Resource, fmt.Sprintf("arn:aws:s3:::bucket-%03d/*", i))
	}
	doc := Document{Version: Version, Statement: append(statements(40, 300), big)}
	type grant struct{ Sid, Action, Resource string }
	flatten := func(docs []Document) map[grant]int {
		out := map[grant]int{}
		for _, d := range docs {
			for _, st := range d.Statement {
				for _, a := range st.Action {
					for _, r := range st.Resource {
						out[grant{st.Sid, a, r}]++
					}
				}
			}
		}
		return out
	}
	var split []Document
	for _, p := range doc.Policies(MaxManagedPolicySize) {
		var d struct {
			Statement []struct {
				Sid              string
				Action, Resource any
			}
		}
		if err := json.Unmarshal([]byte(p), &d); err != nil {
			t.Fatal(err)
		}
		var sts []Statement
		for _, st := range d.Statement {
			sts = append(sts, Statement{Sid: st.Sid, Action: values(st.Action), Resource: values(st.Resource)})
		}
		split = append(split, Document{Statement: sts})
	}
	if len(split) < 2 {
		t.Fatalf("want the document split, got %d policy", len(split))
	}
	if diff := cmp.Diff(flatten([]Document{doc}), flatten(split)); diff != "" {
		t.Errorf("the split policies grant something else: -want, +got:\n%s", diff)
	}
}

func values(v any) Values {
	switch t := v.(type) {
	case string:
		return Values{t}
	case []any:
		var out Values
		for _, s := range t {
			out = append(out, s.(string))
		}
		return out
	}
	return nil
}

// TestSids: Sids lists the Sid of every statement Execution writes.
func TestSids(t *testing.T) {
	all := map[string]bool{}
	for _, n := range []Needs{
		{ImageRepositoryArns: []string{"arn:aws:ecr:us-east-1:123456789012:repository/a"}},
		{JWTInbound: true, ModelArns: []string{"arn:aws:bedrock:us-east-1::foundation-model/m"}},
	} {
		for _, st := range Execution(scope, n).Statement {
			all[st.Sid] = true
		}
	}
	want := map[string]bool{}
	for _, s := range Sids {
		want[s] = true
	}
	if diff := cmp.Diff(want, all); diff != "" {
		t.Errorf("Sids: -listed, +written by Execution:\n%s", diff)
	}
}
