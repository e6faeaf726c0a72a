//! YAML as Go writes it: the go-yaml v2 emitter (`go.yaml.in/yaml/v2`, formerly
//! `gopkg.in/yaml.v2`, which `sigs.k8s.io/yaml.Marshal` uses) for documents made of
//! strings, sequences and mappings, and the JSON round trip `sigs.k8s.io/yaml.Marshal`
//! puts every value through first.
//!
//! Followed upstream (go-yaml v2, read at v2.4.3; the same code as libyaml's emitter):
//! * `encode.go` `(*encoder).stringv`: the requested style — `!!binary` + base64
//!   (`resolve.go` `encodeBase64`, 70-column lines) for invalid UTF-8, literal when the
//!   value contains `\n`, plain when `resolve` gives `!!str` and `isBase60Float` is false,
//!   double-quoted otherwise;
//! * `resolve.go` `resolve` / `parseTimestamp`: which plain scalars read back as
//!   something else (the `resolveMap` words — not `<<`, whose first byte has no hint —, ints via `strconv.ParseInt(_, 0, 64)` /
//!   `ParseUint` after dropping `_`, floats, timestamps in four layouts);
//! * `emitterc.go` `yaml_emitter_analyze_scalar` (what each style allows),
//!   `yaml_emitter_select_scalar_style`, `yaml_emitter_write_plain_scalar`,
//!   `_write_single_quoted_scalar`, `_write_double_quoted_scalar` (escapes, and folding at
//!   a space once the column passes `best_width` 80, continuing at the scalar's indent),
//!   `_write_block_scalar_hints` / `_write_literal_scalar`, `_write_indent`,
//!   `_write_indicator`, `_increase_indent`, and the block mapping / sequence states
//!   (`_emit_block_mapping_key`, `_emit_block_sequence_item`, empty collections in flow
//!   style);
//! * `yamlprivateh.go` `is_printable`, `is_break`, `is_bom` (a value *starting* with U+FEFF
//!   has every character escaped), `is_blankz`;
//! * for [`json_round_trip`]: `encoding/json`'s string escaping, then `readerc.go`
//!   `yaml_parser_update_buffer` (the characters the reader refuses: "control characters
//!   are not allowed") and `scannerc.go` `yaml_parser_scan_flow_scalar` (a raw NEL inside
//!   the JSON string is a line break, folded like any other; a document indicator at
//!   column 0 is an error).

