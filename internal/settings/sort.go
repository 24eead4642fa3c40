package settings

import (
	"sort"

	"k8s.io/apimachinery/pkg/util/validation/field"
)

// sortErrors orders errors by field path so messages are deterministic.
func sortErrors(errs field.ErrorList) {
	sort.SliceStable(errs, func(i, j int) bool { return errs[i].Field < errs[j].Field })
}
