//! Go's `encoding/base64` as upstream uses it: the `StdEncoding` decoder behind
//! `encoding/json`'s `[]byte` (Secret `data`, kubeconfig CA data), PEM bodies and k3s
//! ciphertexts, and the padded standard encoder `encoding/json` writes `[]byte` with.

use base64::Engine as _;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};

/// Standard base64 with padding (what Go's `encoding/json` writes for `[]byte`).
pub(crate) const STD: GeneralPurpose = base64::engine::general_purpose::STANDARD;

/// Go's `base64.StdEncoding` decoder: padding required, non-zero trailing bits accepted,
/// `\r` and `\n` skipped anywhere (Go's decoder does that itself), anything else rejected.
/// `extra_skip` lists further bytes the caller removes first (PEM bodies drop spaces and
/// tabs too). The one decoder behind Secret `data`, kubeconfig CA data, PEM bodies and
/// k3s ciphertexts.
pub(crate) fn decode(data: &[u8], extra_skip: &[u8]) -> Option<Vec<u8>> {
    const GO_STD: GeneralPurpose = GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        GeneralPurposeConfig::new()
            .with_decode_allow_trailing_bits(true)
            .with_decode_padding_mode(DecodePaddingMode::RequireCanonical),
    );
    let skipped = |b: &u8| matches!(b, b'\r' | b'\n') || extra_skip.contains(b);
    if data.iter().any(skipped) {
        // Sized once (no reallocated copy left behind) and wiped: it may be the base64
        // of a token secret.
        let mut clean = zeroize::Zeroizing::new(Vec::with_capacity(data.len()));
        clean.extend(data.iter().copied().filter(|b| !skipped(b)));
        GO_STD.decode(clean.as_slice()).ok()
    } else {
        GO_STD.decode(data).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_decoder_rules() {
        assert_eq!(decode(b"YWJj\r\nZGVm", b"").unwrap(), b"abcdef");
        assert_eq!(decode(b"aGVs\nbG8=", b"").unwrap(), b"hello");
        assert_eq!(
            decode(b"YR==", b"").unwrap(),
            b"a",
            "Go allows trailing bits"
        );
        assert!(decode(b"YQ", b"").is_none(), "padding required");
        assert!(decode(b"YQ=", b"").is_none());
        assert!(decode(b"Y Q==", b"").is_none());
        assert!(decode(b"YQ==\t", b"").is_none());
        assert!(decode(b"-_8=", b"").is_none(), "URL alphabet rejected");
        assert_eq!(decode(b"", b"").unwrap(), b"");
        // More outcomes checked against Go's encoding/json ([]byte) with go1.26.
        assert_eq!(decode(b"\nYQ==", b"").unwrap(), b"a");
        assert_eq!(decode(b"YW\rJj", b"").unwrap(), b"abc");
        assert_eq!(decode(b"YWJjZA==\n", b"").unwrap(), b"abcd");
        for bad in ["YQ==YQ==", "=", "YWJjZA="] {
            assert!(decode(bad.as_bytes(), b"").is_none(), "{bad}");
        }
    }
}
