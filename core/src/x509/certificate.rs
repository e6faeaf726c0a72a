//! Go `x509.ParseCertificate`: the certificate, its public key and extensions (see the
//! [module docs](super) for what is and is not checked).

use std::ops::Range;

use crate::error::{Error, Result};

use super::der::*;
use super::signature::{SignatureAlgorithm, signature_algorithm};
use super::time::read_time;

/// A parsed public key (Go `Certificate.PublicKey`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PublicKey {
    /// RSA: big-endian modulus and exponent (minimal, positive).
    Rsa {
        /// modulus
        n: Vec<u8>,
        /// public exponent
        e: u64,
    },
    /// ECDSA on P-256 (uncompressed SEC1 point).
    P256(Vec<u8>),
    /// ECDSA on P-384 (uncompressed SEC1 point).
    P384(Vec<u8>),
    /// ECDSA on P-224 or P-521: parsed, but signatures by it are not verified here.
    OtherEc,
    /// Ed25519.
    Ed25519([u8; 32]),
    /// X25519 or DSA: Go parses them; they cannot verify certificate signatures here.
    Other,
    /// An algorithm Go does not know (`PublicKey == nil`).
    Unknown,
}

/// P-224: p = 2^224 - 2^96 + 1 and b (big-endian), for the on-curve check.
pub(super) const P224_P: &str = "ffffffffffffffffffffffffffffffff000000000000000000000001";
pub(super) const P224_B: &str = "b4050a850c04b3abf54132565044b0b7d7bfd8ba270b39432355ffb4";
/// P-256: p and b.
const P256_P: &str = "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff";
const P256_B: &str = "5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b";
/// P-384: p and b.
const P384_P: &str = "fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe\
                      ffffffff0000000000000000ffffffff";
const P384_B: &str = "b3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875a\
                      c656398d8a2ed19d2a85c8edd3ec2aef";
/// P-521: p = 2^521 - 1 and b.
pub(super) const P521_P: &str = "01ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff\
                      ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff";
pub(super) const P521_B: &str = "0051953eb9618e1c9a1f929a21a0b68540eea2da725b99b315f3b8b489918ef109\
                      e156193951ec7e937b1652c0bd3bb1bf073573df883d2c34f1ef451fd46b503f00";

pub(super) fn hex_bytes(h: &str) -> Vec<u8> {
    h.as_bytes()
        .chunks(2)
        .filter_map(|p| std::str::from_utf8(p).ok())
        .filter_map(|p| u8::from_str_radix(p, 16).ok())
        .collect()
}

/// What Go's nistec `SetBytes` checks for an uncompressed point on a short-Weierstrass
/// curve with a = -3 (P-224, P-256, P-384, P-521; the same check with or without the
/// `chain` feature, so certificates parse alike in every build): both
/// coordinates reduced modulo p, and y^2 = x^3 - 3x + b. `xy` is the point without its
/// 0x04 prefix, of exactly twice the field size.
pub(super) fn on_nist_curve(p_hex: &str, b_hex: &str, xy: &[u8]) -> bool {
    let p_bytes = hex_bytes(p_hex);
    let coord = p_bytes.len();
    if xy.len() != 2 * coord {
        return false;
    }
    // One limb more than p needs, so a sum of two residues never overflows.
    let n = coord.div_ceil(4) + 1;
    let p = Field::from_be(&p_bytes, n);
    let b = Field::from_be(&hex_bytes(b_hex), n);
    let (Some(x), Some(y)) = (xy.get(..coord), xy.get(coord..)) else {
        return false;
    };
    let (x, y) = (Field::from_be(x, n), Field::from_be(y, n));
    if x.at_least(&p) || y.at_least(&p) {
        return false;
    }
    // Montgomery products carry a factor R^-1 each (R = 2^(32n), invertible mod the odd
    // p), so both sides are compared times R^-2: y^2 R^-2 = x^3 R^-2 - (3x - b) R^-2.
    let m = Mont::new(&p);
    let one = Field::from_be(&[1], n);
    let lhs = m.mul(&m.mul(&y, &y), &one);
    let three_x_minus_b = x.add_mod(&x, &p).add_mod(&x, &p).sub_mod(&b, &p);
    let rhs = m
        .mul(&m.mul(&x, &x), &x)
        .sub_mod(&m.mul(&m.mul(&three_x_minus_b, &one), &one), &p);
    lhs == rhs
}

/// Montgomery multiplication modulo an odd `p` (CIOS, 32-bit limbs): `mul(a, b)` =
/// a·b·R^-1 mod p for a, b < p, R = 2^(32·limbs). A few hundred limb products per point
/// instead of a big-integer crate.
struct Mont<'a> {
    p: &'a Field,
    /// -p^-1 mod 2^32.
    p_inv: u32,
}

