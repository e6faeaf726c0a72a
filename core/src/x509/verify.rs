//! Go `Certificate.Verify`, the part k3s's `hashCA` relies on (see the [module docs](super)).

use super::certificate::{Certificate, Eku, PublicKey};
use super::signature::check_signature;

/// Go's `maxChainSignatureChecks`.
pub(super) const MAX_SIGNATURE_CHECKS: usize = 100;
pub(super) const KEY_USAGE_CERT_SIGN: u16 = 1 << 5;

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum CertType {
    Leaf,
    Intermediate,
    Root,
}

/// `Certificate.CheckSignatureFrom(parent)`.
pub(super) fn check_signature_from(child: &Certificate, parent: &Certificate) -> bool {
    if (parent.version == 3 && parent.basic_constraints.is_none())
        || matches!(parent.basic_constraints, Some((false, _)))
    {
        return false;
    }
    if parent.key_usage != 0 && parent.key_usage & KEY_USAGE_CERT_SIGN == 0 {
        return false;
    }
    if parent.key == PublicKey::Unknown {
        return false;
    }
    check_signature(
        child.sig_alg,
        child.raw_tbs(),
        &child.signature,
        &parent.key,
    )
}

/// `Certificate.isValid` (name constraints are handled per chain, see [`verify`]).
pub(super) fn is_valid(c: &Certificate, ty: CertType, chain: &[&Certificate], now: i128) -> bool {
    if c.unhandled_critical {
        return false;
    }
    if let Some(child) = chain.last()
        && child.raw_issuer() != c.raw_subject()
    {
        return false;
    }
    if now < c.not_before || now > c.not_after {
        return false;
    }
    if ty == CertType::Intermediate && !c.is_ca() {
        return false;
    }
    if let Some((_, max)) = c.basic_constraints
        && max >= 0
    {
        let intermediates = chain.len().saturating_sub(1);
        if i64::try_from(intermediates).unwrap_or(i64::MAX) > max {
            return false;
        }
    }
    true
}

/// `alreadyInChain`: same subject, same SPKI, and the same SAN (or both without).
pub(super) fn already_in_chain(candidate: &Certificate, chain: &[&Certificate]) -> bool {
    chain.iter().any(|c| {
        c.raw_subject() == candidate.raw_subject()
            && c.raw_spki() == candidate.raw_spki()
            && match (&candidate.san, &c.san) {
                (None, None) => true,
                (Some(a), Some(b)) => a == b,
                _ => false,
            }
    })
}

/// `CertPool.findPotentialParents`: same raw name, ordered AKID==SKID, one of them
/// missing, mismatching; pool order within each group.
pub(super) fn potential_parents<'a>(
    pool: &[&'a Certificate],
    cert: &Certificate,
) -> Vec<&'a Certificate> {
    let mut matching = Vec::new();
    let mut one = Vec::new();
    let mut mismatch = Vec::new();
    for &c in pool {
        if c.raw_subject() != cert.raw_issuer() {
            continue;
        }
        if c.skid == cert.akid {
            matching.push(c);
        } else if c.skid.is_empty() != cert.akid.is_empty() {
            one.push(c);
        } else {
            mismatch.push(c);
        }
    }
    matching.extend(one);
    matching.extend(mismatch);
    matching
}

pub(super) struct Builder<'a> {
    pub(super) roots: Vec<&'a Certificate>,
    pub(super) intermediates: Vec<&'a Certificate>,
    pub(super) now: i128,
    pub(super) sig_checks: usize,
    pub(super) limit_hit: bool,
}

