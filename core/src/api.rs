//! The JSON-level API of `docs/api.md`: one entry point, [`call`], that takes an op name
//! and its arguments as a JSON object and returns the op's result in the documented JSON
//! shape: the JSON façade (vectors, fuzzing, a CLI, Terraform's `external` protocol). The
//! conformance runner and, for now, both bindings go through it. Results are the core's
//! result types (`TokenParts`, `TokenInfo`, `AuthenticationResult`, ... — see
//! `docs/api.md`), serialized with `serde_json::to_value`; only scalar results are
//! written here directly.
//!
//! Argument conventions (exactly those of `docs/api.md` and `tests/vectors/README.md`):
//! * times: RFC3339 strings; `now` is **required** at this level (there is no clock in
//!   the core) — bindings fill it in from theirs (see [`takes_now`]);
//! * durations: Go duration strings (`"24h"`) or integer milliseconds;
//! * manifests (Secret, ConfigMap, List, kubeconfig): an object, or JSON/YAML text;
//! * PEM bundles, JWS content and secrets: text;
//! * optional arguments: absent or `null`.
//!
//! Errors: an unknown op → [`Error::Unsupported`]; an argument that the op does not take,
//! or one of the wrong JSON type → [`Error::InvalidOptions`]. Everything else is the
//! core's own error for the call. Results carry secrets only where `docs/api.md` says so
//! (`parse_token`, `signing_credentials`, kubeadm/karmada `list_tokens` output, the k3s
//! token strings/passwords/headers); errors never do.
//!
//! ```
//! use serde_json::json;
//! # fn main() -> kubetoken::Result<()> {
//! let out = kubetoken::api::call("parse_token", &json!({"token": "abcdef.0123456789abcdef"}))?;
//! assert_eq!(out, json!({"id": "abcdef", "secret": "0123456789abcdef"}));
//! let err = kubetoken::api::call("no_such_op", &json!({})).unwrap_err();
//! assert_eq!(err.code(), "unsupported");
//! # Ok(())
//! # }
//! ```

use std::borrow::Cow;

use crate::limits::{MAX_LIST_ITEMS, check_count};

use serde_json::{Map, Value, json};

use serde::Serialize;

use crate::authn::{self, Authentication, AuthenticationResult, CleanerAction};
use crate::discovery::{self, ConfigMap};
use crate::inspect::{self, Purpose};
use crate::join::{self, JoinOptions, JoinTarget};
use crate::k3s::{self, CaVerification, CredentialHeader, K3sToken, K3sTokenInfo};
use crate::kubeconfig::{self, Kubeconfig, KubeconfigInfo};
use crate::list::{self, ListFormat};
use crate::options::{self, Flavour, SecretListEntry, TokenInfo, TokenOptions, TokenSpec};
use crate::token::TokenParts;
use crate::x509::pem;
use crate::{
    BootstrapToken, Duration, Error, Result, Secret, TimeInput, Timestamp, TokenInput, pin, token,
};

/// A result type as JSON. The result types serialize to JSON objects with string keys
/// (no maps with other keys, no non-finite floats), so this cannot fail; `null` would
/// only stand for a serializer error that no result type can produce.
fn to_json<T: Serialize + ?Sized>(v: &T) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

/// Which arguments an op takes.
enum Takes {
    /// Exactly these keys (checked here).
    Keys(&'static [&'static str]),
    /// Token options plus `now`/`string_data` (checked by [`TokenOptions::from_value`]).
    Options { now: bool },
}

use Takes::{Keys, Options};

const TARGET: &[&str] = &[
    "token",
    "kubeconfig",
    "context",
    "server",
    "ca_pem",
    "ca_cert_hashes",
];

