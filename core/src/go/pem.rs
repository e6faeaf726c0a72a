//! PEM decoding with Go `encoding/pem` semantics, and client-go's `ParseCertsPEM`.
//!
//! [`decode`] mirrors Go's `pem.Decode` rule for rule: text before a `-----BEGIN` line is
//! skipped (the marker must start the input or follow a `\n`), `Key: value` header lines
//! are collected, the END line must repeat the type and end with only spaces/tabs, the
//! body is base64 with spaces, tabs, `\r` and `\n` ignored, padding required and
//! non-zero trailing bits tolerated (Go's `StdEncoding`). A candidate that fails any of
//! these rules is skipped and the search goes on after its BEGIN line, as in Go.
//!
//! [`certificates`] is `k8s.io/client-go/util/cert.ParseCertsPEM` (also rancher
//! dynamiclistener `cert.ParseCertsPEM`, which k3s uses): only `CERTIFICATE` blocks
//! without headers count, each must parse as an X.509 certificate, and at least one is
//! required.

use crate::error::{Error, Result};
use crate::x509::Certificate;

/// The block type client-go accepts as a certificate.
pub const CERTIFICATE_BLOCK_TYPE: &str = "CERTIFICATE";

pub use crate::limits::MAX_CERTIFICATES;

/// The error client-go (and dynamiclistener) return when no certificate was found.
pub const NO_CERTIFICATES: &str = "data does not contain any valid RSA or ECDSA certificates";

const PEM_START: &[u8] = b"\n-----BEGIN ";
const PEM_END: &[u8] = b"\n-----END ";
const PEM_START_BARE: &[u8] = b"-----BEGIN ";
const PEM_END_BARE: &[u8] = b"-----END ";
const PEM_END_OF_LINE: &[u8] = b"-----";

/// One decoded PEM block (Go `pem.Block`).
#[derive(Clone, PartialEq, Eq)]
pub struct Block {
    /// The type from the BEGIN line, e.g. `CERTIFICATE`.
    pub kind: String,
    /// Header lines (`Key: value`) in input order. Go keeps them in a map, so a repeated
    /// key keeps its last value there; we keep every line.
    pub headers: Vec<(String, String)>,
    /// The base64-decoded body.
    pub bytes: Vec<u8>,
}

impl std::fmt::Debug for Block {
    // The body may be a private key: show only its size.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Block")
            .field("kind", &self.kind)
            .field("headers", &self.headers.len())
            .field("bytes", &format_args!("{} bytes", self.bytes.len()))
            .finish()
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    hay.windows(needle.len()).position(|w| w == needle)
}

fn trim_right_space_tab(mut s: &[u8]) -> &[u8] {
    while let [rest @ .., b' ' | b'\t'] = s {
        s = rest;
    }
    s
}

fn trim_space(s: &[u8]) -> &[u8] {
    // Go bytes.TrimSpace on ASCII whitespace (Unicode spaces beyond ASCII are rare in PEM
    // headers and do not affect which blocks count).
    let is_space = |b: &u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c);
    let start = s.iter().position(|b| !is_space(b)).unwrap_or(s.len());
    let end = s
        .iter()
        .rposition(|b| !is_space(b))
        .map_or(start, |e| e + 1);
    s.get(start..end).unwrap_or_default()
}

/// Go `getLine`: the first `\n` or `\r\n` delimited line without trailing spaces/tabs,
/// and the rest after the newline.
fn get_line(data: &[u8]) -> (&[u8], &[u8]) {
    let (mut i, j) = match data.iter().position(|&b| b == b'\n') {
        None => (data.len(), data.len()),
        Some(i) => (i, i + 1),
    };
    if i > 0 && i < data.len() && data.get(i - 1) == Some(&b'\r') {
        i -= 1;
    }
    let line = data.get(..i).unwrap_or_default();
    (
        trim_right_space_tab(line),
        data.get(j..).unwrap_or_default(),
    )
}

