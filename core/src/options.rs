//! Token options: kubeadm's `BootstrapToken` config object (token, description, TTL or
//! expires, usages, groups), the per-flavour defaults, validation, and the conversions
//! to and from the stored [`Secret`] (`BootstrapTokenToSecret` / `BootstrapTokenFromSecret`).

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;
use zeroize::Zeroize;

use crate::error::{Error, Result};
use crate::go::duration::Duration;
use crate::go::strconv::quote;
use crate::go::time::Timestamp;
use crate::secret::{
    KEY_DESCRIPTION, KEY_EXPIRATION, KEY_EXTRA_GROUPS, KEY_TOKEN_ID, KEY_TOKEN_SECRET, NAMESPACE,
    SECRET_TYPE, Secret, USAGE_PREFIX,
};
use crate::token::{self, BootstrapToken, describe_untrusted};

pub use crate::input::{ListInput, TOKEN_OPTION_NAMES, TextInput, TimeInput, TokenInput, TtlInput};

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
                    describe_untrusted(s)
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

    /// kubeadm's validation (§11.3), first failure wins, in upstream order:
    /// usages known (`invalid_usage`); groups need the `authentication` usage
    /// (`invalid_options`); every group matches the pattern (`invalid_group`); TTL and
    /// expires are exclusive (`invalid_options`). The token itself is valid by
    /// construction ([`BootstrapToken`] cannot hold a malformed token).
    ///
    /// Like upstream, a zero or negative TTL is accepted (it means "never expires").
    pub fn validate(&self) -> Result<()> {
        validate_usages(&self.usages)?;
        validate_token_groups(&self.usages, &self.groups)?;
        if self.ttl.is_some() && self.expires.is_some() {
            return Err(Error::InvalidOptions(
                "the token's TTL and expires options are mutually exclusive".into(),
            ));
        }
        Ok(())
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

    /// `BootstrapTokenToSecret` at `now` (no validation, like upstream):
    /// `bootstrap-token-<id>` in `kube-system`, type `bootstrap.kubernetes.io/token`,
    /// data `token-id`, `token-secret`, `description` (only if non-empty), `expiration`
    /// (see [`TokenSpec::expiration`], UTC RFC3339, whole seconds), `usage-bootstrap-<u>:
    /// true` for each usage as given (duplicates collapse), `auth-extra-groups` (the
    /// groups joined with `,`, only if there are any).
    pub fn to_secret(&self, now: Timestamp) -> Secret {
        let mut data: BTreeMap<String, Vec<u8>> = BTreeMap::new();
        data.insert(KEY_TOKEN_ID.into(), self.token.id().as_bytes().to_vec());
        data.insert(
            KEY_TOKEN_SECRET.into(),
            self.token.secret().as_bytes().to_vec(),
        );
        if !self.description.is_empty() {
            data.insert(KEY_DESCRIPTION.into(), self.description.as_bytes().to_vec());
        }
        if let Some(exp) = self.expiration(now) {
            data.insert(KEY_EXPIRATION.into(), exp.to_rfc3339_utc().into_bytes());
        }
        for usage in &self.usages {
            data.insert(format!("{USAGE_PREFIX}{usage}"), b"true".to_vec());
        }
        if !self.groups.is_empty() {
            data.insert(KEY_EXTRA_GROUPS.into(), self.groups.join(",").into_bytes());
        }
        Secret {
            name: self.token.secret_name(),
            namespace: NAMESPACE.into(),
            type_: SECRET_TYPE.into(),
            data: Some(data),
            uid: None,
            deletion_timestamp: None,
        }
    }

    /// `BootstrapTokenFromSecret`, in upstream's order of checks:
    ///
    /// 1. `token-id` present and non-empty;
    /// 2. the Secret's name is `bootstrap-token-<token-id>`;
    /// 3. `token-secret` present and non-empty;
    /// 4. `<token-id>.<token-secret>` is a valid token;
    /// 5. `expiration`, if non-empty, parses as Go RFC3339 (its offset is kept).
    ///
    /// Usages are the `usage-bootstrap-<u>` keys whose value is exactly `true`, sorted;
    /// groups are `auth-extra-groups` split on `,` as-is (none when the first element is
    /// empty). The Secret's `type` is not checked (upstream filters by type when listing).
    /// `ttl` is always `None`. Every error is `invalid_secret`.
    ///
    /// Deliberate difference: upstream's message for step 4 quotes the whole token,
    /// secret included; ours shows at most the ID (see [`describe_untrusted`]).
    pub fn from_secret(secret: &Secret) -> Result<TokenSpec> {
        let name = &secret.name;
        let id = secret.get(KEY_TOKEN_ID);
        if id.is_empty() {
            return Err(Error::InvalidSecret(format!(
                "bootstrap token Secret {} has no token-id data",
                describe_untrusted(name)
            )));
        }
        if *name != token::secret_name(&id) {
            let expected = if token::is_valid_token_id(&id) {
                quote(&token::secret_name(&id))
            } else {
                format!(
                    "bootstrap-token-<token-id>, with token-id {}",
                    token::describe_token(&id)
                )
            };
            return Err(Error::InvalidSecret(format!(
                "bootstrap token Secret name is not of the form 'bootstrap-token-(token-id)': it is {}, expected {expected}",
                describe_untrusted(name)
            )));
        }
        let mut token_secret = secret.get(KEY_TOKEN_SECRET);
        if token_secret.is_empty() {
            return Err(Error::InvalidSecret(format!(
                "bootstrap token Secret {} has no token-secret data",
                describe_untrusted(name)
            )));
        }
        let parsed = BootstrapToken::from_parts(&id, &token_secret);
        token_secret.zeroize();
        let token = parsed.map_err(|e| {
            Error::InvalidSecret(format!(
                "bootstrap token Secret {} is invalid and couldn't be parsed: {e}",
                describe_untrusted(name)
            ))
        })?;
        let description = secret.get(KEY_DESCRIPTION);
        let exp = secret.get(KEY_EXPIRATION);
        let expires = if exp.is_empty() {
            None
        } else {
            Some(Timestamp::parse_rfc3339(&exp).map_err(|e| {
                Error::InvalidSecret(format!(
                    "can't parse expiration time of bootstrap token {}: {e}",
                    describe_untrusted(name)
                ))
            })?)
        };
        // BTreeMap order = byte order of the keys = byte order of the stripped usages.
        let usages = secret
            .data
            .iter()
            .flatten()
            .filter(|(_, v)| v.as_slice() == b"true")
            .filter_map(|(k, _)| k.strip_prefix(USAGE_PREFIX).map(str::to_owned))
            .collect();
        let groups_raw = secret.get(KEY_EXTRA_GROUPS);
        let groups = if groups_raw.split(',').next().is_some_and(|g| !g.is_empty()) {
            groups_raw.split(',').map(str::to_owned).collect()
        } else {
            Vec::new()
        };
        Ok(TokenSpec {
            token,
            description,
            ttl: None,
            expires,
            usages,
            groups,
        })
    }

    /// The spec as the JSON result shape of the `parse_secret` op: `{"token", "id",
    /// "description", "expires", "usages", "groups"}` (plus `"ttl"`, a Go duration
    /// string, when set). `expires` is `null` or RFC3339 in its stored offset.
    /// **Contains the token secret** (`token`).
    pub fn to_value(&self) -> Value {
        serde_json::to_value(TokenInfo::from(self)).unwrap_or(Value::Null)
    }
}