impl<'a> Builder<'a> {
    pub(super) fn build(&mut self, chain: Vec<&'a Certificate>) -> Vec<Vec<&'a Certificate>> {
        let mut chains = Vec::new();
        let Some(&c) = chain.last() else {
            return chains;
        };
        let groups = [
            (CertType::Root, potential_parents(&self.roots, c)),
            (
                CertType::Intermediate,
                potential_parents(&self.intermediates, c),
            ),
        ];
        for (ty, parents) in groups {
            for parent in parents {
                if self.limit_hit {
                    return chains;
                }
                // Go's considerCandidate counts a check only after the no-key and
                // already-in-chain tests.
                if parent.key == PublicKey::Unknown || already_in_chain(parent, &chain) {
                    continue;
                }
                self.sig_checks += 1;
                if self.sig_checks > MAX_SIGNATURE_CHECKS {
                    self.limit_hit = true;
                    return chains;
                }
                if !check_signature_from(c, parent) || !is_valid(parent, ty, &chain, self.now) {
                    continue;
                }
                let mut next = chain.clone();
                next.push(parent);
                match ty {
                    CertType::Root => chains.push(next),
                    _ => {
                        let sub = self.build(next);
                        chains.extend(sub);
                    }
                }
            }
        }
        chains
    }
}

/// `checkChainForKeyUsage(chain, [serverAuth])`: every certificate with an EKU list must
/// list serverAuth or any.
pub(super) fn chain_allows_server_auth(chain: &[&Certificate]) -> bool {
    chain.iter().all(|c| {
        c.eku.is_empty()
            || c.eku
                .iter()
                .any(|u| matches!(u, Eku::Any | Eku::ServerAuth))
    })
}

/// The checks we do not evaluate (see the module docs): name constraints above a
/// certificate with a SAN, policy constraints below the anchor. Such chains are refused.
pub(super) fn chain_within_supported_rules(chain: &[&Certificate]) -> bool {
    let n = chain.len();
    if n > 1 && chain.iter().take(n - 1).any(|c| c.policy_constraints) {
        return false;
    }
    for (i, c) in chain.iter().enumerate() {
        if c.name_constraints && chain.iter().take(i).any(|below| below.san.is_some()) {
            return false;
        }
    }
    true
}

/// The result of [`verify`]: the first chain Go would return, as indices into the
/// certificates given (leaf first, root last).
pub type Chain = Vec<usize>;

/// Go `certs[0].Verify(VerifyOptions{Roots, Intermediates, CurrentTime: now})` with the
/// pools k3s's `hashCA` builds from `certs[1..]`: a certificate whose AuthorityKeyId is
/// empty or equals its SubjectKeyId is a root, any other an intermediate; `certs[0]` is in
/// neither pool. Returns the first verified chain (`chains[0]`), or `None`.
pub fn verify_k3s_bundle(certs: &[Certificate], now_unix_nanos: i128) -> Option<Chain> {
    let (leaf, rest) = certs.split_first()?;
    let mut roots: Vec<&Certificate> = Vec::new();
    let mut intermediates: Vec<&Certificate> = Vec::new();
    for c in rest {
        let pool = if c.akid.is_empty() || c.akid == c.skid {
            &mut roots
        } else {
            &mut intermediates
        };
        if !pool.iter().any(|p| p.der == c.der) {
            pool.push(c);
        }
    }
    let chains = verify(leaf, &roots, &intermediates, now_unix_nanos);
    let first = chains.into_iter().next()?;
    let index_of = |c: &Certificate| -> usize {
        if std::ptr::eq(c, leaf) {
            0
        } else {
            rest.iter()
                .position(|r| std::ptr::eq(r, c))
                .map_or(0, |p| p + 1)
        }
    };
    Some(first.into_iter().map(index_of).collect())
}

/// Go `leaf.Verify` with the given root and intermediate pools (deduplicated by the
/// caller) at `now`, requesting serverAuth. Returns every accepted chain, in Go's order.
pub fn verify<'a>(
    leaf: &'a Certificate,
    roots: &[&'a Certificate],
    intermediates: &[&'a Certificate],
    now_unix_nanos: i128,
) -> Vec<Vec<&'a Certificate>> {
    if !is_valid(leaf, CertType::Leaf, &[], now_unix_nanos) {
        return Vec::new();
    }
    let candidates = if roots.iter().any(|r| r.der == leaf.der) {
        vec![vec![leaf]]
    } else {
        let mut b = Builder {
            roots: roots.to_vec(),
            intermediates: intermediates.to_vec(),
            now: now_unix_nanos,
            sig_checks: 0,
            limit_hit: false,
        };
        b.build(vec![leaf])
    };
    candidates
        .into_iter()
        .filter(|c| chain_allows_server_auth(c) && chain_within_supported_rules(c))
        .collect()
}
