//! The one error type of the crate.
//!
//! Every public function that can fail returns [`Error`]. Each variant has a stable
//! machine-readable [`Error::code`] (what the bindings expose as `.code`; each binding
//! maps codes onto its own exception classes) and a message. Messages are
//! ours, not upstream's: they name a token ID where helpful and **never** contain a
//! token secret, password or K10 credential. Two layers make sure of it: a message that
//! shows a caller's value shows it through one describer ([`crate::redact::describe_untrusted`],
//! or [`crate::token::describe_token`] for values meant to be tokens), and every message
//! passes through [`crate::redact::redact`] whenever it leaves the error — in
//! [`Error::message`], `Display`, `Debug` and the serialization — whatever variant holds
//! it. (The variants' `String` payloads are what was built, unredacted: read messages
//! through those four, never by matching the payload.)

use std::fmt;

/// Result alias used throughout the crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong. Rejections that are *answers* (authentication denied,
/// signature invalid, CA hash mismatch) are not errors: they are return values.
#[non_exhaustive]
#[derive(Clone, PartialEq, Eq)]
pub enum Error {
    /// A bootstrap token string is malformed (`[a-z0-9]{6}.[a-z0-9]{16}`).
    InvalidToken(String),
    /// A token ID is malformed (`[a-z0-9]{6}`).
    InvalidTokenId(String),
    /// A k3s/rke2 `K10` token is malformed.
    InvalidK3sToken(String),
    /// An extra group does not match the bootstrap group pattern.
    InvalidGroup(String),
    /// A usage is not one of `signing`, `authentication`.
    InvalidUsage(String),
    /// A Go duration string could not be parsed or overflows.
    InvalidDuration(String),
    /// An RFC3339 timestamp could not be parsed.
    InvalidTimestamp(String),
    /// Options that are fine alone but not together (TTL and expires, groups without
    /// the authentication usage, ...).
    InvalidOptions(String),
    /// A Secret manifest (or a List of them) is malformed or is not a bootstrap-token Secret.
    InvalidSecret(String),
    /// A ConfigMap (cluster-info) is malformed.
    InvalidConfigMap(String),
    /// A kubeconfig is malformed or lacks what is needed.
    InvalidKubeconfig(String),
    /// PEM text could not be decoded or holds no certificate.
    InvalidPem(String),
    /// A certificate's DER could not be parsed.
    InvalidCertificate(String),
    /// A CA certificate hash / public-key pin is malformed.
    InvalidHash(String),
    /// A ciphertext (k3s bootstrap data) is malformed.
    InvalidCiphertext(String),
    /// Decryption failed: wrong token or tampered data.
    DecryptionFailed(String),
    /// The operating system's random source failed. There is no fallback.
    Random(String),
    /// An input is larger than the documented cap.
    InputTooLarge {
        /// What the input was ("Secret", "PEM bundle", ...).
        what: &'static str,
        /// The cap in bytes (or items, see the message).
        limit: usize,
    },
    /// Something valid we deliberately do not support.
    Unsupported(String),
}

