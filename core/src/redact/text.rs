//! `redact(text)`: every secret in arbitrary text (logs, Ansible/Terraform output, CI
//! logs, YAML/JSON dumps) masked as [`MASK`], with the parts that identify a token kept.
//!
//! The text is cut into lines at `\n` and each line is redacted on its own: no rule
//! matches across a line break, so redacting a text in pieces cut after any `\n` gives
//! the same bytes as redacting it whole (the streaming rule; one call takes at most
//! [`MAX_REDACT_BYTES`]). Work is linear in the input: every scan either consumes what
//! it read or is bounded by a constant.
//!
//! Terminal escape sequences (raw `ESC [ … final`, `ESC ] … BEL|ESC \`, `ESC ( B`, `ESC 7`,
//! and the colour codes written as text: `\x1b[…m`, `\u001b[…m`, `\033[…m`, `\e[…m`) are
//! invisible to the rules: a token coloured piecewise is still one token, and a word
//! may also end or start where a sequence was. The sequences inside a masked part are
//! kept after the mask, so colours stay balanced. Backslash escapes of quoted text
//! (`\n`, `\"`, `\x00`, `\u00e9`) are boundaries, as in [`super::redact`].
//!
//! Rules, tried at every start of a word (a letter or digit after any other byte, a
//! line start, an escape or a terminal sequence), first match wins:
//! 1. **K10 credentials**: `K10` (any case), at most 128 letters/digits (the CA hash, possibly
//!    empty), `::`, then the credentials up to the next whitespace or quote. `<user>:` or
//!    `<id>.` stays; the rest becomes the mask (`K10…::server:****************`).
//! 2. **Bearer values**: the word `Bearer` (any case), spaces or tabs, then an RFC 6750
//!    `b64token` (`[A-Za-z0-9._~+/-]+=*`): masked whole, or only the secret of a
//!    bootstrap token (`Bearer abcdef.****************`). `Bearer token(s)` is prose.
//! 3. **Token keys**: `token`, `agent-token`, `token-secret`, `k3s-token`,
//!    `k3s-agent-token`, `rke2-token`, `rke2-agent-token`, `cluster-secret`,
//!    `k3s-cluster-secret` (any case, `-`/`_` or neither between the parts: `K3S_TOKEN`,
//!    `tokenSecret`), followed by `=`; by `:` where a YAML/JSON key stands (at the line's
//!    start, after `{`, `,`, `[` or a list's `-`); or by spaces after `--` (`--token x`).
//!    An optional quote may close the key and open the value. The value (to its closing
//!    quote, or unquoted to whitespace, a quote, `,`, `;`, `&`, `)`, `]` or `}`) is
//!    masked whole unless it is a K10 token or a bootstrap token (rules 1, 4 mask those)
//!    or already masked.
//! 4. **Bootstrap tokens**: 6 letters/digits, `.`, 16 letters/digits (any case, ended by
//!    a boundary): the 16 become the mask, the ID stays (`abcdef.****************`).
//! 5. **Bare secrets**: 16 lowercase letters/digits with at least one of each, ended by a
//!    boundary (a secret given on its own). 16-character lowercase hex runs such as trace
//!    span IDs are masked too: the price of finding secrets wherever they are.
//!
//! Masks contain no letters or digits, so redacting twice changes nothing.

use super::{MASK, escape_len};
use crate::error::Result;
use crate::limits::{MAX_REDACT_BYTES, check_bytes};

/// `text` with every secret masked (module docs). Valid UTF-8 stays valid UTF-8: masks
/// replace runs that start and end next to ASCII bytes.
pub fn redact_text(text: &str) -> Result<String> {
    let out = redact_bytes(text.as_bytes())?;
    Ok(match String::from_utf8(out) {
        Ok(s) => s,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    })
}

/// [`redact_text`] for bytes (any encoding; the rules read ASCII only): bytes out.
pub fn redact_bytes(text: &[u8]) -> Result<Vec<u8>> {
    check_bytes("text to redact", text.len(), MAX_REDACT_BYTES)?;
    let mut out = Vec::with_capacity(text.len() + 16);
    let mut line = Line::default();
    for piece in text.split_inclusive(|&b| b == b'\n') {
        line.redact_into(piece, &mut out);
    }
    Ok(out)
}

