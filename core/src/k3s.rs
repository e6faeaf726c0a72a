//! k3s and rke2 `K10` join tokens, the CA-bundle hash, and the server-token helpers.
//!
//! Reference: k3s release-1.34 (`pkg/clientaccess/token.go`, `pkg/util/token.go`,
//! `pkg/cluster/encrypt.go`, `pkg/cli/token`); rke2 uses the same code with its own
//! program name. Section numbers (§) refer to the k3s spec.
//!
//! * [`K3sToken::parse`] — `parseToken` (§2), exactly: no trimming, first `::`, first `:`.
//! * [`ca_hash`] — `hashCA` (§4) with a real chain check ([`crate::x509`]).
//! * [`format_token`] / [`K3sToken::to_token_string`] — `FormatTokenBytes` / `Info.String` (§3).
//! * [`verify_ca`] — `validateCAHash` (§5) as a value: match, mismatch, and the two warnings.
//! * [`credentials`] — the Authorization a joining node sends (Bearer, Basic or none).
//! * [`normalize_token`], [`token_hash`], [`storage_key`], [`encrypt`], [`decrypt`] — the
//!   bootstrap-data helpers (§9).
//!
//! Secrets: [`K3sToken`]'s `Debug`/`Display` mask the password and token secret; no
//! error message contains them.

mod explain;
mod rotate;
pub use explain::{BundleCertificate, CaHashExplanation, ChainProblem, explain_ca_hash};
#[cfg(feature = "getrandom")]
pub use rotate::rotate;
pub use rotate::{Rotation, replay, rotate_with, which_token_opens};

use std::fmt;

use base64::Engine as _;
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::error::{Error, Result};
use crate::go::time::Timestamp;
use crate::pin::hex_lower;
use crate::token::{BootstrapToken, MASK, is_valid_token};

/// `K10`: the token prefix (case-sensitive).
pub const TOKEN_PREFIX: &str = "K10";
/// Length of the CA hash in a secure token (hex SHA-256).
pub const CA_HASH_LEN: usize = 64;
/// The warning k3s logs when the server's CA is trusted by the host (hash not checked).
pub const WARNING_TRUSTED_BY_HOST: &str =
    "Cluster CA certificate is trusted by the host CA bundle. Token CA hash will not be validated.";
/// The warning k3s logs when the token carries no CA hash.
pub const WARNING_NO_TOKEN_HASH: &str = "Cluster CA certificate is not trusted by the host CA bundle, but the token does not include a CA hash. Use the full token from the server's node-token file to enable Cluster CA validation.";
/// `NormalizeToken`'s error.
pub const NORMALIZE_ERROR: &str = "failed to normalize server token; must be in format K10<CA-HASH>::<USERNAME>:<PASSWORD> or <PASSWORD>";
/// PBKDF2 iterations for bootstrap-data keys.
pub const PBKDF2_ROUNDS: u32 = 4096;
/// Storage-key prefix in the datastore.
pub const STORAGE_KEY_PREFIX: &str = "/bootstrap/";
/// AES-GCM nonce size.
pub const NONCE_LEN: usize = 12;
const TAG_LEN: usize = 16;

/// The names k3s derives from its program name (`version.Program`); rke2 builds the same
/// code with `rke2` (§10). Token grammar, hash rules and crypto do not depend on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Program {
    /// `k3s` or `rke2`.
    pub name: &'static str,
    /// Default data directory (as root).
    pub data_dir: &'static str,
    /// Basic-auth role/group of servers.
    pub server_role: &'static str,
    /// Basic-auth role/group of agents.
    pub agent_role: &'static str,
    /// The default extra group of `token create`.
    pub default_group: &'static str,
    /// `token rotate`'s default `--server`.
    pub rotate_default_server: &'static str,
    /// Supervisor URL path prefix.
    pub url_prefix: &'static str,
    /// Environment variable holding the token.
    pub token_env: &'static str,
    /// Environment variable holding the server URL.
    pub url_env: &'static str,
    /// Type of the node-password Secrets.
    pub node_password_secret_type: &'static str,
}

/// k3s.
pub const K3S: Program = Program {
    name: "k3s",
    data_dir: "/var/lib/rancher/k3s",
    server_role: "k3s:server",
    agent_role: "k3s:agent",
    default_group: "system:bootstrappers:k3s:default-node-token",
    rotate_default_server: "https://127.0.0.1:6443",
    url_prefix: "/v1-k3s",
    token_env: "K3S_TOKEN",
    url_env: "K3S_URL",
    node_password_secret_type: "k3s.cattle.io/node-password",
};

/// rke2 (the supervisor listens on 9345).
pub const RKE2: Program = Program {
    name: "rke2",
    data_dir: "/var/lib/rancher/rke2",
    server_role: "rke2:server",
    agent_role: "rke2:agent",
    default_group: "system:bootstrappers:rke2:default-node-token",
    rotate_default_server: "https://127.0.0.1:9345",
    url_prefix: "/v1-rke2",
    token_env: "RKE2_TOKEN",
    url_env: "RKE2_URL",
    node_password_secret_type: "rke2.cattle.io/node-password",
};

