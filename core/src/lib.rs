//! # kubetoken
//!
//! Mint, check, render and verify Kubernetes join tokens — kubeadm/k8s bootstrap tokens
//! (`[a-z0-9]{6}.[a-z0-9]{16}`) and k3s/rke2 `K10` tokens — byte-compatible with the
//! upstream Go code (kubeadm, `k8s.io/cluster-bootstrap`, the kube-apiserver
//! bootstrap-token authenticator, the BootstrapSigner/TokenCleaner controllers,
//! karmadactl and k3s).
//!
//! No I/O: no files, network, clock or environment. "Now" and randomness are inputs;
//! the default `getrandom` feature adds convenience generators.
//!
//! Secrets never leak: no error, `Debug` or `Display` contains a token secret, password
//! or K10 credential.
//!
//! ## Example
//!
//! Mint a kubeadm token, render its Secret as `kubectl apply`-able YAML, then check a
//! bearer token against it the way the kube-apiserver does:
//!
//! ```
//! use kubetoken::{Authentication, BootstrapToken, Flavour, Secret, Timestamp, TokenSpec};
//!
//! # fn main() -> kubetoken::Result<()> {
//! let now = Timestamp::parse_rfc3339("2025-01-01T00:00:00Z")?;
//! let token = BootstrapToken::generate()?; // needs the default `getrandom` feature
//! let bearer = token.expose(); // "abcdef.0123456789abcdef"
//! let spec = TokenSpec::new(token, Flavour::Kubeadm); // TTL 24h, both usages
//! let secret = spec.to_secret(now);
//! let yaml = secret.to_yaml()?;
//! assert!(yaml.contains("type: bootstrap.kubernetes.io/token"));
//! assert!(yaml.contains("expiration: MjAyNS0wMS0wMlQwMDowMDowMFo=")); // base64, now + 24h
//!
//! // Back from the manifest, then authenticate at `now` and after expiry.
//! let stored = [Secret::parse(&yaml)?];
//! match kubetoken::authenticate(&bearer, &stored, now) {
//!     Authentication::Authenticated(user) => {
//!         assert_eq!(user.name, format!("system:bootstrap:{}", spec.token.id()));
//!     }
//!     Authentication::Denied(reason) => panic!("denied: {reason}"),
//! }
//! let later = Timestamp::parse_rfc3339("2025-01-02T00:00:00Z")?;
//! let denied = kubetoken::authenticate(&bearer, &stored, later);
//! assert_eq!(denied.reason().map(|r| r.code()), Some("expired"));
//! # Ok(())
//! # }
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod api;
pub mod authn;
mod bounded;
pub mod discovery;
pub mod error;
mod go;
mod input;
pub mod join;
pub mod jws;
pub mod k3s;
pub mod kubeconfig;
pub mod limits;
pub mod list;
mod manifest;
pub mod options;
pub mod pin;
pub mod redact;
pub mod secret;
pub mod token;
pub mod x509;

// The main entry types at the crate root (the concept modules hold everything else).
// `Timestamp` and `Duration` (Go's `time.Time` for RFC3339 and `time.Duration`) live here only.
pub use authn::{Authentication, DenyReason, User, authenticate};
pub use discovery::{ConfigMap, DiscoveryResult, sign_cluster_info, verify_cluster_info};
pub use error::{Error, Result};
pub use go::duration::Duration;
pub use go::time::Timestamp;
pub use input::{ListInput, TextInput, TimeInput, TokenInput, TtlInput, not_unicode_text};
pub use join::{JoinOptions, JoinTarget};
pub use kubeconfig::Kubeconfig;
pub use list::ListFormat;
pub use options::{Flavour, TokenOptions, TokenSpec};
pub use secret::Secret;
pub use token::BootstrapToken;

/// The crate README's Rust example (the same as the repository README's), compiled and
/// run as a doc test so the README stays true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
