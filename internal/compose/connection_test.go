package compose

import (
	"encoding/base64"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/platform-io/function-agentcore-runtime/apis/v1alpha1"
	"github.com/platform-io/function-agentcore-runtime/internal/naming"
	"github.com/platform-io/function-agentcore-runtime/internal/render"
	"github.com/platform-io/function-agentcore-runtime/internal/settings"
)

const (
	connRoleArn    = "arn:aws:iam::123456789012:role/orders-agentcore-us-east-1"
	connPolicyArn  = "arn:aws:iam::123456789012:policy/orders-agentcore-us-east-1"
	connRuntimeArn = "arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/orders-AbC123dEf4"
	connRuntimeID  = "orders-AbC123dEf4"
	connLiveArn    = connRuntimeArn + "/runtime-endpoint/live"
	connCanaryArn  = connRuntimeArn + "/runtime-endpoint/canary"
	connImage      = "123456789012.dkr.ecr.us-east-1.amazonaws.com/orders:1"
	connRepoURL    = "123456789012.dkr.ecr.us-east-1.amazonaws.com/agentcore/orders"
	// The invoke URL of the runtime through MDAA's endpoint (live), the whole ARN
	// escaped.
	connInvokeURL = "https://bedrock-agentcore.us-east-1.amazonaws.com/runtimes/arn%3Aaws%3Abedrock-agentcore%3Aus-east-1%3A123456789012%3Aruntime%2Forders-AbC123dEf4/invocations?qualifier=live"
)

// withExternalName sets the external-name annotation of an observed resource.
func withExternalName(o map[string]any, name string) map[string]any {
	o["metadata"] = map[string]any{"annotations": map[string]any{"crossplane.io/external-name": name}}
	return o
}

// connectionSpec is baseSpec with a second endpoint.
func connectionSpec() *v1alpha1.Spec {
	s := baseSpec()
	s.RuntimeEndpoints = []v1alpha1.Endpoint{{Name: ptr("canary")}}
	return s
}

// runtimeWorld is what is observed once the runtime and its endpoints are up. With
// status false every status.atProvider is gone (a provider restart): only what the
// function rendered (spec.forProvider, annotations) and the conditions are left.
func runtimeWorld(status bool) Observed {
	at := func(m map[string]any) map[string]any {
		if !status {
			return nil
		}
		return m
	}
	return Observed{
		"execution-role":              obs(true, at(map[string]any{"arn": connRoleArn}), map[string]any{"assumeRolePolicy": "{}"}),
		"execution-policy":            obs(true, at(map[string]any{"arn": connPolicyArn}), map[string]any{"policy": "{}"}),
		"execution-policy-attachment": obs(true, nil, map[string]any{"policyArn": connPolicyArn, "role": "orders-agentcore-us-east-1"}),
		"policy-attachment-readonly":  obs(true, nil, map[string]any{"policyArn": "arn:aws:iam::aws:policy/ReadOnly", "role": "orders-agentcore-us-east-1"}),
		"runtime": obs(true,
			at(map[string]any{"agentRuntimeArn": connRuntimeArn, "agentRuntimeId": connRuntimeID, "agentRuntimeVersion": "3"}),
			map[string]any{"agentRuntimeName": "orders", "roleArn": connRoleArn, "agentRuntimeArtifact": map[string]any{"containerConfiguration": map[string]any{"containerUri": connImage}}}),
		"endpoint-live":     withExternalName(obs(true, at(map[string]any{"agentRuntimeEndpointArn": connLiveArn}), map[string]any{"agentRuntimeId": connRuntimeID, "name": "live"}), connRuntimeID+":live"),
		"endpoint-canary":   withExternalName(obs(true, at(map[string]any{"agentRuntimeEndpointArn": connCanaryArn}), map[string]any{"agentRuntimeId": connRuntimeID, "name": "canary"}), connRuntimeID+":canary"),
		"log-group-default": withExternalName(obs(true, nil, nil), "/aws/bedrock-agentcore/runtimes/"+connRuntimeID+"-DEFAULT"),
		"log-group-live":    withExternalName(obs(true, nil, nil), "/aws/bedrock-agentcore/runtimes/"+connRuntimeID+"-live"),
		"log-group-canary":  withExternalName(obs(true, nil, nil), "/aws/bedrock-agentcore/runtimes/"+connRuntimeID+"-canary"),
	}
}

// upConnection are the connection details of runtimeWorld(true).
func upConnection() map[string]string {
	return map[string]string{
		"agentRuntimeArn":     connRuntimeArn,
		"agentRuntimeId":      connRuntimeID,
		"agentRuntimeName":    "orders",
		"agentRuntimeVersion": "3",
		"executionRoleArn":    connRoleArn,
		"invokeUrl":           connInvokeURL,
		"logGroupName":        "/aws/bedrock-agentcore/runtimes/" + connRuntimeID + "-DEFAULT",
		"endpoint.live.arn":   connLiveArn,
		"endpoint.canary.arn": connCanaryArn,
		"region":              "us-east-1",
	}
}