/// Buffers reused from line to line.
#[derive(Default)]
struct Line {
    /// The visible bytes (terminal sequences removed).
    vis: Vec<u8>,
    /// Position in the line of each visible byte.
    pos: Vec<usize>,
    /// Whether each visible byte is inside a backslash escape.
    esc: Vec<bool>,
    /// Visible ranges to mask, in order.
    spans: Vec<(usize, usize)>,
}

const ESC: u8 = 0x1b;

/// Parameter and intermediate bytes, then one final byte, of a CSI sequence at `rest`;
/// `(length, terminated)`.
fn csi_body(rest: &[u8]) -> (usize, bool) {
    let mut i = 0;
    while rest.get(i).is_some_and(|b| (0x30..=0x3f).contains(b)) {
        i += 1;
    }
    while rest.get(i).is_some_and(|b| (0x20..=0x2f).contains(b)) {
        i += 1;
    }
    match rest.get(i) {
        Some(b) if (0x40..=0x7e).contains(b) => (i + 1, true),
        _ => (i, false),
    }
}

/// Length of the colour code written as text at `rest` (`\x1b[…`, `\u001b[…`, `\033[…`,
/// `\e[…`, a complete CSI sequence), 0 if none.
fn text_csi_len(rest: &[u8]) -> usize {
    const INTROS: &[&[u8]] = &[b"\\x1b[", b"\\u001b[", b"\\033[", b"\\e["];
    for intro in INTROS {
        if rest
            .get(..intro.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(intro))
        {
            let (n, done) = csi_body(rest.get(intro.len()..).unwrap_or_default());
            return if done { intro.len() + n } else { 0 };
        }
    }
    0
}

impl Line {
    fn word(&self, i: usize) -> bool {
        self.vis.get(i).is_some_and(u8::is_ascii_alphanumeric)
            && !self.esc.get(i).copied().unwrap_or(true)
    }

    /// A terminal sequence was removed just before visible byte `i`.
    fn soft(&self, i: usize) -> bool {
        match (i.checked_sub(1), self.pos.get(i)) {
            (None, Some(&p)) => p > 0,
            (Some(j), Some(&p)) => self.pos.get(j).is_some_and(|&q| p != q + 1),
            _ => false,
        }
    }

    /// A word may start at `i`.
    fn start_ok(&self, i: usize) -> bool {
        self.word(i) && (i == 0 || !self.word(i - 1) || self.soft(i))
    }

    /// A word may end before `j`.
    fn end_ok(&self, j: usize) -> bool {
        !self.word(j) || self.soft(j)
    }

    /// `n` word bytes from `i`.
    fn words(&self, i: usize, n: usize) -> bool {
        (i..i + n).all(|k| self.word(k))
    }

    fn at(&self, i: usize) -> u8 {
        self.vis.get(i).copied().unwrap_or(0)
    }

    fn redact_into(&mut self, line: &[u8], out: &mut Vec<u8>) {
        self.build(line);
        self.find();
        self.emit(line, out);
    }

    /// The visible bytes of `line`, and which are inside backslash escapes.
    fn build(&mut self, line: &[u8]) {
        self.vis.clear();
        self.pos.clear();
        self.esc.clear();
        self.spans.clear();
        // Past this position no OSC sequence is terminated (found once, so linear).
        let mut osc_unterminated_from = usize::MAX;
        let mut i = 0;
        while let Some(&c) = line.get(i) {
            let rest = line.get(i..).unwrap_or_default();
            let skip = if c == ESC {
                match rest.get(1) {
                    Some(b'[') => 2 + csi_body(rest.get(2..).unwrap_or_default()).0,
                    Some(b']') if i < osc_unterminated_from => {
                        let body = rest.get(2..).unwrap_or_default();
                        let end = body.iter().enumerate().position(|(k, &b)| {
                            b == 0x07 || (b == ESC && body.get(k + 1) == Some(&b'\\'))
                        });
                        match end {
                            Some(k) if body.get(k) == Some(&0x07) => 2 + k + 1,
                            Some(k) => 2 + k + 2,
                            None => {
                                osc_unterminated_from = i;
                                2
                            }
                        }
                    }
                    // nF (`ESC ( B`) and Fp/Fe/Fs sequences: intermediates, then a final byte.
                    _ => {
                        let mut n = 1;
                        while rest.get(n).is_some_and(|b| (0x20..=0x2f).contains(b)) {
                            n += 1;
                        }
                        match rest.get(n) {
                            Some(b) if (0x30..=0x7e).contains(b) => n + 1,
                            _ => n,
                        }
                    }
                }
            } else if c == b'\\' {
                text_csi_len(rest)
            } else {
                0
            };
            if skip > 0 {
                i += skip;
                continue;
            }
            self.vis.push(c);
            self.pos.push(i);
            i += 1;
        }
        self.esc.resize(self.vis.len(), false);
        let mut k = 0;
        while k < self.vis.len() {
            if self.at(k) == b'\\' {
                let n = escape_len(self.vis.get(k..).unwrap_or_default());
                for e in self.esc.iter_mut().skip(k).take(n) {
                    *e = true;
                }
                k += n;
            } else {
                k += 1;
            }
        }
    }

