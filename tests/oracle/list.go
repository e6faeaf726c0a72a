package main

// `token list` printers. kubeadm json/yaml go through kubeadm's own output printer
// (util/output over cli-runtime's JSON/YAML printers, i.e. sigs.k8s.io/yaml.Marshal of the
// output.kubeadm.k8s.io/v1alpha3 BootstrapToken); karmadactl's table through cli-runtime's
// TablePrinter (liggitt/tabwriter) over the metav1.Table karmadactl builds; k3s's shapes
// through encoding/json, go.yaml.in/yaml/v2 and text/tabwriter. Glue, because the upstream
// function reads the clock or is unexported: kubeadm's formatBootstrapToken and karmadactl's
// constructTokenTableRow are restated with `now` in place of time.Until, and the Secret
// selection (type field selector, kube-system) is done here instead of by an API server.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"go.yaml.in/yaml/v2"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/duration"
	"k8s.io/cli-runtime/pkg/printers"
	bootstrapapi "k8s.io/cluster-bootstrap/token/api"
	bootstraptokenv1 "k8s.io/kubernetes/cmd/kubeadm/app/apis/bootstraptoken/v1"
	outputapischeme "k8s.io/kubernetes/cmd/kubeadm/app/apis/output/scheme"
	outputapiv1alpha3 "k8s.io/kubernetes/cmd/kubeadm/app/apis/output/v1alpha3"
	"k8s.io/kubernetes/cmd/kubeadm/app/util/output"
	sigsyaml "sigs.k8s.io/yaml"
)

// listed decodes the manifests like the list call sees them: undecodable manifests and
// Secrets BootstrapTokenFromSecret rejects are reported by index; other types and other
// namespaces are skipped.
func listed(r request) (tokens []*bootstraptokenv1.BootstrapToken, index []int, errs []int) {
	var raws []json.RawMessage
	if err := json.Unmarshal(r["secrets"], &raws); err != nil {
		panic(badRequest{"secrets: " + err.Error()})
	}
	for i, raw := range raws {
		var s corev1.Secret
		if err := json.Unmarshal(raw, &s); err != nil {
			errs = append(errs, i)
			continue
		}
		if s.Type != bootstrapapi.SecretTypeBootstrapToken ||
			(s.Namespace != "" && s.Namespace != metav1.NamespaceSystem) {
			continue
		}
		bt, err := bootstraptokenv1.BootstrapTokenFromSecret(&s)
		if err != nil {
			errs = append(errs, i)
			continue
		}
		tokens = append(tokens, bt)
		index = append(index, i)
	}
	return tokens, index, errs
}

func orNone(s string) string {
	if len(s) == 0 {
		return "<none>"
	}
	return s
}

// ttlExpires: the TTL and EXPIRES cells (time.Until(expires) computed at `now`).
func ttlExpires(bt *bootstraptokenv1.BootstrapToken, now time.Time) (string, string) {
	if bt.Expires == nil {
		return "<forever>", "<never>"
	}
	return duration.ShortHumanDuration(bt.Expires.Time.Sub(now)), bt.Expires.Format(time.RFC3339)
}

// k3sToken is the object kubetoken's k3s json/yaml print (k3s's BootstrapToken copy, with
// the token reduced to its ID).
type k3sToken struct {
	Token struct {
		ID string `json:"id" yaml:"id"`
	} `json:"token" yaml:"token"`
	Description string   `json:"description,omitempty" yaml:"description,omitempty"`
	Expires     string   `json:"expires,omitempty" yaml:"expires,omitempty"`
	Usages      []string `json:"usages,omitempty" yaml:"usages,omitempty"`
	Groups      []string `json:"groups,omitempty" yaml:"groups,omitempty"`
}

func outputToken(bt *bootstraptokenv1.BootstrapToken) *outputapiv1alpha3.BootstrapToken {
	return &outputapiv1alpha3.BootstrapToken{BootstrapToken: bootstraptokenv1.BootstrapToken{
		Token:       &bootstraptokenv1.BootstrapTokenString{ID: bt.Token.ID, Secret: bt.Token.Secret},
		Description: bt.Description, TTL: bt.TTL, Expires: bt.Expires, Usages: bt.Usages, Groups: bt.Groups,
	}}
}

func listKubeadm(tokens []*bootstraptokenv1.BootstrapToken, format string, now time.Time, out *bytes.Buffer) (failed int, err error) {
	if format == "text" {
		for i, bt := range tokens {
			// tokenTextPrinter.PrintObj: a new tabwriter per token, the header once.
			tabw := tabwriter.NewWriter(out, 10, 4, 3, ' ', 0)
			if i == 0 {
				fmt.Fprintln(tabw, strings.Join([]string{"TOKEN", "TTL", "EXPIRES", "USAGES", "DESCRIPTION", "EXTRA GROUPS"}, "\t"))
			}
			ttl, expires := ttlExpires(bt, now)
			fmt.Fprintf(tabw, "%s\t%s\t%s\t%s\t%s\t%s\n", bt.Token, fmt.Sprintf("%-9s", ttl), expires,
				fmt.Sprintf("%-22s", orNone(strings.Join(bt.Usages, ","))),
				fmt.Sprintf("%-56s", orNone(bt.Description)), orNone(strings.Join(bt.Groups, ",")))
			if err := tabw.Flush(); err != nil {
				return -1, err
			}
		}
		return -1, nil
	}
	printer, err := output.NewOutputFlags(nil).WithTypeSetter(outputapischeme.Scheme).WithDefaultOutput(format).ToPrinter()
	if err != nil {
		panic(badRequest{"format: " + err.Error()})
	}
	for i, bt := range tokens {
		// RunListTokens: one PrintObj per token; the first failure ends the command.
		if err := printer.PrintObj(outputToken(bt), out); err != nil {
			return i, err
		}
	}
	return -1, nil
}