/// The result of `parse_secret` (one token as stored): `{"token", "id", "description",
/// "expires", "usages", "groups"}`, plus `"ttl"` only when set (never, for a token read
/// from a Secret). `expires` is `null` or RFC3339 in its stored offset. **Carries the
/// token secret** (`token`); `Debug` masks it.
#[derive(Clone, PartialEq, Eq, serde::Serialize)]
pub struct TokenInfo {
    /// The full token `<id>.<secret>`.
    pub token: String,
    /// The token ID.
    pub id: String,
    /// The description (`""` when none).
    pub description: String,
    /// The TTL as a Go duration string, when the spec has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ttl: Option<String>,
    /// The expiration (RFC3339, stored offset), `None` = never.
    pub expires: Option<String>,
    /// The usages (`signing`, `authentication`, ...), as stored (sorted).
    pub usages: Vec<String>,
    /// The extra groups.
    pub groups: Vec<String>,
}

impl From<&TokenSpec> for TokenInfo {
    fn from(t: &TokenSpec) -> Self {
        TokenInfo {
            token: t.token.expose(),
            id: t.token.id().to_owned(),
            description: t.description.clone(),
            ttl: t.ttl.map(Duration::to_go_string),
            expires: t.expires.map(|e| e.to_rfc3339()),
            usages: t.usages.clone(),
            groups: t.groups.clone(),
        }
    }
}