    fn find(&mut self) {
        let mut i = 0;
        while i < self.vis.len() {
            if !self.start_ok(i) {
                i += 1;
                continue;
            }
            let next = self
                .k10(i)
                .or_else(|| self.bearer(i))
                .or_else(|| self.key_value(i))
                .or_else(|| self.bootstrap(i))
                .or_else(|| self.bare(i));
            i = match next {
                Some(n) => n.max(i + 1),
                None => i + 1,
            };
        }
    }

    fn mask(&mut self, from: usize, to: usize) {
        if to > from {
            self.spans.push((from, to));
        }
    }

    /// Rule 1.
    fn k10(&mut self, i: usize) -> Option<usize> {
        let head = self.vis.get(i..i + 3)?;
        if !head.eq_ignore_ascii_case(b"K10") {
            return None;
        }
        let mut h = i + 3;
        while self.word(h) && h - i <= 3 + 128 {
            h += 1;
        }
        if self.vis.get(h..h + 2)? != b"::" {
            return None;
        }
        let start = h + 2;
        let mut end = start;
        while let Some(&c) = self.vis.get(end) {
            if c.is_ascii_whitespace() || matches!(c, b'"' | b'\'' | b'`') {
                break;
            }
            end += if c == b'\\' {
                escape_len(self.vis.get(end..).unwrap_or_default())
            } else {
                1
            };
        }
        let end = end.min(self.vis.len());
        let creds = self.vis.get(start..end)?;
        let keep = creds
            .iter()
            .position(|&c| c == b':')
            .or_else(|| creds.iter().position(|&c| c == b'.'))
            .map_or(0, |p| p + 1);
        self.mask(start + keep, end);
        Some(end)
    }

    /// Whether a bootstrap token (6 + `.` + 16, word-bounded) starts at `i`.
    fn is_bootstrap(&self, i: usize) -> bool {
        self.words(i, 6) && self.at(i + 6) == b'.' && self.words(i + 7, 16) && self.end_ok(i + 23)
    }

    /// Rule 2.
    fn bearer(&mut self, i: usize) -> Option<usize> {
        let w = self.vis.get(i..i + 6)?;
        if !w.eq_ignore_ascii_case(b"bearer") || !matches!(self.at(i + 6), b' ' | b'\t') {
            return None;
        }
        let mut v = i + 6;
        while matches!(self.at(v), b' ' | b'\t') {
            v += 1;
        }
        let b64 = |c: u8| {
            c.is_ascii_alphanumeric() || matches!(c, b'-' | b'.' | b'_' | b'~' | b'+' | b'/')
        };
        let mut end = v;
        while b64(self.at(end)) && !self.esc.get(end).copied().unwrap_or(true) {
            end += 1;
        }
        while self.at(end) == b'=' {
            end += 1;
        }
        let value = self.vis.get(v..end)?;
        if value.is_empty()
            || value.eq_ignore_ascii_case(b"token")
            || value.eq_ignore_ascii_case(b"tokens")
        {
            return None;
        }
        if self.at(end) == b'*' {
            return Some(end);
        }
        if end == v + 23 && self.is_bootstrap(v) {
            self.mask(v + 7, end);
        } else {
            self.mask(v, end);
        }
        Some(end)
    }

