//! Typed token options as a binding receives them ([`TokenInput`]), and the one resolver
//! that turns them into [`TokenOptions`] with a fixed error precedence.
//!
//! A binding fills a [`TokenInput`] by type conversion only (a Python `str`/`bytes`/
//! `timedelta`/`datetime`/`int`, a JS `string`/`Uint8Array`/`number`/`Date`, a JSON
//! value) and calls [`TokenInput::resolve`] (or one of the op helpers below, which call
//! it). The JSON façade reads its options object into the same struct
//! ([`TokenInput::from_value`]), so every door gives the same result and the same
//! **first** error for the same input, whatever order the caller's keys came in.
//!
//! # Precedence
//!
//! The first failing check wins, in this order:
//!
//! 1. **sizes** ([`crate::limits`]), field by field in the order below
//!    (`input_too_large`);
//! 2. **unknown option names** (the first one given; `invalid_options`);
//! 3. **each field**, in this order: `token` (`invalid_token`), `flavour`,
//!    `description` (`invalid_options`), `ttl` (`invalid_duration`), `expires`
//!    (`invalid_timestamp`; a wrong type is `invalid_options`), `usages`, `groups`
//!    (a wrong type is `invalid_options`);
//! 4. **kubeadm's validation** ([`crate::TokenSpec::validate`], defaults applied):
//!    usages known (`invalid_usage`), groups need the `authentication` usage
//!    (`invalid_options`), every group matches the pattern (`invalid_group`), `ttl` and
//!    `expires` are exclusive (`invalid_options`);
//! 5. the op's **`now`** ([`TimeInput::resolve`]);
//! 6. token **generation** (the random source; `random_failure`).
//!
//! `encode_token_secret` ([`TokenInput::encode_secret`]) skips step 4 (it renders
//! exactly what it is given, like upstream's `BootstrapTokenToSecret`).

use std::fmt;

use serde_json::Value;
use zeroize::Zeroize;

use crate::error::{Error, Result};
use crate::limits::{
    MAX_DURATION_BYTES, MAX_OPTION_BYTES, MAX_OPTION_ITEMS, MAX_TIMESTAMP_BYTES, check_bytes,
};
use crate::options::{Flavour, TokenOptions, TokenSpec};
use crate::token::{BootstrapToken, describe_token, describe_untrusted};
use crate::{Duration, Secret, Timestamp};

/// The error for a string that the caller's language holds but Unicode does not: a
/// Python `str` or JS `string` with a lone UTF-16 surrogate (`"\ud800"`). UTF-8 cannot
/// encode it, so no door reads it as text, wherever it is in the arguments (JSON text
/// with such an escape is refused by the JSON reader before the façade sees it). The
/// bindings check it while converting, before any value is validated.
pub fn not_unicode_text() -> Error {
    Error::InvalidOptions(
        "a string argument holds a lone UTF-16 surrogate: it is not Unicode text".to_owned(),
    )
}

/// A text option: a string, raw bytes (must be UTF-8 where the field needs text), or a
/// value of another type (the error is decided in [`TokenInput::resolve`]).
#[derive(Clone, PartialEq, Eq)]
pub enum TextInput {
    /// A string.
    Str(String),
    /// Bytes (Python `bytes`, JS `Uint8Array`).
    Bytes(Vec<u8>),
    /// Any other type.
    WrongType,
}

impl TextInput {
    fn len(&self) -> usize {
        match self {
            TextInput::Str(s) => s.len(),
            TextInput::Bytes(b) => b.len(),
            TextInput::WrongType => 0,
        }
    }

    /// The text, or `None` for a wrong type; non-UTF-8 bytes are `Err(())`.
    fn text(&self) -> Option<std::result::Result<&str, ()>> {
        match self {
            TextInput::Str(s) => Some(Ok(s)),
            TextInput::Bytes(b) => Some(std::str::from_utf8(b).map_err(|_| ())),
            TextInput::WrongType => None,
        }
    }

    fn zeroize(&mut self) {
        match self {
            TextInput::Str(s) => s.zeroize(),
            TextInput::Bytes(b) => b.zeroize(),
            TextInput::WrongType => {}
        }
    }
}

