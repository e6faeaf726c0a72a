//! The `kubetoken` command line, as a pure function: arguments, stdin bytes, the time and a
//! random source in; stdout, stderr and the exit status out ([`run`]). The Rust binary
//! (`cli/`) and the Python console script only do the I/O around it.
//!
//! Secrets are printed only where printing them is the verb's purpose (`generate`,
//! `create`, `join`, `list` of kubeadm tokens as kubeadm prints them, `k3s join`,
//! `k3s rotate`); never on stderr: error messages are the core's, which are redacted.
//! Exit status: 0 success, 1 a negative answer or an error of the input, 2 a usage error.

use serde_json::{Map, Value, json};

use crate::error::Result;
use crate::inspect::{Purpose, TokenKind};
use crate::{BootstrapToken, Error, TimeInput, Timestamp, TokenInput, api, k3s};

/// What a run produced.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Output {
    /// Bytes for stdout.
    pub stdout: Vec<u8>,
    /// Bytes for stderr (never a secret).
    pub stderr: Vec<u8>,
    /// The exit status.
    pub code: i32,
}

const USAGE: &str = "usage: kubetoken <command> [options]

commands (no cluster needed; input on stdin where a command reads one):
  generate                      print a new bootstrap token
  create [--token T] [--ttl D] [--description S] [--usages U] [--groups G] [-o yaml|json]
                                print a bootstrap-token Secret (kubectl apply -f -)
  list [-o text|json|yaml] [--flavour F]
                                list the tokens of `kubectl get secrets -n kube-system -o json|yaml` (stdin)
  delete NAME...                the Secret names to delete for token IDs or tokens
  join --token T (--ca-cert-hash H... | CA PEM on stdin) --server HOST:PORT
       [--control-plane] [--certificate-key K]
                                print the kubeadm join command
  check TOKEN                   authenticate a token against the Secrets on stdin
  discover --token T [--ca-cert-hash H...]
                                verify the cluster-info ConfigMap on stdin
  inspect [TEXT] [--purpose P]  what a token is and whether it is usable (stdin when no TEXT,
                                without the one final newline)
  redact                        copy stdin to stdout with every secret masked
  k3s hash                      the k3s CA hash of the bundle on stdin (/cacerts)
  k3s explain                   which certificate k3s hashed, and why (bundle on stdin)
  k3s token                     print a new token as `k3s token generate` does
  k3s join --server S --token T [--flavour k3s|rke2] [--role agent|server] [-o command|install|config|json]
  k3s rotate --token OLD [--new-token NEW] [--value-stdin]
                                k3s token rotate offline (re-encrypts the bootstrap-data blob on stdin)

`kubetoken <command> --help` shows a command's options. Secrets never appear on stderr.
";

/// Options a verb takes: `(name, takes a value, may repeat)`.
type Spec = &'static [(&'static str, bool, bool)];

fn spec(verb: &str) -> Option<Spec> {
    Some(match verb {
        "generate" | "redact" | "k3s hash" | "k3s explain" | "k3s token" => &[],
        "create" => &[
            ("token", true, false),
            ("ttl", true, false),
            ("description", true, false),
            ("usages", true, true),
            ("groups", true, true),
            ("output", true, false),
        ],
        "list" => &[("output", true, false), ("flavour", true, false)],
        "delete" => &[("flavour", true, false)],
        "join" => &[
            ("token", true, false),
            ("server", true, false),
            ("ca-cert-hash", true, true),
            ("control-plane", false, false),
            ("certificate-key", true, false),
        ],
        "check" => &[],
        "discover" => &[("token", true, false), ("ca-cert-hash", true, true)],
        "inspect" => &[("purpose", true, false)],
        "k3s join" => &[
            ("server", true, false),
            ("token", true, false),
            ("flavour", true, false),
            ("role", true, false),
            ("output", true, false),
        ],
        "k3s rotate" => &[
            ("token", true, false),
            ("new-token", true, false),
            ("value-stdin", false, false),
        ],
        _ => return None,
    })
}

/// Parsed options: repeated values collected, positionals in order.
struct Parsed {
    opts: Map<String, Value>,
    positional: Vec<String>,
}

