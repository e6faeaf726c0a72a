//! `inspect_token(text, purpose?)`: what a string is, and whether it can be used where the
//! caller is about to use it, without ever returning its secret.
//!
//! Classification ([`TokenKind`]): a kubeadm bootstrap token (`[a-z0-9]{6}.[a-z0-9]{16}`),
//! a k3s/rke2 `K10` secure token (`K10<hash>::<id>.<secret>` or `K10<hash>::<user>:<password>`),
//! a bare password (a k3s "short" token: k3s takes any other non-empty string as one), or
//! invalid (empty, not UTF-8, whitespace around or inside it, a `K10` token k3s does not
//! parse). The result carries the token ID, the CA-hash part and the username — never the
//! secret or password, in any field or message. Messages are fixed text with counts.
//!
//! With a [`Purpose`], `usable` answers "can it be used there", and `reasons` say why not;
//! the rules are k3s's and kubeadm's own (docs/api.md, "Inspect and redact").

use serde::Serialize;

use crate::error::{Error, Result};
use crate::k3s::{CA_HASH_LEN, K3sToken, TOKEN_PREFIX};
use crate::limits::{MAX_OPTION_BYTES, check_bytes};
use crate::token::{TOKEN_ID_LEN, TOKEN_SECRET_LEN, is_valid_token};

/// What a string is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenKind {
    /// A kubeadm bootstrap token `id.secret`.
    BootstrapToken,
    /// A k3s/rke2 `K10` secure token.
    K3sToken,
    /// Any other non-empty string: a k3s/rke2 bare password ("short" token).
    Password,
    /// Not usable anywhere as it is (see `reasons`).
    Invalid,
}

/// Where the caller is about to use the string.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Purpose {
    /// `kubeadm join --token`.
    KubeadmJoin,
    /// `karmadactl register --token`.
    KarmadaRegister,
    /// A k3s server's `--token` (the server token: first server or joining server).
    K3sServer,
    /// A k3s agent's `--token`.
    K3sAgent,
    /// An rke2 server's `token:`.
    Rke2Server,
    /// An rke2 agent's `token:`.
    Rke2Agent,
}

impl Purpose {
    /// Every purpose, in docs/api.md order.
    pub const ALL: &'static [(&'static str, Purpose)] = &[
        ("kubeadm_join", Purpose::KubeadmJoin),
        ("karmada_register", Purpose::KarmadaRegister),
        ("k3s_server", Purpose::K3sServer),
        ("k3s_agent", Purpose::K3sAgent),
        ("rke2_server", Purpose::Rke2Server),
        ("rke2_agent", Purpose::Rke2Agent),
    ];

    /// `kubeadm_join`, `k3s-agent`, ... (`-` and `_` alike); `invalid_options` otherwise.
    pub fn parse(s: &str) -> Result<Purpose> {
        let norm = s.replace('-', "_");
        Self::ALL
            .iter()
            .find(|(n, _)| *n == norm)
            .map(|(_, p)| *p)
            .ok_or_else(|| {
                Error::InvalidOptions(format!(
                    "unknown purpose {}; it is one of {}",
                    crate::redact::describe_untrusted(s),
                    Self::ALL
                        .iter()
                        .map(|(n, _)| *n)
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
            })
    }

    fn server(self) -> bool {
        matches!(self, Purpose::K3sServer | Purpose::Rke2Server)
    }

    fn kubeadm(self) -> bool {
        matches!(self, Purpose::KubeadmJoin | Purpose::KarmadaRegister)
    }

    fn program(self) -> &'static str {
        match self {
            Purpose::Rke2Server | Purpose::Rke2Agent => "rke2",
            Purpose::KarmadaRegister => "karmadactl",
            Purpose::KubeadmJoin => "kubeadm",
            _ => "k3s",
        }
    }
}

/// One reason or warning: a stable code and a message (never the secret).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Stable identifier (docs/api.md lists them).
    pub code: &'static str,
    /// What it means, in English.
    pub message: String,
}

fn finding(code: &'static str, message: impl Into<String>) -> Finding {
    Finding {
        code,
        message: message.into(),
    }
}

/// `inspect_token`'s result. Carries no secret.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TokenInspection {
    /// What the string is.
    pub kind: TokenKind,
    /// The bootstrap token's ID (bare or inside a `K10` token).
    pub token_id: Option<String>,
    /// The `K10` token's CA hash (`""` when it has none); `None` for other kinds.
    pub ca_hash: Option<String>,
    /// The `K10` token's username (`user:password` credentials; may be `""`).
    pub username: Option<String>,
    /// The `K10` token's credentials: `"bootstrap"` or `"password"`.
    pub credentials: Option<&'static str>,
    /// The purpose asked about.
    pub purpose: Option<Purpose>,
    /// Whether it can be used for `purpose` (`None` without one; `false` when invalid).
    pub usable: Option<bool>,
    /// Why it is invalid, or not usable for `purpose`.
    pub reasons: Vec<Finding>,
    /// What is worth knowing even though it may work.
    pub warnings: Vec<Finding>,
}

