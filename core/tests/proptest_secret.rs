//! Property tests for tokens, token options and Secrets.
//!
//! * render → manifest text (JSON, YAML, stringData YAML) → parse → `from_secret` gives
//!   back the spec;
//! * no parser panics on arbitrary input (text, bytes turned to text, JSON-ish and
//!   YAML-ish fragments);
//! * no error message contains a token secret.

// A test crate: helpers outside `#[test]` functions may unwrap too.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use kubetoken::options::{self, Flavour, TokenOptions, TokenSpec};
use kubetoken::secret::{self, KEY_TOKEN_SECRET, Secret};
use kubetoken::{BootstrapToken, Duration, Timestamp};
use proptest::prelude::*;
use serde_json::{Value, json};

fn token_strategy() -> impl Strategy<Value = String> {
    "[a-z0-9]{6}\\.[a-z0-9]{16}"
}

fn group_strategy() -> impl Strategy<Value = String> {
    "[a-z0-9:-]{0,40}[a-z0-9]".prop_map(|s| format!("system:bootstrappers:{s}"))
}

fn flavour_strategy() -> impl Strategy<Value = Flavour> {
    prop::sample::select(Flavour::ALL.to_vec())
}

/// Descriptions that stress YAML: any unicode, plus a pool of YAML-significant pieces.
fn description_strategy() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "yes", "no", "null", "~", "true", "0x1F", "1e3", "- ", "? ", ": ", "#", "{", "}", "[", "]",
        "&a", "*a", "!t", "|", ">", "%", "@", "`", "'", "\"", "\\", "\n", "\r\n", "\t", " ", "---",
        "...", "<<", "\u{85}", "\u{2028}", "\u{feff}", "é", "🦀", "\u{0}", "\u{7f}",
    ]);
    prop_oneof![
        any::<String>(),
        prop::collection::vec(pieces, 0..12).prop_map(|v| v.concat()),
    ]
}