impl Program {
    /// The program of a flavour (`None` for kubeadm and karmada).
    pub fn of(flavour: crate::options::Flavour) -> Option<Program> {
        match flavour {
            crate::options::Flavour::K3s => Some(K3S),
            crate::options::Flavour::Rke2 => Some(RKE2),
            _ => None,
        }
    }
    /// The server token file: `<data_dir>/server/token`.
    pub fn server_token_file(&self) -> String {
        format!("{}/server/token", self.data_dir)
    }
}

/// What a K10 token's credentials are. Serialized as [`CredentialKind::as_str`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CredentialKind {
    /// A Kubernetes bootstrap token `id.secret` (sent as Bearer).
    Bootstrap,
    /// `username:password` (the username may be empty).
    Password,
}

impl CredentialKind {
    /// `"bootstrap"` or `"password"`.
    pub fn as_str(self) -> &'static str {
        match self {
            CredentialKind::Bootstrap => "bootstrap",
            CredentialKind::Password => "password",
        }
    }
}

/// A parsed `K10` token (k3s `clientaccess.Info` minus the server URL and CA bytes).
#[derive(Clone, PartialEq, Eq)]
pub struct K3sToken {
    ca_hash: String,
    username: String,
    password: Zeroizing<String>,
    bootstrap: Option<BootstrapToken>,
}

fn invalid(m: &str) -> Error {
    Error::InvalidK3sToken(m.to_owned())
}

/// The result of `parse_k3s_token`: `{"ca_hash", "kind", "token_id", "token",
/// "username", "password"}`. **`token` and `password` are secrets**; `Debug` masks them.
#[derive(Clone, PartialEq, Eq, serde::Serialize)]
pub struct K3sTokenInfo {
    /// The CA hash (64 hex characters, or `""`).
    pub ca_hash: String,
    /// Bootstrap token or username/password.
    pub kind: CredentialKind,
    /// The bootstrap token's ID (`None` for passwords).
    pub token_id: Option<String>,
    /// The bootstrap token `id.secret` (`None` for passwords).
    pub token: Option<String>,
    /// The username (`""` when none).
    pub username: String,
    /// The password (`""` for bootstrap tokens).
    pub password: String,
}

impl From<&K3sToken> for K3sTokenInfo {
    fn from(t: &K3sToken) -> Self {
        K3sTokenInfo {
            ca_hash: t.ca_hash().to_owned(),
            kind: t.kind(),
            token_id: t.bootstrap_token().map(|b| b.id().to_owned()),
            token: t.bootstrap_token().map(BootstrapToken::expose),
            username: t.username().to_owned(),
            password: t.password().to_owned(),
        }
    }
}

impl fmt::Debug for K3sTokenInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("K3sTokenInfo")
            .field("ca_hash", &self.ca_hash)
            .field("kind", &self.kind)
            .field("token_id", &self.token_id)
            .field(
                "token",
                &self.token_id.as_ref().map(|id| format!("{id}.{MASK}")),
            )
            .field("username", &self.username)
            .field("password", &MASK)
            .finish()
    }
}

impl K3sToken {
    /// `parseToken` (§2), step by step. Errors: empty token, CA hash length ≠ 64 when
    /// present, credentials that are neither a bootstrap token nor `user:pass` with a
    /// non-empty password.
    pub fn parse(token: &str) -> Result<Self> {
        if token.is_empty() {
            return Err(invalid("token must not be empty"));
        }
        crate::limits::check_bytes("token", token.len(), crate::limits::MAX_K3S_BYTES)?;
        // The rewritten copy holds the credentials: wiped on drop.
        let rewritten: Zeroizing<String>;
        let mut t = token;
        if !t.starts_with(TOKEN_PREFIX) {
            let prefix = if is_valid_token(t) { "K10::" } else { "K10:::" };
            rewritten = Zeroizing::new(crate::token::concat(&[prefix, t]));
            t = &rewritten;
        }
        let rest = t.get(TOKEN_PREFIX.len()..).unwrap_or_default();
        let (ca_hash, creds) = match rest.split_once("::") {
            Some((h, c)) => {
                if !h.is_empty() && h.len() != CA_HASH_LEN {
                    return Err(invalid("invalid token CA hash length"));
                }
                (h, c)
            }
            None => ("", rest),
        };
        if is_valid_token(creds) {
            return Ok(K3sToken {
                ca_hash: ca_hash.to_owned(),
                username: String::new(),
                password: Zeroizing::new(String::new()),
                bootstrap: Some(BootstrapToken::parse(creds)?),
            });
        }
        match creds.split_once(':') {
            Some((user, pass)) if !pass.is_empty() => Ok(K3sToken {
                ca_hash: ca_hash.to_owned(),
                username: user.to_owned(),
                password: Zeroizing::new(pass.to_owned()),
                bootstrap: None,
            }),
            _ => Err(invalid("invalid token format")),
        }
    }

