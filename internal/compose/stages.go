package compose

// Fact names a field of Facts (or Resources: the resources rendered so far),
// for the stages' declarations of what they read and write.
type Fact string

// The facts stages exchange.
const (
	FactRuntimeName         Fact = "RuntimeName"
	FactRoleArn             Fact = "RoleArn"
	FactRoleName            Fact = "RoleName"
	FactRepositoryURL       Fact = "RepositoryURL"
	FactImageURI            Fact = "ImageURI"
	FactPushCommand         Fact = "PushCommand"
	FactRuntimeArn          Fact = "RuntimeArn"
	FactRuntimeID           Fact = "RuntimeID"
	FactRuntimeVersion      Fact = "RuntimeVersion"
	FactInvokeURL           Fact = "InvokeURL"
	FactWorkloadIdentityArn Fact = "WorkloadIdentityArn"
	FactEndpoints           Fact = "Endpoints"
	FactLogGroups           Fact = "LogGroups"
	FactSSMParameters       Fact = "SSMParameters"
	FactVpcEndpointID       Fact = "VpcEndpointID"
	FactVpcEndpointSG       Fact = "VpcEndpointSecurityGroupID"
	FactAlarmTopicArn       Fact = "AlarmTopicArn"
	FactCognitoUserPoolID   Fact = "CognitoUserPoolID"
	FactCognitoClientID     Fact = "CognitoClientID"
	FactCognitoDiscoveryURL Fact = "CognitoDiscoveryURL"
	// FactResources are the resources rendered so far (Result.Resources).
	FactResources Fact = "Resources"
)

// Stage is one step of a pass: it renders what the spec wants and the facts
// of earlier stages (and what is observed) allow, and records facts for later
// stages. Reads and Writes declare those facts; TestStageOrder checks that
// every fact a stage reads is written by an earlier one (or known before any:
// the runtime's name), and TestStagesDeclareWhatTheyRead and ...Write that the
// declarations are true.
type Stage struct {
	Name   string
	Level  int // the readiness level of its waits: see Result.Blocking
	Reads  []Fact
	Writes []Fact
	run    func(*pass)
}

// Readiness levels: what the composite reports it waits for are the waits of
// the lowest level (later levels only wait on its outcome).
const (
	levelIAM = iota
	levelRuntime
	levelOutputs
)

// Stages of a pass, in order.
var Stages = []Stage{
	{Name: "iam", Level: levelIAM, Reads: []Fact{FactRuntimeName},
		Writes: []Fact{FactRoleArn, FactRoleName, FactResources}, run: (*pass).iam},
	{Name: "image", Level: levelIAM, Reads: []Fact{FactRoleArn, FactRoleName},
		Writes: []Fact{FactRepositoryURL, FactImageURI, FactPushCommand, FactResources}, run: (*pass).image},
	{Name: "network", Level: levelIAM, Reads: []Fact{FactRuntimeName},
		Writes: []Fact{FactVpcEndpointID, FactVpcEndpointSG, FactResources}, run: (*pass).network},
	{Name: "cognito", Level: levelIAM, Writes: []Fact{FactCognitoUserPoolID, FactCognitoClientID, FactCognitoDiscoveryURL, FactResources}, run: (*pass).cognito},
	{Name: "runtime", Level: levelRuntime, Reads: []Fact{FactRuntimeName, FactRoleArn, FactImageURI, FactCognitoClientID, FactCognitoDiscoveryURL, FactResources},
		Writes: []Fact{FactRuntimeArn, FactRuntimeID, FactRuntimeVersion, FactInvokeURL, FactWorkloadIdentityArn, FactResources}, run: (*pass).runtime},
	{Name: "endpoints", Level: levelOutputs, Reads: []Fact{FactRuntimeID, FactRuntimeVersion},
		Writes: []Fact{FactEndpoints, FactResources}, run: (*pass).endpoints},
	{Name: "logGroups", Level: levelOutputs, Reads: []Fact{FactRuntimeID},
		Writes: []Fact{FactLogGroups, FactResources}, run: (*pass).logGroups},
	{Name: "perimeter", Level: levelOutputs, Reads: []Fact{FactRuntimeArn, FactRuntimeName},
		Writes: []Fact{FactResources}, run: (*pass).perimeter},
	{Name: "alarms", Level: levelOutputs, Reads: []Fact{FactRuntimeName, FactRuntimeArn},
		Writes: []Fact{FactAlarmTopicArn, FactResources}, run: (*pass).alarms},
	{Name: "eventBridge", Level: levelOutputs, Reads: []Fact{FactRuntimeArn, FactRuntimeID, FactAlarmTopicArn},
		Writes: []Fact{FactResources}, run: (*pass).eventBridge},
	{Name: "ssm", Level: levelOutputs, Reads: []Fact{FactRuntimeName, FactRuntimeArn, FactRuntimeID, FactEndpoints, FactRoleArn, FactRoleName, FactVpcEndpointID, FactVpcEndpointSG,
		FactCognitoUserPoolID, FactCognitoClientID, FactCognitoDiscoveryURL},
		Writes: []Fact{FactSSMParameters, FactResources}, run: (*pass).ssm},
	{Name: "usages", Level: levelOutputs, Reads: []Fact{FactResources},
		Writes: []Fact{FactResources}, run: (*pass).usages},
	{Name: "connection", Level: levelOutputs, Reads: []Fact{FactRuntimeName, FactRuntimeArn, FactRuntimeID, FactRuntimeVersion, FactRoleArn, FactInvokeURL, FactRepositoryURL, FactLogGroups, FactEndpoints},
		Writes: []Fact{FactResources}, run: (*pass).connection},
}

// gate is the sticky rule, in one place: a resource is rendered from the
// value this pass observed (now), else from the value it was last rendered
// with (last: a fact may go missing for a pass, e.g. when a provider restart
// empties status.atProvider, and a resource the function stops returning is
// deleted), else it is not rendered and the composite says what it waits for.
func (p *pass) gate(now, last string, waitFormat string, a ...any) (string, bool) {
	if v := first(now, last); v != "" {
		return v, true
	}
	p.wait(waitFormat, a...)
	return "", false
}

// gateExisting is gate for a resource whose inputs the spec alone decides once
// it may be rendered: it is rendered when what it waits for is there (ready),
// or when it already exists (with the same inputs), else the composite says
// what it waits for.
func (p *pass) gateExisting(name string, ready bool, waitFormat string, a ...any) bool {
	if ready || p.Observed.Has(name) {
		return true
	}
	p.wait(waitFormat, a...)
	return false
}
