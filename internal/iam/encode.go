package iam

import (
	"encoding/json"
	"maps"
	"slices"
)

// The documents are written by hand rather than with encoding/json's reflection:
// the execution policy and the trust policy are rendered on every call of the
// function. The bytes are those of json.Marshal (TestEncodeIsJSONMarshal), which
// remains the fallback for any value of a type this encoder does not know.

// appendDocument appends d's JSON; ok is false if it holds a value of another type.
func appendDocument(dst []byte, d Document) ([]byte, bool) {
	dst = append(dst, `{"Version":`...)
	dst = appendString(dst, d.Version)
	dst = append(dst, `,"Statement":`...)
	if d.Statement == nil {
		return append(dst, "null}"...), true
	}
	dst = append(dst, '[')
	for i, st := range d.Statement {
		if i > 0 {
			dst = append(dst, ',')
		}
		var ok bool
		if dst, ok = appendStatement(dst, st); !ok {
			return dst, false
		}
	}
	return append(dst, "]}"...), true
}

// appendStatement appends st's JSON; ok is false if it holds a value of another type.
func appendStatement(dst []byte, st Statement) ([]byte, bool) {
	ok := true
	dst = append(dst, '{')
	if st.Sid != "" {
		dst = append(dst, `"Sid":`...)
		dst = appendString(dst, st.Sid)
		dst = append(dst, ',')
	}
	dst = append(dst, `"Effect":`...)
	dst = appendString(dst, st.Effect)
	if st.Principal != nil {
		dst = append(dst, `,"Principal":`...)
		dst, ok = appendAny(dst, st.Principal)
	}
	dst = append(dst, `,"Action":`...)
	dst = appendValues(dst, st.Action)
	if len(st.Resource) > 0 {
		dst = append(dst, `,"Resource":`...)
		dst = appendValues(dst, st.Resource)
	}
	if len(st.Condition) > 0 {
		dst = append(dst, `,"Condition":{`...)
		for i, op := range slices.Sorted(maps.Keys(st.Condition)) {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendString(dst, op)
			dst = append(dst, ':')
			var okOp bool
			dst, okOp = appendAny(dst, st.Condition[op])
			ok = ok && okOp
		}
		dst = append(dst, '}')
	}
	return append(dst, '}'), ok
}

// appendAny appends the values a Principal or a Condition holds.
func appendAny(dst []byte, v any) ([]byte, bool) {
	switch t := v.(type) {
	case string:
		return appendString(dst, t), true
	case Values:
		return appendValues(dst, t), true
	case []string:
		return appendList(dst, t), true
	case map[string]any:
		dst = append(dst, '{')
		ok := true
		for i, k := range slices.Sorted(maps.Keys(t)) {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendString(dst, k)
			dst = append(dst, ':')
			var okV bool
			dst, okV = appendAny(dst, t[k])
			ok = ok && okV
		}
		return append(dst, '}'), ok
	}
	return dst, false
}

// appendValues is Values.MarshalJSON.
func appendValues(dst []byte, v Values) []byte {
	if len(v) == 1 {
		return appendString(dst, v[0])
	}
	return appendList(dst, v)
}

func appendList(dst []byte, v []string) []byte {
	if v == nil {
		return append(dst, "null"...)
	}
	dst = append(dst, '[')
	for i, s := range v {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendString(dst, s)
	}
	return append(dst, ']')
}

// appendString appends s as encoding/json writes it: as is when it has only
// printable ASCII that needs no escape (every ARN and action), else as
// json.Marshal escapes it.
func appendString(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			b, _ := json.Marshal(s) //nolint:errchkjson // a string always marshals.
			return append(dst, b...)
		}
	}
	dst = append(dst, '"')
	dst = append(dst, s...)
	return append(dst, '"')
}
