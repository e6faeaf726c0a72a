//! A minimal kubeconfig model: what join commands and cluster-info discovery need.
//!
//! Parsing follows client-go's `clientcmd.Load` where it matters here: YAML or JSON;
//! empty input is an empty config; `apiVersion`/`kind` default to `v1`/`Config`;
//! unknown fields are ignored; `null` means the zero value; a wrong type, bad base64 in
//! `certificate-authority-data` or a duplicate cluster/context name is an error.
//! Users (`users:`) are never read — they hold credentials and nothing here needs them.
//!
//! Cluster selection ([`Kubeconfig::default_cluster`]) is kubeadm's
//! `GetClusterFromKubeConfig` and karmadactl's variant with `--karmada-context`: an
//! unnamed cluster (`""`, the shape of the cluster-info kubeconfig) wins; otherwise the
//! cluster of the given context, or of `current-context`.
//!
//! Error messages never quote the input (a kubeconfig may hold bearer tokens); YAML
//! syntax errors are reported by line and column only.

use std::collections::BTreeSet;

use base64::Engine as _;
use serde_json::{Map, Value};

use crate::error::{Error, Result, check_size};
use crate::go::base64::STD as B64_STD;
use crate::manifest::{self, check_type_meta, string_field};

/// One `clusters[]` entry.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cluster {
    /// `server` (e.g. `https://10.0.0.1:6443`).
    pub server: String,
    /// `certificate-authority-data`, base64-decoded (PEM bytes). `None` when absent or
    /// `null` (Go's nil slice); `Some(empty)` for `""`.
    pub certificate_authority_data: Option<Vec<u8>>,
    /// `certificate-authority`: a file path ("" when absent). We never read files.
    pub certificate_authority: String,
    /// `insecure-skip-tls-verify`.
    pub insecure_skip_tls_verify: bool,
    /// `tls-server-name` ("" when absent).
    pub tls_server_name: String,
}

/// One `contexts[]` entry.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Context {
    /// `cluster`
    pub cluster: String,
    /// `user` (the name only)
    pub user: String,
    /// `namespace`
    pub namespace: String,
}

/// A parsed kubeconfig: clusters and contexts in file order (names are unique).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Kubeconfig {
    /// `clusters`: `(name, cluster)`.
    pub clusters: Vec<(String, Cluster)>,
    /// `contexts`: `(name, context)`.
    pub contexts: Vec<(String, Context)>,
    /// `current-context` ("" when absent).
    pub current_context: String,
}

/// The result of `parse_kubeconfig`: `{"current_context", "clusters": [...], "contexts":
/// [...]}` (users are never read).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct KubeconfigInfo {
    /// `current-context` (`""` when absent).
    pub current_context: String,
    /// The clusters, in file order.
    pub clusters: Vec<ClusterInfo>,
    /// The contexts, in file order.
    pub contexts: Vec<ContextInfo>,
}

/// One cluster of a [`KubeconfigInfo`].
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct ClusterInfo {
    /// The cluster's name.
    pub name: String,
    /// `server`
    pub server: String,
    /// `certificate-authority-data` decoded, as text (`None` when absent).
    pub ca_pem: Option<String>,
    /// `certificate-authority` (a file path; `""` when absent).
    pub certificate_authority: String,
    /// `insecure-skip-tls-verify`
    pub insecure_skip_tls_verify: bool,
}

/// One context of a [`KubeconfigInfo`].
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct ContextInfo {
    /// The context's name.
    pub name: String,
    /// `cluster`
    pub cluster: String,
    /// `user` (the name only)
    pub user: String,
    /// `namespace`
    pub namespace: String,
}

