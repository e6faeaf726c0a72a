//! What the cluster does with a stored bootstrap token: the kube-apiserver's
//! bootstrap-token authenticator ([`authenticate`]), `util/secrets` helpers
//! ([`get_groups`], [`expiration`]) and the two controllers in
//! `pkg/controller/bootstrap` ([`signing_credentials`] for the BootstrapSigner,
//! [`cleaner_action`] for the TokenCleaner).
//!
//! Upstream: KK `plugin/pkg/auth/authenticator/token/bootstrap/bootstrap.go`,
//! CB `util/secrets/secrets.go`, KK `pkg/controller/bootstrap/{util,tokencleaner}.go`.
//!
//! Denials are answers, not errors: [`authenticate`] returns an [`Authentication`] that
//! carries a stable [`DenyReason`] code. Nothing here stores the presented bearer token,
//! and no `Debug` output contains a token secret.
//!
//! **Namespace.** The authenticator's lister is scoped to `kube-system`. A Secret whose
//! `namespace` is empty (a manifest written without one) is treated as being in
//! `kube-system`; a Secret in any other namespace is invisible (as if absent). The same
//! rule applies to the TokenCleaner, whose informer also watches `kube-system` only.
//! When several visible Secrets carry the looked-up name (impossible in a real
//! cluster), the first one wins.

use std::collections::BTreeSet;
use std::fmt;

use subtle::ConstantTimeEq;
use zeroize::Zeroize;

use crate::error::Result;
use crate::go::duration::Duration;
use crate::go::time::Timestamp;
use crate::options::{DEFAULT_GROUP, validate_group};
use crate::secret::{
    KEY_EXPIRATION, KEY_EXTRA_GROUPS, KEY_TOKEN_ID, KEY_TOKEN_SECRET, KEY_USAGE_AUTHENTICATION,
    KEY_USAGE_SIGNING, NAMESPACE, SECRET_TYPE, Secret,
};
use crate::token::{self, BootstrapToken};

/// `system:bootstrap:`: the user-name prefix of bootstrap-token users.
pub const USER_PREFIX: &str = "system:bootstrap:";

/// True when the Secret is visible to a lister scoped to `kube-system` (an empty
/// namespace counts as `kube-system`, see the module docs).
pub fn in_kube_system(secret: &Secret) -> bool {
    secret.namespace.is_empty() || secret.namespace == NAMESPACE
}

/// Why the authenticator said no. Checks run in upstream order; the first failing one
/// is reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DenyReason {
    /// The bearer is not `[a-z0-9]{6}.[a-z0-9]{16}` (`ParseToken` failed).
    MalformedToken,
    /// No Secret `kube-system/bootstrap-token-<id>`.
    NotFound,
    /// The Secret has a `deletionTimestamp`.
    Deleted,
    /// The Secret's type is not `bootstrap.kubernetes.io/token`, or it has no `data`.
    WrongType,
    /// `token-secret` differs from the presented secret (constant-time compare).
    SecretMismatch,
    /// `token-id` in the data differs from the ID in the bearer.
    TokenIdMismatch,
    /// `expiration` is at or before `now`, or cannot be parsed.
    Expired,
    /// `usage-bootstrap-authentication` is not exactly `true`.
    NotForAuthentication,
    /// `auth-extra-groups` holds a group that is not `system:bootstrappers:...`.
    InvalidGroups,
}

impl DenyReason {
    /// Every reason, in check order.
    pub const ALL: [DenyReason; 9] = [
        DenyReason::MalformedToken,
        DenyReason::NotFound,
        DenyReason::Deleted,
        DenyReason::WrongType,
        DenyReason::SecretMismatch,
        DenyReason::TokenIdMismatch,
        DenyReason::Expired,
        DenyReason::NotForAuthentication,
        DenyReason::InvalidGroups,
    ];

