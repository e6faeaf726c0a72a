//! The areas bound through one keyword-argument entry point, `_native.call(op, kwargs)`:
//! authn/list (API server, controllers, listing) and discovery/join. The typed
//! signatures live in `python/kubetoken/_api.py`; here each op converts its JSON
//! arguments to the core's types and its result to the JSON shape of docs/api.md.
//! The work runs with the GIL released.

use pyo3::prelude::*;
use pyo3::types::PyDict;
use serde_json::{Map, Value, json};

use kubetoken::authn::{self, CleanerAction};
use kubetoken::discovery::{self, ConfigMap};
use kubetoken::join::{self, JoinOptions, JoinTarget};
use kubetoken::k3s::{self, K3sToken};
use kubetoken::kubeconfig::{self, Kubeconfig};
use kubetoken::list::{self, ListFormat};
use kubetoken::spec::TokenOptions;
use kubetoken::{BootstrapToken, Error, Flavour, Secret, Timestamp, TokenSpec, pem, pin};

use crate::convert::{KtResult, json_to_py, now, py_to_json, time_arg};

/// `_native.call(op, kwargs)`: runs one op; `None` values mean "not given".
#[pyfunction]
pub fn call(py: Python<'_>, op: &str, kwargs: &Bound<'_, PyDict>) -> KtResult<Py<PyAny>> {
    let mut args = Map::new();
    for (k, v) in kwargs.iter() {
        if v.is_none() {
            continue;
        }
        let key: String = k.extract()?;
        args.insert(key, top_level(&v)?);
    }
    let args = Value::Object(args);
    let op = op.to_owned();
    let out = py.detach(move || dispatch(&op, &args))?;
    json_to_py(py, &out)
}

/// Top-level arguments: a `datetime` must be timezone-aware (checked by `time_arg`) and
/// crosses as RFC3339 text with its fraction; a `timedelta` as a Go duration string;
/// `bytes` as UTF-8 text.
fn top_level(v: &Bound<'_, PyAny>) -> KtResult<Value> {
    let datetime = v.py().import("datetime")?;
    if v.is_instance(&datetime.getattr("datetime")?)? {
        time_arg(v)?;
        let iso: String = v.call_method0("isoformat")?.extract()?;
        return Ok(Value::String(iso));
    }
    if v.is_instance_of::<pyo3::types::PyBytes>() {
        // Manifest / PEM text given as bytes.
        return Ok(Value::String(
            String::from_utf8(crate::convert::bytes_arg(v)?).map_err(|_| {
                pyo3::exceptions::PyTypeError::new_err("bytes arguments must be UTF-8 text")
            })?,
        ));
    }
    if v.is_instance(&datetime.getattr("timedelta")?)? {
        return Ok(Value::String(
            crate::convert::duration_arg(v)?.to_go_string(),
        ));
    }
    py_to_json(v, 0)
}

fn s<'a>(args: &'a Value, k: &str) -> &'a str {
    args.get(k).and_then(Value::as_str).unwrap_or("")
}

fn b(args: &Value, k: &str) -> bool {
    args.get(k).and_then(Value::as_bool).unwrap_or(false)
}

fn strings(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

/// `now`: given (RFC3339) or the current time, read here.
fn now_arg(args: &Value) -> Result<Timestamp, Error> {
    match args.get("now").and_then(Value::as_str) {
        Some(t) => Timestamp::parse_rfc3339(t),
        None => Ok(now()),
    }
}

fn secret(v: &Value) -> Result<Secret, Error> {
    match v {
        Value::String(text) => Secret::parse(text),
        other => Secret::from_value(other),
    }
}

/// `secrets`: a list of manifests, or one List/Secret manifest (text or object).
fn secrets(args: &Value) -> Result<Vec<Result<Secret, Error>>, Error> {
    match args.get("secrets") {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(a)) => Ok(a.iter().map(secret).collect()),
        Some(Value::String(text)) => kubetoken::secret::parse_secret_list(text),
        Some(other) => kubetoken::secret::secret_list_from_value(other),
    }
}