/// The public ops of `docs/api.md` and their argument names.
const OPS: &[(&str, Takes)] = &[
    // Tokens
    ("generate_token", Keys(&[])),
    ("parse_token", Keys(&["token"])),
    ("token_from_parts", Keys(&["id", "secret"])),
    ("is_valid_token", Keys(&["token"])),
    ("is_valid_token_id", Keys(&["token_id"])),
    ("secret_name", Keys(&["token_id"])),
    ("parse_secret_name", Keys(&["name"])),
    ("parse_duration", Keys(&["duration"])),
    ("short_human_duration", Keys(&["duration"])),
    ("parse_rfc3339", Keys(&["timestamp"])),
    // Token options and Secrets
    ("validate_group", Keys(&["group"])),
    ("validate_usages", Keys(&["usages"])),
    ("validate_token_groups", Keys(&["usages", "groups"])),
    ("validate_token_options", Options { now: false }),
    ("render_secret", Options { now: true }),
    ("render_secret_yaml", Options { now: true }),
    ("encode_token_secret", Options { now: true }),
    ("parse_secret", Keys(&["secret"])),
    ("parse_secret_list", Keys(&["secrets"])),
    // API server, controllers, listing, delete
    ("authenticate", Keys(&["token", "secrets", "now"])),
    ("get_groups", Keys(&["secret"])),
    ("token_expiration", Keys(&["secret", "now"])),
    ("signing_credentials", Keys(&["secret", "now"])),
    ("cleaner_action", Keys(&["secret", "now"])),
    (
        "list_tokens",
        Keys(&["secrets", "now", "format", "flavour"]),
    ),
    (
        "render_token_list",
        Keys(&["tokens", "now", "format", "flavour"]),
    ),
    ("delete_token_names", Keys(&["args", "flavour"])),
    // JWS, cluster-info discovery, join commands
    (
        "compute_jws",
        Keys(&["content", "token_id", "token_secret"]),
    ),
    (
        "verify_jws",
        Keys(&["signature", "content", "token_id", "token_secret"]),
    ),
    ("sign_cluster_info", Keys(&["configmap", "secrets", "now"])),
    (
        "verify_cluster_info",
        Keys(&["configmap", "token", "ca_cert_hashes"]),
    ),
    ("join_command", Keys(&[])), // TARGET + JOIN_FLAGS, see `allowed`
    ("register_command", Keys(&["parent_command"])), // + TARGET
    ("parse_kubeconfig", Keys(&["kubeconfig"])),
    ("cluster_info_kubeconfig", Keys(&["server", "ca_pem"])),
    // CA pins, k3s/rke2
    ("ca_cert_hashes", Keys(&["pem"])),
    ("parse_ca_pins", Keys(&["pins"])),
    ("check_ca_pins", Keys(&["pem", "pins"])),
    ("parse_k3s_token", Keys(&["token"])),
    ("format_k3s_token", Keys(&["credentials", "bundle", "now"])),
    (
        "k3s_token_string",
        Keys(&["token", "bundle", "now", "user"]),
    ),
    ("k3s_ca_hash", Keys(&["bundle", "now"])),
    ("explain_k3s_ca_hash", Keys(&["bundle", "now"])),
    ("verify_k3s_ca", Keys(&["token", "bundle", "now", "user"])),
    ("k3s_credentials", Keys(&["token", "user"])),
    ("k3s_normalize_token", Keys(&["token"])),
    ("k3s_passwd_password", Keys(&["name", "passwd"])),
    ("k3s_token_hash", Keys(&["passphrase"])),
    ("k3s_storage_key", Keys(&["passphrase"])),
    (
        "k3s_encrypt",
        Keys(&["passphrase", "plaintext", "salt", "nonce"]),
    ),
    ("k3s_decrypt", Keys(&["passphrase", "value"])),
    ("k3s_token_opens", Keys(&["token", "value"])),
    ("k3s_token_create_output", Keys(&["token", "bundle", "now"])),
    ("k3s_token_generate", Keys(&[])),
    (
        "k3s_rotate",
        Keys(&["token", "new_token", "value", "random"]),
    ),
    ("k3s_which_token_opens", Keys(&["tokens", "value"])),
    (
        "k3s_join_command",
        Keys(&["server", "token", "flavour", "role"]),
    ),
    // Inspect and redact
    ("inspect_token", Keys(&["text", "purpose"])),
    ("redact", Keys(&["text"])),
];

const JOIN_FLAGS: &[&str] = &[
    "control_plane",
    "certificate_key",
    "withhold_token",
    "withhold_certificate_key",
    "multiline",
];

fn takes(op: &str) -> Option<&'static Takes> {
    OPS.iter().find(|(name, _)| *name == op).map(|(_, t)| t)
}

/// The names of the public ops, in `docs/api.md` order.
pub fn ops() -> impl Iterator<Item = &'static str> {
    OPS.iter().map(|(name, _)| *name)
}

/// Whether `op` takes a `now` argument (bindings fill it in from their clock when the
/// caller did not give one). `false` for unknown ops.
pub fn takes_now(op: &str) -> bool {
    match takes(op) {
        Some(Keys(keys)) => keys.contains(&"now"),
        Some(Options { now }) => *now,
        None => false,
    }
}

