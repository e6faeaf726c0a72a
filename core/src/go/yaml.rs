//! go-yaml (yaml.v2) scalar rules: when a string may be written plain, single- or
//! double-quoted, and how it is escaped. Used by the `token list` YAML printers.

/// Would yaml.v2 resolve this plain scalar to something other than a string
/// (null, bool, int, float, timestamp, merge key)? Conservative: when in doubt, yes.
fn resolves_non_string(s: &str) -> bool {
    const WORDS: [&str; 40] = [
        "", "~", "null", "Null", "NULL", "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
        "true", "True", "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF",
        ".inf", ".Inf", ".INF", ".nan", ".NaN", ".NAN", "<<", "+.inf", "+.Inf", "+.INF", "-.inf",
        "-.Inf", "-.INF",
    ];
    if WORDS.contains(&s) {
        return true;
    }
    is_int(s) || is_float(s) || is_timestamp(s)
}

/// Go `strconv.ParseInt(s, 0, 64)` syntax (range ignored: yaml.v2 then tries uint and
/// float, which accept every all-digit string): sign, `0x`/`0o`/`0b`/`0` prefixes, `_`
/// between digits.
fn is_int(s: &str) -> bool {
    let body = s.strip_prefix(['+', '-']).unwrap_or(s);
    let (digits, radix) = match body.get(..2) {
        Some("0x" | "0X") => (body.get(2..).unwrap_or(""), 16),
        Some("0o" | "0O") => (body.get(2..).unwrap_or(""), 8),
        Some("0b" | "0B") => (body.get(2..).unwrap_or(""), 2),
        _ if body.starts_with('0') && body.len() > 1 => (body.get(1..).unwrap_or(""), 8),
        _ => (body, 10),
    };
    let mut prev_digit = radix != 10; // a base prefix may be followed by `_`
    let mut any = false;
    for c in digits.chars() {
        if c == '_' {
            if !prev_digit {
                return false;
            }
            prev_digit = false;
        } else if c.is_digit(radix) {
            prev_digit = true;
            any = true;
        } else {
            return false;
        }
    }
    any && prev_digit
}

/// yaml.v2's float pattern `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`.
fn is_float(s: &str) -> bool {
    let b = s.strip_prefix(['+', '-']).unwrap_or(s).as_bytes();
    let digits = |b: &[u8], i: usize| b.iter().skip(i).take_while(|c| c.is_ascii_digit()).count();
    let mut i;
    if b.first() == Some(&b'.') {
        let n = digits(b, 1);
        if n == 0 {
            return false;
        }
        i = 1 + n;
    } else {
        let n = digits(b, 0);
        if n == 0 {
            return false;
        }
        i = n;
        if b.get(i) == Some(&b'.') {
            i += 1 + digits(b, i + 1);
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let n = digits(b, i);
        if n == 0 {
            return false;
        }
        i += n;
    }
    i == b.len()
}

/// yaml.v2 `parseTimestamp` (conservative): four digits, `-`, then only characters
/// its layouts (`2006-1-2T15:4:5.999999999Z07:00`, `2006-1-2 15:4:5.999999999`,
/// `2006-1-2`) can contain.
fn is_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() > 5
        && b.iter().take(4).all(u8::is_ascii_digit)
        && b.get(4) == Some(&b'-')
        && b.get(5).is_some_and(u8::is_ascii_digit)
        && b.iter()
            .all(|c| c.is_ascii_digit() || b"-:.TtZz +".contains(c))
}

fn printable(c: char) -> bool {
    matches!(c, '\n' | '\u{85}')
        || (' '..='~').contains(&c)
        || ('\u{a0}'..='\u{d7ff}').contains(&c)
        || (('\u{e000}'..='\u{fffd}').contains(&c) && c != '\u{feff}')
        || c >= '\u{10000}'
}

/// libyaml `yaml_emitter_analyze_scalar`, the parts that decide plain (block context)
/// and single-quoted styles.
fn plain_allowed(s: &str) -> (bool, bool) {
    let chars: Vec<char> = s.chars().collect();
    if chars.is_empty() {
        return (false, true);
    }
    if s.starts_with("---") || s.starts_with("...") {
        return (false, true);
    }
    let mut plain = true;
    let mut single = true;
    let n = chars.len();
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        let next_blank = next.is_none_or(|x| x == ' ' || x == '\t' || x == '\n');
        if !printable(c) || c == '\t' {
            plain = false;
            single = false;
        }
        if c == '\n' || c == '\u{85}' || c == '\u{2028}' || c == '\u{2029}' {
            plain = false;
            single = false;
        }
        if i == 0 {
            if matches!(
                c,
                '#' | ','
                    | '['
                    | ']'
                    | '{'
                    | '}'
                    | '&'
                    | '*'
                    | '!'
                    | '|'
                    | '>'
                    | '\''
                    | '"'
                    | '%'
                    | '@'
                    | '`'
            ) {
                plain = false;
            }
            if matches!(c, '?' | ':' | '-') && next_blank {
                plain = false;
            }
        } else {
            if c == ':' && next_blank {
                plain = false;
            }
            if c == '#' && chars.get(i - 1).is_some_and(|p| *p == ' ') {
                plain = false;
            }
        }
        if c == ' ' && (i == 0 || i + 1 == n) {
            plain = false;
        }
    }
    (plain, single)
}

/// One string scalar as yaml.v2 would write it, except that long lines are never folded
/// and multi-line values are double-quoted (the value read back is the same).
pub(crate) fn scalar(s: &str) -> String {
    let (plain, single) = plain_allowed(s);
    if !resolves_non_string(s) {
        if plain {
            return s.to_owned();
        }
        if single {
            return format!("'{}'", s.replace('\'', "''"));
        }
    }
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '\0' => out.push_str("\\0"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\u{b}' => out.push_str("\\v"),
            '\u{c}' => out.push_str("\\f"),
            '\r' => out.push_str("\\r"),
            '\u{1b}' => out.push_str("\\e"),
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{85}' => out.push_str("\\N"),
            '\u{a0}' => out.push_str("\\_"),
            '\u{2028}' => out.push_str("\\L"),
            '\u{2029}' => out.push_str("\\P"),
            c if printable(c) => out.push(c),
            c if (c as u32) <= 0xff => out.push_str(&format!("\\x{:02X}", c as u32)),
            c if (c as u32) <= 0xffff => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push_str(&format!("\\U{:08X}", c as u32)),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_scalars() {
        for (s, want) in [
            ("plain words", "plain words"),
            ("true", "\"true\""),
            ("123", "\"123\""),
            ("", "\"\""),
            ("a: b", "'a: b'"),
            ("- x", "'- x'"),
            ("#x", "'#x'"),
            ("it's", "it's"),
            ("123456.7890abcdef123456", "123456.7890abcdef123456"),
            ("1.2.3", "1.2.3"),
            ("1.5", "\"1.5\""),
            ("-.5e3", "\"-.5e3\""),
            ("0x1F", "\"0x1F\""),
            ("1_000", "\"1_000\""),
            ("0o17", "\"0o17\""),
            ("2025-01-02T00:00:00Z", "\"2025-01-02T00:00:00Z\""),
            ("2025-1-2", "\"2025-1-2\""),
            ("2025 plans", "2025 plans"),
            ("-", "'-'"),
            ("yes", "\"yes\""),
            (" lead", "' lead'"),
            ("two\nlines", "\"two\\nlines\""),
            ("tab\there", "\"tab\\there\""),
            ("ノード", "ノード"),
        ] {
            assert_eq!(scalar(s), want, "{s:?}");
        }
    }
}
