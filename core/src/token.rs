//! Bootstrap token strings: `<id>.<secret>`, `[a-z0-9]{6}.[a-z0-9]{16}`.
//!
//! Upstream: `k8s.io/cluster-bootstrap` `token/api/types.go` (patterns),
//! `token/util/helpers.go` (generation, validation), `util/tokens/tokens.go` (ParseToken).
//! The patterns are anchored with `\A`/`\z`: no trailing-newline leniency, ASCII
//! lowercase only. We match them with a byte loop (the grammar is fixed-length, a regex
//! engine would only add wasm size).

use std::fmt;

use subtle::ConstantTimeEq;
use zeroize::{Zeroize, Zeroizing};

use crate::error::{Error, Result};
pub use crate::redact::describe_untrusted;

/// Length of the public token ID.
pub const TOKEN_ID_LEN: usize = 6;
/// Length of the private token secret.
pub const TOKEN_SECRET_LEN: usize = 16;
/// The 36 characters tokens are drawn from.
pub const ALPHABET: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
/// `bootstrap-token-`: the Secret name prefix.
pub const SECRET_NAME_PREFIX: &str = "bootstrap-token-";
/// The full-token pattern exactly as upstream writes it (for messages and docs).
pub const TOKEN_PATTERN: &str = r"\A([a-z0-9]{6})\.([a-z0-9]{16})\z";
/// The token-ID pattern exactly as upstream writes it.
pub const TOKEN_ID_PATTERN: &str = r"\A([a-z0-9]{6})\z";
/// What we print instead of a secret.
pub const MASK: &str = "****************";

fn is_token_char(b: u8) -> bool {
    b.is_ascii_digit() || b.is_ascii_lowercase()
}

fn all_token_chars(s: &str, len: usize) -> bool {
    s.len() == len && s.bytes().all(is_token_char)
}

/// `IsValidBootstrapTokenID`: exactly six `[a-z0-9]`.
pub fn is_valid_token_id(id: &str) -> bool {
    all_token_chars(id, TOKEN_ID_LEN)
}

/// `IsValidBootstrapToken` / `BootstrapTokenRegexp`: `[a-z0-9]{6}.[a-z0-9]{16}`, nothing more.
pub fn is_valid_token(token: &str) -> bool {
    split_token(token).is_some()
}

fn split_token(token: &str) -> Option<(&str, &str)> {
    let (id, secret) = token.split_once('.')?;
    (is_valid_token_id(id) && all_token_chars(secret, TOKEN_SECRET_LEN)).then_some((id, secret))
}

/// Checks a token ID, with an error that explains what is wrong (never echoing input
/// that might be a whole token).
pub fn validate_token_id(id: &str) -> Result<()> {
    if is_valid_token_id(id) {
        return Ok(());
    }
    Err(Error::InvalidTokenId(format!(
        "token ID {} is not of the form [a-z0-9]{{6}} (pattern {})",
        describe_token(id),
        TOKEN_ID_PATTERN
    )))
}

/// `BootstrapTokenSecretName`: `bootstrap-token-<id>` (no validation, like upstream).
pub fn secret_name(id: &str) -> String {
    format!("{SECRET_NAME_PREFIX}{id}")
}

/// `secrets.ParseName`: the token ID from `bootstrap-token-<id>`, if the name has that form.
pub fn parse_secret_name(name: &str) -> Option<&str> {
    let id = name.strip_prefix(SECRET_NAME_PREFIX)?;
    is_valid_token_id(id).then_some(id)
}

/// A bootstrap token: a public ID and a private secret.
///
/// `Debug` and `Display` never show the secret (`abcdef.****************`); equality is
/// constant-time over the secret; the secret is wiped from memory on drop. Use
/// [`BootstrapToken::expose`] or [`BootstrapToken::secret`] when you really need it.
#[derive(Clone)]
pub struct BootstrapToken {
    id: String,
    secret: String,
}