    /// Builds a token from its parts (for formatting). `credentials` is `id.secret` or
    /// `user:password` (a bare password is `:password`).
    pub fn from_credentials(ca_hash: &str, credentials: &str) -> Result<Self> {
        let joined = Zeroizing::new(crate::token::concat(&[
            TOKEN_PREFIX,
            ca_hash,
            "::",
            credentials,
        ]));
        Self::parse(&joined)
    }

    /// The CA hash (empty when the token has none). Not checked to be hex; case kept.
    pub fn ca_hash(&self) -> &str {
        &self.ca_hash
    }
    /// Bootstrap token or password.
    pub fn kind(&self) -> CredentialKind {
        if self.bootstrap.is_some() {
            CredentialKind::Bootstrap
        } else {
            CredentialKind::Password
        }
    }
    /// The bootstrap token, if the credentials are one.
    pub fn bootstrap_token(&self) -> Option<&BootstrapToken> {
        self.bootstrap.as_ref()
    }
    /// The username (`""` for bootstrap tokens and bare passwords unless set by
    /// [`K3sToken::with_user`]).
    pub fn username(&self) -> &str {
        &self.username
    }
    /// The password (`""` for bootstrap tokens). This is a secret.
    pub fn password(&self) -> &str {
        &self.password
    }
    /// `WithUser(u)`: overwrites the username (no effect on auth for bootstrap tokens).
    pub fn with_user(mut self, user: &str) -> Self {
        self.username = user.to_owned();
        self
    }
    /// The credentials as k3s writes them: `id.secret` or `user:password`. Secret.
    pub fn expose_credentials(&self) -> String {
        match &self.bootstrap {
            Some(b) => b.expose(),
            None => crate::token::concat(&[&self.username, ":", &self.password]),
        }
    }
    /// The token string with the hash it carries: `K10<hash>::<credentials>`. Secret.
    pub fn expose(&self) -> String {
        let creds = Zeroizing::new(self.expose_credentials());
        crate::token::concat(&[TOKEN_PREFIX, &self.ca_hash, "::", &creds])
    }
    /// `Info.String()`: `K10` + hashCA(bundle) + `::` + credentials, where a missing or
    /// unparseable bundle gives an empty hash (k3s ignores the error). Secret.
    pub fn to_token_string(&self, bundle: Option<&[u8]>, now: Timestamp) -> String {
        let hash = bundle
            .and_then(|b| ca_hash(b, now).ok())
            .map(|h| h.hash)
            .unwrap_or_default();
        self.with_hash(&hash)
    }
    /// [`K3sToken::to_token_string`], or [`Error::Unsupported`] when the build cannot
    /// hash the bundle (several certificates without the `chain` feature).
    pub fn try_to_token_string(&self, bundle: Option<&[u8]>, now: Timestamp) -> Result<String> {
        Ok(self.with_hash(&bundle_hash(bundle, now)?))
    }
    fn with_hash(&self, hash: &str) -> String {
        let creds = Zeroizing::new(self.expose_credentials());
        crate::token::concat(&[TOKEN_PREFIX, hash, "::", &creds])
    }
    /// The token with the secret part masked: `K10<hash>::abcdef.****************` or
    /// `K10<hash>::<user>:****************`.
    pub fn masked(&self) -> String {
        match &self.bootstrap {
            Some(b) => format!("K10{}::{}", self.ca_hash, b.masked()),
            None => format!("K10{}::{}:{MASK}", self.ca_hash, self.username),
        }
    }
}

impl fmt::Debug for K3sToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("K3sToken")
            .field("ca_hash", &self.ca_hash)
            .field("kind", &self.kind())
            .field("token_id", &self.bootstrap.as_ref().map(BootstrapToken::id))
            .field("username", &self.username)
            .field("password", &MASK)
            .finish()
    }
}

impl fmt::Display for K3sToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

/// `ParseUsernamePassword(token)`: `Some((user, password))` when the token parses and is
/// not a bootstrap token.
pub fn parse_username_password(token: &str) -> Option<(String, Zeroizing<String>)> {
    let t = K3sToken::parse(token).ok()?;
    if t.bootstrap.is_some() {
        return None;
    }
    Some((t.username.clone(), t.password.clone()))
}

// ---------------------------------------------------------------------------------------
// CA hash
// ---------------------------------------------------------------------------------------

/// How [`ca_hash`] arrived at the hash. Serialized as [`HashMethod::as_str`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum HashMethod {
    /// One certificate: SHA-256 of the whole input.
    Single,
    /// Several certificates and the chain verified: SHA-256 of the root's DER.
    Root,
    /// Several certificates and the chain did not verify: SHA-256 of the whole input.
    Raw,
}

impl HashMethod {
    /// `"single"`, `"root"` or `"raw"`.
    pub fn as_str(self) -> &'static str {
        match self {
            HashMethod::Single => "single",
            HashMethod::Root => "root",
            HashMethod::Raw => "raw",
        }
    }
}

/// The result of [`ca_hash`] (and of `k3s_ca_hash`: `{"hash", "method"}`).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct CaHash {
    /// 64 lowercase hex characters.
    pub hash: String,
    /// How it was computed.
    pub method: HashMethod,
}

