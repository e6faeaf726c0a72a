// Command bench times the upstream Go functions that kubetoken reimplements, for
// `make bench` (bench/run.py). Same module, same versions as the differential oracle.
//
//	bench -inputs DIR -op NAME -iters N [-check FILE]
//
// DIR holds the inputs bench/run.py writes (the Rust side, core/examples/peers.rs, reads
// the same files). The op runs a warm-up, then N timed iterations; the answer is one JSON
// line {"op", "iters", "ns_per_op"}. With -check, the op's output (one run) goes to FILE
// so the driver can check that both sides computed the same thing.
package main

import (
	"bytes"
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/pbkdf2"
	"crypto/sha1"
	"encoding/base64"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/duration"
	"k8s.io/client-go/kubernetes/scheme"
	corelisters "k8s.io/client-go/listers/core/v1"
	"k8s.io/client-go/tools/cache"
	certutil "k8s.io/client-go/util/cert"
	"k8s.io/cluster-bootstrap/token/jws"
	bootstraputil "k8s.io/cluster-bootstrap/token/util"
	bootstraptokenv1 "k8s.io/kubernetes/cmd/kubeadm/app/apis/bootstraptoken/v1"
	outputapiv1alpha3 "k8s.io/kubernetes/cmd/kubeadm/app/apis/output/v1alpha3"
	"k8s.io/kubernetes/cmd/kubeadm/app/util/pubkeypin"
	"k8s.io/kubernetes/plugin/pkg/auth/authenticator/token/bootstrap"

	"kubetoken.invalid/oracle/internal/k3s"
)

// sink keeps results alive so the compiler cannot drop the work.
var sink any

type inputs struct{ dir string }

func (in inputs) bytes(name string) []byte {
	b, err := os.ReadFile(filepath.Join(in.dir, name))
	if err != nil {
		fail(err)
	}
	return b
}

func (in inputs) text(name string) string { return strings.TrimRight(string(in.bytes(name)), "\n") }

// spec.json: the token fields both sides render.
type spec struct {
	Token       string   `json:"token"`
	Description string   `json:"description"`
	Usages      []string `json:"usages"`
	Groups      []string `json:"groups"`
	Expires     string   `json:"expires"`
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "bench:", err)
	os.Exit(1)
}

func must[T any](v T, err error) T {
	if err != nil {
		fail(err)
	}
	return v
}

// decodeSecret is how client-go decodes an API server's JSON answer.
func decodeSecret(b []byte) *corev1.Secret {
	obj, _, err := scheme.Codecs.UniversalDeserializer().Decode(b, nil, &corev1.Secret{})
	if err != nil {
		fail(err)
	}
	return obj.(*corev1.Secret)
}

func decodeSecretList(b []byte) *corev1.SecretList {
	obj, _, err := scheme.Codecs.UniversalDeserializer().Decode(b, nil, &corev1.SecretList{})
	if err != nil {
		fail(err)
	}
	return obj.(*corev1.SecretList)
}

// listTokens is `kubeadm token list` (cmd/kubeadm/app/cmd/token.go RunListTokens) from
// the API server's JSON answer: decoded with client-go's codec (what the typed client
// does), each item through kubeadm's BootstrapTokenFromSecret into the output API type,
// printed the way kubeadm's text printer does. RunListTokens and the printer themselves
// cannot be linked from this go.sum (cmd/kubeadm/app/cmd pulls in etcd, grpc and the CRI
// client), so the loop and the printer (tokenTextPrinter + formatBootstrapToken: a
// tabwriter (10, 4, 3, ' ', 0) per token, TTL/usages/description pre-padded) are
// rewritten here from their source.
func listTokens(listJSON []byte, out io.Writer) {
	secrets := decodeSecretList(listJSON)
	header := false
	for i := range secrets.Items {
		token, err := bootstraptokenv1.BootstrapTokenFromSecret(&secrets.Items[i])
		if err != nil {
			fmt.Fprintf(io.Discard, "%v", err)
			continue
		}
		t := outputapiv1alpha3.BootstrapToken{
			BootstrapToken: bootstraptokenv1.BootstrapToken{
				Token:       &bootstraptokenv1.BootstrapTokenString{ID: token.Token.ID, Secret: token.Token.Secret},
				Description: token.Description,
				TTL:         token.TTL,
				Expires:     token.Expires,
				Usages:      token.Usages,
				Groups:      token.Groups,
			},
		}
		printToken(&t, &header, out)
	}
}