impl fmt::Debug for TextInput {
    /// Shows at most a token ID ([`describe_token`]), never the text itself.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TextInput::Str(s) => write!(f, "Str({})", describe_token(s)),
            TextInput::Bytes(b) => write!(f, "Bytes({} bytes)", b.len()),
            TextInput::WrongType => f.write_str("WrongType"),
        }
    }
}

impl From<&str> for TextInput {
    fn from(s: &str) -> Self {
        TextInput::Str(s.to_owned())
    }
}

impl From<String> for TextInput {
    fn from(s: String) -> Self {
        TextInput::Str(s)
    }
}

impl From<&[u8]> for TextInput {
    fn from(b: &[u8]) -> Self {
        TextInput::Bytes(b.to_vec())
    }
}

impl From<Vec<u8>> for TextInput {
    fn from(b: Vec<u8>) -> Self {
        TextInput::Bytes(b)
    }
}

/// A time to live as a caller gives it.
#[derive(Clone, Debug, PartialEq)]
pub enum TtlInput {
    /// A Go duration string (`"24h"`, `"90m"`, `"0"`).
    Go(String),
    /// Integer milliseconds (a JSON integer, a Python `int`; clamp a wider integer to
    /// the `i128` range: it is out of range either way).
    Millis(i128),
    /// Fractional milliseconds (a JS `number`, a Python `float`, a JSON fraction):
    /// whole values are exact, others are truncated to nanoseconds.
    MillisF64(f64),
    /// Exact nanoseconds (a Python `timedelta`, a Rust [`Duration`]).
    Nanos(i128),
    /// Any other type (`invalid_duration`).
    WrongType,
}

impl From<Duration> for TtlInput {
    fn from(d: Duration) -> Self {
        TtlInput::Nanos(i128::from(d.as_nanos()))
    }
}

impl From<&str> for TtlInput {
    fn from(s: &str) -> Self {
        TtlInput::Go(s.to_owned())
    }
}

/// A point in time as a caller gives it (`expires`, an op's `now`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TimeInput {
    /// RFC3339 text (Go's `time.RFC3339` parser).
    Rfc3339(String),
    /// A time already converted (Python `datetime`, JS `Date`).
    Time(Timestamp),
    /// A time value that holds no time (JS `Invalid Date`): `invalid_timestamp`.
    InvalidTime,
    /// Any other type (`invalid_options`).
    WrongType,
}

impl From<Timestamp> for TimeInput {
    fn from(t: Timestamp) -> Self {
        TimeInput::Time(t)
    }
}

impl From<&str> for TimeInput {
    fn from(s: &str) -> Self {
        TimeInput::Rfc3339(s.to_owned())
    }
}

impl TimeInput {
    /// Reads a JSON value: a string is RFC3339 text, anything else a wrong type.
    pub fn from_json(v: &Value) -> TimeInput {
        match v {
            Value::String(s) => TimeInput::Rfc3339(s.clone()),
            _ => TimeInput::WrongType,
        }
    }

    /// The size check of step 1 ([`MAX_TIMESTAMP_BYTES`] for text).
    pub fn check_size(&self) -> Result<()> {
        match self {
            TimeInput::Rfc3339(s) => check_bytes("timestamp", s.len(), MAX_TIMESTAMP_BYTES),
            _ => Ok(()),
        }
    }

    /// The time; `what` names the argument in messages (`"expires"`, `"now"`).
    /// Text longer than [`MAX_TIMESTAMP_BYTES`] is `input_too_large`.
    pub fn resolve(&self, what: &str) -> Result<Timestamp> {
        self.check_size()?;
        match self {
            TimeInput::Rfc3339(s) => Timestamp::parse_rfc3339(s),
            TimeInput::Time(t) => Ok(*t),
            TimeInput::InvalidTime => Err(Error::InvalidTimestamp(format!(
                "{what} is an invalid time"
            ))),
            TimeInput::WrongType => Err(Error::InvalidOptions(format!(
                "{what} must be an RFC3339 string or a time"
            ))),
        }
    }
}

