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

/// Why the verifier did not accept a certificate as the leaf or as a parent, in the
/// order Go checks (exposed by [`verify_k3s_bundle_explained`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    /// No certificate of the bundle has the issuer's name (the chain cannot go on).
    NoIssuer,
    /// The issuer is not a CA (basic constraints `CA:false`, or a v3 certificate without
    /// basic constraints).
    IssuerNotCa,
    /// The issuer's key usage lacks `keyCertSign`.
    NoCertSign,
    /// The issuer's public key is of an algorithm we do not verify.
    UnsupportedKey,
    /// The signature does not verify with the issuer's key (or uses SHA-1/MD5, refused
    /// as Go does, or an algorithm we do not verify).
    BadSignature,
    /// The certificate carries a critical extension Go does not handle.
    UnhandledCritical,
    /// Its validity starts after `now`.
    NotYetValid,
    /// Its validity ended before `now`.
    Expired,
    /// An intermediate that is not a CA.
    IntermediateNotCa,
    /// Its path-length constraint is smaller than the intermediates below it.
    PathLength,
    /// A certificate of the chain has an extended key usage without serverAuth (k3s
    /// verifies with the default options: serverAuth).
    NoServerAuth,
    /// The chain needs name- or policy-constraint evaluation, which we do not do (refused).
    UnsupportedConstraints,
    /// Go's limit of 100 signature checks was reached.
    SignatureLimit,
}

impl Problem {
    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            Problem::NoIssuer => "no_issuer",
            Problem::IssuerNotCa => "issuer_not_ca",
            Problem::NoCertSign => "no_cert_sign",
            Problem::UnsupportedKey => "unsupported_key",
            Problem::BadSignature => "bad_signature",
            Problem::UnhandledCritical => "unhandled_critical_extension",
            Problem::NotYetValid => "not_yet_valid",
            Problem::Expired => "expired",
            Problem::IntermediateNotCa => "intermediate_not_ca",
            Problem::PathLength => "path_length",
            Problem::NoServerAuth => "no_server_auth",
            Problem::UnsupportedConstraints => "unsupported_constraints",
            Problem::SignatureLimit => "signature_limit",
        }
    }

    /// What it means.
    pub fn message(self) -> &'static str {
        match self {
            Problem::NoIssuer => "no certificate of the bundle is its issuer",
            Problem::IssuerNotCa => "its issuer is not a CA (basic constraints)",
            Problem::NoCertSign => "its issuer's key usage does not allow certificate signing",
            Problem::UnsupportedKey => "its issuer's key algorithm is not supported",
            Problem::BadSignature => {
                "its signature does not verify with the issuer's key (or uses SHA-1/MD5)"
            }
            Problem::UnhandledCritical => "it has an unhandled critical extension",
            Problem::NotYetValid => "it is not valid yet",
            Problem::Expired => "it has expired",
            Problem::IntermediateNotCa => "it is an intermediate but not a CA",
            Problem::PathLength => "its path-length constraint is exceeded",
            Problem::NoServerAuth => "the chain's extended key usage does not include serverAuth",
            Problem::UnsupportedConstraints => {
                "the chain needs name or policy constraints, which are not evaluated"
            }
            Problem::SignatureLimit => "the limit of 100 signature checks was reached",
        }
    }
}

/// `Certificate.CheckSignatureFrom(parent)`: the first failing check.
pub(super) fn signature_problem(child: &Certificate, parent: &Certificate) -> Option<Problem> {
    if (parent.version == 3 && parent.basic_constraints.is_none())
        || matches!(parent.basic_constraints, Some((false, _)))
    {
        return Some(Problem::IssuerNotCa);
    }
    if parent.key_usage != 0 && parent.key_usage & KEY_USAGE_CERT_SIGN == 0 {
        return Some(Problem::NoCertSign);
    }
    if parent.key == PublicKey::Unknown {
        return Some(Problem::UnsupportedKey);
    }
    if check_signature(
        child.sig_alg,
        child.raw_tbs(),
        &child.signature,
        &parent.key,
    ) {
        None
    } else {
        Some(Problem::BadSignature)
    }
}

/// `Certificate.isValid`: the first failing check (name constraints are handled per
/// chain, see [`verify`]).
pub(super) fn validity_problem(
    c: &Certificate,
    ty: CertType,
    chain: &[&Certificate],
    now: i128,
) -> Option<Problem> {
    if c.unhandled_critical {
        return Some(Problem::UnhandledCritical);
    }
    if let Some(child) = chain.last()
        && child.raw_issuer() != c.raw_subject()
    {
        return Some(Problem::NoIssuer);
    }
    if now < c.not_before {
        return Some(Problem::NotYetValid);
    }
    if now > c.not_after {
        return Some(Problem::Expired);
    }
    if ty == CertType::Intermediate && !c.is_ca() {
        return Some(Problem::IntermediateNotCa);
    }
    if let Some((_, max)) = c.basic_constraints
        && max >= 0
    {
        let intermediates = chain.len().saturating_sub(1);
        if i64::try_from(intermediates).unwrap_or(i64::MAX) > max {
            return Some(Problem::PathLength);
        }
    }
    None
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
    /// Why candidates were not taken: (child, parent or none, problem), in search order.
    pub(super) rejected: Vec<Rejection<'a>>,
}

