package v1alpha1

import (
	"encoding/json"
)

// StringOrList is an IAM policy value written as one string or a list of strings.
// A value of any other shape does not fail decoding: it sets Malformed, so that
// validation can report it with its field path among all other errors.
type StringOrList struct {
	Values    []string `json:"-"`
	Malformed bool     `json:"-"`
}

// UnmarshalJSON accepts "a" and ["a", "b"].
func (s *StringOrList) UnmarshalJSON(b []byte) error {
	var one string
	if err := json.Unmarshal(b, &one); err == nil {
		*s = StringOrList{Values: []string{one}}
		return nil
	}
	var many []string
	if err := json.Unmarshal(b, &many); err != nil {
		*s = StringOrList{Malformed: true}
		return nil //nolint:nilerr // a malformed value is recorded (Malformed) for validation to report with its path.
	}
	*s = StringOrList{Values: many}
	return nil
}

// MarshalJSON writes the list form.
func (s StringOrList) MarshalJSON() ([]byte, error) {
	if s.Values == nil {
		return []byte("[]"), nil
	}
	return json.Marshal(s.Values)
}