// secretData is details as a Secret's data.
func secretData(details map[string]string) map[string]any {
	out := map[string]any{}
	for k, v := range details {
		out[k] = base64.StdEncoding.EncodeToString([]byte(v))
	}
	return out
}

func connectionRequest(s *v1alpha1.Spec, observed Observed, namespaced bool) Request {
	return Request{
		Spec:          s,
		Settings:      settings.Settings{Region: "us-east-1", AccountID: "123456789012", Partition: "aws", ProviderConfigKind: "ClusterProviderConfig", ProviderConfigName: "default", ECRImageTagMutability: "IMMUTABLE", ECREncryption: "AES256", ECRKeepLastImages: 10},
		Target:        render.Target{Namespaced: namespaced, Namespace: "team-a", Region: "us-east-1", ProviderConfigKind: "ClusterProviderConfig", ProviderConfigName: "default"},
		Observed:      observed,
		TeamNamespace: "team-a",
		SecretName:    "orders-agent-connection",
	}
}

// secretOf is the connection-secret resource of r, nil when there is none.
func secretOf(r Result) *Resource {
	for i := range r.Resources {
		if r.Resources[i].Name == naming.ConnectionSecret {
			return &r.Resources[i]
		}
	}
	return nil
}

func TestConnection(t *testing.T) {
	with := func(o Observed, name string, obj map[string]any) Observed {
		o[name] = obj
		return o
	}
	changed := upConnection()
	changed["agentRuntimeVersion"] = "4"

	cases := map[string]struct {
		reason     string
		spec       func(*v1alpha1.Spec)
		observed   Observed
		namespaced bool
		previous   map[string]string
		// want are the connection details; nil means none are published.
		want map[string]string
		// wantSecret says whether a connection-secret resource is rendered; its
		// data must then be want.
		wantSecret bool
	}{
		"NamespacedRuntimeUp": {
			reason:     "Every key is published with its observed value, and a namespaced XR gets the Secret.",
			observed:   runtimeWorld(true),
			namespaced: true,
			want:       upConnection(),
			wantSecret: true,
		},
		"LegacyRuntimeUp": {
			reason:   "A legacy XR gets the same details and no Secret: Crossplane writes the claim's.",
			observed: runtimeWorld(true),
			want:     upConnection(),
		},
		"ManagedRepository": {
			reason: "A managed repository publishes its URL as ecrRepositoryUrl.",
			spec: func(s *v1alpha1.Spec) {
				s.AgentRuntimeArtifact.ContainerConfiguration = &v1alpha1.Container{Repository: &v1alpha1.Repository{ImageTag: "v1"}}
			},
			observed: with(runtimeWorld(true), naming.ECRRepository, obs(true, map[string]any{"repositoryUrl": connRepoURL}, nil)),
			want: func() map[string]string {
				c := upConnection()
				c["ecrRepositoryUrl"] = connRepoURL
				return c
			}(),
		},
		"NamespacedStatusGoneKeepsPrevious": {
			reason:     "Every observed status is gone: each key keeps the value in the observed Secret's data, so no key flaps.",
			observed:   with(runtimeWorld(false), naming.ConnectionSecret, map[string]any{"data": secretData(upConnection())}),
			namespaced: true,
			want:       upConnection(),
			wantSecret: true,
		},
		"LegacyStatusGoneKeepsPrevious": {
			reason:   "Every observed status is gone: each key keeps the composite's previous connection detail.",
			observed: runtimeWorld(false),
			previous: upConnection(),
			want:     upConnection(),
		},
		"LegacyPreviousIgnoredWhenNamespaced": {
			reason:     "A namespaced XR's previous values come from its Secret only.",
			observed:   runtimeWorld(true),
			namespaced: true,
			previous:   map[string]string{"stale": "x"},
			want:       upConnection(),
			wantSecret: true,
		},
		"ObservedValueWins": {
			reason:     "A newly observed value replaces the previous one.",
			observed:   with(runtimeWorld(true), "runtime", obs(true, map[string]any{"agentRuntimeArn": connRuntimeArn, "agentRuntimeId": connRuntimeID, "agentRuntimeVersion": "4"}, map[string]any{"roleArn": connRoleArn})),
			namespaced: true,
			previous:   upConnection(),
			want:       changed,
			wantSecret: true,
		},
		"NoSecretBeforeRuntimeObserved": {
			reason: "IAM is Ready but the runtime does not exist yet: nothing is published and no Secret is rendered.",
			observed: Observed{
				"execution-role":              obs(true, map[string]any{"arn": connRoleArn}, nil),
				"execution-policy":            obs(true, map[string]any{"arn": connPolicyArn}, nil),
				"execution-policy-attachment": obs(true, nil, nil),
				"policy-attachment-readonly":  obs(true, nil, nil),
			},
			namespaced: true,
		},
		"NoSecretBeforeRuntimeArn": {
			reason: "The runtime exists but its ARN is not observed yet: nothing is published, though the role's ARN is known.",
			observed: with(Observed{
				"execution-role":              obs(true, map[string]any{"arn": connRoleArn}, nil),
				"execution-policy":            obs(true, map[string]any{"arn": connPolicyArn}, nil),
				"execution-policy-attachment": obs(true, nil, nil),
				"policy-attachment-readonly":  obs(true, nil, nil),
			}, "runtime", obs(false, nil, map[string]any{"roleArn": connRoleArn})),
			namespaced: true,
		},
		"NoDetailsBeforeRuntimeArnLegacy": {
			reason: "A legacy XR publishes nothing before the runtime's ARN either.",
			observed: Observed{
				"execution-role":   obs(true, map[string]any{"arn": connRoleArn}, nil),
				"execution-policy": obs(false, nil, nil),
			},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			s := connectionSpec()
			if tc.spec != nil {
				tc.spec(s)
			}
			req := connectionRequest(s, tc.observed, tc.namespaced)
			req.PreviousConnection = tc.previous
			r := Compose(req)
			if diff := cmp.Diff(tc.want, r.Connection); diff != "" {
				t.Errorf("%s\nConnection: -want, +got:\n%s", tc.reason, diff)
			}
			got := secretOf(r)
			if !tc.wantSecret {
				if got != nil {
					t.Errorf("%s\nwant no %s, got %v", tc.reason, naming.ConnectionSecret, got.Object)
				}
				return
			}
			if got == nil {
				t.Fatalf("%s\nwant a %s resource, got none among %v", tc.reason, naming.ConnectionSecret, names(r))
			}
			want := Resource{Name: naming.ConnectionSecret, Ready: true, Object: map[string]any{
				"apiVersion": "v1",
				"kind":       "Secret",
				"metadata":   map[string]any{"name": "orders-agent-connection", "namespace": "team-a"},
				"type":       "connection.crossplane.io/v1alpha1",
				"data":       secretData(tc.want),
			}}
			if diff := cmp.Diff(want, *got); diff != "" {
				t.Errorf("%s\n%s: -want, +got:\n%s", tc.reason, naming.ConnectionSecret, diff)
			}
		})
	}
}

