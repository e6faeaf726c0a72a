//! The functions of docs/api.md, each with typed arguments in docs/api.md's order: the
//! arguments are converted once (`convert`), the core's typed function runs (with the GIL
//! released where the work is more than a few microseconds), the result is converted once
//! into Python objects (`topy`). No rule of the domain lives here.

use std::sync::atomic::{AtomicBool, Ordering};

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyDict, PyType};
use serde::Serialize;

use kubetoken::TokenInput;
use kubetoken::api;
use kubetoken::authn::{self, AuthenticationResult};
use kubetoken::discovery::{self, ConfigMap};
use kubetoken::join::{self, JoinOptions, JoinTarget};
use kubetoken::k3s::{self, CaVerification, CredentialHeader, K3sToken, K3sTokenInfo};
use kubetoken::kubeconfig::{self, Kubeconfig, KubeconfigInfo};
use kubetoken::list::{self, ListFormat};
use kubetoken::options::{self, Flavour, SecretListEntry, TokenInfo, TokenSpec};
use kubetoken::secret::SecretManifest;
use kubetoken::token::TokenParts;
use kubetoken::x509::pem;
use kubetoken::{BootstrapToken, Error, pin, token};

use crate::convert::{
    self, Checked, Str, all_secrets, bytes, now_or_clock, opt_bytes, opt_strings, read, secrets,
    strings, time,
};
use crate::errors::KtResult;
use crate::topy::{to_py, to_py_as};

type Obj<'py> = KtResult<Bound<'py, PyAny>>;
type In<'a, 'py> = Option<Checked<'a, 'py>>;

// ---- results --------------------------------------------------------------------------

static SECRET_DICT: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static SYS_MODULES: PyOnceLock<Py<PyDict>> = PyOnceLock::new();
static YAML_READY: AtomicBool = AtomicBool::new(false);

/// A plain result.
fn plain<'py, T: Serialize + ?Sized>(py: Python<'py>, v: &T) -> Obj<'py> {
    Ok(to_py(py, v)?)
}

/// A result that carries a secret: a `kubetoken.SecretDict` (masked `repr`). Once PyYAML
/// is loaded, the class is registered with its dumpers as a plain mapping.
fn secretive<'py, T: Serialize + ?Sized>(py: Python<'py>, v: &T) -> Obj<'py> {
    let cls = SECRET_DICT.import(py, "kubetoken._secret", "SecretDict")?;
    if !YAML_READY.load(Ordering::Relaxed) {
        let modules = SYS_MODULES.get_or_try_init(py, || {
            py.import("sys")?
                .getattr("modules")?
                .cast_into::<PyDict>()
                .map(Bound::unbind)
                .map_err(PyErr::from)
        })?;
        if modules.bind(py).contains("yaml")? {
            let done = py
                .import("kubetoken._secret")?
                .call_method0("_register_yaml")?
                .is_truthy()?;
            YAML_READY.store(done, Ordering::Relaxed);
        }
    }
    Ok(to_py_as(py, v, cls)?)
}

/// The Secret manifest of `render_secret`/`encode_token_secret`: `data` (base64), or
/// `stringData` when `string_data` is true.
fn manifest(secret: &kubetoken::Secret, string_data: bool) -> KtResult<SecretManifest> {
    Ok(if string_data {
        secret.to_string_data_manifest()?
    } else {
        secret.to_manifest()
    })
}

// ---- tokens ---------------------------------------------------------------------------

/// A new random bootstrap token `<id>.<secret>` from the OS CSPRNG.
#[pyfunction]
pub fn generate_token() -> KtResult<String> {
    Ok(BootstrapToken::generate()?.expose())
}

/// `{"id", "secret"}` of `[a-z0-9]{6}.[a-z0-9]{16}`; raises `InvalidTokenError`.
#[pyfunction]
pub fn parse_token<'py>(py: Python<'py>, token: Str<'_>) -> Obj<'py> {
    secretive(py, &TokenParts::from(&BootstrapToken::parse(&token)?))
}

/// `"<id>.<secret>"`; raises `InvalidTokenError` unless the joined token is valid.
#[pyfunction]
pub fn token_from_parts(id: Str<'_>, secret: Str<'_>) -> KtResult<String> {
    Ok(BootstrapToken::from_parts(&id, &secret)?.expose())
}

/// Whether `token` is a well-formed bootstrap token.
#[pyfunction]
pub fn is_valid_token(token: Str<'_>) -> bool {
    token::is_valid_token(&token)
}

/// Whether `token_id` is a well-formed token ID (`[a-z0-9]{6}`).
#[pyfunction]
pub fn is_valid_token_id(token_id: Str<'_>) -> bool {
    token::is_valid_token_id(&token_id)
}

/// `bootstrap-token-<id>` (no validation, like upstream).
#[pyfunction]
pub fn secret_name(token_id: Str<'_>) -> String {
    token::secret_name(&token_id)
}

/// The token ID of a `bootstrap-token-<id>` name, else `None`.
#[pyfunction]
pub fn parse_secret_name(name: Str<'_>) -> Option<String> {
    token::parse_secret_name(&name).map(str::to_owned)
}