impl std::fmt::Debug for TokenInfo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenInfo")
            .field("token", &format_args!("{}.{}", self.id, token::MASK))
            .field("id", &self.id)
            .field("description", &self.description)
            .field("ttl", &self.ttl)
            .field("expires", &self.expires)
            .field("usages", &self.usages)
            .field("groups", &self.groups)
            .finish()
    }
}

/// One element of the `parse_secret_list` result: the token, or why its Secret could
/// not be decoded (`{"error": code, "message"}`).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(untagged)]
pub enum SecretListEntry {
    /// A decoded token.
    Token(TokenInfo),
    /// A Secret that failed to decode.
    Error(EntryError),
}

/// A Secret of a list that failed to decode (no token secret in `message`).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct EntryError {
    /// The error code (`invalid_secret`, ...).
    pub error: String,
    /// The error message.
    pub message: String,
}

impl From<&ListedToken> for SecretListEntry {
    fn from(r: &ListedToken) -> Self {
        match r {
            Ok(t) => SecretListEntry::Token(TokenInfo::from(t)),
            Err(e) => SecretListEntry::Error(EntryError {
                error: e.code().to_owned(),
                message: e.message(),
            }),
        }
    }
}

/// `ValidateBootstrapGroupName`: the group must match [`GROUP_PATTERN`]
/// (`system:bootstrappers:` then 0–255 of `[a-z0-9:-]` then one `[a-z0-9]`).
/// The bare `system:bootstrappers` is not a valid extra group.
pub fn validate_group(group: &str) -> Result<()> {
    if is_valid_group(group) {
        return Ok(());
    }
    Err(Error::InvalidGroup(format!(
        "bootstrap group {} is invalid (must match {GROUP_PATTERN})",
        describe_untrusted(group)
    )))
}

/// True when `group` matches [`GROUP_PATTERN`].
pub fn is_valid_group(group: &str) -> bool {
    let Some(rest) = group.strip_prefix("system:bootstrappers:") else {
        return false;
    };
    let b = rest.as_bytes();
    let tail_ok = |c: &u8| c.is_ascii_lowercase() || c.is_ascii_digit();
    (1..=256).contains(&b.len())
        && b.last().is_some_and(tail_ok)
        && b.iter().all(|c| tail_ok(c) || *c == b':' || *c == b'-')
}

/// `ValidateUsages`: every usage must be `signing` or `authentication`; the error
/// lists the bad usages sorted and de-duplicated. An empty list is valid.
pub fn validate_usages<S: AsRef<str>>(usages: &[S]) -> Result<()> {
    crate::limits::check_list_len(usages.len())?;
    let bad: BTreeSet<&str> = usages
        .iter()
        .map(AsRef::as_ref)
        .filter(|u| !KNOWN_USAGES.contains(u))
        .collect();
    if bad.is_empty() {
        return Ok(());
    }
    let bad: Vec<&str> = bad.into_iter().collect();
    Err(Error::InvalidUsage(format!(
        "invalid bootstrap token usage string: {}, valid usage options: {}",
        crate::redact::cut(&bad.join(",")),
        KNOWN_USAGES.join(",")
    )))
}

/// kubeadm's `ValidateTokenGroups`: extra groups need the `authentication` usage
/// (`invalid_options`), and each must pass [`validate_group`] (`invalid_group`).
pub fn validate_token_groups<S: AsRef<str>, G: AsRef<str>>(
    usages: &[S],
    groups: &[G],
) -> Result<()> {
    crate::limits::check_list_len(usages.len())?;
    crate::limits::check_list_len(groups.len())?;
    if !groups.is_empty() && !usages.iter().any(|u| u.as_ref() == "authentication") {
        return Err(Error::InvalidOptions(
            "token groups cannot be specified unless the usages include \"authentication\"".into(),
        ));
    }
    for g in groups {
        validate_group(g.as_ref())?;
    }
    Ok(())
}

