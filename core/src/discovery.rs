//! The `kube-public/cluster-info` ConfigMap: signing it (the BootstrapSigner controller)
//! and verifying it (kubeadm join's token discovery).
//!
//! * [`sign_cluster_info`]: `pkg/controller/bootstrap` `Signer.signConfigMap` as a pure
//!   function: the ConfigMap and the token Secrets in, the ConfigMap to write (and whether
//!   an update is needed) out.
//! * [`verify_cluster_info`]: kubeadm `discovery/token` `retrieveValidatedConfigInfo`
//!   steps that do not need the network: token and pins parsed, `kubeconfig` present,
//!   `jws-kubeconfig-<id>` present and valid, kubeconfig parsed, CA pinned. What remains
//!   for the caller is the I/O: fetch the ConfigMap (anonymously, without TLS
//!   verification), and when pins were given, fetch it a second time over TLS verified
//!   against [`VerifiedClusterInfo::ca_pem`] and require a byte-identical `kubeconfig`.
//!
//! "The server cannot be trusted" outcomes are values ([`DiscoveryResult::Rejected`]);
//! malformed inputs (token, pin, ConfigMap, signed-but-unparseable kubeconfig) are errors.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value, json};

use crate::authn;
use crate::error::{Error, Result, check_size};
use crate::go::time::Timestamp;
use crate::jws;
use crate::kubeconfig::Kubeconfig;
use crate::limits::{MAX_JWS_BYTES, MAX_SIGN_WORK_BYTES, MAX_SIGNERS, check_bytes, check_count};
use crate::manifest::{self, check_type_meta, show, string_field};
use crate::pin::PinSet;
use crate::secret::Secret;
use crate::token::BootstrapToken;
use crate::x509::Certificate;

/// `cluster-info`
pub const CLUSTER_INFO: &str = "cluster-info";
/// `kube-public`
pub const KUBE_PUBLIC: &str = "kube-public";
/// `kubeconfig`: the data key holding the signed kubeconfig.
pub const KUBECONFIG_KEY: &str = "kubeconfig";
/// `jws-kubeconfig-`: prefix of the per-token signature keys.
pub const JWS_PREFIX: &str = "jws-kubeconfig-";

/// A core/v1 ConfigMap, reduced to name, namespace and `data`. The original manifest is
/// kept so that [`ConfigMap::to_value`] changes nothing but `data` (the signer does a
/// full `Update` of the object it read).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ConfigMap {
    /// `metadata.name`
    pub name: String,
    /// `metadata.namespace` ("" when absent)
    pub namespace: String,
    /// `data` (sorted, like Go's JSON of a map).
    pub data: BTreeMap<String, String>,
    manifest: Option<Map<String, Value>>,
}

fn cerr(msg: impl Into<String>) -> Error {
    Error::InvalidConfigMap(msg.into())
}

impl ConfigMap {
    /// A ConfigMap built from parts (rendered as `apiVersion: v1`, `kind: ConfigMap`).
    pub fn new(name: &str, namespace: &str, data: BTreeMap<String, String>) -> Self {
        ConfigMap {
            name: name.to_owned(),
            namespace: namespace.to_owned(),
            data,
            manifest: None,
        }
    }

    /// Parses a ConfigMap manifest, JSON or YAML (at most 1 MiB), from text or bytes
    /// (bytes must be UTF-8: `invalid_configmap`).
    pub fn parse(text: impl AsRef<[u8]>) -> Result<ConfigMap> {
        let text = text.as_ref();
        check_size("ConfigMap", text.len())?;
        let text = manifest::utf8("ConfigMap", text, Error::InvalidConfigMap)?;
        let v = manifest::parse_document("ConfigMap", text, Error::InvalidConfigMap)?;
        Self::from_value(&v)
    }