func listKarmada(tokens []*bootstraptokenv1.BootstrapToken, now time.Time, out *bytes.Buffer) error {
	table := &metav1.Table{}
	for _, name := range []string{"TOKEN", "TTL", "EXPIRES", "USAGES", "DESCRIPTION", "EXTRA GROUPS"} {
		table.ColumnDefinitions = append(table.ColumnDefinitions, metav1.TableColumnDefinition{Name: name, Type: "string"})
	}
	for _, bt := range tokens {
		ttl, expires := ttlExpires(bt, now)
		table.Rows = append(table.Rows, metav1.TableRow{Cells: []interface{}{
			bt.Token.ID + "." + bt.Token.Secret, ttl, expires, orNone(strings.Join(bt.Usages, ",")),
			orNone(bt.Description), orNone(strings.Join(bt.Groups, ",")),
		}})
	}
	return printers.NewTablePrinter(printers.PrintOptions{}).PrintObj(table, out)
}

func listK3s(tokens []*bootstraptokenv1.BootstrapToken, format string, now time.Time, out *bytes.Buffer) error {
	switch format {
	case "text":
		w := tabwriter.NewWriter(out, 10, 4, 3, ' ', 0)
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\n", "TOKEN", "TTL", "EXPIRES", "USAGES", "DESCRIPTION", "EXTRA GROUPS")
		for _, bt := range tokens {
			ttl, expires := ttlExpires(bt, now)
			fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\n", bt.Token.ID, ttl, expires, orNone(strings.Join(bt.Usages, ",")),
				orNone(bt.Description), orNone(strings.Join(bt.Groups, ",")))
		}
		return w.Flush()
	}
	objs := make([]k3sToken, 0, len(tokens))
	for _, bt := range tokens {
		var t k3sToken
		t.Token.ID = bt.Token.ID
		t.Description, t.Usages, t.Groups = bt.Description, bt.Usages, bt.Groups
		if bt.Expires != nil {
			t.Expires = bt.Expires.UTC().Format(time.RFC3339)
		}
		objs = append(objs, t)
	}
	var b []byte
	var err error
	if format == "json" {
		b, err = json.Marshal(objs)
		b = append(b, '\n')
	} else {
		b, err = yaml.Marshal(objs)
	}
	out.Write(b)
	return err
}

func init() {
	// {secrets, now, format, flavour} → {output (the exact bytes, base64), errors (how many
	// manifests failed to decode), refused (kubeadm yaml: which listed tokens
	// sigs.k8s.io/yaml.Marshal refuses, by position), failed: true when kubeadm's printer
	// stopped at one (output is then what it printed up to there)}.
	register("list_tokens", func(r request) (any, error) {
		tokens, _, errs := listed(r)
		now := parseTime(arg[string](r, "now"))
		format := arg[string](r, "format")
		var out bytes.Buffer
		failed := false
		refused := []int{}
		var err error
		switch arg[string](r, "flavour") {
		case "kubeadm":
			var at int
			at, err = listKubeadm(tokens, format, now, &out)
			failed = at >= 0
			if format == "yaml" {
				for i, bt := range tokens {
					if _, merr := sigsyaml.Marshal(outputToken(bt)); merr != nil {
						refused = append(refused, i)
					}
				}
			}
		case "karmada":
			err = listKarmada(tokens, now, &out)
		case "k3s":
			err = listK3s(tokens, format, now, &out)
		default:
			panic(badRequest{"flavour"})
		}
		if err != nil && !failed {
			return nil, err
		}
		res := map[string]any{"output": append([]byte{}, out.Bytes()...), "errors": len(errs), "refused": refused}
		if failed {
			res["failed"] = true
		}
		return res, nil
	})
	// A YAML Secret as `kubectl apply -f` and the API server read it: YAMLToJSON without a
	// target type (apimachinery's YAMLOrJSONDecoder), then encoding/json into a core/v1
	// Secret, so a stringData value that YAML resolves to a bool or number is an error.
	// (sigs.k8s.io/yaml.Unmarshal into the typed Secret would instead turn it into its
	// string form, "true" or "7"; nothing reading manifests for the API server does that.)
	register("yaml_string_data", func(r request) (any, error) {
		j, err := sigsyaml.YAMLToJSON([]byte(arg[string](r, "yaml")))
		if err != nil {
			return nil, err
		}
		var s corev1.Secret
		if err := json.Unmarshal(j, &s); err != nil {
			return nil, err
		}
		return s.StringData, nil
	})
	// sigs.k8s.io/yaml.YAMLToJSON: what the Kubernetes tooling reads from a YAML manifest.
	register("yaml_to_json", func(r request) (any, error) {
		j, err := sigsyaml.YAMLToJSON([]byte(arg[string](r, "yaml")))
		if err != nil {
			return nil, err
		}
		return json.RawMessage(j), nil
	})
}