impl<'a> Mont<'a> {
    fn new(p: &'a Field) -> Mont<'a> {
        let p0 = p.0.first().copied().unwrap_or(1);
        // Newton's iteration: p0 is its own inverse mod 8; each step doubles the bits.
        let mut inv = p0;
        for _ in 0..4 {
            inv = inv.wrapping_mul(2u32.wrapping_sub(p0.wrapping_mul(inv)));
        }
        Mont {
            p,
            p_inv: inv.wrapping_neg(),
        }
    }

    fn mul(&self, a: &Field, b: &Field) -> Field {
        let p = &self.p.0;
        let n = p.len();
        let mut t = vec![0u64; n + 2];
        let lo = |v: u64| v & 0xffff_ffff;
        for &bi in &b.0 {
            let mut c = 0u64;
            for (tj, &aj) in t.iter_mut().zip(&a.0) {
                let v = *tj + u64::from(aj) * u64::from(bi) + c;
                *tj = lo(v);
                c = v >> 32;
            }
            if let Some(tn) = t.get_mut(n) {
                let v = *tn + c;
                *tn = lo(v);
                c = v >> 32;
            }
            if let Some(tn1) = t.get_mut(n + 1) {
                *tn1 = c;
            }
            let t0 = t.first().copied().unwrap_or_default();
            let m = u64::from(
                u32::try_from(lo(t0))
                    .unwrap_or_default()
                    .wrapping_mul(self.p_inv),
            );
            let mut c = (t0 + m * u64::from(p.first().copied().unwrap_or_default())) >> 32;
            for j in 1..=n {
                let pj = p.get(j).copied().map_or(0, u64::from);
                let v = t.get(j).copied().unwrap_or_default() + m * pj + c;
                if let Some(prev) = t.get_mut(j - 1) {
                    *prev = lo(v);
                }
                c = v >> 32;
            }
            // t[n-1] now holds t[n] + carry's low half; t[n] = t[n+1] + the high half.
            let top = t.get(n + 1).copied().unwrap_or_default() + c;
            if let Some(tn) = t.get_mut(n) {
                *tn = top;
            }
        }
        let mut r = Field(
            t.iter()
                .take(n)
                .map(|&v| u32::try_from(v).unwrap_or_default())
                .collect(),
        );
        if t.get(n).is_some_and(|&v| v != 0) || r.at_least(self.p) {
            r.sub(self.p);
        }
        r
    }
}

/// Just enough arithmetic modulo a field prime for the on-curve check: little-endian
/// 32-bit limbs, every value below p (one spare limb). Shift-and-add multiplication: a
/// few thousand limb operations per point, and a few hundred bytes of wasm instead of a
/// big-integer crate. Not constant-time (public keys are public).
#[derive(Clone, PartialEq, Eq)]
struct Field(Vec<u32>);

impl Field {
    fn from_be(bytes: &[u8], n: usize) -> Field {
        let mut limbs = vec![0u32; n];
        for (i, byte) in bytes.iter().rev().enumerate() {
            if let Some(l) = limbs.get_mut(i / 4) {
                *l |= u32::from(*byte) << (8 * (i % 4));
            }
        }
        Field(limbs)
    }

    fn at_least(&self, other: &Field) -> bool {
        for (a, b) in self.0.iter().rev().zip(other.0.iter().rev()) {
            if a != b {
                return a > b;
            }
        }
        true
    }

    fn add(&mut self, other: &Field) {
        let mut carry = 0u64;
        for (a, b) in self.0.iter_mut().zip(&other.0) {
            let sum = u64::from(*a) + u64::from(*b) + carry;
            *a = u32::try_from(sum & 0xffff_ffff).unwrap_or_default();
            carry = sum >> 32;
        }
    }

    fn sub(&mut self, other: &Field) {
        let mut borrow = false;
        for (a, b) in self.0.iter_mut().zip(&other.0) {
            let (d, o1) = a.overflowing_sub(*b);
            let (d, o2) = d.overflowing_sub(u32::from(borrow));
            *a = d;
            borrow = o1 || o2;
        }
    }

    fn add_mod(&self, other: &Field, p: &Field) -> Field {
        let mut s = self.clone();
        s.add(other);
        if s.at_least(p) {
            s.sub(p);
        }
        s
    }

    fn sub_mod(&self, other: &Field, p: &Field) -> Field {
        let mut s = self.clone();
        if !self.at_least(other) {
            s.add(p);
        }
        s.sub(other);
        s
    }

    /// Shift-and-add a·b mod p: the reference the Montgomery product is tested against.
    #[cfg(test)]
    fn mul_mod(&self, other: &Field, p: &Field) -> Field {
        let mut r = Field(vec![0; self.0.len()]);
        for i in (0..32 * self.0.len()).rev() {
            r = r.add_mod(&r, p);
            if self.0.get(i / 32).is_some_and(|l| (l >> (i % 32)) & 1 == 1) {
                r = r.add_mod(other, p);
            }
        }
        r
    }
}

pub(super) fn parse_public_key(
    alg_oid: &[u8],
    params: Option<&Tlv<'_>>,
    key: &[u8],
) -> Result<PublicKey> {
    let bad = |m: &str| Err(Error::InvalidCertificate(format!("x509: {m}")));
    match alg_oid {
        OID_RSA => {
            if !params.is_some_and(|p| p.tag == NULL && p.content.is_empty()) {
                return bad("RSA key missing NULL parameters");
            }
            // Go reads the SEQUENCE, then N and E from it; bytes after the SEQUENCE or
            // after E are ignored (crypto/rsa's key rules apply only when verifying).
            let mut d = Der::new(key);
            let Some(seq) = d.read(SEQUENCE) else {
                return bad("invalid RSA public key");
            };
            let mut s = seq.inner;
            let Some(n) = s.read(INTEGER).filter(|n| valid_integer(n.content)) else {
                return bad("invalid RSA modulus");
            };
            let Some(e) = s.read(INTEGER) else {
                return bad("invalid RSA public exponent");
            };
            let Some(e) = integer_i64(e.content) else {
                return bad("invalid RSA public exponent");
            };
            if n.content.first().is_some_and(|b| b & 0x80 != 0) || n.content.iter().all(|&b| b == 0)
            {
                return bad("RSA modulus is not a positive number");
            }
            if e <= 0 {
                return bad("RSA public exponent is not a positive number");
            }
            let nbytes = match n.content {
                [0, rest @ ..] => rest,
                all => all,
            };
            Ok(PublicKey::Rsa {
                n: nbytes.to_vec(),
                e: e.unsigned_abs(),
            })
        }
        OID_EC => {
            let Some(curve) = params.filter(|p| p.tag == OID) else {
                return bad("invalid ECDSA parameters");
            };
            let coord = match curve.content {
                OID_P224 => 28,
                OID_P256 => 32,
                OID_P384 => 48,
                OID_P521 => 66,
                _ => return bad("unsupported elliptic curve"),
            };
            if key.len() != 1 + 2 * coord || key.first() != Some(&4) {
                return bad("failed to unmarshal elliptic curve point");
            }
            let (p, b) = match curve.content {
                OID_P224 => (P224_P, P224_B),
                OID_P256 => (P256_P, P256_B),
                OID_P384 => (P384_P, P384_B),
                _ => (P521_P, P521_B),
            };
            if !on_nist_curve(p, b, key.get(1..).unwrap_or_default()) {
                return bad("failed to unmarshal elliptic curve point");
            }
            match curve.content {
                OID_P256 => Ok(PublicKey::P256(key.to_vec())),
                OID_P384 => Ok(PublicKey::P384(key.to_vec())),
                _ => Ok(PublicKey::OtherEc),
            }
        }
        OID_ED25519 => {
            if params.is_some() {
                return bad("Ed25519 key encoded with illegal parameters");
            }
            match <[u8; 32]>::try_from(key) {
                Ok(k) => Ok(PublicKey::Ed25519(k)),
                Err(_) => bad("wrong Ed25519 public key size"),
            }
        }
        OID_X25519 | OID_DSA => Ok(PublicKey::Other),
        _ => Ok(PublicKey::Unknown),
    }
}

/// Extended key usages, as far as the serverAuth check needs them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Eku {
    Any,
    ServerAuth,
    Other,
}