impl BootstrapToken {
    /// Parses `<id>.<secret>` exactly like upstream's `BootstrapTokenRegexp`.
    pub fn parse(token: &str) -> Result<Self> {
        match split_token(token) {
            Some((id, secret)) => Ok(BootstrapToken {
                id: id.to_owned(),
                secret: secret.to_owned(),
            }),
            None => Err(Error::InvalidToken(format!(
                "bootstrap token {} is not of the form [a-z0-9]{{6}}.[a-z0-9]{{16}} (pattern {})",
                describe_token(token),
                TOKEN_PATTERN
            ))),
        }
    }

    /// Builds a token from its two halves (`NewBootstrapTokenStringFromIDAndSecret`).
    pub fn from_parts(id: &str, secret: &str) -> Result<Self> {
        Self::parse(&Zeroizing::new(concat(&[id, ".", secret])))
    }

    /// A new random token from the OS CSPRNG (`crypto.getRandomValues` on wasm).
    #[cfg(feature = "getrandom")]
    pub fn generate() -> Result<Self> {
        Self::generate_with(&mut os_random)
    }

    /// A new random token drawing bytes from `fill`, which must fill the whole buffer
    /// with cryptographically secure random bytes or fail.
    pub fn generate_with(fill: &mut dyn FnMut(&mut [u8]) -> Result<()>) -> Result<Self> {
        // Two exact-size copies, then the drawn string is wiped: the ID's buffer never
        // held the secret (splitting one string would leave it in the spare capacity).
        let chars = Zeroizing::new(random_chars(TOKEN_ID_LEN + TOKEN_SECRET_LEN, fill)?);
        let (id, secret) = chars.split_at_checked(TOKEN_ID_LEN).ok_or_else(|| {
            Error::Random("the random source gave a token of the wrong length".into())
        })?;
        Ok(BootstrapToken {
            id: id.to_owned(),
            secret: secret.to_owned(),
        })
    }

    /// The public token ID.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The private token secret. Handle with care.
    pub fn secret(&self) -> &str {
        &self.secret
    }

    /// The full `<id>.<secret>` string. Handle with care.
    pub fn expose(&self) -> String {
        concat(&[&self.id, ".", &self.secret])
    }

    /// `abcdef.****************`: safe to print or log.
    pub fn masked(&self) -> String {
        format!("{}.{MASK}", self.id)
    }

    /// The Secret name, `bootstrap-token-<id>`.
    pub fn secret_name(&self) -> String {
        secret_name(&self.id)
    }
}

impl Drop for BootstrapToken {
    fn drop(&mut self) {
        self.secret.zeroize();
    }
}

impl PartialEq for BootstrapToken {
    fn eq(&self, other: &Self) -> bool {
        let id_eq = self.id.as_bytes().ct_eq(other.id.as_bytes());
        let secret_eq = self.secret.as_bytes().ct_eq(other.secret.as_bytes());
        (id_eq & secret_eq).into()
    }
}

impl Eq for BootstrapToken {}

impl fmt::Debug for BootstrapToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BootstrapToken")
            .field("id", &self.id)
            .field("secret", &MASK)
            .finish()
    }
}

impl fmt::Display for BootstrapToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{MASK}", self.id)
    }
}

impl std::str::FromStr for BootstrapToken {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Self::parse(s)
    }
}

impl serde::Serialize for BootstrapToken {
    /// Serializes as the full `<id>.<secret>` string, like kubeadm's `MarshalJSON`.
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&self.expose())
    }
}

impl<'de> serde::Deserialize<'de> for BootstrapToken {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        BootstrapToken::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// The result of `parse_token`: `{"id", "secret"}`. **Carries the secret**; `Debug`
/// masks it.
#[derive(Clone, PartialEq, Eq, serde::Serialize)]
pub struct TokenParts {
    /// The token ID (`[a-z0-9]{6}`).
    pub id: String,
    /// The token secret (`[a-z0-9]{16}`).
    pub secret: String,
}

impl From<&BootstrapToken> for TokenParts {
    fn from(t: &BootstrapToken) -> Self {
        TokenParts {
            id: t.id().to_owned(),
            secret: t.secret().to_owned(),
        }
    }
}

impl fmt::Debug for TokenParts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenParts")
            .field("id", &self.id)
            .field("secret", &MASK)
            .finish()
    }
}

