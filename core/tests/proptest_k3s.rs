//! Property tests for the k3s / PEM / X.509 / pin area: parse ∘ format round trips,
//! arbitrary bytes into every parser without panics, secrets never in messages.

// Test code: unwrap/indexing failures are test failures.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use kubetoken::k3s::{self, CredentialKind, K3sToken};
use kubetoken::x509::{self, pem};
use kubetoken::{Timestamp, pin};
use proptest::prelude::*;

fn now() -> Timestamp {
    Timestamp::from_unix(1_767_225_600) // 2026-01-01T00:00:00Z
}

const CHAIN: &str = include_str!("../../tests/fixtures/k3s/chain.pem");

fn hex64() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[0-9a-f]{64}").unwrap()
}

fn password() -> impl Strategy<Value = String> {
    // any printable text, including ':' and "::", at least one char
    proptest::string::string_regex("[ -~]{1,40}").unwrap()
}

fn bootstrap() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[a-z0-9]{6}\\.[a-z0-9]{16}").unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn password_tokens_round_trip(hash in prop_oneof![Just(String::new()), hex64()],
                                  user in "[a-z0-9-]{0,12}", pass in password()) {
        let s = format!("K10{hash}::{user}:{pass}");
        let t = K3sToken::parse(&s).unwrap();
        prop_assert_eq!(t.kind(), CredentialKind::Password);
        prop_assert_eq!(t.ca_hash(), hash.as_str());
        prop_assert_eq!(t.username(), user.as_str());
        prop_assert_eq!(t.password(), pass.as_str());
        prop_assert_eq!(t.expose(), s.clone());
        prop_assert_eq!(K3sToken::parse(&t.expose()).unwrap(), t.clone());
        // secrets never shown (a password that is a substring of the rest is unavoidable,
        // so only check passwords with a distinctive marker)
        let marked = K3sToken::parse(&format!("K10{hash}::{user}:SECRET{pass}")).unwrap();
        let shown = [
            format!("{marked:?}"),
            marked.to_string(),
            format!("{:?}", k3s::credentials(&marked, Some("node"))),
        ];
        for text in shown {
            prop_assert!(!text.contains("SECRET"), "{}", text);
        }
    }

    #[test]
    fn bootstrap_tokens_round_trip(hash in prop_oneof![Just(String::new()), hex64()], b in bootstrap()) {
        let t = K3sToken::parse(&format!("K10{hash}::{b}")).unwrap();
        prop_assert_eq!(t.kind(), CredentialKind::Bootstrap);
        prop_assert_eq!(t.bootstrap_token().unwrap().expose(), b.clone());
        let bare = K3sToken::parse(&b).unwrap();
        prop_assert_eq!(bare.bootstrap_token().unwrap().expose(), b.clone());
        let secret = b.split('.').nth(1).unwrap();
        let shown = [format!("{t:?}"), t.to_string()];
        for text in shown {
            prop_assert!(!text.contains(secret), "{}", text);
        }
    }

    #[test]
    fn format_then_parse(user in "[a-z]{1,8}", pass in password()) {
        let creds = format!("{user}:{pass}");
        let s = k3s::format_token(&creds, CHAIN.as_bytes(), now()).unwrap();
        let t = K3sToken::parse(&s).unwrap();
        prop_assert_eq!(t.ca_hash(), k3s::ca_hash(CHAIN.as_bytes(), now()).unwrap().hash);
        prop_assert_eq!(t.password(), pass.as_str());
        let check = k3s::verify_ca(t.ca_hash(), Some(CHAIN.as_bytes()), now());
        prop_assert_eq!(check.status, k3s::CaCheckStatus::Match);
    }

    #[test]
    fn parse_never_panics_and_errors_hide_input(s in "\\PC{0,80}") {
        let marked = format!("{s}SECRETX");
        if let Err(e) = K3sToken::parse(&marked) {
            prop_assert!(!e.to_string().contains("SECRETX"));
        }
        let _ = k3s::normalize_token(&s);
        let _ = k3s::passwd_password("server", &s);
    }

    #[test]
    fn pem_and_certificates_never_panic(data in proptest::collection::vec(any::<u8>(), 0..600)) {
        let _ = pem::decode(&data);
        let _ = pem::decode_all(&data);
        let _ = pem::certificates(&data);
        let _ = x509::Certificate::parse(data.clone());
        let _ = pin::hash_certificate_der(&data);
        let _ = k3s::ca_hash(&data, now());
        let _ = k3s::decrypt("token", &data);
    }

    #[test]
    fn mutated_chains_never_panic(i in 0usize..4000, b in any::<u8>()) {
        // flip one byte of the DER inside the fixture chain (re-encoded as PEM)
        let blocks = pem::decode_all(CHAIN.as_bytes());
        let mut ders: Vec<Vec<u8>> = blocks.into_iter().map(|b| b.bytes).collect();
        let total: usize = ders.iter().map(Vec::len).sum();
        let mut k = i % total;
        for d in &mut ders {
            if k < d.len() { d[k] = b; break; }
            k -= d.len();
        }
        use base64::Engine as _;
        let text: String = ders.iter().map(|d| format!(
            "-----BEGIN CERTIFICATE-----\n{}\n-----END CERTIFICATE-----\n",
            base64::engine::general_purpose::STANDARD.encode(d))).collect();
        let _ = k3s::ca_hash(text.as_bytes(), now());
    }

    #[test]
    fn pins_never_panic(s in "\\PC{0,80}") {
        let _ = pin::PinSet::new().allow(&s);
    }

}