/// A parsed certificate. Owns its DER; the `raw_*` accessors return Go's raw slices.
#[derive(Clone, PartialEq, Eq)]
pub struct Certificate {
    pub(super) der: Vec<u8>,
    pub(super) tbs: Range<usize>,
    pub(super) issuer: Range<usize>,
    pub(super) subject: Range<usize>,
    pub(super) spki: Range<usize>,
    pub(super) version: u8,
    pub(super) sig_alg: SignatureAlgorithm,
    pub(super) signature: Vec<u8>,
    pub(super) not_before: i128,
    pub(super) not_after: i128,
    pub(super) key: PublicKey,
    /// `Some((is_ca, max_path_len or -1))` when the basic constraints extension is present.
    pub(super) basic_constraints: Option<(bool, i64)>,
    pub(super) key_usage: u16,
    pub(super) eku: Vec<Eku>,
    pub(super) skid: Vec<u8>,
    pub(super) akid: Vec<u8>,
    pub(super) san: Option<Vec<u8>>,
    pub(super) name_constraints: bool,
    pub(super) policy_constraints: bool,
    pub(super) unhandled_critical: bool,
}

impl std::fmt::Debug for Certificate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Certificate")
            .field("der_len", &self.der.len())
            .field("version", &self.version)
            .field("sig_alg", &self.sig_alg)
            .field("is_ca", &self.basic_constraints)
            .finish_non_exhaustive()
    }
}

pub(super) fn malformed(what: &str) -> Error {
    Error::InvalidCertificate(format!("x509: malformed {what}"))
}

impl Certificate {
    /// Go `x509.ParseCertificate` (see the module docs for what is and is not checked).
    pub fn parse(der: Vec<u8>) -> Result<Self> {
        crate::error::check_size("certificate", der.len())?;
        let parsed = parse_inner(&der)?;
        Ok(parsed.with_der(der))
    }

    /// The whole DER (`Raw`).
    pub fn der(&self) -> &[u8] {
        &self.der
    }
    /// Consumes the certificate, returning its DER.
    pub fn into_der(self) -> Vec<u8> {
        self.der
    }
    pub(super) fn slice(&self, r: &Range<usize>) -> &[u8] {
        self.der.get(r.clone()).unwrap_or_default()
    }
    /// `RawTBSCertificate`.
    pub fn raw_tbs(&self) -> &[u8] {
        self.slice(&self.tbs)
    }
    /// `RawIssuer`.
    pub fn raw_issuer(&self) -> &[u8] {
        self.slice(&self.issuer)
    }
    /// `RawSubject`.
    pub fn raw_subject(&self) -> &[u8] {
        self.slice(&self.subject)
    }
    /// `RawSubjectPublicKeyInfo`: the SPKI DER exactly as it appears in the certificate.
    pub fn raw_spki(&self) -> &[u8] {
        self.slice(&self.spki)
    }
    /// `SubjectKeyId` (empty when absent).
    pub fn subject_key_id(&self) -> &[u8] {
        &self.skid
    }
    /// `AuthorityKeyId` (empty when absent).
    pub fn authority_key_id(&self) -> &[u8] {
        &self.akid
    }
    /// The parsed public key.
    pub fn public_key(&self) -> &PublicKey {
        &self.key
    }
    /// The signature algorithm.
    pub fn signature_algorithm(&self) -> SignatureAlgorithm {
        self.sig_alg
    }
    /// `NotBefore` and `NotAfter` as Unix nanoseconds.
    pub fn validity_unix_nanos(&self) -> (i128, i128) {
        (self.not_before, self.not_after)
    }
    /// `IsCA` (and `BasicConstraintsValid`).
    pub fn is_ca(&self) -> bool {
        matches!(self.basic_constraints, Some((true, _)))
    }
    /// The last common name (CN, 2.5.4.3) of the subject, as Go's `Subject.CommonName`
    /// (its bytes shown as UTF-8); `None` when it has none.
    pub fn subject_common_name(&self) -> Option<String> {
        common_name(self.raw_subject())
    }
    /// The issuer's common name, as [`Certificate::subject_common_name`].
    pub fn issuer_common_name(&self) -> Option<String> {
        common_name(self.raw_issuer())
    }
}

