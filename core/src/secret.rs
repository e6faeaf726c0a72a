//! The Kubernetes `Secret` that stores a bootstrap token, and its manifests.
//!
//! OWNER: kubeadm-secret helper. CONTRACT (other modules rely on these names):
//! * [`Secret`]: the fields of a core/v1 Secret that matter here. `data` holds the
//!   *decoded* bytes (base64 is a manifest concern). `BTreeMap` = Go's sorted map order.
//! * [`Secret::get`]: `secrets.GetData` (missing key → "").
//! * [`Secret::parse`] (JSON or YAML, `data` and/or `stringData`), [`Secret::to_json`],
//!   [`Secret::to_yaml`], [`Secret::to_string_data_yaml`], [`parse_secret_list`].
//!
//! `Debug` never shows the `token-secret` value.

use std::collections::BTreeMap;
use std::fmt;

use crate::error::{Error, Result};

/// `bootstrap.kubernetes.io/token`
pub const SECRET_TYPE: &str = "bootstrap.kubernetes.io/token";
/// `kube-system`
pub const NAMESPACE: &str = "kube-system";
/// Data keys (`token/api/types.go`).
pub const KEY_TOKEN_ID: &str = "token-id";
/// `token-secret`
pub const KEY_TOKEN_SECRET: &str = "token-secret";
/// `expiration`
pub const KEY_EXPIRATION: &str = "expiration";
/// `description`
pub const KEY_DESCRIPTION: &str = "description";
/// `auth-extra-groups`
pub const KEY_EXTRA_GROUPS: &str = "auth-extra-groups";
/// `usage-bootstrap-`
pub const USAGE_PREFIX: &str = "usage-bootstrap-";
/// `usage-bootstrap-signing`
pub const KEY_USAGE_SIGNING: &str = "usage-bootstrap-signing";
/// `usage-bootstrap-authentication`
pub const KEY_USAGE_AUTHENTICATION: &str = "usage-bootstrap-authentication";

/// A core/v1 Secret, reduced to what bootstrap tokens use.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Secret {
    /// `metadata.name`
    pub name: String,
    /// `metadata.namespace` ("" when the manifest has none)
    pub namespace: String,
    /// `type` ("" when the manifest has none)
    pub type_: String,
    /// `data`, decoded; `None` when the manifest has no `data` (Go's nil map).
    pub data: Option<BTreeMap<String, Vec<u8>>>,
    /// `metadata.uid`, if any (the TokenCleaner deletes with a UID precondition).
    pub uid: Option<String>,
    /// `metadata.deletionTimestamp`, if any (the authenticator rejects deleted Secrets).
    pub deletion_timestamp: Option<String>,
}

impl Secret {
    /// `secrets.GetData(secret, key)`: the value as a string, "" if absent.
    /// Invalid UTF-8 is replaced like Go's `string([]byte)` would keep it byte-for-byte;
    /// we use lossy conversion (only reachable from hostile input).
    pub fn get(&self, key: &str) -> String {
        self.data
            .as_ref()
            .and_then(|d| d.get(key))
            .map(|v| String::from_utf8_lossy(v).into_owned())
            .unwrap_or_default()
    }

    /// The raw bytes of a data key.
    pub fn get_bytes(&self, key: &str) -> Option<&[u8]> {
        self.data.as_ref()?.get(key).map(Vec::as_slice)
    }

    /// Parses one Secret manifest, JSON or YAML (`data` base64 and/or `stringData`).
    pub fn parse(_text: &str) -> Result<Secret> {
        Err(Error::Unsupported(
            "Secret::parse is not implemented yet".into(),
        ))
    }
}

/// Parses `kubectl get secrets -o json|yaml` output (a `List`/`SecretList`), or a single
/// Secret, into its Secrets. Each item is parsed independently: a bad item is an `Err`
/// in its slot, the others still parse.
pub fn parse_secret_list(_text: &str) -> Result<Vec<Result<Secret>>> {
    Err(Error::Unsupported(
        "parse_secret_list is not implemented yet".into(),
    ))
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let data = self.data.as_ref().map(|d| {
            d.iter()
                .map(|(k, v)| {
                    let shown = if k == KEY_TOKEN_SECRET {
                        crate::token::MASK.to_owned()
                    } else {
                        String::from_utf8_lossy(v).into_owned()
                    };
                    (k.clone(), shown)
                })
                .collect::<BTreeMap<_, _>>()
        });
        f.debug_struct("Secret")
            .field("name", &self.name)
            .field("namespace", &self.namespace)
            .field("type", &self.type_)
            .field("data", &data)
            .finish_non_exhaustive()
    }
}
