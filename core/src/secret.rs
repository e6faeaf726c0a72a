//! The Kubernetes `Secret` that stores a bootstrap token, and its manifests.
//!
//! * [`Secret`]: the fields of a core/v1 Secret that matter here. `data` holds the
//!   *decoded* bytes (base64 is a manifest concern). `BTreeMap` = Go's sorted map order.
//! * [`Secret::get`]: `secrets.GetData` (missing key → "").
//! * [`Secret::parse`] (JSON or YAML, `data` and/or `stringData`), [`Secret::to_json`],
//!   [`Secret::to_yaml`], [`Secret::to_string_data_yaml`], [`parse_secret_list`].
//!
//! `Debug` never shows the `token-secret` value.

use std::collections::BTreeMap;
use std::fmt;

use base64::Engine as _;
use serde_json::Value;

pub use crate::bounded::SecretItems;
use crate::bounded::{Items, ListDocument};
use crate::error::{Error, Result, check_size};
use crate::go::base64::STD as B64_STD;
use crate::limits::{MAX_LIST_BYTES, MAX_LIST_ITEMS, MIN_LIST_ITEM_BYTES};
use crate::manifest::{self, check_type_meta, kind_of, opt_str, show, string_field};

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
    ///
    /// * Text or bytes (`&str`, `&[u8]`, ...); bytes must be UTF-8 (`invalid_secret`).
    /// * Input is capped at [`crate::error::MAX_INPUT_BYTES`] (`input_too_large`), checked
    ///   before anything else.
    /// * Text whose first non-blank character is `{` or `[` is read as JSON (falling back
    ///   to YAML, of which JSON is nearly a subset); anything else as one YAML document.
    /// * Duplicate keys: JSON follows Go's `encoding/json` (the last one wins); YAML
    ///   rejects them (`invalid_secret`), as strict Kubernetes decoding does.
    /// * See [`Secret::from_value`] for what the object must look like.
    pub fn parse(text: impl AsRef<[u8]>) -> Result<Secret> {
        const WHAT: &str = "Secret manifest";
        let text = text.as_ref();
        check_size(WHAT, text.len())?;
        let text = manifest::utf8(WHAT, text, Error::InvalidSecret)?;
        let value = manifest::parse_document(WHAT, text, Error::InvalidSecret)?;
        Secret::from_value(&value)
    }

    /// Builds a Secret from an already-parsed manifest object (what bindings get from a
    /// Python dict / JS object).
    ///
    /// * The value must be an object. `kind`, if present, must be `Secret`; `apiVersion`,
    ///   if present, must be `v1`.
    /// * `metadata.name`, `metadata.namespace`, `metadata.uid`,
    ///   `metadata.deletionTimestamp` and `type` must be strings (or absent / null).
    /// * `data` values are base64 strings decoded the way Go's `encoding/json` decodes a
    ///   `[]byte` (which is what the API server does): standard alphabet, `=` padding
    ///   required, `\r`/`\n` ignored, anything else is `invalid_secret`. A `null` value is
    ///   an empty value (Go decodes `null` into a nil `[]byte`).
    /// * `stringData` values (strings) are merged over `data`, as the API server does
    ///   on write.
    /// * Error messages name the offending field, never a value from `data`.
    /// * Nested deeper than [`crate::limits::MAX_NESTING`] is `input_too_large`.
    pub fn from_value(value: &Value) -> Result<Secret> {
        crate::limits::check_value_nesting(value)?;
        let obj = value.as_object().ok_or_else(|| {
            Error::InvalidSecret(format!(
                "a Secret manifest must be an object (a JSON object / YAML mapping), not {}",
                kind_of(value)
            ))
        })?;
        check_type_meta(obj, "Secret", Error::InvalidSecret)?;
        let mut secret = Secret::default();
        match obj.get("metadata") {
            None | Some(Value::Null) => {}
            Some(Value::Object(meta)) => {
                secret.name = string_field(meta, "name", "metadata", Error::InvalidSecret)?;
                secret.namespace =
                    string_field(meta, "namespace", "metadata", Error::InvalidSecret)?;
                secret.uid =
                    opt_str(meta, "uid", "metadata", Error::InvalidSecret)?.map(str::to_owned);
                secret.deletion_timestamp =
                    opt_str(meta, "deletionTimestamp", "metadata", Error::InvalidSecret)?
                        .map(str::to_owned);
            }
            Some(other) => {
                return Err(Error::InvalidSecret(format!(
                    "metadata must be an object, not {}",
                    kind_of(other)
                )));
            }
        }
        secret.type_ = string_field(obj, "type", "", Error::InvalidSecret)?;
        match obj.get("data") {
            None | Some(Value::Null) => {}
            Some(Value::Object(data)) => {
                let mut out = BTreeMap::new();
                for (k, v) in data {
                    let bytes = match v {
                        Value::String(s) => crate::go::base64::decode(s.as_bytes(), b"")
                            .ok_or_else(|| {
                                Error::InvalidSecret(format!(
                                    "data.{} is not valid base64 (standard alphabet, with padding)",
                                    show(k)
                                ))
                            })?,
                        Value::Null => Vec::new(),
                        other => {
                            return Err(Error::InvalidSecret(format!(
                                "data.{} must be a base64 string, not {}",
                                show(k),
                                kind_of(other)
                            )));
                        }
                    };
                    out.insert(k.clone(), bytes);
                }
                secret.data = Some(out);
            }
            Some(other) => {
                return Err(Error::InvalidSecret(format!(
                    "data must be an object, not {}",
                    kind_of(other)
                )));
            }
        }
        match obj.get("stringData") {
            None | Some(Value::Null) => {}
            Some(Value::Object(sd)) => {
                let data = secret.data.get_or_insert_with(BTreeMap::new);
                for (k, v) in sd {
                    let bytes = match v {
                        Value::String(s) => s.as_bytes().to_vec(),
                        Value::Null => Vec::new(),
                        other => {
                            return Err(Error::InvalidSecret(format!(
                                "stringData.{} must be a string, not {}",
                                show(k),
                                kind_of(other)
                            )));
                        }
                    };
                    data.insert(k.clone(), bytes);
                }
            }
            Some(other) => {
                return Err(Error::InvalidSecret(format!(
                    "stringData must be an object, not {}",
                    kind_of(other)
                )));
            }
        }
        Ok(secret)
    }

    /// The manifest as a JSON value, in the shape `kubectl get secret -o json` prints:
    /// keys sorted at every level (`apiVersion`, `data`, `kind`, `metadata`, `type`),
    /// `data` values base64 (standard, padded). Empty or absent fields are left out
    /// (`namespace`, `type`, `data` when empty, `uid`, `deletionTimestamp`).
    pub fn to_value(&self) -> Value {
        serde_json::to_value(self.to_manifest()).unwrap_or(Value::Null)
    }

    /// The manifest of [`Secret::to_value`] as a typed value (the result of
    /// `render_secret` and `encode_token_secret`).
    pub fn to_manifest(&self) -> SecretManifest {
        let data = self.data.as_ref().filter(|d| !d.is_empty()).map(|d| {
            d.iter()
                .map(|(k, v)| (k.clone(), B64_STD.encode(v)))
                .collect()
        });
        self.manifest(DataForm::Base64, data)
    }

    /// The human-readable form: the same manifest with `stringData` (plain strings)
    /// instead of `data`. The API server turns it into the same stored Secret.
    /// Fails (`invalid_secret`) when a value is not UTF-8.
    pub fn to_string_data_value(&self) -> Result<Value> {
        Ok(serde_json::to_value(self.to_string_data_manifest()?).unwrap_or(Value::Null))
    }

    /// [`Secret::to_string_data_value`] as a typed value.
    pub fn to_string_data_manifest(&self) -> Result<SecretManifest> {
        let mut sd = BTreeMap::new();
        for (k, v) in self.data.iter().flatten() {
            let s = std::str::from_utf8(v).map_err(|_| {
                Error::InvalidSecret(format!(
                    "data.{} is not UTF-8 text, so it cannot be written as stringData",
                    show(k)
                ))
            })?;
            sd.insert(k.clone(), s.to_owned());
        }
        Ok(self.manifest(DataForm::Plain, (!sd.is_empty()).then_some(sd)))
    }

    fn manifest(&self, form: DataForm, data: Option<BTreeMap<String, String>>) -> SecretManifest {
        let (data, string_data) = match form {
            DataForm::Base64 => (data, None),
            DataForm::Plain => (None, data),
        };
        SecretManifest {
            api_version: "v1".into(),
            data,
            kind: "Secret".into(),
            metadata: SecretMetadata {
                deletion_timestamp: self.deletion_timestamp.clone(),
                name: self.name.clone(),
                namespace: self.namespace.clone(),
                uid: self.uid.clone(),
            },
            string_data,
            type_: self.type_.clone(),
        }
    }

    /// The manifest as pretty JSON, like `kubectl get secret -o json`: 4-space indent,
    /// sorted keys, trailing newline. See [`Secret::to_value`].
    pub fn to_json(&self) -> String {
        pretty_json(&self.to_value())
    }

    /// The manifest as YAML, like `kubectl get secret -o yaml`: 2-space indent, sorted
    /// keys. It parses back (JSON-equal) to [`Secret::to_value`].
    pub fn to_yaml(&self) -> Result<String> {
        to_yaml(&self.to_value())
    }

    /// The `stringData` form as YAML (values in plain text, quoted where YAML needs it).
    pub fn to_string_data_yaml(&self) -> Result<String> {
        to_yaml(&self.to_string_data_value()?)
    }

    /// The `stringData` form as pretty JSON (4-space indent, trailing newline).
    pub fn to_string_data_json(&self) -> Result<String> {
        Ok(pretty_json(&self.to_string_data_value()?))
    }
}

