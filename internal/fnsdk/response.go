package fnsdk

import (
	"time"

	"google.golang.org/protobuf/types/known/durationpb"

	fnv1 "github.com/crossplane/function-sdk-go/proto/v1"
)

// DefaultTTL is response.DefaultTTL.
const DefaultTTL = 1 * time.Minute

// To is response.To: a response to req that keeps its desired state and context.
func To(req *fnv1.RunFunctionRequest, ttl time.Duration) *fnv1.RunFunctionResponse {
	return &fnv1.RunFunctionResponse{
		Meta:    &fnv1.ResponseMeta{Tag: req.GetMeta().GetTag(), Ttl: durationpb.New(ttl)},
		Desired: req.GetDesired(),
		Context: req.GetContext(),
	}
}

// ResultOption is response.ResultOption.
type ResultOption struct{ result *fnv1.Result }

// Fatal is response.Fatal.
func Fatal(rsp *fnv1.RunFunctionResponse, err error) {
	newResult(rsp, fnv1.Severity_SEVERITY_FATAL, err.Error())
}

// Warning is response.Warning.
func Warning(rsp *fnv1.RunFunctionResponse, err error) *ResultOption {
	return newResult(rsp, fnv1.Severity_SEVERITY_WARNING, err.Error())
}

// Normal is response.Normal.
func Normal(rsp *fnv1.RunFunctionResponse, message string) *ResultOption {
	return newResult(rsp, fnv1.Severity_SEVERITY_NORMAL, message)
}

func newResult(rsp *fnv1.RunFunctionResponse, s fnv1.Severity, message string) *ResultOption {
	if rsp.GetResults() == nil {
		rsp.Results = make([]*fnv1.Result, 0, 1)
	}
	r := &fnv1.Result{Severity: s, Message: message, Target: fnv1.Target_TARGET_COMPOSITE.Enum()}
	rsp.Results = append(rsp.GetResults(), r)
	return &ResultOption{result: r}
}

// TargetCompositeAndClaim is ResultOption.TargetCompositeAndClaim.
func (o *ResultOption) TargetCompositeAndClaim() *ResultOption {
	o.result.Target = fnv1.Target_TARGET_COMPOSITE_AND_CLAIM.Enum()
	return o
}

// ConditionOption is response.ConditionOption.
type ConditionOption struct{ condition *fnv1.Condition }

// ConditionTrue is response.ConditionTrue.
func ConditionTrue(rsp *fnv1.RunFunctionResponse, typ, reason string) *ConditionOption {
	return newCondition(rsp, typ, reason, fnv1.Status_STATUS_CONDITION_TRUE)
}

// ConditionFalse is response.ConditionFalse.
func ConditionFalse(rsp *fnv1.RunFunctionResponse, typ, reason string) *ConditionOption {
	return newCondition(rsp, typ, reason, fnv1.Status_STATUS_CONDITION_FALSE)
}

func newCondition(rsp *fnv1.RunFunctionResponse, typ, reason string, s fnv1.Status) *ConditionOption {
	if rsp.GetConditions() == nil {
		rsp.Conditions = make([]*fnv1.Condition, 0, 1)
	}
	c := &fnv1.Condition{Type: typ, Status: s, Reason: reason, Target: fnv1.Target_TARGET_COMPOSITE.Enum()}
	rsp.Conditions = append(rsp.GetConditions(), c)
	return &ConditionOption{condition: c}
}

// TargetCompositeAndClaim is ConditionOption.TargetCompositeAndClaim.
func (c *ConditionOption) TargetCompositeAndClaim() *ConditionOption {
	c.condition.Target = fnv1.Target_TARGET_COMPOSITE_AND_CLAIM.Enum()
	return c
}

// WithMessage is ConditionOption.WithMessage.
func (c *ConditionOption) WithMessage(message string) *ConditionOption {
	c.condition.Message = &message
	return c
}