    /// Builds the model from a parsed manifest object. `kind` and `apiVersion` may be
    /// absent, else must be `ConfigMap` and `v1`; `data` values must be strings (`null`
    /// counts as ""), like Go's `map[string]string`.
    pub fn from_value(v: &Value) -> Result<ConfigMap> {
        crate::limits::check_value_nesting(v)?;
        let Value::Object(root) = v else {
            return Err(cerr("a ConfigMap manifest must be a mapping"));
        };
        check_type_meta(root, "ConfigMap", Error::InvalidConfigMap)?;
        let (name, namespace) = match root.get("metadata") {
            None | Some(Value::Null) => (String::new(), String::new()),
            Some(Value::Object(m)) => (
                string_field(m, "name", "metadata", Error::InvalidConfigMap)?,
                string_field(m, "namespace", "metadata", Error::InvalidConfigMap)?,
            ),
            Some(_) => return Err(cerr("metadata must be a mapping")),
        };
        let mut data = BTreeMap::new();
        match root.get("data") {
            None | Some(Value::Null) => {}
            Some(Value::Object(m)) => {
                for (k, v) in m {
                    let s = match v {
                        Value::String(s) => s.clone(),
                        Value::Null => String::new(),
                        _ => {
                            return Err(cerr(format!("data.{} must be a string", show(k))));
                        }
                    };
                    data.insert(k.clone(), s);
                }
            }
            Some(_) => return Err(cerr("data must be a mapping of strings")),
        }
        Ok(ConfigMap {
            name,
            namespace,
            data,
            manifest: Some(root.clone()),
        })
    }

    /// The manifest as a JSON value: the parsed original with `data` replaced, or a
    /// fresh `v1` ConfigMap.
    pub fn to_value(&self) -> Value {
        let data: Map<String, Value> = self
            .data
            .iter()
            .map(|(k, v)| (k.clone(), Value::String(v.clone())))
            .collect();
        match &self.manifest {
            Some(m) => {
                let mut m = m.clone();
                if !data.is_empty() || m.contains_key("data") {
                    m.insert("data".into(), Value::Object(data));
                }
                Value::Object(m)
            }
            None => {
                let mut meta = Map::new();
                meta.insert("name".into(), json!(self.name));
                if !self.namespace.is_empty() {
                    meta.insert("namespace".into(), json!(self.namespace));
                }
                json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": meta, "data": data})
            }
        }
    }

    /// [`ConfigMap::to_value`] as compact JSON (what `kubectl apply -f -` accepts).
    pub fn to_json(&self) -> String {
        self.to_value().to_string()
    }
}

/// Serialized as [`ConfigMap::to_value`] (the manifest, with everything of the input kept).
impl serde::Serialize for ConfigMap {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        self.to_value().serialize(s)
    }
}

/// What [`sign_cluster_info`] decided. The result of `sign_cluster_info`: `{"changed",
/// "configmap": <manifest>}`.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct SignOutcome {
    /// Whether the controller would `Update` the ConfigMap.
    pub changed: bool,
    /// The ConfigMap to write (equal to the input when `changed` is false).
    pub configmap: ConfigMap,
}

/// `Signer.signConfigMap`: re-signs the cluster-info ConfigMap with every token Secret
/// the signer sees ([`authn::signer_sees`]: bootstrap type, `kube-system` or no
/// namespace) that may sign ([`authn::signing_credentials`]: `bootstrap-token-<id>` name
/// matching `token-id`, non-empty secret, not expired, `usage-bootstrap-signing=true`).
///
/// No `kubeconfig` key → unchanged (an empty value is signed). Every `jws-kubeconfig-*`
/// key is dropped and one is written per signing token; other keys are kept.
/// `changed` is true when a signature is new or different, or an old one was dropped.
/// For duplicate token IDs the first Secret wins, like upstream.
///
/// The content is encoded once and HMAC'd once per signing token. Caps (checked before
/// any signature): at most [`MAX_SIGNERS`] Secrets, content at most [`MAX_JWS_BYTES`],
/// and signatures × content at most [`MAX_SIGN_WORK_BYTES`] (`input_too_large`).
pub fn sign_cluster_info(
    configmap: &ConfigMap,
    secrets: &[Secret],
    now: Timestamp,
) -> Result<SignOutcome> {
    check_count("Secrets to sign with (count)", secrets.len(), MAX_SIGNERS)?;
    let Some(content) = configmap.data.get(KUBECONFIG_KEY) else {
        return Ok(SignOutcome {
            configmap: configmap.clone(),
            changed: false,
        });
    };
    check_bytes("cluster-info kubeconfig", content.len(), MAX_JWS_BYTES)?;
    let signers: Vec<_> = secrets
        .iter()
        .filter(|s| authn::signer_sees(s))
        .filter_map(|s| authn::signing_credentials(s, now))
        .collect();
    let work = signers.len().saturating_mul(content.len().max(1));
    check_bytes("signatures × kubeconfig bytes", work, MAX_SIGN_WORK_BYTES)?;
    let payload = jws::payload(content.as_bytes());
    let mut out = configmap.clone();
    let mut old: BTreeMap<String, String> = BTreeMap::new();
    out.data.retain(|k, v| match k.strip_prefix(JWS_PREFIX) {
        Some(id) => {
            old.insert(id.to_owned(), v.clone());
            false
        }
        None => true,
    });
    let mut seen = BTreeSet::new();
    let mut changed = false;
    for cred in &signers {
        let id = cred.token_id.clone();
        if !seen.insert(id.clone()) {
            continue;
        }
        let sig = jws::signature_of_payload(&payload, &id, &cred.token_secret);
        if old.remove(&id).as_deref() != Some(sig.as_str()) {
            changed = true;
        }
        out.data.insert(format!("{JWS_PREFIX}{id}"), sig);
    }
    if !old.is_empty() {
        changed = true;
    }
    if !changed {
        out = configmap.clone();
    }
    Ok(SignOutcome {
        configmap: out,
        changed,
    })
}