    /// Rule 3.
    fn key_value(&mut self, i: usize) -> Option<usize> {
        const KEYS: &[&[u8]] = &[
            b"token",
            b"agenttoken",
            b"tokensecret",
            b"k3stoken",
            b"k3sagenttoken",
            b"rke2token",
            b"rke2agenttoken",
            b"clustersecret",
            b"k3sclustersecret",
        ];
        let mut key = [0u8; 24];
        let mut n = 0;
        let mut k = i;
        while let Some(&c) = self.vis.get(k) {
            if c.is_ascii_alphanumeric() && !self.esc.get(k).copied().unwrap_or(true) {
                *key.get_mut(n)? = c.to_ascii_lowercase();
                n += 1;
            } else if !matches!(c, b'-' | b'_') {
                break;
            }
            k += 1;
        }
        if !KEYS.contains(&key.get(..n)?) {
            return None;
        }
        let flag = i >= 2 && self.vis.get(i - 2..i) == Some(b"--");
        let quote = |s: &Self, at: usize| -> usize {
            match s.at(at) {
                b'"' | b'\'' => 1,
                b'\\' if s.at(at + 1) == b'"' => 2,
                _ => 0,
            }
        };
        k += quote(self, k);
        let spaces = |s: &Self, mut at: usize| {
            while matches!(s.at(at), b' ' | b'\t') {
                at += 1;
            }
            at
        };
        let after_key = spaces(self, k);
        let v = match self.at(after_key) {
            b'=' => after_key + 1,
            b':' if self.key_position(i)
                && matches!(self.at(after_key + 1), b' ' | b'\t' | b'"' | b'\'' | b'\\') =>
            {
                after_key + 1
            }
            _ if flag && after_key > k && self.at(after_key) != b'-' => after_key,
            _ => return None,
        };
        let mut v = spaces(self, v);
        let opened = quote(self, v);
        v += opened;
        let mut end = v;
        while let Some(&c) = self.vis.get(end) {
            let stop = if opened > 0 {
                matches!(c, b'"' | b'\'')
                    || (c == b'\\' && self.at(end + 1) == b'"')
                    || c == b'\r'
                    || c == b'\n'
            } else {
                c.is_ascii_whitespace()
                    || matches!(
                        c,
                        b'"' | b'\'' | b'`' | b',' | b';' | b'&' | b')' | b']' | b'}'
                    )
                    || (c == b'\\' && self.at(end + 1) == b'"')
            };
            if stop {
                break;
            }
            end += 1;
        }
        let value = self.vis.get(v..end)?;
        let k10 = value
            .get(..3)
            .is_some_and(|h| h.eq_ignore_ascii_case(b"K10"));
        let bootstrap = end == v + 23 && self.is_bootstrap(v);
        if value.is_empty() || k10 || bootstrap || value.contains(&b'*') {
            // Rules 1 and 4 see the value when the scan reaches it.
            return None;
        }
        self.mask(v, end);
        Some(end)
    }

    /// Whether a YAML/JSON key can stand at `i` (line start, after `{`, `,`, `[` or a
    /// list's `-`, with spaces and an opening quote between).
    fn key_position(&self, i: usize) -> bool {
        let mut j = i;
        if j > 0 && matches!(self.at(j - 1), b'"' | b'\'') {
            j -= 1;
            if j > 0 && self.at(j - 1) == b'\\' {
                j -= 1;
            }
        }
        while j > 0 && matches!(self.at(j - 1), b' ' | b'\t') {
            j -= 1;
        }
        j == 0 || matches!(self.at(j - 1), b'{' | b',' | b'[' | b'-')
    }

    /// Rule 4.
    fn bootstrap(&mut self, i: usize) -> Option<usize> {
        if !self.is_bootstrap(i) {
            return None;
        }
        self.mask(i + 7, i + 23);
        Some(i + 23)
    }

    /// Rule 5.
    fn bare(&mut self, i: usize) -> Option<usize> {
        if !self.words(i, 16) || !self.end_ok(i + 16) {
            return None;
        }
        let run = self.vis.get(i..i + 16)?;
        let lower = run
            .iter()
            .all(|c| c.is_ascii_digit() || c.is_ascii_lowercase());
        let digit = run.iter().any(u8::is_ascii_digit);
        let letter = run.iter().any(u8::is_ascii_lowercase);
        if !(lower && digit && letter) {
            return None;
        }
        self.mask(i, i + 16);
        Some(i + 16)
    }

