//! Signature algorithms as Go names them, and `checkSignature`: RSA PKCS #1 v1.5 and PSS,
//! ECDSA P-256/P-384, Ed25519.

#[cfg(feature = "chain")]
use sha2::{Digest, Sha256, Sha384, Sha512};

#[cfg(feature = "chain")]
use super::certificate::PublicKey;
use super::der::*;

/// The largest RSA modulus used for verification: 8192 bits.
///
/// Go's `crypto/x509` verification has no limit, but Go's TLS stack refuses peer
/// certificates with RSA keys over 8192 bits since CVE-2023-29409 (Go 1.21), so a k3s
/// server whose chain carries such a key cannot be joined at all. Verifying larger keys
/// is costly (a 16384-bit check is ~4× an 8192-bit one, and a chain search may make 100
/// checks), so a bigger key is not used for the chain: the k3s hash falls back to the raw
/// bundle (a mismatch, never a false match). See docs/differences.md.
pub const MAX_RSA_BITS: usize = 8192;

/// Signature algorithms (Go `x509.SignatureAlgorithm`), reduced to what verification needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignatureAlgorithm {
    /// PKCS #1 v1.5 with the given hash.
    RsaPkcs1(Hash),
    /// RSASSA-PSS, MGF1 with the same hash, salt length = hash length.
    RsaPss(Hash),
    /// ECDSA with the given hash.
    Ecdsa(Hash),
    /// Pure Ed25519.
    Ed25519,
    /// MD5 or SHA-1 based: Go refuses them ("insecure algorithm").
    Insecure,
    /// Anything else.
    Unknown,
}

/// Hashes used in certificate signatures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hash {
    /// SHA-256
    Sha256,
    /// SHA-384
    Sha384,
    /// SHA-512
    Sha512,
}

impl Hash {
    #[cfg(feature = "chain")]
    pub(super) fn digest(self, data: &[u8]) -> Vec<u8> {
        match self {
            Hash::Sha256 => Sha256::digest(data).to_vec(),
            Hash::Sha384 => Sha384::digest(data).to_vec(),
            Hash::Sha512 => Sha512::digest(data).to_vec(),
        }
    }
    pub(super) fn from_oid(oid: &[u8]) -> Option<Self> {
        match oid {
            OID_SHA256 => Some(Hash::Sha256),
            OID_SHA384 => Some(Hash::Sha384),
            OID_SHA512 => Some(Hash::Sha512),
            _ => None,
        }
    }
}

pub(super) fn signature_algorithm(oid: &[u8], params: Option<&Tlv<'_>>) -> SignatureAlgorithm {
    use SignatureAlgorithm as S;
    // 1.2.840.113549.1.1.x
    const PKCS1: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01];
    // 1.2.840.10045.4.x
    const ECDSA: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04];
    if oid == OID_ED25519 {
        return if params.is_none() {
            S::Ed25519
        } else {
            S::Unknown
        };
    }
    if oid == OID_RSA_PSS {
        return pss_params(params).map_or(S::Unknown, S::RsaPss);
    }
    if let Some(rest) = oid.strip_prefix(PKCS1) {
        return match rest {
            [0x04] | [0x05] | [0x02] => S::Insecure, // MD5, SHA-1, MD2
            [0x0b] => S::RsaPkcs1(Hash::Sha256),
            [0x0c] => S::RsaPkcs1(Hash::Sha384),
            [0x0d] => S::RsaPkcs1(Hash::Sha512),
            _ => S::Unknown,
        };
    }
    if oid == [0x2b, 0x0e, 0x03, 0x02, 0x1d] {
        return S::Insecure; // 1.3.14.3.2.29 sha1WithRSA (OIW)
    }
    if let Some(rest) = oid.strip_prefix(ECDSA) {
        return match rest {
            [0x01] => S::Insecure, // ecdsa-with-SHA1
            [0x03, 0x02] => S::Ecdsa(Hash::Sha256),
            [0x03, 0x03] => S::Ecdsa(Hash::Sha384),
            [0x03, 0x04] => S::Ecdsa(Hash::Sha512),
            _ => S::Unknown,
        };
    }
    S::Unknown
}

/// Go's three PSS buckets: MGF1 with the message hash, NULL or absent hash parameters,
/// salt length = hash length, trailer field 1.
pub(super) fn pss_params(params: Option<&Tlv<'_>>) -> Option<Hash> {
    let p = params?;
    if p.tag != SEQUENCE {
        return None;
    }
    let mut d = p.inner;
    let alg_id = |t: Tlv<'_>| -> Option<(Vec<u8>, bool)> {
        // [n] EXPLICIT AlgorithmIdentifier; returns (oid, params-ok-for-hash)
        let mut inner = t.inner;
        let seq = inner.read(SEQUENCE)?;
        let mut s = seq.inner;
        let oid = s.read(OID)?;
        let ok =
            s.is_empty() || (s.read(NULL).is_some_and(|n| n.content.is_empty()) && s.is_empty());
        Some((oid.content.to_vec(), ok))
    };
    let (hash_oid, hash_params_ok) = alg_id(d.read(0xa0)?)?;
    let mgf = d.read(0xa1)?;
    let mut mi = mgf.inner;
    let mseq = mi.read(SEQUENCE)?;
    let mut ms = mseq.inner;
    if ms.read(OID)?.content != OID_MGF1 {
        return None;
    }
    let mhash = ms.read(SEQUENCE)?;
    let mut mh = mhash.inner;
    let mhash_oid = mh.read(OID)?.content;
    let mhash_ok =
        mh.is_empty() || (mh.read(NULL).is_some_and(|n| n.content.is_empty()) && mh.is_empty());
    let salt = {
        let t = d.read(0xa2)?;
        let mut i = t.inner;
        integer_i64(i.read(INTEGER)?.content)?
    };
    let trailer = match d.read_optional(0xa3)? {
        None => 1,
        Some(t) => {
            let mut i = t.inner;
            integer_i64(i.read(INTEGER)?.content)?
        }
    };
    if !hash_params_ok || !mhash_ok || mhash_oid != hash_oid.as_slice() || trailer != 1 {
        return None;
    }
    let hash = Hash::from_oid(&hash_oid)?;
    let want = match hash {
        Hash::Sha256 => 32,
        Hash::Sha384 => 48,
        Hash::Sha512 => 64,
    };
    (salt == want).then_some(hash)
}