/// Every argument name `op` takes (for messages).
fn known(op: &str, keys: &[&'static str]) -> Vec<&'static str> {
    let mut all = keys.to_vec();
    if matches!(op, "join_command" | "register_command") {
        all.extend_from_slice(TARGET);
    }
    if op == "join_command" {
        all.extend_from_slice(JOIN_FLAGS);
    }
    all
}

fn allowed(op: &str, keys: &[&str], key: &str) -> bool {
    keys.contains(&key)
        || (matches!(op, "join_command" | "register_command") && TARGET.contains(&key))
        || (op == "join_command" && JOIN_FLAGS.contains(&key))
}

/// Runs one op of `docs/api.md` on JSON arguments (an object; `null` = no arguments) and
/// returns its result as JSON. See the module documentation for the conventions.
pub fn call(op: &str, args: &Value) -> Result<Value> {
    let Some(spec) = takes(op) else {
        return Err(Error::Unsupported(format!(
            "no such operation {}",
            token::describe_untrusted(op)
        )));
    };
    let empty = Map::new();
    let obj = match args {
        Value::Object(o) => o,
        Value::Null => &empty,
        _ => return Err(Error::InvalidOptions("arguments must be an object".into())),
    };
    if let Keys(keys) = spec
        && let Some(k) = obj.keys().find(|k| !allowed(op, keys, k))
    {
        return Err(Error::InvalidOptions(format!(
            "{op} takes no argument {}; it takes {}",
            token::describe_untrusted(k),
            known(op, keys).join(", ")
        )));
    }
    let a = Args(obj);
    match op {
        "generate_token"
        | "parse_token"
        | "token_from_parts"
        | "is_valid_token"
        | "is_valid_token_id"
        | "secret_name"
        | "parse_secret_name"
        | "parse_duration"
        | "short_human_duration"
        | "parse_rfc3339" => tokens(op, &a),
        "validate_group"
        | "validate_usages"
        | "validate_token_groups"
        | "validate_token_options"
        | "render_secret"
        | "render_secret_yaml"
        | "encode_token_secret"
        | "parse_secret"
        | "parse_secret_list" => secrets_area(op, args, &a),
        "authenticate"
        | "get_groups"
        | "token_expiration"
        | "signing_credentials"
        | "cleaner_action"
        | "list_tokens"
        | "render_token_list"
        | "delete_token_names" => authn_area(op, &a),
        "compute_jws"
        | "verify_jws"
        | "sign_cluster_info"
        | "verify_cluster_info"
        | "join_command"
        | "register_command"
        | "parse_kubeconfig"
        | "cluster_info_kubeconfig" => discovery_area(op, &a),
        "inspect_token" | "redact" => tools_area(op, &a),
        _ => k3s_area(op, &a),
    }
}

/// `inspect_token` and `redact` (text or bytes in; `redact`'s result as `bytes_json`).
fn tools_area(op: &str, a: &Args<'_>) -> Result<Value> {
    let text = a.bin("text")?;
    if op == "inspect_token" {
        let purpose = a.opt("purpose")?.map(Purpose::parse).transpose()?;
        return Ok(to_json(&inspect::inspect_token(&text, purpose)?));
    }
    Ok(bytes_json(crate::redact::redact_bytes(&text)?))
}

/// A bytes result as the façade writes it: text when it is UTF-8, else
/// `{"base64": "<standard, padded base64>"}` (nothing is lost either way).
fn bytes_json(b: Vec<u8>) -> Value {
    use base64::Engine as _;
    match String::from_utf8(b) {
        Ok(s) => json!(s),
        Err(e) => {
            json!({ "base64": base64::engine::general_purpose::STANDARD.encode(e.as_bytes()) })
        }
    }
}

/// Typed access to an argument object.
struct Args<'a>(&'a Map<String, Value>);

fn missing(k: &str) -> Error {
    Error::InvalidOptions(format!("missing argument {k}"))
}

fn mistyped(k: &str, what: &str) -> Error {
    Error::InvalidOptions(format!("argument {k} must be {what}"))
}

impl<'a> Args<'a> {
    /// The value, `None` when absent or `null`.
    fn get(&self, k: &str) -> Option<&'a Value> {
        self.0.get(k).filter(|v| !v.is_null())
    }

    /// A required argument: absent or `null` is `invalid_options`, as a missing
    /// argument is in every binding.
    fn value(&self, k: &str) -> Result<&'a Value> {
        self.get(k).ok_or_else(|| missing(k))
    }

    /// A required string argument.
    fn req(&self, k: &str) -> Result<&'a str> {
        self.opt(k)?.ok_or_else(|| missing(k))
    }

    fn opt(&self, k: &str) -> Result<Option<&'a str>> {
        match self.get(k) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(_) => Err(mistyped(k, "a string")),
        }
    }

    /// A string argument, `""` when absent.
    fn s(&self, k: &str) -> Result<&'a str> {
        Ok(self.opt(k)?.unwrap_or(""))
    }

    fn b(&self, k: &str) -> Result<bool> {
        match self.get(k) {
            None => Ok(false),
            Some(Value::Bool(b)) => Ok(*b),
            Some(_) => Err(mistyped(k, "a boolean")),
        }
    }

    /// A list of strings, empty when absent (its count is capped where it is used, in the
    /// core function, as for every door).
    fn strings(&self, k: &str) -> Result<Vec<String>> {
        match self.get(k) {
            None => Ok(Vec::new()),
            Some(Value::Array(a)) => a
                .iter()
                .map(|x| x.as_str().map(str::to_owned))
                .collect::<Option<Vec<_>>>()
                .ok_or_else(|| mistyped(k, "a list of strings")),
            Some(_) => Err(mistyped(k, "a list of strings")),
        }
    }

    /// A required list of strings.
    fn req_strings(&self, k: &str) -> Result<Vec<String>> {
        if self.get(k).is_none() {
            return Err(missing(k));
        }
        self.strings(k)
    }

    /// The required `now` (RFC3339).
    fn now(&self) -> Result<Timestamp> {
        match self.get("now") {
            Some(v) => TimeInput::from_json(v).resolve("now"),
            None => Err(now_required()),
        }
    }

    fn flavour(&self) -> Result<Flavour> {
        self.opt("flavour")?
            .map_or(Ok(Flavour::Kubeadm), Flavour::parse)
    }

    fn format(&self) -> Result<ListFormat> {
        self.opt("format")?
            .map_or(Ok(ListFormat::Text), ListFormat::parse)
    }

    /// A bytes argument ([`bytes_arg`]), `None` when absent.
    fn opt_bin(&self, k: &str) -> Result<Option<Cow<'a, [u8]>>> {
        self.get(k).map(|v| bytes_arg(k, v)).transpose()
    }

    /// A required bytes argument.
    fn bin(&self, k: &str) -> Result<Cow<'a, [u8]>> {
        self.opt_bin(k)?.ok_or_else(|| missing(k))
    }

    /// `secrets`: a list of Secret manifests, or one List/Secret manifest (text, bytes or
    /// object); each element decoded independently.
    fn secrets(&self) -> Result<Vec<Result<Secret>>> {
        match self.get("secrets") {
            None => Err(missing("secrets")),
            Some(v @ Value::Array(a)) => {
                check_count("Secrets (count)", a.len(), MAX_LIST_ITEMS)?;
                nested(v)?;
                // An item that is no manifest's type fails the call (the bindings'
                // TypeError); a manifest that does not decode is that item's error.
                if a.iter().any(|v| {
                    matches!(
                        v,
                        Value::Null | Value::Bool(_) | Value::Number(_) | Value::Array(_)
                    )
                }) {
                    return Err(mistyped("secrets", "a list of Secret manifests"));
                }
                Ok(a.iter().map(secret).collect())
            }
            Some(v) => match manifest_text("secrets", v)? {
                Some(text) => crate::secret::parse_secret_list(text),
                None => crate::secret::secret_list_from_value(v),
            },
        }
    }

    fn all_secrets(&self) -> Result<Vec<Secret>> {
        self.secrets()?.into_iter().collect()
    }
}