/// Go's `Duration.String()` of a Go duration `str` or a `timedelta`.
#[pyfunction]
pub fn parse_duration(duration: Checked<'_, '_>) -> KtResult<String> {
    Ok(convert::duration(&duration)?.to_go_string())
}

/// apimachinery's `ShortHumanDuration` (`"23h"`, `"<invalid>"`, ...).
#[pyfunction]
pub fn short_human_duration(duration: Checked<'_, '_>) -> KtResult<String> {
    Ok(convert::duration(&duration)?.short_human())
}

/// Go's `Format(RFC3339)` of an RFC3339 `str` or an aware `datetime`, offset kept.
#[pyfunction]
pub fn parse_rfc3339(timestamp: Checked<'_, '_>) -> KtResult<String> {
    Ok(time(&timestamp)?.to_rfc3339())
}

// ---- token options and Secrets --------------------------------------------------------

/// `True` if `group` matches the bootstrap group pattern; else raises (`invalid_group`).
#[pyfunction]
pub fn validate_group(group: Str<'_>) -> KtResult<bool> {
    options::validate_group(&group)?;
    Ok(true)
}

/// `True` if every usage is known (`signing`, `authentication`); else raises.
#[pyfunction]
pub fn validate_usages(usages: Checked<'_, '_>) -> KtResult<bool> {
    options::validate_usages(&strings(&usages)?)?;
    Ok(true)
}

/// `True` if the groups are valid for the usages (groups need `authentication`).
#[pyfunction]
pub fn validate_token_groups(usages: Checked<'_, '_>, groups: Checked<'_, '_>) -> KtResult<bool> {
    options::validate_token_groups(&strings(&usages)?, &strings(&groups)?)?;
    Ok(true)
}

/// The keyword token options, unchecked (the core resolves them in its precedence).
fn token_options(
    token: In<'_, '_>,
    flavour: In<'_, '_>,
    description: In<'_, '_>,
    ttl: In<'_, '_>,
    expires: In<'_, '_>,
    usages: In<'_, '_>,
    groups: In<'_, '_>,
) -> KtResult<TokenInput> {
    convert::token_input(
        token.as_deref(),
        flavour.as_deref(),
        description.as_deref(),
        ttl.as_deref(),
        expires.as_deref(),
        usages.as_deref(),
        groups.as_deref(),
    )
}

/// `True` if these options (defaults applied) make a valid token; else raises.
#[pyfunction]
#[pyo3(signature = (token=None, *, flavour=None, description=None, ttl=None, expires=None, usages=None, groups=None))]
pub fn validate_token_options(
    token: In<'_, '_>,
    flavour: In<'_, '_>,
    description: In<'_, '_>,
    ttl: In<'_, '_>,
    expires: In<'_, '_>,
    usages: In<'_, '_>,
    groups: In<'_, '_>,
) -> KtResult<bool> {
    token_options(token, flavour, description, ttl, expires, usages, groups)?.validate()?;
    Ok(true)
}

/// The bootstrap-token Secret to create, like `kubeadm token create` (validated).
#[pyfunction]
#[pyo3(signature = (token=None, *, flavour=None, description=None, ttl=None, expires=None, usages=None, groups=None, now=None, string_data=None))]
#[allow(clippy::too_many_arguments)]
pub fn render_secret<'py>(
    py: Python<'py>,
    token: In<'_, 'py>,
    flavour: In<'_, 'py>,
    description: In<'_, 'py>,
    ttl: In<'_, 'py>,
    expires: In<'_, 'py>,
    usages: In<'_, 'py>,
    groups: In<'_, 'py>,
    now: In<'_, 'py>,
    string_data: Option<bool>,
) -> Obj<'py> {
    let o = token_options(token, flavour, description, ttl, expires, usages, groups)?;
    let (_, secret) = o.render_secret(&convert::now_input(now.as_deref())?)?;
    secretive(py, &manifest(&secret, string_data.unwrap_or(false))?)
}

/// `render_secret` as YAML text (`kubectl apply -f -` ready).
#[pyfunction]
#[pyo3(signature = (token=None, *, flavour=None, description=None, ttl=None, expires=None, usages=None, groups=None, now=None, string_data=None))]
#[allow(clippy::too_many_arguments)]
pub fn render_secret_yaml(
    token: In<'_, '_>,
    flavour: In<'_, '_>,
    description: In<'_, '_>,
    ttl: In<'_, '_>,
    expires: In<'_, '_>,
    usages: In<'_, '_>,
    groups: In<'_, '_>,
    now: In<'_, '_>,
    string_data: Option<bool>,
) -> KtResult<String> {
    let o = token_options(token, flavour, description, ttl, expires, usages, groups)?;
    let (_, secret) = o.render_secret(&convert::now_input(now.as_deref())?)?;
    Ok(if string_data.unwrap_or(false) {
        secret.to_string_data_yaml()?
    } else {
        secret.to_yaml()?
    })
}