fn common_name(name: &[u8]) -> Option<String> {
    let mut outer = Der::new(name);
    let mut rdns = outer.read(SEQUENCE)?.inner;
    let mut cn = None;
    while let Some(set) = rdns.read_any() {
        let mut atvs = set.inner;
        while let Some(atv) = atvs.read_any() {
            let mut fields = atv.inner;
            let (Some(oid), Some(value)) = (fields.read(OID), fields.read_any()) else {
                continue;
            };
            if oid.content == [0x55, 0x04, 0x03] {
                cn = Some(String::from_utf8_lossy(value.content).into_owned());
            }
        }
    }
    cn
}

pub(super) struct Parsed {
    pub(super) tbs: Range<usize>,
    pub(super) issuer: Range<usize>,
    pub(super) subject: Range<usize>,
    pub(super) spki: Range<usize>,
    pub(super) version: u8,
    pub(super) sig_alg: SignatureAlgorithm,
    pub(super) signature: Vec<u8>,
    pub(super) not_before: i128,
    pub(super) not_after: i128,
    pub(super) key: PublicKey,
    pub(super) exts: Extensions,
}

#[derive(Default)]
pub(super) struct Extensions {
    pub(super) basic_constraints: Option<(bool, i64)>,
    pub(super) key_usage: u16,
    pub(super) eku: Vec<Eku>,
    pub(super) skid: Vec<u8>,
    pub(super) akid: Vec<u8>,
    pub(super) san: Option<Vec<u8>>,
    pub(super) name_constraints: bool,
    pub(super) policy_constraints: bool,
    pub(super) unhandled_critical: bool,
}

impl Parsed {
    pub(super) fn with_der(self, der: Vec<u8>) -> Certificate {
        let e = self.exts;
        Certificate {
            der,
            tbs: self.tbs,
            issuer: self.issuer,
            subject: self.subject,
            spki: self.spki,
            version: self.version,
            sig_alg: self.sig_alg,
            signature: self.signature,
            not_before: self.not_before,
            not_after: self.not_after,
            key: self.key,
            basic_constraints: e.basic_constraints,
            key_usage: e.key_usage,
            eku: e.eku,
            skid: e.skid,
            akid: e.akid,
            san: e.san,
            name_constraints: e.name_constraints,
            policy_constraints: e.policy_constraints,
            unhandled_critical: e.unhandled_critical,
        }
    }
}

pub(super) fn parse_inner(der: &[u8]) -> Result<Parsed> {
    let mut top = Der::new(der);
    let cert = top.read(SEQUENCE).ok_or_else(|| malformed("certificate"))?;
    if !top.is_empty() {
        return Err(Error::InvalidCertificate("x509: trailing data".into()));
    }
    let mut input = cert.inner;
    let tbs_tlv = input
        .read(SEQUENCE)
        .ok_or_else(|| malformed("tbs certificate"))?;
    let mut tbs = tbs_tlv.inner;

    let version = match tbs
        .read_optional(0xa0)
        .ok_or_else(|| malformed("version"))?
    {
        None => 0,
        Some(t) => {
            let mut i = t.inner;
            let v = i
                .read(INTEGER)
                .and_then(|v| integer_i64(v.content))
                .ok_or_else(|| malformed("version"))?;
            if v < 0 || !i.is_empty() {
                return Err(malformed("version"));
            }
            v
        }
    } + 1;
    if version > 3 {
        return Err(Error::InvalidCertificate("x509: invalid version".into()));
    }
    let serial = tbs
        .read(INTEGER)
        .filter(|s| valid_integer(s.content))
        .ok_or_else(|| malformed("serial number"))?;
    if serial.content.first().is_some_and(|b| b & 0x80 != 0) {
        return Err(Error::InvalidCertificate(
            "x509: negative serial number".into(),
        ));
    }
    let sig_ai = tbs
        .read(SEQUENCE)
        .ok_or_else(|| malformed("signature algorithm identifier"))?;
    let outer_ai = input
        .read(SEQUENCE)
        .ok_or_else(|| malformed("algorithm identifier"))?;
    if sig_ai.content != outer_ai.content {
        return Err(Error::InvalidCertificate(
            "x509: inner and outer signature algorithm identifiers don't match".into(),
        ));
    }
    let (sig_oid, sig_params) = parse_ai(sig_ai)?;
    let sig_alg = signature_algorithm(sig_oid, sig_params.as_ref());

    let issuer = tbs.read(SEQUENCE).ok_or_else(|| malformed("issuer"))?;
    if !valid_name(&issuer) {
        return Err(Error::InvalidCertificate(
            "x509: invalid RDNSequence".into(),
        ));
    }
    let validity = tbs.read(SEQUENCE).ok_or_else(|| malformed("validity"))?;
    let mut v = validity.inner;
    let not_before = read_time(&mut v)
        .ok_or_else(|| Error::InvalidCertificate("x509: malformed validity".into()))?;
    let not_after = read_time(&mut v)
        .ok_or_else(|| Error::InvalidCertificate("x509: malformed validity".into()))?;
    let subject = tbs.read(SEQUENCE).ok_or_else(|| malformed("issuer"))?;
    if !valid_name(&subject) {
        return Err(Error::InvalidCertificate(
            "x509: invalid RDNSequence".into(),
        ));
    }
    let spki = tbs.read(SEQUENCE).ok_or_else(|| malformed("spki"))?;
    let mut s = spki.inner;
    let pk_ai = s
        .read(SEQUENCE)
        .ok_or_else(|| malformed("public key algorithm identifier"))?;
    let (pk_oid, pk_params) = parse_ai(pk_ai)?;
    let (pk_bits, pk_unused) = s
        .read(BIT_STRING)
        .and_then(|b| bit_string(b.content))
        .ok_or_else(|| malformed("subjectPublicKey"))?;
    let key = parse_public_key(pk_oid, pk_params.as_ref(), &right_align(pk_bits, pk_unused))?;

    let mut exts = Extensions::default();
    if version > 1 {
        // Go `SkipOptionalASN1` with the exact tags [1] and [2] IMPLICIT (primitive): any
        // other element left in the TBSCertificate (a constructed [1]/[2], or anything
        // after the extensions) is ignored, and is not even length-checked.
        for (tag, what) in [(0x81u8, "issuerUniqueID"), (0x82, "subjectUniqueID")] {
            if tbs.peek_tag() == Some(tag) {
                tbs.read_any().ok_or_else(|| malformed(what))?;
            }
        }
        if version == 3
            && let Some(t) = tbs
                .read_optional(0xa3)
                .ok_or_else(|| malformed("extensions"))?
        {
            let mut i = t.inner;
            let seq = i.read(SEQUENCE).ok_or_else(|| malformed("extensions"))?;
            exts = parse_extensions(seq.inner)?;
        }
    }
    let (sig_bits, sig_unused) = input
        .read(BIT_STRING)
        .and_then(|b| bit_string(b.content))
        .ok_or_else(|| malformed("signature"))?;
    Ok(Parsed {
        tbs: tbs_tlv.full_range(),
        issuer: issuer.full_range(),
        subject: subject.full_range(),
        spki: spki.full_range(),
        version: u8::try_from(version).unwrap_or(3),
        sig_alg,
        signature: right_align(sig_bits, sig_unused),
        not_before,
        not_after,
        key,
        exts,
    })
}

