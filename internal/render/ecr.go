package render

// RepositoryInput is a managed ECR repository.
type RepositoryInput struct {
	Name            string
	ScanOnPush      bool
	TagMutability   string
	Encryption      string // AES256 or KMS
	KMSKeyArn       string
	Tags            map[string]string
	LifecyclePolicy string
}

// ECRRepository is an ecr Repository named through its external name.
func (t Target) ECRRepository(in RepositoryInput) map[string]any {
	enc := map[string]any{"encryptionType": in.Encryption}
	if in.Encryption == "KMS" {
		set(enc, "kmsKey", in.KMSKeyArn)
	}
	fp := map[string]any{
		fieldRegion:                  t.Region,
		"imageScanningConfiguration": map[string]any{"scanOnPush": in.ScanOnPush},
		"imageTagMutability":         in.TagMutability,
		"encryptionConfiguration":    []any{enc},
	}
	set(fp, "tags", in.Tags)
	return t.managed("ecr", "Repository", fp, in.Name)
}

// ECRLifecyclePolicy sets the lifecycle policy document of the repository.
func (t Target) ECRLifecyclePolicy(repository, policy string) map[string]any {
	return t.managed("ecr", "LifecyclePolicy", map[string]any{fieldRegion: t.Region, "repository": repository, fieldPolicy: policy}, "")
}

// ECRRepositoryPolicy sets the repository policy document of the repository.
func (t Target) ECRRepositoryPolicy(repository, policy string) map[string]any {
	return t.managed("ecr", "RepositoryPolicy", map[string]any{fieldRegion: t.Region, "repository": repository, fieldPolicy: policy}, "")
}