/// The bytes of `{"base64": "<standard, padded base64>"}` (an object with that one
/// key), `None` for any other value.
fn base64_object(k: &str, v: &Value) -> Option<Result<Vec<u8>>> {
    use base64::Engine as _;
    let obj = v.as_object().filter(|o| o.len() == 1)?;
    let text = obj.get("base64")?.as_str()?;
    Some(
        base64::engine::general_purpose::STANDARD
            .decode(text)
            .map_err(|_| mistyped(k, "text or {\"base64\": <standard base64>}")),
    )
}

/// A bytes argument (PEM bundles, JWS content and secrets, ciphertexts): a string (its
/// UTF-8 bytes) or `{"base64": "..."}` for any bytes.
fn bytes_arg<'a>(k: &str, v: &'a Value) -> Result<Cow<'a, [u8]>> {
    match v {
        Value::String(s) => Ok(Cow::Borrowed(s.as_bytes())),
        other => match base64_object(k, other) {
            Some(b) => Ok(Cow::Owned(b?)),
            None => Err(mistyped(k, "text or {\"base64\": <standard base64>}")),
        },
    }
}

/// A manifest argument given as text or `{"base64": ...}` bytes; `None` for a parsed
/// object (or any other value, which the model's `from_value` refuses).
fn manifest_text<'a>(k: &str, v: &'a Value) -> Result<Option<Cow<'a, [u8]>>> {
    match v {
        Value::String(s) => Ok(Some(Cow::Borrowed(s.as_bytes()))),
        // Not a manifest's type (the bindings' TypeError); a list of manifests only
        // where the argument is a list (`secrets`).
        Value::Number(_) | Value::Bool(_) => Err(mistyped(k, "text, bytes or an object")),
        Value::Array(_) if k != "secrets" => Err(mistyped(k, "text, bytes or an object")),
        other => base64_object(k, other)
            .transpose()
            .map(|b| b.map(Cow::Owned)),
    }
}

/// A Secret manifest argument: JSON/YAML text or bytes, or an object.
fn secret(v: &Value) -> Result<Secret> {
    match manifest_text("secret", v)? {
        Some(text) => Secret::parse(text),
        None => Secret::from_value(v),
    }
}

fn configmap(v: &Value) -> Result<ConfigMap> {
    match manifest_text("configmap", v)? {
        Some(text) => ConfigMap::parse(text),
        None => ConfigMap::from_value(v),
    }
}

fn kubeconfig_arg(v: &Value) -> Result<Kubeconfig> {
    match manifest_text("kubeconfig", v)? {
        Some(text) => Kubeconfig::parse(text),
        None => Kubeconfig::from_value(v),
    }
}

/// A parsed list argument (an array of manifests or of token objects) is nested at
/// most `MAX_NESTING` levels counted from the array, as in the bindings (each item's
/// model checks its own levels).
fn nested(v: &Value) -> Result<()> {
    crate::limits::check_value_nesting(v)
}

/// `generate_token` (or `k3s_token_generate`'s output when `k3s`).
#[cfg(feature = "getrandom")]
fn generated(k3s: bool) -> Result<String> {
    if k3s {
        k3s::token_generate_output()
    } else {
        Ok(BootstrapToken::generate()?.expose())
    }
}

#[cfg(not(feature = "getrandom"))]
fn generated(_k3s: bool) -> Result<String> {
    Err(no_random())
}