pub(super) fn parse_ai<'a>(ai: Tlv<'a>) -> Result<(&'a [u8], Option<Tlv<'a>>)> {
    let mut d = ai.inner;
    let oid =
        read_oid(&mut d).ok_or_else(|| Error::InvalidCertificate("x509: malformed OID".into()))?;
    let params = if d.is_empty() {
        None
    } else {
        Some(
            d.read_any()
                .ok_or_else(|| Error::InvalidCertificate("x509: malformed parameters".into()))?,
        )
    };
    Ok((oid, params))
}

pub(super) fn parse_extensions(mut d: Der<'_>) -> Result<Extensions> {
    let mut out = Extensions::default();
    let mut seen: std::collections::BTreeSet<&[u8]> = std::collections::BTreeSet::new();
    let bad = |m: &str| Error::InvalidCertificate(format!("x509: {m}"));
    while !d.is_empty() {
        let ext = d.read(SEQUENCE).ok_or_else(|| bad("malformed extension"))?;
        let mut e = ext.inner;
        let oid = read_oid(&mut e).ok_or_else(|| bad("malformed extension OID field"))?;
        let critical = match e
            .read_optional(BOOLEAN)
            .ok_or_else(|| bad("malformed extension critical field"))?
        {
            None => false,
            Some(b) => match b.content {
                [0x00] => false,
                [0xff] => true,
                _ => return Err(bad("malformed extension critical field")),
            },
        };
        let value = e
            .read(OCTET_STRING)
            .ok_or_else(|| bad("malformed extension value field"))?
            .content;
        if !seen.insert(oid) {
            return Err(bad("certificate contains duplicate extension"));
        }
        let mut unhandled = false;
        match oid {
            [0x55, 0x1d, n] => match n {
                15 => {
                    let mut v = Der::new(value);
                    let (bits, unused) = v
                        .read(BIT_STRING)
                        .and_then(|b| bit_string(b.content))
                        .ok_or_else(|| bad("invalid key usage"))?;
                    let _ = unused;
                    let mut usage = 0u16;
                    for i in 0..9u16 {
                        let byte = bits.get(usize::from(i / 8)).copied().unwrap_or(0);
                        if byte & (0x80 >> (i % 8)) != 0 {
                            usage |= 1 << i;
                        }
                    }
                    out.key_usage = usage;
                }
                19 => {
                    let mut v = Der::new(value);
                    let seq = v
                        .read(SEQUENCE)
                        .ok_or_else(|| bad("invalid basic constraints"))?;
                    let mut s = seq.inner;
                    let is_ca = match s
                        .read_optional(BOOLEAN)
                        .ok_or_else(|| bad("invalid basic constraints"))?
                    {
                        None => false,
                        Some(b) => match b.content {
                            [0x00] => false,
                            [0xff] => true,
                            _ => return Err(bad("invalid basic constraints")),
                        },
                    };
                    let max_path_len = match s
                        .read_optional(INTEGER)
                        .ok_or_else(|| bad("invalid basic constraints"))?
                    {
                        None => -1,
                        // Go reads it into a uint: negative values are invalid.
                        Some(i) => integer_i64(i.content)
                            .filter(|v| *v >= 0)
                            .ok_or_else(|| bad("invalid basic constraints"))?,
                    };
                    out.basic_constraints = Some((is_ca, max_path_len));
                }
                17 => {
                    let mut v = Der::new(value);
                    let seq = v
                        .read(SEQUENCE)
                        .ok_or_else(|| bad("invalid subject alternative names"))?;
                    // Go: a SAN with no name it understands is "unhandled" when critical.
                    let mut names = seq.inner;
                    let mut any_known = false;
                    while !names.is_empty() {
                        let n = names
                            .read_any()
                            .ok_or_else(|| bad("invalid subject alternative name"))?;
                        match n.tag {
                            // rfc822Name, dNSName, URI: IA5 (URI syntax is not checked here)
                            0x81 | 0x82 | 0x86 => {
                                if !n.content.is_ascii() {
                                    return Err(bad("SAN is malformed"));
                                }
                                any_known = true;
                            }
                            0x87 => {
                                if !matches!(n.content.len(), 4 | 16) {
                                    return Err(bad("cannot parse IP address"));
                                }
                                any_known = true;
                            }
                            _ => {}
                        }
                    }
                    unhandled = !any_known;
                    out.san = Some(value.to_vec());
                }
                31 => {
                    let mut v = Der::new(value);
                    let seq = v
                        .read(SEQUENCE)
                        .ok_or_else(|| bad("invalid CRL distribution points"))?;
                    let mut dps = seq.inner;
                    while !dps.is_empty() {
                        let dp = dps
                            .read(SEQUENCE)
                            .ok_or_else(|| bad("invalid CRL distribution point"))?;
                        let mut dp = dp.inner;
                        let Some(name) = dp
                            .read_optional(0xa0)
                            .ok_or_else(|| bad("invalid CRL distribution point"))?
                        else {
                            continue;
                        };
                        let mut name = name.inner;
                        let full = name
                            .read(0xa0)
                            .ok_or_else(|| bad("invalid CRL distribution point"))?;
                        let mut full = full.inner;
                        while full.peek_tag() == Some(0x86) {
                            full.read_any()
                                .ok_or_else(|| bad("invalid CRL distribution point"))?;
                        }
                    }
                }
                32 => {
                    let mut v = Der::new(value);
                    let seq = v
                        .read(SEQUENCE)
                        .ok_or_else(|| bad("invalid certificate policies"))?;
                    let mut pols = seq.inner;
                    let mut seen_policies = std::collections::BTreeSet::new();
                    while !pols.is_empty() {
                        let oid = pols
                            .read(SEQUENCE)
                            .and_then(|p| {
                                let mut p = p.inner;
                                p.read(OID)
                            })
                            .map(|o| o.content)
                            .filter(|o| valid_oid_unbounded(o) && seen_policies.insert(*o))
                            .ok_or_else(|| bad("invalid certificate policies"))?;
                        let _ = oid;
                    }
                }
                33 => {
                    let mut v = Der::new(value);
                    let seq = v
                        .read(SEQUENCE)
                        .ok_or_else(|| bad("invalid policy mappings extension"))?;
                    let mut maps = seq.inner;
                    while !maps.is_empty() {
                        let ok = maps.read(SEQUENCE).is_some_and(|m| {
                            let mut m = m.inner;
                            m.read(OID).is_some() && m.read(OID).is_some()
                        });
                        if !ok {
                            return Err(bad("invalid policy mappings extension"));
                        }
                    }
                }
                36 => {
                    let mut v = Der::new(value);
                    let seq = v
                        .read(SEQUENCE)
                        .ok_or_else(|| bad("invalid policy constraints extension"))?;
                    let mut pc = seq.inner;
                    for tag in [0x80u8, 0x81] {
                        if pc.peek_tag() == Some(tag) {
                            pc.read_any()
                                .and_then(|i| integer_i64(i.content))
                                .ok_or_else(|| bad("invalid policy constraints extension"))?;
                        }
                    }
                    out.policy_constraints = true;
                }
                54 => {
                    let mut v = Der::new(value);
                    v.read(INTEGER)
                        .and_then(|i| integer_i64(i.content))
                        .ok_or_else(|| bad("invalid inhibit any policy extension"))?;
                }
                30 => out.name_constraints = true,
                37 => {
                    let mut v = Der::new(value);
                    let seq = v
                        .read(SEQUENCE)
                        .ok_or_else(|| bad("invalid extended key usages"))?;
                    let mut s = seq.inner;
                    while !s.is_empty() {
                        let o =
                            read_oid(&mut s).ok_or_else(|| bad("invalid extended key usages"))?;
                        out.eku.push(match o {
                            OID_EKU_ANY => Eku::Any,
                            OID_EKU_SERVER_AUTH => Eku::ServerAuth,
                            _ => Eku::Other,
                        });
                    }
                }
                14 => {
                    if critical {
                        return Err(bad("subject key identifier incorrectly marked critical"));
                    }
                    let mut v = Der::new(value);
                    out.skid = v
                        .read(OCTET_STRING)
                        .ok_or_else(|| bad("invalid subject key identifier"))?
                        .content
                        .to_vec();
                }
                35 => {
                    if critical {
                        return Err(bad("authority key identifier incorrectly marked critical"));
                    }
                    let mut v = Der::new(value);
                    let seq = v
                        .read(SEQUENCE)
                        .ok_or_else(|| bad("invalid authority key identifier"))?;
                    let mut s = seq.inner;
                    if let Some(k) = s
                        .read_optional(0x80)
                        .ok_or_else(|| bad("invalid authority key identifier"))?
                    {
                        out.akid = k.content.to_vec();
                    }
                }
                _ => unhandled = true,
            },
            OID_AIA => {
                if critical {
                    return Err(bad("authority info access incorrectly marked critical"));
                }
                // SEQUENCE OF SEQUENCE { OID, [6] IA5 URI (only that form is read) }
                let mut v = Der::new(value);
                let seq = v
                    .read(SEQUENCE)
                    .ok_or_else(|| bad("invalid authority info access"))?;
                let mut ads = seq.inner;
                while !ads.is_empty() {
                    let ad = ads
                        .read(SEQUENCE)
                        .ok_or_else(|| bad("invalid authority info access"))?;
                    let mut ad = ad.inner;
                    read_oid(&mut ad).ok_or_else(|| bad("invalid authority info access"))?;
                    if ad.peek_tag() == Some(0x86) {
                        ad.read_any()
                            .ok_or_else(|| bad("invalid authority info access"))?;
                    }
                }
            }
            _ => unhandled = true,
        }
        if critical && unhandled {
            out.unhandled_critical = true;
        }
    }
    Ok(out)
}

