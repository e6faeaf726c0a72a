//! The bodies of kubetoken's fuzz targets, as plain functions of the input bytes.
//!
//! Two callers: the `fuzz_target!` wrappers in `fuzz_targets/` (cargo-fuzz, nightly,
//! libFuzzer) and `core/tests/fuzz_replay.rs` (stable, part of `make test`), which
//! includes this file as a module and runs every file of `fuzz/corpus/<target>/` and
//! `fuzz/reproducers/<target>/` through the body of that name. So this file uses only
//! kubetoken's public API, `serde_json` and `base64` (dependencies of both).
//!
//! Every body checks more than "no panic": round trips (parse ∘ print), results that
//! are complete (a rendered manifest parses back), stable error codes, and secrets that
//! never reach a message or a `Debug`/`Display`. A failed check panics, which libFuzzer
//! reports as a crash and the replay test as a failure naming the input file.
//!
//! Inputs are text fields separated by `\n` (the last field takes the rest), so the
//! seeds written from `tests/vectors/*.json` stay readable and editable by hand.

// A failed property is a panic on purpose; this is test code.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![allow(clippy::indexing_slicing)]

use kubetoken::k3s::{self, CredentialKind, K3sToken};
use kubetoken::{BootstrapToken, Duration, Error, Secret, Timestamp, api};
use serde_json::{Value, json};

/// A target body.
pub type Body = fn(&[u8]);

/// Every target: its name (the directory under `fuzz/corpus/`) and its body.
pub const TARGETS: &[(&str, Body)] = &[
    ("api_call", api_call),
    ("secrets", secrets),
    ("pem", pem),
    ("discovery", discovery),
    ("durations", durations),
    ("k3s_token", k3s_token),
    ("k3s_decrypt", k3s_decrypt),
];

/// The `now` used when an input's `now` field does not parse (2026-01-01T00:00:00Z).
pub const DEFAULT_NOW: &str = "2026-01-01T00:00:00Z";

/// Secret-bearing values shorter than this may legitimately appear in messages (short
/// values are quoted Go-style, and a one-letter password is in every English word).
const MIN_SECRET_LEN: usize = 9;

/// `n` fields: the first `n - 1` lines, then the rest (missing fields are empty).
fn fields(data: &[u8], n: usize) -> Vec<&[u8]> {
    let mut out = Vec::with_capacity(n);
    let mut rest = data;
    while out.len() + 1 < n {
        match rest.iter().position(|&b| b == b'\n') {
            Some(i) => {
                out.push(&rest[..i]);
                rest = &rest[i + 1..];
            }
            None => {
                out.push(rest);
                rest = &[];
            }
        }
    }
    out.push(rest);
    out
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn now_of(s: &str) -> Timestamp {
    Timestamp::parse_rfc3339(s)
        .or_else(|_| Timestamp::parse_rfc3339(DEFAULT_NOW))
        .unwrap()
}

/// The checks every error must pass: a stable snake_case code and a non-empty message.
fn check_error(e: &Error) {
    let code = e.code();
    assert!(
        !code.is_empty()
            && code
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
        "unstable error code {code:?}"
    );
    assert!(!e.message().is_empty(), "empty message for {code}");
}

/// Panics when `secret` (long enough to mean something) appears in `shown` because it
/// was given: `redo` computes the same text for another secret of the same length, and
/// the secret may only be there if it is there too (then it is fixed text that the
/// input happens to repeat, such as a passphrase equal to the error message).
fn assert_hidden(secret: &str, shown: &str, what: &str, redo: impl Fn(&str) -> String) {
    if secret.len() >= MIN_SECRET_LEN && shown.contains(secret) {
        let other = redo(&other_password(secret));
        assert!(
            other.contains(secret),
            "{what} shows a secret ({} bytes): {shown:?}",
            secret.len()
        );
    }
}

/// Runs an op; an error must pass [`check_error`], a result must serialise.
fn call(op: &str, args: &Value) -> Result<Value, Error> {
    let r = api::call(op, args);
    match &r {
        Ok(v) => {
            serde_json::to_string(v).unwrap();
        }
        Err(e) => check_error(e),
    }
    r
}

fn strings_in(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(a) => a.iter().for_each(|x| strings_in(x, out)),
        Value::Object(o) => o.iter().for_each(|(k, x)| {
            out.push(k.clone());
            strings_in(x, out);
        }),
        _ => {}
    }
}

