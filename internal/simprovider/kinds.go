package simprovider

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash/crc32"
	"maps"
	"strings"

	"github.com/platform-io/function-agentcore-runtime/internal/arn"
	"github.com/platform-io/function-agentcore-runtime/internal/object"
)

// Terraform attributes many resources have.
const (
	attrRegion = "region"
	attrArn    = "arn"
)

// simulation is how one Terraform resource behaves: the attributes AWS
// computes (Terraform names, Terraform shapes: blocks are lists) and, where
// config/externalname.go does not take the external name from the annotation
// the function sets, how the provider writes it.
type simulation struct {
	computed     func(r *reconcile) map[string]any
	externalName func(r *reconcile) string
}

// simulations by Terraform resource. A kind of simprovider.Kinds without an
// entry reports its configuration only, with the external name it was given.
var simulations = map[string]simulation{
	// config/externalname.go: FrameworkResourceWithComputedIdentifier("agent_runtime_id"):
	// the external name is the ID AWS assigns, <name>-<10 letters and digits>.
	// The version starts at 1 and moves on with every update of the runtime.
	"aws_bedrockagentcore_agent_runtime": {
		computed: func(r *reconcile) map[string]any {
			p := r.p
			id := first(r.prevAt("agentRuntimeId"), r.str("agentRuntimeName")+"-"+suffix(p.Account+"/"+p.Region+"/"+r.str("agentRuntimeName"), 10))
			version := first(r.prevAt("agentRuntimeVersion"), "1")
			if r.updated() {
				version = nextVersion(version)
			}
			return withTags(r, map[string]any{
				"agent_runtime_id":      id,
				"agent_runtime_arn":     p.arn("bedrock-agentcore", p.Region, p.Account, "runtime/"+id),
				"agent_runtime_version": version,
				"workload_identity_details": []any{map[string]any{
					"workload_identity_arn": p.arn("bedrock-agentcore", p.Region, p.Account, "workload-identity-directory/default/workload-identity/"+id),
				}},
				// The service's defaults (idle 900 s, max 28800 s): AWS reports them
				// when the configuration leaves them out.
				"lifecycle_configuration": []any{map[string]any{"idle_runtime_session_timeout": int64(900), "max_lifetime": int64(28800)}},
				attrRegion:                p.Region,
			})
		},
		externalName: func(r *reconcile) string { s, _ := r.state["agentRuntimeId"].(string); return s },
	},
	// config/externalname.go bedrockAgentCoreAgentRuntimeEndpoint: the external
	// name is <agent_runtime_id>:<name>. The Terraform resource has no id
	// attribute. An endpoint created without a version runs the runtime's
	// version of that moment (AWS's TargetVersion).
	"aws_bedrockagentcore_agent_runtime_endpoint": {
		computed: func(r *reconcile) map[string]any {
			p := r.p
			runtimeArn := p.arn("bedrock-agentcore", p.Region, p.Account, "runtime/"+r.str("agentRuntimeId"))
			return withTags(r, map[string]any{
				"agent_runtime_arn":          runtimeArn,
				"agent_runtime_endpoint_arn": runtimeArn + "/runtime-endpoint/" + r.str("name"),
				"agent_runtime_version":      first(r.prevAt("agentRuntimeVersion"), r.runtimeVersion(r.str("agentRuntimeId")), "1"),
				attrRegion:                   p.Region,
			})
		},
		externalName: func(r *reconcile) string { return r.str("agentRuntimeId") + ":" + r.str("name") },
	},
	// config/externalname.go bedrockAgentCoreResourcePolicy: the external name
	// is the resource ARN.
	"aws_bedrockagentcore_resource_policy": {
		computed:     func(r *reconcile) map[string]any { return map[string]any{attrRegion: r.p.Region} },
		externalName: func(r *reconcile) string { return r.str("resourceArn") },
	},
	// NameAsIdentifier: the function's annotation is the name.
	"aws_iam_role": {
		computed: func(r *reconcile) map[string]any {
			name := annotation(r.obj, ExternalNameAnnotation)
			return withTags(r, map[string]any{
				attrArn:       r.p.arn("iam", "", r.p.Account, "role"+first(r.str("path"), "/")+name),
				"id":          name,
				"unique_id":   "AROA" + strings.ToUpper(suffix(r.p.Account+"/role/"+name, 17)),
				"create_date": first(r.prevAt("createDate"), r.p.now()),
			})
		},
	},
	// iamPolicy(): the name is the annotation; the Terraform id is the ARN.
	"aws_iam_policy": {
		computed: func(r *reconcile) map[string]any {
			name := annotation(r.obj, ExternalNameAnnotation)
			arn := r.p.arn("iam", "", r.p.Account, "policy"+first(r.str("path"), "/")+name)
			return withTags(r, map[string]any{
				attrArn:            arn,
				"id":               arn,
				"policy_id":        "ANPA" + strings.ToUpper(suffix(arn, 17)),
				"attachment_count": int64(1),
			})
		},
	},
	// IdentifierFromProvider: the external name is the Terraform id, which
	// Terraform generates as <role>-<unique suffix>.
	"aws_iam_role_policy_attachment": {
		computed: func(r *reconcile) map[string]any {
			return map[string]any{"id": first(r.prevAt("id"), r.str("role")+"-"+suffix(r.str("role")+"/"+r.str("policyArn"), 26))}
		},
		externalName: func(r *reconcile) string { s, _ := r.state["id"].(string); return s },
	},
	// NameAsIdentifier. The ARN Terraform reports has no ":*" suffix.
	"aws_cloudwatch_log_group": {
		computed: func(r *reconcile) map[string]any {
			name := annotation(r.obj, ExternalNameAnnotation)
			return withTags(r, map[string]any{
				attrArn:                       r.p.arn("logs", r.p.Region, r.p.Account, "log-group:"+name),
				"id":                          name,
				"log_group_class":             "STANDARD",
				"deletion_protection_enabled": false,
				attrRegion:                    r.p.Region,
			})
		},
	},
	// ParameterAsIdentifier("policy_name"): the annotation is the policy name.
	"aws_cloudwatch_log_resource_policy": {
		computed: func(r *reconcile) map[string]any {
			return map[string]any{
				"id":           annotation(r.obj, ExternalNameAnnotation),
				"policy_scope": "ACCOUNT",
				"revision_id":  suffix(r.str("policyDocument"), 8),
				attrRegion:     r.p.Region,
			}
		},
	},
	// NameAsIdentifier.
	"aws_ecr_repository": {
		computed: func(r *reconcile) map[string]any {
			p := r.p
			name := annotation(r.obj, ExternalNameAnnotation)
			return withTags(r, map[string]any{
				attrArn:          p.arn("ecr", p.Region, p.Account, "repository/"+name),
				"id":             name,
				"registry_id":    p.Account,
				"repository_url": p.Account + ".dkr.ecr." + p.Region + "." + arn.DNSSuffix(p.Partition) + "/" + name,
				attrRegion:       p.Region,
			})
		},
	},
	"aws_ecr_lifecycle_policy":  repositoryPolicy,
	"aws_ecr_repository_policy": repositoryPolicy,
	// NameAsIdentifier. The value (sensitive) is never in atProvider;
	// insecureValue is.
	"aws_ssm_parameter": {
		computed: func(r *reconcile) map[string]any {
			name := annotation(r.obj, ExternalNameAnnotation)
			version := int64(1)
			if v, ok := number(object.Lookup(r.prev, "status", "atProvider", "version")); ok {
				version = v
			}
			if r.updated() {
				version++
			}
			return withTags(r, map[string]any{
				attrArn:     r.p.arn("ssm", r.p.Region, r.p.Account, "parameter"+name),
				"id":        name,
				"version":   version,
				"tier":      "Standard",
				"data_type": "text",
				attrRegion:  r.p.Region,
			})
		},
	},
	// The EC2 resources of MDAA's vpcEndpoint. Security
	// groups, rules and endpoints are IdentifierFromProvider: the external name is
	// the ID EC2 assigns.
	"aws_security_group": {
		computed: func(r *reconcile) map[string]any {
			id := r.ec2ID("sg")
			return withTags(r, map[string]any{
				"id": id, attrArn: r.p.arn("ec2", r.p.Region, r.p.Account, "security-group/"+id),
				"owner_id": r.p.Account, attrRegion: r.p.Region,
			})
		},
		externalName: func(r *reconcile) string { s, _ := r.state["id"].(string); return s },
	},
	"aws_vpc_security_group_ingress_rule": {
		computed: func(r *reconcile) map[string]any {
			id := r.ec2ID("sgr")
			return withTags(r, map[string]any{
				"id": id, "security_group_rule_id": id,
				attrArn: r.p.arn("ec2", r.p.Region, r.p.Account, "security-group-rule/"+id), attrRegion: r.p.Region,
			})
		},
		externalName: func(r *reconcile) string { s, _ := r.state["id"].(string); return s },
	},
	// An interface endpoint is available with one DNS name per endpoint (and
	// per subnet, left out here); without a policy AWS applies its full-access one.
	"aws_vpc_endpoint": {
		computed: func(r *reconcile) map[string]any {
			p := r.p
			id := r.ec2ID("vpce")
			service := r.str("serviceName")
			domain := strings.Join(reverse(strings.Split(service, ".")), ".")
			return withTags(r, map[string]any{
				"id": id, attrArn: p.arn("ec2", p.Region, p.Account, "vpc-endpoint/"+id),
				"owner_id": p.Account, "state": "available", "requester_managed": false,
				"ip_address_type": "ipv4",
				"dns_entry":       []any{map[string]any{"dns_name": id + "." + domain, "hosted_zone_id": "Z" + strings.ToUpper(suffix(p.Region, 13))}},
				"policy":          first(r.str("policy"), `{"Statement":[{"Action":"*","Effect":"Allow","Principal":"*","Resource":"*"}]}`),
				attrRegion:        p.Region,
			})
		},
		externalName: func(r *reconcile) string { s, _ := r.state["id"].(string); return s },
	},
	// vpcEndpointAssociationIdentifier("subnet_id"): the external name is
	// <vpce id>/<subnet id>; the Terraform id a-<vpce id><crc32 of the subnet>.
	"aws_vpc_endpoint_subnet_association": {
		computed: func(r *reconcile) map[string]any {
			return map[string]any{"id": fmt.Sprintf("a-%s%d", r.str("vpcEndpointId"), crc32.ChecksumIEEE([]byte(r.str("subnetId")))), attrRegion: r.p.Region}
		},
		externalName: func(r *reconcile) string { return r.str("vpcEndpointId") + "/" + r.str("subnetId") },
	},
	// vpcEndpointAssociationIdentifier("route_table_id"): as the subnet's.
	"aws_vpc_endpoint_route_table_association": {
		computed: func(r *reconcile) map[string]any {
			return map[string]any{"id": fmt.Sprintf("a-%s%d", r.str("vpcEndpointId"), crc32.ChecksumIEEE([]byte(r.str("routeTableId")))), attrRegion: r.p.Region}
		},
		externalName: func(r *reconcile) string { return r.str("vpcEndpointId") + "/" + r.str("routeTableId") },
	},
	// ParameterAsIdentifier("alarm_name"): the annotation is the alarm's name.
	"aws_cloudwatch_metric_alarm": {
		computed: func(r *reconcile) map[string]any {
			name := annotation(r.obj, ExternalNameAnnotation)
			return withTags(r, map[string]any{"id": name, attrArn: r.p.arn("cloudwatch", r.p.Region, r.p.Account, "alarm:"+name), attrRegion: r.p.Region})
		},
	},
	// FormattedIdentifierUserDefinedNameLast("name", "/", "event_bus_name"):
	// the annotation is the rule's name; on the default bus Terraform's id is
	// the name alone.
	"aws_cloudwatch_event_rule": {
		computed: func(r *reconcile) map[string]any {
			name := annotation(r.obj, ExternalNameAnnotation)
			return withTags(r, map[string]any{"id": name, attrArn: r.p.arn("events", r.p.Region, r.p.Account, "rule/"+name), attrRegion: r.p.Region})
		},
	},
	// FormattedIdentifierFromProvider("/", "event_bus_name", "rule",
	// "target_id"): the external name is Terraform's id, <rule>-<target id>
	// on the default bus.
	"aws_cloudwatch_event_target": {
		computed: func(r *reconcile) map[string]any {
			return map[string]any{"id": r.str("rule") + "-" + r.str("targetId"), attrRegion: r.p.Region}
		},
		externalName: func(r *reconcile) string { s, _ := r.state["id"].(string); return s },
	},
	// TemplatedStringAsIdentifier("name", "<role>:<name>"): the annotation is
	// the policy's name.
	"aws_iam_role_policy": {
		computed: func(r *reconcile) map[string]any {
			return map[string]any{"id": r.str("role") + ":" + annotation(r.obj, ExternalNameAnnotation)}
		},
	},
	// IdentifierFromProvider: Terraform's id is the statement ID.
	"aws_lambda_permission": {
		computed: func(r *reconcile) map[string]any {
			return map[string]any{"id": r.str("statementId"), attrRegion: r.p.Region}
		},
		externalName: func(r *reconcile) string { return r.str("statementId") },
	},
	// IdentifierFromProvider: the pool's ID, <region>_<9 letters and digits>,
	// assigned at create.
	"aws_cognito_user_pool": {
		computed: func(r *reconcile) map[string]any {
			p := r.p
			id := first(r.prevAt("id"), p.Region+"_"+suffix(p.Account+"/"+p.Region+"/pool/"+r.str("name"), 9))
			return withTags(r, map[string]any{
				"id": id, attrArn: p.arn("cognito-idp", p.Region, p.Account, "userpool/"+id),
				"endpoint":      "cognito-idp." + p.Region + "." + arn.DNSSuffix(p.Partition) + "/" + id,
				"creation_date": first(r.prevAt("creationDate"), p.now()), "last_modified_date": p.now(),
				"estimated_number_of_users": int64(0), attrRegion: p.Region,
			})
		},
		externalName: func(r *reconcile) string { s, _ := r.state["id"].(string); return s },
	},
	// cognitoUserPoolClient (IdentifierFromProvider): the client's ID, 26
	// lower-case letters and digits.
	"aws_cognito_user_pool_client": {
		computed: func(r *reconcile) map[string]any {
			return map[string]any{"id": first(r.prevAt("id"), strings.ToLower(suffix(r.str("userPoolId")+"/"+r.str("name"), 26))), attrRegion: r.p.Region}
		},
		externalName: func(r *reconcile) string { s, _ := r.state["id"].(string); return s },
	},
	// IdentifierFromProvider: Terraform's id is the domain.
	"aws_cognito_user_pool_domain": {
		computed: func(r *reconcile) map[string]any {
			return map[string]any{
				"id": r.str("domain"), "aws_account_id": r.p.Account, "version": "1",
				"cloudfront_distribution":         "d" + strings.ToLower(suffix(r.str("domain"), 13)) + ".cloudfront.net",
				"cloudfront_distribution_zone_id": "Z2FDTNDATAQYW2", attrRegion: r.p.Region,
			}
		},
		externalName: func(r *reconcile) string { return r.str("domain") },
	},
	// IdentifierFromProvider: Terraform's id is <user pool id>:<provider name>.
	"aws_cognito_identity_provider": {
		computed: func(r *reconcile) map[string]any {
			return map[string]any{"id": r.str("userPoolId") + ":" + r.str("providerName"), attrRegion: r.p.Region}
		},
		externalName: func(r *reconcile) string { return r.str("userPoolId") + ":" + r.str("providerName") },
	},
	// TemplatedStringAsIdentifier("name", the topic ARN): the annotation is the name.
	"aws_sns_topic": {
		computed: func(r *reconcile) map[string]any {
			arn := r.p.arn("sns", r.p.Region, r.p.Account, annotation(r.obj, ExternalNameAnnotation))
			return withTags(r, map[string]any{"id": arn, attrArn: arn, "owner": r.p.Account, attrRegion: r.p.Region})
		},
	},
	// FormattedIdentifierFromProvider("", "arn"): the external name is the topic ARN.
	"aws_sns_topic_policy": {
		computed: func(r *reconcile) map[string]any {
			return map[string]any{"id": r.str("arn"), "owner": r.p.Account, attrRegion: r.p.Region}
		},
		externalName: func(r *reconcile) string { return r.str("arn") },
	},
	// IdentifierFromProvider: the subscription's ARN (email ones are pending
	// until confirmed).
	"aws_sns_topic_subscription": {
		computed: func(r *reconcile) map[string]any {
			arn := first(r.prevAt("arn"), r.str("topicArn")+":"+strings.ToLower(suffix(r.str("topicArn")+"/"+r.str("endpoint"), 8))+"-"+strings.ToLower(suffix(r.str("endpoint"), 4)))
			return map[string]any{"id": arn, attrArn: arn, "owner_id": r.p.Account, "pending_confirmation": r.str("protocol") == "email", attrRegion: r.p.Region}
		},
		externalName: func(r *reconcile) string { s, _ := r.state["id"].(string); return s },
	},
	// IdentifierFromProvider: the Terraform id a-<vpce id><crc32 of the group>.
	"aws_vpc_endpoint_security_group_association": {
		computed: func(r *reconcile) map[string]any {
			return map[string]any{"id": fmt.Sprintf("a-%s%d", r.str("vpcEndpointId"), crc32.ChecksumIEEE([]byte(r.str("securityGroupId")))), attrRegion: r.p.Region}
		},
		externalName: func(r *reconcile) string { s, _ := r.state["id"].(string); return s },
	},
}

