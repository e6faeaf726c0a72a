//! The one redaction rule for messages, and the one describer of untrusted values.
//!
//! [`redact`] runs over every error message when it is displayed ([`crate::Error`]'s
//! `message`, `Display`, `Debug` and serialization), whatever variant built it and
//! whatever field the text came from. It masks, in one left-to-right pass over the
//! bytes (linear time, no backtracking):
//!
//! 1. **K10 credentials**: `K10` (any case, not preceded by a letter or digit), then a run
//!    of letters/digits (the CA hash, possibly empty), then `::`, then the credentials up
//!    to the next whitespace or quote character (`"`, `'`, `` ` ``). The credentials keep
//!    their user (`<user>:`) or token ID (`<id>.`) and everything after it becomes
//!    `****************`; credentials with neither are masked whole.
//! 2. **Bootstrap-token secrets**: a `.` followed by a run of at least 16 ASCII letters or
//!    digits (any case): the run becomes `****************`, so `abcdef.0123456789abcdef`
//!    shows as `abcdef.****************` (the ID stays visible), and so do near-tokens
//!    such as an upper-cased or over-long secret.
//! 3. **Bare token secrets**: a run of exactly 16 ASCII letters or digits not preceded by
//!    `.` (a secret given on its own, e.g. as `token_secret` or `--token-secret`).
//!
//! A "run" is bounded by any other byte. Inside quoted text a backslash escape (`\n`,
//! `\"`, `\x00`, `\u00e9`, `\U0001f600`, `\000`) is a boundary too, so a value quoted
//! with Go's `%q` is cut into runs where the raw value was (a token followed by a newline
//! is still found). Runs of other lengths — IDs (6), hashes (64 hex), words, numbers —
//! stay as they are; a 16-character run that is not a secret (a 16-digit number, a
//! 16-letter host label) is masked too, which is the price of finding secrets wherever
//! they are. Masks contain no letters or digits, so redacting twice changes nothing.
//!
//! [`describe_untrusted`] is how a message shows a caller's value (unknown option and
//! argument names, flavours, Secret, kubeconfig and context names, durations,
//! timestamps, pins, groups): redacted first, then cut to [`MAX_SHOWN_CHARS`] characters
//! (`...` after the closing quote when cut), then Go-quoted. Values meant to be tokens
//! are shown by the stricter [`crate::token::describe_token`] (at most the ID).

use crate::go::strconv;

mod text;
pub use text::{redact_bytes, redact_text};

/// What every masked secret shows as.
pub use crate::token::MASK;

/// Longest part of a caller's value a message shows (characters, after redaction).
pub const MAX_SHOWN_CHARS: usize = 100;

/// Length of a bare secret (rule 3) and the shortest run after a `.` that is masked
/// (rule 2).
const SECRET_RUN: usize = crate::token::TOKEN_SECRET_LEN;

fn is_run_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric()
}

/// Length of the backslash escape at the start of `rest` (`rest[0] == b'\\'`).
fn escape_len(rest: &[u8]) -> usize {
    let hex_run = |from: usize, n: usize| {
        rest.get(from..from + n)
            .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit))
    };
    match rest.get(1) {
        Some(b'x') if hex_run(2, 2) => 4,
        Some(b'u') if hex_run(2, 4) => 6,
        Some(b'U') if hex_run(2, 8) => 10,
        Some(b'0'..=b'7')
            if rest
                .get(1..4)
                .is_some_and(|o| o.iter().all(|b| (b'0'..=b'7').contains(b))) =>
        {
            4
        }
        Some(_) => 2,
        None => 1,
    }
}

/// End (exclusive) of the run of letters/digits starting at `from`.
fn run_end(b: &[u8], from: usize) -> usize {
    let mut i = from;
    while b.get(i).copied().is_some_and(is_run_byte) {
        i += 1;
    }
    i
}