/// Arguments that carry a credential, per op (`docs/api.md`): an error never shows them.
fn secret_args(op: &str) -> &'static [&'static str] {
    match op {
        "token_from_parts" => &["secret"],
        "compute_jws" | "verify_jws" => &["token_secret"],
        "format_k3s_token" => &["credentials"],
        "k3s_passwd_password" => &["passwd"],
        "k3s_token_hash" | "k3s_storage_key" | "k3s_encrypt" | "k3s_decrypt" => &["passphrase"],
        "join_command" => &["token", "certificate_key"],
        "k3s_rotate" => &["token", "new_token"],
        "inspect_token" => &["text"],
        "parse_token"
        | "is_valid_token"
        | "authenticate"
        | "verify_cluster_info"
        | "register_command"
        | "parse_k3s_token"
        | "k3s_token_string"
        | "verify_k3s_ca"
        | "k3s_credentials"
        | "k3s_normalize_token"
        | "k3s_token_opens"
        | "k3s_token_create_output"
        | "k3s_join_command" => &["token"],
        _ => &[],
    }
}

/// `api::call` with any op and any arguments: `<op>\n<arguments as JSON>` (arguments
/// that are not JSON are passed as a JSON string, which must be refused cleanly).
///
/// Checks: errors have stable codes; results serialise; an error never shows a
/// credential argument (when that value does not also come in through another argument).
pub fn api_call(data: &[u8]) {
    let f = fields(data, 2);
    let op = text(f[0]);
    let rest = text(f[1]);
    let args = if rest.trim().is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&rest).unwrap_or(Value::String(rest))
    };
    let Err(e) = call(&op, &args) else {
        return;
    };
    let shown = format!("{e} {e:?}");
    for key in secret_args(&op) {
        let Some(secret) = args.get(key).and_then(Value::as_str) else {
            continue;
        };
        let mut others = Vec::new();
        if let Value::Object(o) = &args {
            for (k, v) in o {
                if k != key {
                    others.push(k.clone());
                    strings_in(v, &mut others);
                }
            }
        }
        if !others.iter().any(|s| s.contains(secret)) {
            assert_hidden(secret, &shown, &format!("{op} error"), |other| {
                let mut args = args.clone();
                args[*key] = json!(other);
                match api::call(&op, &args) {
                    Ok(v) => v.to_string(),
                    Err(e) => format!("{e} {e:?}"),
                }
            });
        }
    }
}

/// `data: {}` prints as no `data` (Go's `omitempty`); both read the same.
fn normalized(mut s: Secret) -> Secret {
    if s.data.as_ref().is_some_and(|d| d.is_empty()) {
        s.data = None;
    }
    s
}

/// Secrets and Lists, JSON or YAML: `<bearer token>\n<now>\n<manifest>`.
///
/// Checks: a parsed Secret prints back (YAML, JSON, stringData) to the same Secret; the
/// listing (format and flavour picked by field lengths) and one per-Secret op succeed or
/// fail cleanly; authentication never shows the bearer's secret.
pub fn secrets(data: &[u8]) {
    let f = fields(data, 3);
    let (bearer, now_s, manifest) = (text(f[0]), text(f[1]), text(f[2]));
    let now = now_of(&now_s);

    if let Ok(s) = Secret::parse(&manifest) {
        let s = normalized(s);
        let yaml = s.to_yaml().unwrap();
        assert!(
            normalized(Secret::parse(&yaml).unwrap()) == s,
            "YAML round trip"
        );
        assert!(
            normalized(Secret::parse(s.to_json()).unwrap()) == s,
            "JSON round trip"
        );
        if let Ok(sd) = s.to_string_data_yaml() {
            assert!(
                normalized(Secret::parse(&sd).unwrap()) == s,
                "stringData round trip"
            );
        }
        // One op per input (each parses the manifest again), picked by the bearer's length.
        let ops = [
            "get_groups",
            "token_expiration",
            "signing_credentials",
            "cleaner_action",
        ];
        let _ = call(
            ops[bearer.len() % 4],
            &json!({"secret": manifest, "now": now_s}),
        );
    }

    let flavour = ["kubeadm", "k3s", "rke2", "karmada"][manifest.len() % 4];
    let format = ["text", "json", "yaml"][now_s.len() % 3];
    let _ = call(
        "list_tokens",
        &json!({"secrets": manifest, "now": now_s, "format": format, "flavour": flavour}),
    );

    let Ok(list) = kubetoken::secret::parse_secret_list(&manifest) else {
        return;
    };
    let list: Vec<Secret> = list.into_iter().filter_map(Result::ok).collect();
    let auth = kubetoken::authenticate(&bearer, &list, now);
    let shown = format!("{auth:?} {:?}", auth.reason().map(|r| r.to_string()));
    if let Ok(t) = BootstrapToken::parse(&bearer) {
        // A group or name in the Secret may legitimately contain the same characters.
        let elsewhere = list.iter().any(|s| {
            s.name.contains(t.secret())
                || s.data.iter().flatten().any(|(k, v)| {
                    k != "token-secret" && String::from_utf8_lossy(v).contains(t.secret())
                })
        });
        if !elsewhere {
            assert!(
                !shown.contains(t.secret()),
                "authentication shows the bearer secret: {shown}"
            );
        }
    }
}

