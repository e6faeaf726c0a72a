//! Property tests for authn.rs and list/: arbitrary Secrets and bearers never panic,
//! and the presented secret never appears in any result's Debug output or any error;
//! list errors never contain a stored token secret.

use std::collections::BTreeMap;

use kubetoken::authn::{self, Authentication};
use kubetoken::list::{self, ListFormat};
use kubetoken::{Flavour, Secret, Timestamp};
use proptest::prelude::*;

const KEYS: [&str; 8] = [
    "token-id",
    "token-secret",
    "expiration",
    "description",
    "auth-extra-groups",
    "usage-bootstrap-authentication",
    "usage-bootstrap-signing",
    "usage-bootstrap-",
];

/// Values that hit the interesting branches, plus arbitrary text.
fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("true".to_owned()),
        Just("abcdef".to_owned()),
        Just("2025-01-01T00:00:00Z".to_owned()),
        Just("2030-06-01T12:00:00+02:00".to_owned()),
        Just("system:bootstrappers:a,system:bootstrappers:b".to_owned()),
        "[a-z0-9]{6}",
        "[a-z0-9]{16}",
        ".{0,40}",
        "[ -~\\t\\n\\r\\u{b}\\u{c}]{0,70}",
    ]
}

fn secret() -> impl Strategy<Value = Secret> {
    (
        prop_oneof![
            Just("bootstrap-token-abcdef".to_owned()),
            "bootstrap-token-[a-z0-9]{6}",
            ".{0,24}"
        ],
        prop_oneof![
            Just(String::new()),
            Just("kube-system".to_owned()),
            Just("default".to_owned())
        ],
        prop_oneof![
            Just("bootstrap.kubernetes.io/token".to_owned()),
            Just(String::new()),
            ".{0,10}"
        ],
        proptest::option::weighted(
            0.9,
            proptest::collection::btree_map(
                prop_oneof![
                    proptest::sample::select(KEYS.to_vec()).prop_map(str::to_owned),
                    ".{0,12}"
                ],
                value().prop_map(String::into_bytes),
                0..8,
            ),
        ),
        proptest::option::of(".{0,12}"),
        proptest::option::of(Just("2025-01-01T00:00:00Z".to_owned())),
    )
        .prop_map(
            |(name, namespace, type_, data, uid, deletion_timestamp)| Secret {
                name,
                namespace,
                type_,
                data: data.map(|d: BTreeMap<String, Vec<u8>>| d),
                uid,
                deletion_timestamp,
            },
        )
}

fn bearer() -> impl Strategy<Value = String> {
    prop_oneof![
        "abcdef\\.[a-z0-9]{16}",
        "[a-z0-9]{6}\\.[a-z0-9]{16}",
        ".{0,30}"
    ]
}

fn secret_part(bearer: &str) -> Option<&str> {
    bearer
        .split_once('.')
        .map(|(_, s)| s)
        .filter(|s| s.len() >= 4)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn authenticate_never_panics_or_leaks(b in bearer(), secrets in proptest::collection::vec(secret(), 0..4), t in -4_000_000_000i64..4_000_000_000) {
        let now = Timestamp::from_unix(t);
        let a = authn::authenticate(&b, &secrets, now);
        // Debug shows only the reason, or the user (name from the ID, groups from the Secret).
        let dbg = format!("{a:?}");
        match &a {
            Authentication::Denied(r) => prop_assert_eq!(dbg, format!("Denied({r:?})")),
            Authentication::Authenticated(u) => {
                let id = b.split_once('.').map(|(i, _)| i).unwrap_or("");
                prop_assert_eq!(&u.name, &format!("system:bootstrap:{id}"));
                prop_assert!(u.groups.contains(&"system:bootstrappers".to_owned()));
                prop_assert!(u.groups.windows(2).all(|w| w[0] < w[1]));
                let secret = secret_part(&b).unwrap_or("");
                prop_assert!(!u.groups.iter().any(|g| g.contains(secret)) || secret.is_empty());
            }
        }
        for s in &secrets {
            let _ = authn::expiration(s, now);
            let _ = authn::get_groups(s);
            if let Some(c) = authn::signing_credentials(s, now) {
                prop_assert_eq!(
                    format!("{c:?}"),
                    format!("SigningCredentials {{ token_id: {:?}, token_secret: \"****************\" }}", c.token_id)
                );
            }
            let _ = authn::cleaner_action(s, now);
        }
    }

    #[test]
    fn list_never_panics_and_errors_hide_secrets(secrets in proptest::collection::vec(secret(), 0..5), t in -4_000_000_000i64..4_000_000_000) {
        let now = Timestamp::from_unix(t);
        for flavour in Flavour::ALL {
            for format in [ListFormat::Text, ListFormat::Json, ListFormat::Yaml] {
                let Ok(l) = list::list_tokens(&secrets, now, format, flavour) else {
                    prop_assert_eq!(flavour, Flavour::Karmada);
                    continue;
                };
                // Everything a message may legitimately quote: names and non-secret data.
                let public: String = secrets
                    .iter()
                    .flat_map(|s| {
                        let mut v = vec![s.name.clone(), s.namespace.clone()];
                        if let Some(d) = &s.data {
                            v.extend(d.iter().filter(|(k, _)| *k != "token-secret").flat_map(|(k, x)| [k.clone(), String::from_utf8_lossy(x).into_owned()]));
                        }
                        v
                    })
                    .collect::<Vec<_>>()
                    .join("\u{0}");
                for e in &l.errors {
                    let msg = format!("{e} {e:?}");
                    for s in &secrets {
                        let v = s.get("token-secret");
                        if v.chars().count() >= 6 && !public.contains(&v) && !"bootstrap token Secret is invalid and couldn't be parsed".contains(&v) {
                            prop_assert!(!msg.contains(&v), "{msg}");
                        }
                    }
                }
                if matches!(flavour, Flavour::K3s | Flavour::Rke2) {
                    // k3s output shows IDs only: no valid stored secret appears.
                    for s in &secrets {
                        let v = s.get("token-secret");
                        if v.len() == 16 && v.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()) && !s.name.contains(&v) {
                            prop_assert!(!l.output.contains(&v), "{}", l.output);
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn delete_args_never_echo(args in proptest::collection::vec(bearer(), 0..4)) {
        for flavour in Flavour::ALL {
            if let Err(e) = list::delete_token_names(&args, flavour) {
                let msg = format!("{e} {e:?}");
                for a in &args {
                    if let Some(s) = secret_part(a) {
                        prop_assert!(!msg.contains(s), "{msg}");
                    }
                }
            }
        }
    }
}