    /// `line` with the spans masked; terminal sequences inside a span follow its mask.
    fn emit(&self, line: &[u8], out: &mut Vec<u8>) {
        let mut copied = 0;
        for &(vs, ve) in &self.spans {
            let (Some(&from), Some(&last)) = (self.pos.get(vs), self.pos.get(ve - 1)) else {
                continue;
            };
            if from < copied {
                continue;
            }
            out.extend_from_slice(line.get(copied..from).unwrap_or_default());
            out.extend_from_slice(MASK.as_bytes());
            let mut k = vs;
            for j in from..=last {
                if self.pos.get(k) == Some(&j) {
                    k += 1;
                } else if let Some(&b) = line.get(j) {
                    out.push(b);
                }
            }
            copied = last + 1;
        }
        out.extend_from_slice(line.get(copied..).unwrap_or_default());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(s: &str) -> String {
        redact_text(s).unwrap()
    }

    const T: &str = "abcdef.0123456789abcdef";
    const M: &str = "abcdef.****************";

    #[test]
    fn bootstrap_tokens_keep_their_id() {
        for (input, want) in [
            (T.to_owned(), M.to_owned()),
            (format!("\"{T}\""), format!("\"{M}\"")),
            (format!("{{token: {T}}}"), format!("{{token: {M}}}")),
            (format!("--token={T}\n"), format!("--token={M}\n")),
            (format!("{T}\\n"), format!("{M}\\n")),
            // Not a token (the ID is 7 long), but its 16 are a bare secret (rule 5).
            (format!("x{T}"), format!("x{M}")),
            (
                "xabcdef.0123456789ABCDEF".to_owned(),
                "xabcdef.0123456789ABCDEF".to_owned(),
            ),
        ] {
            assert_eq!(r(&input), want, "{input:?}");
        }
    }

    #[test]
    fn colour_codes_do_not_hide_tokens() {
        let split = "\x1b[1mabcdef\x1b[0m.\x1b[32m01234567\x1b[1;31m89abcdef\x1b[0m done";
        assert_eq!(
            r(split),
            "\x1b[1mabcdef\x1b[0m.\x1b[32m****************\x1b[1;31m\x1b[0m done"
        );
        let text = "\\u001b[32mabcdef.0123\\u001b[0m456789abcdef\\u001b[0m";
        assert_eq!(
            r(text),
            "\\u001b[32mabcdef.****************\\u001b[0m\\u001b[0m"
        );
        // A colour code may also end the word.
        assert_eq!(r(&format!("{T}\x1b[0mnext")), format!("{M}\x1b[0mnext"));
    }

    /// The visible text (terminal sequences, raw or written as text, removed).
    fn visible(s: &str) -> String {
        let mut l = Line::default();
        l.build(s.as_bytes());
        String::from_utf8(l.vis.clone()).unwrap()
    }

    #[test]
    fn never_misses_a_wrapped_or_split_token() {
        // Raw sequences and colour codes written as text.
        let codes = [
            "\x1b[0m",
            "\x1b[38;5;82m",
            "\x1b]8;;https://x\x07",
            "\x1b(B",
            "\x1b7",
            r"\x1b[0m",
            r"\u001b[1;32m",
            r"\033[m",
            r"\e[31m",
        ];
        let wrappers = [
            ("", ""),
            ("\"", "\""),
            ("'", "'"),
            ("`", "`"),
            ("(", ")"),
            ("[", "]"),
            ("{", "}"),
            ("<", ">"),
            (": ", ","),
            ("=", ";"),
            ("|", "|"),
            ("\t", "\r"),
            (r#"\""#, r#"\""#),
            (r"\n", r"\n"),
            ("- ", " #"),
            ("x=", "&y"),
            ("é", "ü"),
        ];
        for (open, close) in wrappers {
            let want = format!("{open}{M}{close}");
            for code in codes {
                for cut in 0..=T.len() {
                    for cut2 in [cut, T.len()] {
                        let (a, rest) = T.split_at(cut);
                        let (b, c) = rest.split_at(cut2 - cut);
                        let input = format!("{open}{a}{code}{b}{code}{c}{close}");
                        let got = r(&input);
                        assert_eq!(visible(&got), want, "{input:?} -> {got:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn lines_are_independent_and_work_is_linear() {
        let text = format!("a {T}\nK10::server:pw\n\x1b]8;;x");
        let whole = r(&text);
        let pieces: String = text.split_inclusive('\n').map(r).collect();
        assert_eq!(whole, pieces);
        let big = format!("\x1b]\x1b[{}\\x1b[K10::{T} ", "1".repeat(10)).repeat(50_000);
        assert_eq!(r(&big).matches(MASK).count(), 50_000);
    }

    #[test]
    fn idempotent() {
        let text = format!(
            "Authorization: Bearer {T}\nK3S_TOKEN=hunter2 token: x0123456789abcdef0 K10ab::server:pw"
        );
        let once = r(&text);
        assert_eq!(r(&once), once);
        assert!(!once.contains("hunter2"), "{once}");
    }
}
