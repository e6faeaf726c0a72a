//! JWS, cluster-info discovery, join commands (docs/api.md "JWS, cluster-info ...").

use kubetoken::discovery::{self, ConfigMap};
use kubetoken::join::{self, JoinOptions, JoinTarget};
use kubetoken::kubeconfig::{self, Kubeconfig, KubeconfigInfo};
use kubetoken::{Secret, jws};
use wasm_bindgen::prelude::*;

use crate::conv::{self, JsResult, Manifest, Opts, OrThrow, out};

fn configmap(m: Manifest) -> JsResult<ConfigMap> {
    m.read(|t| ConfigMap::parse(t), ConfigMap::from_value)
}

fn kubeconfig_of(m: Manifest) -> JsResult<Kubeconfig> {
    m.read(|t| Kubeconfig::parse(t), Kubeconfig::from_value)
}

/// `compute_jws({content, tokenId, tokenSecret})` → `"<header>..<signature>"`.
#[wasm_bindgen(js_name = computeJws, skip_typescript)]
pub fn compute_jws(options: JsValue) -> JsResult<String> {
    let mut o = Opts::new(options, "computeJws")?;
    let content = o.req_bytes("content")?;
    let token_id = o.req_str("tokenId")?;
    let token_secret = o.req_bytes("tokenSecret")?;
    o.finish()?;
    jws::compute_checked(&content, &token_id, &token_secret).js()
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
    jws::verify_checked(&signature, &content, &token_id, &token_secret).js()
}

/// `sign_cluster_info({configmap, secrets, now?})` → `{changed, configmap}`.
#[wasm_bindgen(js_name = signClusterInfo, skip_typescript)]
pub fn sign_cluster_info(options: JsValue) -> JsResult<JsValue> {
    let mut o = Opts::new(options, "signClusterInfo")?;
    let cm = configmap(o.req_manifest("configmap")?)?;
    let secrets: Vec<Secret> = o.all_secrets()?;
    let now = o.now()?;
    o.finish()?;
    out(&discovery::sign_cluster_info(&cm, &secrets, now).js()?)
}

/// `verify_cluster_info({configmap, token, caCertHashes?})` → `{verified: true, ...}` or
/// `{verified: false, reason, message}` (an answer, not an error).
#[wasm_bindgen(js_name = verifyClusterInfo, skip_typescript)]
pub fn verify_cluster_info(options: JsValue) -> JsResult<JsValue> {
    let mut o = Opts::new(options, "verifyClusterInfo")?;
    let cm = o.req_manifest("configmap")?;
    let token = o.req_str("token")?;
    let hashes = o.get("caCertHashes")?;
    o.finish()?;
    // The ConfigMap's value before the hashes' type, as the other doors read them.
    let cm = configmap(cm)?;
    let hashes = match hashes {
        Some(h) => conv::string_list(&h, "verifyClusterInfo: option caCertHashes")?,
        None => Vec::new(),
    };
    let r = discovery::verify_cluster_info(&cm, &token, &hashes).js()?;
    out(&r)
}

/// The join target as given: `kubeconfig` (+ `context`) | `server` + `caPem` |
/// `server` + `caCertHashes`.
struct Target {
    kubeconfig: Option<Manifest>,
    context: Option<String>,
    server: String,
    ca_pem: Option<Vec<u8>>,
    hashes: Vec<String>,
}

impl Target {
    fn read(o: &mut Opts) -> JsResult<Target> {
        Ok(Target {
            kubeconfig: o.opt_manifest("kubeconfig")?,
            context: o.opt_str("context")?,
            server: o.opt_str("server")?.unwrap_or_default(),
            ca_pem: o.opt_bytes("caPem")?,
            hashes: o.list("caCertHashes")?,
        })
    }

    /// The core's target ([`JoinTarget::first_given`]).
    fn resolve(self) -> JsResult<JoinTarget> {
        let kubeconfig = self.kubeconfig.map(kubeconfig_of).transpose()?;
        JoinTarget::first_given(
            kubeconfig.as_ref(),
            self.context.as_deref(),
            &self.server,
            self.ca_pem.as_deref(),
            &self.hashes,
        )
        .js()
    }
}

/// `join_command({token, kubeconfig | server + caPem | server + caCertHashes, ...})` →
/// `"kubeadm join ..."` (no final newline).
#[wasm_bindgen(js_name = joinCommand, skip_typescript)]
pub fn join_command(options: JsValue) -> JsResult<String> {
    let mut o = Opts::new(options, "joinCommand")?;
    let token = o.opt_str("token")?.unwrap_or_default();
    let target = Target::read(&mut o)?;
    let opts = JoinOptions {
        control_plane: o.flag("controlPlane")?,
        certificate_key: o.opt_str("certificateKey")?.unwrap_or_default(),
        withhold_token: o.flag("withholdToken")?,
        withhold_certificate_key: o.flag("withholdCertificateKey")?,
        multiline: o.flag("multiline")?,
    };
    o.finish()?;
    join::kubeadm_join_command(&token, &target.resolve()?, &opts).js()
}

/// `register_command({token, <target>, parentCommand?})` → `"karmadactl register ..."`.
#[wasm_bindgen(js_name = registerCommand, skip_typescript)]
pub fn register_command(options: JsValue) -> JsResult<String> {
    let mut o = Opts::new(options, "registerCommand")?;
    let token = o.req_str("token")?;
    let target = Target::read(&mut o)?;
    // Absent = the core's default, "karmadactl".
    let parent = o.opt_str("parentCommand")?.unwrap_or_default();
    o.finish()?;
    join::karmada_register_command(&token, &target.resolve()?, &parent).js()
}

/// `parse_kubeconfig(kubeconfig)` → clusters and contexts (users are never read).
#[wasm_bindgen(js_name = parseKubeconfig, skip_typescript)]
pub fn parse_kubeconfig(kubeconfig: JsValue) -> JsResult<JsValue> {
    let kc = kubeconfig_of(conv::manifest(&kubeconfig, "kubeconfig")?)?;
    out(&KubeconfigInfo::from(&kc))
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
