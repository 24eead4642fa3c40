package validate

import (
	"fmt"
	"regexp"

	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/platform-io/function-agentcore-runtime/apis/v1alpha1"
)

const maxFilesystems = 5

var (
	reMountPath = regexp.MustCompile(v1alpha1.MountPathPattern)
	// reEfsAccessPoint is arn:<p>:elasticfilesystem:<region>:<account>:access-point/fsap-<hex>.
	reEfsAccessPoint = regexp.MustCompile(`^arn:(aws[a-z-]*):elasticfilesystem:([a-z0-9-]+):([0-9]{12}):access-point/fsap-[0-9a-f]{8,40}$`)
	// reS3FilesAccessPoint is any s3 or s3files ARN.
	reS3FilesAccessPoint = regexp.MustCompile(`^arn:(aws[a-z-]*):(s3|s3files):[^:]*:[^:]*:.+$`)
)

// filesystems checks filesystemConfigurations: at most 5, one kind each, unique mount paths.
func (c *checker) filesystems(fss []v1alpha1.Filesystem, p *field.Path) {
	if len(fss) > maxFilesystems {
		c.add(field.TooMany(p, len(fss), maxFilesystems))
	}
	mounts := map[string]bool{}
	for i := range fss {
		fs := &fss[i]
		ip := p.Index(i)
		c.oneOf(ip, []string{"sessionStorage", "efsAccessPoint", "s3FilesAccessPoint"},
			[]bool{fs.SessionStorage != nil, fs.EfsAccessPoint != nil, fs.S3FilesAccessPoint != nil})
		if fs.SessionStorage != nil {
			c.mountPath(ip.Child("sessionStorage", "mountPath"), fs.SessionStorage.MountPath, mounts)
		}
		if ap := fs.EfsAccessPoint; ap != nil {
			app := ip.Child("efsAccessPoint")
			arnP := app.Child("accessPointArn")
			m := c.accessPointArn(arnP, ap.AccessPointArn, reEfsAccessPoint, "EFS",
				"must be an EFS access point ARN arn:<partition>:elasticfilesystem:<region>:<account>:access-point/fsap-<id>")
			if m != nil && c.o.Region != "" && m[2] != c.o.Region {
				c.warn(arnP, "the access point is in region %s, but the runtime runs in %s: the runtime's subnets must reach its mount targets", m[2], c.o.Region)
			}
			c.mountPath(app.Child("mountPath"), ap.MountPath, mounts)
		}
		if ap := fs.S3FilesAccessPoint; ap != nil {
			app := ip.Child("s3FilesAccessPoint")
			c.accessPointArn(app.Child("accessPointArn"), ap.AccessPointArn, reS3FilesAccessPoint, "S3 Files",
				"must be an S3 Files access point ARN arn:<partition>:s3files:<region>:<account>:... (or an s3 ARN)")
			c.mountPath(app.Child("mountPath"), ap.MountPath, mounts)
		}
	}
}

// mountPath checks /mnt/<name>, unique across all filesystems.
func (c *checker) mountPath(p *field.Path, mp string, mounts map[string]bool) {
	switch {
	case mp == "":
		c.add(field.Required(p, "the mount path /mnt/<name> is required"))
	case !reMountPath.MatchString(mp) || mp == "/mnt/." || mp == "/mnt/..":
		c.add(field.Invalid(p, mp, fmt.Sprintf("must be /mnt/<name>, the name of letters, digits, '.', '_' and '-' (matching %s)", reMountPath)))
	case mounts[mp]:
		c.add(field.Duplicate(p, mp))
	default:
		mounts[mp] = true
	}
}

// accessPointArn checks the required access point ARN arn of a file system of
// kind against re (whose first group is the partition); it returns the match,
// nil when the ARN is missing or malformed.
func (c *checker) accessPointArn(p *field.Path, arn string, re *regexp.Regexp, kind, malformed string) []string {
	m := re.FindStringSubmatch(arn)
	switch {
	case arn == "":
		c.add(field.Required(p, "the "+kind+" access point ARN is required"))
		return nil
	case m == nil:
		c.add(field.Invalid(p, arn, malformed))
		return nil
	}
	c.checkPartition(p, arn, m[1])
	return m
}