/// The PEM body: `removeSpacesAndTabs`, then Go's decoder (which skips `\r`, `\n`).
fn decode_body(body: &[u8]) -> Option<Vec<u8>> {
    crate::go::base64::decode(body, b" \t")
}

/// Go `pem.Decode`: the next block and the rest of the input after it, or `None` and the
/// whole input when no further block can be decoded.
pub fn decode(data: &[u8]) -> (Option<Block>, &[u8]) {
    match Scanner::new(data).decode_from(0) {
        Some((block, next)) => (Some(block), data.get(next..).unwrap_or_default()),
        None => (None, data),
    }
}

/// Every block Go's `pem.Decode` loop would find (stopping at the first `None`).
pub fn decode_all(data: &[u8]) -> Vec<Block> {
    let mut scanner = Scanner::new(data);
    let mut out = Vec::new();
    let mut pos = 0;
    while pos < data.len() {
        match scanner.decode_from(pos) {
            Some((b, next)) => {
                out.push(b);
                pos = next;
            }
            None => break,
        }
    }
    out
}

/// At most this many header lines per block (Go has no limit; real PEM has one or two).
/// A block with more is skipped like any other malformed candidate.
pub const MAX_HEADER_LINES: usize = 64;

/// Go's decoder re-scans the input after every failed candidate, which is quadratic on
/// hostile input. We find the same blocks in linear time: END markers and bytes that can
/// never occur in a base64 body are indexed once, header lines are capped, and the line
/// scanning that remains is bounded by a work budget (exceeding it ends decoding, which
/// only happens on inputs built to be slow).
struct Scanner<'a> {
    data: &'a [u8],
    /// Offsets of every `\n-----END `.
    ends: Vec<usize>,
    /// Offsets of every byte that makes a base64 body invalid.
    bad: Vec<usize>,
    budget: usize,
}

impl<'a> Scanner<'a> {
    fn new(data: &'a [u8]) -> Self {
        let ends = data
            .windows(PEM_END.len())
            .enumerate()
            .filter(|(_, w)| *w == PEM_END)
            .map(|(i, _)| i)
            .collect();
        let bad = data
            .iter()
            .enumerate()
            .filter(|(_, b)| {
                !(b.is_ascii_alphanumeric()
                    || matches!(b, b'+' | b'/' | b'=' | b' ' | b'\t' | b'\r' | b'\n'))
            })
            .map(|(i, _)| i)
            .collect();
        Scanner {
            data,
            ends,
            bad,
            budget: data.len().saturating_mul(16).saturating_add(4096),
        }
    }

    fn line(&mut self, at: usize) -> Option<(&'a [u8], usize)> {
        let rest = self.data.get(at..)?;
        let (line, next) = get_line(rest);
        let used = rest.len() - next.len();
        self.budget = self.budget.checked_sub(used.max(1))?;
        Some((line, self.data.len() - next.len()))
    }

    fn next_end(&self, from: usize) -> Option<usize> {
        let i = self.ends.partition_point(|&e| e < from);
        self.ends.get(i).copied()
    }

    fn body_has_bad_byte(&self, from: usize, to: usize) -> bool {
        let i = self.bad.partition_point(|&b| b < from);
        self.bad.get(i).is_some_and(|&b| b < to)
    }