fn parse(spec: Spec, args: &[String]) -> std::result::Result<Parsed, String> {
    let mut p = Parsed {
        opts: Map::new(),
        positional: Vec::new(),
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let Some(flag) = a
            .strip_prefix("--")
            .or_else(|| (a == "-o").then_some("output"))
        else {
            p.positional.push(a.clone());
            continue;
        };
        let (name, inline) = match flag.split_once('=') {
            Some((n, v)) => (n, Some(v.to_owned())),
            None => (flag, None),
        };
        let Some(&(_, takes_value, repeat)) = spec.iter().find(|(n, _, _)| *n == name) else {
            // Never echo the argument: it may be a secret given in the wrong place.
            return Err("unknown option (see --help)".into());
        };
        let value = if takes_value {
            match inline {
                Some(v) => Value::String(v),
                None => Value::String(
                    it.next()
                        .cloned()
                        .ok_or_else(|| format!("option --{name} needs a value"))?,
                ),
            }
        } else {
            Value::Bool(true)
        };
        if repeat {
            let entry = p
                .opts
                .entry(name.to_owned())
                .or_insert_with(|| Value::Array(Vec::new()));
            if let (Value::Array(list), Value::String(s)) = (entry, value) {
                list.extend(
                    s.split(',')
                        .filter(|x| !x.is_empty())
                        .map(|x| Value::String(x.to_owned())),
                );
            }
        } else {
            p.opts.insert(name.to_owned(), value);
        }
    }
    Ok(p)
}

fn usage_error(msg: &str) -> Output {
    Output {
        stdout: Vec::new(),
        stderr: format!("kubetoken: {msg}\n{USAGE}").into_bytes(),
        code: 2,
    }
}

fn error_output(e: &Error) -> Output {
    Output {
        stdout: Vec::new(),
        stderr: format!("kubetoken: error: {}: {e}\n", e.code()).into_bytes(),
        code: 1,
    }
}

fn ok(stdout: impl Into<Vec<u8>>) -> Output {
    Output {
        stdout: stdout.into(),
        stderr: Vec::new(),
        code: 0,
    }
}

fn pretty(v: &Value) -> Vec<u8> {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_default();
    s.push('\n');
    s.into_bytes()
}

fn line(s: &str) -> Vec<u8> {
    let mut v = s.as_bytes().to_vec();
    if !s.ends_with('\n') {
        v.push(b'\n');
    }
    v
}

/// Whether `kubetoken <args>` reads stdin (the shells read it only then, so the other
/// commands never wait for input).
pub fn reads_stdin(args: &[String]) -> bool {
    if args.iter().any(|a| a == "--help" || a == "-h") {
        return false;
    }
    let verb: Vec<&str> = args.iter().take(2).map(String::as_str).collect();
    match verb.as_slice() {
        ["list", ..] | ["check", ..] | ["discover", ..] | ["redact", ..] => true,
        ["join", ..] => !args.iter().any(|a| a.starts_with("--ca-cert-hash")),
        ["inspect", ..] => spec("inspect")
            .and_then(|sp| parse(sp, args.get(1..).unwrap_or_default()).ok())
            .is_some_and(|p| p.positional.is_empty()),
        ["k3s", "hash" | "explain"] => true,
        ["k3s", "rotate"] => args.iter().any(|a| a == "--value-stdin"),
        _ => false,
    }
}

/// Runs `kubetoken <args>` (without the program name). `now` fills every `now`; `fill`
/// is the random source.
pub fn run(
    args: &[String],
    stdin: &[u8],
    now: Timestamp,
    fill: &mut dyn FnMut(&mut [u8]) -> Result<()>,
) -> Output {
    let (verb, rest) = match args {
        [] => return usage_error("no command"),
        [h, ..] if h == "--help" || h == "-h" || h == "help" => return ok(USAGE),
        [k, sub, rest @ ..] if k == "k3s" => (format!("k3s {sub}"), rest),
        [k] if k == "k3s" => return usage_error("k3s needs a subcommand"),
        [v, rest @ ..] => (v.clone(), rest),
    };
    let Some(sp) = spec(&verb) else {
        return usage_error("unknown command");
    };
    if rest.iter().any(|a| a == "--help" || a == "-h") {
        return ok(help(&verb, sp));
    }
    let p = match parse(sp, rest) {
        Ok(p) => p,
        Err(m) => return usage_error(&format!("{verb}: {m}")),
    };
    match verb_run(&verb, p, stdin, now, fill) {
        Ok(out) => out,
        Err(e) => error_output(&e),
    }
}

fn help(verb: &str, sp: Spec) -> String {
    let mut s = format!("usage: kubetoken {verb}");
    for (n, v, r) in sp {
        s.push_str(&format!(
            " [--{n}{}{}]",
            if *v { " VALUE" } else { "" },
            if *r { "..." } else { "" }
        ));
    }
    s.push_str("\n\n");
    s.push_str(
        USAGE
            .lines()
            .filter(|l| l.trim_start().starts_with(verb))
            .collect::<Vec<_>>()
            .join("\n")
            .as_str(),
    );
    s.push('\n');
    s
}

fn text(stdin: &[u8]) -> Value {
    match std::str::from_utf8(stdin) {
        Ok(s) => Value::String(s.to_owned()),
        Err(_) => {
            use base64::Engine as _;
            json!({"base64": base64::engine::general_purpose::STANDARD.encode(stdin)})
        }
    }
}