/// If a K10 credential starts at `i`: `(end of the visible part, end of the secret)`.
fn k10_at(b: &[u8], i: usize) -> Option<(usize, usize)> {
    let head = b.get(i..i + 3)?;
    if !head.eq_ignore_ascii_case(b"K10") {
        return None;
    }
    let hash_end = run_end(b, i + 3);
    if b.get(hash_end..hash_end + 2)? != b"::" {
        return None;
    }
    let start = hash_end + 2;
    let mut end = start;
    while let Some(&c) = b.get(end) {
        if c.is_ascii_whitespace() || matches!(c, b'"' | b'\'' | b'`') {
            break;
        }
        // An escaped quote inside quoted text is part of the credentials.
        end += if c == b'\\' {
            escape_len(b.get(end..).unwrap_or_default())
        } else {
            1
        };
    }
    let creds = b.get(start..end)?;
    let keep = creds
        .iter()
        .position(|&c| c == b':')
        .or_else(|| creds.iter().position(|&c| c == b'.'))
        .map_or(0, |p| p + 1);
    Some((start + keep, end))
}

/// The message with every secret-shaped part masked (module docs).
pub fn redact(msg: &str) -> String {
    let b = msg.as_bytes();
    let mut out = String::with_capacity(msg.len());
    // `copied` = how far `msg` has been copied to `out`; cuts are at ASCII bytes, so
    // every slice below is on a character boundary.
    let mut copied = 0;
    let mut i = 0;
    // Whether `i` starts a word (not preceded by a letter or digit of the same run).
    let mut boundary = true;
    let mask = |out: &mut String, copied: &mut usize, from: usize, to: usize| {
        out.push_str(msg.get(*copied..from).unwrap_or_default());
        out.push_str(MASK);
        *copied = to;
    };
    while let Some(&c) = b.get(i) {
        if c == b'\\' {
            i += escape_len(b.get(i..).unwrap_or_default());
            boundary = true;
            continue;
        }
        if !is_run_byte(c) {
            i += 1;
            boundary = true;
            continue;
        }
        let word_start = boundary;
        boundary = false;
        if word_start && let Some((visible, end)) = k10_at(b, i) {
            if end > visible {
                mask(&mut out, &mut copied, visible, end);
            }
            i = end.max(i + 1);
            continue;
        }
        let end = run_end(b, i);
        let len = end - i;
        let after_dot = i > 0 && b.get(i - 1) == Some(&b'.');
        if (after_dot && len >= SECRET_RUN) || (!after_dot && len == SECRET_RUN) {
            mask(&mut out, &mut copied, i, end);
        }
        i = end;
    }
    out.push_str(msg.get(copied..).unwrap_or_default());
    out
}

/// `s` redacted, then cut to [`MAX_SHOWN_CHARS`]; `true` when cut.
pub fn shown(s: &str) -> (String, bool) {
    let r = redact(s);
    match r.char_indices().nth(MAX_SHOWN_CHARS) {
        None => (r, false),
        Some((i, _)) => (r.get(..i).unwrap_or_default().to_owned(), true),
    }
}

/// [`shown`] with `...` appended when cut (for messages that show a value unquoted).
pub fn cut(s: &str) -> String {
    let (mut r, cut) = shown(s);
    if cut {
        r.push_str("...");
    }
    r
}

/// A caller's value for a message: redacted, cut, Go-quoted (`strconv.Quote`).
pub fn describe_untrusted(s: &str) -> String {
    let (r, cut) = shown(s);
    let q = strconv::quote(&r);
    if cut { format!("{q}...") } else { q }
}

/// A piece of `whole` (what Go's parsers quote besides the whole value, e.g. the part
/// that failed), with the `time` package's quoting — or only "(part of the value, not
/// shown)" when `whole` holds anything secret-shaped: a piece of a secret is no longer
/// recognisable as one.
pub fn describe_piece(whole: &str, piece: &str) -> String {
    if redact(whole) != whole {
        "(part of the value, not shown)".to_owned()
    } else {
        describe_time_value(piece)
    }
}

