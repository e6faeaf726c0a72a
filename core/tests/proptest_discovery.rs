//! Property tests for jws / kubeconfig / discovery / join.
#![allow(clippy::unwrap_used)] // test helpers outside #[test] fns
use std::collections::BTreeMap;

use kubetoken::discovery::{
    self, ConfigMap, DiscoveryResult, JWS_PREFIX, KUBECONFIG_KEY, sign_cluster_info,
    verify_cluster_info,
};
use kubetoken::join::{JoinOptions, JoinTarget, karmada_register_command, kubeadm_join_command};
use kubetoken::jws::{compute_detached_signature, detached_token_is_valid};
use kubetoken::kubeconfig::{Kubeconfig, render_cluster_info_kubeconfig};
use kubetoken::{Secret, Timestamp};
use proptest::prelude::*;

fn token_part(n: usize) -> impl Strategy<Value = String> {
    proptest::string::string_regex(&format!("[a-z0-9]{{{n}}}")).unwrap()
}

fn signer(id: &str, secret: &str) -> Secret {
    let data: BTreeMap<String, Vec<u8>> = [
        ("token-id", id),
        ("token-secret", secret),
        ("usage-bootstrap-signing", "true"),
    ]
    .iter()
    .map(|(k, v)| ((*k).to_owned(), v.as_bytes().to_vec()))
    .collect();
    Secret {
        name: format!("bootstrap-token-{id}"),
        namespace: "kube-system".into(),
        type_: "bootstrap.kubernetes.io/token".into(),
        data: Some(data),
        ..Secret::default()
    }
}

fn server() -> impl Strategy<Value = String> {
    proptest::string::string_regex("https://[a-z][a-z0-9.-]{0,20}(:[0-9]{1,5})?").unwrap()
}

const NOW: i64 = 1_800_000_000;