/// PEM/DER bundles with pins and the k3s CA hash: `<now>\n<pins, comma-separated>\n<bundle>`.
///
/// Checks: the hashes of a bundle pin it; a K10 token carrying the bundle's k3s CA hash
/// verifies against that bundle; the k3s hash is 64 lowercase hex characters.
pub fn pem(data: &[u8]) {
    let f = fields(data, 3);
    let (now_s, pins_s, bundle) = (text(f[0]), text(f[1]), f[2]);
    let now = now_of(&now_s);
    let now_s = now.to_rfc3339_nano();
    // Raw bytes (DER, or PEM that is not UTF-8) into the byte-level k3s hash.
    if let Ok(h) = k3s::ca_hash(bundle, now) {
        assert!(
            h.hash.len() == 64
                && h.hash
                    .bytes()
                    .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')),
            "k3s CA hash {:?}",
            h.hash
        );
    }
    let pem = text(bundle);
    let pins: Vec<&str> = pins_s.split(',').filter(|p| !p.is_empty()).collect();
    let _ = call("parse_ca_pins", &json!({ "pins": pins }));
    let _ = call("check_ca_pins", &json!({"pem": pem, "pins": pins}));
    if let Ok(Value::Array(hashes)) = call("ca_cert_hashes", &json!({ "pem": pem }))
        && !hashes.is_empty()
    {
        let r = call("check_ca_pins", &json!({"pem": pem, "pins": hashes})).unwrap();
        assert_eq!(r["pinned"], json!(true), "a bundle's own hashes pin it");
    }
    if let Ok(h) = call("k3s_ca_hash", &json!({"bundle": pem, "now": now_s})) {
        let hash = h["hash"].as_str().unwrap();
        let token = format!("K10{hash}::node:fuzz-password");
        let r = call(
            "verify_k3s_ca",
            &json!({"token": token, "bundle": pem, "now": now_s}),
        )
        .unwrap();
        assert_eq!(
            r["ok"],
            json!(true),
            "a token with the bundle's hash verifies: {r}"
        );
        assert!(
            !r.to_string().contains("fuzz-password"),
            "verify_k3s_ca: {r}"
        );
    }
}

/// cluster-info sign/verify, kubeconfigs, join/register:
/// `<token>\n<pins, comma-separated>\n<now>\n<server>\n<ConfigMap or kubeconfig>`.
///
/// Checks: what `sign_cluster_info` signs with a token verifies with that token; a JWS
/// verifies with the key it was computed with; a rendered cluster-info kubeconfig
/// parses back with its server.
pub fn discovery(data: &[u8]) {
    let f = fields(data, 5);
    let (token, pins_s, now_s, server, doc) =
        (text(f[0]), text(f[1]), text(f[2]), text(f[3]), text(f[4]));
    let now_s = now_of(&now_s).to_rfc3339_nano();
    let pins: Vec<&str> = pins_s.split(',').filter(|p| !p.is_empty()).collect();

    let _ = call("parse_kubeconfig", &json!({ "kubeconfig": doc }));
    let _ = call("join_command", &json!({"token": token, "kubeconfig": doc}));
    let _ = call(
        "join_command",
        &json!({"token": token, "server": server, "ca_cert_hashes": pins, "control_plane": true,
                "certificate_key": "0".repeat(64), "multiline": true}),
    );
    let _ = call(
        "join_command",
        &json!({"token": token, "server": server, "ca_pem": doc}),
    );
    let _ = call(
        "register_command",
        &json!({"token": token, "kubeconfig": doc}),
    );
    let _ = call(
        "verify_cluster_info",
        &json!({"configmap": doc, "token": token, "ca_cert_hashes": pins}),
    );

    if let Ok(t) = BootstrapToken::parse(&token) {
        let secret = call(
            "render_secret",
            &json!({"token": token, "now": now_s, "usages": ["signing", "authentication"]}),
        )
        .unwrap();
        if let Ok(out) = call(
            "sign_cluster_info",
            &json!({"configmap": doc, "secrets": [secret], "now": now_s}),
        ) {
            let signed = &out["configmap"];
            let has_content = signed["data"]["kubeconfig"]
                .as_str()
                .is_some_and(|c| !c.is_empty());
            if has_content {
                let r = call(
                    "verify_cluster_info",
                    &json!({"configmap": signed, "token": token}),
                );
                if let Ok(r) = r {
                    let reason = r["reason"].as_str().unwrap_or("");
                    assert!(
                        !matches!(reason, "no_signature" | "bad_signature"),
                        "a ConfigMap signed with the token does not verify: {reason}"
                    );
                }
            }
        }
        let jws = call(
            "compute_jws",
            &json!({"content": doc, "token_id": t.id(), "token_secret": t.secret()}),
        )
        .unwrap();
        let ok = call(
            "verify_jws",
            &json!({"signature": jws, "content": doc, "token_id": t.id(), "token_secret": t.secret()}),
        )
        .unwrap();
        assert_eq!(ok, json!(true), "a JWS verifies with its own key");
    }

    if let Ok(Value::String(kc)) = call(
        "cluster_info_kubeconfig",
        &json!({"server": server, "ca_pem": doc}),
    ) {
        let parsed = call("parse_kubeconfig", &json!({ "kubeconfig": kc }))
            .unwrap_or_else(|e| panic!("a rendered kubeconfig does not parse: {e}"));
        assert_eq!(
            parsed["clusters"][0]["server"],
            json!(server),
            "the rendered kubeconfig keeps its server"
        );
    }
}

