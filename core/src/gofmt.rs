//! Go formatting and encoding helpers upstream behaviour depends on: `%q`
//! (strconv.Quote) and `base64.StdEncoding` decoding.

use base64::Engine as _;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};

/// Go's `base64.StdEncoding` decoder: padding required, non-zero trailing bits accepted,
/// `\r` and `\n` skipped anywhere (Go's decoder does that itself), anything else rejected.
/// `extra_skip` lists further bytes the caller removes first (PEM bodies drop spaces and
/// tabs too). The one decoder behind Secret `data`, kubeconfig CA data, PEM bodies and
/// k3s ciphertexts.
pub(crate) fn go_base64_decode(data: &[u8], extra_skip: &[u8]) -> Option<Vec<u8>> {
    const GO_STD: GeneralPurpose = GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        GeneralPurposeConfig::new()
            .with_decode_allow_trailing_bits(true)
            .with_decode_padding_mode(DecodePaddingMode::RequireCanonical),
    );
    let skipped = |b: &u8| matches!(b, b'\r' | b'\n') || extra_skip.contains(b);
    if data.iter().any(skipped) {
        let clean: Vec<u8> = data.iter().copied().filter(|b| !skipped(b)).collect();
        GO_STD.decode(clean).ok()
    } else {
        GO_STD.decode(data).ok()
    }
}

/// Go's `strconv.Quote` / `%q` for a string.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\x07' => out.push_str("\\a"),
            '\x08' => out.push_str("\\b"),
            '\x0c' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\x0b' => out.push_str("\\v"),
            c if (c as u32) < 0x20 || c == '\x7f' => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c if is_go_printable(c) => out.push(c),
            c if (c as u32) < 0x10000 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push_str(&format!("\\U{:08x}", c as u32)),
        }
    }
    out.push('"');
    out
}

/// [`quote`] of at most `max_chars` characters, `...` appended when cut (for messages
/// that show a caller's value).
pub(crate) fn quote_cut(s: &str, max_chars: usize) -> String {
    match s.char_indices().nth(max_chars) {
        None => quote(s),
        Some((i, _)) => format!("{}...", quote(s.get(..i).unwrap_or_default())),
    }
}

/// The `quote` of Go's `time` package (used in `time.Parse` and `time.ParseDuration`
/// errors): `"` and `\` escaped, every byte of a non-ASCII or control (< 0x20)
/// character written as `\xNN`, everything else (DEL included) as is.
pub fn quote_time(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    let mut buf = [0u8; 4];
    for c in s.chars() {
        if !c.is_ascii() || (c as u32) < 0x20 {
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("\\x{b:02x}"));
            }
        } else {
            if c == '"' || c == '\\' {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out.push('"');
    out
}

/// An approximation of Go's `unicode.IsPrint` good enough for messages: printable
/// unless a control, a separator other than ASCII space, or a private/unassigned area.
fn is_go_printable(c: char) -> bool {
    if c.is_control() {
        return false;
    }
    // Zs (but U+0020), Cf, Co, Cs and noncharacters; unassigned code points (Cn) would
    // need Unicode tables and are printed as-is (a message-only difference).
    let cp = c as u32;
    !(matches!(
        cp,
        0x00a0 | 0x00ad | 0x0600..=0x0605 | 0x061c | 0x06dd | 0x070f | 0x0890..=0x0891
            | 0x08e2 | 0x1680 | 0x180e | 0x2000..=0x200f | 0x2028..=0x202f | 0x205f..=0x206f
            | 0x3000 | 0xe000..=0xf8ff | 0xfdd0..=0xfdef | 0xfeff | 0xfff9..=0xfffb
            | 0x110bd | 0x110cd | 0x13430..=0x1343f | 0x1bca0..=0x1bca3 | 0x1d173..=0x1d17a
            | 0xe0001 | 0xe0020..=0xe007f | 0xf0000..=0x10ffff
    ) || cp & 0xfffe == 0xfffe)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_base64_rules() {
        assert_eq!(go_base64_decode(b"YWJj\r\nZGVm", b"").unwrap(), b"abcdef");
        assert_eq!(go_base64_decode(b"aGVs\nbG8=", b"").unwrap(), b"hello");
        assert_eq!(
            go_base64_decode(b"YR==", b"").unwrap(),
            b"a",
            "Go allows trailing bits"
        );
        assert!(go_base64_decode(b"YQ", b"").is_none(), "padding required");
        assert!(go_base64_decode(b"YQ=", b"").is_none());
        assert!(go_base64_decode(b"Y Q==", b"").is_none());
        assert!(go_base64_decode(b"YQ==\t", b"").is_none());
        assert!(
            go_base64_decode(b"-_8=", b"").is_none(),
            "URL alphabet rejected"
        );
        assert_eq!(go_base64_decode(b"", b"").unwrap(), b"");
        // More outcomes checked against Go's encoding/json ([]byte) with go1.26.
        assert_eq!(go_base64_decode(b"\nYQ==", b"").unwrap(), b"a");
        assert_eq!(go_base64_decode(b"YW\rJj", b"").unwrap(), b"abc");
        assert_eq!(go_base64_decode(b"YWJjZA==\n", b"").unwrap(), b"abcd");
        for bad in ["YQ==YQ==", "=", "YWJjZA="] {
            assert!(go_base64_decode(bad.as_bytes(), b"").is_none(), "{bad}");
        }
    }
    #[test]
    fn quotes_like_go() {
        assert_eq!(quote(r"\A([a-z0-9]{6})\z"), r#""\\A([a-z0-9]{6})\\z""#);
        assert_eq!(quote("a\"b\n\x01\x7f"), r#""a\"b\n\x01\x7f""#);
        assert_eq!(quote_cut("abc", 3), r#""abc""#);
        assert_eq!(quote_cut("abcd", 3), r#""abc"..."#);
        assert_eq!(quote_cut("éé\né", 2), r#""éé"..."#);
        assert_eq!(
            quote_time("a\"\\\n\x7fé"),
            "\"a\\\"\\\\\\x0a\x7f\\xc3\\xa9\""
        );
    }
}