impl From<&Kubeconfig> for KubeconfigInfo {
    fn from(kc: &Kubeconfig) -> Self {
        KubeconfigInfo {
            current_context: kc.current_context.clone(),
            clusters: kc
                .clusters
                .iter()
                .map(|(n, c)| ClusterInfo {
                    name: n.clone(),
                    server: c.server.clone(),
                    ca_pem: c
                        .certificate_authority_data
                        .as_ref()
                        .map(|p| String::from_utf8_lossy(p).into_owned()),
                    certificate_authority: c.certificate_authority.clone(),
                    insecure_skip_tls_verify: c.insecure_skip_tls_verify,
                })
                .collect(),
            contexts: kc
                .contexts
                .iter()
                .map(|(n, c)| ContextInfo {
                    name: n.clone(),
                    cluster: c.cluster.clone(),
                    user: c.user.clone(),
                    namespace: c.namespace.clone(),
                })
                .collect(),
        }
    }
}

fn kerr(msg: impl Into<String>) -> Error {
    Error::InvalidKubeconfig(msg.into())
}

/// A boolean field. Besides YAML/JSON booleans this accepts the YAML 1.1 words go-yaml v2
/// (what `clientcmd.Load` uses) reads as booleans (`yes`, `On`, `n`, ...), should the
/// YAML 1.2 parser hand them over as strings. (Quoted words are accepted too: a small
/// leniency over Go, which would reject them.)
fn bool_field(obj: &Map<String, Value>, key: &str, ctx: &str) -> Result<bool> {
    const TRUE: &[&str] = &["y", "Y", "yes", "Yes", "YES", "on", "On", "ON"];
    const FALSE: &[&str] = &["n", "N", "no", "No", "NO", "off", "Off", "OFF"];
    match obj.get(key) {
        None | Some(Value::Null) => Ok(false),
        Some(Value::Bool(b)) => Ok(*b),
        Some(Value::String(s)) if TRUE.contains(&s.as_str()) => Ok(true),
        Some(Value::String(s)) if FALSE.contains(&s.as_str()) => Ok(false),
        Some(_) => Err(kerr(format!("{ctx}: field {key:?} must be a boolean"))),
    }
}

/// An object field: absent or `null` → empty, object → itself, anything else → error.
fn object_field<'a>(
    obj: &'a Map<String, Value>,
    key: &str,
    ctx: &str,
) -> Result<Option<&'a Map<String, Value>>> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Object(m)) => Ok(Some(m)),
        Some(_) => Err(kerr(format!("{ctx}: field {key:?} must be a mapping"))),
    }
}

type NamedEntries<'a> = Vec<(String, Option<&'a Map<String, Value>>)>;

fn named_list<'a>(
    root: &'a Map<String, Value>,
    key: &str,
    inner: &str,
) -> Result<NamedEntries<'a>> {
    let items = match root.get(key) {
        None | Some(Value::Null) => return Ok(Vec::new()),
        Some(Value::Array(a)) => a,
        Some(_) => return Err(kerr(format!("field {key:?} must be a list"))),
    };
    let mut seen = BTreeSet::new();
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let ctx = format!("{key}[{i}]");
        let obj = match item {
            Value::Object(m) => m,
            Value::Null => {
                // Go decodes a null list element into a zero NamedCluster: name "".
                if !seen.insert(String::new()) {
                    return Err(kerr(format!("{ctx}: duplicate name \"\"")));
                }
                out.push((String::new(), None));
                continue;
            }
            _ => return Err(kerr(format!("{ctx} must be a mapping"))),
        };
        let name = string_field(obj, "name", &ctx, Error::InvalidKubeconfig)?;
        if !seen.insert(name.clone()) {
            return Err(kerr(format!(
                "{ctx}: duplicate name {} in {key}",
                crate::redact::describe_untrusted(&name)
            )));
        }
        out.push((name, object_field(obj, inner, &ctx)?));
    }
    Ok(out)
}

impl Kubeconfig {
    /// Parses a kubeconfig (YAML or JSON, at most [`crate::error::MAX_INPUT_BYTES`]) from
    /// text or bytes (bytes must be UTF-8: `invalid_kubeconfig`).
    pub fn parse(text: impl AsRef<[u8]>) -> Result<Kubeconfig> {
        let text = text.as_ref();
        check_size("kubeconfig", text.len())?;
        let text = manifest::utf8("kubeconfig", text, Error::InvalidKubeconfig)?;
        let v = manifest::parse_document("kubeconfig", text, Error::InvalidKubeconfig)?;
        Self::from_value(&v)
    }