#[cfg(not(feature = "getrandom"))]
fn no_random() -> Error {
    Error::Unsupported("built without the getrandom feature: no random source".into())
}

fn tokens(op: &str, a: &Args<'_>) -> Result<Value> {
    Ok(match op {
        "generate_token" => json!(generated(false)?),
        "parse_token" => token_parts_value(&BootstrapToken::parse(a.req("token")?)?),
        "token_from_parts" => {
            json!(BootstrapToken::from_parts(a.req("id")?, a.req("secret")?)?.expose())
        }
        "is_valid_token" => json!(token::is_valid_token(a.req("token")?)),
        "is_valid_token_id" => json!(token::is_valid_token_id(a.req("token_id")?)),
        "secret_name" => json!(token::secret_name(a.req("token_id")?)),
        "parse_secret_name" => json!(token::parse_secret_name(a.req("name")?)),
        "parse_duration" => json!(Duration::parse_go(a.req("duration")?)?.to_string()),
        "short_human_duration" => json!(Duration::parse_go(a.req("duration")?)?.short_human()),
        _ => json!(Timestamp::parse_rfc3339(a.req("timestamp")?)?.to_rfc3339()),
    })
}

/// `parse_token`'s result ([`TokenParts`]) as JSON (carries the secret, as documented).
pub fn token_parts_value(t: &BootstrapToken) -> Value {
    to_json(&TokenParts::from(t))
}

/// The Secret manifest of `render_secret`/`encode_token_secret`: `data` (base64), or
/// `stringData` when `string_data` is true.
fn manifest(secret: &Secret, string_data: bool) -> Result<Value> {
    Ok(to_json(&if string_data {
        secret.to_string_data_manifest()?
    } else {
        secret.to_manifest()
    }))
}

fn string_data(args: &Value) -> Result<bool> {
    let v = args
        .get("string_data")
        .or_else(|| args.get("stringData"))
        .unwrap_or(&Value::Null);
    match v {
        Value::Null => Ok(false),
        Value::Bool(b) => Ok(*b),
        _ => Err(mistyped("string_data", "a boolean")),
    }
}

/// The token options of `args`, and the op's `now`: options are checked first (the
/// precedence of [`TokenInput`]), then `now` (required here).
fn options_and_now(args: &Value, a: &Args<'_>) -> Result<(TokenInput, TimeInput)> {
    let input = TokenInput::from_value(args)?;
    match a.get("now") {
        Some(v) => Ok((input, TimeInput::from_json(v))),
        None => {
            input.validate()?;
            Err(now_required())
        }
    }
}

fn now_required() -> Error {
    Error::InvalidOptions("argument now is required (RFC3339)".into())
}

#[cfg(feature = "getrandom")]
fn rendered(args: &Value, a: &Args<'_>) -> Result<Secret> {
    let (input, now) = options_and_now(args, a)?;
    Ok(input.render_secret(&now)?.1)
}

#[cfg(not(feature = "getrandom"))]
fn rendered(args: &Value, a: &Args<'_>) -> Result<Secret> {
    let (input, now) = options_and_now(args, a)?;
    Ok(input.render_secret_with(&now, &mut |_| Err(no_random()))?.1)
}

fn secrets_area(op: &str, args: &Value, a: &Args<'_>) -> Result<Value> {
    Ok(match op {
        "validate_group" => {
            options::validate_group(a.req("group")?)?;
            json!(true)
        }
        "validate_usages" => {
            options::validate_usages(&a.req_strings("usages")?)?;
            json!(true)
        }
        "validate_token_groups" => {
            options::validate_token_groups(&a.req_strings("usages")?, &a.req_strings("groups")?)?;
            json!(true)
        }
        "validate_token_options" => {
            TokenInput::from_value_for(args, &[])?.validate()?;
            json!(true)
        }
        // `string_data` (a type) before the options' values, as the bindings read it.
        "render_secret" => {
            let string_data = string_data(args)?;
            manifest(&rendered(args, a)?, string_data)?
        }
        "render_secret_yaml" => {
            let string_data = string_data(args)?;
            let secret = rendered(args, a)?;
            Value::String(if string_data {
                secret.to_string_data_yaml()?
            } else {
                secret.to_yaml()?
            })
        }
        "encode_token_secret" => {
            let string_data = string_data(args)?;
            let input = TokenInput::from_value(args)?;
            let now = match a.get("now") {
                Some(v) => TimeInput::from_json(v),
                None => {
                    input.resolve()?.to_spec_exact()?;
                    return Err(now_required());
                }
            };
            manifest(&input.encode_secret(&now)?, string_data)?
        }
        "parse_secret" => to_json(&TokenInfo::from(&TokenSpec::from_secret(&secret(
            a.value("secret")?,
        )?)?)),
        _ => {
            let v = a.value("secrets")?;
            let items = match manifest_text("secrets", v)? {
                Some(text) => options::tokens_from_secret_list(text)?,
                None => options::tokens_from_secret_list_value(v)?,
            };
            let entries: Vec<SecretListEntry> = items.iter().map(SecretListEntry::from).collect();
            to_json(&entries)
        }
    })
}