/// A Secret manifest as `kubectl get secret -o json` prints it (keys in this order,
/// which is kubectl's sorted order); empty or absent fields are left out. The result of
/// `render_secret` / `encode_token_secret`. `data` holds base64 values, `stringData`
/// plain ones (one of the two, or neither). `Debug` masks `token-secret`.
#[derive(Clone, PartialEq, Eq, serde::Serialize)]
pub struct SecretManifest {
    /// `v1`
    #[serde(rename = "apiVersion")]
    pub api_version: String,
    /// `data`: base64 (standard, padded) values.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data: Option<BTreeMap<String, String>>,
    /// `Secret`
    pub kind: String,
    /// `metadata`
    pub metadata: SecretMetadata,
    /// `stringData`: plain values.
    #[serde(rename = "stringData", skip_serializing_if = "Option::is_none")]
    pub string_data: Option<BTreeMap<String, String>>,
    /// `type` (left out when empty).
    #[serde(rename = "type", skip_serializing_if = "String::is_empty")]
    pub type_: String,
}

/// The `metadata` of a [`SecretManifest`].
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct SecretMetadata {
    /// `deletionTimestamp`, if any.
    #[serde(rename = "deletionTimestamp", skip_serializing_if = "Option::is_none")]
    pub deletion_timestamp: Option<String>,
    /// `name`
    pub name: String,
    /// `namespace` (left out when empty).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub namespace: String,
    /// `uid`, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uid: Option<String>,
}