/// kubeadm's `BootstrapTokenToSecret`: the Secret exactly as given (no defaults, no
/// validation).
#[pyfunction]
#[pyo3(signature = (token, *, flavour=None, description=None, ttl=None, expires=None, usages=None, groups=None, now=None, string_data=None))]
#[allow(clippy::too_many_arguments)]
pub fn encode_token_secret<'py>(
    py: Python<'py>,
    token: Checked<'_, 'py>,
    flavour: In<'_, 'py>,
    description: In<'_, 'py>,
    ttl: In<'_, 'py>,
    expires: In<'_, 'py>,
    usages: In<'_, 'py>,
    groups: In<'_, 'py>,
    now: In<'_, 'py>,
    string_data: Option<bool>,
) -> Obj<'py> {
    let o = token_options(
        Some(token),
        flavour,
        description,
        ttl,
        expires,
        usages,
        groups,
    )?;
    let secret = o.encode_secret(&convert::now_input(now.as_deref())?)?;
    secretive(py, &manifest(&secret, string_data.unwrap_or(false))?)
}

/// kubeadm's `BootstrapTokenFromSecret`: the token stored in a Secret manifest.
#[pyfunction]
pub fn parse_secret<'py>(py: Python<'py>, secret: Checked<'_, 'py>) -> Obj<'py> {
    let s = convert::secret(&secret)?;
    secretive(py, &TokenInfo::from(&TokenSpec::from_secret(&s)?))
}

/// Every bootstrap-token Secret of `kubectl get secrets -o json|yaml` output (or one
/// Secret, or a sequence of them); a bad item is `{"error": code, "message"}` in its slot.
#[pyfunction]
pub fn parse_secret_list<'py>(py: Python<'py>, secrets: Checked<'_, 'py>) -> Obj<'py> {
    let items = if let Some(seq) = convert::sequence(&secrets) {
        // One item at a time: the list never becomes one `Value`.
        let mut items = kubetoken::secret::SecretItems::with_len(seq.len()?)?;
        for item in seq.try_iter()? {
            items.push(&convert::to_json(&item?, 1)?)?;
        }
        options::tokens_from_secret_items(items)?
    } else {
        match convert::manifest(&secrets)? {
            convert::Manifest::Text(t) => {
                let t = t.into_owned();
                py.detach(move || options::tokens_from_secret_list(&t))?
            }
            convert::Manifest::Value(v) => {
                py.detach(move || options::tokens_from_secret_list_value(&v))?
            }
        }
    };
    let out = pyo3::types::PyList::empty(py);
    for item in &items {
        match item {
            Ok(_) => out.append(secretive(py, &SecretListEntry::from(item))?)?,
            Err(_) => out.append(plain(py, &SecretListEntry::from(item))?)?,
        }
    }
    Ok(out.into_any())
}

// ---- API server, controllers, listing, delete ------------------------------------------

/// The kube-apiserver bootstrap-token authenticator over the given Secrets.
#[pyfunction]
#[pyo3(signature = (token, secrets, now=None))]
pub fn authenticate<'py>(
    py: Python<'py>,
    token: Str<'_>,
    secrets: Checked<'_, 'py>,
    now: In<'_, 'py>,
) -> Obj<'py> {
    let list = all_secrets(&secrets)?;
    let now = now_or_clock(now.as_deref())?;
    plain(
        py,
        &AuthenticationResult::from(&authn::authenticate(&token, &list, now)),
    )
}

/// `GetGroups`: `system:bootstrappers` plus the Secret's extra groups, sorted.
#[pyfunction]
pub fn get_groups(secret: Checked<'_, '_>) -> KtResult<Vec<String>> {
    Ok(authn::get_groups(&convert::secret(&secret)?)?)
}

/// `GetExpiration`: the time left and whether the token has expired.
#[pyfunction]
#[pyo3(signature = (secret, now=None))]
pub fn token_expiration<'py>(
    py: Python<'py>,
    secret: Checked<'_, 'py>,
    now: In<'_, 'py>,
) -> Obj<'py> {
    let s = convert::secret(&secret)?;
    plain(py, &authn::expiration(&s, now_or_clock(now.as_deref())?))
}

/// The BootstrapSigner's check: the ID and secret to sign with, or `None`.
#[pyfunction]
#[pyo3(signature = (secret, now=None))]
pub fn signing_credentials<'py>(
    py: Python<'py>,
    secret: Checked<'_, 'py>,
    now: In<'_, 'py>,
) -> Obj<'py> {
    let s = convert::secret(&secret)?;
    match authn::signing_credentials(&s, now_or_clock(now.as_deref())?) {
        None => Ok(py.None().into_bound(py)),
        Some(c) => secretive(py, &c),
    }
}

/// The TokenCleaner's decision for a Secret: delete, requeue or nothing.
#[pyfunction]
#[pyo3(signature = (secret, now=None))]
pub fn cleaner_action<'py>(
    py: Python<'py>,
    secret: Checked<'_, 'py>,
    now: In<'_, 'py>,
) -> Obj<'py> {
    let s = convert::secret(&secret)?;
    plain(
        py,
        &authn::cleaner_action(&s, now_or_clock(now.as_deref())?),
    )
}