/// A certificate the search could not go on from: the child, the candidate parent (none
/// when the bundle has no certificate with the child's issuer name), and why.
pub type Rejection<'a> = (&'a Certificate, Option<&'a Certificate>, Problem);

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
        if groups.iter().all(|(_, p)| p.is_empty()) {
            self.rejected.push((c, None, Problem::NoIssuer));
        }
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
                    self.rejected
                        .push((c, Some(parent), Problem::SignatureLimit));
                    return chains;
                }
                let problem = signature_problem(c, parent)
                    .or_else(|| validity_problem(parent, ty, &chain, self.now));
                if let Some(p) = problem {
                    self.rejected.push((c, Some(parent), p));
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

/// What [`verify_k3s_bundle_explained`] found: the first chain Go would return, or why
/// there is none. Indices are into the certificates given.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BundleVerification {
    /// The first verified chain (leaf first, root last), `None` when none verifies.
    pub chain: Option<Chain>,
    /// Per certificate, whether k3s's pools put it with the roots (`certs[0]` is in none).
    pub is_root: Vec<bool>,
    /// Why the search stopped where it did: `(certificate, issuer candidate, problem)`;
    /// the leaf's own problem has no issuer. Empty when a chain verifies.
    pub problems: Vec<(usize, Option<usize>, Problem)>,
}

/// Go `certs[0].Verify(VerifyOptions{Roots, Intermediates, CurrentTime: now})` with the
/// pools k3s's `hashCA` builds from `certs[1..]`: a certificate whose AuthorityKeyId is
/// empty or equals its SubjectKeyId is a root, any other an intermediate; `certs[0]` is in
/// neither pool. Returns the first verified chain (`chains[0]`), or `None`.
pub fn verify_k3s_bundle(certs: &[Certificate], now_unix_nanos: i128) -> Option<Chain> {
    verify_k3s_bundle_explained(certs, now_unix_nanos).chain
}

/// [`verify_k3s_bundle`], with the reasons when no chain verifies.
pub fn verify_k3s_bundle_explained(
    certs: &[Certificate],
    now_unix_nanos: i128,
) -> BundleVerification {
    let Some((leaf, rest)) = certs.split_first() else {
        return BundleVerification {
            chain: None,
            is_root: Vec::new(),
            problems: Vec::new(),
        };
    };
    let mut roots: Vec<&Certificate> = Vec::new();
    let mut intermediates: Vec<&Certificate> = Vec::new();
    let mut is_root = vec![false];
    for c in rest {
        let root = c.akid.is_empty() || c.akid == c.skid;
        is_root.push(root);
        let pool = if root { &mut roots } else { &mut intermediates };
        if !pool.iter().any(|p| p.der == c.der) {
            pool.push(c);
        }
    }
    let index_of = |c: &Certificate| -> usize {
        if std::ptr::eq(c, leaf) {
            0
        } else {
            rest.iter()
                .position(|r| std::ptr::eq(r, c))
                .map_or(0, |p| p + 1)
        }
    };
    let found = verify_explained(leaf, &roots, &intermediates, now_unix_nanos);
    let chain = found
        .chains
        .into_iter()
        .next()
        .map(|first| first.into_iter().map(index_of).collect::<Chain>());
    let problems = if chain.is_some() {
        Vec::new()
    } else {
        found
            .rejected
            .into_iter()
            .map(|(c, p, why)| (index_of(c), p.map(index_of), why))
            .collect()
    };
    BundleVerification {
        chain,
        is_root,
        problems,
    }
}

/// [`verify`]'s chains and why candidates were rejected.
pub struct Explained<'a> {
    /// Every accepted chain, in Go's order.
    pub chains: Vec<Vec<&'a Certificate>>,
    /// Rejections in search order; a problem of the leaf itself, or of a whole chain
    /// (serverAuth, constraints), has the chain's leaf as child and its root as parent.
    pub rejected: Vec<Rejection<'a>>,
}

/// Go `leaf.Verify` with the given root and intermediate pools (deduplicated by the
/// caller) at `now`, requesting serverAuth. Returns every accepted chain, in Go's order.
pub fn verify<'a>(
    leaf: &'a Certificate,
    roots: &[&'a Certificate],
    intermediates: &[&'a Certificate],
    now_unix_nanos: i128,
) -> Vec<Vec<&'a Certificate>> {
    verify_explained(leaf, roots, intermediates, now_unix_nanos).chains
}

/// [`verify`], recording why candidates were rejected.
pub fn verify_explained<'a>(
    leaf: &'a Certificate,
    roots: &[&'a Certificate],
    intermediates: &[&'a Certificate],
    now_unix_nanos: i128,
) -> Explained<'a> {
    if let Some(p) = validity_problem(leaf, CertType::Leaf, &[], now_unix_nanos) {
        return Explained {
            chains: Vec::new(),
            rejected: vec![(leaf, None, p)],
        };
    }
    let mut rejected = Vec::new();
    let candidates = if roots.iter().any(|r| r.der == leaf.der) {
        vec![vec![leaf]]
    } else {
        let mut b = Builder {
            roots: roots.to_vec(),
            intermediates: intermediates.to_vec(),
            now: now_unix_nanos,
            sig_checks: 0,
            limit_hit: false,
            rejected: Vec::new(),
        };
        let c = b.build(vec![leaf]);
        rejected = b.rejected;
        c
    };
    let mut chains = Vec::new();
    for c in candidates {
        let problem = if !chain_allows_server_auth(&c) {
            Some(Problem::NoServerAuth)
        } else if !chain_within_supported_rules(&c) {
            Some(Problem::UnsupportedConstraints)
        } else {
            None
        };
        match problem {
            Some(p) => rejected.push((leaf, c.last().copied(), p)),
            None => chains.push(c),
        }
    }
    Explained { chains, rejected }
}
