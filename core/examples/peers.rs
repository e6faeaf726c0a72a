//! The Rust side of `make bench`'s Rust-vs-Go table (bench/run.py drives it, interleaved
//! with the Go program in tests/oracle/cmd/bench, which has the same command line):
//!
//! `peers --inputs DIR --op NAME --iters N [--now RFC3339] [--check FILE]`
//!
//! DIR holds the inputs bench/run.py writes. The op runs a warm-up (N/10 iterations), then
//! N timed ones; the answer is one JSON line `{"op", "iters", "ns_per_op"}`. With
//! `--check`, the op's output (one run) goes to FILE for the driver to compare with Go's.
//!
//! `peers --prepare DIR` writes the inputs that need kubetoken itself (the k3s
//! bootstrap-data ciphertext, the kubeconfig's JWS), from the files already there.
//!
//! kubetoken caps text input at 1 MiB, so a `kubectl get secrets -o json` list of
//! thousands of Secrets is parsed by the caller (serde_json here, as a program reading
//! the API server's answer would) and handed over as a value.

use std::error::Error;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Instant;

use kubetoken::options::TokenSpec;
use kubetoken::{BootstrapToken, Flavour, ListFormat, Secret, Timestamp, authn, jws, k3s, pin};

type Res<T> = Result<T, Box<dyn Error>>;

struct Inputs(PathBuf);

impl Inputs {
    fn bytes(&self, name: &str) -> Res<Vec<u8>> {
        Ok(std::fs::read(self.0.join(name))?)
    }
    fn text(&self, name: &str) -> Res<String> {
        Ok(std::fs::read_to_string(self.0.join(name))?
            .trim_end_matches('\n')
            .to_owned())
    }
}

/// spec.json: the token fields both sides render.
#[derive(serde::Deserialize)]
struct SpecFile {
    token: String,
    description: String,
    usages: Vec<String>,
    groups: Vec<String>,
    expires: String,
}

/// The same text the Go side writes for a parsed token.
fn token_view(t: &TokenSpec) -> String {
    let exp = t.expires.map(|e| e.to_rfc3339_utc()).unwrap_or_default();
    [
        t.token.expose(),
        t.description.clone(),
        exp,
        t.usages.join(","),
        t.groups.join(","),
    ]
    .join("|")
}

fn secrets_of(text: &str) -> Res<Vec<Secret>> {
    let v: serde_json::Value = serde_json::from_str(text)?;
    Ok(kubetoken::secret::secret_list_from_value(&v)?
        .into_iter()
        .collect::<Result<Vec<_>, _>>()?)
}

type Op = Box<dyn FnMut() -> Res<String>>;