/// The OS random source (`getrandom`), mapped into our error type. No fallback.
#[cfg(feature = "getrandom")]
pub fn os_random(buf: &mut [u8]) -> Result<()> {
    getrandom::fill(buf).map_err(|e| Error::Random(format!("the OS random source failed: {e}")))
}

/// `randBytes(n)`: `n` characters uniform over [`ALPHABET`].
///
/// Rejection sampling: a byte `b < 252` maps to `ALPHABET[b % 36]` (252 = 7 × 36, so
/// every character has probability exactly 7/252); bytes ≥ 252 are discarded. One call
/// to `fill` with `n + 16` bytes almost always suffices (the chance that more than 16 of
/// them are rejected is below 10^-20 for n = 22); otherwise we draw again. A source that
/// yields nothing usable for [`MAX_DRAWS_WITHOUT_PROGRESS`] draws in a row (all bytes ≥
/// 252: broken, never random) is an [`Error::Random`] rather than an endless loop.
pub fn random_chars(n: usize, fill: &mut dyn FnMut(&mut [u8]) -> Result<()>) -> Result<String> {
    // Both wiped on drop, so on every return (a failing `fill` included); `out` has its
    // final capacity, so pushing never reallocates (no stale copy is freed unwiped).
    let mut out = Zeroizing::new(String::with_capacity(n));
    let mut buf = Zeroizing::new(vec![0u8; n.saturating_add(16).min(4096)]);
    let mut idle_draws = 0;
    while out.len() < n {
        let before = out.len();
        fill(&mut buf)?;
        for &b in buf.iter() {
            if out.len() == n {
                break;
            }
            if b < 252
                && let Some(&c) = ALPHABET.get(usize::from(b % 36))
            {
                out.push(char::from(c));
            }
        }
        if out.len() == before {
            idle_draws += 1;
            if idle_draws == MAX_DRAWS_WITHOUT_PROGRESS {
                return Err(Error::Random(
                    "the random source keeps returning bytes that cannot be used (all >= 252); it is broken".into(),
                ));
            }
        } else {
            idle_draws = 0;
        }
    }
    Ok(std::mem::take(&mut *out))
}

/// `parts` joined into one string allocated at its final size, so building a string
/// that holds a secret leaves no reallocated (freed, unwiped) partial copy behind.
pub(crate) fn concat(parts: &[&str]) -> String {
    let mut s = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for p in parts {
        s.push_str(p);
    }
    s
}

/// How many draws in a row may yield no character before [`random_chars`] gives up
/// (for a real random source the chance is below 2^-5000).
pub const MAX_DRAWS_WITHOUT_PROGRESS: usize = 64;