/// `hashCA(bundle)` (§4) at time `now`.
///
/// Certificates are read with client-go `ParseCertsPEM` rules ([`crate::x509::pem`]); none is
/// [`Error::InvalidPem`], a block that does not parse is [`Error::InvalidCertificate`],
/// more than 1 MiB or 64 certificates is [`Error::InputTooLarge`]. One certificate: the
/// SHA-256 of the input bytes. Several: Go's `Verify` of the first against the others
/// ([`crate::x509::verify_k3s_bundle`]); the root's DER hash if it verifies, else the
/// input bytes' hash. Without the `chain` feature, several certificates are
/// [`Error::Unsupported`].
pub fn ca_hash(bundle: impl AsRef<[u8]>, now: Timestamp) -> Result<CaHash> {
    let bundle = bundle.as_ref();
    let certs = crate::go::pem::parse_certificates(bundle)?;
    let raw = || hex_lower(&Sha256::digest(bundle));
    if certs.len() == 1 {
        return Ok(CaHash {
            hash: raw(),
            method: HashMethod::Single,
        });
    }
    #[cfg(not(feature = "chain"))]
    {
        let _ = now;
        Err(Error::Unsupported(
            "the CA hash of a bundle of several certificates needs the k3s chain check, in the \
             full build (npm: import from \"kubetoken/full\"; Rust: the \"chain\" feature)"
                .to_owned(),
        ))
    }
    // The chain check and the root/raw choice, with their reasons.
    #[cfg(feature = "chain")]
    Ok(CaHash::from(&explain_ca_hash(bundle, now)?))
}

/// `FormatTokenBytes(creds, bundle)`: `""` for empty credentials, else
/// `K10<hashCA(bundle)>::<creds>` (creds verbatim); a bundle without certificates is an
/// error. The result holds the credentials: it is a secret.
pub fn format_token(credentials: &str, bundle: impl AsRef<[u8]>, now: Timestamp) -> Result<String> {
    if credentials.is_empty() {
        return Ok(String::new());
    }
    let hash = ca_hash(bundle, now)?.hash;
    Ok(crate::token::concat(&[
        TOKEN_PREFIX,
        &hash,
        "::",
        credentials,
    ]))
}

/// `k3s token create` / `rke2 token create` standard output for a created token:
/// `K10<hash of the kubeconfig CA data>::<id>.<secret>\n`.
pub fn token_create_output(
    token: &BootstrapToken,
    ca_bundle: impl AsRef<[u8]>,
    now: Timestamp,
) -> Result<String> {
    let token = Zeroizing::new(token.expose());
    let hash = ca_hash(ca_bundle, now)?.hash;
    Ok(crate::token::concat(&[
        TOKEN_PREFIX,
        &hash,
        "::",
        &token,
        "\n",
    ]))
}

/// `k3s token generate` standard output: a new random bootstrap token and `\n`.
#[cfg(feature = "getrandom")]
pub fn token_generate_output() -> Result<String> {
    let token = Zeroizing::new(BootstrapToken::generate()?.expose());
    Ok(crate::token::concat(&[&token, "\n"]))
}

/// The outcome of comparing a token's CA hash with a CA bundle (§5 `validateCAHash`).
/// Serialized as [`CaCheckStatus::as_str`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CaCheckStatus {
    /// The hashes are equal (byte for byte, case-sensitive).
    Match,
    /// Both present and different: k3s refuses to join.
    Mismatch,
    /// The token has no hash, the CA is not trusted by the host: accepted with a warning.
    NoTokenHash,
    /// No bundle (the host trusts the server's CA): accepted, with a warning when the
    /// token carries a hash.
    TrustedByHost,
}

impl CaCheckStatus {
    /// `"match"`, `"mismatch"`, `"no_token_hash"`, `"trusted_by_host"`.
    pub fn as_str(self) -> &'static str {
        match self {
            CaCheckStatus::Match => "match",
            CaCheckStatus::Mismatch => "mismatch",
            CaCheckStatus::NoTokenHash => "no_token_hash",
            CaCheckStatus::TrustedByHost => "trusted_by_host",
        }
    }
}

/// The result of [`verify_ca`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaCheck {
    /// The token's hash (may be empty).
    pub token_hash: String,
    /// hashCA of the bundle; empty when there is no bundle or it holds no certificate.
    pub computed_hash: String,
    /// The outcome.
    pub status: CaCheckStatus,
    /// The warning k3s would log, if any.
    pub warning: Option<&'static str>,
}

impl CaCheck {
    /// Whether k3s would go on joining.
    pub fn ok(&self) -> bool {
        self.status != CaCheckStatus::Mismatch
    }
    /// k3s's error for a mismatch (redacted like an error message: the token's hash
    /// part is the caller's text).
    pub fn message(&self) -> Option<String> {
        (self.status == CaCheckStatus::Mismatch).then(|| {
            crate::redact::redact(&format!(
                "token CA hash does not match the Cluster CA certificate hash: {} != {}",
                self.token_hash, self.computed_hash
            ))
        })
    }
}