/// The options a caller (CLI, binding, web form) gives to mint a token Secret. Unset
/// fields get defaults in [`TokenOptions::to_spec_with`]; this is the one entry point
/// every binding uses (`render_secret`, `render_secret_yaml`, `validate_token_options`).
///
/// `Debug` masks the token secret.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TokenOptions {
    /// The token; `None` = generate one.
    pub token: Option<BootstrapToken>,
    /// Whose defaults to apply (the default extra group).
    pub flavour: Flavour,
    /// Free text; `None` = none.
    pub description: Option<String>,
    /// Time to live; `None` = 24h unless `expires` is set; zero or negative = never expires.
    pub ttl: Option<Duration>,
    /// Absolute expiry (exclusive with `ttl`).
    pub expires: Option<Timestamp>,
    /// Usages; `None` or empty = `signing,authentication` (kubeadm's defaulting).
    pub usages: Option<Vec<String>>,
    /// Extra groups; `None` = the flavour's default group when the usages include
    /// `authentication`, else none. `Some(vec![])` = no extra groups.
    pub groups: Option<Vec<String>>,
}

impl TokenOptions {
    /// Reads options from a JSON object (the JSON façade, `api::call`): a thin reader
    /// into [`TokenInput`], resolved by [`TokenInput::resolve`]
    /// (see its precedence), so the JSON façade and the typed bindings give the same
    /// result and the same first error for the same input.
    pub fn from_value(value: &Value) -> Result<TokenOptions> {
        TokenInput::from_value(value)?.resolve()
    }

    /// The spec with defaults applied, generating a token from `fill` when none is set.
    /// Not validated (see [`TokenSpec::validate`]).
    pub fn to_spec_with(&self, fill: &mut dyn FnMut(&mut [u8]) -> Result<()>) -> Result<TokenSpec> {
        let token = match &self.token {
            Some(t) => t.clone(),
            None => BootstrapToken::generate_with(fill)?,
        };
        Ok(self.spec_for(token))
    }

    /// [`TokenOptions::to_spec_with`] drawing from the OS random source.
    #[cfg(feature = "getrandom")]
    pub fn to_spec(&self) -> Result<TokenSpec> {
        self.to_spec_with(&mut crate::token::os_random)
    }

    fn spec_for(&self, token: BootstrapToken) -> TokenSpec {
        let usages: Vec<String> = match &self.usages {
            Some(u) if !u.is_empty() => u.clone(),
            _ => KNOWN_USAGES.iter().map(|s| (*s).to_owned()).collect(),
        };
        let groups = match &self.groups {
            Some(g) => g.clone(),
            None if usages.iter().any(|u| u == "authentication") => {
                vec![self.flavour.default_group().to_owned()]
            }
            None => Vec::new(),
        };
        let ttl = match (self.ttl, self.expires) {
            (None, None) => Some(Duration::DEFAULT_TTL),
            (ttl, _) => ttl,
        };
        TokenSpec {
            token,
            description: self.description.clone().unwrap_or_default(),
            ttl,
            expires: self.expires,
            usages,
            groups,
        }
    }

    /// The spec exactly as given, no defaults (what `BootstrapTokenToSecret` sees):
    /// the token must be set (`invalid_options` otherwise).
    pub fn to_spec_exact(&self) -> Result<TokenSpec> {
        let token = self.token.clone().ok_or_else(|| {
            Error::InvalidOptions("a token is required here (it is not generated)".into())
        })?;
        Ok(TokenSpec {
            token,
            description: self.description.clone().unwrap_or_default(),
            ttl: self.ttl,
            expires: self.expires,
            usages: self.usages.clone().unwrap_or_default(),
            groups: self.groups.clone().unwrap_or_default(),
        })
    }

    /// Validates the options with defaults applied (a missing token is not generated
    /// for this: any valid token behaves the same).
    pub fn validate(&self) -> Result<()> {
        let token = match &self.token {
            Some(t) => t.clone(),
            None => BootstrapToken::from_parts("000000", "0000000000000000")?,
        };
        self.spec_for(token).validate()
    }

