package render

// RoleInput is an execution role.
type RoleInput struct {
	Name                string
	Description         string
	AssumeRolePolicy    string
	PermissionsBoundary string
	Tags                map[string]string
}

// Role is an iam Role named through its external name.
func (t Target) Role(in RoleInput) map[string]any {
	fp := map[string]any{"assumeRolePolicy": in.AssumeRolePolicy}
	set(fp, "description", in.Description)
	set(fp, "permissionsBoundary", in.PermissionsBoundary)
	set(fp, "tags", in.Tags)
	return t.managed("iam", "Role", fp, in.Name)
}

// PolicyInput is a customer managed policy.
type PolicyInput struct {
	Name        string
	Description string
	Document    string
	Tags        map[string]string
}

// Policy is an iam Policy named through its external name.
func (t Target) Policy(in PolicyInput) map[string]any {
	fp := map[string]any{fieldPolicy: in.Document}
	set(fp, "description", in.Description)
	set(fp, "tags", in.Tags)
	return t.managed("iam", "Policy", fp, in.Name)
}

// RolePolicyAttachment attaches policyArn to the role named roleName.
func (t Target) RolePolicyAttachment(roleName, policyArn string) map[string]any {
	return t.managed("iam", "RolePolicyAttachment", map[string]any{"role": roleName, "policyArn": policyArn}, "")
}