/// The result of `verify_k3s_ca`: `{"ok", "status", "token_hash", "computed_hash",
/// "warning", "message", "username"}` — a [`CaCheck`] with its verdict and the username
/// the joining node would use.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct CaVerification {
    /// [`CaCheck::ok`]: whether k3s would go on joining.
    pub ok: bool,
    /// The outcome.
    pub status: CaCheckStatus,
    /// The token's hash (may be empty).
    pub token_hash: String,
    /// hashCA of the bundle (empty without a bundle or certificate).
    pub computed_hash: String,
    /// The warning k3s would log, if any.
    pub warning: Option<String>,
    /// k3s's error for a mismatch ([`CaCheck::message`]).
    pub message: Option<String>,
    /// The token's username (after the `user` override).
    pub username: String,
}

impl CaVerification {
    /// The check's fields, plus `username`.
    pub fn new(check: &CaCheck, username: &str) -> Self {
        CaVerification {
            ok: check.ok(),
            status: check.status,
            token_hash: check.token_hash.clone(),
            computed_hash: check.computed_hash.clone(),
            warning: check.warning.map(str::to_owned),
            message: check.message(),
            username: username.to_owned(),
        }
    }
}

/// `validateCAHash` (§5): compares the token's hash with the hash of `bundle` (the
/// `/cacerts` body, or `None` when the host already trusts the server's CA).
///
/// Without the `chain` feature a bundle of several certificates has no hash here
/// (it is [`Error::Unsupported`]): use [`try_verify_ca`], which says so instead of
/// answering.
pub fn verify_ca(token_hash: &str, bundle: Option<&[u8]>, now: Timestamp) -> CaCheck {
    let computed = bundle
        .and_then(|b| ca_hash(b, now).ok())
        .map(|h| h.hash)
        .unwrap_or_default();
    ca_check(token_hash, bundle.is_some(), computed)
}

/// [`verify_ca`], or [`Error::Unsupported`] when the build cannot hash the bundle (a
/// bundle of several certificates without the `chain` feature), so no build answers
/// differently. With `chain` it never fails.
pub fn try_verify_ca(token_hash: &str, bundle: Option<&[u8]>, now: Timestamp) -> Result<CaCheck> {
    let computed = bundle_hash(bundle, now)?;
    Ok(ca_check(token_hash, bundle.is_some(), computed))
}

/// The hash of an optional bundle where a bad bundle means no hash (""), except a bundle
/// this build cannot hash ([`Error::Unsupported`]).
fn bundle_hash(bundle: Option<&[u8]>, now: Timestamp) -> Result<String> {
    match bundle.map(|b| ca_hash(b, now)) {
        Some(Err(e @ Error::Unsupported(_))) => Err(e),
        Some(Ok(h)) => Ok(h.hash),
        _ => Ok(String::new()),
    }
}

fn ca_check(token_hash: &str, has_bundle: bool, computed: String) -> CaCheck {
    let (status, warning) = match (token_hash.is_empty(), has_bundle) {
        (false, false) => (CaCheckStatus::TrustedByHost, Some(WARNING_TRUSTED_BY_HOST)),
        (true, false) => (CaCheckStatus::TrustedByHost, None),
        (true, true) => (CaCheckStatus::NoTokenHash, Some(WARNING_NO_TOKEN_HASH)),
        (false, true) if token_hash == computed => (CaCheckStatus::Match, None),
        (false, true) => (CaCheckStatus::Mismatch, None),
    };
    CaCheck {
        token_hash: token_hash.to_owned(),
        computed_hash: computed,
        status,
        warning,
    }
}

/// The credentials a joining node sends with its requests.
#[derive(Clone, PartialEq, Eq)]
pub enum Credential {
    /// `Authorization: Bearer <id>.<secret>`.
    Bearer(BootstrapToken),
    /// `Authorization: Basic base64(user:password)`.
    Basic {
        /// The username (`node`, `server`, or the token's).
        username: String,
        /// The password (secret).
        password: Zeroizing<String>,
    },
    /// No Authorization header (a bare password without a username).
    None,
}

impl Credential {
    /// `"bearer"`, `"basic"` or `"none"`.
    pub fn scheme(&self) -> &'static str {
        match self {
            Credential::Bearer(_) => "bearer",
            Credential::Basic { .. } => "basic",
            Credential::None => "none",
        }
    }
    /// The Authorization header value (secret), if any.
    pub fn header(&self) -> Option<String> {
        match self {
            Credential::Bearer(t) => {
                let token = Zeroizing::new(t.expose());
                Some(crate::token::concat(&["Bearer ", &token]))
            }
            Credential::Basic { username, password } => {
                let pair = Zeroizing::new(crate::token::concat(&[username, ":", password]));
                let b64 = Zeroizing::new(
                    base64::engine::general_purpose::STANDARD.encode(pair.as_bytes()),
                );
                Some(crate::token::concat(&["Basic ", &b64]))
            }
            Credential::None => None,
        }
    }
}

impl fmt::Debug for Credential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Credential::Bearer(t) => write!(f, "Bearer({})", t.masked()),
            Credential::Basic { username, .. } => write!(f, "Basic({username}:{MASK})"),
            Credential::None => f.write_str("None"),
        }
    }
}