impl Error {
    /// Stable machine-readable code, e.g. `"invalid_token"`. Never changes once released.
    pub fn code(&self) -> &'static str {
        match self {
            Error::InvalidToken(_) => "invalid_token",
            Error::InvalidTokenId(_) => "invalid_token_id",
            Error::InvalidK3sToken(_) => "invalid_k3s_token",
            Error::InvalidGroup(_) => "invalid_group",
            Error::InvalidUsage(_) => "invalid_usage",
            Error::InvalidDuration(_) => "invalid_duration",
            Error::InvalidTimestamp(_) => "invalid_timestamp",
            Error::InvalidOptions(_) => "invalid_options",
            Error::InvalidSecret(_) => "invalid_secret",
            Error::InvalidConfigMap(_) => "invalid_configmap",
            Error::InvalidKubeconfig(_) => "invalid_kubeconfig",
            Error::InvalidPem(_) => "invalid_pem",
            Error::InvalidCertificate(_) => "invalid_certificate",
            Error::InvalidHash(_) => "invalid_hash",
            Error::InvalidCiphertext(_) => "invalid_ciphertext",
            Error::DecryptionFailed(_) => "decryption_failed",
            Error::Random(_) => "random_failure",
            Error::InputTooLarge { .. } => "input_too_large",
            Error::Unsupported(_) => "unsupported",
        }
    }

    /// Every code [`Error::code`] returns, in the order of the variants.
    pub const CODES: &'static [&'static str] = &[
        "invalid_token",
        "invalid_token_id",
        "invalid_k3s_token",
        "invalid_group",
        "invalid_usage",
        "invalid_duration",
        "invalid_timestamp",
        "invalid_options",
        "invalid_secret",
        "invalid_configmap",
        "invalid_kubeconfig",
        "invalid_pem",
        "invalid_certificate",
        "invalid_hash",
        "invalid_ciphertext",
        "decryption_failed",
        "random_failure",
        "input_too_large",
        "unsupported",
    ];

    /// The family of the error: the name of the exception class (Python, a `ValueError`)
    /// or `Error` subclass (JavaScript) each binding raises it as, under `KubetokenError`.
    pub fn family(&self) -> &'static str {
        match self {
            Error::InvalidToken(_) | Error::InvalidTokenId(_) | Error::InvalidK3sToken(_) => {
                "InvalidTokenError"
            }
            Error::InvalidGroup(_)
            | Error::InvalidUsage(_)
            | Error::InvalidDuration(_)
            | Error::InvalidTimestamp(_)
            | Error::InvalidOptions(_) => "InvalidOptionsError",
            Error::InvalidSecret(_) => "InvalidSecretError",
            Error::InvalidConfigMap(_) | Error::InvalidKubeconfig(_) => "InvalidManifestError",
            Error::InvalidPem(_) | Error::InvalidCertificate(_) | Error::InvalidHash(_) => {
                "InvalidCertificateError"
            }
            Error::InvalidCiphertext(_) | Error::DecryptionFailed(_) | Error::Random(_) => {
                "CryptoError"
            }
            Error::InputTooLarge { .. } => "InputTooLargeError",
            Error::Unsupported(_) => "UnsupportedError",
        }
    }

    /// `(code, family)` of every code, in the order of [`Error::CODES`] ([`Error::family`]).
    pub const FAMILIES: &'static [(&'static str, &'static str)] = &[
        ("invalid_token", "InvalidTokenError"),
        ("invalid_token_id", "InvalidTokenError"),
        ("invalid_k3s_token", "InvalidTokenError"),
        ("invalid_group", "InvalidOptionsError"),
        ("invalid_usage", "InvalidOptionsError"),
        ("invalid_duration", "InvalidOptionsError"),
        ("invalid_timestamp", "InvalidOptionsError"),
        ("invalid_options", "InvalidOptionsError"),
        ("invalid_secret", "InvalidSecretError"),
        ("invalid_configmap", "InvalidManifestError"),
        ("invalid_kubeconfig", "InvalidManifestError"),
        ("invalid_pem", "InvalidCertificateError"),
        ("invalid_certificate", "InvalidCertificateError"),
        ("invalid_hash", "InvalidCertificateError"),
        ("invalid_ciphertext", "CryptoError"),
        ("decryption_failed", "CryptoError"),
        ("random_failure", "CryptoError"),
        ("input_too_large", "InputTooLargeError"),
        ("unsupported", "UnsupportedError"),
    ];

    /// The human message, without the code, redacted ([`crate::redact::redact`]).
    pub fn message(&self) -> String {
        crate::redact::redact(&self.raw_message())
    }

    /// The message as built (before redaction).
    fn raw_message(&self) -> String {
        match self {
            Error::InvalidToken(m)
            | Error::InvalidTokenId(m)
            | Error::InvalidK3sToken(m)
            | Error::InvalidGroup(m)
            | Error::InvalidUsage(m)
            | Error::InvalidDuration(m)
            | Error::InvalidTimestamp(m)
            | Error::InvalidOptions(m)
            | Error::InvalidSecret(m)
            | Error::InvalidConfigMap(m)
            | Error::InvalidKubeconfig(m)
            | Error::InvalidPem(m)
            | Error::InvalidCertificate(m)
            | Error::InvalidHash(m)
            | Error::InvalidCiphertext(m)
            | Error::DecryptionFailed(m)
            | Error::Random(m)
            | Error::Unsupported(m) => m.clone(),
            Error::InputTooLarge { what, limit } if what.ends_with("count)") => {
                format!("{what} is too large (the limit is {limit})")
            }
            Error::InputTooLarge { what, limit } => {
                format!("{what} is too large (the limit is {limit} bytes)")
            }
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

/// `Name("redacted message")`, like a derived `Debug`, but redacted.
impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InputTooLarge { what, limit } => f
                .debug_struct("InputTooLarge")
                .field("what", what)
                .field("limit", limit)
                .finish(),
            other => f
                .debug_tuple(other.variant_name())
                .field(&other.message())
                .finish(),
        }
    }
}

