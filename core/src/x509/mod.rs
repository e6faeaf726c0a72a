//! The minimal X.509 the k3s CA-bundle hash and the kubeadm pins need: a DER certificate
//! parser that keeps the raw pieces Go keeps (`Raw`, `RawTBSCertificate`, `RawIssuer`,
//! `RawSubject`, `RawSubjectPublicKeyInfo`), and a re-implementation of the part of Go
//! `crypto/x509` `Certificate.Verify` that k3s's `hashCA` relies on.
//!
//! Parsing follows Go 1.26 `parseCertificate`: the same structure checks, negative serial
//! numbers rejected, inner and outer signature algorithm identifiers compared byte for
//! byte, the key and signature BIT STRINGs right-aligned (`RightAlign`) as Go does, public
//! keys of known algorithms parsed (RSA with NULL parameters, checked only for N > 0 and
//! 0 < E < 2^63 as Go's parser does; ECDSA on a named curve with an uncompressed point on
//! the curve, P-224 and P-521 included; Ed25519 without parameters), issuer/subject unique
//! IDs skipped only under the exact tags 0x81/0x82 and anything else left in the
//! TBSCertificate ignored, duplicate
//! extensions rejected, SKID/AKID/AIA marked critical rejected, unknown critical
//! extensions recorded, Name attribute strings checked by type (PrintableString, UTF-8,
//! IA5, BMP, Numeric, T61), OIDs minimal, the structure of key usage, basic constraints,
//! EKU, SKID, AKID, SAN (IA5 names, IP length), CRL distribution points, certificate
//! policies, policy mappings/constraints, inhibitAnyPolicy and AIA checked.
//! Not reproduced (we accept what Go would reject, so such a bundle gets a hash where k3s
//! errors): the URI syntax and host validity of SAN URIs (Go `url.Parse`), and the content
//! of name constraints. A differential run against Go (tests/oracle) over 20 000 mutated
//! and 7 500 randomly built bundles found no other difference.
//!
//! Verification (`verify`, with the `chain` feature, on by default) follows Go 1.26 `Verify` with `VerifyOptions{Roots,
//! Intermediates, CurrentTime}`: leaf validity, the "leaf is itself a root" shortcut,
//! depth-first chain building over candidate parents ordered by key-ID match (roots
//! before intermediates, pool order within each group, at most 100 signature checks),
//! `CheckSignatureFrom` (issuer must be a CA when v3 or when basic constraints are
//! present, keyCertSign when key usage is present), signature verification (RSA
//! PKCS #1 v1.5 and PSS with SHA-256/384/512, ECDSA P-256/P-384 with SHA-256/384/512,
//! Ed25519; SHA-1 and MD5 are insecure and fail as in Go; RSA keys of 1024–8192 bits with
//! an odd modulus and an odd exponent below 2^31, as Go's crypto/rsa requires),
//! validity at `now`, CA basic constraints on intermediates, path length, unhandled
//! critical extensions, and the ExtKeyUsage nesting check with serverAuth requested.
//!
//! Deliberate, conservative differences (each makes a chain *fail* where Go might accept
//! it, so the k3s hash falls back to the raw bundle — a mismatch, never a false match):
//! P-224/P-521 ECDSA and DSA signatures are not verified; RSA keys over 8192 bits (Go TLS refuses them, CVE-2023-29409) are not
//! used; a chain whose CA has name constraints while a certificate below it carries a
//! SAN extension, or whose non-anchor certificates carry policy constraints, is not
//! accepted (Go evaluates them).

mod certificate;
mod der;
mod signature;
mod time;
#[cfg(feature = "chain")]
mod verify;

pub use crate::go::pem;
pub use certificate::{Certificate, PublicKey};
pub use signature::{Hash, MAX_RSA_BITS, SignatureAlgorithm};
#[cfg(feature = "chain")]
pub use verify::{
    BundleVerification, Chain, Explained, Problem, Rejection, verify, verify_explained,
    verify_k3s_bundle, verify_k3s_bundle_explained,
};