    /// The stable code: `malformed_token`, `not_found`, `deleted`, `wrong_type`,
    /// `secret_mismatch`, `token_id_mismatch`, `expired`, `not_for_authentication`,
    /// `invalid_groups`.
    pub fn code(self) -> &'static str {
        match self {
            DenyReason::MalformedToken => "malformed_token",
            DenyReason::NotFound => "not_found",
            DenyReason::Deleted => "deleted",
            DenyReason::WrongType => "wrong_type",
            DenyReason::SecretMismatch => "secret_mismatch",
            DenyReason::TokenIdMismatch => "token_id_mismatch",
            DenyReason::Expired => "expired",
            DenyReason::NotForAuthentication => "not_for_authentication",
            DenyReason::InvalidGroups => "invalid_groups",
        }
    }
}

impl fmt::Display for DenyReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The authenticated user: `system:bootstrap:<id>` and its groups (sorted,
/// de-duplicated, always including `system:bootstrappers`). No UID, no extra.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct User {
    /// `system:bootstrap:<token-id>`
    pub name: String,
    /// Sorted, de-duplicated groups.
    pub groups: Vec<String>,
}

/// The authenticator's answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Authentication {
    /// The token is good: this is who it authenticates as.
    Authenticated(User),
    /// The token is refused, for this reason.
    Denied(DenyReason),
}

impl Authentication {
    /// True when authenticated.
    pub fn is_authenticated(&self) -> bool {
        matches!(self, Authentication::Authenticated(_))
    }

    /// The user, when authenticated.
    pub fn user(&self) -> Option<&User> {
        match self {
            Authentication::Authenticated(u) => Some(u),
            Authentication::Denied(_) => None,
        }
    }

    /// The reason, when denied.
    pub fn reason(&self) -> Option<DenyReason> {
        match self {
            Authentication::Authenticated(_) => None,
            Authentication::Denied(r) => Some(*r),
        }
    }
}

/// The result of `authenticate`: `{"authenticated", "user": {"name", "groups"} | null,
/// "reason": code | null}`.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct AuthenticationResult {
    /// Whether the token authenticates.
    pub authenticated: bool,
    /// Who it authenticates as (when it does).
    pub user: Option<User>,
    /// The [`DenyReason::code`] (when it does not).
    pub reason: Option<String>,
}

impl From<&Authentication> for AuthenticationResult {
    fn from(a: &Authentication) -> Self {
        AuthenticationResult {
            authenticated: a.is_authenticated(),
            user: a.user().cloned(),
            reason: a.reason().map(|r| r.code().to_owned()),
        }
    }
}

/// `TokenAuthenticator.AuthenticateToken` over the given Secrets at `now`.
///
/// The checks, in upstream order: the bearer parses (`malformed_token`); a visible
/// Secret `bootstrap-token-<id>` exists (`not_found`); it is not being deleted
/// (`deleted`); its type is `bootstrap.kubernetes.io/token` and it has data
/// (`wrong_type`); `token-secret` equals the presented secret, compared in constant
/// time (`secret_mismatch`); `token-id` equals the ID (`token_id_mismatch`); it has not
/// expired — an expiration exactly at `now` or unparseable counts as expired
/// (`expired`); `usage-bootstrap-authentication` is `true` (`not_for_authentication`);
/// every extra group is valid (`invalid_groups`).
pub fn authenticate(bearer: &str, secrets: &[Secret], now: Timestamp) -> Authentication {
    use Authentication::Denied;
    let Ok(token) = BootstrapToken::parse(bearer) else {
        return Denied(DenyReason::MalformedToken);
    };
    let name = token.secret_name();
    let Some(secret) = secrets.iter().find(|s| s.name == name && in_kube_system(s)) else {
        return Denied(DenyReason::NotFound);
    };
    if secret.deletion_timestamp.is_some() {
        return Denied(DenyReason::Deleted);
    }
    if secret.type_ != SECRET_TYPE || secret.data.is_none() {
        return Denied(DenyReason::WrongType);
    }
    let stored = secret.get_bytes(KEY_TOKEN_SECRET).unwrap_or_default();
    if !bool::from(stored.ct_eq(token.secret().as_bytes())) {
        return Denied(DenyReason::SecretMismatch);
    }
    if secret.get_bytes(KEY_TOKEN_ID).unwrap_or_default() != token.id().as_bytes() {
        return Denied(DenyReason::TokenIdMismatch);
    }
    if expiration(secret, now).expired {
        return Denied(DenyReason::Expired);
    }
    if secret.get_bytes(KEY_USAGE_AUTHENTICATION) != Some(b"true".as_slice()) {
        return Denied(DenyReason::NotForAuthentication);
    }
    match get_groups(secret) {
        Ok(groups) => Authentication::Authenticated(User {
            name: format!("{USER_PREFIX}{}", token.id()),
            groups,
        }),
        Err(_) => Denied(DenyReason::InvalidGroups),
    }
}