proptest! {
    // PBKDF2 with 4096 rounds is slow in debug builds: few cases.
    #![proptest_config(ProptestConfig::with_cases(8))]

    #[test]
    fn encrypt_decrypt_round_trip(pass in "\\PC{0,20}", pt in proptest::collection::vec(any::<u8>(), 0..100),
                                  salt in "[0-9a-f]{16}", nonce in any::<[u8; 12]>()) {
        let v = k3s::encrypt_with(&pass, &pt, &salt, nonce).unwrap();
        let back = k3s::decrypt(&pass, v.as_bytes()).unwrap();
        prop_assert_eq!(back.as_slice(), pt.as_slice());
        // a wrong passphrase fails, and the error names neither passphrase
        let wrong = format!("SECRETX{pass}");
        let e = k3s::decrypt(&wrong, v.as_bytes()).unwrap_err();
        prop_assert_eq!(e.code(), "decryption_failed");
        prop_assert!(!e.to_string().contains("SECRETX"));
    }
}

#[test]
fn token_generate_output_format() {
    let out = k3s::token_generate_output().unwrap();
    let t = out.strip_suffix('\n').unwrap();
    assert!(kubetoken::token::is_valid_token(t), "{out:?}");
    assert!(
        t.bytes()
            .all(|c| c == b'.' || kubetoken::token::ALPHABET.contains(&c))
    );
}

#[test]
fn certificate_count_is_capped() {
    let first = CHAIN.split("-----END CERTIFICATE-----\n").next().unwrap();
    let one = format!("{first}-----END CERTIFICATE-----\n");
    let many = one.repeat(pem::MAX_CERTIFICATES + 1);
    assert_eq!(
        k3s::ca_hash(many.as_bytes(), now()).unwrap_err().code(),
        "input_too_large"
    );
    let ok = one.repeat(pem::MAX_CERTIFICATES);
    assert!(k3s::ca_hash(ok.as_bytes(), now()).is_ok());
    let huge = vec![b'a'; kubetoken::error::MAX_INPUT_BYTES + 1];
    assert_eq!(
        k3s::ca_hash(&huge, now()).unwrap_err().code(),
        "input_too_large"
    );
}

#[test]
fn hostile_pem_is_linear() {
    // Inputs that make Go's decoder quadratic; they must finish (no timing asserted: the
    // test would hang, not fail, if decoding were quadratic on ~1 MiB).
    let begins = "-----BEGIN A-----\n".repeat(50_000) + "-----END A-----\n";
    assert!(pem::certificates(begins.as_bytes()).is_err());
    let headers = "-----BEGIN a:b-----\n".repeat(50_000);
    assert!(pem::certificates(headers.as_bytes()).is_err());
    let spaces =
        "-----BEGIN A-----\n".repeat(20_000) + "-----END A-----" + &" ".repeat(500_000) + "x\n";
    assert!(pem::certificates(spaces.as_bytes()).is_err());
}