    /// Builds the model from an already parsed JSON/YAML value.
    pub fn from_value(v: &Value) -> Result<Kubeconfig> {
        crate::limits::check_value_nesting(v)?;
        let root = match v {
            Value::Null => return Ok(Kubeconfig::default()),
            Value::Object(m) => m,
            _ => return Err(kerr("a kubeconfig must be a mapping")),
        };
        check_type_meta(root, "Config", Error::InvalidKubeconfig)?;
        let mut kc = Kubeconfig {
            current_context: string_field(root, "current-context", "", Error::InvalidKubeconfig)?,
            ..Kubeconfig::default()
        };
        for (name, obj) in named_list(root, "clusters", "cluster")? {
            let ctx = format!("cluster {}", crate::redact::describe_untrusted(&name));
            let mut c = Cluster::default();
            if let Some(o) = obj {
                c.server = string_field(o, "server", &ctx, Error::InvalidKubeconfig)?;
                c.certificate_authority =
                    string_field(o, "certificate-authority", &ctx, Error::InvalidKubeconfig)?;
                c.tls_server_name =
                    string_field(o, "tls-server-name", &ctx, Error::InvalidKubeconfig)?;
                c.insecure_skip_tls_verify = bool_field(o, "insecure-skip-tls-verify", &ctx)?;
                c.certificate_authority_data = match o.get("certificate-authority-data") {
                    None | Some(Value::Null) => None,
                    Some(Value::String(s)) => {
                        Some(crate::go::base64::decode(s.as_bytes(), b"").ok_or_else(|| {
                            kerr(format!(
                                "{ctx}: certificate-authority-data is not valid base64"
                            ))
                        })?)
                    }
                    Some(_) => {
                        return Err(kerr(format!(
                            "{ctx}: field \"certificate-authority-data\" must be a string"
                        )));
                    }
                };
            }
            kc.clusters.push((name, c));
        }
        for (name, obj) in named_list(root, "contexts", "context")? {
            let ctx = format!("context {}", crate::redact::describe_untrusted(&name));
            let mut c = Context::default();
            if let Some(o) = obj {
                c.cluster = string_field(o, "cluster", &ctx, Error::InvalidKubeconfig)?;
                c.user = string_field(o, "user", &ctx, Error::InvalidKubeconfig)?;
                c.namespace = string_field(o, "namespace", &ctx, Error::InvalidKubeconfig)?;
            }
            kc.contexts.push((name, c));
        }
        Ok(kc)
    }

    /// The cluster of that name.
    pub fn cluster(&self, name: &str) -> Option<&Cluster> {
        self.clusters
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, c)| c)
    }

    /// The context of that name.
    pub fn context(&self, name: &str) -> Option<&Context> {
        self.contexts
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, c)| c)
    }

    /// The cluster a join/register command is made for, with its name.
    ///
    /// kubeadm `GetClusterFromKubeConfig` (`context = None`) and karmadactl's
    /// `GetClusterFromKubeConfig(config, karmadaContext)`: an unnamed cluster `""` wins;
    /// otherwise the cluster of `context` (or of `current-context` when `None` or "").
    /// Errors: the context does not exist ("the current context is invalid"), or names
    /// a cluster that does not exist.
    pub fn default_cluster(&self, context: Option<&str>) -> Result<(&str, &Cluster)> {
        if let Some(c) = self.cluster("") {
            return Ok(("", c));
        }
        let name = match context {
            Some(c) if !c.is_empty() => c,
            _ => self.current_context.as_str(),
        };
        let ctx = self.context(name).ok_or_else(|| {
            if context.is_some_and(|c| !c.is_empty()) {
                kerr(format!(
                    "the context {} is invalid: the kubeconfig has no such context",
                    crate::redact::describe_untrusted(name)
                ))
            } else {
                kerr(format!(
                    "the current context is invalid: current-context {} is not one of the kubeconfig's contexts and there is no unnamed cluster",
                    crate::redact::describe_untrusted(name)
                ))
            }
        })?;
        self.clusters
            .iter()
            .find(|(n, _)| *n == ctx.cluster)
            .map(|(n, c)| (n.as_str(), c))
            .ok_or_else(|| {
                kerr(format!(
                    "the cluster {} of context {} is not in the kubeconfig",
                    crate::redact::describe_untrusted(&ctx.cluster),
                    crate::redact::describe_untrusted(name)
                ))
            })
    }
}

