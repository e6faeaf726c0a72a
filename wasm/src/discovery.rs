//! JWS, cluster-info discovery, join commands (docs/api.md "JWS, cluster-info ...").

use kubetoken::discovery::{self, ConfigMap};
use kubetoken::join::{self, JoinOptions, JoinTarget};
use kubetoken::kubeconfig::{self, Kubeconfig};
use kubetoken::{Secret, jws};
use serde_json::{Value, json};
use wasm_bindgen::prelude::*;

use crate::conv::{self, JsResult, Opts, OrThrow, to_js};

/// `compute_jws({content, tokenId, tokenSecret})` → `"<header>..<signature>"`.
#[wasm_bindgen(js_name = computeJws, skip_typescript)]
pub fn compute_jws(options: JsValue) -> JsResult<String> {
    let mut o = Opts::new(options, "computeJws")?;
    let content = o.req_bytes("content")?;
    let token_id = o.req_str("tokenId")?;
    let token_secret = o.req_bytes("tokenSecret")?;
    o.finish()?;
    Ok(jws::compute_detached_signature(
        &content,
        &token_id,
        &token_secret,
    ))
}

/// `verify_jws({signature, content, tokenId, tokenSecret})` → boolean (an answer).
#[wasm_bindgen(js_name = verifyJws, skip_typescript)]
pub fn verify_jws(options: JsValue) -> JsResult<bool> {
    let mut o = Opts::new(options, "verifyJws")?;
    let signature = o.req_str("signature")?;
    let content = o.req_bytes("content")?;
    let token_id = o.req_str("tokenId")?;
    let token_secret = o.req_bytes("tokenSecret")?;
    o.finish()?;
    Ok(jws::detached_token_is_valid(
        &signature,
        &content,
        &token_id,
        &token_secret,
    ))
}

/// `sign_cluster_info({configmap, secrets, now?})` → `{changed, configmap}`.
#[wasm_bindgen(js_name = signClusterInfo, skip_typescript)]
pub fn sign_cluster_info(options: JsValue) -> JsResult<JsValue> {
    let mut o = Opts::new(options, "signClusterInfo")?;
    let cm = ConfigMap::parse(&o.req_manifest("configmap")?).js()?;
    let secrets: Vec<Secret> = o
        .manifests("secrets")?
        .iter()
        .map(|t| Secret::parse(t))
        .collect::<Result<_, _>>()
        .js()?;
    let now = o.now()?;
    o.finish()?;
    let out = discovery::sign_cluster_info(&cm, &secrets, now);
    to_js(&json!({"changed": out.changed, "configmap": out.configmap.to_value()}))
}

/// `verify_cluster_info({configmap, token, caCertHashes?})` → `{verified: true, ...}` or
/// `{verified: false, reason, message}` (an answer, not an error).
#[wasm_bindgen(js_name = verifyClusterInfo, skip_typescript)]
pub fn verify_cluster_info(options: JsValue) -> JsResult<JsValue> {
    let mut o = Opts::new(options, "verifyClusterInfo")?;
    let cm = ConfigMap::parse(&o.req_manifest("configmap")?).js()?;
    let token = o.req_str("token")?;
    let hashes = o.opt_list("caCertHashes")?.unwrap_or_default();
    o.finish()?;
    to_js(
        &discovery::verify_cluster_info(&cm, &token, &hashes)
            .js()?
            .to_json_value(),
    )
}

/// The join target: `kubeconfig` (+ `context`) | `server` + `caPem` | `server` + `caCertHashes`.
fn target(o: &mut Opts) -> JsResult<JoinTarget> {
    let kubeconfig = o.get("kubeconfig")?;
    let context = o.opt_str("context")?;
    let server = o.opt_str("server")?.unwrap_or_default();
    let ca_pem = o.opt_bytes("caPem")?;
    let hashes = o.opt_list("caCertHashes")?.unwrap_or_default();
    if let Some(kc) = kubeconfig {
        let kc = Kubeconfig::parse(&conv::manifest(&kc, &o.label("kubeconfig"))?).js()?;
        return JoinTarget::from_kubeconfig(&kc, context.as_deref()).js();
    }
    if let Some(pem) = ca_pem {
        return JoinTarget::from_ca_pem(&server, &pem).js();
    }
    JoinTarget::from_hashes(&server, &hashes).js()
}

/// `join_command({token, kubeconfig | server + caPem | server + caCertHashes, ...})` →
/// `"kubeadm join ..."` (no final newline).
#[wasm_bindgen(js_name = joinCommand, skip_typescript)]
pub fn join_command(options: JsValue) -> JsResult<String> {
    let mut o = Opts::new(options, "joinCommand")?;
    let token = o.opt_str("token")?.unwrap_or_default();
    let t = target(&mut o)?;
    let opts = JoinOptions {
        control_plane: o.flag("controlPlane")?,
        certificate_key: o.opt_str("certificateKey")?.unwrap_or_default(),
        withhold_token: o.flag("withholdToken")?,
        withhold_certificate_key: o.flag("withholdCertificateKey")?,
        multiline: o.flag("multiline")?,
    };
    o.finish()?;
    join::kubeadm_join_command(&token, &t, &opts).js()
}

/// `register_command({token, <target>, parentCommand?})` → `"karmadactl register ..."`.
#[wasm_bindgen(js_name = registerCommand, skip_typescript)]
pub fn register_command(options: JsValue) -> JsResult<String> {
    let mut o = Opts::new(options, "registerCommand")?;
    let token = o.req_str("token")?;
    let t = target(&mut o)?;
    let parent = o.opt_str("parentCommand")?.unwrap_or_default();
    o.finish()?;
    join::karmada_register_command(&token, &t, &parent).js()
}

/// `parse_kubeconfig(kubeconfig)` → clusters and contexts (users are never read).
#[wasm_bindgen(js_name = parseKubeconfig, skip_typescript)]
pub fn parse_kubeconfig(kubeconfig: JsValue) -> JsResult<JsValue> {
    let kc = Kubeconfig::parse(&conv::manifest(&kubeconfig, "kubeconfig")?).js()?;
    let clusters: Vec<Value> = kc
        .clusters
        .iter()
        .map(|(n, c)| {
            json!({
                "name": n,
                "server": c.server,
                "ca_pem": c.certificate_authority_data.as_ref()
                    .map(|p| String::from_utf8_lossy(p).into_owned()),
                "certificate_authority": c.certificate_authority,
                "insecure_skip_tls_verify": c.insecure_skip_tls_verify,
            })
        })
        .collect();
    let contexts: Vec<Value> = kc
        .contexts
        .iter()
        .map(|(n, c)| {
            json!({"name": n, "cluster": c.cluster, "user": c.user, "namespace": c.namespace})
        })
        .collect();
    to_js(&json!({
        "current_context": kc.current_context,
        "clusters": clusters,
        "contexts": contexts,
    }))
}

/// `cluster_info_kubeconfig({server, caPem})` → the kubeconfig text kubeadm publishes.
#[wasm_bindgen(js_name = clusterInfoKubeconfig, skip_typescript)]
pub fn cluster_info_kubeconfig(options: JsValue) -> JsResult<String> {
    let mut o = Opts::new(options, "clusterInfoKubeconfig")?;
    let server = o.req_str("server")?;
    let ca_pem = o.req_bytes("caPem")?;
    o.finish()?;
    kubeconfig::render_cluster_info_kubeconfig(&server, &ca_pem).js()
}