/// The result of `k3s_credentials`: `{"scheme": "bearer"|"basic"|"none", "username",
/// "header"}`. **`header` carries the credentials**; `Debug` masks it.
#[derive(Clone, PartialEq, Eq, serde::Serialize)]
pub struct CredentialHeader {
    /// [`Credential::scheme`].
    pub scheme: String,
    /// The Basic username (`None` for Bearer and none).
    pub username: Option<String>,
    /// The `Authorization` header value ([`Credential::header`]).
    pub header: Option<String>,
}

impl From<&Credential> for CredentialHeader {
    fn from(c: &Credential) -> Self {
        CredentialHeader {
            scheme: c.scheme().to_owned(),
            username: match c {
                Credential::Basic { username, .. } => Some(username.clone()),
                _ => None,
            },
            header: c.header(),
        }
    }
}

impl fmt::Debug for CredentialHeader {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CredentialHeader")
            .field("scheme", &self.scheme)
            .field("username", &self.username)
            .field("header", &self.header.as_ref().map(|_| MASK))
            .finish()
    }
}

/// The Authorization decision of `Info.Get/Put/Post` after `WithUser(user)`: Bearer for a
/// bootstrap token, else Basic when the username is non-empty, else nothing. Agents pass
/// `Some("node")`, servers and the CLIs `Some("server")`.
pub fn credentials(token: &K3sToken, user: Option<&str>) -> Credential {
    if let Some(b) = &token.bootstrap {
        return Credential::Bearer(b.clone());
    }
    let username = user.unwrap_or(&token.username);
    if username.is_empty() {
        return Credential::None;
    }
    Credential::Basic {
        username: username.to_owned(),
        password: token.password.clone(),
    }
}

// ---------------------------------------------------------------------------------------
// Server token: normalisation, storage key, bootstrap-data encryption
// ---------------------------------------------------------------------------------------

/// `util.NormalizeToken`: the password part of a server token (`K10…::server:abc` →
/// `abc`, `abc` → `abc`). Bootstrap tokens and unparseable tokens are errors. The result
/// is a secret.
pub fn normalize_token(token: &str) -> Result<Zeroizing<String>> {
    parse_username_password(token)
        .map(|(_, p)| p)
        .ok_or_else(|| invalid(NORMALIZE_ERROR))
}

/// `Passwd.EnsureUser`'s password clean-up: a value starting with `K10` that contains
/// `::<name>:` after index 0 is cut to what follows the marker; anything else is kept.
pub fn passwd_password<'a>(name: &str, passwd: &'a str) -> &'a str {
    if passwd.starts_with(TOKEN_PREFIX) {
        let marker = format!("::{name}:");
        if let Some(i) = passwd.find(&marker)
            && i > 0
        {
            return passwd.get(i + marker.len()..).unwrap_or_default();
        }
    }
    passwd
}

/// `util.ShortHash(passphrase, 12)`: the first 12 hex characters of SHA-256. k3s uses it
/// as the etcd-snapshot token hash. Pass the normalised token ([`normalize_token`]).
pub fn token_hash(passphrase: &str) -> String {
    let mut h = hex_lower(&Sha256::digest(passphrase.as_bytes()));
    h.truncate(12);
    h
}

/// `storageKey(passphrase)`: `/bootstrap/<token_hash>`, where k3s keeps the encrypted
/// bootstrap data. Pass the normalised token.
pub fn storage_key(passphrase: &str) -> String {
    format!("{STORAGE_KEY_PREFIX}{}", token_hash(passphrase))
}

/// PBKDF2-HMAC-SHA1(passphrase, salt bytes, 4096 rounds, 32 bytes).
pub fn derive_key(passphrase: &str, salt: &[u8]) -> Zeroizing<[u8; 32]> {
    let mut key = Zeroizing::new([0u8; 32]);
    pbkdf2::pbkdf2_hmac::<sha1::Sha1>(
        passphrase.as_bytes(),
        salt,
        PBKDF2_ROUNDS,
        key.as_mut_slice(),
    );
    key
}

fn cipher(passphrase: &str, salt: &[u8]) -> Result<aes_gcm::Aes256Gcm> {
    use aes_gcm::KeyInit;
    aes_gcm::Aes256Gcm::new_from_slice(derive_key(passphrase, salt).as_slice())
        .map_err(|_| Error::InvalidCiphertext("bad key length".into()))
}

/// `cluster.encrypt` with an explicit salt and nonce: PBKDF2-HMAC-SHA1(passphrase, salt
/// as ASCII, 4096, 32) → AES-256-GCM(nonce) → `<salt>:<base64(nonce ‖ ciphertext ‖ tag)>`.
/// k3s's salt is 16 random lowercase hex characters; any non-empty salt without `:` is
/// accepted here.
pub fn encrypt_with(
    passphrase: &str,
    plaintext: impl AsRef<[u8]>,
    salt: &str,
    nonce: [u8; NONCE_LEN],
) -> Result<String> {
    use aes_gcm::aead::Aead;
    let plaintext = plaintext.as_ref();
    if salt.is_empty() || salt.contains(':') {
        return Err(Error::InvalidOptions(
            "the salt must be non-empty and must not contain ':'".into(),
        ));
    }
    crate::limits::check_bytes("plaintext", plaintext.len(), crate::limits::MAX_K3S_BYTES)?;
    let sealed = cipher(passphrase, salt.as_bytes())?
        .encrypt(&nonce.into(), plaintext)
        .map_err(|_| Error::InvalidCiphertext("encryption failed".into()))?;
    let mut all = nonce.to_vec();
    all.extend_from_slice(&sealed);
    Ok(format!(
        "{salt}:{}",
        base64::engine::general_purpose::STANDARD.encode(all)
    ))
}