// TestConnectionSecretData pins the Secret's data byte for byte for one value, so
// that the base64 helper above is not the only encoding under test.
func TestConnectionSecretData(t *testing.T) {
	r := Compose(connectionRequest(connectionSpec(), runtimeWorld(true), true))
	got := secretOf(r)
	if got == nil {
		t.Fatalf("want a %s resource, got none among %v", naming.ConnectionSecret, names(r))
	}
	data, _ := got.Object["data"].(map[string]any)
	if diff := cmp.Diff("dXMtZWFzdC0x", data["region"]); diff != "" {
		t.Errorf("data.region (base64 of us-east-1): -want, +got:\n%s", diff)
	}
	if diff := cmp.Diff("Mw==", data["agentRuntimeVersion"]); diff != "" {
		t.Errorf("data.agentRuntimeVersion (base64 of 3): -want, +got:\n%s", diff)
	}
}

// TestInvokeURLPartitionDomain: the invoke URL is in the domain of the
// runtime's partition.
func TestInvokeURLPartitionDomain(t *testing.T) {
	for arn, want := range map[string]string{
		"arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/r-Ab12Cd34Ef":         "https://bedrock-agentcore.us-east-1.amazonaws.com/runtimes/arn%3Aaws%3Abedrock-agentcore%3Aus-east-1%3A123456789012%3Aruntime%2Fr-Ab12Cd34Ef/invocations?qualifier=DEFAULT",
		"arn:aws-cn:bedrock-agentcore:cn-north-1:123456789012:runtime/r-Ab12Cd34Ef":     "https://bedrock-agentcore.cn-north-1.amazonaws.com.cn/runtimes/arn%3Aaws-cn%3Abedrock-agentcore%3Acn-north-1%3A123456789012%3Aruntime%2Fr-Ab12Cd34Ef/invocations?qualifier=DEFAULT",
		"arn:aws-us-gov:bedrock-agentcore:us-gov-west-1:123456789012:runtime/r-Ab12Cd3": "https://bedrock-agentcore.us-gov-west-1.amazonaws.com/runtimes/arn%3Aaws-us-gov%3Abedrock-agentcore%3Aus-gov-west-1%3A123456789012%3Aruntime%2Fr-Ab12Cd3/invocations?qualifier=DEFAULT",
	} {
		a := strings.Split(arn, ":")
		if got := InvokeURL(a[3], arn, "DEFAULT"); got != want {
			t.Errorf("InvokeURL(%s):\n got %s\nwant %s", arn, got, want)
		}
	}
}
