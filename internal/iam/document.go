// Package iam builds the execution role's trust policy and its least-privilege
// managed policy as IAM JSON documents.
package iam

import (
	"encoding/json"
)

// Version of the IAM policy language.
const Version = "2012-10-17"

// Document is an IAM policy document. Field order is fixed and maps marshal sorted,
// so a document always serialises to the same bytes.
type Document struct {
	Version   string      `json:"Version"`
	Statement []Statement `json:"Statement"`
}

// Statement is one IAM statement. Action and Resource are a string when there is one
// value, as the IAM console writes them.
type Statement struct {
	Sid       string                    `json:"Sid,omitempty"`
	Effect    string                    `json:"Effect"`
	Principal any                       `json:"Principal,omitempty"`
	Action    Values                    `json:"Action"`
	Resource  Values                    `json:"Resource,omitempty"`
	Condition map[string]map[string]any `json:"Condition,omitempty"`
}

// Values is a list written as a string when it has one element.
type Values []string

// MarshalJSON writes one value as a string and several as a list.
func (v Values) MarshalJSON() ([]byte, error) {
	if len(v) == 1 {
		return json.Marshal(v[0])
	}
	return json.Marshal([]string(v))
}

// JSON returns the compact JSON of the document.
func (d Document) JSON() string { return compact(d, 1024, appendDocument) }

// compact is json.Marshal(v) as a string, written by fast (the hand encoder of
// encode.go, into a buffer of size) when it can.
func compact[T any](v T, size int, fast func([]byte, T) ([]byte, bool)) string {
	if b, ok := fast(make([]byte, 0, size), v); ok {
		return string(b)
	}
	b, err := json.Marshal(v)
	if err != nil {
		// Only strings and maps of strings are marshalled: this cannot fail.
		panic(err)
	}
	return string(b)
}
