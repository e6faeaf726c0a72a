//! Go string quoting that upstream output and messages depend on: `%q`
//! (`strconv.Quote`), the `time` package's own quoting, and the JSON string literals of
//! Go's `encoding/json`.

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

/// Which `encoding/json` writes a string literal ([`json_string`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum JsonEscapes {
    /// Go's standard library (≥ 1.22, what kubectl's printers use): `\b` and `\f` as
    /// short escapes.
    Std,
    /// go-jose's fork of `encoding/json` (the JWS header): `\b` and `\f` as `\u0008`
    /// and `\u000c`, like the standard library before Go 1.22.
    GoJose,
}

/// A JSON string literal exactly as Go's `encoding/json` writes it with HTML escaping on:
/// `"` and `\` backslash-escaped, `\n` `\r` `\t` short escapes (and `\b` `\f` with
/// [`JsonEscapes::Std`]), other characters below U+0020 as `\u00xx` (lowercase hex), `<`
/// `>` `&` as `\u003c` `\u003e` `\u0026`, U+2028/U+2029 as `\u2028`/`\u2029`.
/// Everything else (including DEL and non-ASCII) is copied as UTF-8.
pub(crate) fn json_string(s: &str, escapes: JsonEscapes) -> String {
    json_string_bytes(s.as_bytes(), escapes)
}

/// [`json_string`] of a Go string that may hold any bytes: each byte outside valid UTF-8
/// is written `\ufffd` (six characters), as `encoding/json` does.
pub(crate) fn json_string_bytes(bytes: &[u8], escapes: JsonEscapes) -> String {
    let mut out = String::with_capacity(bytes.len() + 2);
    out.push('"');
    for chunk in bytes.utf8_chunks() {
        json_chars(&mut out, chunk.valid(), escapes);
        for _ in chunk.invalid() {
            out.push_str("\\ufffd");
        }
    }
    out.push('"');
    out
}

fn json_chars(out: &mut String, s: &str, escapes: JsonEscapes) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' if escapes == JsonEscapes::Std => out.push_str("\\b"),
            '\u{c}' if escapes == JsonEscapes::Std => out.push_str("\\f"),
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", u32::from(c)));
            }
            c if u32::from(c) < 0x20 => {
                let b = u32::from(c) as usize;
                out.push_str("\\u00");
                for nibble in [b >> 4, b & 0xf] {
                    if let Some(&h) = HEX.get(nibble) {
                        out.push(char::from(h));
                    }
                }
            }
            c => out.push(c),
        }
    }
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
    fn quotes_like_go() {
        assert_eq!(quote(r"\A([a-z0-9]{6})\z"), r#""\\A([a-z0-9]{6})\\z""#);
        assert_eq!(quote("a\"b\n\x01\x7f"), r#""a\"b\n\x01\x7f""#);
        assert_eq!(
            quote_time("a\"\\\n\x7fé"),
            "\"a\\\"\\\\\\x0a\x7f\\xc3\\xa9\""
        );
    }

    #[test]
    fn json_strings_like_go() {
        use JsonEscapes::{GoJose, Std};
        for e in [Std, GoJose] {
            assert_eq!(json_string("", e), "\"\"");
            assert_eq!(
                json_string("a\"b\\c\nd\re\tf\u{1}g<>&\u{2028}\u{2029}\u{7f}é", e),
                "\"a\\\"b\\\\c\\nd\\re\\tf\\u0001g\\u003c\\u003e\\u0026\\u2028\\u2029\u{7f}é\""
            );
            assert_eq!(json_string("\u{1f}", e), "\"\\u001f\"");
        }
        // Go ≥ 1.22 writes \b and \f short; go-jose's older fork does not.
        assert_eq!(json_string("\u{8}\u{c}", Std), "\"\\b\\f\"");
        assert_eq!(json_string("\u{8}\u{c}", GoJose), "\"\\u0008\\u000c\"");
        // Std is what serde_json writes, plus Go's HTML escapes.
        let all: String = (0u32..0x80).filter_map(char::from_u32).collect();
        let serde = serde_json::Value::String(all.clone()).to_string();
        let html = serde
            .replace('<', "\\u003c")
            .replace('>', "\\u003e")
            .replace('&', "\\u0026");
        assert_eq!(json_string(&all, Std), html);
    }
}
