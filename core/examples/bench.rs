//! `make bench`: ns/op of the hot paths, with a plain timing loop (no bench framework).
//!
//! `cargo run -q -p kubetoken --release --example bench [filter]`
//!
//! Each benchmark runs for about `KUBETOKEN_BENCH_MS` milliseconds (default 300) after a
//! short warm-up and reports the mean time per call. Numbers are for comparing changes
//! on one machine, not absolute claims.

use std::hint::black_box;
use std::time::{Duration, Instant};

use kubetoken::options::TokenOptions;
use kubetoken::{BootstrapToken, Secret, Timestamp, authn, jws, k3s, pin};

const SAMPLE_CA: &str = include_str!("sample_ca.pem");
/// server CA ← intermediate ← root (RSA), from the k3s fixtures.
const CHAIN_RSA: &str = include_str!("../../tests/fixtures/k3s/chain.pem");
const CHAIN_P256: &str = include_str!("../../tests/fixtures/k3s/chain-p256.pem");

fn bench(filter: &str, name: &str, budget: Duration, mut f: impl FnMut()) {
    if !name.contains(filter) {
        return;
    }
    for _ in 0..100 {
        f();
    }
    let mut iters: u64 = 0;
    let mut batch: u64 = 16;
    let start = Instant::now();
    let elapsed = loop {
        for _ in 0..batch {
            f();
        }
        iters += batch;
        let e = start.elapsed();
        if e >= budget {
            break e;
        }
        batch = (batch * 2).min(1 << 16);
    };
    let ns = elapsed.as_nanos() as f64 / iters as f64;
    println!("{name:<36} {ns:>12.1} ns/op   ({iters} iterations)");
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let filter = std::env::args().nth(1).unwrap_or_default();
    let ms = std::env::var("KUBETOKEN_BENCH_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(300);
    let budget = Duration::from_millis(ms);
    let now = Timestamp::parse_rfc3339("2026-01-01T00:00:00Z")?;
    let token = "abcdef.0123456789abcdef";
    let (_, secret) = TokenOptions {
        token: Some(BootstrapToken::parse(token)?),
        ..TokenOptions::default()
    }
    .render_secret(now)?;
    let secret_json = secret.to_json();
    let secrets: Vec<Secret> = (0..100)
        .map(|i| {
            let mut s = secret.clone();
            s.name = format!("bootstrap-token-{i:06}");
            s
        })
        .chain(std::iter::once(secret.clone()))
        .collect();

    // An 8,000-line kubeadm/k3s log with tokens, Bearer headers and colour codes.
    let log: String = (0..8_000)
        .map(|i| match i % 4 {
            0 => format!("I1201 10:00:00.{i:06} 1 join.go:413] [preflight] line {i}\n"),
            1 => format!("\x1b[32m[bootstrap-token]\x1b[0m Using token: {token}\n"),
            2 => "time=\"2026-12-01T10:00:00Z\" level=info msg=\"Starting k3s v1.31.4+k3s1\"\n"
                .to_owned(),
            _ => format!("curl -H \"Authorization: Bearer {token}\" https://10.0.0.1:6443/api\n"),
        })
        .collect();

    println!("{:<36} {:>12}", "benchmark", "time");
    bench(&filter, "redact (8,000-line log, 539 KiB)", budget, || {
        black_box(kubetoken::redact::redact_text(black_box(&log)).ok());
    });
    bench(&filter, "inspect_token", budget, || {
        black_box(kubetoken::inspect::inspect_token(black_box(token.as_bytes()), None).ok());
    });
    bench(&filter, "generate_token (OS random)", budget, || {
        black_box(BootstrapToken::generate().ok());
    });
    bench(&filter, "parse_token", budget, || {
        black_box(BootstrapToken::parse(black_box(token)).ok());
    });
    bench(&filter, "parse_rfc3339", budget, || {
        black_box(Timestamp::parse_rfc3339(black_box("2026-01-01T12:34:56.789+02:00")).ok());
    });
    bench(&filter, "render_secret (spec + Secret)", budget, || {
        black_box(TokenOptions::default().render_secret(now).ok());
    });
    bench(&filter, "Secret::to_yaml", budget, || {
        black_box(secret.to_yaml().ok());
    });
    bench(&filter, "Secret::to_json", budget, || {
        black_box(secret.to_json());
    });
    bench(&filter, "Secret::parse (JSON)", budget, || {
        black_box(Secret::parse(black_box(&secret_json)).ok());
    });
    bench(&filter, "authenticate (1 Secret)", budget, || {
        black_box(authn::authenticate(
            token,
            std::slice::from_ref(&secret),
            now,
        ));
    });
    bench(&filter, "authenticate (101 Secrets, last)", budget, || {
        black_box(authn::authenticate(token, &secrets, now));
    });
    bench(
        &filter,
        "jws compute_detached_signature 1KiB",
        budget,
        || {
            let content = [b'x'; 1024];
            black_box(jws::compute_detached_signature(
                content,
                "abcdef",
                b"0123456789abcdef",
            ));
        },
    );
    bench(&filter, "pin hashes_from_pem (1 cert)", budget, || {
        black_box(pin::hashes_from_pem(SAMPLE_CA.as_bytes()).ok());
    });
    bench(&filter, "k3s ca_hash (1 cert, raw hash)", budget, || {
        black_box(k3s::ca_hash(SAMPLE_CA.as_bytes(), now).ok());
    });
    bench(&filter, "k3s ca_hash (RSA chain, verified)", budget, || {
        black_box(k3s::ca_hash(CHAIN_RSA.as_bytes(), now).ok());
    });
    bench(
        &filter,
        "k3s ca_hash (P-256 chain, verified)",
        budget,
        || {
            black_box(k3s::ca_hash(CHAIN_P256.as_bytes(), now).ok());
        },
    );
    bench(&filter, "k3s parse_token", budget, || {
        black_box(k3s::K3sToken::parse(black_box(
            "K10d4381672fbe480643011ece033dc9a03943229d257e11f944f76d74be6a7ba14::abcdef.0123456789abcdef",
        )).ok());
    });
    Ok(())
}