/// Why a cluster-info ConfigMap cannot be trusted. Serialized as its [`RejectReason::code`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RejectReason {
    /// `no_kubeconfig`: no (or an empty) `kubeconfig` key — the cluster is not set up
    /// for token discovery.
    NoKubeconfig,
    /// `no_signature`: no (or an empty) `jws-kubeconfig-<id>` for the token's ID — the
    /// token is unknown to the cluster, expired, or cannot sign. (Upstream polls until
    /// the key appears; a caller that wants to wait should re-fetch on this reason.)
    NoSignature,
    /// `bad_signature`: the signature does not verify with the token — the server does
    /// not know this token's secret, or the kubeconfig was tampered with.
    BadSignature,
    /// `ca_not_pinned`: none of the cluster CA's public keys is in `ca_cert_hashes`.
    CaNotPinned,
}

impl RejectReason {
    /// Stable code: `no_kubeconfig`, `no_signature`, `bad_signature`, `ca_not_pinned`.
    pub fn code(self) -> &'static str {
        match self {
            RejectReason::NoKubeconfig => "no_kubeconfig",
            RejectReason::NoSignature => "no_signature",
            RejectReason::BadSignature => "bad_signature",
            RejectReason::CaNotPinned => "ca_not_pinned",
        }
    }
}

/// A cluster-info ConfigMap whose kubeconfig the token vouches for.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct VerifiedClusterInfo {
    /// The API server URL of the kubeconfig's cluster.
    pub server: String,
    /// That cluster's name (`""` for kubeadm's cluster-info).
    pub cluster_name: String,
    /// Its `certificate-authority-data` (PEM), if any; serialized as text (U+FFFD for
    /// bytes that are not UTF-8).
    #[serde(serialize_with = "lossy_text_opt")]
    pub ca_pem: Option<Vec<u8>>,
    /// `sha256:<hex>` of each CA certificate in `ca_pem` (empty when there is none, or
    /// — only possible without pins — when it does not parse).
    pub ca_cert_hashes: Vec<String>,
    /// Whether the CA was checked against pins (false: no pins given, the "unsafe skip
    /// CA verification" mode).
    pub pinned: bool,
    /// The signed kubeconfig text, verbatim.
    pub kubeconfig: String,
}

/// A rejection: the reason code and a human message (never containing the token secret).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Rejection {
    /// The reason.
    pub reason: RejectReason,
    /// A human explanation.
    pub message: String,
}

/// The answer of [`verify_cluster_info`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DiscoveryResult {
    /// The ConfigMap is signed by the token (and the CA pinned, if pins were given).
    Verified(VerifiedClusterInfo),
    /// The server cannot be trusted with this token and these pins.
    Rejected(Rejection),
}