#[cfg(all(test, feature = "chain"))]
mod tests {
    use super::*;

    /// The Montgomery product times R is the plain product mod p, on every curve's field,
    /// for pseudo-random residues and the edges 0, 1, p - 1.
    #[test]
    fn montgomery_product_is_the_product() {
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for p_hex in [P224_P, P256_P, P384_P, P521_P] {
            let pb = hex_bytes(p_hex);
            let n = pb.len().div_ceil(4) + 1;
            let p = Field::from_be(&pb, n);
            let m = Mont::new(&p);
            let mut r = Field::from_be(&[1], n);
            for _ in 0..32 * n {
                r = r.add_mod(&r, &p);
            }
            let mut p_minus_1 = p.clone();
            p_minus_1.sub(&Field::from_be(&[1], n));
            let mut values = vec![Field::from_be(&[], n), Field::from_be(&[1], n), p_minus_1];
            for _ in 0..40 {
                let bytes: Vec<u8> = (0..pb.len()).map(|_| next().to_le_bytes()[3]).collect();
                let mut v = Field::from_be(&bytes, n);
                while v.at_least(&p) {
                    v.sub(&p);
                }
                values.push(v);
            }
            for a in &values {
                for b in values.iter().take(8) {
                    let want = a.mul_mod(b, &p);
                    assert!(m.mul(a, b).mul_mod(&r, &p) == want, "{p_hex}");
                }
            }
        }
    }
    use crate::x509::signature::{Hash, check_signature};