/// What a bootstrap-token secret's characters suggest about its generator.
fn secret_quality(id: &str, secret: &str, out: &mut Vec<Finding>) {
    let hex = secret.bytes().all(|b| b.is_ascii_hexdigit());
    if secret.bytes().all(|b| b.is_ascii_digit()) {
        out.push(finding(
            "digits_only_secret",
            "the secret uses only digits: about 53 bits instead of about 82.7 (a uniform draw \
             from [a-z0-9] does this about once in 10^7)",
        ));
    } else if hex {
        out.push(finding(
            "hex_only_secret",
            "the secret uses only hexadecimal digits: 64 bits instead of about 82.7 (a hex-only \
             generator; a uniform draw from [a-z0-9] does this about once in 430,000)",
        ));
    }
    let mut seen = [false; 256];
    let mut distinct = 0;
    for b in secret.bytes() {
        if let Some(s) = seen.get_mut(usize::from(b))
            && !*s
        {
            *s = true;
            distinct += 1;
        }
    }
    if distinct <= 6 {
        out.push(finding(
            "few_distinct_characters",
            format!(
                "the secret has only {distinct} distinct characters (a uniform generator gives \
                 about 12; 6 or fewer about once in 2 million)"
            ),
        ));
    }
    let mut all = [false; 256];
    let unique = id
        .bytes()
        .chain(secret.bytes())
        .all(|b| match all.get_mut(usize::from(b)) {
            Some(s) if !*s => {
                *s = true;
                true
            }
            _ => false,
        });
    if unique {
        out.push(finding(
            "no_repeated_characters",
            "no character repeats in the 22 of the token: generators that draw without \
             replacement (Terraform random_shuffle) do this; a uniform generator about once in \
             4,000",
        ));
    }
}

/// Why `t` (not a valid bootstrap token) is not one, when it looks like an attempt.
fn bootstrap_problems(t: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    let Some((id, secret)) = t.split_once('.') else {
        out.push(finding(
            "not_id_dot_secret",
            "not of the form <id>.<secret> (6 and 16 characters from [a-z0-9])",
        ));
        return out;
    };
    let (il, sl) = (id.chars().count(), secret.chars().count());
    if il != TOKEN_ID_LEN {
        out.push(finding(
            "id_length",
            format!("the token ID has {il} characters; {TOKEN_ID_LEN} expected"),
        ));
    }
    if sl != TOKEN_SECRET_LEN {
        let hint = if sl < TOKEN_SECRET_LEN && secret.bytes().all(|b| b.is_ascii_hexdigit()) {
            " (hex formatting without zero-padding, e.g. \"%x\", makes short tokens)"
        } else {
            ""
        };
        out.push(finding(
            "secret_length",
            format!("the secret has {sl} characters; {TOKEN_SECRET_LEN} expected{hint}"),
        ));
    }
    let body = || id.chars().chain(secret.chars());
    if body().any(|c| c.is_ascii_uppercase()) {
        out.push(finding(
            "uppercase",
            "contains uppercase letters; bootstrap tokens are lowercase [a-z0-9]",
        ));
    }
    if body().any(|c| !c.is_ascii() && c.is_alphanumeric()) {
        out.push(finding(
            "lookalike_characters",
            "contains non-ASCII letters or digits that look like [a-z0-9] (e.g. Cyrillic or \
             fullwidth forms)",
        ));
    }
    if body().any(|c| !c.is_alphanumeric()) {
        out.push(finding(
            "invalid_characters",
            "contains characters outside [a-z0-9] (punctuation, a second '.')",
        ));
    }
    out
}