/// `cluster.encrypt` with a random 8-byte (16 hex) salt and a random nonce.
#[cfg(feature = "getrandom")]
pub fn encrypt(passphrase: &str, plaintext: impl AsRef<[u8]>) -> Result<String> {
    let mut salt = [0u8; 8];
    crate::token::os_random(&mut salt)?;
    let mut nonce = [0u8; NONCE_LEN];
    crate::token::os_random(&mut nonce)?;
    encrypt_with(passphrase, plaintext, &hex_lower(&salt), nonce)
}

/// `cluster.decrypt`: the plaintext of a `<salt>:<base64>` value. A value without `:`, with
/// bad base64 or shorter than nonce + tag is [`Error::InvalidCiphertext`] (Go panics below
/// 12 bytes); a wrong passphrase or tampered data is [`Error::DecryptionFailed`].
pub fn decrypt(passphrase: &str, value: impl AsRef<[u8]>) -> Result<Zeroizing<Vec<u8>>> {
    use aes_gcm::aead::Aead;
    let value = value.as_ref();
    crate::limits::check_bytes("ciphertext", value.len(), crate::limits::MAX_K3S_BYTES)?;
    let colon = value
        .iter()
        .position(|&b| b == b':')
        .ok_or_else(|| Error::InvalidCiphertext("invalid cipher text, not : delimited".into()))?;
    let (salt, rest) = (
        value.get(..colon).unwrap_or_default(),
        value.get(colon + 1..).unwrap_or_default(),
    );
    let data = crate::go::base64::decode(rest, b"")
        .ok_or_else(|| Error::InvalidCiphertext("the cipher text is not valid base64".into()))?;
    if data.len() < NONCE_LEN + TAG_LEN {
        return Err(Error::InvalidCiphertext(format!(
            "the cipher text is {} bytes, shorter than nonce and tag ({} bytes)",
            data.len(),
            NONCE_LEN + TAG_LEN
        )));
    }
    let (nonce, sealed) = data.split_at(NONCE_LEN);
    let nonce: [u8; NONCE_LEN] = nonce
        .try_into()
        .map_err(|_| Error::InvalidCiphertext("bad nonce".into()))?;
    // Go passes string(salt) to PBKDF2 as bytes: any bytes work, UTF-8 or not.
    let cipher = cipher(passphrase, salt)?;
    cipher
        .decrypt(&nonce.into(), sealed)
        .map(Zeroizing::new)
        .map_err(|_| {
            Error::DecryptionFailed(
                "cipher: message authentication failed (wrong token or tampered data)".into(),
            )
        })
}

/// Whether `token` opens a bootstrap-data `value` (the user story: before restoring a
/// datastore snapshot, check offline that this token decrypts it). The token is
/// normalised first, as k3s does.
pub fn token_opens(token: &str, value: impl AsRef<[u8]>) -> Result<bool> {
    let pass = normalize_token(token)?;
    match decrypt(&pass, value) {
        Ok(_) => Ok(true),
        Err(Error::DecryptionFailed(_)) => Ok(false),
        Err(e) => Err(e),
    }
}

#[cfg(all(test, not(feature = "chain")))]
mod lean_tests {
    use super::*;

    const ONE: &str = include_str!("../testdata/x509-repro/p224-key-go-accepts.pem");

