//! CA public-key pins: `sha256:<hex of SubjectPublicKeyInfo DER>` (kubeadm `pubkeypin`,
//! `cmd/kubeadm/app/util/pubkeypin`; karmada's lifted copy behaves the same).

use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::x509::Certificate;

/// The only hash format kubeadm knows.
pub const FORMAT_SHA256: &str = "sha256";

/// The result of `check_ca_pins`: `{"pinned": true}`, or `{"pinned": false, "message",
/// "hashes"}` with the certificates' hashes and kubeadm's message.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct PinCheck {
    /// Whether one of the certificates is pinned.
    pub pinned: bool,
    /// [`not_pinned_message`] (only when not pinned).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// The certificates' hashes (only when not pinned).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hashes: Option<Vec<String>>,
}

impl PinCheck {
    /// The answer of [`PinSet::check_any`]: `Ok(())` pinned, `Err(hashes)` not.
    pub fn from_check(check: std::result::Result<(), Vec<String>>) -> Self {
        match check {
            Ok(()) => PinCheck {
                pinned: true,
                message: None,
                hashes: None,
            },
            Err(h) => PinCheck {
                pinned: false,
                message: Some(not_pinned_message(&h)),
                hashes: Some(h),
            },
        }
    }
}

/// Lowercase hex.
pub fn hex_lower(b: &[u8]) -> String {
    use std::fmt::Write as _;
    let mut s = String::with_capacity(b.len() * 2);
    for &x in b {
        let _ = write!(s, "{x:02x}");
    }
    s
}

/// `pubkeypin.Hash` of a parsed certificate.
pub fn hash_certificate(cert: &Certificate) -> String {
    format!(
        "{FORMAT_SHA256}:{}",
        hex_lower(&Sha256::digest(cert.raw_spki()))
    )
}

/// `pubkeypin.Hash`: `sha256:` + lowercase hex of SHA-256 over the certificate's SPKI DER
/// (exactly as it appears in the certificate). The DER must parse as a certificate.
pub fn hash_certificate_der(der: &[u8]) -> Result<String> {
    Ok(hash_certificate(&Certificate::parse(der.to_vec())?))
}

/// One hash per certificate in a PEM bundle (client-go `ParseCertsPEM` rules: only
/// `CERTIFICATE` blocks without headers; none at all is an error).
pub fn hashes_from_pem(pem: impl AsRef<[u8]>) -> Result<Vec<String>> {
    Ok(crate::go::pem::parse_certificates(pem)?
        .iter()
        .map(hash_certificate)
        .collect())
}

fn hex_value(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        _ => None,
    }
}

/// `pubkeypin.Set`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PinSet {
    sha256: Vec<[u8; 32]>,
}

impl PinSet {
    /// An empty set.
    pub fn new() -> Self {
        Self::default()
    }

    /// `Set.Allow` for one hash (`sha256:<64 hex>`, format and hex case-insensitive).
    ///
    /// Same checks in the same order as kubeadm: exactly one `:`; known format; the
    /// value's `len/2` must be 32 (so 65 hex characters pass this and then fail to
    /// decode); hex decoding of the lowercased value. Errors are [`Error::InvalidHash`].
    /// A hash is public (it pins a public key), so messages quote it.
    pub fn allow(&mut self, hash: &str) -> Result<()> {
        crate::limits::check_bytes("CA pin", hash.len(), crate::limits::MAX_PIN_BYTES)?;
        crate::limits::check_count(
            "CA pins (count)",
            self.sha256.len() + 1,
            crate::limits::MAX_PINS,
        )?;
        let parts: Vec<&str> = hash.split(':').collect();
        let [format, value] = parts.as_slice() else {
            return Err(Error::InvalidHash(
                "invalid hash, expected \"format:hex-value\". Known format(s) are: sha256".into(),
            ));
        };
        if !format.eq_ignore_ascii_case(FORMAT_SHA256) {
            return Err(Error::InvalidHash(format!(
                "unknown hash format {}. Known format(s) are: sha256",
                crate::redact::describe_untrusted(format)
            )));
        }
        let quoted = crate::redact::describe_untrusted(hash);
        if value.len() / 2 != 32 {
            return Err(Error::InvalidHash(format!(
                "invalid hash {quoted}, expected a 32 byte SHA-256 hash, found {} bytes",
                value.len() / 2
            )));
        }
        let lower = value.to_ascii_lowercase();
        let bytes = lower.as_bytes();
        if bytes.len() % 2 == 1 {
            // Go's hex.Decode reports an invalid byte before the odd length if there is one;
            // either way it is a decode error.
            return Err(Error::InvalidHash(format!(
                "invalid hash {quoted}, could not decode SHA-256 from hex: encoding/hex: odd length hex string"
            )));
        }
        let mut out = [0u8; 32];
        for (i, slot) in out.iter_mut().enumerate() {
            let hi = bytes.get(2 * i).copied().and_then(hex_value);
            let lo = bytes.get(2 * i + 1).copied().and_then(hex_value);
            match (hi, lo) {
                (Some(h), Some(l)) => *slot = (h << 4) | l,
                _ => {
                    let bad = bytes
                        .iter()
                        .copied()
                        .find(|&c| hex_value(c).is_none())
                        .unwrap_or(b'?');
                    return Err(Error::InvalidHash(format!(
                        "invalid hash {quoted}, could not decode SHA-256 from hex: encoding/hex: invalid byte: U+{:04X} {}",
                        bad,
                        crate::go::strconv::quote(&char::from(bad).to_string()).replace('"', "'")
                    )));
                }
            }
        }
        self.sha256.push(out);
        Ok(())
    }