// ec2ID is an EC2 identifier: prefix-<17 hex digits>, assigned at create and
// kept (seeded by what identifies the object in the simulation).
func (r *reconcile) ec2ID(prefix string) string {
	if id := r.prevAt("id"); id != "" {
		return id
	}
	seed := r.p.Account + "/" + r.p.Region + "/" + r.kind.Kind + "/" + annotation(r.obj, CompositionResourceNameAnnotation) + "/" + str(object.Lookup(r.obj, "metadata", "namespace")) + "/" + str(object.Lookup(r.obj, "metadata", "name"))
	sum := sha256.Sum256([]byte(seed))
	return prefix + "-" + hex.EncodeToString(sum[:])[:17]
}

func reverse(s []string) []string {
	out := make([]string, len(s))
	for i, v := range s {
		out[len(s)-1-i] = v
	}
	return out
}

// repositoryPolicy is a policy of an ECR repository (lifecycle or
// repository policy): IdentifierFromProvider, and the Terraform id is the
// repository name.
var repositoryPolicy = simulation{
	computed: func(r *reconcile) map[string]any {
		return map[string]any{"id": r.str("repository"), "registry_id": r.p.Account, attrRegion: r.p.Region}
	},
	externalName: func(r *reconcile) string { return r.str("repository") },
}

// withTags adds tags_all (the resource's tags; the provider has no default
// tags here) to computed values.
func withTags(r *reconcile, computed map[string]any) map[string]any {
	if tags, ok := r.fp["tags"].(map[string]any); ok && len(tags) > 0 {
		computed["tags_all"] = maps.Clone(tags)
	}
	return computed
}

// runtimeVersion is the version the runtime with ID id reports now.
func (r *reconcile) runtimeVersion(id string) string {
	for _, o := range r.world {
		if k, ok := KindOf(o); ok && k.Kind == "AgentRuntime" && annotation(o, ExternalNameAnnotation) == id {
			s, _ := object.Lookup(o, "status", "atProvider", "agentRuntimeVersion").(string)
			return s
		}
	}
	return ""
}

// number is a JSON number as an int64.
func number(v any) (int64, bool) {
	switch n := v.(type) {
	case int64:
		return n, true
	case float64:
		return int64(n), true
	case int:
		return int64(n), true
	}
	return 0, false
}

func str(v any) string { s, _ := v.(string); return s }