fn not_hex(hash: &str) -> bool {
    !hash
        .bytes()
        .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Classifies `text` (module docs). Errors: `input_too_large` (more than
/// [`MAX_OPTION_BYTES`]); nothing else — every other input gets an answer.
pub fn inspect_token(text: &[u8], purpose: Option<Purpose>) -> Result<TokenInspection> {
    check_bytes("token", text.len(), MAX_OPTION_BYTES)?;
    let mut r = TokenInspection {
        kind: TokenKind::Invalid,
        token_id: None,
        ca_hash: None,
        username: None,
        credentials: None,
        purpose,
        usable: None,
        reasons: Vec::new(),
        warnings: Vec::new(),
    };
    let Ok(s) = std::str::from_utf8(text) else {
        r.reasons.push(finding(
            "not_utf8",
            "not UTF-8 text (a binary file or the wrong encoding)",
        ));
        return Ok(finish(r, false));
    };
    if s.is_empty() {
        r.reasons.push(finding("empty", "empty"));
        return Ok(finish(r, false));
    }
    let t = s.trim_matches(|c: char| c.is_whitespace());
    let mut broken = false;
    if t.len() != s.len() {
        broken = true;
        r.reasons.push(if s.ends_with('\n') {
            finding(
                "trailing_newline",
                "ends with a newline (a file read without trimming: k3s trims its token files, \
                 a command-line value or kubeadm does not)",
            )
        } else {
            finding("whitespace", "leading or trailing whitespace")
        });
    }
    if t.is_empty() {
        r.reasons.push(finding("empty", "only whitespace"));
        return Ok(finish(r, false));
    }
    if t.chars().any(|c| c.is_whitespace() || c.is_control()) {
        broken = true;
        r.reasons.push(finding(
            "inner_whitespace",
            "contains whitespace or control characters",
        ));
    }
    let mut near_bootstrap = Vec::new();
    if let Some(rest) = t.strip_prefix(TOKEN_PREFIX) {
        match K3sToken::parse(t) {
            Ok(k) => {
                r.kind = TokenKind::K3sToken;
                r.ca_hash = Some(k.ca_hash().to_owned());
                r.credentials = Some(k.kind().as_str());
                match k.bootstrap_token() {
                    Some(b) => {
                        r.token_id = Some(b.id().to_owned());
                        secret_quality(b.id(), b.secret(), &mut r.warnings);
                    }
                    None => r.username = Some(k.username().to_owned()),
                }
                if !rest.contains("::") {
                    r.warnings.push(finding(
                        "k10_separator",
                        "starts with K10 but has no \"::\": k3s reads no CA hash and takes what \
                         follows K10, up to the first ':', as the username",
                    ));
                }
                if k.ca_hash().is_empty() {
                    r.warnings.push(no_hash());
                } else if not_hex(k.ca_hash()) {
                    r.warnings.push(finding(
                        "ca_hash_not_hex",
                        "the CA hash is not 64 lowercase hex characters: k3s compares it byte \
                         for byte with the lowercase hex it computes, so it never matches",
                    ));
                }
            }
            Err(_) => {
                let hash = rest.split_once("::").map(|(h, _)| h);
                r.reasons.push(match hash {
                    Some(h) if !h.is_empty() && h.chars().count() != CA_HASH_LEN => finding(
                        "ca_hash_length",
                        format!(
                            "the CA hash after K10 has {} characters; {CA_HASH_LEN} hex \
                             characters expected (a hash cut short when copied)",
                            h.chars().count()
                        ),
                    ),
                    _ => finding(
                        "k10_credentials",
                        "after K10<hash>:: k3s expects <user>:<password> (non-empty password) \
                         or <id>.<secret>",
                    ),
                });
                return Ok(finish(r, false));
            }
        }
    } else if is_valid_token(t) {
        r.kind = TokenKind::BootstrapToken;
        if let Some((id, secret)) = t.split_once('.') {
            r.token_id = Some(id.to_owned());
            secret_quality(id, secret, &mut r.warnings);
        }
    } else {
        r.kind = TokenKind::Password;
        if t.get(..3)
            .is_some_and(|h| h.eq_ignore_ascii_case(TOKEN_PREFIX))
            && t.contains("::")
        {
            r.warnings.push(finding(
                "k10_prefix_case",
                "starts with a K10 prefix in another case: k3s recognises only \"K10\", so it \
                 takes the whole string as a password",
            ));
        }
        let attempt = t.contains('.') && !t.contains(':') && t.chars().count() <= 40;
        near_bootstrap = bootstrap_problems(t);
        if attempt {
            r.warnings.push(finding(
                "not_a_bootstrap_token",
                "looks like a bootstrap token but is not one (see the other findings); k3s \
                 would take it as a password",
            ));
            if purpose.is_none_or(|p| !p.kubeadm()) {
                r.warnings.append(&mut near_bootstrap.clone());
            }
        }
        let n = t.chars().count();
        if n < 12 {
            r.warnings.push(finding(
                "short_password",
                format!("a password of {n} characters; k3s generates 32 hex characters (128 bits)"),
            ));
        }
    }
    if broken {
        return Ok(finish(r, false));
    }
    let Some(p) = purpose else {
        return Ok(r);
    };
    let program = p.program();
    let bootstrap_creds = r.kind == TokenKind::BootstrapToken || r.credentials == Some("bootstrap");
    let mut reasons = Vec::new();
    if p.kubeadm() {
        match r.kind {
            TokenKind::BootstrapToken => {}
            TokenKind::K3sToken if bootstrap_creds => reasons.push(finding(
                "k3s_token_for_kubeadm",
                format!(
                    "{program} takes the bootstrap token alone (<id>.<secret>), without the \
                     K10<hash>:: part"
                ),
            )),
            TokenKind::K3sToken => reasons.push(finding(
                "password_for_kubeadm",
                format!("a k3s token with a password; {program} needs a bootstrap token"),
            )),
            _ => {
                if near_bootstrap.is_empty() {
                    near_bootstrap = bootstrap_problems(t);
                }
                reasons.append(&mut near_bootstrap);
            }
        }
    } else {
        if p.server() && bootstrap_creds {
            reasons.push(finding(
                "bootstrap_token_as_server_token",
                format!(
                    "{program} refuses an <id>.<secret> bootstrap token as the server token: \
                     the bootstrap data is encrypted with the server token's password part \
                     (k3s#7313; rotating to one degraded clusters, k3s#12982)"
                ),
            ));
        }
        if p.server() && r.username.as_deref() == Some("node") {
            r.warnings.push(finding(
                "agent_token_for_server",
                format!(
                    "an agent token (user \"node\"): a {program} server joins with the server \
                     token; this works only while the cluster has no separate agent token"
                ),
            ));
        }
        if r.kind != TokenKind::K3sToken {
            r.warnings.push(no_hash());
        }
        if r.warnings.iter().any(|w| w.code == "ca_hash_not_hex") {
            reasons.push(finding(
                "ca_hash_not_hex",
                format!("{program} would refuse the server's CA: the CA hash never matches"),
            ));
        }
    }
    let ok = reasons.is_empty();
    r.reasons.append(&mut reasons);
    Ok(finish(r, ok))
}

fn no_hash() -> Finding {
    finding(
        "no_ca_hash",
        "no CA hash: the agent cannot pin the server's CA (k3s then trusts the host's CA \
         bundle, and warns when that does not cover the cluster CA)",
    )
}

/// Sets `usable` (when there is a purpose) and the kind of a broken string.
fn finish(mut r: TokenInspection, usable: bool) -> TokenInspection {
    if !usable && r.reasons.iter().any(|f| BREAKING.contains(&f.code)) {
        r.kind = TokenKind::Invalid;
    }
    if r.purpose.is_some() {
        r.usable = Some(usable);
    }
    r
}

/// Reasons that make the string itself invalid (not only unusable for a purpose).
const BREAKING: &[&str] = &[
    "not_utf8",
    "empty",
    "trailing_newline",
    "whitespace",
    "inner_whitespace",
    "ca_hash_length",
    "k10_credentials",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(v: &[Finding]) -> Vec<&'static str> {
        v.iter().map(|f| f.code).collect()
    }

    #[test]
    fn classifies() {
        let r = inspect_token(b"abcdef.0123456789abcdez", None).unwrap();
        assert_eq!(r.kind, TokenKind::BootstrapToken);
        assert_eq!(r.token_id.as_deref(), Some("abcdef"));
        assert_eq!(r.usable, None);
        let r = inspect_token(b"abcdef.0123456789abcdef", Some(Purpose::K3sServer)).unwrap();
        assert_eq!(r.usable, Some(false));
        assert!(codes(&r.reasons).contains(&"bootstrap_token_as_server_token"));
        assert!(codes(&r.warnings).contains(&"hex_only_secret"));
        let r = inspect_token(b"abcdef.0123456789abcdef\n", None).unwrap();
        assert_eq!(r.kind, TokenKind::Invalid);
        assert_eq!(codes(&r.reasons), ["trailing_newline"]);
        let r = inspect_token(b"K10abc::server:pw", None).unwrap();
        assert_eq!(codes(&r.reasons), ["ca_hash_length"]);
        let r = inspect_token(b"ABCDEF.0123456789abcdeF", Some(Purpose::KubeadmJoin)).unwrap();
        assert_eq!(r.kind, TokenKind::Password);
        assert_eq!(codes(&r.reasons), ["uppercase"]);
    }

    #[test]
    fn never_the_secret() {
        for input in [
            "abcdef.0123456789abcdef",
            "K10aaaa::server:hunter2hunter2",
            "hunter2hunter2",
            "abcdef.hunter2hunter2XX",
            "abcdef.hunter2hunter2X\n",
        ] {
            for (_, p) in Purpose::ALL {
                let r = inspect_token(input.as_bytes(), Some(*p)).unwrap();
                let j = serde_json::to_string(&r).unwrap();
                assert!(!j.contains("hunter2"), "{j}");
                assert!(!j.contains("0123456789"), "{j}");
            }
        }
    }
}