impl Error {
    fn variant_name(&self) -> &'static str {
        match self {
            Error::InvalidToken(_) => "InvalidToken",
            Error::InvalidTokenId(_) => "InvalidTokenId",
            Error::InvalidK3sToken(_) => "InvalidK3sToken",
            Error::InvalidGroup(_) => "InvalidGroup",
            Error::InvalidUsage(_) => "InvalidUsage",
            Error::InvalidDuration(_) => "InvalidDuration",
            Error::InvalidTimestamp(_) => "InvalidTimestamp",
            Error::InvalidOptions(_) => "InvalidOptions",
            Error::InvalidSecret(_) => "InvalidSecret",
            Error::InvalidConfigMap(_) => "InvalidConfigMap",
            Error::InvalidKubeconfig(_) => "InvalidKubeconfig",
            Error::InvalidPem(_) => "InvalidPem",
            Error::InvalidCertificate(_) => "InvalidCertificate",
            Error::InvalidHash(_) => "InvalidHash",
            Error::InvalidCiphertext(_) => "InvalidCiphertext",
            Error::DecryptionFailed(_) => "DecryptionFailed",
            Error::Random(_) => "Random",
            Error::InputTooLarge { .. } => "InputTooLarge",
            Error::Unsupported(_) => "Unsupported",
        }
    }
}

impl std::error::Error for Error {}

/// Serialized as `{"code": ..., "message": ...}` (how results list errors, e.g.
/// [`crate::list::Listing::errors`]).
impl serde::Serialize for Error {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct as _;
        let mut st = s.serialize_struct("Error", 2)?;
        st.serialize_field("code", self.code())?;
        st.serialize_field("message", &self.message())?;
        st.end()
    }
}

/// The cap on any manifest, kubeconfig or PEM input: 1 MiB (every cap is in
/// [`crate::limits`]).
pub const MAX_INPUT_BYTES: usize = crate::limits::MAX_MANIFEST_BYTES;

/// Returns [`Error::InputTooLarge`] when `len` exceeds [`MAX_INPUT_BYTES`].
pub fn check_size(what: &'static str, len: usize) -> Result<()> {
    if len > MAX_INPUT_BYTES {
        Err(Error::InputTooLarge {
            what,
            limit: MAX_INPUT_BYTES,
        })
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One of every variant, each message-carrying one holding `m`.
    fn every_variant(m: &str) -> Vec<Error> {
        let m = || m.to_owned();
        vec![
            Error::InvalidToken(m()),
            Error::InvalidTokenId(m()),
            Error::InvalidK3sToken(m()),
            Error::InvalidGroup(m()),
            Error::InvalidUsage(m()),
            Error::InvalidDuration(m()),
            Error::InvalidTimestamp(m()),
            Error::InvalidOptions(m()),
            Error::InvalidSecret(m()),
            Error::InvalidConfigMap(m()),
            Error::InvalidKubeconfig(m()),
            Error::InvalidPem(m()),
            Error::InvalidCertificate(m()),
            Error::InvalidHash(m()),
            Error::InvalidCiphertext(m()),
            Error::DecryptionFailed(m()),
            Error::Random(m()),
            Error::InputTooLarge {
                what: "x",
                limit: 1,
            },
            Error::Unsupported(m()),
        ]
    }

    #[test]
    fn codes_lists_every_variant_once() {
        let codes: Vec<&str> = every_variant("").iter().map(Error::code).collect();
        assert_eq!(codes, Error::CODES);
        let families: Vec<(&str, &str)> = every_variant("")
            .iter()
            .map(|e| (e.code(), e.family()))
            .collect();
        assert_eq!(families, Error::FAMILIES);
    }

    #[test]
    fn every_variant_is_redacted_on_the_way_out() {
        let leak = "token abcdef.0123456789abcdef, K10::server:hunter2hunter2 end";
        for e in every_variant(leak) {
            if matches!(e, Error::InputTooLarge { .. }) {
                continue;
            }
            let json = serde_json::to_string(&e).unwrap();
            for shown in [e.message(), e.to_string(), format!("{e:?}"), json] {
                assert!(!shown.contains("0123456789abcdef"), "{shown}");
                assert!(!shown.contains("hunter2"), "{shown}");
                assert!(shown.contains("abcdef.****************"), "{shown}");
            }
        }
    }
}
