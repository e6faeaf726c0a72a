//! JWS, cluster-info discovery, join commands (docs/api.md "JWS, cluster-info ...").
//! Arguments are converted here; `kubetoken::api` reads them and shapes the results.
//! The JWS functions take bytes (`Uint8Array`) and so call the core directly.

use kubetoken::jws;
use wasm_bindgen::prelude::*;

use crate::conv::{self, ApiArgs, JsResult, Opts};

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
    let a = ApiArgs::default()
        .set("configmap", o.req_manifest("configmap")?)
        .set("secrets", o.manifests("secrets")?)
        .time("now", o.now()?);
    o.finish()?;
    a.call("sign_cluster_info")
}

/// `verify_cluster_info({configmap, token, caCertHashes?})` → `{verified: true, ...}` or
/// `{verified: false, reason, message}` (an answer, not an error).
#[wasm_bindgen(js_name = verifyClusterInfo, skip_typescript)]
pub fn verify_cluster_info(options: JsValue) -> JsResult<JsValue> {
    let mut o = Opts::new(options, "verifyClusterInfo")?;
    let a = ApiArgs::default()
        .set("configmap", o.req_manifest("configmap")?)
        .set("token", o.req_str("token")?)
        .set(
            "ca_cert_hashes",
            o.opt_list("caCertHashes")?.unwrap_or_default(),
        );
    o.finish()?;
    a.call("verify_cluster_info")
}

/// The join target: `kubeconfig` (+ `context`) | `server` + `caPem` | `server` + `caCertHashes`.
fn target(o: &mut Opts, a: ApiArgs) -> JsResult<ApiArgs> {
    let kubeconfig = o.get("kubeconfig")?;
    let context = o.opt_str("context")?;
    let server = o.opt_str("server")?;
    let ca_pem = o.opt_bytes("caPem")?;
    let hashes = o.opt_list("caCertHashes")?;
    let kubeconfig = match kubeconfig {
        Some(kc) => Some(conv::manifest(&kc, &o.label("kubeconfig"))?),
        None => None,
    };
    let ca_pem = match ca_pem {
        Some(p) => Some(conv::text(p, &o.label("caPem"))?),
        None => None,
    };
    Ok(a.opt("kubeconfig", kubeconfig)
        .opt("context", context)
        .opt("server", server)
        .opt("ca_pem", ca_pem)
        .opt("ca_cert_hashes", hashes))
}

/// `join_command({token, kubeconfig | server + caPem | server + caCertHashes, ...})` →
/// `"kubeadm join ..."` (no final newline).
#[wasm_bindgen(js_name = joinCommand, skip_typescript)]
pub fn join_command(options: JsValue) -> JsResult<String> {
    let mut o = Opts::new(options, "joinCommand")?;
    let a = ApiArgs::default().opt("token", o.opt_str("token")?);
    let a = target(&mut o, a)?
        .set("control_plane", o.flag("controlPlane")?)
        .opt("certificate_key", o.opt_str("certificateKey")?)
        .set("withhold_token", o.flag("withholdToken")?)
        .set(
            "withhold_certificate_key",
            o.flag("withholdCertificateKey")?,
        )
        .set("multiline", o.flag("multiline")?);
    o.finish()?;
    a.string("join_command")
}

/// `register_command({token, <target>, parentCommand?})` → `"karmadactl register ..."`.
#[wasm_bindgen(js_name = registerCommand, skip_typescript)]
pub fn register_command(options: JsValue) -> JsResult<String> {
    let mut o = Opts::new(options, "registerCommand")?;
    let a = ApiArgs::default().set("token", o.req_str("token")?);
    let a = target(&mut o, a)?.opt("parent_command", o.opt_str("parentCommand")?);
    o.finish()?;
    a.string("register_command")
}

/// `parse_kubeconfig(kubeconfig)` → clusters and contexts (users are never read).
#[wasm_bindgen(js_name = parseKubeconfig, skip_typescript)]
pub fn parse_kubeconfig(kubeconfig: JsValue) -> JsResult<JsValue> {
    ApiArgs::default()
        .set("kubeconfig", conv::manifest(&kubeconfig, "kubeconfig")?)
        .call("parse_kubeconfig")
}

/// `cluster_info_kubeconfig({server, caPem})` → the kubeconfig text kubeadm publishes.
#[wasm_bindgen(js_name = clusterInfoKubeconfig, skip_typescript)]
pub fn cluster_info_kubeconfig(options: JsValue) -> JsResult<String> {
    let mut o = Opts::new(options, "clusterInfoKubeconfig")?;
    let server = o.req_str("server")?;
    let ca_pem = conv::text(o.req_bytes("caPem")?, &o.label("caPem"))?;
    o.finish()?;
    ApiArgs::default()
        .set("server", server)
        .set("ca_pem", ca_pem)
        .string("cluster_info_kubeconfig")
}