/// Durations and timestamps, one input read as both.
///
/// Checks: Go duration string → `Duration` → Go string → the same `Duration`; RFC3339 →
/// `Timestamp` → RFC3339 (nanosecond, second and UTC forms) → the same instant; a token
/// rendered with the input as `ttl` or `expires` is a complete Secret that parses back.
pub fn durations(data: &[u8]) {
    let s = text(data);
    let duration = Duration::parse_go(&s);
    if let Ok(d) = duration {
        let go = d.to_go_string();
        assert_eq!(Duration::parse_go(&go).unwrap(), d, "duration {go}");
        assert_eq!(d.to_string(), go);
        let _ = d.short_human();
    }
    let timestamp = Timestamp::parse_rfc3339(&s);
    if let Ok(t) = timestamp {
        // Go's parser takes offsets up to `+24:60` (hour ≤ 24, minute ≤ 60) and formats
        // `+24:60` as `+25:00`, which it then refuses (Go 1.26 does both): the offset
        // forms round-trip only under 24h, as in Go. The UTC form always does.
        if t.offset_seconds().abs() < 24 * 3600 {
            let nano = t.to_rfc3339_nano();
            let back = Timestamp::parse_rfc3339(&nano).unwrap();
            assert_eq!(back.unix_nanos(), t.unix_nanos(), "{nano}");
            assert_eq!(back.offset_seconds(), t.offset_seconds(), "{nano}");
            let secs = Timestamp::parse_rfc3339(&t.to_rfc3339()).unwrap();
            assert_eq!(secs.unix(), t.unix(), "{}", t.to_rfc3339());
        }
        let utc = Timestamp::parse_rfc3339(&t.to_rfc3339_utc()).unwrap();
        assert_eq!(utc.unix(), t.unix(), "{}", t.to_rfc3339_utc());
    }
    let _ = call("parse_duration", &json!({ "duration": s }));
    let _ = call("short_human_duration", &json!({ "duration": s }));
    let _ = call("parse_rfc3339", &json!({ "timestamp": s }));
    let token = "abcdef.0123456789abcdef";
    // Rendering is slow next to parsing: only for inputs that parse.
    for (key, parses) in [("ttl", duration.is_ok()), ("expires", timestamp.is_ok())] {
        if !parses {
            continue;
        }
        let args = json!({"token": token, "now": DEFAULT_NOW, key: s});
        // The object form: the YAML printer is covered by `secrets`, and is slow.
        if let Ok(manifest) = call("render_secret", &args) {
            let back = call("parse_secret", &json!({ "secret": manifest }))
                .unwrap_or_else(|e| panic!("a rendered Secret does not parse: {e}"));
            let exp = call(
                "token_expiration",
                &json!({"secret": manifest, "now": DEFAULT_NOW}),
            );
            assert!(exp.is_ok(), "{back}");
        }
    }
}

/// The same string with every character but `:` and `.` replaced (same byte length).
fn other_password(p: &str) -> String {
    p.chars()
        .map(|c| match c {
            ':' | '.' => c.to_string(),
            'x' => "y".repeat(c.len_utf8()),
            _ => "x".repeat(c.len_utf8()),
        })
        .collect()
}