/// `GetGroups`: `system:bootstrappers` plus the comma-separated `auth-extra-groups`,
/// sorted and de-duplicated. Any invalid element (including an empty one, e.g. from a
/// trailing comma) is an [`crate::Error::InvalidGroup`] and no groups are returned.
pub fn get_groups(secret: &Secret) -> Result<Vec<String>> {
    let mut set = BTreeSet::new();
    set.insert(DEFAULT_GROUP.to_owned());
    let extra = secret.get(KEY_EXTRA_GROUPS);
    if !extra.is_empty() {
        for g in extra.split(',') {
            validate_group(g)?;
            set.insert(g.to_owned());
        }
    }
    Ok(set.into_iter().collect())
}

/// `GetExpiration`'s answer: how long is left, and whether the token has expired. The
/// result of `token_expiration`: `{"remaining": Go duration, "expired"}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Expiration {
    /// Time left; zero when there is no expiration or it has passed.
    pub remaining: Duration,
    /// True when the expiration is at or before `now`, or cannot be parsed.
    pub expired: bool,
}

/// `GetExpiration(secret, now)`: no or empty `expiration` → `(0, false)`; unparseable →
/// `(0, true)`; `exp - now <= 0` → `(0, true)`; else `(exp - now, false)`.
pub fn expiration(secret: &Secret, now: Timestamp) -> Expiration {
    let never = Expiration {
        remaining: Duration::ZERO,
        expired: false,
    };
    let gone = Expiration {
        remaining: Duration::ZERO,
        expired: true,
    };
    let raw = secret.get(KEY_EXPIRATION);
    if raw.is_empty() {
        return never;
    }
    let Ok(exp) = Timestamp::parse_rfc3339(&raw) else {
        return gone;
    };
    let remaining = exp - now;
    if remaining.is_positive() {
        Expiration {
            remaining,
            expired: false,
        }
    } else {
        gone
    }
}

/// `HasExpired(secret, now)`.
pub fn has_expired(secret: &Secret, now: Timestamp) -> bool {
    expiration(secret, now).expired
}

/// The ID and secret the BootstrapSigner signs `cluster-info` with. The secret is the
/// raw bytes the Secret stores (upstream neither checks its format nor decodes it as
/// text: Go signs with `[]byte(tokenSecret)`). `Debug` masks it; it is wiped on drop.
/// The result of `signing_credentials`: `{"token_id", "token_secret"}`, the secret as
/// text (U+FFFD for bytes that are not UTF-8, only possible in a hand-written Secret).
#[derive(Clone, PartialEq, Eq, serde::Serialize)]
pub struct SigningCredentials {
    /// The token ID.
    pub token_id: String,
    /// The stored `token-secret`, byte for byte. Handle with care.
    #[serde(serialize_with = "lossy_text")]
    pub token_secret: Vec<u8>,
}

impl SigningCredentials {
    /// The secret as text, `None` when the stored bytes are not UTF-8 (only a Secret
    /// written by hand can hold such a value; it still signs, with its raw bytes).
    pub fn token_secret_str(&self) -> Option<&str> {
        std::str::from_utf8(&self.token_secret).ok()
    }
}

/// Bytes serialized as text, invalid UTF-8 replaced by U+FFFD.
pub(crate) fn lossy_text<S: serde::Serializer>(
    b: &[u8],
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(&String::from_utf8_lossy(b))
}