fn flavour(f: Option<&str>) -> KtResult<Flavour> {
    Ok(f.map_or(Ok(Flavour::Kubeadm), Flavour::parse)?)
}

fn format(f: Option<&str>) -> KtResult<ListFormat> {
    Ok(f.map_or(Ok(ListFormat::Text), ListFormat::parse)?)
}

/// `kubeadm token list` (or karmada/k3s/rke2) over Secrets, without a cluster.
#[pyfunction]
#[pyo3(signature = (secrets, now=None, format=None, flavour=None))]
pub fn list_tokens<'py>(
    py: Python<'py>,
    secrets: Checked<'_, 'py>,
    now: In<'_, 'py>,
    format: Option<Str<'_>>,
    flavour: Option<Str<'_>>,
) -> Obj<'py> {
    let (fmt, fl) = (
        self::format(format.as_deref())?,
        self::flavour(flavour.as_deref())?,
    );
    let items = self::secrets_arg(&secrets)?;
    let now = now_or_clock(now.as_deref())?;
    let l = py.detach(|| list::list_token_results(&items, now, fmt, fl))?;
    secretive(py, &l)
}

fn secrets_arg(obj: &Bound<'_, PyAny>) -> KtResult<Vec<kubetoken::Result<kubetoken::Secret>>> {
    secrets(obj)
}

/// The `token list` printer alone, over token objects (`{token, description?, ttl?,
/// expires?, usages?, groups?}`; a `parse_secret` result's `id` is ignored).
#[pyfunction]
#[pyo3(signature = (tokens=None, now=None, format=None, flavour=None))]
pub fn render_token_list(
    tokens: In<'_, '_>,
    now: In<'_, '_>,
    format: Option<Str<'_>>,
    flavour: Option<Str<'_>>,
) -> KtResult<String> {
    let (fmt, fl) = (
        self::format(format.as_deref())?,
        self::flavour(flavour.as_deref())?,
    );
    let mut specs = Vec::new();
    if let Some(tokens) = tokens.filter(|t| !t.is_none()) {
        let Some(tokens) = convert::sequence(&tokens) else {
            return Err(convert::type_error(
                "tokens: expected a list of token dicts".to_owned(),
            ));
        };
        for item in tokens.try_iter()? {
            let mut v = convert::to_json(&item?, 1)?;
            if let Some(m) = v.as_object_mut() {
                m.shift_remove("id");
            }
            specs.push(TokenInput::from_value(&v)?.resolve()?.to_spec_exact()?);
        }
    }
    Ok(list::render(
        &specs,
        now_or_clock(now.as_deref())?,
        fmt,
        fl,
    )?)
}

/// `token delete` arguments (IDs or full tokens) → Secret names, all checked first.
#[pyfunction]
#[pyo3(signature = (args, flavour=None))]
pub fn delete_token_names(
    args: Checked<'_, '_>,
    flavour: Option<Str<'_>>,
) -> KtResult<Vec<String>> {
    Ok(list::delete_token_names(
        &strings(&args)?,
        self::flavour(flavour.as_deref())?,
    )?)
}

// ---- JWS, cluster-info discovery, join commands ----------------------------------------

/// cluster-bootstrap `ComputeDetachedSignature`: `<header>..<signature>`.
#[pyfunction]
pub fn compute_jws(
    content: Checked<'_, '_>,
    token_id: Str<'_>,
    token_secret: Checked<'_, '_>,
) -> KtResult<String> {
    Ok(kubetoken::jws::compute_checked(
        &bytes(&content)?,
        &token_id,
        &bytes(&token_secret)?,
    )?)
}

/// `DetachedTokenIsValid` (constant-time; only the canonical form verifies).
#[pyfunction]
pub fn verify_jws(
    signature: Str<'_>,
    content: Checked<'_, '_>,
    token_id: Str<'_>,
    token_secret: Checked<'_, '_>,
) -> KtResult<bool> {
    Ok(kubetoken::jws::verify_checked(
        &signature,
        &bytes(&content)?,
        &token_id,
        &bytes(&token_secret)?,
    )?)
}

fn configmap(obj: &Bound<'_, PyAny>) -> KtResult<ConfigMap> {
    read(obj, |t| ConfigMap::parse(t), ConfigMap::from_value)
}

fn kubeconfig_arg(obj: &Bound<'_, PyAny>) -> KtResult<Kubeconfig> {
    read(obj, |t| Kubeconfig::parse(t), Kubeconfig::from_value)
}

/// The BootstrapSigner over the cluster-info ConfigMap.
#[pyfunction]
#[pyo3(signature = (configmap, secrets, now=None))]
pub fn sign_cluster_info<'py>(
    py: Python<'py>,
    configmap: Checked<'_, 'py>,
    secrets: Checked<'_, 'py>,
    now: In<'_, 'py>,
) -> Obj<'py> {
    let (cm, list, now) = (
        self::configmap(&configmap)?,
        all_secrets(&secrets)?,
        now_or_clock(now.as_deref())?,
    );
    let out = py.detach(|| discovery::sign_cluster_info(&cm, &list, now))?;
    plain(py, &out)
}