/// `authenticate`'s result ([`AuthenticationResult`]) as JSON.
pub fn authentication_value(a: &Authentication) -> Value {
    to_json(&AuthenticationResult::from(a))
}

/// `cleaner_action`'s result as JSON.
pub fn cleaner_action_value(c: &CleanerAction) -> Value {
    to_json(c)
}

fn authn_area(op: &str, a: &Args<'_>) -> Result<Value> {
    Ok(match op {
        "authenticate" => {
            let token = a.req("token")?;
            let list = a.all_secrets()?;
            authentication_value(&authn::authenticate(token, &list, a.now()?))
        }
        "get_groups" => json!(authn::get_groups(&secret(a.value("secret")?)?)?),
        "token_expiration" => to_json(&authn::expiration(&secret(a.value("secret")?)?, a.now()?)),
        "signing_credentials" => {
            // The stored bytes as text (lossy only for a hostile non-UTF-8 Secret).
            to_json(&authn::signing_credentials(
                &secret(a.value("secret")?)?,
                a.now()?,
            ))
        }
        "cleaner_action" => cleaner_action_value(&authn::cleaner_action(
            &secret(a.value("secret")?)?,
            a.now()?,
        )),
        // The printer's choices first (format, flavour), then the input, then `now`: the
        // order of the bindings, whose typed arguments convert before the body runs.
        "list_tokens" => {
            let (format, flavour) = (a.format()?, a.flavour()?);
            to_json(&list::list_token_results(
                &a.secrets()?,
                a.now()?,
                format,
                flavour,
            )?)
        }
        "render_token_list" => {
            let (format, flavour) = (a.format()?, a.flavour()?);
            let tokens = match a.get("tokens") {
                None => Vec::new(),
                Some(v @ Value::Array(items)) => nested(v).and_then(|()| {
                    items
                        .iter()
                        .map(|v| TokenOptions::from_value(v)?.to_spec_exact())
                        .collect::<Result<Vec<_>>>()
                })?,
                Some(_) => return Err(mistyped("tokens", "a list of token objects")),
            };
            json!(list::render(&tokens, a.now()?, format, flavour)?)
        }
        _ => json!(list::delete_token_names(
            &a.req_strings("args")?,
            a.flavour()?
        )?),
    })
}

/// `kubeconfig` (+ optional `context`) | `server` + `ca_pem` | `server` + `ca_cert_hashes`.
fn target(a: &Args<'_>) -> Result<JoinTarget> {
    let (context, server) = (a.opt("context")?, a.s("server")?);
    let (pem, hashes) = (a.opt_bin("ca_pem")?, a.strings("ca_cert_hashes")?);
    let kubeconfig = a.get("kubeconfig").map(kubeconfig_arg).transpose()?;
    JoinTarget::first_given(
        kubeconfig.as_ref(),
        context,
        server,
        pem.as_deref(),
        &hashes,
    )
}

/// `parse_kubeconfig`'s result ([`KubeconfigInfo`]) as JSON (users are never read).
pub fn kubeconfig_value(kc: &Kubeconfig) -> Value {
    to_json(&KubeconfigInfo::from(kc))
}

fn discovery_area(op: &str, a: &Args<'_>) -> Result<Value> {
    Ok(match op {
        "compute_jws" => json!(crate::jws::compute_checked(
            a.bin("content")?,
            a.req("token_id")?,
            a.bin("token_secret")?
        )?),
        "verify_jws" => json!(crate::jws::verify_checked(
            a.req("signature")?,
            a.bin("content")?,
            a.req("token_id")?,
            a.bin("token_secret")?
        )?),
        "sign_cluster_info" => {
            let cm = configmap(a.value("configmap")?)?;
            let list = a.all_secrets()?;
            to_json(&discovery::sign_cluster_info(&cm, &list, a.now()?)?)
        }
        "verify_cluster_info" => {
            let token = a.req("token")?;
            to_json(&discovery::verify_cluster_info(
                &configmap(a.value("configmap")?)?,
                token,
                &a.strings("ca_cert_hashes")?,
            )?)
        }
        // Scalar arguments (types) before the target (which reads manifests and PEM).
        "join_command" => {
            let token = a.s("token")?;
            let opts = JoinOptions {
                control_plane: a.b("control_plane")?,
                certificate_key: a.s("certificate_key")?.to_owned(),
                withhold_token: a.b("withhold_token")?,
                withhold_certificate_key: a.b("withhold_certificate_key")?,
                multiline: a.b("multiline")?,
            };
            let t = target(a)?;
            json!(join::kubeadm_join_command(token, &t, &opts)?)
        }
        // "" (not given) = the core's default, "karmadactl".
        "register_command" => {
            let (token, parent) = (a.req("token")?, a.s("parent_command")?);
            json!(join::karmada_register_command(token, &target(a)?, parent)?)
        }
        "parse_kubeconfig" => kubeconfig_value(&kubeconfig_arg(a.value("kubeconfig")?)?),
        _ => json!(kubeconfig::render_cluster_info_kubeconfig(
            a.req("server")?,
            a.bin("ca_pem")?,
        )?),
    })
}

