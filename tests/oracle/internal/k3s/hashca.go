// Package k3s holds the one piece of k3s the module proxy cannot serve (github.com/k3s-io/k3s
// is not reachable): hashCA, whose decisions are Go's crypto/x509 verifier's. The oracle and
// the benchmark program (cmd/bench) both use it.
package k3s

import (
	"bytes"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"

	certutil "k8s.io/client-go/util/cert"
)

// HashCA is k3s pkg/clientaccess/token.go hashCA as /work/shared/spec/k3s.md §4 describes
// it: one certificate → SHA-256 of the whole input; several → verify certs[0] against the
// others (roots: no AKI or AKI == SKI; the rest intermediates) with Go's default options
// and hash the DER of chains[0]'s root, else fall back to the whole input.
// The PEM rules (CERTIFICATE blocks without headers) are client-go's ParseCertsPEM, of
// which dynamiclistener's is a copy.
func HashCA(b []byte) (string, error) {
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
