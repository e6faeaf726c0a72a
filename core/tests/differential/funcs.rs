//! The functions both sides have: the oracle's name, an input generator, and our answer in
//! the oracle's result shape.

use kubetoken::join::{JoinOptions, JoinTarget, kubeadm_join_command};
use kubetoken::kubeconfig::Kubeconfig;
use kubetoken::list::{self, ListFormat};
use kubetoken::options::{self, TokenSpec};
use kubetoken::x509::pem;
use kubetoken::{
    BootstrapToken, Duration, Flavour, Secret, Timestamp, authn, jws, k3s, pin, token,
};
use serde_json::{Value, json};

use super::inputs::{self, Rng};
use super::{Func, Outcome};

fn s<'a>(v: &'a Value, k: &str) -> &'a str {
    v.get(k).and_then(Value::as_str).unwrap_or("")
}

fn i(v: &Value, k: &str) -> i64 {
    v.get(k).and_then(Value::as_i64).unwrap_or(0)
}

fn out<T: serde::Serialize>(r: kubetoken::Result<T>) -> Outcome {
    match r {
        Ok(v) => Outcome::Ok(json!(v)),
        Err(e) => Outcome::Err(format!("{}: {e}", e.code())),
    }
}

fn id_secret(t: &BootstrapToken) -> Value {
    json!({"id": t.id(), "secret": t.secret()})
}

fn time_answer(t: &Timestamp) -> Value {
    json!({
        "rfc3339": t.to_rfc3339(),
        "utc": t.to_rfc3339_utc(),
        "unix": t.unix(),
        "nanosecond": t.subsec_nanos(),
        "offset": t.offset_seconds(),
    })
}