    /// Defaults, validation, then [`TokenSpec::to_secret`] at `now`: the Secret to
    /// create. A missing token is generated from `fill`.
    pub fn render_secret_with(
        &self,
        now: Timestamp,
        fill: &mut dyn FnMut(&mut [u8]) -> Result<()>,
    ) -> Result<(TokenSpec, Secret)> {
        self.validate()?;
        let spec = self.to_spec_with(fill)?;
        spec.validate()?;
        let secret = spec.to_secret(now);
        Ok((spec, secret))
    }

    /// [`TokenOptions::render_secret_with`] drawing from the OS random source.
    #[cfg(feature = "getrandom")]
    pub fn render_secret(&self, now: Timestamp) -> Result<(TokenSpec, Secret)> {
        self.render_secret_with(now, &mut crate::token::os_random)
    }
}

/// What [`tokens_from_secret_list`] returns for each bootstrap-token Secret.
pub type ListedToken = Result<TokenSpec>;

/// `kubeadm token list` over a manifest: parses `kubectl get secrets -o json|yaml`
/// output (see [`crate::secret::parse_secret_list`]), keeps the Secrets whose `type`
/// is `bootstrap.kubernetes.io/token` or empty (upstream lists with a field selector
/// on the type; a hand-written manifest may omit it), and decodes each with
/// [`TokenSpec::from_secret`]. A bad item is an `Err` in its slot.
pub fn tokens_from_secret_list(text: impl AsRef<[u8]>) -> Result<Vec<ListedToken>> {
    filter_tokens(crate::secret::parse_secret_list(text)?)
}

/// [`tokens_from_secret_list`] for an already-parsed value (bindings).
pub fn tokens_from_secret_list_value(value: &Value) -> Result<Vec<ListedToken>> {
    filter_tokens(crate::secret::secret_list_from_value(value)?)
}

/// [`tokens_from_secret_list`] for items handed over one at a time (bindings).
pub fn tokens_from_secret_items(items: crate::secret::SecretItems) -> Result<Vec<ListedToken>> {
    filter_tokens(items.finish())
}