impl DiscoveryResult {
    /// The JSON result shape of the `verify_cluster_info` op (see docs/api.md).
    pub fn to_json_value(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
}

/// `{"verified": true, <VerifiedClusterInfo>}` or `{"verified": false, "reason",
/// "message"}` (the result of `verify_cluster_info`).
impl serde::Serialize for DiscoveryResult {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        #[derive(serde::Serialize)]
        struct Tagged<'a, T> {
            verified: bool,
            #[serde(flatten)]
            inner: &'a T,
        }
        match self {
            DiscoveryResult::Verified(inner) => Tagged {
                verified: true,
                inner,
            }
            .serialize(s),
            DiscoveryResult::Rejected(inner) => Tagged {
                verified: false,
                inner,
            }
            .serialize(s),
        }
    }
}

fn lossy_text_opt<S: serde::Serializer>(
    b: &Option<Vec<u8>>,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    match b {
        Some(b) => crate::authn::lossy_text(b, s),
        None => s.serialize_none(),
    }
}

/// A rejection; its message is redacted like an error message.
fn reject(reason: RejectReason, message: String) -> Result<DiscoveryResult> {
    Ok(DiscoveryResult::Rejected(Rejection {
        reason,
        message: crate::redact::redact(&message),
    }))
}

/// kubeadm join discovery on a fetched cluster-info ConfigMap (§8.2 steps 3–8).
///
/// Order: the token is parsed (`invalid_token`), then the pins (`invalid_hash`) — the
/// order upstream reaches them; then `kubeconfig` (→ `no_kubeconfig`), the signature
/// for the token's ID (→ `no_signature`, `bad_signature`), the kubeconfig itself
/// (unparseable or without a usable cluster → `invalid_kubeconfig` error), and with
/// pins the CA (`invalid_pem` if absent or unparseable; → `ca_not_pinned`).
///
/// The cluster whose CA is checked is [`Kubeconfig::default_cluster`] (the unnamed
/// one for real cluster-info). Upstream takes whichever cluster Go's map iteration
/// yields last; for the one-cluster kubeconfigs kubeadm publishes that is the same.
pub fn verify_cluster_info(
    configmap: &ConfigMap,
    token: &str,
    ca_cert_hashes: &[String],
) -> Result<DiscoveryResult> {
    let token = BootstrapToken::parse(token)?;
    let mut pins = PinSet::new();
    pins.allow_all(ca_cert_hashes.iter().map(String::as_str))?;
    let content = match configmap.data.get(KUBECONFIG_KEY) {
        Some(c) if !c.is_empty() => c,
        _ => {
            return reject(
                RejectReason::NoKubeconfig,
                "there is no kubeconfig key in the cluster-info ConfigMap: this API server isn't set up for token bootstrapping".into(),
            );
        }
    };
    let sig = match configmap.data.get(&format!("{JWS_PREFIX}{}", token.id())) {
        Some(s) if !s.is_empty() => s,
        _ => {
            return reject(
                RejectReason::NoSignature,
                format!(
                    "token id {} is invalid for this cluster or it has expired (no {JWS_PREFIX}{} signature in cluster-info)",
                    crate::go::strconv::quote(token.id()),
                    token.id()
                ),
            );
        }
    };
    if !jws::detached_token_is_valid(
        sig,
        content.as_bytes(),
        token.id(),
        token.secret().as_bytes(),
    ) {
        return reject(
            RejectReason::BadSignature,
            format!(
                "the JWS signature of the cluster-info kubeconfig does not verify with token {}: can't trust this API server",
                token.masked()
            ),
        );
    }
    let kc = Kubeconfig::parse(content).map_err(|e| match e {
        Error::InvalidKubeconfig(m) => Error::InvalidKubeconfig(format!(
            "couldn't parse the kubeconfig in the cluster-info ConfigMap: {m}"
        )),
        other => other,
    })?;
    let (cluster_name, cluster) = kc.default_cluster(None).map_err(|e| {
        Error::InvalidKubeconfig(format!(
            "malformed kubeconfig in the cluster-info ConfigMap: {}",
            e.message()
        ))
    })?;
    let ca_pem = cluster.certificate_authority_data.clone();
    let pinned = !pins.is_empty();
    let ca_cert_hashes = if pinned {
        let certs = crate::go::pem::parse_certificates(ca_pem.as_deref().unwrap_or_default())
            .map_err(|e| {
                crate::join::prefixed(
                    e,
                    "failed to parse the cluster CA from the cluster-info ConfigMap",
                )
            })?;
        let hashes: Vec<String> = certs.iter().map(crate::pin::hash_certificate).collect();
        let ders: Vec<Vec<u8>> = certs.into_iter().map(Certificate::into_der).collect();
        if let Err(unpinned) = pins.check_any(&ders)? {
            return reject(
                RejectReason::CaNotPinned,
                format!(
                    "the cluster CA found in the cluster-info ConfigMap is not pinned: none of the public keys {} is among the given CA cert hashes",
                    unpinned.join(", ")
                ),
            );
        }
        hashes
    } else {
        ca_pem
            .as_deref()
            .and_then(|p| crate::pin::hashes_from_pem(p).ok())
            .unwrap_or_default()
    };
    Ok(DiscoveryResult::Verified(VerifiedClusterInfo {
        server: cluster.server.clone(),
        cluster_name: cluster_name.to_owned(),
        ca_pem,
        ca_cert_hashes,
        pinned,
        kubeconfig: content.clone(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secret;

    fn signer_secret(id: &str, secret: &str, extra: &[(&str, &str)]) -> Secret {
        let mut data: BTreeMap<String, Vec<u8>> = [
            ("token-id", id),
            ("token-secret", secret),
            ("usage-bootstrap-signing", "true"),
        ]
        .iter()
        .map(|(k, v)| ((*k).to_owned(), v.as_bytes().to_vec()))
        .collect();
        for (k, v) in extra {
            data.insert((*k).to_owned(), v.as_bytes().to_vec());
        }
        Secret {
            name: format!("bootstrap-token-{id}"),
            namespace: "kube-system".into(),
            type_: secret::SECRET_TYPE.into(),
            data: Some(data),
            ..Secret::default()
        }
    }

    fn cm(pairs: &[(&str, &str)]) -> ConfigMap {
        ConfigMap::new(
            CLUSTER_INFO,
            KUBE_PUBLIC,
            pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
        )
    }

    const SIG: &str =
        "eyJhbGciOiJIUzI1NiIsImtpZCI6ImFiYzEyMyJ9..QSxpUG7Q542CirTI2ECPSZjvBOJURUW5a7XqFpNI958";

    #[test]
    fn sign_simple_and_idempotent() {
        let now = Timestamp::from_unix(1_700_000_000);
        let s = [signer_secret("abc123", "tokenSecret", &[])];
        let out =
            sign_cluster_info(&cm(&[("kubeconfig", "payload"), ("other", "x")]), &s, now).unwrap();
        assert!(out.changed);
        assert_eq!(
            out.configmap.data.get("jws-kubeconfig-abc123").unwrap(),
            SIG
        );
        assert_eq!(out.configmap.data.get("other").unwrap(), "x");
        let again = sign_cluster_info(&out.configmap, &s, now).unwrap();
        assert!(!again.changed);
        assert_eq!(again.configmap, out.configmap);
    }

    #[test]
    fn sign_filters() {
        let now = Timestamp::from_unix(1_700_000_000);
        let c = cm(&[("kubeconfig", "payload"), ("jws-kubeconfig-zzz999", "old")]);
        let bad = [
            signer_secret(
                "abc123",
                "tokenSecret",
                &[("expiration", "2023-11-14T22:13:20Z")],
            ),
            signer_secret("abc123", "tokenSecret", &[("expiration", "garbage")]),
            signer_secret(
                "abc123",
                "tokenSecret",
                &[("usage-bootstrap-signing", "True")],
            ),
            signer_secret("abc123", "", &[]),
            signer_secret("abc123", "x", &[("token-id", "abc124")]),
            Secret {
                namespace: "default".into(),
                ..signer_secret("abc123", "x", &[])
            },
            Secret {
                type_: "Opaque".into(),
                ..signer_secret("abc123", "x", &[])
            },
        ];
        for b in &bad {
            let out = sign_cluster_info(&c, std::slice::from_ref(b), now).unwrap();
            assert!(out.changed, "old signature removed");
            assert_eq!(out.configmap.data.len(), 1, "{b:?}");
        }
        let ok = signer_secret("abc123", "x", &[("expiration", "2023-11-14T22:13:21Z")]);
        assert_eq!(
            sign_cluster_info(&c, &[ok], now)
                .unwrap()
                .configmap
                .data
                .len(),
            2
        );
        // no kubeconfig: untouched
        let c2 = cm(&[("jws-kubeconfig-zzz999", "old")]);
        let out = sign_cluster_info(&c2, &[signer_secret("abc123", "x", &[])], now).unwrap();
        assert!(!out.changed);
        assert_eq!(out.configmap, c2);
    }

    #[test]
    fn manifest_round_trip_keeps_other_fields() {
        let text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cluster-info\n  namespace: kube-public\n  resourceVersion: \"7\"\ndata:\n  kubeconfig: payload\n";
        let c = ConfigMap::parse(text).unwrap();
        assert_eq!(c.name, "cluster-info");
        let v = c.to_value();
        assert_eq!(v["metadata"]["resourceVersion"], "7");
        assert_eq!(v["data"]["kubeconfig"], "payload");
        for bad in [
            "kind: Secret",
            "data: [1]",
            "data:\n  a: 1\n",
            "3",
            "metadata: 2",
        ] {
            assert_eq!(
                ConfigMap::parse(bad).unwrap_err().code(),
                "invalid_configmap",
                "{bad}"
            );
        }
    }

    #[test]
    fn verify_rejections_and_errors() {
        let token = "abc123.0123456789abcdef";
        let sig = jws::compute_detached_signature(b"payload", "abc123", b"0123456789abcdef");
        let reason = |c: &ConfigMap| match verify_cluster_info(c, token, &[]).unwrap() {
            DiscoveryResult::Rejected(r) => r.reason.code(),
            DiscoveryResult::Verified(_) => "verified",
        };
        assert_eq!(reason(&cm(&[])), "no_kubeconfig");
        assert_eq!(reason(&cm(&[("kubeconfig", "")])), "no_kubeconfig");
        assert_eq!(reason(&cm(&[("kubeconfig", "payload")])), "no_signature");
        assert_eq!(
            reason(&cm(&[
                ("kubeconfig", "payload"),
                ("jws-kubeconfig-abc123", "")
            ])),
            "no_signature"
        );
        assert_eq!(
            reason(&cm(&[
                ("kubeconfig", "payload2"),
                ("jws-kubeconfig-abc123", &sig)
            ])),
            "bad_signature"
        );
        // signed but not a kubeconfig with a cluster
        let e = verify_cluster_info(
            &cm(&[("kubeconfig", "payload"), ("jws-kubeconfig-abc123", &sig)]),
            token,
            &[],
        )
        .unwrap_err();
        assert_eq!(e.code(), "invalid_kubeconfig");
        let e = verify_cluster_info(&cm(&[]), "abc123.0123456789ABCDEF", &[]).unwrap_err();
        assert_eq!(e.code(), "invalid_token");
        assert!(!e.to_string().contains("0123456789"));
    }

    #[test]
    fn result_types_json() {
        let out = SignOutcome {
            changed: true,
            configmap: ConfigMap::new("cluster-info", "kube-public", BTreeMap::new()),
        };
        assert_eq!(
            serde_json::to_string(&out).unwrap(),
            r#"{"changed":true,"configmap":{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cluster-info","namespace":"kube-public"},"data":{}}}"#
        );
        let ok = DiscoveryResult::Verified(VerifiedClusterInfo {
            server: "https://s:6443".into(),
            cluster_name: String::new(),
            ca_pem: Some(b"PEM".to_vec()),
            ca_cert_hashes: vec!["sha256:00".into()],
            pinned: true,
            kubeconfig: "k".into(),
        });
        assert_eq!(
            serde_json::to_string(&ok).unwrap(),
            r#"{"verified":true,"server":"https://s:6443","cluster_name":"","ca_pem":"PEM","ca_cert_hashes":["sha256:00"],"pinned":true,"kubeconfig":"k"}"#
        );
        let no = DiscoveryResult::Rejected(Rejection {
            reason: RejectReason::CaNotPinned,
            message: "m".into(),
        });
        assert_eq!(
            serde_json::to_string(&no).unwrap(),
            r#"{"verified":false,"reason":"ca_not_pinned","message":"m"}"#
        );
        for r in [
            RejectReason::NoKubeconfig,
            RejectReason::NoSignature,
            RejectReason::BadSignature,
            RejectReason::CaNotPinned,
        ] {
            assert_eq!(serde_json::to_value(r).unwrap(), r.code());
        }
    }
}