func printToken(t *outputapiv1alpha3.BootstrapToken, header *bool, w io.Writer) {
	tw := tabwriter.NewWriter(w, 10, 4, 3, ' ', 0)
	if !*header {
		fmt.Fprintln(tw, "TOKEN\tTTL\tEXPIRES\tUSAGES\tDESCRIPTION\tEXTRA GROUPS")
		*header = true
	}
	ttl, expires := "<forever>", "<never>"
	if t.Expires != nil {
		ttl = duration.ShortHumanDuration(time.Until(t.Expires.Time))
		expires = t.Expires.Format(time.RFC3339)
	}
	orNone := func(s string) string {
		if s == "" {
			return "<none>"
		}
		return s
	}
	fmt.Fprintf(tw, "%s\t%-9s\t%s\t%-22s\t%-56s\t%s\n", t.Token, ttl, expires,
		orNone(strings.Join(t.Usages, ",")), orNone(t.Description), orNone(strings.Join(t.Groups, ",")))
	if err := tw.Flush(); err != nil {
		fail(err)
	}
}

// decrypt is k3s pkg/cluster/encrypt.go decrypt (spec/k3s.md §9): PBKDF2-HMAC-SHA1(4096,
// 32) with the salt text, AES-256-GCM, nonce first; stdlib only.
func decrypt(passphrase string, value []byte) ([]byte, error) {
	salt, data, ok := bytes.Cut(value, []byte(":"))
	if !ok {
		return nil, errors.New("invalid cipher text, not : delimited")
	}
	sealed, err := base64.StdEncoding.DecodeString(string(data))
	if err != nil {
		return nil, err
	}
	key, err := pbkdf2.Key(sha1.New, passphrase, salt, 4096, 32)
	if err != nil {
		return nil, err
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	gcm, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	if len(sealed) < gcm.NonceSize() {
		return nil, errors.New("cipher text too short")
	}
	return gcm.Open(nil, sealed[:gcm.NonceSize()], sealed[gcm.NonceSize():], nil)
}

func lister(list *corev1.SecretList) corelisters.SecretNamespaceLister {
	idx := cache.NewIndexer(cache.MetaNamespaceKeyFunc, cache.Indexers{cache.NamespaceIndex: cache.MetaNamespaceIndexFunc})
	for i := range list.Items {
		if err := idx.Add(&list.Items[i]); err != nil {
			fail(err)
		}
	}
	return corelisters.NewSecretLister(idx).Secrets(metav1.NamespaceSystem)
}

// ops returns the function to time for op (its result goes to sink, or to -check's file).
func ops(op string, in inputs) func() any {
	switch op {
	case "generate":
		return func() any { return must(bootstraputil.GenerateBootstrapToken()) }
	case "validate":
		tok := in.text("token.txt")
		return func() any { return bootstraputil.IsValidBootstrapToken(tok) }
	case "render_secret", "render_secret_json":
		var s spec
		if err := json.Unmarshal(in.bytes("spec.json"), &s); err != nil {
			fail(err)
		}
		expires := must(time.Parse(time.RFC3339, s.Expires))
		render := func() *corev1.Secret {
			bt := &bootstraptokenv1.BootstrapToken{
				Token:       must(bootstraptokenv1.NewBootstrapTokenString(s.Token)),
				Description: s.Description,
				Usages:      s.Usages,
				Groups:      s.Groups,
				Expires:     &metav1.Time{Time: expires},
			}
			return bootstraptokenv1.BootstrapTokenToSecret(bt)
		}
		if op == "render_secret" {
			return func() any { return render() }
		}
		// kubectl -o json: TypeMeta set, printers.JSONPrinter's MarshalIndent.
		return func() any {
			sec := render()
			sec.TypeMeta = metav1.TypeMeta{APIVersion: "v1", Kind: "Secret"}
			return string(must(json.MarshalIndent(sec, "", "    ")))
		}
	case "parse_secret":
		sec := decodeSecret(in.bytes("secret.json"))
		return func() any { return tokenView(must(bootstraptokenv1.BootstrapTokenFromSecret(sec))) }
	case "parse_secret_json":
		b := in.bytes("secret.json")
		return func() any {
			return tokenView(must(bootstraptokenv1.BootstrapTokenFromSecret(decodeSecret(b))))
		}
	case "authenticate":
		l := lister(decodeSecretList(in.bytes("list-1000.json")))
		a := bootstrap.NewTokenAuthenticator(l)
		tok := in.text("authn-token.txt")
		return func() any {
			resp, ok, err := a.AuthenticateToken(context.Background(), tok)
			if err != nil || !ok {
				fail(fmt.Errorf("authenticate: ok=%v err=%v", ok, err))
			}
			return resp.User.GetName() + " " + strings.Join(resp.User.GetGroups(), ",")
		}
	case "jws_sign":
		content, id, secret := in.text("kubeconfig.yaml"), in.text("token-id.txt"), in.text("token-secret.txt")
		return func() any { return must(jws.ComputeDetachedSignature(content, id, secret)) }
	case "jws_verify":
		content, id, secret := in.text("kubeconfig.yaml"), in.text("token-id.txt"), in.text("token-secret.txt")
		sig := in.text("kubeconfig.jws")
		return func() any {
			ok := jws.DetachedTokenIsValid(sig, content, id, secret)
			if !ok {
				fail(errors.New("jws_verify: signature rejected"))
			}
			return ok
		}
	case "ca_pin":
		pem := in.bytes("ca.pem")
		return func() any {
			var out []string
			for _, c := range must(certutil.ParseCertsPEM(pem)) {
				out = append(out, pubkeypin.Hash(c))
			}
			return strings.Join(out, ",")
		}
	case "k3s_hash_rsa", "k3s_hash_p256":
		pem := in.bytes(map[string]string{"k3s_hash_rsa": "chain-rsa.pem", "k3s_hash_p256": "chain-p256.pem"}[op])
		return func() any { return must(k3s.HashCA(pem)) }
	case "k3s_decrypt":
		pass, value := in.text("passphrase.txt"), in.bytes("bootstrap.enc")
		return func() any { return string(must(decrypt(pass, bytes.TrimRight(value, "\n")))) }
	}
	for _, n := range []string{"1000", "10000", "100000"} {
		switch op {
		case "list_" + n:
			b := in.bytes("list-" + n + ".json")
			return func() any {
				var out bytes.Buffer
				listTokens(b, &out)
				return out.String()
			}
		case "parse_list_" + n:
			b := in.bytes("list-" + n + ".json")
			return func() any {
				var out []string
				list := decodeSecretList(b)
				for i := range list.Items {
					bt := must(bootstraptokenv1.BootstrapTokenFromSecret(&list.Items[i]))
					out = append(out, tokenView(bt))
				}
				return out
			}
		}
	}
	fail(fmt.Errorf("unknown op %q", op))
	return nil
}

// tokenView: what both sides print for a parsed token, for the -check comparison.
func tokenView(bt *bootstraptokenv1.BootstrapToken) string {
	exp := ""
	if bt.Expires != nil {
		exp = bt.Expires.UTC().Format(time.RFC3339)
	}
	return strings.Join([]string{bt.Token.String(), bt.Description, exp,
		strings.Join(bt.Usages, ","), strings.Join(bt.Groups, ",")}, "|")
}

func main() {
	dir := flag.String("inputs", "", "directory of inputs written by bench/run.py")
	op := flag.String("op", "", "operation to time")
	iters := flag.Int("iters", 1000, "timed iterations")
	check := flag.String("check", "", "write the op's output to this file and exit")
	flag.Parse()
	f := ops(*op, inputs{*dir})
	if *check != "" {
		v := f()
		var text string
		switch x := v.(type) {
		case string:
			text = x
		case []string:
			text = strings.Join(x, "\n")
		case bool:
			text = fmt.Sprint(x)
		default:
			text = string(must(json.Marshal(x)))
		}
		if err := os.WriteFile(*check, []byte(text), 0o644); err != nil {
			fail(err)
		}
		return
	}
	warm := *iters / 10
	if warm < 1 {
		warm = 1
	}
	for i := 0; i < warm; i++ {
		sink = f()
	}
	t0 := time.Now()
	for i := 0; i < *iters; i++ {
		sink = f()
	}
	ns := float64(time.Since(t0).Nanoseconds()) / float64(*iters)
	fmt.Printf("{\"op\":%q,\"iters\":%d,\"ns_per_op\":%.1f}\n", *op, *iters, ns)
}
