package main

// Bootstrap tokens, Secrets, the API-server authenticator, kubeadm's config conversions,
// Go durations and RFC3339 times: every answer comes from an upstream function.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/util/duration"
	"k8s.io/apimachinery/pkg/util/validation/field"
	"k8s.io/cluster-bootstrap/token/jws"
	bootstraputil "k8s.io/cluster-bootstrap/token/util"
	bootstrapsecretutil "k8s.io/cluster-bootstrap/util/secrets"
	"k8s.io/cluster-bootstrap/util/tokens"
	bootstraptokenv1 "k8s.io/kubernetes/cmd/kubeadm/app/apis/bootstraptoken/v1"
	kubeadmvalidation "k8s.io/kubernetes/cmd/kubeadm/app/apis/kubeadm/validation"
	"k8s.io/kubernetes/plugin/pkg/auth/authenticator/token/bootstrap"
)

func parseTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(badRequest{"time argument: " + err.Error()})
	}
	return t
}

// secretArg decodes a Secret manifest (JSON, `data` base64) with the real core/v1 type,
// the way the API server's JSON decoder does; a manifest Go rejects is an error answer.
func secretArg(r request, key string) (*corev1.Secret, error) {
	raw, ok := r[key]
	if !ok {
		panic(badRequest{"missing argument " + key})
	}
	var s corev1.Secret
	if err := json.Unmarshal(raw, &s); err != nil {
		return nil, fmt.Errorf("decoding the Secret: %w", err)
	}
	return &s, nil
}

func idSecret(id, secret string) map[string]any {
	return map[string]any{"id": id, "secret": secret}
}

func timeAnswer(t time.Time) map[string]any {
	_, off := t.Zone()
	return map[string]any{
		"rfc3339":    t.Format(time.RFC3339),
		"utc":        t.UTC().Format(time.RFC3339),
		"unix":       t.Unix(),
		"nanosecond": t.Nanosecond(),
		"offset":     off,
	}
}

// secretLister is a SecretNamespaceLister for kube-system over a fixed set of Secrets
// (the authenticator's view). A manifest without a namespace counts as kube-system's
// (what `kubectl apply -n kube-system` would make of it).
type secretLister struct{ secrets []*corev1.Secret }

func (l secretLister) List(labels.Selector) ([]*corev1.Secret, error) { return l.secrets, nil }

func (l secretLister) Get(name string) (*corev1.Secret, error) {
	for _, s := range l.secrets {
		if s.Name == name && (s.Namespace == "" || s.Namespace == metav1.NamespaceSystem) {
			return s, nil
		}
	}
	return nil, apierrors.NewNotFound(corev1.Resource("secrets"), name)
}

func fieldErrors(errs field.ErrorList) error {
	if len(errs) == 0 {
		return nil
	}
	return errors.New(errs.ToAggregate().Error())
}