fn now_value(now: Timestamp) -> Value {
    Value::String(now.to_rfc3339_nano())
}

fn verb_run(
    verb: &str,
    mut p: Parsed,
    stdin: &[u8],
    now: Timestamp,
    fill: &mut dyn FnMut(&mut [u8]) -> Result<()>,
) -> Result<Output> {
    let opt = |p: &Parsed, k: &str| p.opts.get(k).cloned().unwrap_or(Value::Null);
    Ok(match verb {
        "generate" => ok(line(&BootstrapToken::generate_with(fill)?.expose())),
        "create" => {
            let mut o = Map::new();
            for (from, to) in [
                ("token", "token"),
                ("ttl", "ttl"),
                ("description", "description"),
                ("usages", "usages"),
                ("groups", "groups"),
            ] {
                if let Some(v) = p.opts.remove(from) {
                    o.insert(to.to_owned(), v);
                }
            }
            let input = TokenInput::from_value(&Value::Object(o))?;
            let (_, secret) =
                input.render_secret_with(&TimeInput::from_json(&now_value(now)), fill)?;
            match opt(&p, "output").as_str().unwrap_or("yaml") {
                "yaml" => ok(secret.to_yaml()?),
                "json" => ok(pretty(
                    &serde_json::to_value(secret.to_manifest()).unwrap_or(Value::Null),
                )),
                _ => return Err(Error::InvalidOptions("-o is yaml or json".into())),
            }
        }
        "list" => {
            let v = api::call(
                "list_tokens",
                &json!({"secrets": text(stdin), "now": now_value(now),
                    "format": opt(&p, "output").as_str().unwrap_or("text"),
                    "flavour": opt(&p, "flavour")}),
            )?;
            let mut out = ok(v
                .get("output")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .as_bytes()
                .to_vec());
            for e in v
                .get("errors")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default()
            {
                out.stderr.extend_from_slice(
                    format!(
                        "kubetoken: skipped: {}: {}\n",
                        e.get("code").and_then(Value::as_str).unwrap_or(""),
                        e.get("message").and_then(Value::as_str).unwrap_or("")
                    )
                    .as_bytes(),
                );
            }
            out
        }
        "delete" => {
            let v = api::call(
                "delete_token_names",
                &json!({"args": p.positional, "flavour": opt(&p, "flavour")}),
            )?;
            let names: Vec<&str> = v
                .as_array()
                .map(|a| a.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            ok(names.iter().map(|n| format!("{n}\n")).collect::<String>())
        }
        "join" => {
            let mut a = Map::new();
            a.insert("token".into(), opt(&p, "token"));
            a.insert("server".into(), opt(&p, "server"));
            a.insert("control_plane".into(), opt(&p, "control-plane"));
            a.insert("certificate_key".into(), opt(&p, "certificate-key"));
            match p.opts.get("ca-cert-hash") {
                Some(h) => a.insert("ca_cert_hashes".into(), h.clone()),
                None => a.insert("ca_pem".into(), text(stdin)),
            };
            let cmd = api::call("join_command", &Value::Object(a))?;
            ok(line(cmd.as_str().unwrap_or_default()))
        }
        "check" => {
            let [token] = p.positional.as_slice() else {
                return Err(Error::InvalidOptions("check takes one TOKEN".into()));
            };
            let v = api::call(
                "authenticate",
                &json!({"token": token, "secrets": text(stdin), "now": now_value(now)}),
            )?;
            let authed = v.get("authenticated").and_then(Value::as_bool) == Some(true);
            let mut out = ok(pretty(&v));
            out.code = if authed { 0 } else { 1 };
            out
        }
        "discover" => {
            let v = api::call(
                "verify_cluster_info",
                &json!({"configmap": text(stdin), "token": opt(&p, "token"),
                    "ca_cert_hashes": opt(&p, "ca-cert-hash")}),
            )?;
            ok(pretty(&v))
        }
        "inspect" => {
            let t = match p.positional.as_slice() {
                [t] => Value::String(t.clone()),
                [] => text(stdin),
                _ => return Err(Error::InvalidOptions("inspect takes one TEXT".into())),
            };
            let purpose = opt(&p, "purpose")
                .as_str()
                .map(Purpose::parse)
                .transpose()?;
            // From stdin, the one newline `echo` adds is not part of the token.
            let piped = stdin
                .strip_suffix(b"\r\n")
                .or_else(|| stdin.strip_suffix(b"\n"))
                .unwrap_or(stdin);
            let bytes = match (&t, p.positional.is_empty()) {
                (Value::String(s), false) => s.as_bytes().to_vec(),
                _ => piped.to_vec(),
            };
            let r = crate::inspect::inspect_token(&bytes, purpose)?;
            let good = r.kind != TokenKind::Invalid && r.usable != Some(false);
            let mut out = ok(pretty(&serde_json::to_value(&r).unwrap_or(Value::Null)));
            out.code = if good { 0 } else { 1 };
            out
        }
        "redact" => {
            // Lines are independent: pieces of at most the cap, cut after a newline.
            let mut out = Vec::with_capacity(stdin.len());
            let mut rest = stdin;
            while !rest.is_empty() {
                let max = crate::limits::MAX_REDACT_BYTES.min(rest.len());
                let cut = if max == rest.len() {
                    max
                } else {
                    rest.get(..max)
                        .and_then(|h| h.iter().rposition(|&b| b == b'\n'))
                        .map_or(max, |i| i + 1)
                };
                let (piece, tail) = rest.split_at(cut);
                out.extend(crate::redact::redact_bytes(piece)?);
                rest = tail;
            }
            ok(out)
        }
        "k3s hash" => ok(line(&k3s::ca_hash(stdin, now)?.hash)),
        "k3s explain" => {
            use base64::Engine as _;
            let b64 = base64::engine::general_purpose::STANDARD.encode(stdin);
            ok(pretty(&api::call(
                "explain_k3s_ca_hash",
                &json!({"bundle": {"base64": b64}, "now": now_value(now)}),
            )?))
        }
        "k3s token" => ok(crate::token::concat(&[
            &BootstrapToken::generate_with(fill)?.expose(),
            "\n",
        ])),
        "k3s join" => {
            let v = api::call(
                "k3s_join_command",
                &json!({"server": opt(&p, "server"), "token": opt(&p, "token"),
                    "flavour": opt(&p, "flavour"), "role": opt(&p, "role")}),
            )?;
            match opt(&p, "output").as_str().unwrap_or("command") {
                "json" => ok(pretty(&v)),
                k @ ("command" | "install" | "config") => {
                    ok(line(v.get(k).and_then(Value::as_str).unwrap_or_default()))
                }
                _ => {
                    return Err(Error::InvalidOptions(
                        "-o is command, install, config or json".into(),
                    ));
                }
            }
        }
        _ => {
            // "k3s rotate"
            let old = opt(&p, "token");
            let old = old
                .as_str()
                .ok_or_else(|| Error::InvalidOptions("k3s rotate needs --token".into()))?;
            let value = (opt(&p, "value-stdin") == Value::Bool(true)).then_some(stdin);
            let r = k3s::rotate_with(old, opt(&p, "new-token").as_str(), value, fill)?;
            ok(pretty(&serde_json::to_value(&r).unwrap_or(Value::Null)))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run_s(args: &[&str], stdin: &[u8]) -> Output {
        let args: Vec<String> = args.iter().map(|s| (*s).to_owned()).collect();
        let now = Timestamp::parse_rfc3339("2026-01-01T00:00:00Z").unwrap();
        let mut n = 0u8;
        run(&args, stdin, now, &mut |b: &mut [u8]| {
            for x in b.iter_mut() {
                *x = n;
                n = n.wrapping_add(7);
            }
            Ok(())
        })
    }

    #[test]
    fn generate_create_and_errors() {
        let g = run_s(&["generate"], b"");
        assert_eq!(g.code, 0);
        assert!(crate::token::is_valid_token(
            std::str::from_utf8(&g.stdout).unwrap().trim_end()
        ));
        let c = run_s(&["create", "--ttl", "2h", "-o", "json"], b"");
        assert_eq!(c.code, 0, "{}", String::from_utf8_lossy(&c.stderr));
        let bad = run_s(&["create", "--token", "abcdef.0123456789abcdeX"], b"");
        assert_eq!(bad.code, 1);
        let err = String::from_utf8(bad.stderr).unwrap();
        assert!(
            err.contains("invalid_token") && !err.contains("0123456789abcde"),
            "{err}"
        );
        let u = run_s(&["join", "--tokn=abcdef.0123456789abcdef"], b"");
        assert_eq!(u.code, 2);
        assert!(
            !String::from_utf8(u.stderr)
                .unwrap()
                .contains("0123456789abcdef")
        );
    }

    #[test]
    fn redact_and_inspect() {
        let r = run_s(&["redact"], b"--token abcdef.0123456789abcdef\n");
        assert_eq!(r.stdout, b"--token abcdef.****************\n");
        let i = run_s(
            &[
                "inspect",
                "abcdef.0123456789abcdef",
                "--purpose",
                "k3s_server",
            ],
            b"",
        );
        assert_eq!(i.code, 1);
        assert!(
            !String::from_utf8(i.stdout)
                .unwrap()
                .contains("0123456789abcdef")
        );
    }
}