/// Describes a value meant to be a token (or token ID) for an error message, without ever
/// echoing a secret: stricter than [`describe_untrusted`], which shows other values.
///
/// A value shaped like `<id>.<rest>` (it may be a token with a bad secret) is shown as
/// `"<id>.****************"` when the ID part is a valid ID, and otherwise only by its
/// length. Short values without a dot that cannot hold a secret are quoted Go-style.
pub fn describe_token(s: &str) -> String {
    if let Some((id, _)) = s.split_once('.') {
        if is_valid_token_id(id) {
            return format!("\"{id}.{MASK}\"");
        }
        return format!("(a {}-byte value, not shown)", s.len());
    }
    if s.len() <= TOKEN_ID_LEN + 2 && s.chars().all(|c| c.is_ascii_graphic()) {
        return crate::go::strconv::quote(s);
    }
    format!("(a {}-byte value, not shown)", s.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_mask() {
        let t = BootstrapToken::parse("abcdef.0123456789abcdef").unwrap();
        assert_eq!(t.id(), "abcdef");
        assert_eq!(t.secret(), "0123456789abcdef");
        assert_eq!(t.to_string(), "abcdef.****************");
        assert!(!format!("{t:?}").contains("0123456789abcdef"));
        for bad in [
            "",
            ".",
            "abcdef.0123456789abcdef\n",
            "ABCDEF.0123456789abcdef",
            "abcdef.0123456789abcdeF",
            "abcdef:0123456789abcdef",
            "abcdef.0123456789abcde",
            "abcdef.0123456789abcdef0",
            "abcdéf.0123456789abcdef",
        ] {
            let e = BootstrapToken::parse(bad).unwrap_err();
            assert_eq!(e.code(), "invalid_token");
            assert!(!e.to_string().contains("0123456789abcde"), "{e}");
        }
    }

    #[test]
    fn generate_uniform_alphabet() {
        let mut counter = 0u8;
        let mut fill = |b: &mut [u8]| {
            for x in b.iter_mut() {
                *x = counter;
                counter = counter.wrapping_add(1);
            }
            Ok(())
        };
        let t = BootstrapToken::generate_with(&mut fill).unwrap();
        assert!(is_valid_token(&t.expose()));
        let s = random_chars(300, &mut fill).unwrap();
        assert_eq!(s.len(), 300);
        assert!(s.bytes().all(is_token_char));
    }

    #[test]
    fn a_stuck_random_source_is_an_error_not_a_hang() {
        let mut calls = 0;
        let mut fill = |b: &mut [u8]| {
            calls += 1;
            b.fill(0xff);
            Ok(())
        };
        let e = BootstrapToken::generate_with(&mut fill).unwrap_err();
        assert_eq!(e.code(), "random_failure");
        assert_eq!(calls, MAX_DRAWS_WITHOUT_PROGRESS);
        // Mostly-rejected bytes still make progress and succeed.
        let mut n = 0u32;
        let mut sparse = |b: &mut [u8]| {
            for x in b.iter_mut() {
                n += 1;
                *x = if n.is_multiple_of(500) { 7 } else { 0xfe };
            }
            Ok(())
        };
        assert_eq!(random_chars(22, &mut sparse).unwrap(), "7".repeat(22));
    }

    #[test]
    fn generated_id_buffer_never_held_the_secret() {
        let mut n = 0u8;
        let mut fill = |b: &mut [u8]| {
            for x in b.iter_mut() {
                *x = n % 36;
                n = n.wrapping_add(1);
            }
            Ok(())
        };
        let t = BootstrapToken::generate_with(&mut fill).unwrap();
        // Exact-size buffers: no spare capacity where the secret could linger.
        assert_eq!(t.id.capacity(), TOKEN_ID_LEN);
        assert_eq!(t.secret.capacity(), TOKEN_SECRET_LEN);
        assert_eq!(t.expose().capacity(), 23);
        assert_eq!(concat(&["ab", ".", "c"]), "ab.c");
    }

    #[test]
    fn random_failure_is_an_error() {
        let mut fill = |_: &mut [u8]| Err(Error::Random("boom".into()));
        assert_eq!(
            BootstrapToken::generate_with(&mut fill).unwrap_err().code(),
            "random_failure"
        );
    }

    #[test]
    fn token_parts_json_and_masked_debug() {
        let t = BootstrapToken::parse("abcdef.0123456789abcdef").unwrap();
        let p = TokenParts::from(&t);
        assert_eq!(
            serde_json::to_string(&p).unwrap(),
            r#"{"id":"abcdef","secret":"0123456789abcdef"}"#
        );
        let dbg = format!("{p:?}");
        assert!(
            !dbg.contains("0123456789abcdef") && dbg.contains("abcdef"),
            "{dbg}"
        );
    }
}