impl Drop for SigningCredentials {
    fn drop(&mut self) {
        self.token_secret.zeroize();
    }
}

impl fmt::Debug for SigningCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SigningCredentials")
            .field("token_id", &self.token_id)
            .field("token_secret", &token::MASK)
            .finish()
    }
}

/// `validateSecretForSigning(secret)`: `Some` only when the name is
/// `bootstrap-token-<id>`, `token-id` equals that ID, `token-secret` is non-empty, the
/// token has not expired at `now` (missing/empty expiration never expires, unparseable
/// has) and `usage-bootstrap-signing` is exactly `true`. The Secret's type, namespace and
/// deletion timestamp are not checked here: the signer's informer filters type and
/// namespace ([`signer_sees`]); upstream ignores deletion.
pub fn signing_credentials(secret: &Secret, now: Timestamp) -> Option<SigningCredentials> {
    let id = token::parse_secret_name(&secret.name)?;
    if secret.get_bytes(KEY_TOKEN_ID) != Some(id.as_bytes()) {
        return None;
    }
    let token_secret = secret
        .get_bytes(KEY_TOKEN_SECRET)
        .filter(|s| !s.is_empty())?;
    if has_expired(secret, now) {
        return None;
    }
    if secret.get_bytes(KEY_USAGE_SIGNING) != Some(b"true".as_slice()) {
        return None;
    }
    Some(SigningCredentials {
        token_id: id.to_owned(),
        token_secret: token_secret.to_vec(),
    })
}

/// Whether the BootstrapSigner's Secret informer sees this Secret at all: type
/// `bootstrap.kubernetes.io/token` in `kube-system` (an empty namespace counts as
/// `kube-system`, see the module docs).
pub fn signer_sees(secret: &Secret) -> bool {
    in_kube_system(secret) && secret.type_ == SECRET_TYPE
}

/// What the TokenCleaner does with a Secret. The result of `cleaner_action`:
/// `{"action": "delete", "namespace", "name", "uid"}`, `{"action": "requeue", "after":
/// Go duration}` or `{"action": "none"}`.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "action")]
pub enum CleanerAction {
    /// Delete the Secret, with a UID precondition when the Secret has a UID.
    #[serde(rename = "delete")]
    Delete {
        /// Namespace (`kube-system`).
        namespace: String,
        /// Secret name.
        name: String,
        /// `Preconditions.UID`, when the Secret has a non-empty UID.
        uid: Option<String>,
    },
    /// Look again after this long (`AddAfter(key, ttl)`).
    #[serde(rename = "requeue")]
    RequeueAfter {
        /// The time left until the token expires.
        after: Duration,
    },
    /// Nothing to do (no expiration, or not a bootstrap-token Secret in `kube-system`).
    #[serde(rename = "none")]
    Nothing,
}