#[cfg(feature = "chain")]
/// Go `checkSignature(algo, signed, signature, publicKey, allowSHA1=false)`.
pub(super) fn check_signature(
    alg: SignatureAlgorithm,
    signed: &[u8],
    sig: &[u8],
    key: &PublicKey,
) -> bool {
    use SignatureAlgorithm as S;
    match (alg, key) {
        (S::RsaPkcs1(h) | S::RsaPss(h), PublicKey::Rsa { n, e }) => {
            // Go crypto/rsa: odd modulus of at least 1024 bits (no upper limit; we stop at
            // MAX_RSA_BITS), odd exponent in [3, 2^31-1].
            if n.last().is_none_or(|b| b & 1 == 0) || *e & 1 == 0 || *e < 3 || *e > (1 << 31) - 1 {
                return false;
            }
            let n = rsa::BoxedUint::from_be_slice_vartime(n);
            let e = rsa::BoxedUint::from(*e);
            let Ok(pk) = rsa::RsaPublicKey::new_with_size_limits(n, e, 1024..=MAX_RSA_BITS) else {
                return false;
            };
            let hashed = h.digest(signed);
            let r = match (alg, h) {
                (S::RsaPss(_), Hash::Sha256) => pk.verify(rsa::Pss::<Sha256>::new(), &hashed, sig),
                (S::RsaPss(_), Hash::Sha384) => pk.verify(rsa::Pss::<Sha384>::new(), &hashed, sig),
                (S::RsaPss(_), Hash::Sha512) => pk.verify(rsa::Pss::<Sha512>::new(), &hashed, sig),
                (_, Hash::Sha256) => pk.verify(rsa::Pkcs1v15Sign::new::<Sha256>(), &hashed, sig),
                (_, Hash::Sha384) => pk.verify(rsa::Pkcs1v15Sign::new::<Sha384>(), &hashed, sig),
                (_, Hash::Sha512) => pk.verify(rsa::Pkcs1v15Sign::new::<Sha512>(), &hashed, sig),
            };
            r.is_ok()
        }
        (S::Ecdsa(h), PublicKey::P256(point)) => {
            use p256::ecdsa::signature::hazmat::PrehashVerifier;
            let Some((r, s)) = ecdsa_der::<32>(sig) else {
                return false;
            };
            let (Ok(vk), Ok(sig)) = (
                p256::ecdsa::VerifyingKey::from_sec1_bytes(point),
                p256::ecdsa::Signature::from_scalars(r, s),
            ) else {
                return false;
            };
            vk.verify_prehash(&h.digest(signed), &sig).is_ok()
        }
        (S::Ecdsa(h), PublicKey::P384(point)) => {
            use p384::ecdsa::signature::hazmat::PrehashVerifier;
            let Some((r, s)) = ecdsa_der::<48>(sig) else {
                return false;
            };
            let (Ok(vk), Ok(sig)) = (
                p384::ecdsa::VerifyingKey::from_sec1_bytes(point),
                p384::ecdsa::Signature::from_scalars(r, s),
            ) else {
                return false;
            };
            vk.verify_prehash(&h.digest(signed), &sig).is_ok()
        }
        (S::Ed25519, PublicKey::Ed25519(k)) => {
            use ed25519_dalek::Verifier;
            let Ok(vk) = ed25519_dalek::VerifyingKey::from_bytes(k) else {
                return false;
            };
            let Ok(sig) = ed25519_dalek::Signature::from_slice(sig) else {
                return false;
            };
            vk.verify(signed, &sig).is_ok()
        }
        _ => false,
    }
}

#[cfg(feature = "chain")]
/// `ecdsa.VerifyASN1`'s parse: `SEQUENCE { INTEGER r, INTEGER s }`, both positive,
/// nothing after; returned left-padded to the field size (`None` if too large).
pub(super) fn ecdsa_der<const N: usize>(sig: &[u8]) -> Option<([u8; N], [u8; N])> {
    let mut d = Der::new(sig);
    let seq = d.read(SEQUENCE)?;
    if !d.is_empty() {
        return None;
    }
    let mut s = seq.inner;
    let r = s.read(INTEGER)?;
    let sv = s.read(INTEGER)?;
    if !s.is_empty() {
        return None;
    }
    let fixed = |c: &[u8]| -> Option<[u8; N]> {
        if !valid_integer(c) || c.first().is_some_and(|b| b & 0x80 != 0) {
            return None;
        }
        let c = match c {
            [0, rest @ ..] => rest,
            all => all,
        };
        if c.len() > N {
            return None;
        }
        let mut out = [0u8; N];
        out.get_mut(N - c.len()..)?.copy_from_slice(c);
        Some(out)
    };
    Some((fixed(r.content)?, fixed(sv.content)?))
}
