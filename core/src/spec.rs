//! Token options: kubeadm's `BootstrapToken` config object (token, description, TTL or
//! expires, usages, groups), the per-flavour defaults, validation, and the conversions
//! to and from the stored [`Secret`] (`BootstrapTokenToSecret` / `BootstrapTokenFromSecret`).
//!
//! OWNER: kubeadm-secret helper. CONTRACT (other modules rely on these names):
//! [`Flavour`], [`TokenSpec`], [`TokenSpec::new`], [`TokenSpec::validate`],
//! [`TokenSpec::to_secret`], [`TokenSpec::from_secret`], [`validate_group`],
//! [`validate_usages`], [`KNOWN_USAGES`].

use crate::duration::Duration;
use crate::error::{Error, Result};
use crate::secret::Secret;
use crate::time::Timestamp;
use crate::token::BootstrapToken;

/// `KnownTokenUsages`, in upstream order.
pub const KNOWN_USAGES: [&str; 2] = ["signing", "authentication"];
/// `BootstrapGroupPattern`, as upstream writes it.
pub const GROUP_PATTERN: &str = r"\Asystem:bootstrappers:[a-z0-9:-]{0,255}[a-z0-9]\z";
/// The group every bootstrap token user gets.
pub const DEFAULT_GROUP: &str = "system:bootstrappers";

/// Who the token is for; decides the default extra group.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Flavour {
    /// `system:bootstrappers:kubeadm:default-node-token`
    #[default]
    Kubeadm,
    /// `system:bootstrappers:k3s:default-node-token`
    K3s,
    /// `system:bootstrappers:rke2:default-node-token`
    Rke2,
    /// `system:bootstrappers:karmada:default-cluster-token`
    Karmada,
}

impl Flavour {
    /// All flavours.
    pub const ALL: [Flavour; 4] = [
        Flavour::Kubeadm,
        Flavour::K3s,
        Flavour::Rke2,
        Flavour::Karmada,
    ];

    /// `kubeadm`, `k3s`, `rke2`, `karmada`.
    pub fn name(self) -> &'static str {
        match self {
            Flavour::Kubeadm => "kubeadm",
            Flavour::K3s => "k3s",
            Flavour::Rke2 => "rke2",
            Flavour::Karmada => "karmada",
        }
    }

    /// Parses a flavour name (exact, lowercase).
    pub fn parse(s: &str) -> Result<Flavour> {
        Flavour::ALL
            .into_iter()
            .find(|f| f.name() == s)
            .ok_or_else(|| {
                Error::InvalidOptions(format!(
                    "unknown flavour {}; expected one of kubeadm, k3s, rke2, karmada",
                    crate::gofmt::quote(s)
                ))
            })
    }

    /// The default extra group of tokens this tool creates.
    pub fn default_group(self) -> &'static str {
        match self {
            Flavour::Kubeadm => "system:bootstrappers:kubeadm:default-node-token",
            Flavour::K3s => "system:bootstrappers:k3s:default-node-token",
            Flavour::Rke2 => "system:bootstrappers:rke2:default-node-token",
            Flavour::Karmada => "system:bootstrappers:karmada:default-cluster-token",
        }
    }
}

/// kubeadm's `BootstrapToken` config object.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokenSpec {
    /// The token (`Debug` masks its secret).
    pub token: BootstrapToken,
    /// Free text; "" = none.
    pub description: String,
    /// Time to live; `None`, zero or negative = never expires (unless `expires` is set).
    pub ttl: Option<Duration>,
    /// Absolute expiry; wins over `ttl` when rendering.
    pub expires: Option<Timestamp>,
    /// Usages without the `usage-bootstrap-` prefix.
    pub usages: Vec<String>,
    /// Extra groups.
    pub groups: Vec<String>,
}

impl TokenSpec {
    /// A spec with the flavour's defaults: TTL 24h, usages `signing,authentication`,
    /// the flavour's default group, no description.
    pub fn new(token: BootstrapToken, flavour: Flavour) -> TokenSpec {
        TokenSpec {
            token,
            description: String::new(),
            ttl: Some(Duration::DEFAULT_TTL),
            expires: None,
            usages: KNOWN_USAGES.iter().map(|s| (*s).to_owned()).collect(),
            groups: vec![flavour.default_group().to_owned()],
        }
    }

    /// kubeadm's validation (§11.3): usages known, groups need `authentication` and
    /// must match the pattern, TTL and expires are exclusive.
    pub fn validate(&self) -> Result<()> {
        Err(Error::Unsupported(
            "TokenSpec::validate is not implemented yet".into(),
        ))
    }

    /// The expiration written into the Secret at `now` (`Expires` wins; TTL ≤ 0 → none).
    pub fn expiration(&self, now: Timestamp) -> Option<Timestamp> {
        if let Some(e) = self.expires {
            return Some(e.to_utc());
        }
        match self.ttl {
            Some(t) if t.is_positive() => Some((now + t).to_utc()),
            _ => None,
        }
    }

    /// `BootstrapTokenToSecret` at `now` (no validation, like upstream).
    pub fn to_secret(&self, _now: Timestamp) -> Secret {
        Secret::default()
    }

    /// `BootstrapTokenFromSecret`.
    pub fn from_secret(_secret: &Secret) -> Result<TokenSpec> {
        Err(Error::Unsupported(
            "TokenSpec::from_secret is not implemented yet".into(),
        ))
    }
}

/// `ValidateBootstrapGroupName`.
pub fn validate_group(_group: &str) -> Result<()> {
    Err(Error::Unsupported(
        "validate_group is not implemented yet".into(),
    ))
}

/// `ValidateUsages`: the error lists the bad usages sorted and de-duplicated.
pub fn validate_usages(_usages: &[String]) -> Result<()> {
    Err(Error::Unsupported(
        "validate_usages is not implemented yet".into(),
    ))
}
