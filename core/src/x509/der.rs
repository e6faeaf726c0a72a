//! A DER reader that keeps certificate offsets, the primitive checks Go's
//! `encoding/asn1` and `x509` parsers make, and the object identifiers we know.

use std::ops::Range;

pub(super) const SEQUENCE: u8 = 0x30;
pub(super) const INTEGER: u8 = 0x02;
pub(super) const BIT_STRING: u8 = 0x03;
pub(super) const OCTET_STRING: u8 = 0x04;
pub(super) const NULL: u8 = 0x05;
pub(super) const OID: u8 = 0x06;
pub(super) const BOOLEAN: u8 = 0x01;
pub(super) const UTC_TIME: u8 = 0x17;
pub(super) const GENERALIZED_TIME: u8 = 0x18;

/// A cursor over DER bytes that remembers its offset in the whole certificate.
#[derive(Clone, Copy)]
pub(super) struct Der<'a> {
    pub(super) data: &'a [u8],
    pub(super) base: usize,
}

/// One TLV: its tag, content and the ranges (in certificate offsets) of content and whole.
#[derive(Clone, Copy)]
pub(super) struct Tlv<'a> {
    pub(super) tag: u8,
    pub(super) content: &'a [u8],
    pub(super) inner: Der<'a>,
    pub(super) full: (usize, usize),
}

impl<'a> Tlv<'a> {
    pub(super) fn full_range(&self) -> Range<usize> {
        self.full.0..self.full.1
    }
}

impl<'a> Der<'a> {
    pub(super) fn new(data: &'a [u8]) -> Self {
        Der { data, base: 0 }
    }
    pub(super) fn is_empty(&self) -> bool {
        self.data.is_empty()
    }
    pub(super) fn peek_tag(&self) -> Option<u8> {
        self.data.first().copied()
    }
    /// Reads one DER element (single-byte tag, definite minimal length).
    pub(super) fn read_any(&mut self) -> Option<Tlv<'a>> {
        let tag = *self.data.first()?;
        if tag & 0x1f == 0x1f {
            return None; // high tag numbers: not used in certificates
        }
        let first = *self.data.get(1)?;
        let (len, hdr) = if first < 0x80 {
            (usize::from(first), 2)
        } else {
            let n = usize::from(first & 0x7f);
            if n == 0 || n > 4 {
                return None; // indefinite or absurd
            }
            let bytes = self.data.get(2..2 + n)?;
            if bytes.first() == Some(&0) {
                return None; // non-minimal
            }
            let len = bytes.iter().fold(0usize, |a, &b| (a << 8) | usize::from(b));
            if len < 0x80 {
                return None; // should have used the short form
            }
            (len, 2 + n)
        };
        let end = hdr.checked_add(len)?;
        let content = self.data.get(hdr..end)?;
        let tlv = Tlv {
            tag,
            content,
            inner: Der {
                data: content,
                base: self.base + hdr,
            },
            full: (self.base, self.base + end),
        };
        self.data = self.data.get(end..)?;
        self.base += end;
        Some(tlv)
    }
    pub(super) fn read(&mut self, tag: u8) -> Option<Tlv<'a>> {
        if self.peek_tag()? != tag {
            return None;
        }
        self.read_any()
    }
    pub(super) fn read_optional(&mut self, tag: u8) -> Option<Option<Tlv<'a>>> {
        if self.peek_tag() == Some(tag) {
            self.read_any().map(Some)
        } else {
            Some(None)
        }
    }
}

/// cryptobyte's integer rules: non-empty, minimally encoded.
pub(super) fn valid_integer(c: &[u8]) -> bool {
    match c {
        [] => false,
        [0, b, ..] if b & 0x80 == 0 => false,
        [0xff, b, ..] if b & 0x80 != 0 => false,
        _ => true,
    }
}

pub(super) fn integer_i64(c: &[u8]) -> Option<i64> {
    if !valid_integer(c) || c.len() > 8 {
        return None;
    }
    let neg = c.first().is_some_and(|b| b & 0x80 != 0);
    let mut v: i64 = if neg { -1 } else { 0 };
    for &b in c {
        v = (v << 8) | i64::from(b);
    }
    Some(v)
}

/// cryptobyte `ReadASN1BitString` + `RightAlign` for byte-aligned strings: the bytes
/// after the unused-bits octet, with the padding rules checked.
pub(super) fn bit_string(c: &[u8]) -> Option<(&[u8], u8)> {
    let (&unused, rest) = c.split_first()?;
    if unused > 7 || (rest.is_empty() && unused != 0) {
        return None;
    }
    if let Some(&last) = rest.last()
        && last & ((1u8 << unused) - 1) != 0
    {
        return None;
    }
    Some((rest, unused))
}

/// `asn1.BitString.RightAlign`: the bits shifted right by the padding, so that the last
/// bit of the string is the last bit of the result (same length; Go uses this for the
/// public key and the signature).
pub(super) fn right_align(bytes: &[u8], unused: u8) -> Vec<u8> {
    if unused == 0 || bytes.is_empty() {
        return bytes.to_vec();
    }
    let shift = u32::from(unused);
    let mut out = Vec::with_capacity(bytes.len());
    let mut prev = 0u8;
    for (i, &b) in bytes.iter().enumerate() {
        let carry = if i == 0 {
            0
        } else {
            prev.wrapping_shl(8 - shift)
        };
        out.push(carry | (b >> shift));
        prev = b;
    }
    out
}