impl fmt::Debug for SecretManifest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fn masked(d: &Option<BTreeMap<String, String>>) -> Option<BTreeMap<&str, &str>> {
            d.as_ref().map(|d| {
                d.iter()
                    .map(|(k, v)| {
                        let shown = if k == KEY_TOKEN_SECRET {
                            crate::token::MASK
                        } else {
                            v.as_str()
                        };
                        (k.as_str(), shown)
                    })
                    .collect()
            })
        }
        f.debug_struct("SecretManifest")
            .field("api_version", &self.api_version)
            .field("data", &masked(&self.data))
            .field("kind", &self.kind)
            .field("metadata", &self.metadata)
            .field("string_data", &masked(&self.string_data))
            .field("type", &self.type_)
            .finish()
    }
}

#[derive(Clone, Copy)]
enum DataForm {
    Base64,
    Plain,
}

/// Parses `kubectl get secrets -o json|yaml` output (a `List`/`SecretList`), or a single
/// Secret, into its Secrets. Each item is parsed independently: a bad item is an `Err`
/// in its slot, the others still parse.
///
/// * A top-level object with `items` and `kind` `List`, `SecretList` or no `kind` is a
///   list; any other top-level object is one Secret (a one-slot result; a wrong `kind`
///   there is an `Err` in the slot).
/// * A YAML stream of several documents (`---`) is accepted: each document is a
///   Secret or a List, flattened in order.
/// * Errors about the document itself (size, syntax, not an object, `items` not an
///   array) are the outer `Err`.
///
/// Text or bytes; bytes must be UTF-8 (`invalid_secret`), checked after the size.
pub fn parse_secret_list(text: impl AsRef<[u8]>) -> Result<Vec<Result<Secret>>> {
    let text = text.as_ref();
    crate::limits::check_bytes("Secret list", text.len(), MAX_LIST_BYTES)?;
    let text = manifest::utf8("Secret list", text, Error::InvalidSecret)?;
    // A kubectl Secret is ≥ ~250 bytes; a list of tiny items would cost far more in
    // decoded Secrets than its text.
    let cap = MAX_LIST_ITEMS.min(text.len() / MIN_LIST_ITEM_BYTES + 1);
    let docs = crate::bounded::with_item_cap(text.len(), cap, || {
        manifest::parse_list_documents("Secret list", text, Error::InvalidSecret)
    })?;
    let mut out = Vec::new();
    for doc in docs {
        out.extend(list_document(doc)?);
        crate::limits::check_count(
            "Secret list (item count)",
            out.len(),
            crate::limits::MAX_LIST_ITEMS,
        )?;
    }
    Ok(out)
}

