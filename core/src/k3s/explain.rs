//! `explain_k3s_ca_hash(bundle, now)`: which certificate k3s's `hashCA` hashed, how, and —
//! when it fell back to the file's bytes — why, with the kubeadm `sha256:` pins of the same
//! bundle side by side (the "token CA hash does not match" question: k3s#2731, #3727,
//! rke2#888). The chain check is [`crate::x509::verify_k3s_bundle_explained`], the one
//! used for the hash itself; this module only reports what it found.

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::{CaHash, HashMethod};
use crate::Timestamp;
use crate::error::Result;
use crate::pin::{hash_certificate, hex_lower};
#[cfg(feature = "chain")]
use crate::x509;
use crate::x509::Certificate;

/// One certificate of the bundle.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct BundleCertificate {
    /// Position in the bundle (0 = the one k3s verifies).
    pub index: usize,
    /// Subject common name (`None` when it has none).
    pub subject: Option<String>,
    /// Issuer common name.
    pub issuer: Option<String>,
    /// Subject key ID, hex (`""` when absent).
    pub subject_key_id: String,
    /// Authority key ID, hex (`""` when absent).
    pub authority_key_id: String,
    /// Basic constraints `CA:true`.
    pub is_ca: bool,
    /// Validity, RFC3339 UTC.
    pub not_before: String,
    /// Validity, RFC3339 UTC.
    pub not_after: String,
    /// SHA-256 of the DER, hex (what `openssl x509 -fingerprint -sha256` shows, lowercase
    /// without colons).
    pub fingerprint_sha256: String,
    /// The kubeadm pin of its public key (`sha256:<hex of SPKI>`).
    pub kubeadm_pin: String,
    /// Where k3s's `hashCA` puts it: `leaf` (the first, verified), `root` (AKID empty or
    /// equal to its SKID), `intermediate`; `only` for a single certificate.
    pub pool: &'static str,
}

/// A reason the chain did not verify.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ChainProblem {
    /// Stable code ([`x509::Problem::code`]).
    pub code: &'static str,
    /// What it means.
    pub message: String,
    /// The certificate the search could not go on from.
    pub certificate: usize,
    /// The candidate issuer that was refused (`None`: none in the bundle, or the
    /// certificate's own problem).
    pub issuer: Option<usize>,
}

/// `explain_k3s_ca_hash`'s result.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CaHashExplanation {
    /// The hash k3s computes (64 lowercase hex), as [`super::ca_hash`].
    pub hash: String,
    /// `single`, `root` or `raw`.
    pub method: HashMethod,
    /// What was hashed: `file_bytes` (the bundle exactly as served by `/cacerts`) or
    /// `root_der` (the verified root certificate's DER).
    pub hashed: &'static str,
    /// The certificate whose DER was hashed (`root`), or the only one (`single`).
    pub hashed_certificate: Option<usize>,
    /// Every certificate of the bundle.
    pub certificates: Vec<BundleCertificate>,
    /// The verified chain (indices, leaf first), `None` for `single` and `raw`.
    pub chain: Option<Vec<usize>>,
    /// Why k3s fell back to the file's bytes (`raw` only), in search order.
    pub fallback_reasons: Vec<ChainProblem>,
    /// `ca_cert_hashes` of the same bundle (kubeadm's `--discovery-token-ca-cert-hash`).
    pub kubeadm_pins: Vec<String>,
    /// One sentence saying what happened.
    pub summary: String,
}

fn describe(c: &BundleCertificate) -> String {
    match &c.subject {
        Some(cn) => format!("certificate {} (CN={cn})", c.index),
        None => format!("certificate {}", c.index),
    }
}

fn rfc3339(nanos: i128) -> String {
    Timestamp::from_unix_nanos(nanos).to_rfc3339_utc()
}

/// What the chain check found (indices into the bundle).
struct Found {
    is_root: Vec<bool>,
    chain: Option<Vec<usize>>,
    /// `(certificate, issuer candidate, code, message)`.
    problems: Vec<(usize, Option<usize>, &'static str, &'static str)>,
}

#[cfg(feature = "chain")]
fn check(certs: &[Certificate], now: Timestamp) -> Result<Found> {
    let v = x509::verify_k3s_bundle_explained(certs, now.unix_nanos());
    Ok(Found {
        is_root: v.is_root,
        chain: v.chain,
        problems: v
            .problems
            .into_iter()
            .map(|(c, i, p)| (c, i, p.code(), p.message()))
            .collect(),
    })
}

