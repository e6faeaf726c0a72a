//! `make demo`'s terminal part: a fresh bootstrap token, the Secret that makes it real,
//! the command a new node runs to join with it, and the same token in k3s's `K10` form.
//!
//! `cargo run -q -p kubetoken --example sample`

use std::time::{SystemTime, UNIX_EPOCH};

use kubetoken::join::{JoinOptions, JoinTarget, kubeadm_join_command};
use kubetoken::options::TokenOptions;
use kubetoken::{Flavour, Timestamp, k3s};

/// A sample cluster CA (a throwaway self-signed P-256 certificate, `CN=kubernetes`); on a
/// real control plane this is `/etc/kubernetes/pki/ca.crt`.
const SAMPLE_CA: &str = include_str!("sample_ca.pem");
const SAMPLE_SERVER: &str = "https://10.0.0.10:6443";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let now_secs = SystemTime::now().duration_since(UNIX_EPOCH)?.as_secs();
    let now = Timestamp::from_unix(i64::try_from(now_secs)?);

    let options = TokenOptions {
        flavour: Flavour::Kubeadm,
        description: Some("made by kubetoken's sample".into()),
        ..TokenOptions::default()
    };
    let (spec, secret) = options.render_secret(now)?;
    let token = spec.token.expose();

    println!("# A fresh bootstrap token (kubeadm defaults: TTL 24h, signing + authentication):");
    println!("{token}");
    println!();
    println!("# Its Secret — `kubectl apply -f -` makes the token valid on the cluster:");
    print!("{}", secret.to_yaml()?);
    println!();
    println!("# The join command for a node (sample cluster CA, API server {SAMPLE_SERVER}):");
    let target = JoinTarget::from_ca_pem(SAMPLE_SERVER, SAMPLE_CA.as_bytes())?;
    println!(
        "{}",
        kubeadm_join_command(&token, &target, &JoinOptions::default())?.trim_end()
    );
    println!();
    println!(
        "# The same token for a k3s/rke2 agent (`K10<CA hash>::<token>`, as `k3s token create`):"
    );
    print!(
        "{}",
        k3s::token_create_output(&spec.token, SAMPLE_CA.as_bytes(), now)?
    );
    Ok(())
}
