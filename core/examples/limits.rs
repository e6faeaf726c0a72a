//! CPU time and peak memory of the largest and worst inputs within the caps of
//! `kubetoken::limits` (docs/api.md, "Limits").
//!
//! `cargo run -q -p kubetoken --release --example limits [case] [n]`
//!
//! Without arguments, runs every case in a fresh child process (so each peak RSS is its
//! own) and prints one line per case: input bytes, time, peak RSS growth during the call
//! (`VmHWM` after resetting it via `/proc/self/clear_refs`) and that growth ÷ input.
//! Linux only (reads `/proc/self/status`).

use std::fmt::Write as _;
use std::time::Instant;

use kubetoken::limits::*;
use kubetoken::{Secret, api};
use serde_json::{Value, json};

const NOW: &str = "2026-01-01T00:00:00Z";

fn status_kib(key: &str) -> usize {
    let s = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    s.lines()
        .find(|l| l.starts_with(key))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// CPU time of this (single-threaded) process in ns: `/proc/self/schedstat`, field 1.
fn cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|v| v.parse().ok()))
        .unwrap_or(0)
}

/// One bootstrap-token Secret as `kubectl get secrets -o json` prints it.
fn kubectl_secret(out: &mut String, i: usize) {
    let id = format!("{i:06}");
    let b = |s: &str| {
        use base64::Engine as _;
        base64::engine::general_purpose::STANDARD.encode(s)
    };
    let _ = write!(
        out,
        r#"{{"apiVersion":"v1","data":{{"auth-extra-groups":"{}","description":"{}","expiration":"{}","token-id":"{}","token-secret":"{}","usage-bootstrap-authentication":"dHJ1ZQ==","usage-bootstrap-signing":"dHJ1ZQ=="}},"kind":"Secret","metadata":{{"creationTimestamp":"2026-01-01T00:00:00Z","name":"bootstrap-token-{id}","namespace":"kube-system","resourceVersion":"{}","uid":"6f1c2a9e-0000-4000-8000-{i:012}"}},"type":"bootstrap.kubernetes.io/token"}}"#,
        b("system:bootstrappers:kubeadm:default-node-token"),
        b("kubeadm init"),
        b("2026-01-02T00:00:00Z"),
        b(&id),
        b("0123456789abcdef"),
        1000 + i
    );
}

fn list_json(n: usize) -> String {
    let mut s = String::with_capacity(n * 700 + 100);
    s.push_str("{\"apiVersion\":\"v1\",\"items\":[");
    for i in 0..n {
        if i > 0 {
            s.push(',');
        }
        kubectl_secret(&mut s, i);
    }
    s.push_str("],\"kind\":\"List\",\"metadata\":{\"resourceVersion\":\"\"}}");
    s
}

fn list_yaml(n: usize) -> String {
    let mut s = String::with_capacity(n * 700 + 100);
    s.push_str("apiVersion: v1\nitems:\n");
    for i in 0..n {
        let id = format!("{i:06}");
        let _ = write!(
            s,
            "- apiVersion: v1\n  data:\n    auth-extra-groups: c3lzdGVtOmJvb3RzdHJhcHBlcnM6a3ViZWFkbTpkZWZhdWx0LW5vZGUtdG9rZW4=\n    description: a3ViZWFkbSBpbml0\n    expiration: MjAyNi0wMS0wMlQwMDowMDowMFo=\n    token-id: {}\n    token-secret: MDEyMzQ1Njc4OWFiY2RlZg==\n    usage-bootstrap-authentication: dHJ1ZQ==\n    usage-bootstrap-signing: dHJ1ZQ==\n  kind: Secret\n  metadata:\n    creationTimestamp: \"2026-01-01T00:00:00Z\"\n    name: bootstrap-token-{id}\n    namespace: kube-system\n    resourceVersion: \"{}\"\n    uid: 6f1c2a9e-0000-4000-8000-{i:012}\n  type: bootstrap.kubernetes.io/token\n",
            {
                use base64::Engine as _;
                base64::engine::general_purpose::STANDARD.encode(&id)
            },
            1000 + i
        );
    }
    s.push_str("kind: List\nmetadata:\n  resourceVersion: \"\"\n");
    s
}

fn signing_secret(i: usize) -> Value {
    let id = format!("{i:06}");
    json!({"metadata": {"name": format!("bootstrap-token-{id}"), "namespace": "kube-system"},
        "type": "bootstrap.kubernetes.io/token",
        "stringData": {"token-id": id, "token-secret": "0123456789abcdef",
            "usage-bootstrap-signing": "true"}})
}

