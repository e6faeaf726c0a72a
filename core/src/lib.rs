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
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod authn;
pub mod discovery;
pub mod duration;
pub mod error;
pub mod gofmt;
pub mod join;
pub mod jws;
pub mod k3s;
pub mod kubeconfig;
pub mod list;
mod manifest;
pub mod pem;
pub mod pin;
pub mod secret;
pub mod spec;
pub mod time;
pub mod token;
pub mod x509;

// The main entry types at the crate root (the modules stay public for everything else).
pub use authn::{Authentication, DenyReason, User, authenticate};
pub use discovery::{ConfigMap, DiscoveryResult, sign_cluster_info, verify_cluster_info};
pub use duration::Duration;
pub use error::{Error, Result};
pub use join::{JoinOptions, JoinTarget};
pub use kubeconfig::Kubeconfig;
pub use list::ListFormat;
pub use secret::Secret;
pub use spec::{Flavour, TokenOptions, TokenSpec};
pub use time::Timestamp;
pub use token::BootstrapToken;
