package render

// SSMParameter is an ssm Parameter of type String named path through its external name.
func (t Target) SSMParameter(path, value, description string, tags map[string]string) map[string]any {
	fp := map[string]any{fieldRegion: t.Region, "type": "String", "insecureValue": value}
	set(fp, "description", description)
	set(fp, "tags", tags)
	return t.managed("ssm", "Parameter", fp, path)
}

// ObservedParameter reads the existing ssm Parameter named path without
// managing it (managementPolicies [Observe]). provider-aws reports its value
// (a sensitive attribute) only as the connection detail attribute.value, in
// the Secret secretName (in secretNamespace: cluster-scoped MRs name it).
func (t Target) ObservedParameter(path, secretName, secretNamespace string) map[string]any {
	obj := t.managed("ssm", "Parameter", map[string]any{fieldRegion: t.Region}, path)
	spec := obj["spec"].(map[string]any)
	spec["managementPolicies"] = []any{"Observe"}
	ref := map[string]any{fieldName: secretName}
	if !t.Namespaced {
		ref["namespace"] = secretNamespace
	}
	spec["writeConnectionSecretToRef"] = ref
	return obj
}

// LogGroup is a cloudwatchlogs Group named through its external name.
func (t Target) LogGroup(name string, retentionDays *int32, kmsKeyArn string, tags map[string]string) map[string]any {
	fp := map[string]any{fieldRegion: t.Region}
	set(fp, "retentionInDays", retentionDays)
	set(fp, "kmsKeyId", kmsKeyArn)
	set(fp, "tags", tags)
	return t.managed("cloudwatchlogs", "Group", fp, name)
}

// LogResourcePolicy is a cloudwatchlogs ResourcePolicy named through its external name.
func (t Target) LogResourcePolicy(name, document string) map[string]any {
	return t.managed("cloudwatchlogs", "ResourcePolicy", map[string]any{fieldRegion: t.Region, "policyDocument": document}, name)
}

// LogAccountPolicy is a cloudwatchlogs AccountPolicy of policyType for every
// log group of the account (scope ALL), named through its external name.
func (t Target) LogAccountPolicy(name, policyType, document string) map[string]any {
	return t.managed("cloudwatchlogs", "AccountPolicy", map[string]any{fieldRegion: t.Region, "policyType": policyType, "scope": "ALL", "policyDocument": document}, name)
}

// RuntimeResourcePolicy is a bedrockagentcore ResourcePolicy on the runtime.
func (t Target) RuntimeResourcePolicy(runtimeArn, policy string) map[string]any {
	return t.managed("bedrockagentcore", "ResourcePolicy", map[string]any{fieldRegion: t.Region, "resourceArn": runtimeArn, fieldPolicy: policy}, "")
}