/// A list option (`usages`, `groups`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ListInput {
    /// A list of strings.
    List(Vec<String>),
    /// One comma-separated string (`""` = the empty list).
    Comma(String),
    /// A list holding something other than strings (`len` = its length, for the size
    /// check).
    NotStrings {
        /// The list's length.
        len: usize,
    },
    /// Any other type.
    WrongType,
}

impl From<Vec<String>> for ListInput {
    fn from(v: Vec<String>) -> Self {
        ListInput::List(v)
    }
}

impl From<&[&str]> for ListInput {
    fn from(v: &[&str]) -> Self {
        ListInput::List(v.iter().map(|s| (*s).to_owned()).collect())
    }
}

impl From<&str> for ListInput {
    fn from(s: &str) -> Self {
        ListInput::Comma(s.to_owned())
    }
}

impl ListInput {
    fn check_size(&self, what: &'static str, count: &'static str) -> Result<()> {
        let items = match self {
            ListInput::List(v) => {
                for s in v {
                    check_bytes(what, s.len(), MAX_OPTION_BYTES)?;
                }
                v.len()
            }
            ListInput::Comma(s) => {
                check_bytes(what, s.len(), MAX_OPTION_BYTES)?;
                s.bytes().filter(|b| *b == b',').count() + 1
            }
            ListInput::NotStrings { len } => *len,
            ListInput::WrongType => 0,
        };
        if items > MAX_OPTION_ITEMS {
            return Err(Error::InputTooLarge {
                what: count,
                limit: MAX_OPTION_ITEMS,
            });
        }
        Ok(())
    }

    fn resolve(&self, k: &str) -> Result<Vec<String>> {
        match self {
            ListInput::List(v) => Ok(v.clone()),
            ListInput::Comma(s) if s.is_empty() => Ok(Vec::new()),
            ListInput::Comma(s) => Ok(s.split(',').map(str::to_owned).collect()),
            ListInput::NotStrings { .. } => Err(Error::InvalidOptions(format!(
                "token option {k} must hold only strings"
            ))),
            ListInput::WrongType => Err(Error::InvalidOptions(format!(
                "token option {k} must be an array of strings or a comma-separated string"
            ))),
        }
    }
}

/// kubeadm's `BootstrapToken` options as a binding receives them: every field as given,
/// unchecked. `None` = not given (a JSON `null`, a Python `None`, a JS `undefined`/`null`).
/// [`TokenInput::resolve`] checks them in the documented precedence (module docs).
///
/// `Debug` never shows the token's secret ([`TokenInput::wipe_token`] wipes its text).
#[derive(Clone, Default, PartialEq)]
pub struct TokenInput {
    /// The token; `None` or `""` = generate one.
    pub token: Option<TextInput>,
    /// `kubeadm` | `k3s` | `rke2` | `karmada`; `None` = `kubeadm`.
    pub flavour: Option<TextInput>,
    /// Free text (UTF-8).
    pub description: Option<TextInput>,
    /// Time to live; zero or negative = never expires.
    pub ttl: Option<TtlInput>,
    /// Absolute expiry (exclusive with `ttl`).
    pub expires: Option<TimeInput>,
    /// Usages; `None` or empty = `signing,authentication`.
    pub usages: Option<ListInput>,
    /// Extra groups; `None` = the flavour's default group (when the usages include
    /// `authentication`); empty = none.
    pub groups: Option<ListInput>,
    /// Names of options the caller gave that are none of the above, in the order given
    /// (the first one is reported).
    pub unknown: Vec<String>,
}

impl fmt::Debug for TokenInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenInput")
            .field("token", &self.token)
            .field("flavour", &self.flavour)
            .field(
                "description",
                &self.description.as_ref().map(TextInput::len),
            )
            .field("ttl", &self.ttl)
            .field("expires", &self.expires)
            .field("usages", &self.usages)
            .field("groups", &self.groups)
            .field(
                "unknown",
                &self
                    .unknown
                    .iter()
                    .map(|k| describe_untrusted(k))
                    .collect::<Vec<_>>(),
            )
            .finish()
    }
}

