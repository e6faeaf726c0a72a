//! Detached JWS signatures over the cluster-info kubeconfig (`k8s.io/cluster-bootstrap`
//! `token/jws`, go-jose v2 underneath).
//!
//! The BootstrapSigner stores `jws-kubeconfig-<token-id>` = [`compute_detached_signature`]
//! of the `kubeconfig` bytes; a joining node recomputes it with the token it was given
//! ([`detached_token_is_valid`]). The format is RFC 7515 compact serialisation with the
//! payload removed (Appendix F): `<header>..<signature>`.
//!
//! * header: `{"alg":"HS256","kid":<token ID as a JSON string>}`, keys sorted, no spaces,
//!   the string escaped the way go-jose's `encoding/json` fork does;
//! * everything base64url without padding;
//! * signature: HMAC-SHA256 keyed with the token secret over `header "." payload`.
//!
//! No minimum key length (an empty secret signs, as upstream's test shows).

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{KeyInit as _, Mac as _};
use subtle::ConstantTimeEq;

use crate::go::strconv::{JsonEscapes, json_string};

type HmacSha256 = hmac::Hmac<sha2::Sha256>;

/// The protected header go-jose builds for an HS256 signer with `ExtraHeaders{"kid": id}`.
pub fn protected_header(token_id: &str) -> String {
    format!(
        "{{\"alg\":\"HS256\",\"kid\":{}}}",
        json_string(token_id, JsonEscapes::GoJose)
    )
}

/// `jws.ComputeDetachedSignature(content, tokenID, tokenSecret)`: `<header>..<signature>`,
/// byte-identical with cluster-bootstrap. Infallible (upstream's error paths cannot
/// trigger for HS256).
pub fn compute_detached_signature(
    content: impl AsRef<[u8]>,
    token_id: &str,
    token_secret: impl AsRef<[u8]>,
) -> String {
    let payload = URL_SAFE_NO_PAD.encode(content.as_ref());
    signature_of_payload(&payload, token_id, token_secret.as_ref())
}

/// [`compute_detached_signature`] of content already base64url-encoded (`payload_b64`):
/// one encoding shared by many signers.
pub(crate) fn signature_of_payload(
    payload_b64: &str,
    token_id: &str,
    token_secret: &[u8],
) -> String {
    let header = URL_SAFE_NO_PAD.encode(protected_header(token_id));
    let tag = hs256(token_secret, &header, payload_b64);
    let mut out = header;
    out.push_str("..");
    out.push_str(&URL_SAFE_NO_PAD.encode(tag));
    out
}

/// The base64url payload of `content` (what [`signature_of_payload`] takes).
pub(crate) fn payload(content: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(content)
}

fn hs256(key: &[u8], header_b64: &str, payload_b64: &str) -> [u8; 32] {
    // HMAC accepts keys of any length, so `new_from_slice` cannot fail; the fallback
    // (an all-zero key) only exists to avoid a panic path.
    let mut mac = match HmacSha256::new_from_slice(key) {
        Ok(m) => m,
        Err(_) => HmacSha256::new(&Default::default()),
    };
    mac.update(header_b64.as_bytes());
    mac.update(b".");
    mac.update(payload_b64.as_bytes());
    mac.finalize().into_bytes().into()
}

/// `jws.DetachedTokenIsValid(detached, content, tokenID, tokenSecret)`: recomputes the
/// canonical signature and compares. Any other serialisation of a cryptographically valid
/// JWS (key order, spaces, padding, attached payload) is rejected, like upstream.
///
/// Upstream compares with `==`; we compare in constant time (`subtle`). Same answers.
pub fn detached_token_is_valid(
    detached: &str,
    content: impl AsRef<[u8]>,
    token_id: &str,
    token_secret: impl AsRef<[u8]>,
) -> bool {
    let expected = compute_detached_signature(content, token_id, token_secret);
    expected.as_bytes().ct_eq(detached.as_bytes()).into()
}

/// [`compute_detached_signature`] within the caps every door applies: content and token
/// secret at most [`MAX_JWS_BYTES`](crate::limits::MAX_JWS_BYTES) each, else
/// `input_too_large` (the `compute_jws` op of every binding).
pub fn compute_checked(
    content: impl AsRef<[u8]>,
    token_id: &str,
    token_secret: impl AsRef<[u8]>,
) -> crate::Result<String> {
    check(content.as_ref(), token_secret.as_ref())?;
    Ok(compute_detached_signature(content, token_id, token_secret))
}

/// [`detached_token_is_valid`] within the caps of [`compute_checked`] (the `verify_jws`
/// op of every binding).
pub fn verify_checked(
    detached: &str,
    content: impl AsRef<[u8]>,
    token_id: &str,
    token_secret: impl AsRef<[u8]>,
) -> crate::Result<bool> {
    check(content.as_ref(), token_secret.as_ref())?;
    Ok(detached_token_is_valid(
        detached,
        content,
        token_id,
        token_secret,
    ))
}

fn check(content: &[u8], token_secret: &[u8]) -> crate::Result<()> {
    use crate::limits::{MAX_JWS_BYTES, check_bytes};
    check_bytes("JWS content or secret", content.len(), MAX_JWS_BYTES)?;
    check_bytes("JWS content or secret", token_secret.len(), MAX_JWS_BYTES)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upstream_vector() {
        assert_eq!(
            compute_detached_signature(
                b"Hello from the other side. I must have called a thousand times.",
                "joshua",
                b"my voice is my passcode"
            ),
            "eyJhbGciOiJIUzI1NiIsImtpZCI6Impvc2h1YSJ9..VShe2taLd-YTrmWuRkcL_8QTNDHYxQIEBsAYYiIj1_8"
        );
    }

    #[test]
    fn header_of_an_empty_id() {
        assert_eq!(protected_header(""), "{\"alg\":\"HS256\",\"kid\":\"\"}");
    }

    #[test]
    fn odd_kid_matches_go_jose() {
        // Output of cluster-bootstrap v0.36.3 ComputeDetachedSignature("x", id, "s").
        assert_eq!(
            compute_detached_signature(b"x", "a\"<&>\u{2028}\u{1}\t", b"s"),
            "eyJhbGciOiJIUzI1NiIsImtpZCI6ImFcIlx1MDAzY1x1MDAyNlx1MDAzZVx1MjAyOFx1MDAwMVx0In0..qPQkw08NOasT8Uc1-LAKBSc8rExnnV0z3ZP-Uf36NhI"
        );
    }

    #[test]
    fn tamper_rejected() {
        let sig = compute_detached_signature(b"x", "abc123", b"s");
        assert!(detached_token_is_valid(&sig, b"x", "abc123", b"s"));
        assert!(!detached_token_is_valid(&sig, b"y", "abc123", b"s"));
        assert!(!detached_token_is_valid(&sig, b"x", "abc124", b"s"));
        assert!(!detached_token_is_valid(&sig, b"x", "abc123", b"t"));
        assert!(!detached_token_is_valid(
            &format!("{sig}="),
            b"x",
            "abc123",
            b"s"
        ));
        assert!(!detached_token_is_valid("", b"x", "abc123", b"s"));
    }
}