/// `clientcmd.Write` of a kubeconfig holding one unnamed cluster and nothing else — the
/// `kubeconfig` value of the `kube-public/cluster-info` ConfigMap kubeadm creates (§8.1).
///
/// Field order and `null`s follow client-go's v1 `Config` through `sigs.k8s.io/yaml`
/// (keys sorted, empty lists `null`, no `preferences` in current client-go); checked
/// byte-for-byte against client-go v0.36.3 `clientcmd.Write` (which also writes
/// `https://[::1]:6443` plain and quotes `"yes"`, `'a: b'`). Only
/// `server` and CA data are supported; the server must be a plain YAML scalar (we refuse
/// values go-yaml would quote rather than guess its quoting rules).
pub fn render_cluster_info_kubeconfig(server: &str, ca_pem: impl AsRef<[u8]>) -> Result<String> {
    let ca_pem = ca_pem.as_ref();
    if !is_plain_yaml_scalar(server) {
        return Err(Error::Unsupported(
            "the server URL needs YAML quoting; only plain URLs (like https://10.0.0.1:6443) are rendered".into(),
        ));
    }
    let mut out = String::from("apiVersion: v1\nclusters:\n- cluster:\n");
    if !ca_pem.is_empty() {
        out.push_str("    certificate-authority-data: ");
        out.push_str(&B64_STD.encode(ca_pem));
        out.push('\n');
    }
    out.push_str("    server: ");
    out.push_str(server);
    out.push_str(
        "\n  name: \"\"\ncontexts: null\ncurrent-context: \"\"\nkind: Config\nusers: null\n",
    );
    Ok(out)
}