/// TokenCleaner `syncFunc` + `evalSecret` at `now`: an expired (or unparseable)
/// expiration deletes the Secret, a future one re-queues after the time left, none does
/// nothing. Secrets outside `kube-system` or of another type are ignored, as the
/// cleaner's informer never sees them. The Secret's name is not checked.
pub fn cleaner_action(secret: &Secret, now: Timestamp) -> CleanerAction {
    if !in_kube_system(secret) || secret.type_ != SECRET_TYPE {
        return CleanerAction::Nothing;
    }
    let e = expiration(secret, now);
    if e.expired {
        CleanerAction::Delete {
            namespace: NAMESPACE.to_owned(),
            name: secret.name.clone(),
            uid: secret.uid.clone().filter(|u| !u.is_empty()),
        }
    } else if e.remaining.is_positive() {
        CleanerAction::RequeueAfter { after: e.remaining }
    } else {
        CleanerAction::Nothing
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn now() -> Timestamp {
        Timestamp::parse_rfc3339("2025-01-01T00:00:00Z").unwrap()
    }

    fn secret(pairs: &[(&str, &str)]) -> Secret {
        Secret {
            name: "bootstrap-token-foobar".into(),
            namespace: "kube-system".into(),
            type_: SECRET_TYPE.into(),
            data: Some(
                pairs
                    .iter()
                    .map(|(k, v)| ((*k).to_owned(), v.as_bytes().to_vec()))
                    .collect::<BTreeMap<_, _>>(),
            ),
            uid: None,
            deletion_timestamp: None,
        }
    }

    fn good() -> Secret {
        secret(&[
            ("token-id", "foobar"),
            ("token-secret", "circumnavigation"),
            ("usage-bootstrap-authentication", "true"),
            (
                "auth-extra-groups",
                "system:bootstrappers:b,system:bootstrappers:a",
            ),
        ])
    }

    const BEARER: &str = "foobar.circumnavigation";

    fn reason(s: &Secret, bearer: &str) -> Option<&'static str> {
        authenticate(bearer, std::slice::from_ref(s), now())
            .reason()
            .map(DenyReason::code)
    }

    #[test]
    fn authenticates_with_sorted_groups() {
        let a = authenticate(BEARER, &[good()], now());
        assert_eq!(
            a.user().unwrap(),
            &User {
                name: "system:bootstrap:foobar".into(),
                groups: vec![
                    "system:bootstrappers".into(),
                    "system:bootstrappers:a".into(),
                    "system:bootstrappers:b".into()
                ],
            }
        );
        // Empty namespace counts as kube-system.
        let mut s = good();
        s.namespace.clear();
        assert!(authenticate(BEARER, &[s], now()).is_authenticated());
    }

    #[test]
    fn every_denial_reason() {
        assert_eq!(
            reason(&good(), "foobar.circumnavigatio"),
            Some("malformed_token")
        );
        assert_eq!(
            reason(&good(), "FOOBAR.circumnavigation"),
            Some("malformed_token")
        );
        assert_eq!(
            reason(&good(), "barfoo.circumnavigation"),
            Some("not_found")
        );
        let mut s = good();
        s.namespace = "default".into();
        assert_eq!(reason(&s, BEARER), Some("not_found"));
        let mut s = good();
        s.deletion_timestamp = Some("2025-01-01T00:00:00Z".into());
        assert_eq!(reason(&s, BEARER), Some("deleted"));
        let mut s = good();
        s.type_ = "Opaque".into();
        assert_eq!(reason(&s, BEARER), Some("wrong_type"));
        let mut s = good();
        s.data = None;
        assert_eq!(reason(&s, BEARER), Some("wrong_type"));
        assert_eq!(
            reason(&good(), "foobar.circumnavigatioo"),
            Some("secret_mismatch")
        );
        assert_eq!(
            reason(&good(), "foobar.xircumnavigation"),
            Some("secret_mismatch")
        );
        let mut s = good();
        s.data.as_mut().unwrap().remove("token-secret");
        assert_eq!(reason(&s, BEARER), Some("secret_mismatch"));
        let mut s = good();
        s.data
            .as_mut()
            .unwrap()
            .insert("token-id".into(), b"barfoo".to_vec());
        assert_eq!(reason(&s, BEARER), Some("token_id_mismatch"));
        for exp in ["2024-12-31T23:59:59Z", "2025-01-01T00:00:00Z", "garbage"] {
            let mut s = good();
            s.data
                .as_mut()
                .unwrap()
                .insert("expiration".into(), exp.into());
            assert_eq!(reason(&s, BEARER), Some("expired"), "{exp}");
        }
        let mut s = good();
        s.data
            .as_mut()
            .unwrap()
            .insert("expiration".into(), b"2025-01-01T00:00:01Z".to_vec());
        assert_eq!(reason(&s, BEARER), None);
        for v in ["", "True", "true ", "1"] {
            let mut s = good();
            s.data
                .as_mut()
                .unwrap()
                .insert("usage-bootstrap-authentication".into(), v.into());
            assert_eq!(reason(&s, BEARER), Some("not_for_authentication"), "{v:?}");
        }
        for g in [
            "foo",
            "system:bootstrappers:a,",
            "k3s:server",
            "system:bootstrappers:A",
        ] {
            let mut s = good();
            s.data
                .as_mut()
                .unwrap()
                .insert("auth-extra-groups".into(), g.into());
            assert_eq!(reason(&s, BEARER), Some("invalid_groups"), "{g}");
        }
        // Every reason has a distinct code.
        let codes: BTreeSet<_> = DenyReason::ALL.iter().map(|r| r.code()).collect();
        assert_eq!(codes.len(), DenyReason::ALL.len());
    }

    #[test]
    fn denial_debug_never_shows_secret() {
        let a = authenticate("foobar.xircumnavigation", &[good()], now());
        let dbg = format!("{a:?}");
        assert!(!dbg.contains("circumnavigation") && !dbg.contains("xircumnavigation"));
        let c = signing_credentials(
            &secret(&[
                ("token-id", "foobar"),
                ("token-secret", "tokenSecret"),
                ("usage-bootstrap-signing", "true"),
            ]),
            now(),
        )
        .unwrap();
        assert_eq!(c.token_secret, b"tokenSecret");
        assert_eq!(c.token_secret_str(), Some("tokenSecret"));
        assert!(!format!("{c:?}").contains("tokenSecret"));
    }

    #[test]
    fn expiration_rules() {
        let e = |v: &str| expiration(&secret(&[("expiration", v)]), now());
        assert_eq!(
            e(""),
            Expiration {
                remaining: Duration::ZERO,
                expired: false
            }
        );
        assert_eq!(
            e("2025-01-01T00:00:00Z"),
            Expiration {
                remaining: Duration::ZERO,
                expired: true
            }
        );
        assert_eq!(
            e("nope"),
            Expiration {
                remaining: Duration::ZERO,
                expired: true
            }
        );
        assert_eq!(
            e("2025-01-01T01:00:00+01:00"),
            Expiration {
                remaining: Duration::ZERO,
                expired: true
            }
        );
        assert_eq!(
            e("2025-01-01T01:00:00Z"),
            Expiration {
                remaining: Duration::from_secs(3600),
                expired: false
            }
        );
        assert!(!expiration(&Secret::default(), now()).expired);
    }

    #[test]
    fn cleaner_actions() {
        let mut s = secret(&[("expiration", "2024-12-31T23:00:00Z")]);
        s.uid = Some("u-1".into());
        assert_eq!(
            cleaner_action(&s, now()),
            CleanerAction::Delete {
                namespace: "kube-system".into(),
                name: "bootstrap-token-foobar".into(),
                uid: Some("u-1".into())
            }
        );
        s.uid = Some(String::new());
        assert!(matches!(
            cleaner_action(&s, now()),
            CleanerAction::Delete { uid: None, .. }
        ));
        let s = secret(&[("expiration", "2025-01-01T00:00:02Z")]);
        assert_eq!(
            cleaner_action(&s, now()),
            CleanerAction::RequeueAfter {
                after: Duration::from_secs(2)
            }
        );
        assert!(matches!(
            cleaner_action(&s, now() + Duration::from_secs(2)),
            CleanerAction::Delete { .. }
        ));
        assert_eq!(cleaner_action(&secret(&[]), now()), CleanerAction::Nothing);
        let mut s = secret(&[("expiration", "garbage")]);
        assert!(matches!(
            cleaner_action(&s, now()),
            CleanerAction::Delete { .. }
        ));
        s.type_ = "Opaque".into();
        assert_eq!(cleaner_action(&s, now()), CleanerAction::Nothing);
    }

    #[test]
    fn signing_rules() {
        let base = [
            ("token-id", "abc123"),
            ("token-secret", "tokenSecret"),
            ("usage-bootstrap-signing", "true"),
        ];
        let mut s = secret(&base);
        s.name = "bootstrap-token-abc123".into();
        assert!(signing_credentials(&s, now()).is_some());
        // Type and deletion are not checked.
        s.type_.clear();
        s.deletion_timestamp = Some("x".into());
        assert!(signing_credentials(&s, now()).is_some());
        for name in ["abc123", "bootstrap-token-def456", "bootstrap-token-ABC123"] {
            let mut t = s.clone();
            t.name = name.into();
            assert!(signing_credentials(&t, now()).is_none(), "{name}");
        }
        for (k, v) in [
            ("token-id", ""),
            ("token-secret", ""),
            ("usage-bootstrap-signing", ""),
            ("expiration", "garbage"),
            ("expiration", "2024-12-31T23:00:00Z"),
        ] {
            let mut t = s.clone();
            t.data.as_mut().unwrap().insert(k.into(), v.into());
            assert!(signing_credentials(&t, now()).is_none(), "{k}={v}");
        }
        let mut t = s.clone();
        t.data.as_mut().unwrap().remove("token-id");
        assert!(signing_credentials(&t, now()).is_none());
    }

    #[test]
    fn signing_uses_the_raw_stored_bytes() {
        // Not UTF-8: Go signs with these exact bytes; a lossy String would sign with
        // U+FFFD instead.
        let raw = b"k3y\xff\xfe\x80".to_vec();
        let mut s = secret(&[("token-id", "abc123"), ("usage-bootstrap-signing", "true")]);
        s.name = "bootstrap-token-abc123".into();
        s.data
            .as_mut()
            .unwrap()
            .insert("token-secret".into(), raw.clone());
        let c = signing_credentials(&s, now()).unwrap();
        assert_eq!(c.token_id, "abc123");
        assert_eq!(c.token_secret, raw);
        assert_eq!(c.token_secret_str(), None);
        let want = crate::jws::compute_detached_signature(b"payload", "abc123", &raw);
        let lossy = String::from_utf8_lossy(&raw).into_owned();
        assert_ne!(
            want,
            crate::jws::compute_detached_signature(b"payload", "abc123", lossy.as_bytes())
        );
        let cm = crate::discovery::ConfigMap::new(
            "cluster-info",
            "kube-public",
            [("kubeconfig".to_owned(), "payload".to_owned())].into(),
        );
        let out = crate::discovery::sign_cluster_info(&cm, &[s], now()).unwrap();
        assert_eq!(out.configmap.data.get("jws-kubeconfig-abc123"), Some(&want));
        assert!(!format!("{c:?}").contains("k3y"));
    }

    #[test]
    fn result_types_json() {
        let user = User {
            name: "system:bootstrap:abcdef".into(),
            groups: vec!["system:bootstrappers".into()],
        };
        let ok = AuthenticationResult::from(&Authentication::Authenticated(user));
        assert_eq!(
            serde_json::to_string(&ok).unwrap(),
            r#"{"authenticated":true,"user":{"name":"system:bootstrap:abcdef","groups":["system:bootstrappers"]},"reason":null}"#
        );
        let no = AuthenticationResult::from(&Authentication::Denied(DenyReason::Expired));
        assert_eq!(
            serde_json::to_string(&no).unwrap(),
            r#"{"authenticated":false,"user":null,"reason":"expired"}"#
        );
        let e = Expiration {
            remaining: Duration::from_secs(90),
            expired: false,
        };
        assert_eq!(
            serde_json::to_string(&e).unwrap(),
            r#"{"remaining":"1m30s","expired":false}"#
        );
        let c = SigningCredentials {
            token_id: "abcdef".into(),
            token_secret: b"0123456789abcdef\xff".to_vec(),
        };
        assert_eq!(
            serde_json::to_string(&c).unwrap(),
            "{\"token_id\":\"abcdef\",\"token_secret\":\"0123456789abcdef\u{fffd}\"}"
        );
        assert!(!format!("{c:?}").contains("0123456789abcdef"));
        let actions = [
            CleanerAction::Delete {
                namespace: "kube-system".into(),
                name: "bootstrap-token-abcdef".into(),
                uid: None,
            },
            CleanerAction::RequeueAfter {
                after: Duration::from_secs(2),
            },
            CleanerAction::Nothing,
        ];
        assert_eq!(
            serde_json::to_string(&actions).unwrap(),
            r#"[{"action":"delete","namespace":"kube-system","name":"bootstrap-token-abcdef","uid":null},{"action":"requeue","after":"2s"},{"action":"none"}]"#
        );
    }
}