proptest! {
    #[test]
    fn jws_round_trip(content in proptest::collection::vec(any::<u8>(), 0..300),
                      id in ".{0,12}", secret in proptest::collection::vec(any::<u8>(), 0..80)) {
        let sig = compute_detached_signature(&content, &id, &secret);
        prop_assert!(detached_token_is_valid(&sig, &content, &id, &secret));
        let (h, s) = sig.split_once("..").unwrap();
        prop_assert!(!h.contains('=') && !s.contains('=') && s.len() == 43);
    }

    #[test]
    fn jws_tamper_fails(content in proptest::collection::vec(any::<u8>(), 1..200),
                        id in token_part(6), secret in token_part(16), pos in any::<usize>(), bit in 0u8..8) {
        let sig = compute_detached_signature(&content, &id, secret.as_bytes());
        let mut bad = content.clone();
        let i = pos % bad.len();
        bad[i] ^= 1 << bit;
        prop_assert!(!detached_token_is_valid(&sig, &bad, &id, secret.as_bytes()));
        let mut other = secret.clone().into_bytes();
        other[pos % 16] = if other[pos % 16] == b'a' { b'b' } else { b'a' };
        prop_assert!(!detached_token_is_valid(&sig, &content, &id, &other));
        let mut sb = sig.clone().into_bytes();
        let j = pos % sb.len();
        sb[j] = if sb[j] == b'A' { b'B' } else { b'A' };
        prop_assert!(!detached_token_is_valid(&String::from_utf8(sb).unwrap(), &content, &id, secret.as_bytes()));
    }

    #[test]
    fn sign_then_verify(id in token_part(6), secret in token_part(16), srv in server(),
                        ca in proptest::collection::vec(any::<u8>(), 0..64),
                        extra_ids in proptest::collection::vec(token_part(6), 0..3)) {
        let kc = render_cluster_info_kubeconfig(&srv, &ca).unwrap();
        let cm = ConfigMap::new("cluster-info", "kube-public",
            [(KUBECONFIG_KEY.to_owned(), kc.clone()), ("other".to_owned(), "x".to_owned())].into());
        let mut secrets = vec![signer(&id, &secret)];
        secrets.extend(extra_ids.iter().map(|e| signer(e, "ffffffffffffffff")));
        let out = sign_cluster_info(&cm, &secrets, Timestamp::from_unix(NOW)).unwrap();
        prop_assert!(out.changed);
        prop_assert_eq!(out.configmap.data.get("other").map(String::as_str), Some("x"));
        // idempotent
        let again = sign_cluster_info(&out.configmap, &secrets, Timestamp::from_unix(NOW)).unwrap();
        prop_assert!(!again.changed);
        let token = format!("{id}.{secret}");
        match verify_cluster_info(&out.configmap, &token, &[]).unwrap() {
            DiscoveryResult::Verified(v) => {
                prop_assert_eq!(v.server, srv);
                prop_assert_eq!(v.cluster_name, "");
                prop_assert_eq!(v.kubeconfig, kc.clone());
                prop_assert!(!v.pinned);
                prop_assert_eq!(v.ca_pem.unwrap_or_default(), ca);
            }
            DiscoveryResult::Rejected(r) => prop_assert!(false, "rejected: {:?}", r),
        }
        // tampered kubeconfig → bad_signature
        let mut tampered = out.configmap.clone();
        tampered.data.insert(KUBECONFIG_KEY.into(), format!("{kc}# x\n"));
        match verify_cluster_info(&tampered, &token, &[]).unwrap() {
            DiscoveryResult::Rejected(r) => prop_assert_eq!(r.reason.code(), "bad_signature"),
            DiscoveryResult::Verified(_) => prop_assert!(false, "tampered kubeconfig verified"),
        }
        // wrong secret → bad_signature, and the message does not leak either secret
        let wrong = format!("{id}.{}", if secret.starts_with('0') { "1" } else { "0" }.to_owned() + &secret[1..]);
        match verify_cluster_info(&out.configmap, &wrong, &[]).unwrap() {
            DiscoveryResult::Rejected(r) => {
                prop_assert_eq!(r.reason.code(), "bad_signature");
                prop_assert!(!r.message.contains(&secret) && !r.message.contains(&wrong[7..]));
            }
            DiscoveryResult::Verified(_) => prop_assert!(false, "wrong secret verified"),
        }
        // a signature under another token ID does not help
        let sig = out.configmap.data.get(&format!("{JWS_PREFIX}{id}")).unwrap().clone();
        let mut moved = ConfigMap::new("cluster-info", "kube-public", BTreeMap::new());
        moved.data.insert(KUBECONFIG_KEY.into(), kc);
        moved.data.insert(format!("{JWS_PREFIX}zzzzzz"), sig);
        if id != "zzzzzz" {
            match verify_cluster_info(&moved, &token, &[]).unwrap() {
                DiscoveryResult::Rejected(r) => prop_assert_eq!(r.reason.code(), "no_signature"),
                DiscoveryResult::Verified(_) => prop_assert!(false),
            }
        }
    }

    #[test]
    fn parsers_never_panic_on_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = Kubeconfig::parse(&*text);
        let _ = ConfigMap::parse(&*text);
        let _ = Kubeconfig::parse(&bytes);
        let _ = ConfigMap::parse(&bytes);
    }

    #[test]
    fn parsers_never_panic_on_yamlish(text in "[-a-z:{}\\[\\], \n\"'&*!|>#%@`0-9.]{0,200}") {
        if let Ok(kc) = Kubeconfig::parse(&text) {
            let _ = kc.default_cluster(None);
            let _ = kc.default_cluster(Some("a"));
            let _ = JoinTarget::from_kubeconfig(&kc, None);
        }
        if let Ok(cm) = ConfigMap::parse(&text) {
            let _ = sign_cluster_info(&cm, &[signer("abc123", "0123456789abcdef")], Timestamp::from_unix(NOW)).unwrap();
            let _ = verify_cluster_info(&cm, "abc123.0123456789abcdef", &[]);
            let _ = cm.to_json();
        }
    }

    #[test]
    fn errors_never_contain_the_secret(id in token_part(6), secret in token_part(16),
                                        mangle in 0usize..6, srv in server()) {
        let bad = match mangle {
            0 => format!("{id}.A{}", &secret[1..]),
            1 => format!("{id}.{secret}x"),
            2 => format!("{id}:{secret}"),
            3 => format!("A{}.{secret}", &id[1..]),
            4 => format!(" {id}.{secret}"),
            _ => format!("{id}.{secret}\n"),
        };
        let needle = &secret[4..]; // present verbatim in every mangled form
        let cm = ConfigMap::new("cluster-info", "kube-public", BTreeMap::new());
        let e = verify_cluster_info(&cm, &bad, &[]).unwrap_err();
        prop_assert!(!e.to_string().contains(needle), "{}", e);
        let target = JoinTarget { server: srv, ca_cert_hashes: vec!["sha256:00".into()] };
        let e = kubeadm_join_command(&bad, &target, &JoinOptions::default()).unwrap_err();
        prop_assert!(!e.to_string().contains(needle), "{}", e);
        let e = karmada_register_command(&bad, &target, "").unwrap_err();
        prop_assert!(!e.to_string().contains(needle), "{}", e);
        // rejections with a valid token do not leak it either
        let good = format!("{id}.{secret}");
        let cm = ConfigMap::new("cluster-info", "kube-public",
            [(KUBECONFIG_KEY.to_owned(), "k".to_owned()), (format!("{JWS_PREFIX}{id}"), "x..y".to_owned())].into());
        if let DiscoveryResult::Rejected(r) = verify_cluster_info(&cm, &good, &[]).unwrap() {
            prop_assert!(!r.message.contains(needle));
            let dbg = format!("{:?}", r);
            prop_assert!(!dbg.contains(needle));
        }
        // a kubeconfig holding a user token: parse errors never quote it
        let kc = format!("users:\n- name: u\n  user:\n    token: {good}\nclusters: [\n");
        let e = Kubeconfig::parse(&kc).unwrap_err();
        prop_assert!(!e.to_string().contains(needle));
    }
}

#[test]
fn oversized_inputs_are_refused() {
    let big = "a".repeat(kubetoken::error::MAX_INPUT_BYTES + 1);
    assert_eq!(
        Kubeconfig::parse(&big).unwrap_err().code(),
        "input_too_large"
    );
    assert_eq!(
        ConfigMap::parse(&big).unwrap_err().code(),
        "input_too_large"
    );
    let _ = discovery::CLUSTER_INFO;
}