/// A bundle of certificates sharing one subject and one 8192-bit RSA key (every one a
/// candidate parent of every other: the most signature checks the chain search makes).
fn rsa_bundle() -> String {
    let dir = std::env::temp_dir().join(format!("kubetoken-limits-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let key = dir.join("k.pem");
    let run = |args: &[&str]| {
        std::process::Command::new("openssl")
            .args(args)
            .stderr(std::process::Stdio::null())
            .status()
            .map(|s| s.success())
            .unwrap_or(false)
    };
    let k = key.to_string_lossy().into_owned();
    if !run(&["genrsa", "-out", &k, "8192"]) {
        return String::new();
    }
    let mut bundle = String::new();
    for i in 0..MAX_CERTIFICATES {
        let c = dir.join(format!("c{i}.pem")).to_string_lossy().into_owned();
        let serial = format!("{}", i + 1);
        if run(&[
            "req",
            "-x509",
            "-new",
            "-key",
            &k,
            "-subj",
            "/CN=same",
            "-days",
            "3650",
            "-set_serial",
            &serial,
            "-out",
            &c,
            "-addext",
            "basicConstraints=critical,CA:TRUE",
        ]) {
            bundle.push_str(&std::fs::read_to_string(&c).unwrap_or_default());
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    bundle
}

/// Builds the case's input (not measured) and returns the call to measure and the
/// input's size.
fn case(name: &str, n: usize) -> Option<(usize, Box<dyn FnOnce() -> String>)> {
    let op = |op: &'static str, args: Value, len: usize| -> (usize, Box<dyn FnOnce() -> String>) {
        (
            len,
            Box::new(move || match api::call(op, &args) {
                Ok(v) => format!("ok ({} bytes out)", v.to_string().len()),
                Err(e) => e.code().to_string(),
            }),
        )
    };
    Some(match name {
        "list-json" | "list-yaml" => {
            let t = if name == "list-json" {
                list_json(n)
            } else {
                list_yaml(n)
            };
            let len = t.len();
            let parse = move || {
                let items = kubetoken::secret::parse_secret_list(t.as_bytes());
                format!("{} items", items.map_or(0, |v| v.len()))
            };
            (len, Box::new(parse))
        }
        "parse_secret_list-json" => {
            let t = list_json(n);
            let len = t.len();
            op("parse_secret_list", json!({ "secrets": t }), len)
        }
        "list_tokens-json" => {
            let t = list_json(n);
            let len = t.len();
            op("list_tokens", json!({"secrets": t, "now": NOW}), len)
        }
        "empty-items" => {
            let t = format!("{{\"items\":[{}{{}}]}}", "{},".repeat(n - 1));
            let len = t.len();
            op("parse_secret_list", json!({ "secrets": t }), len)
        }
        "empty-items-list_tokens" => {
            let t = format!("{{\"items\":[{}{{}}]}}", "{},".repeat(n - 1));
            let len = t.len();
            op("list_tokens", json!({"secrets": t, "now": NOW}), len)
        }
        "nodes-json" => {
            let t = format!("[{}0]", "0,".repeat(MAX_ITEM_NODES - 2));
            let len = t.len();
            op("parse_secret", json!({ "secret": t }), len)
        }
        "nodes-yaml" => {
            let t = format!("a:\n{}", "- 0\n".repeat(MAX_ITEM_NODES - 3));
            let len = t.len();
            op("parse_kubeconfig", json!({ "kubeconfig": t }), len)
        }
        // Every scalar rewritten for go-yaml's resolution (`go::yaml_resolve`) before the
        // read: a 1 MiB flow sequence of `1_` (numbers in go-yaml, strings in
        // serde-saphyr), refused at the node cap after the rewrite.
        "yaml-rewrite" => {
            let t = format!("#\n[{}1_]", "1_,".repeat((MAX_MANIFEST_BYTES - 8) / 3));
            let len = t.len();
            op("parse_secret", json!({ "secret": t }), len)
        }
        "yaml-rewrite-list" => {
            let item = "- {kind: Secret, type: x, stringData: {a: 1_}}\n";
            let t = format!("items:\n{}", item.repeat(n));
            let len = t.len();
            op("parse_secret_list", json!({ "secrets": t }), len)
        }
        "big-secret" => {
            let t = format!(
                "{{\"kind\":\"Secret\",\"data\":{{\"a\":\"{}\"}}}}",
                "A".repeat(MAX_MANIFEST_BYTES - 100)
            );
            let len = t.len();
            op("parse_secret", json!({ "secret": t }), len)
        }
        "billion-laughs" => {
            let mut t = String::from("a0: &a0 [lol]\n");
            for i in 1..10 {
                let _ = writeln!(
                    t,
                    "a{i}: &a{i} [{}]",
                    vec![format!("*a{}", i - 1); 9].join(",")
                );
            }
            let len = t.len();
            op("parse_secret_list", json!({ "secrets": t }), len)
        }
        "anchor-x99" => {
            let mut t = format!("k: &big \"{}\"\n", "x".repeat(600 << 10));
            for i in 0..99 {
                let _ = writeln!(t, "k{i}: *big");
            }
            let len = t.len();
            op("parse_kubeconfig", json!({ "kubeconfig": t }), len)
        }
        "sign-work" => {
            let content = "x".repeat(MAX_SIGN_WORK_BYTES / n.max(1));
            let secrets: Vec<Value> = (0..n).map(signing_secret).collect();
            let len = content.len() + secrets.iter().map(|s| s.to_string().len()).sum::<usize>();
            let cm = json!({"kind": "ConfigMap", "metadata": {"name": "cluster-info", "namespace": "kube-public"}, "data": {"kubeconfig": content}});
            op(
                "sign_cluster_info",
                json!({"configmap": cm, "secrets": secrets, "now": NOW}),
                len,
            )
        }
        "authenticate-max" => {
            let secrets: Vec<Value> = (0..MAX_LIST_ITEMS.min(n)).map(signing_secret).collect();
            let len = secrets.iter().map(|s| s.to_string().len()).sum::<usize>();
            op(
                "authenticate",
                json!({"token": "zzzzzz.0123456789abcdef", "secrets": secrets, "now": NOW}),
                len,
            )
        }
        "rsa8192-bundle" => {
            let b = rsa_bundle();
            if b.is_empty() {
                return None;
            }
            let len = b.len();
            op("k3s_ca_hash", json!({"bundle": b, "now": NOW}), len)
        }
        "jws-max" => {
            let c = "x".repeat(MAX_JWS_BYTES);
            let len = c.len();
            op(
                "compute_jws",
                json!({"content": c, "token_id": "abcdef", "token_secret": "0123456789abcdef"}),
                len,
            )
        }
        "secret-max-description" => {
            let d = "d".repeat(MAX_OPTION_BYTES);
            let len = d.len();
            op(
                "render_secret_yaml",
                json!({"description": d, "now": NOW}),
                len,
            )
        }
        _ => return None,
    })
}

const CASES: &[(&str, usize)] = &[
    ("list-json", 1_000),
    ("list-json", 10_000),
    ("list-json", 100_000),
    ("list-yaml", 1_000),
    ("list-yaml", 10_000),
    ("list-yaml", 100_000),
    ("parse_secret_list-json", 100_000),
    ("list_tokens-json", 100_000),
    ("empty-items", 93_000),
    ("empty-items", 1_000_000),
    ("empty-items-list_tokens", 93_000),
    ("nodes-json", 0),
    ("nodes-yaml", 0),
    ("yaml-rewrite", 0),
    ("yaml-rewrite-list", 100_000),
    ("big-secret", 0),
    ("billion-laughs", 0),
    ("anchor-x99", 0),
    ("sign-work", 48),
    ("sign-work", 10_000),
    ("authenticate-max", 200_000),
    ("jws-max", 0),
    ("secret-max-description", 0),
    ("rsa8192-bundle", 0),
];

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [name, n] = args.as_slice() {
        let n: usize = n.parse().unwrap_or(0);
        let Some((len, call)) = case(name, n) else {
            println!("{name:<26} (skipped)");
            return;
        };
        let _ = std::fs::write("/proc/self/clear_refs", "5");
        let before = status_kib("VmRSS:");
        let wall = Instant::now();
        let cpu0 = cpu_ns();
        let out = call();
        let cpu = (cpu_ns() - cpu0) as f64 / 1e6;
        let t = wall.elapsed();
        let peak = status_kib("VmHWM:");
        let grow = peak.saturating_sub(before) * 1024;
        println!(
            "{:<26} n={n:<8} input {:>11} B  cpu {:>8.1} ms (wall {:>8.1})  peak +{:>7.1} MiB  ×{:>6.2} input  → {out}",
            name,
            len,
            cpu,
            t.as_secs_f64() * 1e3,
            grow as f64 / (1 << 20) as f64,
            grow as f64 / len.max(1) as f64
        );
        let _ = Secret::default();
        return;
    }
    let exe = std::env::current_exe().unwrap_or_default();
    for (name, n) in CASES {
        let filter = args.first().map_or("", String::as_str);
        if !name.contains(filter) {
            continue;
        }
        let _ = std::process::Command::new(&exe)
            .args([name.to_string(), n.to_string()])
            .status();
    }
}