/// cryptobyte `ReadASN1ObjectIdentifier`: non-empty, each sub-identifier minimal, at most
/// 5 bytes and below 2^31, the last one terminated.
pub(super) fn valid_oid(c: &[u8]) -> bool {
    if c.is_empty() {
        return false;
    }
    let mut i = 0usize;
    let mut value: u64 = 0;
    for &b in c {
        if i == 5 || value >= 1 << (31 - 7) || (i == 0 && b == 0x80) {
            return false;
        }
        value = (value << 7) | u64::from(b & 0x7f);
        if b & 0x80 == 0 {
            i = 0;
            value = 0;
        } else {
            i += 1;
        }
    }
    i == 0
}

/// Go `newOIDFromDER` (certificate policies): like [`valid_oid`] without the size limit.
pub(super) fn valid_oid_unbounded(c: &[u8]) -> bool {
    let mut start = true;
    for &b in c {
        if start && b == 0x80 {
            return false;
        }
        start = b & 0x80 == 0;
    }
    start && !c.is_empty()
}

pub(super) fn read_oid<'a>(d: &mut Der<'a>) -> Option<&'a [u8]> {
    d.read(OID).map(|t| t.content).filter(|c| valid_oid(c))
}

pub(super) fn is_printable(b: u8) -> bool {
    b.is_ascii_alphanumeric()
        || matches!(b, b'\''..=b')' | b'+'..=b'/' | b' ' | b':' | b'=' | b'?' | b'*' | b'&')
}

/// Go `parseASN1String` acceptance (the decoded string itself is not needed).
pub(super) fn valid_asn1_string(tag: u8, v: &[u8]) -> bool {
    match tag {
        20 => true,                                               // T61String (as Latin-1)
        19 => v.iter().all(|&b| is_printable(b)),                 // PrintableString
        12 => std::str::from_utf8(v).is_ok(),                     // UTF8String
        22 => v.iter().all(u8::is_ascii),                         // IA5String
        18 => v.iter().all(|&b| b.is_ascii_digit() || b == b' '), // NumericString
        30 => {
            // BMPString: UCS-2, no surrogates or non-characters; a 0x0000 terminator is dropped
            if !v.len().is_multiple_of(2) {
                return false;
            }
            let v = v.strip_suffix(&[0, 0]).unwrap_or(v);
            v.chunks(2).all(|p| {
                let point = p.iter().fold(0u16, |a, &b| (a << 8) | u16::from(b));
                !(point == 0xfffe
                    || point == 0xffff
                    || (0xfdd0..=0xfdef).contains(&point)
                    || (0xd800..=0xdfff).contains(&point))
            })
        }
        _ => false,
    }
}

/// Go `parseName`: SEQUENCE OF SET OF SEQUENCE { OID, string }.
pub(super) fn valid_name(name: &Tlv<'_>) -> bool {
    let mut rdns = name.inner;
    while !rdns.is_empty() {
        let Some(set) = rdns.read(0x31) else {
            return false;
        };
        let mut set = set.inner;
        while !set.is_empty() {
            let Some(atv) = set.read(SEQUENCE) else {
                return false;
            };
            let mut atv = atv.inner;
            if read_oid(&mut atv).is_none() {
                return false;
            }
            let Some(value) = atv.read_any() else {
                return false;
            };
            if !valid_asn1_string(value.tag, value.content) {
                return false;
            }
        }
    }
    true
}

// Object identifiers, as DER content bytes.
pub(super) const OID_RSA: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];
pub(super) const OID_EC: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01];
pub(super) const OID_ED25519: &[u8] = &[0x2b, 0x65, 0x70];
pub(super) const OID_X25519: &[u8] = &[0x2b, 0x65, 0x6e];
pub(super) const OID_DSA: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x38, 0x04, 0x01];
pub(super) const OID_P224: &[u8] = &[0x2b, 0x81, 0x04, 0x00, 0x21];
pub(super) const OID_P256: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07];
pub(super) const OID_P384: &[u8] = &[0x2b, 0x81, 0x04, 0x00, 0x22];
pub(super) const OID_P521: &[u8] = &[0x2b, 0x81, 0x04, 0x00, 0x23];
pub(super) const OID_RSA_PSS: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0a];
pub(super) const OID_MGF1: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x08];
pub(super) const OID_SHA256: &[u8] = &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01];
pub(super) const OID_SHA384: &[u8] = &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02];
pub(super) const OID_SHA512: &[u8] = &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03];
pub(super) const OID_EKU_ANY: &[u8] = &[0x55, 0x1d, 0x25, 0x00];
pub(super) const OID_EKU_SERVER_AUTH: &[u8] = &[0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x01];
pub(super) const OID_AIA: &[u8] = &[0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x01, 0x01];