fn strs(v: &Value, k: &str) -> Vec<String> {
    v.get(k)
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

fn ts(v: &Value, k: &str) -> Timestamp {
    Timestamp::parse_rfc3339(s(v, k)).expect("generated times are valid")
}

/// Our decoding of a generated Secret manifest, then `f`.
fn with_secret(a: &Value, f: impl FnOnce(&Secret) -> Outcome) -> Outcome {
    match Secret::from_value(&a["secret"]) {
        Ok(secret) => f(&secret),
        Err(e) => Outcome::Err(format!("{}: {e}", e.code())),
    }
}

/// Go marshals an empty (nil) slice as `null`.
fn go_list(v: &[String]) -> Value {
    if v.is_empty() { Value::Null } else { json!(v) }
}

fn secret_request(r: &mut Rng) -> Value {
    let now = inputs::now_unix();
    let t = if r.pct(90) {
        inputs::valid_token(r)
    } else {
        inputs::token_like(r)
    };
    json!({"secret": inputs::secret_manifest(r, &t, now)})
}

fn b64(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// `token list` in the oracle's shape: the output bytes, how many manifests failed to
/// decode, and (kubeadm yaml) which decoded tokens the YAML printer refuses.
fn list_answer(a: &Value) -> Outcome {
    let items: Vec<kubetoken::Result<Secret>> = a["secrets"]
        .as_array()
        .into_iter()
        .flatten()
        .map(Secret::from_value)
        .collect();
    let now = ts(a, "now");
    let format = ListFormat::parse(s(a, "format")).expect("generated format");
    let flavour = Flavour::parse(s(a, "flavour")).expect("generated flavour");
    let l = match list::list_token_results(&items, now, format, flavour) {
        Ok(l) => l,
        Err(e) => return Outcome::Err(format!("{}: {e}", e.code())),
    };
    let (tokens, decode_errors) = list::decode_tokens(&items);
    let mut refused = Vec::new();
    if (flavour, format) == (Flavour::Kubeadm, ListFormat::Yaml) {
        for (i, t) in tokens.iter().enumerate() {
            if list::render(std::slice::from_ref(t), now, format, flavour).is_err() {
                refused.push(i);
            }
        }
    }
    Outcome::Ok(json!({
        "output": b64(&l.output_bytes),
        "errors": decode_errors.len(),
        "refused": refused,
    }))
}

/// A token's Secret as the YAML text `render_secret_yaml` gives, and the object that
/// text must read back as.
fn secret_yaml_case(r: &mut Rng) -> (String, Value) {
    let spec = TokenSpec {
        token: BootstrapToken::parse(&inputs::valid_token(r)).expect("valid token"),
        description: String::from_utf8_lossy(&inputs::description_bytes(r)).into_owned(),
        ttl: None,
        expires: r
            .pct(60)
            .then(|| Timestamp::parse_rfc3339(&inputs::valid_timestamp(r)).expect("valid")),
        usages: inputs::list_of(r, 3, inputs::usage_like),
        groups: inputs::list_of(r, 3, inputs::group_like),
    };
    let secret = spec.to_secret(Timestamp::from_unix(inputs::now_unix()));
    if r.pct(50) {
        (secret.to_yaml().expect("yaml"), secret.to_value())
    } else {
        (
            secret.to_string_data_yaml().expect("yaml"),
            secret.to_string_data_value().expect("value"),
        )
    }
}

pub fn all() -> Vec<Func> {
    vec![
        // --- token list printers (core/src/list/print.rs, go/yaml.rs, go/tabwriter.rs) ---
        Func {
            name: "list_tokens",
            weight: 15,
            make: |r: &mut Rng| {
                let now = inputs::now_unix();
                let n = *r.pick(&[0, 1, 1, 1, 2, 2, 3, 5]);
                let secrets: Vec<Value> = (0..n).map(|_| inputs::list_secret(r, now)).collect();
                let (flavour, format) = *r.pick(&[
                    ("kubeadm", "text"),
                    ("kubeadm", "json"),
                    ("kubeadm", "yaml"),
                    ("kubeadm", "yaml"),
                    ("kubeadm", "yaml"),
                    ("karmada", "text"),
                    ("k3s", "text"),
                    ("k3s", "json"),
                    ("k3s", "yaml"),
                    ("k3s", "yaml"),
                ]);
                json!({
                    "secrets": secrets,
                    "now": inputs::time_at(r, now),
                    "format": format,
                    "flavour": flavour,
                })
            },
            ours: list_answer,
            shrink: None,
        },
        // --- render_secret_yaml read back by sigs.k8s.io/yaml (core/src/secret.rs) ---
        Func {
            name: "yaml_to_json",
            weight: 3,
            make: |r: &mut Rng| {
                let (yaml, want) = secret_yaml_case(r);
                json!({"yaml": yaml, "want": want})
            },
            // What our YAML is meant to read back as: the manifest object itself.
            ours: |a| Outcome::Ok(a["want"].clone()),
            shrink: None,
        },
        // --- YAML scalars as sigs.k8s.io/yaml reads them into a Secret (core/src/manifest.rs) ---
        Func {
            name: "yaml_string_data",
            weight: 3,
            make: |r: &mut Rng| {
                let n = r.range(1, 4);
                let values: String = (0..n)
                    .map(|i| format!("  k{i}: {}\n", inputs::yaml_scalar(r)))
                    .collect();
                let flow = (0..n)
                    .map(|i| format!("k{i}: {}", inputs::yaml_scalar(r)))
                    .collect::<Vec<_>>()
                    .join(", ");
                let string_data = if r.pct(70) {
                    format!("stringData:\n{values}")
                } else {
                    format!("stringData: {{{flow}}}\n")
                };
                json!({"yaml": format!(
                    "apiVersion: v1\nkind: Secret\nmetadata:\n  name: bootstrap-token-abcdef\n  \
                     namespace: kube-system\n{string_data}"
                )})
            },
            // The Secret's values: every key came in through stringData.
            ours: |a| match Secret::parse(s(a, "yaml")) {
                Ok(sec) => Outcome::Ok(json!(
                    sec.data
                        .iter()
                        .flatten()
                        .map(|(k, v)| (k.clone(), String::from_utf8_lossy(v).into_owned()))
                        .collect::<std::collections::BTreeMap<_, _>>()
                )),
                Err(e) => Outcome::Err(format!("{}: {e}", e.code())),
            },
            shrink: None,
        },
        // --- tokens (core/src/token.rs) ---
        Func {
            name: "is_valid_token",
            weight: 10,
            make: |r| json!({"token": inputs::token_like(r)}),
            ours: |a| Outcome::Ok(json!(token::is_valid_token(s(a, "token")))),
            shrink: Some("token"),
        },
        Func {
            name: "is_valid_token_id",
            weight: 5,
            make: |r| json!({"token_id": inputs::id_like(r)}),
            ours: |a| Outcome::Ok(json!(token::is_valid_token_id(s(a, "token_id")))),
            shrink: Some("token_id"),
        },
        Func {
            name: "secret_name",
            weight: 1,
            make: |r| json!({"token_id": inputs::id_like(r)}),
            ours: |a| Outcome::Ok(json!(token::secret_name(s(a, "token_id")))),
            shrink: Some("token_id"),
        },
        Func {
            name: "parse_secret_name",
            weight: 5,
            make: |r: &mut Rng| {
                let name = format!("bootstrap-token-{}", inputs::id_like(r));
                let name = if r.pct(30) {
                    inputs::mutate(r, &name)
                } else {
                    name
                };
                json!({"name": name})
            },
            ours: |a| Outcome::Ok(json!(token::parse_secret_name(s(a, "name")))),
            shrink: Some("name"),
        },
        Func {
            name: "parse_token",
            weight: 8,
            make: |r| json!({"token": inputs::token_like(r)}),
            ours: |a| out(BootstrapToken::parse(s(a, "token")).map(|t| id_secret(&t))),
            shrink: Some("token"),
        },
        Func {
            name: "new_bootstrap_token_string",
            weight: 4,
            make: |r| json!({"token": inputs::token_like(r)}),
            ours: |a| {
                out(s(a, "token")
                    .parse::<BootstrapToken>()
                    .map(|t| id_secret(&t)))
            },
            shrink: Some("token"),
        },
        Func {
            name: "token_from_id_and_secret",
            weight: 4,
            make: |r: &mut Rng| {
                let t = inputs::token_like(r);
                let (id, secret) = match t.split_once('.') {
                    Some((a, b)) if r.pct(80) => (a.to_owned(), b.to_owned()),
                    _ => (inputs::id_like(r), inputs::id_like(r) + &inputs::id_like(r)),
                };
                json!({"id": id, "secret": secret})
            },
            ours: |a| {
                out(BootstrapToken::from_parts(s(a, "id"), s(a, "secret")).map(|t| id_secret(&t)))
            },
            shrink: Some("secret"),
        },
        // --- Go durations (core/src/go/duration.rs) ---
        Func {
            name: "parse_duration",
            weight: 14,
            make: |r| json!({"duration": inputs::duration_text(r)}),
            ours: |a| {
                out(Duration::parse_go(s(a, "duration"))
                    .map(|d| json!({"string": d.to_go_string(), "nanos": d.as_nanos()})))
            },
            shrink: Some("duration"),
        },
        Func {
            name: "duration_string",
            weight: 6,
            make: |r| json!({"nanos": inputs::nanos(r)}),
            ours: |a| Outcome::Ok(json!(Duration::from_nanos(i(a, "nanos")).to_go_string())),
            shrink: None,
        },
        Func {
            name: "short_human_duration",
            weight: 6,
            make: |r| json!({"nanos": inputs::nanos(r)}),
            ours: |a| Outcome::Ok(json!(Duration::from_nanos(i(a, "nanos")).short_human())),
            shrink: None,
        },
        // --- Go RFC3339 times (core/src/go/time.rs) ---
        Func {
            name: "parse_rfc3339",
            weight: 16,
            make: |r| json!({"timestamp": inputs::timestamp_text(r)}),
            ours: |a| out(Timestamp::parse_rfc3339(s(a, "timestamp")).map(|t| time_answer(&t))),
            shrink: Some("timestamp"),
        },
        Func {
            name: "add_format",
            weight: 6,
            make: |r| json!({"timestamp": inputs::valid_timestamp(r), "nanos": inputs::nanos(r)}),
            ours: |a| {
                out(Timestamp::parse_rfc3339(s(a, "timestamp"))
                    .map(|t| json!((t + Duration::from_nanos(i(a, "nanos"))).to_rfc3339_utc())))
            },
            shrink: None,
        },
        // --- groups and usages (core/src/options.rs) ---
        Func {
            name: "validate_group",
            weight: 6,
            make: |r| json!({"group": inputs::group_like(r)}),
            ours: |a| out(options::validate_group(s(a, "group")).map(|()| Value::Null)),
            shrink: Some("group"),
        },
        Func {
            name: "validate_usages",
            weight: 3,
            make: |r| json!({"usages": inputs::list_of(r, 3, inputs::usage_like)}),
            ours: |a| out(options::validate_usages(&strs(a, "usages")).map(|()| Value::Null)),
            shrink: None,
        },
        Func {
            name: "validate_token_spec",
            weight: 3,
            make: |r: &mut Rng| {
                let mut req = json!({
                    "token": inputs::valid_token(r),
                    "usages": inputs::list_of(r, 3, inputs::usage_like),
                    "groups": inputs::list_of(r, 2, inputs::group_like),
                });
                if r.pct(40) {
                    req["ttl"] = json!(*r.pick(&["24h", "0s", "-1h", "1ns", "8760h"]));
                }
                if r.pct(30) {
                    req["expires"] = json!(inputs::valid_timestamp(r));
                }
                req
            },
            ours: |a| {
                let spec = TokenSpec {
                    token: BootstrapToken::parse(s(a, "token")).expect("valid token"),
                    description: String::new(),
                    ttl: a
                        .get("ttl")
                        .map(|t| Duration::parse_go(t.as_str().unwrap_or("")).expect("valid ttl")),
                    expires: a.get("expires").map(|_| ts(a, "expires")),
                    usages: strs(a, "usages"),
                    groups: strs(a, "groups"),
                };
                out(spec.validate().map(|()| Value::Null))
            },
            shrink: None,
        },
        // --- Secrets (core/src/secret.rs, options.rs, authn.rs) ---
        Func {
            name: "get_groups",
            weight: 4,
            make: secret_request,
            ours: |a| with_secret(a, |sec| out(authn::get_groups(sec))),
            shrink: None,
        },
        Func {
            name: "get_expiration",
            weight: 4,
            make: |r: &mut Rng| {
                let mut req = secret_request(r);
                req["now"] = json!(inputs::time_at(r, inputs::now_unix()));
                req
            },
            ours: |a| {
                with_secret(a, |sec| {
                    let e = authn::expiration(sec, ts(a, "now"));
                    Outcome::Ok(
                        json!({"remaining_nanos": e.remaining.as_nanos(), "expired": e.expired}),
                    )
                })
            },
            shrink: None,
        },
        Func {
            name: "has_expired",
            weight: 2,
            make: |r: &mut Rng| {
                let mut req = secret_request(r);
                req["now"] = json!(inputs::time_at(r, inputs::now_unix()));
                req
            },
            ours: |a| {
                with_secret(a, |sec| {
                    Outcome::Ok(json!(authn::has_expired(sec, ts(a, "now"))))
                })
            },
            shrink: None,
        },
        Func {
            name: "get_data",
            weight: 2,
            make: |r: &mut Rng| {
                let mut req = secret_request(r);
                req["key"] = json!(*r.pick(&[
                    "token-id",
                    "token-secret",
                    "description",
                    "expiration",
                    "auth-extra-groups",
                    "nope"
                ]));
                req
            },
            ours: |a| with_secret(a, |sec| Outcome::Ok(json!(sec.get(s(a, "key"))))),
            shrink: None,
        },
        Func {
            name: "token_from_secret",
            weight: 8,
            make: secret_request,
            ours: |a| {
                with_secret(a, |sec| {
                    out(TokenSpec::from_secret(sec).map(|t| {
                        json!({
                            "token": t.token.expose(),
                            "description": t.description,
                            "usages": go_list(&t.usages),
                            "groups": go_list(&t.groups),
                            "expires": t.expires.as_ref().map(time_answer),
                        })
                    }))
                })
            },
            shrink: None,
        },
        Func {
            name: "token_to_secret",
            weight: 4,
            make: |r: &mut Rng| {
                let mut req = json!({
                    "token": inputs::valid_token(r),
                    "description": if r.pct(50) { inputs::text(r) } else { String::new() },
                    "usages": inputs::list_of(r, 3, inputs::usage_like),
                    "groups": inputs::list_of(r, 3, inputs::group_like),
                });
                if r.pct(60) {
                    req["expires"] = json!(inputs::valid_timestamp(r));
                }
                req
            },
            ours: |a| {
                let spec = TokenSpec {
                    token: BootstrapToken::parse(s(a, "token")).expect("valid token"),
                    description: s(a, "description").to_owned(),
                    ttl: None,
                    expires: a.get("expires").map(|_| ts(a, "expires")),
                    usages: strs(a, "usages"),
                    groups: strs(a, "groups"),
                };
                let sec = spec.to_secret(Timestamp::from_unix(0));
                let data: serde_json::Map<String, Value> = sec
                    .data
                    .iter()
                    .flatten()
                    .map(|(k, v)| (k.clone(), json!(String::from_utf8_lossy(v))))
                    .collect();
                Outcome::Ok(
                    json!({"name": sec.name, "namespace": sec.namespace, "type": sec.type_, "data": data}),
                )
            },
            shrink: None,
        },
        Func {
            name: "authenticate",
            weight: 10,
            make: |r: &mut Rng| {
                let now = inputs::now_unix();
                let t = inputs::valid_token(r);
                let mut secrets = Vec::new();
                for _ in 0..r.below(3) {
                    let other = inputs::valid_token(r);
                    secrets.push(inputs::secret_manifest(r, &other, now));
                }
                if r.pct(85) {
                    let at = r.below(secrets.len() as u64 + 1) as usize;
                    secrets.insert(at, inputs::secret_manifest(r, &t, now));
                }
                let bearer = if r.pct(85) { t } else { inputs::mutate(r, &t) };
                json!({"token": bearer, "secrets": secrets})
            },
            ours: |a| {
                let mut secrets = Vec::new();
                for m in a["secrets"].as_array().into_iter().flatten() {
                    match Secret::from_value(m) {
                        Ok(s) => secrets.push(s),
                        Err(e) => return Outcome::Err(format!("{}: {e}", e.code())),
                    }
                }
                let now = Timestamp::from_unix(inputs::now_unix());
                Outcome::Ok(match authn::authenticate(s(a, "token"), &secrets, now) {
                    authn::Authentication::Authenticated(u) => {
                        json!({"authenticated": true, "user": u.name, "groups": u.groups})
                    }
                    _ => json!({"authenticated": false}),
                })
            },
            shrink: Some("token"),
        },
        // --- JWS (core/src/jws.rs) ---
        Func {
            name: "jws_sign",
            weight: 6,
            make: |r: &mut Rng| {
                let t = if r.pct(80) {
                    inputs::valid_token(r)
                } else {
                    inputs::token_like(r)
                };
                let (id, secret) = t.split_once('.').unwrap_or((&t, ""));
                json!({"content": inputs::text(r), "token_id": id, "token_secret": secret})
            },
            ours: |a| {
                Outcome::Ok(json!(jws::compute_detached_signature(
                    s(a, "content").as_bytes(),
                    s(a, "token_id"),
                    s(a, "token_secret").as_bytes()
                )))
            },
            shrink: Some("token_id"),
        },
        Func {
            name: "jws_verify",
            weight: 4,
            make: |r: &mut Rng| {
                let t = inputs::valid_token(r);
                let (id, secret) = t.split_once('.').unwrap_or((&t, ""));
                let content = inputs::text(r);
                let sig =
                    jws::compute_detached_signature(content.as_bytes(), id, secret.as_bytes());
                let detached = if r.pct(50) {
                    sig
                } else {
                    inputs::mutate(r, &sig)
                };
                json!({"detached": detached, "content": content, "token_id": id, "token_secret": secret})
            },
            ours: |a| {
                Outcome::Ok(json!(jws::detached_token_is_valid(
                    s(a, "detached"),
                    s(a, "content").as_bytes(),
                    s(a, "token_id"),
                    s(a, "token_secret").as_bytes()
                )))
            },
            shrink: Some("detached"),
        },
        // --- CA pins (core/src/go/pem.rs, x509/, pin.rs) ---
        Func {
            name: "pem_hashes",
            weight: 6,
            make: |r| json!({"pem": inputs::pem_text(r)}),
            ours: |a| out(pin::hashes_from_pem(s(a, "pem").as_bytes())),
            shrink: None,
        },
        Func {
            name: "pin_allow",
            weight: 3,
            make: |r| json!({"hashes": inputs::list_of(r, 2, inputs::pin_hash)}),
            ours: |a| {
                let mut set = pin::PinSet::new();
                let hashes = strs(a, "hashes");
                out(set
                    .allow_all(hashes.iter().map(String::as_str))
                    .map(|()| Value::Null))
            },
            shrink: None,
        },
        Func {
            name: "pin_check",
            weight: 3,
            make: |r: &mut Rng| {
                let corpus = inputs::pem_corpus();
                let pem = if corpus.is_empty() {
                    String::new()
                } else {
                    r.pick(corpus).clone()
                };
                let mut hashes: Vec<String> =
                    (0..r.below(3)).map(|_| inputs::valid_pin_hash(r)).collect();
                if r.pct(50) {
                    let real = pin::hashes_from_pem(pem.as_bytes()).unwrap_or_default();
                    if !real.is_empty() {
                        hashes.push(r.pick(&real).clone());
                    }
                }
                json!({"hashes": hashes, "pem": pem})
            },
            ours: |a| {
                let mut set = pin::PinSet::new();
                let hashes = strs(a, "hashes");
                if let Err(e) = set.allow_all(hashes.iter().map(String::as_str)) {
                    return Outcome::Err(format!("{}: {e}", e.code()));
                }
                let certs = match pem::certificates(s(a, "pem").as_bytes()) {
                    Ok(c) => c,
                    Err(e) => return Outcome::Err(format!("{}: {e}", e.code())),
                };
                out(set.check_any(&certs).map(|r| json!(r.is_ok())))
            },
            shrink: None,
        },
        // --- k3s CA-bundle hash (core/src/k3s.rs, x509/): Go's x509 Verify decides ---
        Func {
            name: "k3s_hash_ca",
            weight: 8,
            make: |r| json!({"pem": inputs::pem_text(r)}),
            ours: |a| {
                let now = Timestamp::from_unix(inputs::now_unix());
                out(k3s::ca_hash(s(a, "pem").as_bytes(), now).map(|h| json!(h.hash)))
            },
            shrink: None,
        },
        // --- kubeadm join command (core/src/kubeconfig.rs, join.rs) ---
        Func {
            name: "join_command",
            weight: 6,
            make: |r: &mut Rng| {
                let control_plane = r.pct(40);
                let key = if control_plane && r.pct(70) {
                    if r.pct(95) {
                        inputs::alnum(r, 64)
                    } else {
                        inputs::mutate(r, "0123456789abcdef")
                    }
                } else {
                    String::new()
                };
                json!({
                    "kubeconfig": inputs::kubeconfig_text(r),
                    "token": inputs::valid_token(r),
                    "control_plane": control_plane,
                    "certificate_key": key,
                    "withhold_token": r.pct(15),
                    "withhold_certificate_key": control_plane && r.pct(15),
                })
            },
            ours: |a| {
                let b = |k: &str| a.get(k).and_then(Value::as_bool).unwrap_or(false);
                let kc = match Kubeconfig::parse(s(a, "kubeconfig")) {
                    Ok(kc) => kc,
                    Err(e) => return Outcome::Err(format!("{}: {e}", e.code())),
                };
                let target = match JoinTarget::from_kubeconfig(&kc, None) {
                    Ok(t) => t,
                    Err(e) => return Outcome::Err(format!("{}: {e}", e.code())),
                };
                let opts = JoinOptions {
                    control_plane: b("control_plane"),
                    certificate_key: s(a, "certificate_key").to_owned(),
                    withhold_token: b("withhold_token"),
                    withhold_certificate_key: b("withhold_certificate_key"),
                    multiline: true,
                };
                out(kubeadm_join_command(s(a, "token"), &target, &opts))
            },
            shrink: None,
        },
    ]
}