    /// `Set.Allow(hashes...)`: stops at the first error; hashes added before it stay.
    pub fn allow_all<'a>(&mut self, hashes: impl IntoIterator<Item = &'a str>) -> Result<()> {
        for h in hashes {
            self.allow(h)?;
        }
        Ok(())
    }

    /// Number of pinned hashes (duplicates count once per `allow`, like Go's map does not;
    /// use [`PinSet::is_empty`] for Go's `Empty`).
    pub fn len(&self) -> usize {
        let mut v = self.sha256.clone();
        v.sort_unstable();
        v.dedup();
        v.len()
    }

    /// `Set.Empty`.
    pub fn is_empty(&self) -> bool {
        self.sha256.is_empty()
    }

    /// `Set.CheckAny` over DER certificates: `Ok(Ok(()))` if any is pinned, else
    /// `Ok(Err(computed hashes))` (Go's message joins them with `:`, see
    /// [`not_pinned_message`]). A DER that does not parse is an error.
    pub fn check_any(&self, certs_der: &[Vec<u8>]) -> Result<std::result::Result<(), Vec<String>>> {
        let mut hashes = Vec::with_capacity(certs_der.len());
        for der in certs_der {
            let cert = Certificate::parse(der.clone())?;
            let digest: [u8; 32] = Sha256::digest(cert.raw_spki()).into();
            if self.sha256.contains(&digest) {
                return Ok(Ok(()));
            }
            hashes.push(format!("{FORMAT_SHA256}:{}", hex_lower(&digest)));
        }
        Ok(Err(hashes))
    }
}

/// kubeadm's `CheckAny` failure message: `none of the public keys "<h1>:<h2>…" are pinned`.
pub fn not_pinned_message(hashes: &[String]) -> String {
    format!(
        "none of the public keys {} are pinned",
        crate::go::strconv::quote(&hashes.join(":"))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allow_rules() {
        let mut s = PinSet::new();
        assert!(s.is_empty());
        for (h, frag) in [
            ("xyz", "expected \"format:hex-value\""),
            ("a:b:c", "expected \"format:hex-value\""),
            ("md5:00", "unknown hash format \"md5\""),
            ("sha256:abcd", "found 2 bytes"),
            (&format!("sha256:{}", "0".repeat(65)), "odd length"),
            (&format!("sha256:{}", "g".repeat(64)), "invalid byte"),
        ] {
            let e = s.allow(h).unwrap_err();
            assert_eq!(e.code(), "invalid_hash");
            assert!(e.to_string().contains(frag), "{h}: {e}");
        }
        assert!(s.is_empty());
        s.allow(&format!("SHA256:{}", "AB".repeat(32))).unwrap();
        assert_eq!(s.sha256, vec![[0xab; 32]]);
        assert!(!s.is_empty());
    }

    #[test]
    fn pin_check_json() {
        assert_eq!(
            serde_json::to_string(&PinCheck::from_check(Ok(()))).unwrap(),
            r#"{"pinned":true}"#
        );
        assert_eq!(
            serde_json::to_string(&PinCheck::from_check(Err(vec!["sha256:aa".into()]))).unwrap(),
            r#"{"pinned":false,"message":"none of the public keys \"sha256:aa\" are pinned","hashes":["sha256:aa"]}"#
        );
    }
}