    /// Go `pem.Decode(data[start..])`: the block and the offset of the rest.
    fn decode_from(&mut self, start: usize) -> Option<(Block, usize)> {
        let data = self.data;
        let mut pos = start;
        loop {
            let rest = data.get(pos..)?;
            if rest.starts_with(PEM_START_BARE) {
                pos += PEM_START_BARE.len();
            } else {
                pos += find(rest, PEM_START)? + PEM_START.len();
            }
            let (type_line, after_type) = self.line(pos)?;
            pos = after_type;
            let Some(type_line) = type_line.strip_suffix(PEM_END_OF_LINE) else {
                continue;
            };
            let mut headers: Vec<(String, String)> = Vec::new();
            let mut too_many = false;
            loop {
                if pos >= data.len() {
                    return None;
                }
                let (line, next) = self.line(pos)?;
                let Some(colon) = line.iter().position(|&b| b == b':') else {
                    break;
                };
                if headers.len() == MAX_HEADER_LINES {
                    too_many = true;
                    break;
                }
                let key = trim_space(line.get(..colon).unwrap_or_default());
                let val = trim_space(line.get(colon + 1..).unwrap_or_default());
                headers.push((
                    String::from_utf8_lossy(key).into_owned(),
                    String::from_utf8_lossy(val).into_owned(),
                ));
                pos = next;
            }
            if too_many {
                continue;
            }
            let rest = data.get(pos..)?;
            // (offset of the END marker's newline or of "-----END" itself, offset after it)
            let (end_at, trailer_at) = if headers.is_empty() && rest.starts_with(PEM_END_BARE) {
                (pos, pos + PEM_END_BARE.len())
            } else {
                match self.next_end(pos) {
                    Some(e) => (e, e + PEM_END.len()),
                    None => continue,
                }
            };
            let end_trailer_len = type_line.len() + PEM_END_OF_LINE.len();
            let Some(trailer) = data.get(trailer_at..trailer_at + end_trailer_len) else {
                continue;
            };
            if !trailer.starts_with(type_line) || !trailer.ends_with(PEM_END_OF_LINE) {
                continue;
            }
            if !self.line(trailer_at + end_trailer_len)?.0.is_empty() {
                continue;
            }
            if self.body_has_bad_byte(pos, end_at) {
                continue;
            }
            let Some(bytes) = decode_body(data.get(pos..end_at).unwrap_or_default()) else {
                continue;
            };
            // Go: getLine(rest[endIndex+len(pemEnd)-1:]) — from "-----END" to the line end.
            let marker = if end_at == pos && rest.starts_with(PEM_END_BARE) {
                pos
            } else {
                end_at + 1
            };
            let (_, next) = self.line(marker)?;
            return Some((
                Block {
                    kind: String::from_utf8_lossy(type_line).into_owned(),
                    headers,
                    bytes,
                },
                next,
            ));
        }
    }
}

/// client-go `ParseCertsPEM`: the certificates of a PEM bundle, parsed.
///
/// Only `CERTIFICATE` blocks without headers count; other blocks are skipped. The first
/// certificate that does not parse is an error ([`Error::InvalidCertificate`]); no
/// certificate at all is [`Error::InvalidPem`] with client-go's message. Inputs over
/// 1 MiB are [`Error::InputTooLarge`], more than [`MAX_CERTIFICATES`] certificates too.
pub fn parse_certificates(input: impl AsRef<[u8]>) -> Result<Vec<Certificate>> {
    parse_certificates_bytes(input.as_ref())
}

fn parse_certificates_bytes(input: &[u8]) -> Result<Vec<Certificate>> {
    crate::limits::check_bytes("PEM bundle", input.len(), crate::limits::MAX_PEM_BYTES)?;
    let mut certs = Vec::new();
    let mut scanner = Scanner::new(input);
    let mut pos = 0;
    while pos < input.len() {
        let Some((block, next)) = scanner.decode_from(pos) else {
            break;
        };
        pos = next;
        if block.kind != CERTIFICATE_BLOCK_TYPE || !block.headers.is_empty() {
            continue;
        }
        if certs.len() == MAX_CERTIFICATES {
            return Err(Error::InputTooLarge {
                what: "PEM bundle (certificate count)",
                limit: MAX_CERTIFICATES,
            });
        }
        certs.push(Certificate::parse(block.bytes)?);
    }
    if certs.is_empty() {
        return Err(Error::InvalidPem(NO_CERTIFICATES.into()));
    }
    Ok(certs)
}