/// kubeadm join token discovery (without I/O): the signature and the CA pins.
#[pyfunction]
#[pyo3(signature = (configmap, token, ca_cert_hashes=None))]
pub fn verify_cluster_info<'py>(
    py: Python<'py>,
    configmap: Checked<'_, 'py>,
    token: Str<'_>,
    ca_cert_hashes: In<'_, 'py>,
) -> Obj<'py> {
    let (cm, pins) = (
        self::configmap(&configmap)?,
        opt_strings(ca_cert_hashes.as_deref())?,
    );
    let r = py.detach(|| discovery::verify_cluster_info(&cm, &token, &pins))?;
    plain(py, &r)
}

/// `kubeconfig` (+ `context`) | `server` + `ca_pem` | `server` + `ca_cert_hashes`.
fn target(
    kubeconfig: In<'_, '_>,
    context: Option<Str<'_>>,
    server: Option<Str<'_>>,
    ca_pem: In<'_, '_>,
    ca_cert_hashes: In<'_, '_>,
) -> KtResult<JoinTarget> {
    let kubeconfig = kubeconfig.filter(|k| !k.is_none());
    let kubeconfig = match &kubeconfig {
        Some(kc) => Some(convert::manifest(kc)?),
        None => None,
    };
    let pem = opt_bytes(ca_pem.as_deref())?;
    let hashes = opt_strings(ca_cert_hashes.as_deref())?;
    let kubeconfig = match kubeconfig {
        Some(convert::Manifest::Text(t)) => Some(Kubeconfig::parse(&t)?),
        Some(convert::Manifest::Value(v)) => Some(Kubeconfig::from_value(&v)?),
        None => None,
    };
    Ok(JoinTarget::first_given(
        kubeconfig.as_ref(),
        context.as_deref(),
        server.as_deref().unwrap_or(""),
        pem.as_deref(),
        &hashes,
    )?)
}

/// `kubeadm token create --print-join-command` (without the final newline).
#[pyfunction]
#[pyo3(signature = (token=None, *, kubeconfig=None, context=None, server=None, ca_pem=None, ca_cert_hashes=None, control_plane=None, certificate_key=None, withhold_token=None, withhold_certificate_key=None, multiline=None))]
#[allow(clippy::too_many_arguments)]
pub fn join_command(
    token: Option<Str<'_>>,
    kubeconfig: In<'_, '_>,
    context: Option<Str<'_>>,
    server: Option<Str<'_>>,
    ca_pem: In<'_, '_>,
    ca_cert_hashes: In<'_, '_>,
    control_plane: Option<bool>,
    certificate_key: Option<Str<'_>>,
    withhold_token: Option<bool>,
    withhold_certificate_key: Option<bool>,
    multiline: Option<bool>,
) -> KtResult<String> {
    let t = target(kubeconfig, context, server, ca_pem, ca_cert_hashes)?;
    let opts = JoinOptions {
        control_plane: control_plane.unwrap_or(false),
        certificate_key: certificate_key.as_deref().unwrap_or("").to_owned(),
        withhold_token: withhold_token.unwrap_or(false),
        withhold_certificate_key: withhold_certificate_key.unwrap_or(false),
        multiline: multiline.unwrap_or(false),
    };
    Ok(join::kubeadm_join_command(
        token.as_deref().unwrap_or(""),
        &t,
        &opts,
    )?)
}

/// `karmadactl token create --print-register-command` (without the final newline).
#[pyfunction]
#[pyo3(signature = (token, *, kubeconfig=None, context=None, server=None, ca_pem=None, ca_cert_hashes=None, parent_command=None))]
pub fn register_command(
    token: Str<'_>,
    kubeconfig: In<'_, '_>,
    context: Option<Str<'_>>,
    server: Option<Str<'_>>,
    ca_pem: In<'_, '_>,
    ca_cert_hashes: In<'_, '_>,
    parent_command: Option<Str<'_>>,
) -> KtResult<String> {
    let t = target(kubeconfig, context, server, ca_pem, ca_cert_hashes)?;
    Ok(join::karmada_register_command(
        &token,
        &t,
        parent_command.as_deref().unwrap_or(""),
    )?)
}

/// The clusters and contexts of a kubeconfig (users are never read).
#[pyfunction]
pub fn parse_kubeconfig<'py>(py: Python<'py>, kubeconfig: Checked<'_, 'py>) -> Obj<'py> {
    plain(py, &KubeconfigInfo::from(&kubeconfig_arg(&kubeconfig)?))
}

/// The `kubeconfig` kubeadm puts in the cluster-info ConfigMap.
#[pyfunction]
pub fn cluster_info_kubeconfig(server: Str<'_>, ca_pem: Checked<'_, '_>) -> KtResult<String> {
    Ok(kubeconfig::render_cluster_info_kubeconfig(
        &server,
        &bytes(&ca_pem)?,
    )?)
}

// ---- CA pins, k3s/rke2 -------------------------------------------------------------------

/// kubeadm's CA pins: `sha256:<hex>` of each certificate's SubjectPublicKeyInfo.
#[pyfunction]
pub fn ca_cert_hashes(py: Python<'_>, pem: Checked<'_, '_>) -> KtResult<Vec<String>> {
    let pem = bytes(&pem)?;
    Ok(py.detach(|| pin::hashes_from_pem(&pem))?)
}