/// `parse_k3s_token`'s result ([`K3sTokenInfo`]) as JSON (`token` and `password` are
/// secrets, as documented).
pub fn k3s_token_value(t: &K3sToken) -> Value {
    to_json(&K3sTokenInfo::from(t))
}

/// A k3s token with the optional `user` override.
fn k3s_user(a: &Args<'_>) -> Result<K3sToken> {
    // Both strings' types before the token's value.
    let (token, user) = (a.req("token")?, a.opt("user")?);
    let t = K3sToken::parse(token)?;
    Ok(match user {
        Some(u) => t.with_user(u),
        None => t,
    })
}

/// A 12-byte nonce from 24 hex characters (`k3s_encrypt`'s test injection).
pub fn nonce(hex: &str) -> Result<[u8; 12]> {
    let bad = || Error::InvalidOptions("nonce must be 24 hex characters".into());
    if hex.len() != 24 {
        return Err(bad());
    }
    let mut out = [0u8; 12];
    for (i, b) in out.iter_mut().enumerate() {
        *b = u8::from_str_radix(hex.get(2 * i..2 * i + 2).ok_or_else(bad)?, 16)
            .map_err(|_| bad())?;
    }
    Ok(out)
}

/// A pin set allowing `pins` (kubeadm `Set.Allow` rules); `invalid_hash` for the first bad one.
pub fn pin_set(pins: &[String]) -> Result<pin::PinSet> {
    let mut set = pin::PinSet::new();
    set.allow_all(pins.iter().map(String::as_str))?;
    Ok(set)
}

