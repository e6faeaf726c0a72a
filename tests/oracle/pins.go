package main

// CA pins: kubeadm's pubkeypin over client-go's PEM parser, and k3s's hashCA whose
// decisions are Go's crypto/x509 verifier's.

import (
	"bytes"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"

	certutil "k8s.io/client-go/util/cert"
	"k8s.io/kubernetes/cmd/kubeadm/app/util/pubkeypin"
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
			panic(badRequest{"pin_check: pem must hold certificates: " + err.Error()})
		}
		return s.CheckAny(certs) == nil, nil
	})
	register("k3s_hash_ca", func(r request) (any, error) {
		return hashCA([]byte(arg[string](r, "pem")))
	})
}

// hashCA is k3s pkg/clientaccess/token.go hashCA as /work/shared/spec/k3s.md §4 describes
// it: one certificate → SHA-256 of the whole input; several → verify certs[0] against the
// others (roots: no AKI or AKI == SKI; the rest intermediates) with Go's default options
// and hash the DER of chains[0]'s root, else fall back to the whole input.
// The PEM rules (CERTIFICATE blocks without headers) are client-go's ParseCertsPEM, of
// which dynamiclistener's is a copy.
func hashCA(b []byte) (string, error) {
	certs, err := certutil.ParseCertsPEM(b)
	if err != nil {
		return "", err
	}
	if len(certs) > 1 {
		roots := x509.NewCertPool()
		intermediates := x509.NewCertPool()
		for _, c := range certs[1:] {
			if len(c.AuthorityKeyId) == 0 || bytes.Equal(c.AuthorityKeyId, c.SubjectKeyId) {
				roots.AddCert(c)
			} else {
				intermediates.AddCert(c)
			}
		}
		chains, err := certs[0].Verify(x509.VerifyOptions{Roots: roots, Intermediates: intermediates})
		if err == nil && len(chains) > 0 && len(chains[0]) > 0 {
			root := chains[0][len(chains[0])-1]
			sum := sha256.Sum256(root.Raw)
			return hex.EncodeToString(sum[:]), nil
		}
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:]), nil
}