/// K10 tokens: `<what follows K10>\n<password>`, parsed as `K10<first>:<password>`, and
/// the whole input as a token too.
///
/// Checks: `Debug`, `Display`, `masked()`, error messages and the non-secret fields of
/// every op are the same for another password of the same length (so they cannot
/// show it); format ∘ parse is the identity.
pub fn k3s_token(data: &[u8]) {
    let f = fields(data, 2);
    let (head, password) = (text(f[0]), text(f[1]));
    if let Ok(t) = K3sToken::parse(&text(data)) {
        assert!(K3sToken::parse(&t.expose()).unwrap() == t, "parse ∘ expose");
        let shown = format!("{t:?} {t} {}", t.masked());
        if t.kind() == CredentialKind::Password && !t.username().contains(t.password()) {
            assert_hidden(t.password(), &shown, "K3sToken", |other| {
                let tok = format!("K10{}::{}:{other}", t.ca_hash(), t.username());
                K3sToken::parse(&tok).map_or_else(
                    |e| format!("{e}"),
                    |t2| format!("{t2:?} {t2} {}", t2.masked()),
                )
            });
        }
    }
    // With a ':' in the password field, part of it may become the username (public).
    if password.is_empty() || password.contains(':') {
        return;
    }
    let other = other_password(&password);
    let t1 = format!("K10{head}:{password}");
    let t2 = format!("K10{head}:{other}");
    let views = |tok: &str| -> Vec<String> {
        let mut v = Vec::new();
        match K3sToken::parse(tok) {
            Ok(t) => {
                if t.kind() == CredentialKind::Bootstrap {
                    return Vec::new(); // the ID is public and may come from the password field
                }
                v.push(format!("{t:?}"));
                v.push(t.to_string());
                v.push(t.masked());
            }
            Err(e) => v.push(format!("{e} {e:?}")),
        }
        for (op, args) in [
            ("parse_k3s_token", json!({ "token": tok })),
            ("k3s_credentials", json!({"token": tok, "user": "node"})),
            (
                "verify_k3s_ca",
                json!({"token": tok, "bundle": "", "now": DEFAULT_NOW}),
            ),
            ("k3s_normalize_token", json!({ "token": tok })),
            (
                "k3s_token_string",
                json!({"token": tok, "now": DEFAULT_NOW}),
            ),
        ] {
            match call(op, &args) {
                Ok(mut r) => {
                    // The documented secret-bearing fields differ by design.
                    if let Value::Object(o) = &mut r {
                        for k in ["password", "header", "token"] {
                            o.remove(k);
                        }
                        v.push(format!("{op} ok {r}"));
                    } else {
                        v.push(format!("{op} ok"));
                    }
                }
                Err(e) => v.push(format!("{op} {e} {e:?}")),
            }
        }
        v
    };
    let (v1, v2) = (views(&t1), views(&t2));
    if v1.is_empty() || v2.is_empty() {
        return;
    }
    assert_eq!(v1, v2, "output depends on the password");
}

/// k3s bootstrap-data decrypt: `<passphrase>\n<salt>:<base64(nonce ‖ ciphertext ‖ tag)>`.
///
/// Checks: what decrypts re-encrypts (same salt and nonce) to something that decrypts
/// to the same plaintext; errors never show the passphrase.
pub fn k3s_decrypt(data: &[u8]) {
    use base64::Engine as _;
    let f = fields(data, 2);
    let (pass, value) = (text(f[0]), f[1]);
    match k3s::decrypt(&pass, value) {
        Ok(pt) => {
            let colon = value.iter().position(|&b| b == b':').unwrap();
            let salt = text(&value[..colon]);
            let body: Vec<u8> = value[colon + 1..]
                .iter()
                .copied()
                .filter(|b| !matches!(b, b'\r' | b'\n'))
                .collect();
            let raw = base64::engine::general_purpose::STANDARD.decode(&body);
            if let (Ok(raw), false) = (raw, salt.is_empty() || salt.as_bytes() != &value[..colon]) {
                let nonce: [u8; 12] = raw[..12].try_into().unwrap();
                let again = k3s::encrypt_with(&pass, &pt, &salt, nonce).unwrap();
                assert_eq!(
                    k3s::decrypt(&pass, again.as_bytes()).unwrap().as_slice(),
                    pt.as_slice(),
                    "decrypt ∘ encrypt"
                );
            }
        }
        Err(e) => {
            check_error(&e);
            assert_hidden(
                &pass,
                &format!("{e} {e:?}"),
                "decrypt error",
                |other| match k3s::decrypt(other, value) {
                    Ok(_) => String::new(),
                    Err(e) => format!("{e} {e:?}"),
                },
            );
        }
    }
}
