//! CA public-key pins: `sha256:<hex of SubjectPublicKeyInfo DER>` (kubeadm `pubkeypin`).
//!
//! OWNER: k3s/x509 helper. CONTRACT (discovery and join rely on these names):
//! [`hash_certificate_der`], [`hashes_from_pem`], [`PinSet`] with `new`, `allow`,
//! `is_empty`, `check_any`.

use crate::error::{Error, Result};

/// `pubkeypin.Hash`: `sha256:` + lowercase hex of SHA-256 over the certificate's SPKI DER.
pub fn hash_certificate_der(_der: &[u8]) -> Result<String> {
    Err(Error::Unsupported(
        "pin::hash_certificate_der is not implemented yet".into(),
    ))
}

/// One hash per certificate in a PEM bundle (client-go `ParseCertsPEM` rules: only
/// `CERTIFICATE` blocks without headers; none at all is an error).
pub fn hashes_from_pem(_pem: &[u8]) -> Result<Vec<String>> {
    Err(Error::Unsupported(
        "pin::hashes_from_pem is not implemented yet".into(),
    ))
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
    /// `Set.Allow` for one hash (`sha256:<64 hex>`, format case-insensitive).
    pub fn allow(&mut self, _hash: &str) -> Result<()> {
        Err(Error::Unsupported(
            "PinSet::allow is not implemented yet".into(),
        ))
    }
    /// `Set.Empty`.
    pub fn is_empty(&self) -> bool {
        self.sha256.is_empty()
    }
    /// `Set.CheckAny` over DER certificates: `Ok(())` if any is pinned, else an
    /// `Err(list of computed hashes)`.
    pub fn check_any(
        &self,
        _certs_der: &[Vec<u8>],
    ) -> Result<std::result::Result<(), Vec<String>>> {
        Err(Error::Unsupported(
            "PinSet::check_any is not implemented yet".into(),
        ))
    }
}
