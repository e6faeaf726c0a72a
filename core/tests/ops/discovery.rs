//! Ops for jws.rs, kubeconfig.rs, discovery.rs, join.rs (owner: discovery helper).
use kubetoken::discovery::{self, ConfigMap};
use kubetoken::join::{self, JoinOptions, JoinTarget};
use kubetoken::kubeconfig::{self, Kubeconfig};
use kubetoken::{Error, jws};
use serde_json::{Value, json};

use super::{now, s, secret, strings};

fn b(args: &Value, k: &str) -> bool {
    args.get(k).and_then(Value::as_bool).unwrap_or(false)
}

/// A manifest argument: a JSON object, or text (JSON or YAML).
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

/// `kubeconfig` (+ optional `context`) | `server` + `ca_pem` | `server` + `ca_cert_hashes`.
fn target(args: &Value) -> Result<JoinTarget, Error> {
    if let Some(kc) = args.get("kubeconfig") {
        let ctx = args.get("context").and_then(Value::as_str);
        return JoinTarget::from_kubeconfig(&kubeconfig_arg(kc)?, ctx);
    }
    if let Some(pem) = args.get("ca_pem").and_then(Value::as_str) {
        return JoinTarget::from_ca_pem(s(args, "server"), pem.as_bytes());
    }
    JoinTarget::from_hashes(s(args, "server"), &strings(args, "ca_cert_hashes"))
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

pub fn run(op: &str, args: &Value) -> Option<Result<Value, Error>> {
    Some(match op {
        "compute_jws" => Ok(json!(jws::compute_detached_signature(
            s(args, "content").as_bytes(),
            s(args, "token_id"),
            s(args, "token_secret").as_bytes()
        ))),
        "verify_jws" => Ok(json!(jws::detached_token_is_valid(
            s(args, "signature"),
            s(args, "content").as_bytes(),
            s(args, "token_id"),
            s(args, "token_secret").as_bytes()
        ))),
        "sign_cluster_info" => (|| {
            let cm = configmap(&args["configmap"])?;
            let secrets = args
                .get("secrets")
                .and_then(Value::as_array)
                .map(|a| a.iter().map(secret).collect::<Result<Vec<_>, _>>())
                .transpose()?
                .unwrap_or_default();
            let now = now(args)?;
            let out = discovery::sign_cluster_info(&cm, &secrets, now);
            Ok(json!({"changed": out.changed, "configmap": out.configmap.to_value()}))
        })(),
        "verify_cluster_info" => configmap(&args["configmap"]).and_then(|cm| {
            discovery::verify_cluster_info(&cm, s(args, "token"), &strings(args, "ca_cert_hashes"))
                .map(|r| r.to_json_value())
        }),
        "join_command" => target(args).and_then(|t| {
            let opts = JoinOptions {
                control_plane: b(args, "control_plane"),
                certificate_key: s(args, "certificate_key").to_owned(),
                withhold_token: b(args, "withhold_token"),
                withhold_certificate_key: b(args, "withhold_certificate_key"),
                multiline: b(args, "multiline"),
            };
            join::kubeadm_join_command(s(args, "token"), &t, &opts).map(|c| json!(c))
        }),
        "register_command" => target(args).and_then(|t| {
            join::karmada_register_command(s(args, "token"), &t, s(args, "parent_command"))
                .map(|c| json!(c))
        }),
        "parse_kubeconfig" => kubeconfig_arg(&args["kubeconfig"]).map(|kc| kubeconfig_json(&kc)),
        "cluster_info_kubeconfig" => kubeconfig::render_cluster_info_kubeconfig(
            s(args, "server"),
            s(args, "ca_pem").as_bytes(),
        )
        .map(|t| json!(t)),
        _ => return None,
    })
}