/// [`parse_certificates`], returning each certificate's DER.
pub fn certificates(input: impl AsRef<[u8]>) -> Result<Vec<Vec<u8>>> {
    Ok(parse_certificates(input)?
        .into_iter()
        .map(Certificate::into_der)
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(s: &str) -> (Option<Block>, String) {
        let (b, r) = decode(s.as_bytes());
        (b, String::from_utf8_lossy(r).into_owned())
    }

    #[test]
    fn go_decode_rules() {
        // text before, trailing text kept as rest
        let (b, r) = one("junk\n-----BEGIN X-----\nAAEC\n-----END X-----\ntrailer");
        let b = b.unwrap();
        assert_eq!(
            (b.kind.as_str(), b.bytes.as_slice()),
            ("X", &[0u8, 1, 2][..])
        );
        assert_eq!(r, "trailer");
        // BEGIN not at line start is not a marker
        assert!(
            one("x-----BEGIN X-----\nAAEC\n-----END X-----\n")
                .0
                .is_none()
        );
        // headers
        let (b, _) = one("-----BEGIN X-----\nProc-Type: 4,ENCRYPTED\n\nAAEC\n-----END X-----\n");
        assert_eq!(
            b.unwrap().headers,
            vec![("Proc-Type".into(), "4,ENCRYPTED".into())]
        );
        // empty block, END right after BEGIN
        let (b, _) = one("-----BEGIN X-----\n-----END X-----\n");
        assert!(b.unwrap().bytes.is_empty());
        // mismatched END type, junk after END, bad base64, missing padding: skipped
        assert!(
            one("-----BEGIN X-----\nAAEC\n-----END Y-----\n")
                .0
                .is_none()
        );
        assert!(
            one("-----BEGIN X-----\nAAEC\n-----END X-----junk\n")
                .0
                .is_none()
        );
        assert!(
            one("-----BEGIN X-----\nA*EC\n-----END X-----\n")
                .0
                .is_none()
        );
        assert!(one("-----BEGIN X-----\nAAE\n-----END X-----\n").0.is_none());
        // trailing spaces after END and CRLF are fine; spaces inside the body too
        let (b, _) = one("-----BEGIN X-----\r\nAA EC\r\n-----END X-----  \r\n");
        assert_eq!(b.unwrap().bytes, vec![0, 1, 2]);
        // a failed candidate is skipped and the next one found
        let (b, _) = one(
            "-----BEGIN X-----\n!!\n-----END X-----\n-----BEGIN Y-----\nAA==\n-----END Y-----\n",
        );
        assert_eq!(b.unwrap().kind, "Y");
        // BEGIN at the very end: nothing
        assert!(one("-----BEGIN X-----\n").0.is_none());
        // non-zero trailing bits tolerated (Go StdEncoding is not Strict)
        assert_eq!(
            one("-----BEGIN X-----\nAB==\n-----END X-----\n")
                .0
                .unwrap()
                .bytes,
            vec![0]
        );
    }

    #[test]
    fn certificates_errors() {
        for bad in [
            "",
            "garbage",
            "-----BEGIN KEY-----\nAA==\n-----END KEY-----\n",
        ] {
            let e = certificates(bad.as_bytes()).unwrap_err();
            assert_eq!(e.code(), "invalid_pem");
            assert_eq!(e.to_string(), NO_CERTIFICATES);
        }
        let e = certificates(b"-----BEGIN CERTIFICATE-----\nAAEC\n-----END CERTIFICATE-----\n")
            .unwrap_err();
        assert_eq!(e.code(), "invalid_certificate");
        // a header makes the block not count
        let e =
            certificates(b"-----BEGIN CERTIFICATE-----\nA: b\n\nAAEC\n-----END CERTIFICATE-----\n")
                .unwrap_err();
        assert_eq!(e.code(), "invalid_pem");
    }
}