fn parse_json(text: &str) -> Value {
    serde_json::from_str(text).expect("our JSON parses")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// options → render → {JSON, YAML, stringData YAML, stringData JSON} text → parse →
    /// from_secret: the same token, description, usages (sorted), groups, expiration.
    #[test]
    fn render_parse_roundtrip(
        token in token_strategy(),
        flavour in flavour_strategy(),
        description in description_strategy(),
        ttl_secs in prop::option::of(-100_000i64..10_000_000),
        usages in prop::option::of(prop::sample::subsequence(vec!["signing", "authentication"], 0..=2)),
        groups in prop::option::of(prop::collection::vec(group_strategy(), 0..4)),
        now_secs in 0i64..4_000_000_000,
        now_nanos in 0u32..1_000_000_000,
    ) {
        let usages: Option<Vec<String>> = usages.map(|u| u.into_iter().map(str::to_owned).collect());
        let auth = usages.as_ref().is_none_or(|u| u.is_empty() || u.iter().any(|x| x == "authentication"));
        let groups = if auth { groups } else { Some(vec![]) };
        let opts = TokenOptions {
            token: Some(BootstrapToken::parse(&token).unwrap()),
            flavour,
            description: Some(description.clone()),
            ttl: ttl_secs.map(Duration::from_secs),
            expires: None,
            usages: usages.clone(),
            groups: groups.clone(),
        };
        let now = Timestamp::from_unix_nanos(i128::from(now_secs) * 1_000_000_000 + i128::from(now_nanos));
        let mut never = |_: &mut [u8]| -> kubetoken::Result<()> { unreachable!("token given") };
        let (spec, secret) = opts.render_secret_with(now, &mut never).unwrap();
        let texts = [
            secret.to_json(),
            secret.to_yaml().unwrap(),
            secret.to_string_data_yaml().unwrap(),
            secret.to_string_data_json().unwrap(),
        ];
        for text in &texts {
            let parsed = Secret::parse(text).unwrap();
            prop_assert_eq!(&parsed, &secret);
            let back = TokenSpec::from_secret(&parsed).unwrap();
            prop_assert_eq!(back.token.expose(), token.clone());
            prop_assert_eq!(&back.description, &description);
            let mut want_usages = spec.usages.clone();
            want_usages.sort();
            want_usages.dedup();
            prop_assert_eq!(&back.usages, &want_usages);
            // Groups survive unless they are empty (then the key is absent).
            prop_assert_eq!(&back.groups, &spec.groups);
            prop_assert_eq!(back.expires, spec.expiration(now).map(|e| Timestamp::from_unix(e.unix())));
        }
        // The YAML is the same object as the JSON.
        let yaml_obj: Value = Secret::parse(&texts[1]).unwrap().to_value();
        prop_assert_eq!(yaml_obj, parse_json(&texts[0]));
        // And the list path sees the same token.
        let list = json!({"kind": "List", "items": [parse_json(&texts[0])]});
        let listed = options::tokens_from_secret_list(list.to_string()).unwrap();
        prop_assert_eq!(listed.len(), 1);
        prop_assert_eq!(listed[0].as_ref().unwrap().token.expose(), token);
    }

    /// Expires (any offset) wins over TTL and is written in UTC, whole seconds.
    #[test]
    fn expires_written_in_utc(
        token in token_strategy(),
        exp_secs in 0i64..253_402_300_799,
        off_min in -(23 * 60 + 59)..=(23 * 60 + 59i32),
    ) {
        let utc = Timestamp::from_unix(exp_secs).to_rfc3339_utc();
        let sign = if off_min < 0 { '-' } else { '+' };
        let shifted = Timestamp::from_unix(exp_secs + i64::from(off_min) * 60).to_rfc3339_utc();
        let local = format!("{}{sign}{:02}:{:02}", &shifted[..19], off_min.abs() / 60, off_min.abs() % 60);
        let spec = TokenSpec {
            token: BootstrapToken::parse(&token).unwrap(),
            description: String::new(),
            ttl: Some(Duration::from_secs(60)),
            expires: Some(Timestamp::parse_rfc3339(&local).unwrap()),
            usages: vec![],
            groups: vec![],
        };
        let s = spec.to_secret(Timestamp::from_unix(0));
        prop_assert_eq!(s.get("expiration"), utc);
        let back = TokenSpec::from_secret(&s).unwrap();
        prop_assert_eq!(back.expires.unwrap().unix(), exp_secs);
    }

    /// Arbitrary text never panics any parser we own.
    #[test]
    fn parsers_never_panic_on_text(s in any::<String>()) {
        let _ = Secret::parse(&s);
        let _ = secret::parse_secret_list(&s);
        let _ = options::tokens_from_secret_list(&s);
        let _ = BootstrapToken::parse(&s);
        let _ = Duration::parse_go(&s).map(|d| (d.to_go_string(), d.short_human()));
        let _ = Timestamp::parse_rfc3339(&s).map(|t| (t.to_rfc3339(), t.to_rfc3339_utc()));
        let _ = kubetoken::token::describe_untrusted(&s);
        let _ = kubetoken::token::parse_secret_name(&s);
        let _ = options::validate_group(&s);
        let _ = Flavour::parse(&s);
    }

    /// Bytes (lossily decoded) and manifest-shaped fragments never panic either.
    #[test]
    fn parsers_never_panic_on_fragments(
        bytes in prop::collection::vec(any::<u8>(), 0..200),
        parts in prop::collection::vec(prop::sample::select(vec![
            "apiVersion: v1\n", "kind: Secret\n", "kind: List\n", "items:\n", "- ", "  ", "metadata:\n",
            "name: bootstrap-token-abcdef\n", "data:\n", "stringData:\n", "token-id: YWJjZGVm\n",
            "token-secret: YWJjZGVmMDEyMzQ1Njc4OQ==\n", "expiration: ", "2024-01-01T00:00:00Z\n",
            "{", "}", "[", "]", ",", "\"", ": ", "null", "1", "&a ", "*a", "<<: ", "---\n", "!!binary ",
            "\t", "#", "\n", "type: bootstrap.kubernetes.io/token\n", "usage-bootstrap-signing: dHJ1ZQ==\n",
        ]), 0..30),
        ttl in any::<i64>(),
        nanos in any::<i64>(),
    ) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = Secret::parse(&*text);
        let _ = secret::parse_secret_list(&*text);
        let _ = Secret::parse(&bytes);
        let _ = secret::parse_secret_list(&bytes);
        let doc = parts.concat();
        if let Ok(s) = Secret::parse(&doc) {
            let _ = TokenSpec::from_secret(&s);
            let _ = s.to_yaml();
            let _ = s.to_string_data_yaml();
            let _ = s.to_json();
        }
        if let Ok(items) = options::tokens_from_secret_list(&doc) {
            for item in items.into_iter().flatten() {
                let _ = item.to_value();
            }
        }
        // Arithmetic on extreme instants and durations saturates, never panics.
        let t = Timestamp::from_unix_nanos(i128::from(nanos) * 1_000_000_000);
        let d = Duration::from_nanos(ttl);
        let _ = (t + d).to_rfc3339();
        let _ = (t - Timestamp::from_unix(0)).short_human();
        let _ = d.to_go_string();
        let spec = TokenSpec {
            token: BootstrapToken::parse("abcdef.abcdef0123456789").unwrap(),
            description: String::new(),
            ttl: Some(d),
            expires: None,
            usages: vec![],
            groups: vec![],
        };
        let _ = spec.to_secret(t);
    }

    /// Arbitrary JSON values into the object entry points never panic.
    #[test]
    fn value_entry_points_never_panic(v in json_value()) {
        let _ = Secret::from_value(&v);
        let _ = secret::secret_list_from_value(&v);
        let _ = options::tokens_from_secret_list_value(&v);
        let _ = TokenOptions::from_value(&v).map(|o| o.validate());
        let wrapped = json!({"metadata": {"name": v.clone()}, "data": {"token-id": v.clone()}, "stringData": v.clone(), "ttl": v});
        let _ = Secret::from_value(&wrapped);
        let _ = TokenOptions::from_value(&wrapped);
    }

    /// No error message or Debug output contains the token secret, however the Secret
    /// or the options are broken.
    #[test]
    fn errors_never_contain_the_secret(
        secret in "[a-z0-9]{16}",
        id in prop_oneof!["[a-z0-9]{6}", "[a-zA-Z0-9.*]{0,8}"],
        name in prop_oneof![Just(None), "[a-z-]{0,20}".prop_map(Some)],
        upper in any::<bool>(),
        expiration in prop_oneof![Just(None), "[0-9TZ:-]{0,25}".prop_map(Some)],
        extra in prop_oneof![Just(None), any::<String>().prop_map(Some)],
    ) {
        let shown = if upper { secret.to_uppercase() } else { secret.clone() };
        let mut data = serde_json::Map::new();
        data.insert("token-id".into(), json!(id));
        data.insert(KEY_TOKEN_SECRET.into(), json!(shown));
        if let Some(e) = &expiration {
            data.insert("expiration".into(), json!(e));
        }
        if let Some(x) = &extra {
            data.insert("usage-bootstrap-x".into(), json!(x));
        }
        let name = name.unwrap_or_else(|| format!("bootstrap-token-{id}"));
        let m = json!({"kind": "Secret", "metadata": {"name": name}, "stringData": data});
        let check = |msg: String| {
            prop_assert!(!msg.contains(&secret) && !msg.contains(&shown), "leak: {}", msg);
            Ok(())
        };
        match Secret::from_value(&m) {
            Ok(s) => {
                check(format!("{s:?}"))?;
                if let Err(e) = TokenSpec::from_secret(&s) {
                    check(e.to_string())?;
                }
                if let Ok(t) = TokenSpec::from_secret(&s) {
                    check(format!("{t:?}"))?;
                }
            }
            Err(e) => check(e.to_string())?,
        }
        // The same Secret as base64 `data` with the secret's encoding broken.
        let broken = json!({"metadata": {"name": "bootstrap-token-abcdef"}, "data": {KEY_TOKEN_SECRET: format!("{shown}=")}});
        if let Err(e) = Secret::from_value(&broken) {
            check(e.to_string())?;
        }
        for text in [format!("{id}.{shown}"), format!("{id}.{shown}x"), format!("{id}{shown}"), format!(".{shown}"), shown.clone()] {
            if let Err(e) = BootstrapToken::parse(&text) {
                check(e.to_string())?;
            }
            if let Err(e) = BootstrapToken::from_parts(&id, &shown) {
                check(e.to_string())?;
            }
            if let Err(e) = TokenOptions::from_value(&json!({"token": text})) {
                check(e.to_string())?;
            }
            if let Err(e) = Secret::parse(format!("metadata: {{name: x}}\ndata: {{token-secret: {text}, }}: ]")) {
                check(e.to_string())?;
            }
            if let Err(e) = Secret::parse(format!("{{\"data\": {{\"token-secret\": \"{text}\"")) {
                check(e.to_string())?;
            }
        }
    }
}

/// Arbitrary JSON values (bounded depth).
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>().prop_map(|f| json!(f)),
        ".{0,20}".prop_map(Value::String),
        prop::sample::select(vec![
            "Secret",
            "List",
            "v1",
            "YWJjZGVm",
            "abcdef.abcdef0123456789",
            "24h",
            "kubeadm",
            "signing",
        ])
        .prop_map(|s| Value::String(s.into())),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(
                prop::sample::select(vec![
                    "kind",
                    "apiVersion",
                    "metadata",
                    "name",
                    "namespace",
                    "uid",
                    "deletionTimestamp",
                    "type",
                    "data",
                    "stringData",
                    "items",
                    "token",
                    "ttl",
                    "expires",
                    "usages",
                    "groups",
                    "flavour",
                    "description",
                    "token-id",
                    "token-secret",
                    "x",
                ]),
                inner,
                0..6,
            )
            .prop_map(|m| Value::Object(m.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())),
        ]
    })
}