fn flavour(args: &Value) -> Result<Flavour, Error> {
    match args.get("flavour").and_then(Value::as_str) {
        None => Ok(Flavour::Kubeadm),
        Some(f) => Flavour::parse(f),
    }
}

fn format(args: &Value) -> Result<ListFormat, Error> {
    match args.get("format").and_then(Value::as_str) {
        None => Ok(ListFormat::Text),
        Some(f) => ListFormat::parse(f),
    }
}

/// A token object `{token, description?, ttl?, expires?, usages?, groups?}`, taken as
/// given (the core's `TokenOptions` reading, no defaults).
fn token_spec(v: &Value) -> Result<TokenSpec, Error> {
    TokenOptions::from_value(v)?.to_spec_exact()
}

/// A k3s token with an optional `user` override.
fn k3s_user(args: &Value) -> Result<K3sToken, Error> {
    let t = K3sToken::parse(s(args, "token"))?;
    Ok(match args.get("user").and_then(Value::as_str) {
        Some(u) => t.with_user(u),
        None => t,
    })
}

fn configmap(v: &Value) -> Result<ConfigMap, Error> {
    match v {
        Value::String(t) => ConfigMap::parse(t),
        other => ConfigMap::from_value(other),
    }
}

fn kubeconfig_arg(v: &Value) -> Result<Kubeconfig, Error> {
    match v {
        Value::String(t) => Kubeconfig::parse(t),
        other => Kubeconfig::from_value(other),
    }
}

/// `kubeconfig` (+ `context`) | `server` + `ca_pem` | `server` + `ca_cert_hashes`.
fn target(args: &Value) -> Result<JoinTarget, Error> {
    if let Some(kc) = args.get("kubeconfig") {
        let ctx = args.get("context").and_then(Value::as_str);
        return JoinTarget::from_kubeconfig(&kubeconfig_arg(kc)?, ctx);
    }
    if let Some(pem) = args.get("ca_pem").and_then(Value::as_str) {
        return JoinTarget::from_ca_pem(s(args, "server"), pem.as_bytes());
    }
    JoinTarget::from_hashes(s(args, "server"), &strings(args.get("ca_cert_hashes")))
}

fn kubeconfig_json(kc: &Kubeconfig) -> Value {
    json!({
        "current_context": kc.current_context,
        "clusters": kc.clusters.iter().map(|(n, c)| json!({
            "name": n,
            "server": c.server,
            "ca_pem": c.certificate_authority_data.as_ref().map(|p| String::from_utf8_lossy(p).into_owned()),
            "certificate_authority": c.certificate_authority,
            "insecure_skip_tls_verify": c.insecure_skip_tls_verify,
        })).collect::<Vec<_>>(),
        "contexts": kc.contexts.iter().map(|(n, c)| json!({
            "name": n, "cluster": c.cluster, "user": c.user, "namespace": c.namespace,
        })).collect::<Vec<_>>(),
    })
}