/// More than [`crate::limits::MAX_LIST_ERRORS`] bad items refuse the list.
fn filter_tokens(items: Vec<Result<Secret>>) -> Result<Vec<ListedToken>> {
    let mut errors = 0usize;
    let mut out = Vec::with_capacity(items.len());
    for r in items {
        if r.as_ref()
            .is_ok_and(|s| !s.type_.is_empty() && s.type_ != SECRET_TYPE)
        {
            continue;
        }
        let t = r.and_then(|s| TokenSpec::from_secret(&s));
        if t.is_err() {
            errors += 1;
            crate::limits::check_count(
                "Secret list (invalid item count)",
                errors,
                crate::limits::MAX_LIST_ERRORS,
            )?;
        }
        out.push(t);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "abcdef0123456789";

    fn tok() -> BootstrapToken {
        BootstrapToken::parse("abcdef.abcdef0123456789").unwrap()
    }

    fn at(s: &str) -> Timestamp {
        Timestamp::parse_rfc3339(s).unwrap()
    }

    #[test]
    fn to_secret_like_upstream() {
        let mut spec = TokenSpec {
            token: tok(),
            description: String::new(),
            ttl: Some(Duration::from_secs(-3600)),
            expires: None,
            usages: vec!["signing".into(), "bogus".into(), "signing".into()],
            groups: vec![],
        };
        let now = at("2024-01-01T00:00:00.999999999Z");
        let s = spec.to_secret(now);
        assert_eq!(s.name, "bootstrap-token-abcdef");
        let keys: Vec<&String> = s.data.as_ref().unwrap().keys().collect();
        assert_eq!(
            keys,
            [
                "token-id",
                "token-secret",
                "usage-bootstrap-bogus",
                "usage-bootstrap-signing"
            ]
        );
        spec.ttl = Some(Duration::DEFAULT_TTL);
        assert_eq!(
            spec.to_secret(now).get(KEY_EXPIRATION),
            "2024-01-02T00:00:00Z"
        );
        spec.expires = Some(at("2030-01-01T02:00:00+02:00"));
        assert_eq!(
            spec.to_secret(now).get(KEY_EXPIRATION),
            "2030-01-01T00:00:00Z"
        );
        spec.groups = vec![String::new()];
        assert_eq!(
            spec.to_secret(now).get_bytes(KEY_EXTRA_GROUPS),
            Some(&b""[..])
        );
    }

    #[test]
    fn from_secret_order_and_redaction() {
        let good = TokenSpec::new(tok(), Flavour::Kubeadm);
        let mut s = good.to_secret(at("2024-01-01T00:00:00Z"));
        let back = TokenSpec::from_secret(&s).unwrap();
        assert_eq!(back.usages, ["authentication", "signing"]);
        assert_eq!(back.ttl, None);
        assert_eq!(back.expires, Some(at("2024-01-02T00:00:00Z")));
        // Name check comes before the secret check (upstream order).
        let data = s.data.as_mut().unwrap();
        data.insert(KEY_TOKEN_SECRET.into(), b"ABCDEF0123456789".to_vec());
        s.name = "foo".into();
        let e = TokenSpec::from_secret(&s).unwrap_err();
        assert!(e.to_string().contains("\"foo\""), "{e}");
        s.name = "bootstrap-token-abcdef".into();
        let e = TokenSpec::from_secret(&s).unwrap_err();
        assert_eq!(e.code(), "invalid_secret");
        assert!(!e.to_string().contains("ABCDEF0123456789"), "{e}");
        assert!(e.to_string().contains("abcdef.****************"), "{e}");
        // A token-id holding a whole token is not echoed either.
        let data = s.data.as_mut().unwrap();
        data.insert(KEY_TOKEN_ID.into(), format!("abcdef.{SECRET}").into_bytes());
        let e = TokenSpec::from_secret(&s).unwrap_err();
        assert!(!e.to_string().contains(SECRET), "{e}");
    }

    #[test]
    fn groups_split_as_is() {
        let s = TokenSpec::new(tok(), Flavour::K3s).to_secret(Timestamp::from_unix(0));
        let mut d = s.data.clone().unwrap();
        for (raw, want) in [
            ("a,,b", vec!["a", "", "b"]),
            (",a", vec![]),
            ("", vec![]),
            ("a,", vec!["a", ""]),
        ] {
            d.insert(KEY_EXTRA_GROUPS.into(), raw.as_bytes().to_vec());
            let t = TokenSpec::from_secret(&Secret {
                data: Some(d.clone()),
                ..s.clone()
            })
            .unwrap();
            assert_eq!(t.groups, want, "{raw}");
        }
    }

    #[test]
    fn validation_rules() {
        assert!(validate_group("system:bootstrappers:a").is_ok());
        assert!(validate_group(&format!("system:bootstrappers:{}", "a".repeat(256))).is_ok());
        for bad in [
            "system:bootstrappers",
            "system:bootstrappers:",
            "system:bootstrappers:a-",
            "system:bootstrappers:a:",
            "system:bootstrappers:A",
            "system:bootstrappers:é",
        ] {
            assert_eq!(
                validate_group(bad).unwrap_err().code(),
                "invalid_group",
                "{bad}"
            );
        }
        assert!(validate_group(&format!("system:bootstrappers:{}", "a".repeat(257))).is_err());
        let e = validate_usages(&["foo", "bar", "foo", "signing"]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "invalid bootstrap token usage string: bar,foo, valid usage options: signing,authentication"
        );
        assert!(validate_usages::<&str>(&[]).is_ok());
        assert_eq!(
            validate_token_groups(&["signing"], &["system:bootstrappers:a"])
                .unwrap_err()
                .code(),
            "invalid_options"
        );
        let mut spec = TokenSpec::new(tok(), Flavour::Karmada);
        assert!(spec.validate().is_ok());
        spec.expires = Some(Timestamp::from_unix(0));
        assert_eq!(spec.validate().unwrap_err().code(), "invalid_options");
    }

    #[test]
    fn options_defaults_and_errors() {
        let mut zeros = |b: &mut [u8]| {
            b.fill(7);
            Ok(())
        };
        let o =
            TokenOptions::from_value(&serde_json::json!({"flavour": "rke2", "now": "x"})).unwrap();
        let spec = o.to_spec_with(&mut zeros).unwrap();
        assert_eq!(spec.token.expose(), "777777.7777777777777777");
        assert_eq!(
            spec.groups,
            ["system:bootstrappers:rke2:default-node-token"]
        );
        assert_eq!(spec.ttl, Some(Duration::DEFAULT_TTL));
        let o = TokenOptions::from_value(
            &serde_json::json!({"usages": "signing", "expires": "2030-01-01T00:00:00Z", "token": ""}),
        )
        .unwrap();
        let spec = o.to_spec_with(&mut zeros).unwrap();
        assert!(spec.groups.is_empty());
        assert_eq!(spec.ttl, None);
        assert!(spec.validate().is_ok());
        for (v, code) in [
            (
                serde_json::json!({"token": "abcdef.ABCDEF0123456789"}),
                "invalid_token",
            ),
            (serde_json::json!({"ttl": true}), "invalid_duration"),
            (serde_json::json!({"ttl": 1e300}), "invalid_duration"),
            // Integer milliseconds past ±292 years: an error, not a saturated TTL.
            (
                serde_json::json!({"ttl": 9_300_000_000_000_i64}),
                "invalid_duration",
            ),
            (
                serde_json::json!({"ttl": -9_300_000_000_000_i64}),
                "invalid_duration",
            ),
            (serde_json::json!({"ttl": i64::MAX}), "invalid_duration"),
            (serde_json::json!({"usages": [1]}), "invalid_options"),
            (
                serde_json::json!({"expires": "tomorrow"}),
                "invalid_timestamp",
            ),
            (serde_json::json!({"flavour": "K3S"}), "invalid_options"),
            (serde_json::json!({"secret": "x"}), "invalid_options"),
            (serde_json::json!([]), "invalid_options"),
        ] {
            let e = TokenOptions::from_value(&v).unwrap_err();
            assert_eq!(e.code(), code, "{v}");
            assert!(!e.to_string().contains("ABCDEF0123456789"));
        }
        let o =
            TokenOptions::from_value(&serde_json::json!({"ttl": 9_000_000_000_000_i64})).unwrap();
        assert_eq!(o.ttl, Some(Duration::from_secs(9_000_000_000)));
        let o = TokenOptions {
            token: Some(tok()),
            ..TokenOptions::default()
        };
        assert!(!format!("{o:?}").contains(SECRET));
        let (_, secret) = o
            .render_secret_with(Timestamp::from_unix(0), &mut zeros)
            .unwrap();
        assert_eq!(secret.get(KEY_EXPIRATION), "1970-01-02T00:00:00Z");
        let bad = TokenOptions {
            token: None,
            groups: Some(vec!["nope".into()]),
            ..o
        };
        let mut never = |_: &mut [u8]| -> Result<()> { panic!("validated before generating") };
        assert_eq!(
            bad.render_secret_with(Timestamp::from_unix(0), &mut never)
                .unwrap_err()
                .code(),
            "invalid_group"
        );
    }

    #[test]
    fn token_info_and_list_entries_json() {
        let spec = TokenSpec {
            token: BootstrapToken::parse("abcdef.0123456789abcdef").unwrap(),
            description: "d".into(),
            ttl: None,
            expires: Some(Timestamp::parse_rfc3339("2025-01-02T03:04:05+01:00").unwrap()),
            usages: vec!["authentication".into(), "signing".into()],
            groups: vec![],
        };
        let info = TokenInfo::from(&spec);
        assert_eq!(
            serde_json::to_string(&info).unwrap(),
            r#"{"token":"abcdef.0123456789abcdef","id":"abcdef","description":"d","expires":"2025-01-02T03:04:05+01:00","usages":["authentication","signing"],"groups":[]}"#
        );
        let dbg = format!("{info:?}");
        assert!(!dbg.contains("0123456789abcdef"), "{dbg}");
        let never = TokenInfo {
            ttl: Some("1h0m0s".into()),
            expires: None,
            ..info.clone()
        };
        let v = serde_json::to_value(&never).unwrap();
        assert_eq!(v["ttl"], "1h0m0s");
        assert!(v["expires"].is_null());
        let entries = [
            SecretListEntry::from(&Ok(spec)),
            SecretListEntry::from(&Err(Error::InvalidSecret("bad".into()))),
        ];
        let text = serde_json::to_string(&entries).unwrap();
        assert!(
            text.starts_with(r#"[{"token":"abcdef.0123456789abcdef","id":"abcdef","#),
            "{text}"
        );
        assert!(
            text.ends_with(r#"{"error":"invalid_secret","message":"bad"}]"#),
            "{text}"
        );
        assert!(!format!("{entries:?}").contains("0123456789abcdef"));
    }
}