/// One document of a list, decided like [`secret_list_from_value`].
fn list_document(doc: ListDocument) -> Result<Vec<Result<Secret>>> {
    let rest = doc.rest.map_err(|kind| {
        Error::InvalidSecret(format!(
            "a Secret list must be an object (a JSON object / YAML mapping), not {kind}"
        ))
    })?;
    let kind = rest.get("kind").and_then(Value::as_str);
    let is_list = doc.items.is_some() && matches!(kind, None | Some("List" | "SecretList"));
    if !is_list {
        // A Secret ignores an `items` key.
        return Ok(vec![Secret::from_value(&Value::Object(rest))]);
    }
    match doc.items {
        Some(Items::Decoded(items)) => Ok(items),
        None | Some(Items::Null) => Ok(Vec::new()),
        Some(Items::Other(kind)) => Err(Error::InvalidSecret(format!(
            "items must be an array, not {kind}"
        ))),
    }
}

/// [`parse_secret_list`] for an already-parsed value (bindings); a JSON array is taken as
/// the list's items.
pub fn secret_list_from_value(value: &Value) -> Result<Vec<Result<Secret>>> {
    crate::limits::check_value_nesting(value)?;
    // A JSON array is the list's items (what a binding's list of manifests becomes).
    if let Value::Array(items) = value {
        return crate::bounded::decode_items(items);
    }
    let obj = value.as_object().ok_or_else(|| {
        Error::InvalidSecret(format!(
            "a Secret list must be an object (a JSON object / YAML mapping), not {}",
            kind_of(value)
        ))
    })?;
    let kind = obj.get("kind").and_then(Value::as_str);
    let is_list = obj.contains_key("items") && matches!(kind, None | Some("List" | "SecretList"));
    if !is_list {
        return Ok(vec![Secret::from_value(value)]);
    }
    match obj.get("items") {
        Some(Value::Array(items)) => crate::bounded::decode_items(items),
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(other) => Err(Error::InvalidSecret(format!(
            "items must be an array, not {}",
            kind_of(other)
        ))),
    }
}