impl TokenInput {
    /// Wipes the token text (call when done if the input held a real token; the
    /// resolved [`BootstrapToken`] wipes its own copy on drop).
    pub fn wipe_token(&mut self) {
        if let Some(t) = self.token.as_mut() {
            t.zeroize();
        }
    }
}

/// Option names [`TokenInput`] knows, in precedence order.
pub const TOKEN_OPTION_NAMES: [&str; 7] = [
    "token",
    "flavour",
    "description",
    "ttl",
    "expires",
    "usages",
    "groups",
];

/// Keys of a JSON options object that belong to the op, not to the options.
const OP_KEYS: [&str; 3] = ["now", "string_data", "stringData"];

fn text_opt(k: &'static str, t: &TextInput) -> Result<String> {
    match t.text() {
        Some(Ok(s)) => Ok(s.to_owned()),
        Some(Err(())) => Err(Error::InvalidOptions(format!(
            "token option {k} must be UTF-8 text"
        ))),
        None => Err(Error::InvalidOptions(format!(
            "token option {k} must be a string"
        ))),
    }
}

fn ttl_out_of_range() -> Error {
    Error::InvalidDuration("ttl is out of range (about ±292 years)".into())
}

/// Milliseconds in `i64` nanoseconds (Go's `time.Duration` range), or out of range.
fn millis(ms: i128) -> Result<Duration> {
    ms.checked_mul(1_000_000)
        .and_then(|ns| i64::try_from(ns).ok())
        .map(Duration::from_nanos)
        .ok_or_else(ttl_out_of_range)
}

impl TtlInput {
    fn check_size(&self) -> Result<()> {
        match self {
            TtlInput::Go(s) => check_bytes("duration", s.len(), MAX_DURATION_BYTES),
            _ => Ok(()),
        }
    }

    /// The duration (`invalid_duration` when malformed or outside ±292 years).
    pub fn resolve(&self) -> Result<Duration> {
        self.check_size()?;
        match self {
            TtlInput::Go(s) => Duration::parse_go(s),
            TtlInput::Millis(ms) => millis(*ms),
            TtlInput::MillisF64(ms) => {
                if !ms.is_finite() {
                    return Err(Error::InvalidDuration(
                        "ttl must be a finite number of milliseconds".into(),
                    ));
                }
                // A whole number of milliseconds is exact, like an integer.
                #[allow(clippy::cast_possible_truncation)]
                if ms.fract() == 0.0 && ms.abs() < 1e16 {
                    return millis(*ms as i128);
                }
                let ns = ms * 1e6;
                if ns.abs() >= 9.2e18 {
                    return Err(ttl_out_of_range());
                }
                #[allow(clippy::cast_possible_truncation)]
                Ok(Duration::from_nanos(ns as i64))
            }
            TtlInput::Nanos(ns) => i64::try_from(*ns)
                .map(Duration::from_nanos)
                .map_err(|_| ttl_out_of_range()),
            TtlInput::WrongType => Err(Error::InvalidDuration(
                "ttl must be a Go duration string or a number of milliseconds".into(),
            )),
        }
    }
}

impl TokenInput {
    /// Reads a JSON options object (the JSON façade): `token`, `flavour`, `description`
    /// (strings), `ttl` (Go duration string or milliseconds), `expires` (RFC3339),
    /// `usages`, `groups` (array of strings, or one comma-separated string); `null` =
    /// not given; the op keys `now`, `string_data`/`stringData` are skipped; any other
    /// key (`null` or not) is recorded in [`TokenInput::unknown`]. A text field may be
    /// bytes as `{"base64": "..."}`, as every argument that takes text. Only a
    /// non-object is an error here (`invalid_options`); everything else is checked by
    /// [`TokenInput::resolve`].
    pub fn from_value(value: &Value) -> Result<TokenInput> {
        TokenInput::from_value_for(value, &OP_KEYS)
    }