    #[test]
    fn der_lengths() {
        assert!(
            Der::new(&[0x30, 0x81, 0x05, 0, 0, 0, 0, 0])
                .read_any()
                .is_none()
        );
        assert!(Der::new(&[0x30, 0x80]).read_any().is_none());
        assert!(Der::new(&[0x30, 0x03, 0]).read_any().is_none());
        assert!(Certificate::parse(vec![]).is_err());
        assert!(Certificate::parse(vec![0x30, 0x00]).is_err());
    }

    /// Every certificate of a reproducer bundle in core/testdata/x509-repro, parsed.
    fn repro(pem: &str) -> Vec<Result<Certificate>> {
        let blocks = crate::go::pem::decode_all(pem.as_bytes());
        assert!(!blocks.is_empty());
        blocks
            .into_iter()
            .map(|b| Certificate::parse(b.bytes))
            .collect()
    }

    #[test]
    fn unique_ids_only_exact_primitive_tags_are_consumed() {
        // Go skips only 0x81/0x82 and ignores whatever else follows in the TBS.
        for pem in [
            include_str!("../../testdata/x509-repro/unique-id-tag-go-accepts.pem"),
            include_str!("../../testdata/x509-repro/unique-id-tag-go-accepts-2.pem"),
            include_str!("../../testdata/x509-repro/unique-id-tag-go-accepts-3.pem"),
        ] {
            for c in repro(pem) {
                assert!(c.is_ok(), "{c:?}");
            }
        }
    }

    #[test]
    fn eku_with_malformed_oid_is_rejected() {
        let certs = repro(include_str!("../../testdata/x509-repro/eku-go-rejects.pem"));
        assert!(certs.iter().any(|c| matches!(c,
            Err(Error::InvalidCertificate(m)) if m == "x509: invalid extended key usages")));
    }

    #[test]
    fn ec_key_bits_are_right_aligned_and_checked() {
        // The P-384 key's BIT STRING has one padding bit: Go right-aligns the bits, and the
        // shifted point is not on the curve.
        let certs = repro(include_str!(
            "../../testdata/x509-repro/ec-point-go-rejects.pem"
        ));
        assert!(certs.iter().any(|c| matches!(c,
            Err(Error::InvalidCertificate(m)) if m.contains("elliptic curve point"))));
    }

    #[test]
    fn rsa_key_parsing_is_as_lenient_as_go() {
        let certs = repro(include_str!(
            "../../testdata/x509-repro/rsa-key-go-accepts.pem"
        ));
        let first = match certs.first() {
            Some(Ok(c)) => c,
            other => panic!("{other:?}"),
        };
        assert!(matches!(first.public_key(), PublicKey::Rsa { e: 1, .. }));
        assert!(certs.iter().all(Result::is_ok));
        // crypto/rsa's rules still apply when verifying: exponent 1 cannot verify.
        let sig_alg = SignatureAlgorithm::RsaPkcs1(Hash::Sha256);
        assert!(!check_signature(
            sig_alg,
            b"x",
            &[0; 256],
            first.public_key()
        ));
    }

    #[test]
    fn right_align_matches_go() {
        assert_eq!(right_align(&[0xab, 0xcd], 0), vec![0xab, 0xcd]);
        assert_eq!(right_align(&[0xab, 0xc0], 4), vec![0x0a, 0xbc]);
        assert_eq!(right_align(&[0x81, 0x02], 1), vec![0x40, 0x81]);
        assert!(right_align(&[], 0).is_empty());
    }