/// `--discovery-token-ca-cert-hash` values checked (`pubkeypin.Set.Allow`), lowercased.
#[pyfunction]
pub fn parse_ca_pins(pins: Checked<'_, '_>) -> KtResult<Vec<String>> {
    let pins = strings(&pins)?;
    api::pin_set(&pins)?;
    Ok(pins.iter().map(|p| p.to_ascii_lowercase()).collect())
}

/// Whether any certificate of `pem` is pinned (an answer, not an error).
#[pyfunction]
pub fn check_ca_pins<'py>(
    py: Python<'py>,
    pem: Checked<'_, 'py>,
    pins: Checked<'_, 'py>,
) -> Obj<'py> {
    // Types first (pem, pins), then the pins' values, then the PEM's.
    let (pem, pins) = (bytes(&pem)?, strings(&pins)?);
    let set = api::pin_set(&pins)?;
    let check = py.detach(|| pem::certificates(&pem).and_then(|ders| set.check_any(&ders)))?;
    plain(py, &pin::PinCheck::from_check(check))
}

/// A k3s/rke2 token (`K10<hash>::<id>.<secret>`, `K10<hash>::<user>:<password>`, bare).
#[pyfunction]
pub fn parse_k3s_token<'py>(py: Python<'py>, token: Str<'_>) -> Obj<'py> {
    secretive(py, &K3sTokenInfo::from(&K3sToken::parse(&token)?))
}

/// `K10<ca hash>::<credentials>` for this CA bundle (`FormatTokenBytes`).
#[pyfunction]
#[pyo3(signature = (credentials, bundle, now=None))]
pub fn format_k3s_token(
    py: Python<'_>,
    credentials: Str<'_>,
    bundle: Checked<'_, '_>,
    now: In<'_, '_>,
) -> KtResult<String> {
    let (bundle, now) = (bytes(&bundle)?, now_or_clock(now.as_deref())?);
    Ok(py.detach(|| k3s::format_token(&credentials, &bundle, now))?)
}

fn k3s_user(token: &str, user: Option<&str>) -> KtResult<K3sToken> {
    let t = K3sToken::parse(token)?;
    Ok(match user {
        Some(u) => t.with_user(u),
        None => t,
    })
}

/// The token as k3s writes it back (`Info.String()`, with the CA hash of `bundle`).
#[pyfunction]
#[pyo3(signature = (token, bundle=None, now=None, user=None))]
pub fn k3s_token_string(
    py: Python<'_>,
    token: Str<'_>,
    bundle: In<'_, '_>,
    now: In<'_, '_>,
    user: Option<Str<'_>>,
) -> KtResult<String> {
    // The arguments' types, then the token's value, then `now`'s.
    let bundle = opt_bytes(bundle.as_deref())?;
    let t = k3s_user(&token, user.as_deref())?;
    let now = now_or_clock(now.as_deref())?;
    Ok(py.detach(|| t.to_token_string(bundle.as_deref(), now)))
}

/// The CA hash a k3s server puts in its `K10` tokens for this CA bundle (raw bytes).
#[pyfunction]
#[pyo3(signature = (bundle, now=None))]
pub fn k3s_ca_hash<'py>(py: Python<'py>, bundle: Checked<'_, 'py>, now: In<'_, 'py>) -> Obj<'py> {
    let (bundle, now) = (bytes(&bundle)?, now_or_clock(now.as_deref())?);
    let h = py.detach(|| k3s::ca_hash(&bundle, now))?;
    plain(py, &h)
}

/// Which certificate k3s's CA hash covers, how, and why it fell back (with kubeadm pins).
#[pyfunction]
#[pyo3(signature = (bundle, now=None))]
pub fn explain_k3s_ca_hash<'py>(
    py: Python<'py>,
    bundle: Checked<'_, 'py>,
    now: In<'_, 'py>,
) -> Obj<'py> {
    let (bundle, now) = (bytes(&bundle)?, now_or_clock(now.as_deref())?);
    let e = py.detach(|| k3s::explain_ca_hash(&bundle, now))?;
    plain(py, &e)
}

/// An agent's check of the server's CA bundle against the token's CA hash (an answer).
#[pyfunction]
#[pyo3(signature = (token, bundle=None, now=None, user=None))]
pub fn verify_k3s_ca<'py>(
    py: Python<'py>,
    token: Str<'_>,
    bundle: In<'_, 'py>,
    now: In<'_, 'py>,
    user: Option<Str<'_>>,
) -> Obj<'py> {
    // The arguments' types, then the token's value, then `now`'s.
    let bundle = opt_bytes(bundle.as_deref())?;
    let t = k3s_user(&token, user.as_deref())?;
    let now = now_or_clock(now.as_deref())?;
    let c = py.detach(|| k3s::verify_ca(t.ca_hash(), bundle.as_deref(), now));
    plain(py, &CaVerification::new(&c, t.username()))
}

