package compose

import (
	"encoding/json"
	"regexp"
	"strings"

	"github.com/platform-io/function-agentcore-runtime/apis/v1alpha1"
	"github.com/platform-io/function-agentcore-runtime/internal/iam"
	"github.com/platform-io/function-agentcore-runtime/internal/naming"
	"github.com/platform-io/function-agentcore-runtime/internal/render"
)

// codePathTag is the tag MDAA's codePath maps to: a rolling tag, so the repository is
// mutable (set repository.imageTag for immutable, versioned tags).
const codePathTag = "latest"

var nonECR = regexp.MustCompile(`[^a-z0-9._-]+`)

// image resolves the runtime's image: a given containerUri, or the managed
// repository's URL and tag once the repository is observed.
func (p *pass) image() {
	a := p.Spec.AgentRuntimeArtifact
	c := a.ContainerConfiguration
	switch {
	case c == nil:
		return // code artifact: no image
	case c.ContainerUri != nil:
		p.out.Facts.ImageURI = *c.ContainerUri
		p.crossAccountImage()
		return
	}
	p.repository()
}

// repositoryEncryption is the Input's ECR encryption for a new repository, and
// the one an existing repository was created with: ECR cannot change a
// repository's encryption, and provider-aws refuses the change (it needs a new
// repository) and stays Synced=False, so a platform's later change of the
// Input applies to new repositories only, with a Warning on the old ones.
func (p *pass) repositoryEncryption() (encryption, key string) {
	st := p.Settings
	enc, _ := Lookup(p.Observed[naming.ECRRepository], "spec", "forProvider", "encryptionConfiguration").([]any)
	if len(enc) == 0 {
		return st.ECREncryption, st.ECRKMSKeyArn
	}
	observed, _ := enc[0].(map[string]any)
	encryption, _ = observed["encryptionType"].(string)
	key, _ = observed["kmsKey"].(string)
	if encryption == "" {
		return st.ECREncryption, st.ECRKMSKeyArn
	}
	if encryption != st.ECREncryption || (st.ECRKMSKeyArn != "" && key != st.ECRKMSKeyArn) {
		p.warn("spec.agentRuntimeArtifact.containerConfiguration", "the repository %s keeps its encryption %s%s: ECR cannot change a repository's encryption, so the Input's ecr.encryption %s%s applies to new repositories only", p.repositoryName(), encryption, keySuffix(key), st.ECREncryption, keySuffix(st.ECRKMSKeyArn))
	}
	return encryption, key
}

func keySuffix(key string) string {
	if key == "" {
		return ""
	}
	return " (" + key + ")"
}

func (p *pass) repository() {
	c := p.Spec.AgentRuntimeArtifact.ContainerConfiguration
	st := p.Settings
	tag, mutability, keep := codePathTag, "MUTABLE", st.ECRKeepLastImages
	var pullPrincipals []string
	if r := c.Repository; r != nil {
		tag, mutability = r.ImageTag, st.ECRImageTagMutability
		if r.ImageTagMutability != nil {
			mutability = *r.ImageTagMutability
		}
		if r.KeepLastImages != nil {
			keep = *r.KeepLastImages
		}
		pullPrincipals = r.PullPrincipals
	} else {
		p.warn("spec.agentRuntimeArtifact.containerConfiguration.codePath", "a composition cannot build images; %q maps to the managed ECR repository %s: build and push the image from CI with the command in status.image.pushCommand", *c.CodePath, p.repositoryName())
	}
	name := p.repositoryName()
	encryption, key := p.repositoryEncryption()
	p.add(naming.ECRRepository, p.Target.ECRRepository(render.RepositoryInput{
		Name: name, ScanOnPush: st.ECRScanOnPush, TagMutability: mutability,
		Encryption: encryption, KMSKeyArn: key, Tags: p.tags,
	}))
	url := p.Observed.AtProvider(naming.ECRRepository, repositoryURL)
	p.out.Facts.RepositoryURL = url
	if p.gateExisting(naming.ECRLifecyclePolicy, url != "", "the URL of %s", naming.ECRRepository) {
		p.add(naming.ECRLifecyclePolicy, p.Target.ECRLifecyclePolicy(name, lifecyclePolicy(keep)))
	}
	if url != "" {
		p.out.Facts.ImageURI = url + ":" + tag
		p.out.Facts.PushCommand = pushCommand(c, p.out.Facts.ImageURI)
	}
	principals := append([]string{}, pullPrincipals...)
	if p.out.Facts.RoleArn != "" {
		principals = append([]string{p.out.Facts.RoleArn}, principals...)
	}
	policy := ""
	if url != "" && len(principals) > 0 {
		policy = iam.ECRPull(principals...).JSON()
	}
	if policy, ok := p.gate(policy, p.Observed.ForProvider(naming.ECRRepositoryPolicy, "policy"),
		"the execution role's ARN and the URL of %s before %s", naming.ECRRepository, naming.ECRRepositoryPolicy); ok {
		p.add(naming.ECRRepositoryPolicy, p.Target.ECRRepositoryPolicy(name, policy))
	}
}

// crossAccountImage warns when the image is in another account: the execution role
// gets pull on it, but that account's repository policy must allow the role too.
func (p *pass) crossAccountImage() {
	img := p.containerImage
	if img == nil || p.Settings.AccountID == "" || img.Account == p.Settings.AccountID {
		return
	}
	role := first(p.out.Facts.RoleArn, "arn:"+p.Settings.Partition+":iam::"+p.Settings.AccountID+":role/"+p.out.Facts.RoleName)
	policy := iam.ECRPull(role).JSON()
	p.warn("spec.agentRuntimeArtifact.containerConfiguration.containerUri", "the image is in account %s, not %s: the repository %s there must allow the execution role to pull; set this repository policy in account %s: %s",
		img.Account, p.Settings.AccountID, img.Repository, img.Account, policy)
}

// pushCommand is what CI runs to build and push the runtime's image.
func pushCommand(c *v1alpha1.Container, image string) string {
	platform, dir := "linux/arm64", "."
	if c.Platform != nil {
		platform = *c.Platform
	}
	if c.CodePath != nil {
		dir = *c.CodePath
	}
	return "docker buildx build --platform " + platform + " -t " + image + " --push " + dir
}

// repositoryName is the managed repository: agentcore/<prefix><name>, lower case.
func (p *pass) repositoryName() string {
	n := strings.Trim(nonECR.ReplaceAllString(strings.ToLower(p.Settings.NamePrefix+p.Spec.AgentRuntimeName), "-"), "-._")
	return naming.Truncate("agentcore/"+n, 256, "-")
}

// lifecyclePolicy keeps the last keep images.
func lifecyclePolicy(keep int32) string {
	b, _ := json.Marshal(map[string]any{"rules": []any{map[string]any{ //nolint:errchkjson // strings and numbers always marshal.
		"rulePriority": 1,
		"description":  "Keep the last images the runtime may roll back to",
		"selection":    map[string]any{"tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": keep},
		"action":       map[string]any{"type": "expire"},
	}}})
	return string(b)
}