/// `checking`: the op runs once for `--check`, so results that are objects are rendered
/// as text for the comparison (when timing, the object itself is the result).
fn op(name: &str, inp: &Inputs, now: Timestamp, checking: bool) -> Res<Op> {
    Ok(match name {
        "generate" => Box::new(|| Ok(BootstrapToken::generate()?.expose())),
        "validate" => {
            let tok = inp.text("token.txt")?;
            Box::new(move || Ok(kubetoken::token::is_valid_token(black_box(&tok)).to_string()))
        }
        "render_secret" | "render_secret_json" => {
            let s: SpecFile = serde_json::from_slice(&inp.bytes("spec.json")?)?;
            let expires = Timestamp::parse_rfc3339(&s.expires)?;
            let json = checking || name == "render_secret_json";
            Box::new(move || {
                let spec = TokenSpec {
                    token: BootstrapToken::parse(&s.token)?,
                    description: s.description.clone(),
                    ttl: None,
                    expires: Some(expires),
                    usages: s.usages.clone(),
                    groups: s.groups.clone(),
                };
                let secret = spec.to_secret(now);
                Ok(if json {
                    secret.to_json()
                } else {
                    drop(black_box(secret));
                    String::new()
                })
            })
        }
        "parse_secret" => {
            let secret = Secret::parse(&inp.text("secret.json")?)?;
            Box::new(move || Ok(token_view(&TokenSpec::from_secret(black_box(&secret))?)))
        }
        "parse_secret_json" => {
            let text = inp.text("secret.json")?;
            Box::new(move || Ok(token_view(&TokenSpec::from_secret(&Secret::parse(&text)?)?)))
        }
        "authenticate" => {
            let secrets = secrets_of(&inp.text("list-1000.json")?)?;
            let tok = inp.text("authn-token.txt")?;
            Box::new(move || match authn::authenticate(&tok, &secrets, now) {
                authn::Authentication::Authenticated(u) => {
                    Ok(format!("{} {}", u.name, u.groups.join(",")))
                }
                authn::Authentication::Denied(r) => Err(format!("denied: {r}").into()),
            })
        }
        "jws_sign" | "jws_verify" => {
            let content = inp.text("kubeconfig.yaml")?;
            let (id, secret) = (inp.text("token-id.txt")?, inp.text("token-secret.txt")?);
            if name == "jws_sign" {
                Box::new(move || {
                    Ok(jws::compute_detached_signature(
                        content.as_bytes(),
                        &id,
                        secret.as_bytes(),
                    ))
                })
            } else {
                let sig = inp.text("kubeconfig.jws")?;
                Box::new(move || {
                    let ok = jws::detached_token_is_valid(
                        &sig,
                        content.as_bytes(),
                        &id,
                        secret.as_bytes(),
                    );
                    if ok {
                        Ok("true".into())
                    } else {
                        Err("signature rejected".into())
                    }
                })
            }
        }
        "ca_pin" => {
            let pem = inp.bytes("ca.pem")?;
            Box::new(move || Ok(pin::hashes_from_pem(&pem)?.join(",")))
        }
        "k3s_hash_rsa" | "k3s_hash_p256" => {
            let file = if name == "k3s_hash_rsa" {
                "chain-rsa.pem"
            } else {
                "chain-p256.pem"
            };
            let pem = inp.bytes(file)?;
            Box::new(move || Ok(k3s::ca_hash(&pem, now)?.hash))
        }
        "k3s_decrypt" => {
            let (pass, value) = (inp.text("passphrase.txt")?, inp.text("bootstrap.enc")?);
            Box::new(move || {
                let plain = k3s::decrypt(&pass, value.as_bytes())?;
                Ok(String::from_utf8(plain.to_vec())?)
            })
        }
        _ => {
            for n in ["1000", "10000", "100000"] {
                if name == format!("list_{n}") {
                    let text = inp.text(&format!("list-{n}.json"))?;
                    return Ok(Box::new(move || {
                        let v: serde_json::Value = serde_json::from_str(&text)?;
                        let items = kubetoken::secret::secret_list_from_value(&v)?;
                        let l = kubetoken::list::list_token_results(
                            &items,
                            now,
                            ListFormat::Text,
                            Flavour::Kubeadm,
                        )?;
                        Ok(l.output)
                    }));
                }
                if name == format!("parse_list_{n}") {
                    let text = inp.text(&format!("list-{n}.json"))?;
                    return Ok(Box::new(move || {
                        let v: serde_json::Value = serde_json::from_str(&text)?;
                        let tokens = kubetoken::options::tokens_from_secret_list_value(&v)?;
                        let mut out = Vec::with_capacity(tokens.len());
                        for t in tokens {
                            out.push(token_view(&t?));
                        }
                        Ok(out.join("\n"))
                    }));
                }
            }
            return Err(format!("unknown op {name:?}").into());
        }
    })
}

fn prepare(dir: &Path) -> Res<()> {
    let inp = Inputs(dir.to_owned());
    let pass = inp.text("passphrase.txt")?;
    let plain = inp.bytes("bootstrap.json")?;
    // Fixed salt and nonce: the inputs are the same on every run.
    let enc = k3s::encrypt_with(&pass, &plain, "0123456789abcdef", [7u8; 12])?;
    std::fs::write(dir.join("bootstrap.enc"), enc)?;
    let sig = jws::compute_detached_signature(
        inp.text("kubeconfig.yaml")?.as_bytes(),
        &inp.text("token-id.txt")?,
        inp.text("token-secret.txt")?.as_bytes(),
    );
    std::fs::write(dir.join("kubeconfig.jws"), sig)?;
    Ok(())
}

fn main() -> Res<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    if let Some(dir) = flag("--prepare") {
        return prepare(Path::new(&dir));
    }
    let inp = Inputs(PathBuf::from(flag("--inputs").ok_or("--inputs DIR")?));
    let name = flag("--op").ok_or("--op NAME")?;
    let iters: u64 = flag("--iters").map_or(Ok(1000), |s| s.parse())?;
    let now = match flag("--now") {
        Some(s) => Timestamp::parse_rfc3339(&s)?,
        None => Timestamp::parse_rfc3339("2026-01-01T00:00:00Z")?,
    };
    if let Some(file) = flag("--check") {
        let out = op(&name, &inp, now, true)?()?;
        std::fs::write(file, out)?;
        return Ok(());
    }
    let mut f = op(&name, &inp, now, false)?;
    for _ in 0..(iters / 10).max(1) {
        black_box(f()?);
    }
    let t0 = Instant::now();
    for _ in 0..iters {
        black_box(f()?);
    }
    let ns = t0.elapsed().as_nanos() as f64 / iters as f64;
    println!("{{\"op\":\"{name}\",\"iters\":{iters},\"ns_per_op\":{ns:.1}}}");
    Ok(())
}