/// The HTTP credentials an agent presents for this token (`header` is secret).
#[pyfunction]
#[pyo3(signature = (token, user=None))]
pub fn k3s_credentials<'py>(py: Python<'py>, token: Str<'_>, user: Option<Str<'_>>) -> Obj<'py> {
    let t = K3sToken::parse(&token)?;
    secretive(
        py,
        &CredentialHeader::from(&k3s::credentials(&t, user.as_deref())),
    )
}

/// The passphrase k3s derives keys from (`NormalizeToken`; secret).
#[pyfunction]
pub fn k3s_normalize_token(token: Str<'_>) -> KtResult<String> {
    Ok(k3s::normalize_token(&token)?.as_str().to_owned())
}

/// The password `Passwd.EnsureUser` stores for user `name` (strips `K10…::<name>:`).
#[pyfunction]
pub fn k3s_passwd_password(name: Str<'_>, passwd: Str<'_>) -> String {
    k3s::passwd_password(&name, &passwd).to_owned()
}

/// The hash k3s stores to recognise a token (`ShortHash` of the passphrase).
#[pyfunction]
pub fn k3s_token_hash(passphrase: Str<'_>) -> String {
    k3s::token_hash(&passphrase)
}

/// `"/bootstrap/<token hash>"`: where k3s keeps its bootstrap data for this passphrase.
#[pyfunction]
pub fn k3s_storage_key(passphrase: Str<'_>) -> String {
    k3s::storage_key(&passphrase)
}

/// Encrypts k3s bootstrap data (PBKDF2 + AES-GCM): `"<salt>:<base64>"`. Salt and nonce
/// are random; `salt`/`nonce` (24 hex) are for reproducing test vectors only — a nonce
/// used twice with one key breaks AES-GCM.
#[pyfunction]
#[pyo3(signature = (passphrase, plaintext, *, salt=None, nonce=None))]
pub fn k3s_encrypt(
    py: Python<'_>,
    passphrase: Str<'_>,
    plaintext: Checked<'_, '_>,
    salt: Option<Str<'_>>,
    nonce: Option<Str<'_>>,
) -> KtResult<String> {
    let pt = bytes(&plaintext)?;
    match (salt, nonce) {
        (Some(salt), Some(n)) => {
            let n = api::nonce(&n)?;
            Ok(py.detach(|| k3s::encrypt_with(&passphrase, &pt, &salt, n))?)
        }
        (None, None) => Ok(py.detach(|| k3s::encrypt(&passphrase, &pt))?),
        _ => Err(Error::InvalidOptions("salt and nonce go together".to_owned()).into()),
    }
}

/// Decrypts k3s bootstrap data: the plaintext `bytes`; raises `CryptoError`.
#[pyfunction]
pub fn k3s_decrypt<'py>(
    py: Python<'py>,
    passphrase: Str<'_>,
    value: Checked<'_, 'py>,
) -> KtResult<Bound<'py, PyBytes>> {
    let value = bytes(&value)?;
    let pt = py.detach(|| k3s::decrypt(&passphrase, &value))?;
    Ok(PyBytes::new(py, &pt))
}

/// Whether `token` decrypts this bootstrap data (check before restoring a snapshot).
#[pyfunction]
pub fn k3s_token_opens(py: Python<'_>, token: Str<'_>, value: Checked<'_, '_>) -> KtResult<bool> {
    let value = bytes(&value)?;
    Ok(py.detach(|| k3s::token_opens(&token, &value))?)
}

/// What `k3s token create` prints for this token and CA bundle.
#[pyfunction]
#[pyo3(signature = (token, bundle, now=None))]
pub fn k3s_token_create_output(
    py: Python<'_>,
    token: Str<'_>,
    bundle: Checked<'_, '_>,
    now: In<'_, '_>,
) -> KtResult<String> {
    let bundle = bytes(&bundle)?;
    let t = BootstrapToken::parse(&token)?;
    let now = now_or_clock(now.as_deref())?;
    Ok(py.detach(|| k3s::token_create_output(&t, &bundle, now))?)
}

/// What `k3s token generate` prints: a new random token and a newline.
#[pyfunction]
pub fn k3s_token_generate() -> KtResult<String> {
    Ok(k3s::token_generate_output()?)
}

// ---- inspect and redact -------------------------------------------------------------

/// What `text` is and whether it is usable for `purpose` (never the secret).
#[pyfunction]
#[pyo3(signature = (text, purpose=None))]
pub fn inspect_token<'py>(
    py: Python<'py>,
    text: Checked<'_, 'py>,
    purpose: Option<Str<'_>>,
) -> Obj<'py> {
    let purpose = purpose
        .as_deref()
        .map(kubetoken::inspect::Purpose::parse)
        .transpose()?;
    plain(
        py,
        &kubetoken::inspect::inspect_token(&bytes(&text)?, purpose)?,
    )
}

