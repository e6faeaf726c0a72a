//! Reading YAML as go-yaml v2 resolves it (`resolve.go` `resolve`, which
//! `sigs.k8s.io/yaml.YAMLToJSON` uses to read manifests): where serde-saphyr resolves a
//! plain scalar differently, the text is rewritten so that it reads go-yaml's value.
//!
//! Compared with go-yaml through `sigs.k8s.io/yaml` by the differential test
//! (`yaml_string_data`). The two agree on every plain scalar but these:
//!
//! * **booleans in other casings**: go-yaml's table has each YAML 1.1 word (`y n yes no
//!   on off true false`) in lower case, capitalised and upper case only, so `truE`,
//!   `yEs`, `oN` are strings; serde-saphyr takes any casing as a boolean. Rewritten
//!   single-quoted.
//! * **numbers with underscores or `0b±`**: go-yaml drops every `_` of a scalar starting
//!   with a digit or sign (`1_`, `1__0`, `0x_1`, `+_1`, `1_e5` are numbers), takes one
//!   between digits after a leading `.` (`.1_5`), and reads `0b+1`/`0b-1` as binary;
//!   serde-saphyr reads those as strings. Rewritten as the number
//!   ([`super::yaml::plain_number`], the rule the go-yaml emitter also quotes by).

#![cfg(feature = "yaml")]

use std::borrow::Cow;

/// go-yaml reads the plain scalar `s` as a string, serde-saphyr (which takes a boolean
/// word in any casing) as a boolean.
fn needs_quotes(s: &str) -> bool {
    use super::yaml::BOOLS;
    BOOLS.iter().any(|b| b.eq_ignore_ascii_case(s)) && !BOOLS.contains(&s)
}

/// The text serde-saphyr reads as the number go-yaml reads from the plain scalar `s`,
/// where that is not `s` itself.
fn number_text(s: &str) -> Option<String> {
    super::yaml::plain_number(s)
        .filter(|n| n != s)
        .map(Cow::into_owned)
}

/// Could the text hold a scalar that [`go_scalars`] rewrites? A scan without parsing:
/// a run of ASCII letters that [`needs_quotes`], `0b+` or `0b-`, or a word (between
/// blanks and flow indicators) that starts with a digit, sign or `.` and has an
/// underscore.
fn may_need_rewrite(text: &str) -> bool {
    let numeric_underscore = |w: &str| {
        w.contains('_') && w.starts_with(|c: char| c.is_ascii_digit() || "+-.".contains(c))
    };
    text.split(|c: char| !c.is_ascii_alphabetic())
        .any(needs_quotes)
        || text.contains("0b+")
        || text.contains("0b-")
        || (text.contains('_')
            && text
                .split(|c: char| c.is_whitespace() || "[]{},:".contains(c))
                .any(numeric_underscore))
}

/// `text` with every plain, untagged scalar that the two readers resolve differently
/// rewritten so that serde-saphyr reads what go-yaml reads (see the module docs). Only
/// text that [`may_need_rewrite`] is parsed (with serde-saphyr's event parser) for its
/// scalars' positions, up to `max_events` events. Text the parser refuses, or with more
/// events, is left as it is, for the reader to report.
pub(crate) fn go_scalars(text: &str, max_events: usize) -> Cow<'_, str> {
    use granit_parser::{Event, Parser, ScalarStyle};
    if !may_need_rewrite(text) {
        return Cow::Borrowed(text);
    }
    // (start, end, quote?) per rewritten scalar: 12 bytes each, so a text made of such
    // scalars (at least 3 bytes each, `1_,`) costs ~5× its size here. Beyond
    // `max_events` the reader refuses the text anyway: it is left as it is.
    let mut edits: Vec<(u32, u32, bool)> = Vec::new();
    for (n, event) in Parser::new_from_str(text).enumerate() {
        if n > max_events {
            return Cow::Borrowed(text);
        }
        let Ok((Event::Scalar(value, ScalarStyle::Plain, _, None), span)) = event else {
            if event.is_err() {
                return Cow::Borrowed(text);
            }
            continue;
        };
        let quote = needs_quotes(&value);
        if !quote && number_text(&value).is_none() {
            continue;
        }
        let (Some(start), Some(end)) = (span.start.byte_offset(), span.end.byte_offset()) else {
            continue;
        };
        if text.get(start..end) != Some(&*value) {
            continue;
        }
        // Texts are at most MAX_LIST_BYTES (256 MiB), so offsets fit.
        if let (Ok(start), Ok(end)) = (u32::try_from(start), u32::try_from(end)) {
            edits.push((start, end, quote));
        }
    }
    if edits.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 2 * edits.len());
    let mut at = 0;
    for (start, end, quote) in edits {
        let (start, end) = (start as usize, end as usize);
        out.push_str(text.get(at..start).unwrap_or_default());
        let scalar = text.get(start..end).unwrap_or_default();
        if quote {
            out.push('\'');
            out.push_str(scalar);
            out.push('\'');
        } else {
            out.push_str(&number_text(scalar).unwrap_or_default());
        }
        at = end;
    }
    out.push_str(text.get(at..).unwrap_or_default());
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn booleans() {
        for miscased in ["truE", "tRUE", "yEs", "yeS", "oN", "oFF", "nO", "fALSE"] {
            assert!(needs_quotes(miscased), "{miscased}");
        }
        for go in [
            "true", "True", "TRUE", "y", "Y", "n", "N", "On", "no", "trues", "x",
        ] {
            assert!(!needs_quotes(go), "{go}");
        }
    }

    /// go-yaml's verdicts (through sigs.k8s.io/yaml, the oracle): number or string.
    #[test]
    fn numbers_rewritten() {
        for (number, text) in [
            ("1_", "1"),
            ("1__0", "10"),
            ("0x_1", "0x1"),
            ("1_0.5", "10.5"),
            ("1.5_", "1.5"),
            ("1_e5", "1e5"),
            ("+_1", "+1"),
            ("-_1", "-1"),
            ("1._5", "1.5"),
            ("1e1_0", "1e10"),
            ("0__", "0"),
            ("0b_1", "0b1"),
            ("0o_7", "0o7"),
            ("1_000", "1000"),
            ("0x1_F", "0x1F"),
            (".1_5", ".15"),
            (".1_5e1_0", ".15e10"),
            ("0b+1", "0b1"),
            ("0b-1_0", "-0b10"),
            ("-0b1_0", "-0b10"),
        ] {
            assert_eq!(number_text(number).as_deref(), Some(text), "{number}");
        }
        for string_or_same in [
            "_1",
            "._5",
            ".1_",
            ".1__5",
            "_",
            "1_a",
            "0x_",
            "0x_G",
            "+_",
            "1_e",
            "0b+",
            "0b-2",
            "-0b-1",
            "-0b+1",
            "0b--1",
            "0b1",
            "17",
            "1e5",
            "0x_FFFF_FFFF_FFFF_FFFF_F",
        ] {
            assert_eq!(number_text(string_or_same), None, "{string_or_same}");
        }
    }
}