    #[test]
    fn without_chain_several_certificates_are_unsupported_never_answered() {
        let now = Timestamp::from_unix_nanos(1_700_000_000_000_000_000);
        let two = format!("{ONE}{ONE}");
        assert_eq!(ca_hash(ONE, now).map(|h| h.method), Ok(HashMethod::Single));
        let e = ca_hash(&two, now).err();
        assert_eq!(e.as_ref().map(Error::code), Some("unsupported"));
        assert!(e.is_some_and(|e| e.message().contains("kubetoken/full")));
        assert_eq!(
            try_verify_ca("x", Some(two.as_bytes()), now)
                .err()
                .map(|e| e.code()),
            Some("unsupported")
        );
        assert!(try_verify_ca("x", Some(ONE.as_bytes()), now).is_ok());
        assert!(try_verify_ca("x", None, now).is_ok());
        let t = K3sToken::parse("K10::server:secret-password").unwrap();
        assert!(t.try_to_token_string(Some(two.as_bytes()), now).is_err());
        assert!(t.try_to_token_string(Some(ONE.as_bytes()), now).is_ok());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const H: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    #[test]
    fn programs_match_flavours() {
        use crate::options::Flavour;
        for f in [Flavour::K3s, Flavour::Rke2] {
            let p = Program::of(f).unwrap();
            assert_eq!(p.name, f.name());
            assert_eq!(p.default_group, f.default_group());
        }
        assert_eq!(
            RKE2.server_token_file(),
            "/var/lib/rancher/rke2/server/token"
        );
    }

    #[test]
    fn parse_rules() {
        let t = K3sToken::parse(&format!("K10{H}::user::pass")).unwrap();
        assert_eq!((t.username(), t.password()), ("user", ":pass"));
        let t = K3sToken::parse("user:pass").unwrap();
        assert_eq!((t.username(), t.password()), ("", "user:pass"));
        let t = K3sToken::parse("abcdef.0123456789abcdef").unwrap();
        assert_eq!(t.kind(), CredentialKind::Bootstrap);
        for (bad, code) in [
            ("", "invalid_k3s_token"),
            ("K10", "invalid_k3s_token"),
            ("K10abc:def::x:y", "invalid_k3s_token"),
            ("K10::server:", "invalid_k3s_token"),
        ] {
            assert_eq!(K3sToken::parse(bad).unwrap_err().code(), code, "{bad}");
        }
    }

    #[test]
    fn secrets_hidden() {
        let t = K3sToken::parse(&format!("K10{H}::server:hunter2secret")).unwrap();
        for s in [
            format!("{t:?}"),
            t.to_string(),
            format!("{:?}", credentials(&t, None)),
        ] {
            assert!(!s.contains("hunter2secret"), "{s}");
        }
        let t = K3sToken::parse("K10::abcdef.0123456789abcdef").unwrap();
        for s in [
            format!("{t:?}"),
            t.to_string(),
            format!("{:?}", credentials(&t, None)),
        ] {
            assert!(!s.contains("0123456789abcdef"), "{s}");
        }
    }

    #[test]
    fn decrypt_never_panics_on_short_data() {
        for v in [
            "",
            "x",
            "salt:",
            "salt:AAAA",
            "salt:AAAAAAAAAAAAAAAA",
            "s:!!",
        ] {
            let e = decrypt("p", v.as_bytes()).unwrap_err();
            assert_eq!(e.code(), "invalid_ciphertext", "{v}");
        }
        let v = encrypt_with("pw", b"data", "0123456789abcdef", [7; 12]).unwrap();
        assert_eq!(decrypt("pw", v.as_bytes()).unwrap().as_slice(), b"data");
        assert_eq!(
            decrypt("px", v.as_bytes()).unwrap_err().code(),
            "decryption_failed"
        );
    }

    #[test]
    fn result_types_json_and_masked_debug() {
        let hash = "a".repeat(64);
        let t = K3sToken::parse(&format!("K10{hash}::abcdef.0123456789abcdef")).unwrap();
        let info = K3sTokenInfo::from(&t);
        assert_eq!(
            serde_json::to_string(&info).unwrap(),
            format!(
                r#"{{"ca_hash":"{hash}","kind":"bootstrap","token_id":"abcdef","token":"abcdef.0123456789abcdef","username":"","password":""}}"#
            )
        );
        let p = K3sToken::parse(&format!("K10{hash}::server:hunter2hunter2")).unwrap();
        let pinfo = K3sTokenInfo::from(&p);
        assert_eq!(serde_json::to_value(&pinfo).unwrap()["kind"], "password");
        for dbg in [format!("{info:?}"), format!("{pinfo:?}")] {
            assert!(
                !dbg.contains("0123456789abcdef") && !dbg.contains("hunter2"),
                "{dbg}"
            );
        }
        let h = CaHash {
            hash: hash.clone(),
            method: HashMethod::Root,
        };
        assert_eq!(
            serde_json::to_string(&h).unwrap(),
            format!(r#"{{"hash":"{hash}","method":"root"}}"#)
        );
        let check = CaCheck {
            token_hash: "x".into(),
            computed_hash: "y".into(),
            status: CaCheckStatus::Mismatch,
            warning: None,
        };
        assert_eq!(
            serde_json::to_string(&CaVerification::new(&check, "server")).unwrap(),
            r#"{"ok":false,"status":"mismatch","token_hash":"x","computed_hash":"y","warning":null,"message":"token CA hash does not match the Cluster CA certificate hash: x != y","username":"server"}"#
        );
        for s in [
            CaCheckStatus::Match,
            CaCheckStatus::Mismatch,
            CaCheckStatus::NoTokenHash,
            CaCheckStatus::TrustedByHost,
        ] {
            assert_eq!(serde_json::to_value(s).unwrap(), s.as_str());
        }
        let basic = CredentialHeader::from(&credentials(&p, None));
        assert_eq!(
            serde_json::to_string(&basic).unwrap(),
            r#"{"scheme":"basic","username":"server","header":"Basic c2VydmVyOmh1bnRlcjJodW50ZXIy"}"#
        );
        assert!(!format!("{basic:?}").contains("c2VydmVy"), "{basic:?}");
        let none = CredentialHeader::from(&Credential::None);
        assert_eq!(
            serde_json::to_string(&none).unwrap(),
            r#"{"scheme":"none","username":null,"header":null}"#
        );
    }
}