    /// [`TokenInput::from_value`] for an op that takes the keys `op_keys` besides the
    /// token options (none for `validate_token_options`: its `now` is unknown).
    pub fn from_value_for(value: &Value, op_keys: &[&str]) -> Result<TokenInput> {
        let obj = match value {
            Value::Object(o) => o,
            Value::Null => return Ok(TokenInput::default()),
            _ => {
                return Err(Error::InvalidOptions(
                    "token options must be an object".into(),
                ));
            }
        };
        let text = |v: &Value| match v {
            Value::String(s) => TextInput::Str(s.clone()),
            Value::Object(o) if o.len() == 1 => {
                use base64::Engine as _;
                o.get("base64")
                    .and_then(Value::as_str)
                    .and_then(|b| base64::engine::general_purpose::STANDARD.decode(b).ok())
                    .map_or(TextInput::WrongType, TextInput::Bytes)
            }
            _ => TextInput::WrongType,
        };
        let list = |v: &Value| match v {
            Value::String(s) => ListInput::Comma(s.clone()),
            Value::Array(a) => a
                .iter()
                .map(|x| x.as_str().map(str::to_owned))
                .collect::<Option<Vec<_>>>()
                .map_or(ListInput::NotStrings { len: a.len() }, ListInput::List),
            _ => ListInput::WrongType,
        };
        let mut o = TokenInput::default();
        for (k, v) in obj {
            if op_keys.contains(&k.as_str())
                || (v.is_null() && TOKEN_OPTION_NAMES.contains(&k.as_str()))
            {
                continue;
            }
            match k.as_str() {
                "token" => o.token = Some(text(v)),
                "flavour" => o.flavour = Some(text(v)),
                "description" => o.description = Some(text(v)),
                "ttl" => {
                    o.ttl = Some(match v {
                        Value::String(s) => TtlInput::Go(s.clone()),
                        Value::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
                            (Some(i), _, _) => TtlInput::Millis(i128::from(i)),
                            (_, Some(u), _) => TtlInput::Millis(i128::from(u)),
                            (_, _, Some(f)) => TtlInput::MillisF64(f),
                            _ => TtlInput::WrongType,
                        },
                        _ => TtlInput::WrongType,
                    });
                }
                "expires" => o.expires = Some(TimeInput::from_json(v)),
                "usages" => o.usages = Some(list(v)),
                "groups" => o.groups = Some(list(v)),
                other => o.unknown.push(other.to_owned()),
            }
        }
        Ok(o)
    }

    /// Step 1 of the precedence: every size cap, field by field.
    fn check_sizes(&self) -> Result<()> {
        for (what, t) in [
            ("token", &self.token),
            ("flavour", &self.flavour),
            ("description", &self.description),
        ] {
            if let Some(t) = t {
                check_bytes(what, t.len(), MAX_OPTION_BYTES)?;
            }
        }
        if let Some(t) = &self.ttl {
            t.check_size()?;
        }
        if let Some(e) = &self.expires {
            e.check_size()?;
        }
        if let Some(u) = &self.usages {
            u.check_size("usages", "usages (item count)")?;
        }
        if let Some(g) = &self.groups {
            g.check_size("groups", "groups (item count)")?;
        }
        Ok(())
    }

    /// Steps 1–3 of the precedence (module docs): sizes, unknown names, then each field
    /// in order. Defaults are not applied and kubeadm's validation is not run (see
    /// [`TokenOptions::validate`], [`TokenInput::validate`]).
    pub fn resolve(&self) -> Result<TokenOptions> {
        self.check_sizes()?;
        if let Some(k) = self.unknown.first() {
            return Err(Error::InvalidOptions(format!(
                "unknown token option {}; expected {}",
                describe_untrusted(k),
                TOKEN_OPTION_NAMES.join(", ")
            )));
        }
        let mut o = TokenOptions::default();
        if let Some(t) = &self.token {
            match t.text() {
                Some(Ok("")) => {}
                Some(Ok(s)) => o.token = Some(BootstrapToken::parse(s)?),
                Some(Err(())) => {
                    return Err(Error::InvalidToken(
                        "the token is not valid UTF-8 (not shown)".into(),
                    ));
                }
                None => {
                    return Err(Error::InvalidOptions(
                        "token option token must be a string".into(),
                    ));
                }
            }
        }
        if let Some(f) = &self.flavour {
            o.flavour = Flavour::parse(&text_opt("flavour", f)?)?;
        }
        if let Some(d) = &self.description {
            o.description = Some(text_opt("description", d)?);
        }
        if let Some(t) = &self.ttl {
            o.ttl = Some(t.resolve()?);
        }
        if let Some(e) = &self.expires {
            o.expires = Some(match e {
                TimeInput::WrongType => {
                    return Err(Error::InvalidOptions(
                        "token option expires must be an RFC3339 string or a time".into(),
                    ));
                }
                other => other.resolve("expires")?,
            });
        }
        if let Some(u) = &self.usages {
            o.usages = Some(u.resolve("usages")?);
        }
        if let Some(g) = &self.groups {
            o.groups = Some(g.resolve("groups")?);
        }
        Ok(o)
    }

    /// `validate_token_options`: steps 1–4 (defaults applied; no token is generated).
    pub fn validate(&self) -> Result<()> {
        self.resolve()?.validate()
    }

    /// `render_secret`: steps 1–6; the validated spec (a token generated from `fill` when
    /// none is given) and its Secret at `now`.
    pub fn render_secret_with(
        &self,
        now: &TimeInput,
        fill: &mut dyn FnMut(&mut [u8]) -> Result<()>,
    ) -> Result<(TokenSpec, Secret)> {
        let o = self.resolve()?;
        o.validate()?;
        let now = now.resolve("now")?;
        o.render_secret_with(now, fill)
    }

    /// [`TokenInput::render_secret_with`] drawing from the OS random source.
    #[cfg(feature = "getrandom")]
    pub fn render_secret(&self, now: &TimeInput) -> Result<(TokenSpec, Secret)> {
        self.render_secret_with(now, &mut crate::token::os_random)
    }

    /// `encode_token_secret`: steps 1–3 and 5, then the Secret at `now` of exactly what
    /// is given (no defaults, no validation; the token is required, `invalid_options`).
    pub fn encode_secret(&self, now: &TimeInput) -> Result<Secret> {
        let spec = self.resolve()?.to_spec_exact()?;
        Ok(spec.to_secret(now.resolve("now")?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const NOW: &str = "2025-01-01T00:00:00Z";

    fn code(v: Value) -> &'static str {
        TokenInput::from_value(&v)
            .and_then(|i| i.resolve())
            .map_or_else(|e| e.code(), |_| "ok")
    }

    #[test]
    fn precedence_is_fixed_whatever_the_key_order() {
        // bad token + bad ttl: the token wins in either key order.
        assert_eq!(
            code(json!({"ttl": "soon", "token": "abcdef.X"})),
            "invalid_token"
        );
        assert_eq!(
            code(json!({"token": "abcdef.X", "ttl": "soon"})),
            "invalid_token"
        );
        // sizes before everything, unknown names before fields.
        let big = "x".repeat(MAX_OPTION_BYTES + 1);
        assert_eq!(
            code(json!({"token": "bad", "description": big})),
            "input_too_large"
        );
        assert_eq!(code(json!({"token": "bad", "tokne": 1})), "invalid_options");
        assert_eq!(
            code(json!({"ttl": "x", "expires": "y", "usages": 3})),
            "invalid_duration"
        );
        assert_eq!(
            code(json!({"expires": "y", "usages": 3})),
            "invalid_timestamp"
        );
        assert_eq!(
            code(json!({"ttl": "x".repeat(MAX_DURATION_BYTES + 1)})),
            "input_too_large"
        );
        assert_eq!(
            code(json!({"usages": vec!["signing"; MAX_OPTION_ITEMS + 1]})),
            "input_too_large"
        );
        assert_eq!(
            code(json!({"groups": ",".repeat(MAX_OPTION_ITEMS)})),
            "input_too_large"
        );
    }

    #[test]
    fn typed_and_json_agree() {
        let typed = TokenInput {
            token: Some("abcdef.0123456789abcdef".into()),
            ttl: Some(TtlInput::MillisF64(3_600_000.0)),
            expires: None,
            usages: Some("signing,authentication".into()),
            groups: Some(ListInput::List(vec![])),
            description: Some(TextInput::Bytes(b"d\xc3\xa9".to_vec())),
            ..TokenInput::default()
        };
        let json = TokenInput::from_value(&json!({
            "token": "abcdef.0123456789abcdef", "ttl": 3_600_000,
            "usages": ["signing", "authentication"], "groups": "", "description": "dé"
        }))
        .unwrap();
        let now = TimeInput::from(NOW);
        let never = &mut |_: &mut [u8]| -> Result<()> { Err(Error::Random("no".into())) };
        let a = typed.render_secret_with(&now, never).unwrap();
        let b = json.render_secret_with(&now, never).unwrap();
        assert_eq!(a, b);
        assert_eq!(a.0.ttl, Some(Duration::from_secs(3600)));
        // Integral floats are exact like integers; wider integers are out of range.
        assert_eq!(
            TtlInput::MillisF64(9.2e12).resolve().unwrap(),
            TtlInput::Millis(9_200_000_000_000).resolve().unwrap()
        );
        assert!(TtlInput::Millis(i128::MAX).resolve().is_err());
        assert!(TtlInput::Nanos(i128::from(i64::MAX) + 1).resolve().is_err());
        assert_eq!(
            TtlInput::MillisF64(1.5).resolve().unwrap(),
            Duration::from_nanos(1_500_000)
        );
    }

    #[test]
    fn bytes_and_wrong_types() {
        let bad_utf8 = TokenInput {
            description: Some(TextInput::Bytes(vec![0xff])),
            ..TokenInput::default()
        };
        assert_eq!(bad_utf8.resolve().unwrap_err().code(), "invalid_options");
        let tok = TokenInput {
            token: Some(TextInput::Bytes(b"abcdef.0123456789abcdef".to_vec())),
            ..TokenInput::default()
        };
        assert_eq!(
            tok.resolve().unwrap().token.unwrap().expose(),
            "abcdef.0123456789abcdef"
        );
        for (input, want) in [
            (
                TokenInput {
                    expires: Some(TimeInput::WrongType),
                    ..TokenInput::default()
                },
                "invalid_options",
            ),
            (
                TokenInput {
                    expires: Some(TimeInput::InvalidTime),
                    ..TokenInput::default()
                },
                "invalid_timestamp",
            ),
            (
                TokenInput {
                    ttl: Some(TtlInput::WrongType),
                    ..TokenInput::default()
                },
                "invalid_duration",
            ),
            (
                TokenInput {
                    groups: Some(ListInput::NotStrings { len: 1 }),
                    ..TokenInput::default()
                },
                "invalid_options",
            ),
        ] {
            assert_eq!(input.resolve().unwrap_err().code(), want, "{input:?}");
        }
    }

    #[test]
    fn nothing_secret_in_debug_or_errors() {
        let secret = "0123456789abcdef";
        let i = TokenInput {
            token: Some(format!("abcdef.{secret}").as_str().into()),
            unknown: vec![format!("abcdef.{secret}")],
            ..TokenInput::default()
        };
        assert!(!format!("{i:?}").contains(secret));
        let e = i.resolve().unwrap_err();
        assert_eq!(e.code(), "invalid_options");
        assert!(!e.to_string().contains(secret), "{e}");
        let f = TokenInput {
            flavour: Some(format!("abcdef.{secret}").as_str().into()),
            ..TokenInput::default()
        };
        assert!(!f.resolve().unwrap_err().to_string().contains(secret));
    }

    #[test]
    fn now_comes_after_validation() {
        let i = TokenInput {
            groups: Some("nope".into()),
            ..TokenInput::default()
        };
        let e = i
            .render_secret_with(&TimeInput::WrongType, &mut |_| Ok(()))
            .unwrap_err();
        assert_eq!(e.code(), "invalid_group");
        let ok = TokenInput::default();
        let e = ok
            .render_secret_with(&TimeInput::from("soon"), &mut |_| Ok(()))
            .unwrap_err();
        assert_eq!(e.code(), "invalid_timestamp");
    }
}