/// A value to write: what the list printers need.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Node<'a> {
    /// A Go string: any bytes (invalid UTF-8 is written as `!!binary`).
    Str(&'a [u8]),
    /// A sequence (`[]` when empty).
    Seq(Vec<Node<'a>>),
    /// A mapping, keys in the order given (`{}` when empty).
    Map(Vec<(&'a str, Node<'a>)>),
}

const BEST_INDENT: isize = 2;
const BEST_WIDTH: usize = 80;

impl<'a> Node<'a> {
    /// A JSON value made of strings, arrays and objects (keys in the map's order);
    /// `None` for anything else.
    pub(crate) fn from_json(v: &'a serde_json::Value) -> Option<Node<'a>> {
        use serde_json::Value;
        Some(match v {
            Value::String(s) => Node::Str(s.as_bytes()),
            Value::Array(items) => {
                Node::Seq(items.iter().map(Node::from_json).collect::<Option<_>>()?)
            }
            Value::Object(m) => Node::Map(
                m.iter()
                    .map(|(k, v)| Some((k.as_str(), Node::from_json(v)?)))
                    .collect::<Option<_>>()?,
            ),
            _ => return None,
        })
    }
}

/// `yaml.Marshal(node)` (go-yaml v2) of one document.
pub(crate) fn marshal(node: &Node<'_>) -> String {
    emit(node, false)
}

/// [`marshal`], except that a string holding NEL, U+2028 or U+2029 is always written
/// double-quoted with `\N`/`\L`/`\P` escapes. YAML 1.1 readers (go-yaml, PyYAML) take
/// those characters raw in a plain, single-quoted or literal scalar as line breaks and
/// YAML 1.2 readers (serde-saphyr, the npm `yaml` package) as content, so go-yaml's own
/// choice reads back differently per parser; the escaped form reads the same everywhere.
/// For YAML that people and tools other than kubeadm's printers read (Secret manifests).
pub(crate) fn marshal_portable(node: &Node<'_>) -> String {
    emit(node, true)
}

fn emit(node: &Node<'_>, portable: bool) -> String {
    let mut e = Emitter {
        portable,
        out: String::new(),
        column: 0,
        indent: -1,
        indents: Vec::new(),
        flow_level: 0,
        whitespace: true,
        indention: true,
    };
    e.node(node, Ctx::default());
    // yaml_emitter_emit_document_end (implicit): a final line break if needed.
    e.indent = -1;
    e.write_indent();
    e.out
}

/// The string `sigs.k8s.io/yaml.Marshal` ends up emitting for the Go string `s`: its
/// `json.Marshal` text read back by the YAML parser. `None` when that parser refuses it
/// (`yaml: control characters are not allowed`, or a `---`/`...` document indicator at
/// the start of a line). `s` is text already: `json.Marshal` makes invalid UTF-8 U+FFFD.
pub(crate) fn json_round_trip(s: &str) -> Option<String> {
    // Characters encoding/json writes raw (it escapes < 0x20, `"`, `\`, `<`, `>`, `&`,
    // U+2028, U+2029) that the YAML reader refuses.
    if s.chars()
        .any(|c| matches!(c, '\u{7f}'..='\u{84}' | '\u{86}'..='\u{9f}' | '\u{fffe}' | '\u{ffff}'))
    {
        return None;
    }
    if !s.contains('\u{85}') {
        return Some(s.to_owned());
    }
    // yaml_parser_scan_flow_scalar over the JSON string: a raw NEL is the only break and
    // a raw space the only blank it can meet (tabs and newlines arrive escaped).
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    let mut column_zero_at: Option<usize> = None;
    let blank_or_break = |c: Option<&char>| matches!(c, Some(' ' | '\u{85}'));
    loop {
        if column_zero_at == Some(i) {
            let rest: String = chars.iter().skip(i).take(3).collect();
            if (rest == "---" || rest == "...") && blank_or_break(chars.get(i + 3)) {
                return None;
            }
        }
        while let Some(&c) = chars.get(i) {
            if c == ' ' || c == '\u{85}' {
                break;
            }
            out.push(c);
            i += 1;
        }
        if i >= chars.len() {
            break;
        }
        let mut leading_blanks = false;
        let mut leading_break = false;
        let mut whitespaces = 0usize;
        let mut trailing_breaks = 0usize;
        while let Some(&c) = chars.get(i) {
            if c == ' ' {
                if !leading_blanks {
                    whitespaces += 1;
                }
            } else if c == '\u{85}' {
                if leading_blanks {
                    trailing_breaks += 1;
                } else {
                    whitespaces = 0;
                    leading_break = true;
                    leading_blanks = true;
                }
                column_zero_at = Some(i + 1);
            } else {
                break;
            }
            i += 1;
        }
        if column_zero_at.is_some_and(|z| z < i) {
            // Spaces after the break moved the column on.
            column_zero_at = None;
        }
        if leading_blanks {
            if leading_break && trailing_breaks == 0 {
                out.push(' ');
            } else {
                for _ in 0..trailing_breaks {
                    out.push('\n');
                }
            }
        } else {
            for _ in 0..whitespaces {
                out.push(' ');
            }
        }
    }
    Some(out)
}

#[derive(Clone, Copy, Default)]
struct Ctx {
    mapping: bool,
    simple_key: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Style {
    Plain,
    Single,
    Double,
    Literal,
}

struct Emitter {
    /// See [`marshal_portable`].
    portable: bool,
    out: String,
    column: usize,
    indent: isize,
    indents: Vec<isize>,
    flow_level: usize,
    whitespace: bool,
    indention: bool,
}

/// `yaml_emitter_analyze_scalar`'s verdict.
struct Analysis {
    multiline: bool,
    flow_plain: bool,
    block_plain: bool,
    single: bool,
    block: bool,
}

fn is_printable(c: char) -> bool {
    c == '\n'
        || (' '..='~').contains(&c)
        || ('\u{a0}'..='\u{d7ff}').contains(&c)
        || (('\u{e000}'..='\u{fffd}').contains(&c) && c != '\u{feff}')
}

fn is_break(c: char) -> bool {
    matches!(c, '\r' | '\n' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// `is_blankz`: blank, break or NUL.
fn is_blankz(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\0') || is_break(c)
}

fn analyze(v: &[char]) -> Analysis {
    if v.is_empty() {
        return Analysis {
            multiline: false,
            flow_plain: false,
            block_plain: true,
            single: true,
            block: false,
        };
    }
    let mut block_ind = false;
    let mut flow_ind = false;
    let starts = |p: &str| v.len() >= 3 && v.iter().take(3).copied().eq(p.chars());
    if starts("---") || starts("...") {
        block_ind = true;
        flow_ind = true;
    }
    let (mut line_breaks, mut special) = (false, false);
    let (mut leading_space, mut leading_break) = (false, false);
    let (mut trailing_space, mut trailing_break) = (false, false);
    let (mut break_space, mut space_break) = (false, false);
    let (mut previous_space, mut previous_break) = (false, false);
    let mut preceded_by_ws = true;
    let n = v.len();
    for (i, &c) in v.iter().enumerate() {
        let followed_by_ws = v.get(i + 1).is_none_or(|&x| x == ' ' || x == '\t');
        // The two switches of yaml_emitter_analyze_scalar: first character, the others.
        let (flow, block) = match (i == 0, c) {
            (
                true,
                '#' | ',' | '[' | ']' | '{' | '}' | '&' | '*' | '!' | '|' | '>' | '\'' | '"' | '%'
                | '@' | '`',
            ) => (true, true),
            (true, '?' | ':') | (false, ':') => (true, followed_by_ws),
            (true, '-') => (followed_by_ws, followed_by_ws),
            (false, ',' | '?' | '[' | ']' | '{' | '}') => (true, false),
            (false, '#') => (preceded_by_ws, preceded_by_ws),
            _ => (false, false),
        };
        flow_ind |= flow;
        block_ind |= block;
        if !is_printable(c) {
            special = true;
        }
        if c == ' ' {
            leading_space |= i == 0;
            trailing_space |= i + 1 == n;
            break_space |= previous_break;
            previous_space = true;
            previous_break = false;
        } else if is_break(c) {
            line_breaks = true;
            leading_break |= i == 0;
            trailing_break |= i + 1 == n;
            space_break |= previous_space;
            previous_space = false;
            previous_break = true;
        } else {
            previous_space = false;
            previous_break = false;
        }
        preceded_by_ws = is_blankz(c);
    }
    let mut a = Analysis {
        multiline: line_breaks,
        flow_plain: true,
        block_plain: true,
        single: true,
        block: true,
    };
    if leading_space || leading_break || trailing_space || trailing_break {
        a.flow_plain = false;
        a.block_plain = false;
    }
    if trailing_space {
        a.block = false;
    }
    if break_space {
        a.flow_plain = false;
        a.block_plain = false;
        a.single = false;
    }
    if space_break || special {
        a.flow_plain = false;
        a.block_plain = false;
        a.single = false;
        a.block = false;
    }
    if line_breaks {
        a.flow_plain = false;
        a.block_plain = false;
    }
    if flow_ind {
        a.flow_plain = false;
    }
    if block_ind {
        a.block_plain = false;
    }
    a
}

/// The booleans of go-yaml's `resolveMap`: each YAML 1.1 word in lower case, capitalised
/// and upper case, nothing else.
pub(crate) const BOOLS: [&str; 22] = [
    "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON", "n", "N", "no", "No",
    "NO", "false", "False", "FALSE", "off", "Off", "OFF",
];

/// `resolve("", s)` is `!!str` and `isBase60Float(s)` is false: the plain scalar reads
/// back as this string.
fn plain_reads_as_string(s: &str) -> bool {
    const WORDS: [&str; 17] = [
        "", "~", "null", "Null", "NULL", ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf",
        "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF",
    ];
    // resolveMap is consulted only when the first byte has a resolveTable hint, so `<<`
    // (hint 0) stays a plain string.
    if BOOLS.contains(&s) || WORDS.contains(&s) {
        return false;
    }
    let resolves = plain_number(s).is_some()
        || (s.starts_with(|c: char| c.is_ascii_digit() || c == '+' || c == '-') && go_timestamp(s));
    !resolves && !base60_float(s)
}

/// The plain scalar `s` is a number for go-yaml's `resolve` (`!!int` or `!!float`): the
/// same number written so that every YAML 1.2 reader (serde-saphyr) reads it as one, which
/// is `s` itself but for underscores and `0b±`.
///
/// * First byte `.` (resolveTable hint `.`): `strconv.ParseFloat(s, 64)`, which takes an
///   underscore between two digits (`.1_5`, not `._5`).
/// * First byte a digit or sign (hints `D`, `S`; after the timestamp check, which the
///   caller makes): every `_` dropped, then `ParseInt(s, 0, 64)`, `ParseUint(s, 0, 64)`,
///   `yamlStyleFloat` + `ParseFloat`, and go-yaml's own fallback `0b` + `ParseInt(rest, 2,
///   64)`, which takes a sign after the prefix (`0b+1`, `0b-1` → `-0b1`), or `-0b` +
///   `ParseInt("-" + rest, 2, 64)`.
pub(crate) fn plain_number(s: &str) -> Option<std::borrow::Cow<'_, str>> {
    match s.as_bytes().first()? {
        b'.' => {
            let b = s.as_bytes();
            let digit = |i: Option<usize>| i.and_then(|i| b.get(i)).is_some_and(u8::is_ascii_digit);
            let between_digits = b
                .iter()
                .enumerate()
                .all(|(i, &c)| c != b'_' || (digit(i.checked_sub(1)) && digit(Some(i + 1))));
            let plain = underscoreless(s);
            (between_digits && go_float(&plain)).then_some(plain)
        }
        b'0'..=b'9' | b'+' | b'-' => {
            let plain = underscoreless(s);
            if go_int(&plain) || go_float(&plain) {
                return Some(plain);
            }
            binary_fallback(&plain).map(std::borrow::Cow::Owned)
        }
        _ => None,
    }
}

fn underscoreless(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains('_') {
        std::borrow::Cow::Owned(s.replace('_', ""))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// go-yaml's `0b`/`-0b` fallback (see [`plain_number`]), as `[-]0b<digits>`.
fn binary_fallback(s: &str) -> Option<String> {
    let (negative, rest) = if let Some(r) = s.strip_prefix("0b") {
        match r.strip_prefix('-') {
            Some(r) => (true, r),
            None => (false, r.strip_prefix('+').unwrap_or(r)),
        }
    } else {
        (true, s.strip_prefix("-0b")?)
    };
    if rest.is_empty() || !rest.bytes().all(|b| b == b'0' || b == b'1') {
        return None;
    }
    let v = u64::from_str_radix(rest, 2).ok()?;
    // ParseInt, then ParseUint (non-negative only).
    if negative && v > 1 << 63 {
        return None;
    }
    Some(format!("{}0b{rest}", if negative { "-" } else { "" }))
}

/// `strconv.ParseInt(s, 0, 64)` or `strconv.ParseUint(s, 0, 64)` succeeds (`s` has no `_`).
fn go_int(s: &str) -> bool {
    let (neg, body) = match s.as_bytes().first() {
        Some(b'+') => (false, s.get(1..).unwrap_or("")),
        Some(b'-') => (true, s.get(1..).unwrap_or("")),
        _ => (false, s),
    };
    let signed = s.starts_with(['+', '-']);
    let lower = body.to_ascii_lowercase();
    let (digits, radix) = if let Some(d) = lower.strip_prefix("0x") {
        (d, 16)
    } else if let Some(d) = lower.strip_prefix("0o") {
        (d, 8)
    } else if let Some(d) = lower.strip_prefix("0b") {
        (d, 2)
    } else if lower.len() > 1 && lower.starts_with('0') {
        (lower.get(1..).unwrap_or(""), 8)
    } else {
        (lower.as_str(), 10)
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return false;
    }
    let Ok(v) = u64::from_str_radix(digits, radix) else {
        return false;
    };
    if !signed {
        return true; // ParseUint takes any u64; ParseInt a smaller one.
    }
    if neg { v <= 1u64 << 63 } else { v < 1u64 << 63 }
}

/// `yamlStyleFloat`: `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`.
fn float_syntax(s: &str) -> bool {
    let b = s.strip_prefix(['+', '-']).unwrap_or(s).as_bytes();
    let digits = |i: usize| b.iter().skip(i).take_while(|c| c.is_ascii_digit()).count();
    let mut i = if b.first() == Some(&b'.') {
        match digits(1) {
            0 => return false,
            n => 1 + n,
        }
    } else {
        let n = digits(0);
        if n == 0 {
            return false;
        }
        if b.get(n) == Some(&b'.') {
            n + 1 + digits(n + 1)
        } else {
            n
        }
    };
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        match digits(i) {
            0 => return false,
            n => i += n,
        }
    }
    i == b.len()
}

/// `strconv.ParseFloat(s, 64)` succeeds, for the decimal forms resolve can hand it (a
/// leading `.`, or [`float_syntax`]); an overflow is a range error.
fn go_float(s: &str) -> bool {
    // Go also takes hex mantissas, "inf", "nan" and `_` (with a base prefix); none of those
    // start with '.', and the other callers checked float_syntax first.
    float_syntax(s) && s.parse::<f64>().is_ok_and(f64::is_finite)
}

/// `base60float`: `^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$`.
fn base60_float(s: &str) -> bool {
    let b = s.strip_prefix(['+', '-']).unwrap_or(s).as_bytes();
    if !b.first().is_some_and(u8::is_ascii_digit) {
        return false;
    }
    let mut i = 1 + b
        .iter()
        .skip(1)
        .take_while(|c| c.is_ascii_digit() || **c == b'_')
        .count();
    let mut groups = 0;
    while b.get(i) == Some(&b':') {
        let d = b
            .iter()
            .skip(i + 1)
            .take(2)
            .take_while(|c| c.is_ascii_digit())
            .count();
        // `[0-5]?[0-9]`: one digit, or two with the first at most 5.
        let ok = d == 1 || (d == 2 && b.get(i + 1).is_some_and(|c| (b'0'..=b'5').contains(c)));
        if !ok {
            return false;
        }
        i += 1 + d;
        groups += 1;
    }
    if groups == 0 {
        return false;
    }
    if b.get(i) == Some(&b'.') {
        i += 1 + b
            .iter()
            .skip(i + 1)
            .take_while(|c| c.is_ascii_digit() || **c == b'_')
            .count();
    }
    i == b.len()
}

/// `parseTimestamp`: four digits and `-`, then Go's `time.Parse` with one of
/// `2006-1-2T15:4:5.999999999Z07:00`, the same with `t`, `2006-1-2 15:4:5.999999999`,
/// `2006-1-2`.
fn go_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() < 5 || !b.iter().take(4).all(u8::is_ascii_digit) || b.get(4) != Some(&b'-') {
        return false;
    }
    let year: u32 = s.get(..4).and_then(|y| y.parse().ok()).unwrap_or(0);
    let mut p = 5;
    // getnum(value, false): one or two digits.
    let num = |p: &mut usize| -> Option<u32> {
        let d0 = b.get(*p).filter(|c| c.is_ascii_digit())?;
        let mut v = u32::from(d0 - b'0');
        *p += 1;
        if let Some(d1) = b.get(*p).filter(|c| c.is_ascii_digit()) {
            v = v * 10 + u32::from(d1 - b'0');
            *p += 1;
        }
        Some(v)
    };
    let lit = |p: &mut usize, c: u8| -> bool {
        if b.get(*p) == Some(&c) {
            *p += 1;
            true
        } else {
            false
        }
    };
    let Some(month) = num(&mut p) else {
        return false;
    };
    if !lit(&mut p, b'-') {
        return false;
    }
    let Some(day) = num(&mut p) else {
        return false;
    };
    if !(1..=12).contains(&month) || day < 1 || day > super::time::days_in(month, i64::from(year)) {
        return false;
    }
    if p == b.len() {
        return true; // 2006-1-2
    }
    let zoned = match b.get(p) {
        Some(b'T' | b't') => true,
        Some(b' ') => false,
        _ => return false,
    };
    p += 1;
    let Some(hour) = num(&mut p) else {
        return false;
    };
    if !lit(&mut p, b':') {
        return false;
    }
    let Some(minute) = num(&mut p) else {
        return false;
    };
    if !lit(&mut p, b':') {
        return false;
    }
    let Some(second) = num(&mut p) else {
        return false;
    };
    if hour > 23 || minute > 59 || second > 59 {
        return false;
    }
    // .999999999: optional; `.` or `,` then at least one digit, all digits consumed.
    if matches!(b.get(p), Some(b'.' | b',')) && b.get(p + 1).is_some_and(u8::is_ascii_digit) {
        p += 1;
        while b.get(p).is_some_and(u8::is_ascii_digit) {
            p += 1;
        }
    }
    if !zoned {
        return p == b.len();
    }
    match b.get(p) {
        Some(b'Z') => p + 1 == b.len(),
        Some(b'+' | b'-') => {
            // ±hh:mm, hh ≤ 24, mm ≤ 60 (Go's range checks).
            let z = b.get(p + 1..);
            match z {
                Some([h1, h2, b':', m1, m2])
                    if [h1, h2, m1, m2].iter().all(|c| c.is_ascii_digit()) =>
                {
                    let hh = u32::from(h1 - b'0') * 10 + u32::from(h2 - b'0');
                    let mm = u32::from(m1 - b'0') * 10 + u32::from(m2 - b'0');
                    hh <= 24 && mm <= 60
                }
                _ => false,
            }
        }
        _ => false,
    }
}

/// yaml.v2 `encodeBase64`: standard base64 in 70-character lines, each ended by `\n`
/// when there is more than one line... or when the data needs 70 characters or more.
fn encode_base64(data: &[u8]) -> String {
    use base64::Engine as _;
    let enc = base64::engine::general_purpose::STANDARD.encode(data);
    let lines = enc.len() / 70 + 1;
    if lines == 1 {
        return enc;
    }
    let mut out = String::with_capacity(enc.len() + lines);
    let b = enc.as_bytes();
    for chunk in b.chunks(70) {
        out.push_str(std::str::from_utf8(chunk).unwrap_or(""));
        out.push('\n');
    }
    out
}

impl Emitter {
    fn put(&mut self, c: char) {
        self.out.push(c);
        self.column += 1;
    }

    fn put_break(&mut self) {
        self.out.push('\n');
        self.column = 0;
    }

    /// `write`: one character, one column.
    fn write(&mut self, c: char) {
        self.out.push(c);
        self.column += 1;
    }

    fn write_str(&mut self, s: &str) {
        for c in s.chars() {
            self.write(c);
        }
    }

    fn write_break(&mut self, c: char) {
        if c == '\n' {
            self.put_break();
        } else {
            self.out.push(c);
            self.column = 0;
        }
    }

    fn write_indent(&mut self) {
        let indent = usize::try_from(self.indent).unwrap_or(0);
        if !self.indention || self.column > indent || (self.column == indent && !self.whitespace) {
            self.put_break();
        }
        while self.column < indent {
            self.put(' ');
        }
        self.whitespace = true;
        self.indention = true;
    }

    fn write_indicator(&mut self, s: &str, need_ws: bool, is_ws: bool, is_indention: bool) {
        if need_ws && !self.whitespace {
            self.put(' ');
        }
        self.write_str(s);
        self.whitespace = is_ws;
        self.indention = self.indention && is_indention;
    }

    fn increase_indent(&mut self, flow: bool, indentless: bool) {
        self.indents.push(self.indent);
        if self.indent < 0 {
            self.indent = if flow { BEST_INDENT } else { 0 };
        } else if !indentless {
            self.indent += BEST_INDENT;
        }
    }

    fn pop_indent(&mut self) {
        self.indent = self.indents.pop().unwrap_or(-1);
    }

    fn node(&mut self, node: &Node<'_>, ctx: Ctx) {
        match node {
            Node::Str(bytes) => self.string(bytes, ctx),
            Node::Seq(items) if items.is_empty() || self.flow_level > 0 => {
                self.write_indicator("[", true, true, false);
                self.write_indicator("]", false, false, false);
            }
            Node::Map(items) if items.is_empty() || self.flow_level > 0 => {
                self.write_indicator("{", true, true, false);
                self.write_indicator("}", false, false, false);
            }
            Node::Seq(items) => {
                let indentless = ctx.mapping && !self.indention;
                self.increase_indent(false, indentless);
                for item in items {
                    self.write_indent();
                    self.write_indicator("-", true, false, true);
                    self.node(item, Ctx::default());
                }
                self.pop_indent();
            }
            Node::Map(items) => {
                self.increase_indent(false, false);
                for (k, v) in items {
                    self.write_indent();
                    // yaml_emitter_check_simple_key: one line, at most 128 bytes.
                    let simple = k.len() <= 128 && !k.chars().any(is_break);
                    let key_ctx = Ctx {
                        mapping: true,
                        simple_key: simple,
                    };
                    if simple {
                        self.string(k.as_bytes(), key_ctx);
                        self.write_indicator(":", false, false, false);
                    } else {
                        self.write_indicator("?", true, false, true);
                        self.string(k.as_bytes(), key_ctx);
                        self.write_indent();
                        self.write_indicator(":", true, false, true);
                    }
                    self.node(
                        v,
                        Ctx {
                            mapping: true,
                            simple_key: false,
                        },
                    );
                }
                self.pop_indent();
            }
        }
    }

    /// `stringv`, then `yaml_emitter_emit_scalar`.
    fn string(&mut self, bytes: &[u8], ctx: Ctx) {
        let (binary, text, requested) = match std::str::from_utf8(bytes) {
            Err(_) => {
                let t = encode_base64(bytes);
                let style = if t.contains('\n') {
                    Style::Literal
                } else {
                    Style::Plain
                };
                (true, t, style)
            }
            Ok(s) => {
                let style = if s.contains('\n') {
                    Style::Literal
                } else if plain_reads_as_string(s) {
                    Style::Plain
                } else {
                    Style::Double
                };
                (false, s.to_owned(), style)
            }
        };
        let v: Vec<char> = text.chars().collect();
        let a = analyze(&v);
        // yaml_emitter_select_scalar_style
        let mut style = requested;
        if ctx.simple_key && a.multiline {
            style = Style::Double;
        }
        if style == Style::Plain {
            let allowed = if self.flow_level > 0 {
                a.flow_plain
            } else {
                a.block_plain
            };
            if !allowed || (v.is_empty() && (self.flow_level > 0 || ctx.simple_key)) {
                style = Style::Single;
            }
        }
        if style == Style::Single && !a.single {
            style = Style::Double;
        }
        if style == Style::Literal && (!a.block || self.flow_level > 0 || ctx.simple_key) {
            style = Style::Double;
        }
        if self.portable
            && v.iter()
                .any(|&c| matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}'))
        {
            style = Style::Double;
        }
        if binary {
            // yaml_emitter_process_tag: handle `!!`, suffix `binary`.
            if !self.whitespace {
                self.put(' ');
            }
            self.write_str("!!binary");
            self.whitespace = false;
            self.indention = false;
        }
        self.increase_indent(true, false);
        let breaks = !ctx.simple_key;
        match style {
            Style::Plain => self.plain(&v, breaks),
            Style::Single => self.single(&v, breaks),
            Style::Double => self.double(&v, breaks),
            Style::Literal => self.literal(&v),
        }
        self.pop_indent();
    }

    /// `yaml_emitter_write_plain_scalar`.
    fn plain(&mut self, v: &[char], allow_breaks: bool) {
        if !self.whitespace {
            self.put(' ');
        }
        self.plain_or_single_body(v, allow_breaks, false);
        self.whitespace = false;
        self.indention = false;
    }

    /// `yaml_emitter_write_single_quoted_scalar`.
    fn single(&mut self, v: &[char], allow_breaks: bool) {
        self.write_indicator("'", true, false, false);
        self.plain_or_single_body(v, allow_breaks, true);
        self.write_indicator("'", false, false, false);
        self.whitespace = false;
        self.indention = false;
    }

    /// The loop the plain and single-quoted writers share: fold at a single space past
    /// column 80 (the single-quoted writer also requires it not to be the first or last
    /// character, which a plain scalar never has anyway), write breaks raw with an
    /// indented continuation, double `'` when quoted.
    fn plain_or_single_body(&mut self, v: &[char], allow_breaks: bool, quoted: bool) {
        let (mut spaces, mut breaks) = (false, false);
        let n = v.len();
        for (i, &c) in v.iter().enumerate() {
            if c == ' ' {
                if allow_breaks
                    && !spaces
                    && self.column > BEST_WIDTH
                    && i > 0
                    && i + 1 < n
                    && v.get(i + 1).is_some_and(|&n| n != ' ')
                {
                    self.write_indent();
                } else {
                    self.write(c);
                }
                spaces = true;
            } else if is_break(c) {
                if !breaks && c == '\n' {
                    self.put_break();
                }
                self.write_break(c);
                self.indention = true;
                breaks = true;
            } else {
                if breaks {
                    self.write_indent();
                }
                if quoted && c == '\'' {
                    self.put('\'');
                }
                self.write(c);
                self.indention = false;
                spaces = false;
                breaks = false;
            }
        }
    }

    /// `yaml_emitter_write_double_quoted_scalar`.
    fn double(&mut self, v: &[char], allow_breaks: bool) {
        let bom = v.first() == Some(&'\u{feff}');
        self.write_indicator("\"", true, false, false);
        let mut spaces = false;
        let n = v.len();
        for (i, &c) in v.iter().enumerate() {
            if !is_printable(c) || bom || is_break(c) || c == '"' || c == '\\' {
                self.put('\\');
                match c {
                    '\0' => self.put('0'),
                    '\u{7}' => self.put('a'),
                    '\u{8}' => self.put('b'),
                    '\t' => self.put('t'),
                    '\n' => self.put('n'),
                    '\u{b}' => self.put('v'),
                    '\u{c}' => self.put('f'),
                    '\r' => self.put('r'),
                    '\u{1b}' => self.put('e'),
                    '"' => self.put('"'),
                    '\\' => self.put('\\'),
                    '\u{85}' => self.put('N'),
                    '\u{a0}' => self.put('_'),
                    '\u{2028}' => self.put('L'),
                    '\u{2029}' => self.put('P'),
                    c => {
                        let cp = c as u32;
                        let (letter, digits) = match cp {
                            0..=0xff => ('x', 2),
                            0x100..=0xffff => ('u', 4),
                            _ => ('U', 8),
                        };
                        self.put(letter);
                        for k in (0..digits).rev() {
                            let d = (cp >> (4 * k)) & 0xf;
                            self.put(char::from_digit(d, 16).unwrap_or('0').to_ascii_uppercase());
                        }
                    }
                }
                spaces = false;
            } else if c == ' ' {
                if allow_breaks && !spaces && self.column > BEST_WIDTH && i > 0 && i + 1 < n {
                    self.write_indent();
                    if v.get(i + 1) == Some(&' ') {
                        self.put('\\');
                    }
                } else {
                    self.write(c);
                }
                spaces = true;
            } else {
                self.write(c);
                spaces = false;
            }
        }
        self.write_indicator("\"", false, false, false);
        self.whitespace = false;
        self.indention = false;
    }

    /// `yaml_emitter_write_block_scalar_hints` + `yaml_emitter_write_literal_scalar`.
    fn literal(&mut self, v: &[char]) {
        self.write_indicator("|", true, false, false);
        // yaml_emitter_write_block_scalar_hints
        if v.first().is_some_and(|&c| c == ' ' || is_break(c)) {
            self.write_indicator("2", false, false, false);
        }
        let chomp = match v {
            [] => Some("-"),
            [.., last] if !is_break(*last) => Some("-"),
            [_] => Some("+"),
            [.., prev, _] if is_break(*prev) => Some("+"),
            _ => None,
        };
        if let Some(h) = chomp {
            self.write_indicator(h, false, false, false);
        }
        self.put_break();
        self.indention = true;
        self.whitespace = true;
        let mut breaks = true;
        for &c in v {
            if is_break(c) {
                self.write_break(c);
                self.indention = true;
                breaks = true;
            } else {
                if breaks {
                    self.write_indent();
                }
                self.write(c);
                self.indention = false;
                breaks = false;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(k: &str, v: &str) -> String {
        marshal(&Node::Map(vec![(k, Node::Str(v.as_bytes()))]))
    }

    #[test]
    fn styles() {
        for (v, want) in [
            ("plain words", "plain words"),
            ("true", "\"true\""),
            ("<<", "<<"),
            ("123", "\"123\""),
            ("1:20", "\"1:20\""),
            ("", "\"\""),
            ("a: b", "'a: b'"),
            ("it's", "it's"),
            ("#x", "'#x'"),
            ("2025-01-02T00:00:00Z", "\"2025-01-02T00:00:00Z\""),
            ("1e999", "1e999"),
            // Numbers for go-yaml (the oracle's verdicts): underscores, `0b±`.
            ("1_", "\"1_\""),
            (".1_5", "\".1_5\""),
            ("0b+1", "\"0b+1\""),
            ("0b-1", "\"0b-1\""),
            ("._5", "._5"),
            ("-0b+1", "-0b+1"),
            ("tab\there", "\"tab\\there\""),
            ("a\u{2028}b", "'a\u{2028}  b'"),
            ("\u{feff}ab", "\"\\uFEFF\\x61\\x62\""),
            ("😀", "\"\\U0001F600\""),
        ] {
            assert_eq!(doc("k", v), format!("k: {want}\n"), "{v:?}");
        }
        assert_eq!(doc("k", "a\nb"), "k: |-\n  a\n  b\n");
        assert_eq!(doc("k", "a\n"), "k: |\n  a\n");
        assert_eq!(doc("k", " a\n"), "k: |2\n   a\n");
        assert_eq!(doc("k", "a \nb"), "k: \"a \\nb\"\n");
    }

    #[test]
    fn folds_at_80() {
        let long = "word ".repeat(30);
        let long = long.trim_end();
        let y = doc("description", long);
        let first = y.lines().next().unwrap();
        assert!(first.len() > 80 && first.len() < 90, "{y}");
        assert!(y.lines().nth(1).unwrap().starts_with("  word"), "{y}");
    }

    #[test]
    fn collections() {
        let n = Node::Seq(vec![Node::Map(vec![
            ("token", Node::Map(vec![("id", Node::Str(b"abcdef"))])),
            ("usages", Node::Seq(vec![Node::Str(b"signing")])),
            ("groups", Node::Seq(vec![])),
        ])]);
        assert_eq!(
            marshal(&n),
            "- token:\n    id: abcdef\n  usages:\n  - signing\n  groups: []\n"
        );
        assert_eq!(marshal(&Node::Seq(vec![])), "[]\n");
        assert_eq!(doc("d", "caf\u{e9}"), "d: caf\u{e9}\n");
        assert_eq!(
            marshal(&Node::Map(vec![("d", Node::Str(b"caf\xe9"))])),
            "d: !!binary Y2Fm6Q==\n"
        );
    }

    #[test]
    fn round_trip() {
        assert_eq!(json_round_trip("a\u{85}b").unwrap(), "a b");
        assert_eq!(json_round_trip("a \u{85} b").unwrap(), "a b");
        assert_eq!(json_round_trip("a\u{85}\u{85}b").unwrap(), "a\nb");
        assert_eq!(json_round_trip("\u{85}a").unwrap(), " a");
        assert!(json_round_trip("del\u{7f}").is_none());
        assert!(json_round_trip("a\u{85}--- b").is_none());
        assert_eq!(json_round_trip("a\tb").unwrap(), "a\tb");
    }
}