fn k3s_area(op: &str, a: &Args<'_>) -> Result<Value> {
    let bundle = |k: &str| a.opt_bin(k);
    Ok(match op {
        "ca_cert_hashes" => json!(pin::hashes_from_pem(a.bin("pem")?)?),
        "parse_ca_pins" => {
            let pins = a.req_strings("pins")?;
            pin_set(&pins)?;
            // Accepted pins, in the canonical (lowercase) form the set compares.
            json!(
                pins.iter()
                    .map(|p| p.to_ascii_lowercase())
                    .collect::<Vec<_>>()
            )
        }
        "check_ca_pins" => {
            // Types first (pem, pins), then the pins' values, then the PEM's.
            let (pem, pins) = (a.bin("pem")?, a.req_strings("pins")?);
            let set = pin_set(&pins)?;
            let ders = pem::certificates(pem)?;
            to_json(&pin::PinCheck::from_check(set.check_any(&ders)?))
        }
        "parse_k3s_token" => k3s_token_value(&K3sToken::parse(a.req("token")?)?),
        "format_k3s_token" => json!(k3s::format_token(
            a.req("credentials")?,
            a.bin("bundle")?,
            a.now()?
        )?),
        // The arguments' types, then the token's value, then `now`'s.
        "k3s_token_string" => {
            let b = bundle("bundle")?;
            let t = k3s_user(a)?;
            json!(t.try_to_token_string(b.as_deref(), a.now()?)?)
        }
        "k3s_ca_hash" => to_json(&k3s::ca_hash(a.bin("bundle")?, a.now()?)?),
        "explain_k3s_ca_hash" => to_json(&k3s::explain_ca_hash(a.bin("bundle")?, a.now()?)?),
        "verify_k3s_ca" => {
            let b = bundle("bundle")?;
            let t = k3s_user(a)?;
            let c = k3s::try_verify_ca(t.ca_hash(), b.as_deref(), a.now()?)?;
            to_json(&CaVerification::new(&c, t.username()))
        }
        "k3s_credentials" => {
            let (token, user) = (a.req("token")?, a.opt("user")?);
            let t = K3sToken::parse(token)?;
            to_json(&CredentialHeader::from(&k3s::credentials(&t, user)))
        }
        "k3s_normalize_token" => json!(k3s::normalize_token(a.req("token")?)?.as_str()),
        "k3s_passwd_password" => json!(k3s::passwd_password(a.req("name")?, a.req("passwd")?)),
        "k3s_token_hash" => json!(k3s::token_hash(a.req("passphrase")?)),
        "k3s_storage_key" => json!(k3s::storage_key(a.req("passphrase")?)),
        "k3s_encrypt" => {
            let (pass, pt) = (a.req("passphrase")?, a.bin("plaintext")?);
            json!(match (a.opt("salt")?, a.opt("nonce")?) {
                (Some(salt), Some(n)) => k3s::encrypt_with(pass, pt, salt, nonce(n)?)?,
                (Some(_), None) | (None, Some(_)) => {
                    return Err(Error::InvalidOptions(
                        "k3s_encrypt: give both salt and nonce, or neither".into(),
                    ));
                }
                #[cfg(feature = "getrandom")]
                _ => k3s::encrypt(pass, pt)?,
                #[cfg(not(feature = "getrandom"))]
                _ => return Err(no_random()),
            })
        }
        "k3s_decrypt" => bytes_json(k3s::decrypt(a.req("passphrase")?, a.bin("value")?)?.to_vec()),
        "k3s_token_opens" => json!(k3s::token_opens(a.req("token")?, a.bin("value")?)?),
        "k3s_token_create_output" => {
            // The arguments' types, then the token's value, then `now`'s.
            let (token, bundle) = (a.req("token")?, a.bin("bundle")?);
            let t = BootstrapToken::parse(token)?;
            json!(k3s::token_create_output(&t, bundle, a.now()?)?)
        }
        "k3s_token_generate" => json!(generated(true)?),
        "k3s_rotate" => {
            let (old, new, value) = (a.req("token")?, a.opt("new_token")?, a.opt_bin("value")?);
            let r = match a.opt("random")? {
                Some(hex) => k3s::rotate_with(old, new, value.as_deref(), &mut k3s::replay(hex)?)?,
                #[cfg(feature = "getrandom")]
                None => k3s::rotate(old, new, value.as_deref())?,
                #[cfg(not(feature = "getrandom"))]
                None => return Err(no_random()),
            };
            to_json(&r)
        }
        "k3s_which_token_opens" => json!(k3s::which_token_opens(
            &a.req_strings("tokens")?,
            &a.bin("value")?
        )?),
        "k3s_join_command" => {
            // The arguments' types (server and token required), then their values.
            let (server, token) = (a.req("server")?, a.req("token")?);
            let (flavour, role) = (a.opt("flavour")?, a.opt("role")?);
            to_json(&join::k3s_join_command_with(server, token, flavour, role)?)
        }
        other => {
            return Err(Error::Unsupported(format!(
                "no such operation {}",
                token::describe_untrusted(other)
            )));
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_op_is_unsupported() {
        let e = call("nope", &json!({})).unwrap_err();
        assert_eq!(e.code(), "unsupported");
    }

    #[test]
    fn unknown_and_mistyped_args_are_invalid_options() {
        let e = call("parse_token", &json!({"tokn": "x"})).unwrap_err();
        assert_eq!(e.code(), "invalid_options");
        let e = call("parse_token", &json!({"token": 5})).unwrap_err();
        assert_eq!(e.code(), "invalid_options");
        let e = call("parse_token", &json!(["abcdef.0123456789abcdef"])).unwrap_err();
        assert_eq!(e.code(), "invalid_options");
        let e = call("validate_usages", &json!({"usages": ["signing", 1]})).unwrap_err();
        assert_eq!(e.code(), "invalid_options");
        let e = call(
            "join_command",
            &json!({"token": "t", "parent_command": "x"}),
        )
        .unwrap_err();
        assert_eq!(e.code(), "invalid_options");
    }

    #[test]
    fn now_is_required() {
        let secret = json!({"apiVersion": "v1", "kind": "Secret"});
        let e = call("token_expiration", &json!({"secret": secret})).unwrap_err();
        assert_eq!(e.code(), "invalid_options");
        assert!(takes_now("token_expiration"));
        assert!(takes_now("render_secret"));
        assert!(!takes_now("validate_token_options"));
        assert!(!takes_now("parse_token"));
    }

    #[test]
    fn every_op_dispatches() {
        // No op falls through to "no such operation" (empty args give other errors or results).
        for op in ops() {
            if let Err(e) = call(op, &json!({})) {
                assert!(
                    !e.to_string().contains("no such operation"),
                    "{op} is listed but not dispatched"
                );
            }
        }
    }

    #[test]
    fn bytes_arguments() {
        // {"base64": ...} is bytes; text is its UTF-8; anything else is invalid_options.
        let now = "2026-01-01T00:00:00Z";
        for bundle in [json!({"base64": "*"}), json!({"base64": 1}), json!(5)] {
            let e = call("k3s_ca_hash", &json!({"bundle": bundle, "now": now})).unwrap_err();
            assert_eq!(e.code(), "invalid_options", "{bundle}");
        }
        let text = call(
            "compute_jws",
            &json!({"content": "hé", "token_id": "abcdef",
            "token_secret": "0123456789abcdef"}),
        );
        let bytes = call(
            "compute_jws",
            &json!({"content": {"base64": "aMOp"}, "token_id": "abcdef",
            "token_secret": {"base64": "MDEyMzQ1Njc4OWFiY2RlZg=="}}),
        );
        assert_eq!(text.unwrap(), bytes.unwrap());
        // A manifest object with other keys besides "base64" is a manifest, not bytes.
        let e = call(
            "parse_secret",
            &json!({"secret": {"base64": "eA==", "kind": "Secret"}}),
        )
        .unwrap_err();
        assert_eq!(e.code(), "invalid_secret");
    }

    #[test]
    fn errors_never_carry_the_secret() {
        let bad = "abcdef.0123456789abcdeX";
        for (op, args) in [
            ("parse_token", json!({"token": bad})),
            (
                "render_secret",
                json!({"token": bad, "now": "2025-01-01T00:00:00Z"}),
            ),
            (
                "k3s_token_create_output",
                json!({"token": bad, "bundle": "", "now": "2025-01-01T00:00:00Z"}),
            ),
        ] {
            let e = call(op, &args).unwrap_err();
            assert!(!e.to_string().contains("0123456789abcde"), "{op}: {e}");
        }
    }
}