fn pretty_json(v: &Value) -> String {
    use serde::Serialize;
    let mut buf = Vec::new();
    let fmt = serde_json::ser::PrettyFormatter::with_indent(b"    ");
    let mut ser = serde_json::Serializer::with_formatter(&mut buf, fmt);
    // Serializing a `Value` into a Vec cannot fail, and the output is UTF-8.
    let _ = v.serialize(&mut ser);
    let mut s = String::from_utf8(buf).unwrap_or_default();
    s.push('\n');
    s
}

/// go-yaml v2's output for the manifest (what `kubectl get -o yaml` writes with
/// `sigs.k8s.io/yaml`), so every Kubernetes tool reads it back as the same object; NEL and
/// the Unicode line/paragraph separators are escaped so YAML 1.1 and 1.2 readers agree too.
fn to_yaml(v: &Value) -> Result<String> {
    crate::go::yaml::Node::from_json(v)
        .map(|n| crate::go::yaml::marshal_portable(&n))
        .ok_or_else(|| Error::InvalidSecret("the manifest could not be written as YAML".into()))
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

#[cfg(test)]
mod tests {
    use super::*;

    const JSON: &str = r#"{
        "apiVersion": "v1", "kind": "Secret",
        "metadata": {"name": "bootstrap-token-abcdef", "namespace": "kube-system", "uid": "u-1"},
        "type": "bootstrap.kubernetes.io/token",
        "data": {"token-id": "YWJjZGVm", "token-secret": "YWJjZGVmMDEyMzQ1Njc4OQ==", "description": "Zm9v"},
        "stringData": {"description": "bar", "usage-bootstrap-signing": "true"}
    }"#;

    #[test]
    fn line_separators_read_back_alike_in_yaml_1_1_and_1_2() {
        let mut s = Secret::parse(JSON).unwrap();
        for d in ["\u{2028}yes", "a\u{2029}b", "x\u{85}  y", "l1\nl2\u{2028}"] {
            if let Some(data) = s.data.as_mut() {
                data.insert(KEY_DESCRIPTION.into(), d.as_bytes().to_vec());
            }
            let y = s.to_string_data_yaml().unwrap();
            assert!(!y.contains(['\u{85}', '\u{2028}', '\u{2029}']), "{y}");
            assert_eq!(Secret::parse(&y).unwrap().get(KEY_DESCRIPTION), d, "{y}");
        }
    }

    #[test]
    fn parse_json_and_yaml_alike() {
        let s = Secret::parse(JSON).unwrap();
        assert_eq!(s.name, "bootstrap-token-abcdef");
        assert_eq!(s.namespace, NAMESPACE);
        assert_eq!(s.type_, SECRET_TYPE);
        assert_eq!(s.uid.as_deref(), Some("u-1"));
        assert_eq!(s.get(KEY_TOKEN_SECRET), "abcdef0123456789");
        assert_eq!(s.get(KEY_DESCRIPTION), "bar", "stringData wins over data");
        assert_eq!(s.get(KEY_USAGE_SIGNING), "true");
        let y = s.to_yaml().unwrap();
        assert_eq!(
            Secret::parse(&y).unwrap(),
            Secret {
                uid: Some("u-1".into()),
                ..s.clone()
            }
        );
        let y = "metadata:\n  name: x\nstringData:\n  token-id: abcdef\n";
        let s = Secret::parse(y).unwrap();
        assert_eq!(s.get(KEY_TOKEN_ID), "abcdef");
        assert_eq!(s.namespace, "");
        assert!(Secret::parse("metadata: {name: x}").unwrap().data.is_none());
        let dup_json = r#"{"metadata": {"name": "a", "name": "b"}}"#;
        assert_eq!(Secret::parse(dup_json).unwrap().name, "b");
        let dup_yaml = "metadata:\n  name: a\n  name: b\n";
        assert_eq!(
            Secret::parse(dup_yaml).unwrap_err().code(),
            "invalid_secret"
        );
    }

    #[test]
    fn rejects_with_typed_errors_that_do_not_echo_data() {
        for bad in [
            "[]",
            "42",
            "\"x\"",
            "{",
            "a: [",
            "kind: ConfigMap",
            "apiVersion: v2",
            "metadata: []",
            "metadata: {name: 3}",
            "type: [a]",
            "data: {token-secret: \"abcdef0123456789!\"}",
            "data: {token-secret: \"YWJjZGVmMDEyMzQ1Njc4OQ\"}",
            "data: {token-secret: 5}",
            "data: []",
            "stringData: {token-secret: [abcdef0123456789]}",
            "stringData: 1",
            "",
        ] {
            let e = Secret::parse(bad).unwrap_err();
            assert_eq!(e.code(), "invalid_secret", "{bad}: {e}");
            assert!(!e.to_string().contains("abcdef0123456789"), "{e}");
        }
        let big = format!(
            "metadata: {{name: x}}\n#{}",
            "x".repeat(crate::error::MAX_INPUT_BYTES)
        );
        assert_eq!(Secret::parse(&big).unwrap_err().code(), "input_too_large");
    }

    #[test]
    fn lists() {
        let list = r#"{"apiVersion": "v1", "kind": "List", "items": [
            {"kind": "Secret", "metadata": {"name": "a"}},
            {"kind": "ConfigMap", "metadata": {"name": "b"}},
            {"metadata": {"name": "c"}, "data": {"k": "!"}},
            {"metadata": {"name": "d"}}
        ]}"#;
        let items = parse_secret_list(list).unwrap();
        assert_eq!(items.len(), 4);
        assert_eq!(items[0].as_ref().unwrap().name, "a");
        assert_eq!(items[1].as_ref().unwrap_err().code(), "invalid_secret");
        assert!(
            items[2]
                .as_ref()
                .unwrap_err()
                .to_string()
                .starts_with("items[2]: ")
        );
        assert_eq!(items[3].as_ref().unwrap().name, "d");
        let one = parse_secret_list("kind: Secret\nmetadata: {name: z}\n").unwrap();
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].as_ref().unwrap().name, "z");
        let stream = "metadata: {name: a}\n---\nkind: SecretList\nitems:\n- metadata: {name: b}\n";
        let names: Vec<String> = parse_secret_list(stream)
            .unwrap()
            .into_iter()
            .map(|r| r.unwrap().name)
            .collect();
        assert_eq!(names, ["a", "b"]);
        assert!(
            parse_secret_list("kind: List\nitems: []\n")
                .unwrap()
                .is_empty()
        );
        for bad in ["kind: List\nitems: 3\n", "3", "", "{"] {
            assert_eq!(
                parse_secret_list(bad).unwrap_err().code(),
                "invalid_secret",
                "{bad}"
            );
        }
    }

    #[test]
    fn manifest_json_and_masked_debug() {
        let mut s = Secret::parse(JSON).unwrap();
        s.deletion_timestamp = Some("2025-01-01T00:00:00Z".into());
        let m = s.to_manifest();
        let text = serde_json::to_string(&m).unwrap();
        assert!(text.starts_with(r#"{"apiVersion":"v1","data":{"#), "{text}");
        assert!(
            text.ends_with(r#"},"kind":"Secret","metadata":{"deletionTimestamp":"2025-01-01T00:00:00Z","name":"bootstrap-token-abcdef","namespace":"kube-system","uid":"u-1"},"type":"bootstrap.kubernetes.io/token"}"#),
            "{text}"
        );
        assert_eq!(serde_json::to_value(&m).unwrap(), s.to_value());
        let plain = s.to_string_data_manifest().unwrap();
        let text = serde_json::to_string(&plain).unwrap();
        assert!(
            text.contains(r#""stringData":{"#) && !text.contains(r#""data""#),
            "{text}"
        );
        for dbg in [format!("{m:?}"), format!("{plain:?}")] {
            assert!(!dbg.contains("0123456789abcdef"), "{dbg}");
            assert!(!dbg.contains("MDEyMzQ1Njc4OWFiY2RlZg=="), "{dbg}");
        }
        let bare = Secret {
            name: "n".into(),
            ..Secret::default()
        };
        assert_eq!(
            serde_json::to_string(&bare.to_manifest()).unwrap(),
            r#"{"apiVersion":"v1","kind":"Secret","metadata":{"name":"n"}}"#
        );
    }
}