#[cfg(not(feature = "chain"))]
fn check(_certs: &[Certificate], _now: Timestamp) -> Result<Found> {
    Err(crate::Error::Unsupported(
        "explaining the CA hash of a bundle of several certificates needs the k3s chain check, \
         in the full build (npm: import from \"kubetoken/full\"; Rust: the \"chain\" feature)"
            .to_owned(),
    ))
}

/// `hashCA(bundle)` at `now`, explained. Errors as [`super::ca_hash`].
pub fn explain_ca_hash(bundle: impl AsRef<[u8]>, now: Timestamp) -> Result<CaHashExplanation> {
    let bundle = bundle.as_ref();
    let certs: Vec<Certificate> = crate::go::pem::parse_certificates(bundle)?;
    let raw = hex_lower(&Sha256::digest(bundle));
    let verified = if certs.len() > 1 {
        Some(check(&certs, now)?)
    } else {
        None
    };
    let info: Vec<BundleCertificate> = certs
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let (nb, na) = c.validity_unix_nanos();
            let pool = match &verified {
                None => "only",
                Some(_) if i == 0 => "leaf",
                Some(v) if v.is_root.get(i).copied().unwrap_or(false) => "root",
                Some(_) => "intermediate",
            };
            BundleCertificate {
                index: i,
                subject: c.subject_common_name(),
                issuer: c.issuer_common_name(),
                subject_key_id: hex_lower(c.subject_key_id()),
                authority_key_id: hex_lower(c.authority_key_id()),
                is_ca: c.is_ca(),
                not_before: rfc3339(nb),
                not_after: rfc3339(na),
                fingerprint_sha256: hex_lower(&Sha256::digest(c.der())),
                kubeadm_pin: hash_certificate(c),
                pool,
            }
        })
        .collect();
    let kubeadm_pins = info.iter().map(|c| c.kubeadm_pin.clone()).collect();
    let name = |i: usize| {
        info.get(i)
            .map_or_else(|| format!("certificate {i}"), describe)
    };
    let mut out = CaHashExplanation {
        hash: raw.clone(),
        method: HashMethod::Single,
        hashed: "file_bytes",
        hashed_certificate: Some(0),
        certificates: Vec::new(),
        chain: None,
        fallback_reasons: Vec::new(),
        kubeadm_pins,
        summary: String::new(),
    };
    match verified {
        None => {
            out.summary = format!(
                "one certificate: k3s hashes the bundle's bytes exactly as served by /cacerts \
                 (so whitespace, comments and line endings count), not {}'s DER",
                name(0)
            );
        }
        Some(v) => match v.chain {
            Some(chain) => {
                let root = chain.last().copied().unwrap_or(0);
                out.method = HashMethod::Root;
                out.hashed = "root_der";
                out.hashed_certificate = Some(root);
                out.hash = certs
                    .get(root)
                    .map_or(raw, |c| hex_lower(&Sha256::digest(c.der())));
                out.summary = format!(
                    "{} verified to the root {} (serverAuth, at the given time): k3s hashes \
                     that root's DER, so the hash survives re-encoding the file",
                    name(0),
                    name(root)
                );
                out.chain = Some(chain);
            }
            None => {
                out.method = HashMethod::Raw;
                out.hashed_certificate = None;
                out.fallback_reasons = v
                    .problems
                    .iter()
                    .map(|&(c, issuer, code, message)| ChainProblem {
                        code,
                        message: match issuer {
                            Some(i) if i != c => {
                                format!("{}: {message} ({} refused as issuer)", name(c), name(i))
                            }
                            _ => format!("{}: {message}", name(c)),
                        },
                        certificate: c,
                        issuer,
                    })
                    .collect();
                let why = out
                    .fallback_reasons
                    .first()
                    .map_or_else(|| "no chain was found".to_owned(), |f| f.message.clone());
                out.summary = format!(
                    "{} did not verify against the rest of the bundle, so k3s falls back to \
                     hashing the bundle's bytes as served: {why}",
                    name(0)
                );
            }
        },
    }
    out.certificates = info;
    Ok(out)
}

impl From<&CaHashExplanation> for CaHash {
    fn from(e: &CaHashExplanation) -> Self {
        CaHash {
            hash: e.hash.clone(),
            method: e.method,
        }
    }
}