/// A conservative test for strings go-yaml v2 writes unquoted: URL-ish characters only,
/// starting with a letter, not a YAML 1.1 bool/null word, no `: ` or ` #`.
fn is_plain_yaml_scalar(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    if !first.is_ascii_alphabetic() {
        return false;
    }
    if !s
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "-._~:/?[]@!$'()*+,;=%".contains(c))
    {
        return false;
    }
    let lower = s.to_ascii_lowercase();
    if ["y", "yes", "n", "no", "true", "false", "on", "off", "null"].contains(&lower.as_str()) {
        return false;
    }
    !s.ends_with(':') && !s.contains(": ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const KC: &str = "apiVersion: v1\nclusters:\n- cluster:\n    certificate-authority-data: aGVsbG8=\n    server: https://1.2.3.4:6443\n  name: c1\n- cluster:\n    server: https://other\n  name: c2\ncontexts:\n- context:\n    cluster: c1\n    user: u\n  name: u@c1\n- context:\n    cluster: c2\n    user: u\n  name: u@c2\n- context:\n    cluster: missing\n  name: bad\ncurrent-context: u@c1\nkind: Config\nusers:\n- name: u\n  user:\n    token: abcdef.0123456789abcdef\n";

    #[test]
    fn parse_and_select() {
        let kc = Kubeconfig::parse(KC).unwrap();
        let (n, c) = kc.default_cluster(None).unwrap();
        assert_eq!(n, "c1");
        assert_eq!(c.server, "https://1.2.3.4:6443");
        assert_eq!(c.certificate_authority_data.as_deref(), Some(&b"hello"[..]));
        assert_eq!(kc.default_cluster(Some("u@c2")).unwrap().0, "c2");
        assert_eq!(kc.default_cluster(Some("")).unwrap().0, "c1");
        assert_eq!(
            kc.default_cluster(Some("bad")).unwrap_err().code(),
            "invalid_kubeconfig"
        );
        let e = kc.default_cluster(Some("nope")).unwrap_err();
        assert!(e.to_string().contains("is invalid"), "{e}");
        // JSON form
        let j = r#"{"clusters":[{"name":"","cluster":{"server":"s"}}]}"#;
        let kc = Kubeconfig::parse(j).unwrap();
        assert_eq!(kc.default_cluster(Some("x")).unwrap().1.server, "s");
    }

    #[test]
    fn empty_is_empty_config() {
        let kc = Kubeconfig::parse("").unwrap();
        let e = kc.default_cluster(None).unwrap_err();
        assert!(e.to_string().contains("the current context is invalid"));
    }

    #[test]
    fn malformed() {
        for bad in [
            "clusters: 3",
            "clusters:\n- name: a\n- name: a\n",
            "clusters:\n- name: a\n  cluster:\n    server: [1]\n",
            "clusters:\n- name: a\n  cluster:\n    certificate-authority-data: '!!'\n",
            "kind: Secret",
            "apiVersion: v2",
            "- a\n- b\n",
            "a: [\n",
            "clusters:\n- name: a\n  cluster:\n    insecure-skip-tls-verify: 3\n",
        ] {
            assert_eq!(
                Kubeconfig::parse(bad).unwrap_err().code(),
                "invalid_kubeconfig",
                "{bad}"
            );
        }
    }

    #[test]
    fn errors_never_quote_input() {
        let e =
            Kubeconfig::parse("users:\n- user:\n    token: abcdef.0123456789abcdef\n  name: [\n")
                .unwrap_err();
        assert!(!e.to_string().contains("0123456789abcdef"), "{e}");
    }

    #[test]
    fn yaml11_booleans() {
        let kc = Kubeconfig::parse(
            "clusters:\n- name: a\n  cluster:\n    insecure-skip-tls-verify: yes\n- name: b\n  cluster:\n    insecure-skip-tls-verify: Off\n",
        )
        .unwrap();
        assert!(kc.cluster("a").unwrap().insecure_skip_tls_verify);
        assert!(!kc.cluster("b").unwrap().insecure_skip_tls_verify);
        // clientcmd.Load: a null list item is a cluster named ""
        let kc = Kubeconfig::parse("clusters:\n- null\n").unwrap();
        assert_eq!(kc.default_cluster(None).unwrap().0, "");
    }

    #[test]
    fn render_round_trip() {
        let text = render_cluster_info_kubeconfig("https://10.0.0.1:6443", b"PEM").unwrap();
        assert_eq!(
            text,
            "apiVersion: v1\nclusters:\n- cluster:\n    certificate-authority-data: UEVN\n    server: https://10.0.0.1:6443\n  name: \"\"\ncontexts: null\ncurrent-context: \"\"\nkind: Config\nusers: null\n"
        );
        let kc = Kubeconfig::parse(&text).unwrap();
        let (n, c) = kc.default_cluster(None).unwrap();
        assert_eq!(n, "");
        assert_eq!(c.certificate_authority_data.as_deref(), Some(&b"PEM"[..]));
        assert!(render_cluster_info_kubeconfig("yes", b"").is_err());
        assert!(render_cluster_info_kubeconfig("https://a b", b"").is_err());
    }

    #[test]
    fn kubeconfig_info_json() {
        let kc = Kubeconfig {
            clusters: vec![(
                "c".into(),
                Cluster {
                    server: "https://s".into(),
                    certificate_authority_data: Some(b"PEM".to_vec()),
                    ..Cluster::default()
                },
            )],
            contexts: vec![(
                "x".into(),
                Context {
                    cluster: "c".into(),
                    user: "u".into(),
                    namespace: String::new(),
                },
            )],
            current_context: "x".into(),
        };
        assert_eq!(
            serde_json::to_string(&KubeconfigInfo::from(&kc)).unwrap(),
            r#"{"current_context":"x","clusters":[{"name":"c","server":"https://s","ca_pem":"PEM","certificate_authority":"","insecure_skip_tls_verify":false}],"contexts":[{"name":"x","cluster":"c","user":"u","namespace":""}]}"#
        );
    }
}