fn dispatch(op: &str, args: &Value) -> Result<Value, Error> {
    match op {
        "authenticate" => {
            let list: Result<Vec<Secret>, Error> = secrets(args)?.into_iter().collect();
            let a = authn::authenticate(s(args, "token"), &list?, now_arg(args)?);
            Ok(json!({
                "authenticated": a.is_authenticated(),
                "user": a.user().map(|u| json!({"name": u.name, "groups": u.groups})),
                "reason": a.reason().map(|r| r.code()),
            }))
        }
        "get_groups" => Ok(json!(authn::get_groups(&secret(&args["secret"])?)?)),
        "token_expiration" => {
            let e = authn::expiration(&secret(&args["secret"])?, now_arg(args)?);
            Ok(json!({"remaining": e.remaining.to_go_string(), "expired": e.expired}))
        }
        "signing_credentials" => {
            let c = authn::signing_credentials(&secret(&args["secret"])?, now_arg(args)?);
            Ok(c.map_or(
                Value::Null,
                // The stored bytes as text (lossy only for a hostile non-UTF-8 Secret).
                |c| json!({"token_id": c.token_id, "token_secret": String::from_utf8_lossy(&c.token_secret)}),
            ))
        }
        "cleaner_action" => Ok(
            match authn::cleaner_action(&secret(&args["secret"])?, now_arg(args)?) {
                CleanerAction::Delete {
                    namespace,
                    name,
                    uid,
                } => json!({"action": "delete", "namespace": namespace, "name": name, "uid": uid}),
                CleanerAction::RequeueAfter(d) => {
                    json!({"action": "requeue", "after": d.to_go_string()})
                }
                CleanerAction::Nothing => json!({"action": "none"}),
            },
        ),
        "list_tokens" => {
            let l = list::list_token_results(
                &secrets(args)?,
                now_arg(args)?,
                format(args)?,
                flavour(args)?,
            )?;
            let errors: Vec<Value> = l
                .errors
                .iter()
                .map(|e| json!({"code": e.code(), "message": e.message()}))
                .collect();
            Ok(json!({"output": l.output, "errors": errors}))
        }
        "render_token_list" => {
            let tokens: Result<Vec<TokenSpec>, Error> = args
                .get("tokens")
                .and_then(Value::as_array)
                .map(|a| a.iter().map(token_spec).collect())
                .unwrap_or_else(|| Ok(Vec::new()));
            Ok(json!(list::render(
                &tokens?,
                now_arg(args)?,
                format(args)?,
                flavour(args)?
            )?))
        }
        "delete_token_names" => Ok(json!(list::delete_token_names(
            &strings(args.get("args")),
            flavour(args)?
        )?)),
        "sign_cluster_info" => {
            let cm = configmap(&args["configmap"])?;
            let list: Result<Vec<Secret>, Error> = secrets(args)?.into_iter().collect();
            let out = discovery::sign_cluster_info(&cm, &list?, now_arg(args)?);
            Ok(json!({"changed": out.changed, "configmap": out.configmap.to_value()}))
        }
        "verify_cluster_info" => {
            let cm = configmap(&args["configmap"])?;
            Ok(discovery::verify_cluster_info(
                &cm,
                s(args, "token"),
                &strings(args.get("ca_cert_hashes")),
            )?
            .to_json_value())
        }
        "join_command" => {
            let t = target(args)?;
            let opts = JoinOptions {
                control_plane: b(args, "control_plane"),
                certificate_key: s(args, "certificate_key").to_owned(),
                withhold_token: b(args, "withhold_token"),
                withhold_certificate_key: b(args, "withhold_certificate_key"),
                multiline: b(args, "multiline"),
            };
            Ok(json!(join::kubeadm_join_command(
                s(args, "token"),
                &t,
                &opts
            )?))
        }
        "register_command" => {
            let t = target(args)?;
            // "" (not given) = the core's default, "karmadactl".
            Ok(json!(join::karmada_register_command(
                s(args, "token"),
                &t,
                s(args, "parent_command")
            )?))
        }
        "parse_kubeconfig" => Ok(kubeconfig_json(&kubeconfig_arg(&args["kubeconfig"])?)),
        "cluster_info_kubeconfig" => Ok(json!(kubeconfig::render_cluster_info_kubeconfig(
            s(args, "server"),
            s(args, "ca_pem").as_bytes(),
        )?)),
        // ---- CA pins, k3s/rke2 ----------------------------------------------------------
        "ca_cert_hashes" => Ok(json!(pin::hashes_from_pem(s(args, "pem").as_bytes())?)),
        "parse_ca_pins" => {
            let mut set = pin::PinSet::new();
            let pins = strings(args.get("pins"));
            set.allow_all(pins.iter().map(String::as_str))?;
            // Accepted pins, in the canonical (lowercase) form the set compares.
            Ok(json!(
                pins.iter()
                    .map(|p| p.to_ascii_lowercase())
                    .collect::<Vec<_>>()
            ))
        }
        "check_ca_pins" => {
            let mut set = pin::PinSet::new();
            let pins = strings(args.get("pins"));
            set.allow_all(pins.iter().map(String::as_str))?;
            let ders = pem::certificates(s(args, "pem").as_bytes())?;
            Ok(match set.check_any(&ders)? {
                Ok(()) => json!({"pinned": true}),
                Err(h) => {
                    json!({"pinned": false, "message": pin::not_pinned_message(&h), "hashes": h})
                }
            })
        }
        "parse_k3s_token" => {
            let t = K3sToken::parse(s(args, "token"))?;
            Ok(json!({
                "ca_hash": t.ca_hash(),
                "kind": t.kind().as_str(),
                "token_id": t.bootstrap_token().map(|b| b.id()),
                "token": t.bootstrap_token().map(BootstrapToken::expose),
                "username": t.username(),
                "password": t.password(),
            }))
        }
        "k3s_ca_hash" => {
            let h = k3s::ca_hash(s(args, "bundle").as_bytes(), now_arg(args)?)?;
            Ok(json!({"hash": h.hash, "method": h.method.as_str()}))
        }
        "format_k3s_token" => Ok(json!(k3s::format_token(
            s(args, "credentials"),
            s(args, "bundle").as_bytes(),
            now_arg(args)?,
        )?)),
        "k3s_token_string" => {
            let t = k3s_user(args)?;
            Ok(json!(
                t.to_token_string(
                    args.get("bundle")
                        .and_then(Value::as_str)
                        .map(str::as_bytes),
                    now_arg(args)?
                )
            ))
        }
        "verify_k3s_ca" => {
            let t = k3s_user(args)?;
            let c = k3s::verify_ca(
                t.ca_hash(),
                args.get("bundle")
                    .and_then(Value::as_str)
                    .map(str::as_bytes),
                now_arg(args)?,
            );
            Ok(json!({
                "ok": c.ok(),
                "status": c.status.as_str(),
                "token_hash": c.token_hash,
                "computed_hash": c.computed_hash,
                "warning": c.warning,
                "message": c.message(),
                "username": t.username(),
            }))
        }
        "k3s_credentials" => {
            let t = K3sToken::parse(s(args, "token"))?;
            let c = k3s::credentials(&t, args.get("user").and_then(Value::as_str));
            let username = match &c {
                k3s::Credential::Basic { username, .. } => Some(username.clone()),
                _ => None,
            };
            Ok(json!({"scheme": c.scheme(), "username": username, "header": c.header()}))
        }
        "k3s_normalize_token" => Ok(json!(k3s::normalize_token(s(args, "token"))?.as_str())),
        "k3s_passwd_password" => Ok(json!(k3s::passwd_password(
            s(args, "name"),
            s(args, "passwd")
        ))),
        "k3s_token_hash" => Ok(json!(k3s::token_hash(s(args, "passphrase")))),
        "k3s_storage_key" => Ok(json!(k3s::storage_key(s(args, "passphrase")))),
        "k3s_token_generate" => Ok(json!(k3s::token_generate_output()?)),
        "k3s_decrypt" => {
            let p = k3s::decrypt(s(args, "passphrase"), s(args, "value").as_bytes())?;
            Ok(json!(String::from_utf8_lossy(&p)))
        }
        "k3s_token_opens" => Ok(json!(k3s::token_opens(
            s(args, "token"),
            s(args, "value").as_bytes()
        )?)),
        "k3s_token_create_output" => {
            let t = BootstrapToken::parse(s(args, "token"))?;
            Ok(json!(k3s::token_create_output(
                &t,
                s(args, "bundle").as_bytes(),
                now_arg(args)?
            )?))
        }
        other => Err(Error::Unsupported(format!(
            "no such operation {}",
            kubetoken::gofmt::quote(other)
        ))),
    }
}
