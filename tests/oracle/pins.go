package main

// CA pins: kubeadm's pubkeypin over client-go's PEM parser, and k3s's hashCA whose
// decisions are Go's crypto/x509 verifier's.

import (
	certutil "k8s.io/client-go/util/cert"
	"k8s.io/kubernetes/cmd/kubeadm/app/util/pubkeypin"

	"kubetoken.invalid/oracle/internal/k3s"
)

func init() {
	// kubeadm: the `sha256:<hex>` pin of every certificate in a bundle.
	register("pem_hashes", func(r request) (any, error) {
		certs, err := certutil.ParseCertsPEM([]byte(arg[string](r, "pem")))
		if err != nil {
			return nil, err
		}
		out := []string{}
		for _, c := range certs {
			out = append(out, pubkeypin.Hash(c))
		}
		return out, nil
	})
	register("pin_allow", func(r request) (any, error) {
		return nil, pubkeypin.NewSet().Allow(arg[[]string](r, "hashes")...)
	})
	// Set.Allow(hashes...) then Set.CheckAny(certificates of pem).
	register("pin_check", func(r request) (any, error) {
		s := pubkeypin.NewSet()
		if err := s.Allow(arg[[]string](r, "hashes")...); err != nil {
			panic(badRequest{"pin_check: hashes must be valid: " + err.Error()})
		}
		certs, err := certutil.ParseCertsPEM([]byte(arg[string](r, "pem")))
		if err != nil {
			return nil, err
		}
		return s.CheckAny(certs) == nil, nil
	})
	register("k3s_hash_ca", func(r request) (any, error) {
		return k3s.HashCA([]byte(arg[string](r, "pem")))
	})
}
