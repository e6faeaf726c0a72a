//! Property tests of `redact`: a bootstrap token or K10 credential placed anywhere in
//! random log-like text, wrapped in random punctuation and cut by random terminal
//! sequences, never survives (its secret part is absent from the visible output), the
//! token ID stays, and redacting is idempotent and line-local.

// Test code: unwrap/indexing failures are test failures.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use kubetoken::redact::redact_text;
use proptest::prelude::*;

const CODES: &[&str] = &[
    "\x1b[0m",
    "\x1b[1;32m",
    "\x1b[38;5;208m",
    "\x1b]8;;https://x\x07",
    "\\x1b[0m",
    "\\u001b[31m",
    "\\033[m",
];
const WRAP: &[(&str, &str)] = &[
    ("", ""),
    (" ", " "),
    ("\"", "\""),
    ("'", "'"),
    ("{\"token\":\"", "\"}"),
    ("token: ", "\n"),
    ("--token=", " "),
    ("[", "]"),
    ("(", ")"),
    ("<", ">"),
    ("=", ";"),
    ("\\\"", "\\\""),
    ("\\n", "\\n"),
    ("\t", "\r\n"),
];

/// The visible text: terminal sequences (raw and written as text) removed.
fn visible(s: &str) -> String {
    let mut out = s.to_owned();
    for c in CODES {
        out = out.replace(c, "");
    }
    out
}

fn secret() -> impl Strategy<Value = String> {
    "[a-z0-9]{16}"
}

fn filler() -> impl Strategy<Value = String> {
    // Log-ish words that cannot join the token: they end and start with punctuation.
    prop::collection::vec("[ -~]{0,12}", 0..4)
        .prop_map(|w| w.into_iter().map(|x| format!(" {x} ")).collect::<String>())
}

/// `s` with a terminal sequence inserted at each of `cuts` (byte positions, ASCII text).
fn cut(s: &str, cuts: &[(usize, usize)]) -> String {
    let mut out = String::new();
    let mut last = 0;
    let mut cuts: Vec<(usize, usize)> = cuts.iter().map(|&(p, c)| (p % (s.len() + 1), c)).collect();
    cuts.sort_unstable();
    for (p, c) in cuts {
        out.push_str(&s[last..p]);
        out.push_str(CODES[c % CODES.len()]);
        last = p;
    }
    out.push_str(&s[last..]);
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn bootstrap_tokens_never_survive(
        id in "[a-z0-9]{6}", sec in secret(), before in filler(), after in filler(),
        w in 0..WRAP.len(), cuts in prop::collection::vec((0usize..64, 0usize..16), 0..4),
    ) {
        let token = cut(&format!("{id}.{sec}"), &cuts);
        let (open, close) = WRAP[w];
        let text = format!("{before}{open}{token}{close}{after}");
        let out = redact_text(&text).unwrap();
        let shown = visible(&out);
        prop_assert!(!shown.contains(&sec), "{text:?} -> {out:?}");
        prop_assert!(shown.contains(&format!("{id}.****************")), "{text:?} -> {out:?}");
        prop_assert_eq!(redact_text(&out).unwrap(), out.clone());
    }

    #[test]
    fn k10_credentials_never_survive(
        hash in "[0-9a-f]{64}", user in "[a-z]{1,8}", pass in "[A-Za-z0-9]{8,32}",
        before in filler(), w in 0..WRAP.len(),
        cuts in prop::collection::vec((0usize..120, 0usize..16), 0..3),
    ) {
        let token = cut(&format!("K10{hash}::{user}:{pass}"), &cuts);
        let (open, close) = WRAP[w];
        let text = format!("{before}{open}{token}{close} next");
        let out = redact_text(&text).unwrap();
        prop_assert!(!visible(&out).contains(&pass), "{text:?} -> {out:?}");
        prop_assert_eq!(redact_text(&out).unwrap(), out.clone());
    }

    #[test]
    fn lines_are_independent(lines in prop::collection::vec("[ -~]{0,40}", 0..6)) {
        let text = lines.join("\n");
        let whole = redact_text(&text).unwrap();
        let pieces: String = text.split_inclusive('\n').map(|l| redact_text(l).unwrap()).collect();
        prop_assert_eq!(whole, pieces);
    }
}