    #[test]
    fn p224_p521_points_are_checked() {
        let p224 = hex_bytes(
            "888383389a8a1f96d90675a2101e771cc619d780e6870f1cab03241f4715da07bc39a10e55\
             a4f28e0f1dd70dc51c2b2cdff3257ac508c490",
        );
        let p521 = hex_bytes(
            "0162d03a9b41a0aa342a74d74b21afd845c5b11cff03446e9344fd93eeda048004017c964e\
             05136b8bb32b512298c102ec4bdd570595936579d985c0c583a48f755101715ee139e5fb\
             cfff728e1850ad1dae133978a066edf56183f82d9f454082bc748155bf3c93871d581c86\
             cd64c6059394b841c38773f2b918f9be219d96012cc4b5",
        );
        // The generators of P-256 and P-384 (SEC 2).
        let p256 = hex_bytes(
            "6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296\
             4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5",
        );
        let p384 = hex_bytes(
            "aa87ca22be8b05378eb1c71ef320ad746e1d3b628ba79b9859f741e082542a385502f25dbf55296c3a545e3872760ab7\
             3617de4a96262c6f5d9e98bf9292dc29f8f41dbd289a147ce9da3113b5f0b8c00a60b1ce1d7e819d7a431d7c90ea0e5f",
        );
        assert!(on_nist_curve(P224_P, P224_B, &p224));
        assert!(on_nist_curve(P521_P, P521_B, &p521));
        for (p, b, good) in [
            (P224_P, P224_B, &p224),
            (P256_P, P256_B, &p256),
            (P384_P, P384_B, &p384),
            (P521_P, P521_B, &p521),
        ] {
            assert!(on_nist_curve(p, b, good));
            // the crates agree (they verify signatures in the full build)
            let mut sec1 = vec![4u8];
            sec1.extend_from_slice(good);
            if p == P256_P {
                assert!(p256::ecdsa::VerifyingKey::from_sec1_bytes(&sec1).is_ok());
            }
            if p == P384_P {
                assert!(p384::ecdsa::VerifyingKey::from_sec1_bytes(&sec1).is_ok());
            }
            let mut off = good.clone();
            if let Some(last) = off.last_mut() {
                *last ^= 1;
            }
            assert!(!on_nist_curve(p, b, &off));
            assert!(!on_nist_curve(p, b, good.get(1..).unwrap_or_default()));
            // a coordinate equal to p is not reduced
            let mut unreduced = hex_bytes(p);
            unreduced.extend_from_slice(good.get(good.len() / 2..).unwrap_or_default());
            assert!(!on_nist_curve(p, b, &unreduced));
        }
    }

    /// Extensions parsed on their own (values are the DER of the extnValue content).
    fn exts(list: &[(&[u8], &[u8])]) -> Result<Extensions> {
        let mut der = Vec::new();
        for (oid, value) in list {
            let mut e = vec![OID, u8::try_from(oid.len()).unwrap_or(0)];
            e.extend_from_slice(oid);
            e.extend_from_slice(&[OCTET_STRING, u8::try_from(value.len()).unwrap_or(0)]);
            e.extend_from_slice(value);
            der.extend_from_slice(&[SEQUENCE, u8::try_from(e.len()).unwrap_or(0)]);
            der.extend_from_slice(&e);
        }
        parse_extensions(Der::new(&der))
    }

    #[test]
    fn basic_constraints_path_length_must_not_be_negative() {
        let bc = |v: &[u8]| exts(&[(&[0x55, 0x1d, 19], v)]).map(|e| e.basic_constraints);
        let ok = bc(&[0x30, 0x06, 0x01, 0x01, 0xff, 0x02, 0x01, 0x02]);
        assert!(matches!(ok, Ok(Some((true, 2)))));
        let neg = bc(&[0x30, 0x06, 0x01, 0x01, 0xff, 0x02, 0x01, 0xff]);
        assert!(
            matches!(neg, Err(Error::InvalidCertificate(m)) if m.contains("basic constraints"))
        );
    }

    #[test]
    fn san_ip_lengths() {
        let san = |ip: &[u8]| {
            let mut v = vec![0x30, u8::try_from(ip.len() + 2).unwrap_or(0), 0x87];
            v.push(u8::try_from(ip.len()).unwrap_or(0));
            v.extend_from_slice(ip);
            exts(&[(&[0x55, 0x1d, 17], &v)])
        };
        // Go 1.26 accepts an IPv4-mapped IPv6 address (the oracle agrees; newer Go
        // releases reject it).
        let mut mapped = [0u8; 16];
        mapped[10] = 0xff;
        mapped[11] = 0xff;
        assert!(san(&mapped).is_ok());
        assert!(san(&[10, 0, 0, 1]).is_ok());
        assert!(matches!(san(&[10, 0, 0]),
            Err(Error::InvalidCertificate(m)) if m.contains("cannot parse IP address")));
    }

    #[test]
    fn p224_p521_certificates_as_go() {
        // Go's answers (oracle `pem_hashes`) for these files: the hash, or an error.
        let ok = [
            (
                include_str!("../../testdata/x509-repro/p521-key-go-accepts.pem"),
                "sha256:225fa112777ddfcd99499bfeebb180bd675fbd13011a0454033136e1ed93d49c",
            ),
            (
                include_str!("../../testdata/x509-repro/p224-key-go-accepts.pem"),
                "sha256:2291b3b3bbc9792892271b989a9dc8b896b23689304a10474d284679521bdf64",
            ),
        ];
        for (pem, hash) in ok {
            let hashes = crate::pin::hashes_from_pem(pem.as_bytes());
            assert!(
                matches!(hashes.as_deref(), Ok([h]) if h == hash),
                "{hashes:?}"
            );
        }
        for pem in [
            include_str!("../../testdata/x509-repro/p521-point-off-curve-go-rejects.pem"),
            include_str!("../../testdata/x509-repro/p224-point-off-curve-go-rejects.pem"),
            include_str!("../../testdata/x509-repro/negative-path-length-go-rejects.pem"),
        ] {
            assert!(crate::pin::hashes_from_pem(pem.as_bytes()).is_err());
        }
    }

    #[test]
    fn version_with_trailing_bytes_is_malformed() {
        // [0] { INTEGER 2, NULL }: cryptobyte's ReadOptionalASN1Integer wants nothing after.
        let tbs = [
            0x30, 0x09, 0xa0, 0x05, 0x02, 0x01, 0x02, 0x05, 0x00, 0x02, 0x00,
        ];
        let mut der = vec![0x30, u8::try_from(tbs.len()).unwrap_or(0)];
        der.extend_from_slice(&tbs);
        assert!(matches!(Certificate::parse(der),
            Err(Error::InvalidCertificate(m)) if m == "x509: malformed version"));
    }
}