func init() {
	// k8s.io/cluster-bootstrap token/util
	register("is_valid_token", func(r request) (any, error) {
		return bootstraputil.IsValidBootstrapToken(arg[string](r, "token")), nil
	})
	register("is_valid_token_id", func(r request) (any, error) {
		return bootstraputil.IsValidBootstrapTokenID(arg[string](r, "token_id")), nil
	})
	register("secret_name", func(r request) (any, error) {
		return bootstraputil.BootstrapTokenSecretName(arg[string](r, "token_id")), nil
	})
	register("generate_token", func(r request) (any, error) {
		return bootstraputil.GenerateBootstrapToken()
	})
	register("validate_group", func(r request) (any, error) {
		return nil, bootstraputil.ValidateBootstrapGroupName(arg[string](r, "group"))
	})
	register("validate_usages", func(r request) (any, error) {
		return nil, bootstraputil.ValidateUsages(arg[[]string](r, "usages"))
	})
	// k8s.io/cluster-bootstrap util/tokens, util/secrets
	register("parse_token", func(r request) (any, error) {
		id, secret, err := tokens.ParseToken(arg[string](r, "token"))
		if err != nil {
			return nil, err
		}
		return idSecret(id, secret), nil
	})
	register("parse_secret_name", func(r request) (any, error) {
		id, ok := bootstrapsecretutil.ParseName(arg[string](r, "name"))
		if !ok {
			return nil, nil
		}
		return id, nil
	})
	register("get_data", func(r request) (any, error) {
		s, err := secretArg(r, "secret")
		if err != nil {
			return nil, err
		}
		return bootstrapsecretutil.GetData(s, arg[string](r, "key")), nil
	})
	register("has_expired", func(r request) (any, error) {
		s, err := secretArg(r, "secret")
		if err != nil {
			return nil, err
		}
		return bootstrapsecretutil.HasExpired(s, parseTime(arg[string](r, "now"))), nil
	})
	register("get_expiration", func(r request) (any, error) {
		s, err := secretArg(r, "secret")
		if err != nil {
			return nil, err
		}
		left, expired := bootstrapsecretutil.GetExpiration(s, parseTime(arg[string](r, "now")))
		return map[string]any{"remaining_nanos": int64(left), "expired": expired}, nil
	})
	register("get_groups", func(r request) (any, error) {
		s, err := secretArg(r, "secret")
		if err != nil {
			return nil, err
		}
		return bootstrapsecretutil.GetGroups(s)
	})
	// k8s.io/cluster-bootstrap token/jws
	register("jws_sign", func(r request) (any, error) {
		return jws.ComputeDetachedSignature(arg[string](r, "content"), arg[string](r, "token_id"), arg[string](r, "token_secret"))
	})
	register("jws_verify", func(r request) (any, error) {
		return jws.DetachedTokenIsValid(arg[string](r, "detached"), arg[string](r, "content"),
			arg[string](r, "token_id"), arg[string](r, "token_secret")), nil
	})
	// kubeadm: cmd/kubeadm/app/apis/bootstraptoken/v1
	register("new_bootstrap_token_string", func(r request) (any, error) {
		bts, err := bootstraptokenv1.NewBootstrapTokenString(arg[string](r, "token"))
		if err != nil {
			return nil, err
		}
		return idSecret(bts.ID, bts.Secret), nil
	})
	register("token_from_id_and_secret", func(r request) (any, error) {
		bts, err := bootstraptokenv1.NewBootstrapTokenStringFromIDAndSecret(arg[string](r, "id"), arg[string](r, "secret"))
		if err != nil {
			return nil, err
		}
		return idSecret(bts.ID, bts.Secret), nil
	})
	register("token_from_secret", func(r request) (any, error) {
		s, err := secretArg(r, "secret")
		if err != nil {
			return nil, err
		}
		bt, err := bootstraptokenv1.BootstrapTokenFromSecret(s)
		if err != nil {
			return nil, err
		}
		out := map[string]any{
			"token":       bt.Token.String(),
			"description": bt.Description,
			"usages":      bt.Usages,
			"groups":      bt.Groups,
			"expires":     nil,
		}
		if bt.Expires != nil {
			out["expires"] = timeAnswer(bt.Expires.Time)
		}
		return out, nil
	})
	// BootstrapTokenToSecret with Expires set (its TTL path reads the clock: see add_format).
	register("token_to_secret", func(r request) (any, error) {
		bts, err := bootstraptokenv1.NewBootstrapTokenString(arg[string](r, "token"))
		if err != nil {
			panic(badRequest{"token_to_secret needs a valid token"})
		}
		bt := &bootstraptokenv1.BootstrapToken{
			Token:       bts,
			Description: optArg(r, "description", ""),
			Usages:      optArg[[]string](r, "usages", nil),
			Groups:      optArg[[]string](r, "groups", nil),
		}
		if e := optArg(r, "expires", ""); e != "" {
			bt.Expires = &metav1.Time{Time: parseTime(e)}
		}
		s := bootstraptokenv1.BootstrapTokenToSecret(bt)
		data := map[string]string{}
		for k, v := range s.Data {
			data[k] = string(v)
		}
		return map[string]any{"name": s.Name, "namespace": s.Namespace, "type": string(s.Type), "data": data}, nil
	})
	// kubeadm: cmd/kubeadm/app/apis/kubeadm/validation ValidateBootstrapTokens (one token).
	register("validate_token_spec", func(r request) (any, error) {
		bt := bootstraptokenv1.BootstrapToken{
			Token:  &bootstraptokenv1.BootstrapTokenString{},
			Usages: optArg[[]string](r, "usages", nil),
			Groups: optArg[[]string](r, "groups", nil),
		}
		if bts, err := bootstraptokenv1.NewBootstrapTokenString(arg[string](r, "token")); err == nil {
			bt.Token = bts
		}
		if t := optArg(r, "ttl", ""); t != "" {
			d, err := time.ParseDuration(t)
			if err != nil {
				panic(badRequest{"ttl: " + err.Error()})
			}
			bt.TTL = &metav1.Duration{Duration: d}
		}
		if e := optArg(r, "expires", ""); e != "" {
			bt.Expires = &metav1.Time{Time: parseTime(e)}
		}
		return nil, fieldErrors(kubeadmvalidation.ValidateBootstrapTokens([]bootstraptokenv1.BootstrapToken{bt}, field.NewPath("bootstrapTokens")))
	})
	// kube-apiserver: plugin/pkg/auth/authenticator/token/bootstrap (uses time.Now()).
	register("authenticate", func(r request) (any, error) {
		var secrets []corev1.Secret
		if err := json.Unmarshal(r["secrets"], &secrets); err != nil {
			return nil, fmt.Errorf("decoding the Secrets: %w", err)
		}
		l := secretLister{}
		for i := range secrets {
			l.secrets = append(l.secrets, &secrets[i])
		}
		resp, ok, err := bootstrap.NewTokenAuthenticator(l).AuthenticateToken(context.Background(), arg[string](r, "token"))
		if err != nil {
			return nil, err
		}
		if !ok {
			return map[string]any{"authenticated": false}, nil
		}
		groups := append([]string(nil), resp.User.GetGroups()...)
		return map[string]any{"authenticated": true, "user": resp.User.GetName(), "groups": groups}, nil
	})
	// Go time and apimachinery duration.
	register("parse_duration", func(r request) (any, error) {
		d, err := time.ParseDuration(arg[string](r, "duration"))
		if err != nil {
			return nil, err
		}
		return map[string]any{"string": d.String(), "nanos": int64(d)}, nil
	})
	register("duration_string", func(r request) (any, error) {
		return time.Duration(arg[int64](r, "nanos")).String(), nil
	})
	register("short_human_duration", func(r request) (any, error) {
		return duration.ShortHumanDuration(time.Duration(arg[int64](r, "nanos"))), nil
	})
	register("parse_rfc3339", func(r request) (any, error) {
		t, err := time.Parse(time.RFC3339, arg[string](r, "timestamp"))
		if err != nil {
			return nil, err
		}
		return timeAnswer(t), nil
	})
	// encodeTokenSecretData's TTL expression: now.Add(ttl).UTC().Format(time.RFC3339).
	register("add_format", func(r request) (any, error) {
		t := parseTime(arg[string](r, "timestamp"))
		return t.Add(time.Duration(arg[int64](r, "nanos"))).UTC().Format(time.RFC3339), nil
	})
}