/// [`describe_untrusted`] with the `time` package's quoting (messages worded like Go's
/// `time.Parse` / `time.ParseDuration`).
pub fn describe_time_value(s: &str) -> String {
    let (r, cut) = shown(s);
    let q = strconv::quote_time(&r);
    if cut { format!("{q}...") } else { q }
}

#[cfg(test)]
mod tests {
    use super::*;

    const S: &str = "0123456789abcdef";

    #[test]
    fn tokens_and_near_tokens() {
        for (input, want) in [
            ("abcdef.0123456789abcdef", "abcdef.****************"),
            ("x abcdef.0123456789ABCDEF y", "x abcdef.**************** y"),
            (
                "\"abcdef.0123456789abcdef0\"",
                "\"abcdef.****************\"",
            ),
            ("abcdef.0123456789abcdef\\n", "abcdef.****************\\n"),
            ("ab.0123456789abcdefghij", "ab.****************"),
            ("0123456789abcdef", "****************"),
            ("secret=0123456789abcdef;", "secret=****************;"),
            ("\"\\x000123456789abcdef\"", "\"\\x00****************\""),
            ("\\u00e90123456789abcdef", "\\u00e9****************"),
        ] {
            assert_eq!(redact(input), want, "{input}");
        }
    }

    #[test]
    fn k10_credentials() {
        let h = "a".repeat(64);
        for (input, want) in [
            (
                format!("K10{h}::server:hunter2 pw"),
                format!("K10{h}::server:{MASK} pw"),
            ),
            (
                format!("\"K10{h}::abcdef.{S}\""),
                format!("\"K10{h}::abcdef.{MASK}\""),
            ),
            ("k10::bare-pass!".to_owned(), format!("k10::{MASK}")),
            (
                format!("\"K10{h}::node:a\\\"b\" rest"),
                format!("\"K10{h}::node:{MASK}\" rest"),
            ),
            (format!("K10{h}::server:"), format!("K10{h}::server:")),
        ] {
            assert_eq!(redact(&input), want, "{input}");
        }
        // Not a K10 credential: inside a word, or no `::`.
        assert_eq!(redact("xK10ab::user:pw"), "xK10ab::user:pw");
        assert_eq!(redact("K10abc:user:pw"), "K10abc:user:pw");
    }

    #[test]
    fn ordinary_messages_are_untouched() {
        for m in [
            "type: bootstrap.kubernetes.io/token",
            "bootstrap token \"abcdef.****************\" is not of the form",
            "group \"system:bootstrappers:kubeadm:default-node-token\"",
            "sha256:7f5d0a6b7b8c1d2e3f405162738495a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c",
            "token id \"123456\" is invalid for this cluster",
            "time: invalid duration \"24hours\"",
            "server https://[::1]:6443 and https://10.0.0.1:6443",
            "",
            "é\\",
        ] {
            assert_eq!(redact(m), m);
        }
    }

    #[test]
    fn idempotent_and_linear() {
        let once = redact(&format!("abcdef.{S} K10::u:p {S}"));
        assert_eq!(redact(&once), once);
        // 1 MiB of near-misses goes through one pass.
        let big = "a.b\\xK10::u:p ".repeat(80_000);
        let r = redact(&big);
        assert_eq!(r.matches(MASK).count(), 80_000);
        assert_eq!(redact(&r), r);
    }

    #[test]
    fn describe_cuts_after_redacting() {
        let long = format!("{}abcdef.{S}", "x".repeat(90));
        let d = describe_untrusted(&long);
        assert!(!d.contains("0123456789ab"), "{d}");
        assert!(d.ends_with("..."), "{d}");
        assert_eq!(describe_untrusted("ttll"), "\"ttll\"");
        assert_eq!(describe_time_value("1\n"), "\"1\\x0a\"");
    }
}