/// `text` with every secret masked: `str` in → `str` out, `bytes` in → `bytes` out.
#[pyfunction]
pub fn redact<'py>(py: Python<'py>, text: Checked<'_, 'py>) -> Obj<'py> {
    if let Ok(s) = text.cast::<pyo3::types::PyString>() {
        let s = convert::text(s)?;
        let out = py.detach(|| kubetoken::redact::redact_text(&s))?;
        return Ok(pyo3::types::PyString::new(py, &out).into_any());
    }
    let b = bytes(&text)?;
    let out = py.detach(|| kubetoken::redact::redact_bytes(&b))?;
    Ok(PyBytes::new(py, &out).into_any())
}

/// `k3s token rotate` offline: the new token checked (or generated), the storage keys,
/// the bootstrap-data blob re-encrypted. `random` (hex) replays test bytes.
#[pyfunction]
#[pyo3(signature = (token, new_token=None, value=None, *, random=None))]
pub fn k3s_rotate<'py>(
    py: Python<'py>,
    token: Str<'_>,
    new_token: Option<Str<'_>>,
    value: In<'_, 'py>,
    random: Option<Str<'_>>,
) -> Obj<'py> {
    let value = opt_bytes(value.as_deref())?;
    let new_token = new_token.as_deref();
    let r = py.detach(|| match random.as_deref() {
        Some(hex) => k3s::rotate_with(&token, new_token, value.as_deref(), &mut k3s::replay(hex)?),
        None => k3s::rotate(&token, new_token, value.as_deref()),
    })?;
    secretive(py, &r)
}

/// The index of the first token that opens the bootstrap-data blob, or `None`.
#[pyfunction]
pub fn k3s_which_token_opens(
    py: Python<'_>,
    tokens: Checked<'_, '_>,
    value: Checked<'_, '_>,
) -> KtResult<Option<usize>> {
    let (tokens, value) = (strings(&tokens)?, bytes(&value)?);
    Ok(py.detach(|| k3s::which_token_opens(&tokens, &value))?)
}

/// The k3s/rke2 join lines (command, install script, config file); carries the token.
#[pyfunction]
#[pyo3(signature = (server, token, flavour=None, role=None))]
pub fn k3s_join_command<'py>(
    py: Python<'py>,
    server: Str<'_>,
    token: Str<'_>,
    flavour: Option<Str<'_>>,
    role: Option<Str<'_>>,
) -> Obj<'py> {
    let j = join::k3s_join_command_with(&server, &token, flavour.as_deref(), role.as_deref())?;
    secretive(py, &j)
}

// ---- the command line (kubetoken._cli) ------------------------------------------------

/// `kubetoken <argv>` (core `cli::run`) with the clock and the OS random source:
/// `(stdout, stderr, exit status)`.
#[pyfunction]
pub fn _cli_run<'py>(
    py: Python<'py>,
    argv: Vec<String>,
    stdin: &Bound<'py, PyAny>,
) -> KtResult<(Bound<'py, PyBytes>, Bound<'py, PyBytes>, i32)> {
    let stdin = bytes(stdin)?;
    let now = now_or_clock(None)?;
    let out = py.detach(|| kubetoken::cli::run(&argv, &stdin, now, &mut token::os_random));
    Ok((
        PyBytes::new(py, &out.stdout),
        PyBytes::new(py, &out.stderr),
        out.code,
    ))
}

/// Whether `kubetoken <argv>` reads stdin.
#[pyfunction]
pub fn _cli_reads_stdin(argv: Vec<String>) -> bool {
    kubetoken::cli::reads_stdin(&argv)
}

/// Registers every function above on the module.
pub fn register(m: &Bound<'_, pyo3::types::PyModule>) -> PyResult<()> {
    macro_rules! add {
        ($($f:ident),* $(,)?) => { $( m.add_function(wrap_pyfunction!($f, m)?)?; )* };
    }
    add!(
        generate_token,
        parse_token,
        token_from_parts,
        is_valid_token,
        is_valid_token_id,
        secret_name,
        parse_secret_name,
        parse_duration,
        short_human_duration,
        parse_rfc3339,
        validate_group,
        validate_usages,
        validate_token_groups,
        validate_token_options,
        render_secret,
        render_secret_yaml,
        encode_token_secret,
        parse_secret,
        parse_secret_list,
        authenticate,
        get_groups,
        token_expiration,
        signing_credentials,
        cleaner_action,
        list_tokens,
        render_token_list,
        delete_token_names,
        compute_jws,
        verify_jws,
        sign_cluster_info,
        verify_cluster_info,
        join_command,
        register_command,
        parse_kubeconfig,
        cluster_info_kubeconfig,
        ca_cert_hashes,
        parse_ca_pins,
        check_ca_pins,
        parse_k3s_token,
        format_k3s_token,
        k3s_token_string,
        k3s_ca_hash,
        explain_k3s_ca_hash,
        verify_k3s_ca,
        k3s_credentials,
        k3s_normalize_token,
        k3s_passwd_password,
        k3s_token_hash,
        k3s_storage_key,
        k3s_encrypt,
        k3s_decrypt,
        k3s_token_opens,
        k3s_token_create_output,
        k3s_token_generate,
        k3s_join_command,
        k3s_rotate,
        k3s_which_token_opens,
        inspect_token,
        redact,
        _cli_run,
        _cli_reads_stdin,
    );
    Ok(())
}
