//! Input generators: random valid values of each grammar, and mutations of them that
//! probe the edges (one-char changes, case, Unicode look-alikes, whitespace, NUL, ...).

/// SplitMix64: small, seedable, good enough to spread inputs (not for secrets).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9e37_79b9_7f4a_7c15)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next()) * u128::from(n)) >> 64) as u64
    }
    pub fn range(&mut self, lo: i64, hi_incl: i64) -> i64 {
        let span = (hi_incl as i128 - lo as i128 + 1) as u128;
        (lo as i128 + (u128::from(self.next()) % span) as i128) as i64
    }
    /// True with probability `pct`%.
    pub fn pct(&mut self, pct: u64) -> bool {
        self.below(100) < pct
    }
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len() as u64) as usize]
    }
}

pub const ALPHABET: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";

/// Characters mutations draw from: the token alphabet, its neighbours, separators,
/// whitespace and control characters, and Unicode look-alikes.
pub const POOL: &[char] = &[
    'a',
    'z',
    '0',
    '9',
    'f',
    'A',
    'Z',
    'F',
    '.',
    '-',
    ':',
    '_',
    '+',
    ',',
    '/',
    ' ',
    '*',
    '"',
    '\\',
    '\n',
    '\r',
    '\t',
    '\0',
    '\u{7f}',
    'é',
    '\u{430}', /* Cyrillic a */
    '\u{3bf}',
    /* Greek omicron */ '\u{131}',
    /* dotless i */ '\u{212a}', /* Kelvin */
    '\u{17f}',
    /* long s */ '\u{ff10}',
    /* fullwidth 0 */ '\u{b5}', /* micro */
    '\u{3bc}',
    /* mu */ '\u{a0}',
    '\u{200b}',
    '\u{feff}',
    '\u{1d7ce}', /* math 0 */
    '\u{2024}',
    /* one dot leader */ '\u{ff0e}', /* fullwidth . */
];

pub fn alnum(rng: &mut Rng, n: usize) -> String {
    (0..n)
        .map(|_| char::from(ALPHABET[rng.below(36) as usize]))
        .collect()
}

pub fn valid_token(rng: &mut Rng) -> String {
    format!("{}.{}", alnum(rng, 6), alnum(rng, 16))
}

/// One to three edits of `s`.
pub fn mutate(rng: &mut Rng, s: &str) -> String {
    let mut chars: Vec<char> = s.chars().collect();
    let edits = 1 + rng.below(3);
    for _ in 0..edits {
        let len = chars.len();
        match rng.below(12) {
            0..=2 if len > 0 => {
                let i = rng.below(len as u64) as usize;
                chars[i] = *rng.pick(POOL);
            }
            3 | 4 => {
                let i = rng.below(len as u64 + 1) as usize;
                chars.insert(i, *rng.pick(POOL));
            }
            5 | 6 if len > 0 => {
                let i = rng.below(len as u64) as usize;
                chars.remove(i);
            }
            7 => chars.push(*rng.pick(&['\n', '\r', ' ', '\0', '\t'])),
            8 => chars.insert(0, *rng.pick(&[' ', '\n', '\u{feff}', '\t'])),
            9 => {
                for c in chars.iter_mut() {
                    if rng.pct(50) {
                        *c = c.to_ascii_uppercase();
                    }
                }
            }
            10 if len > 1 => {
                let cut = rng.below(len as u64) as usize;
                chars.truncate(cut);
            }
            11 if len > 1 => {
                let i = rng.below(len as u64 - 1) as usize;
                chars.swap(i, i + 1);
            }
            _ => chars.push(*rng.pick(POOL)),
        }
    }
    chars.into_iter().collect()
}

/// A token-shaped string: valid, or a mutation of a valid one, or something odd.
pub fn token_like(rng: &mut Rng) -> String {
    match rng.below(10) {
        0..=2 => valid_token(rng),
        3..=8 => {
            let t = valid_token(rng);
            mutate(rng, &t)
        }
        _ => {
            let odd = [
                "",
                ".",
                "abcdef.",
                ".0123456789abcdef",
                "abcdef.0123456789abcdef.abcdef",
                "abcdef..0123456789abcdef",
                "abcdef:0123456789abcdef",
                "K10abc::abcdef.0123456789abcdef",
            ];
            (*rng.pick(&odd)).to_owned()
        }
    }
}

pub fn id_like(rng: &mut Rng) -> String {
    let id = alnum(rng, 6);
    if rng.pct(35) { id } else { mutate(rng, &id) }
}

/// Go duration text: `[-+]?([0-9]*(\.[0-9]*)?[a-z]+)+` with edge cases.
pub fn duration_text(rng: &mut Rng) -> String {
    if rng.pct(8) {
        let odd = [
            "0",
            "-0",
            "+0",
            "",
            "+",
            "-",
            ".",
            ".s",
            "0.",
            "1",
            "1.",
            ".5s",
            "5.s",
            "0x10s",
            "1e3s",
            "1_000s",
            "9223372036854775807ns",
            "9223372036854775808ns",
            "-9223372036854775808ns",
            "-9223372036854775809ns",
            "2562047h47m16.854775807s",
            "2562047h47m16.854775808s",
            "-2562047h47m16.854775808s",
            "2562048h",
            "9223372036.854775807s",
            "9223372036.854775808s",
            "0.0000000001s",
            "0.000000000999999999999s",
            "1.00000000000000000001h",
            "00000000000000000000001s",
            "18446744073709551616ns",
            "1hh",
            "1h 1m",
            " 1h",
            "1H",
            "1Ms",
            "1µs",
            "1μs",
            "1us",
            "1\u{b5}",
            "1 s",
            "24h0m0s",
            "1h-1m",
            "1h+1m",
            "3.",
            "-.5h",
            "+.5h",
        ];
        return (*rng.pick(&odd)).to_owned();
    }
    let mut s = String::new();
    match rng.below(6) {
        0 => s.push('-'),
        1 => s.push('+'),
        _ => {}
    }
    let segments = 1 + rng.below(4);
    for _ in 0..segments {
        let digits = match rng.below(10) {
            0 => 0,
            1..=6 => 1 + rng.below(3) as usize,
            7 | 8 => 4 + rng.below(6) as usize,
            _ => 10 + rng.below(12) as usize,
        };
        for i in 0..digits {
            let d = if i == 0 && rng.pct(80) {
                1 + rng.below(9)
            } else {
                rng.below(10)
            };
            s.push(char::from(b'0' + d as u8));
        }
        if rng.pct(25) || digits == 0 {
            s.push('.');
            let max_frac = if rng.pct(20) { 25 } else { 6 };
            let frac = rng.below(max_frac);
            for _ in 0..frac {
                s.push(char::from(b'0' + rng.below(10) as u8));
            }
        }
        let units = [
            "ns", "us", "\u{b5}s", "\u{3bc}s", "ms", "s", "m", "h", "h", "m", "s", "d", "y", "",
            "S", "sec", "hr",
        ];
        let u = *rng.pick::<&str>(&units);
        s.push_str(u);
    }
    if rng.pct(15) { mutate(rng, &s) } else { s }
}

/// A nanosecond count spread over every magnitude, plus the unit and range edges.
pub fn nanos(rng: &mut Rng) -> i64 {
    const S: i64 = 1_000_000_000;
    const H: i64 = 3600 * S;
    if rng.pct(15) {
        let edges = [
            0,
            1,
            -1,
            999,
            1000,
            999_999,
            1_000_000,
            S - 1,
            S,
            -S,
            -S - 1,
            -2 * S,
            59 * S,
            60 * S - 1,
            60 * S,
            3600 * S - 1,
            H,
            48 * H - 1,
            48 * H,
            24 * H,
            8 * 24 * H,
            2 * 365 * 24 * H,
            8 * 365 * 24 * H,
            8 * 365 * 24 * H - 1,
            i64::MAX,
            i64::MIN,
            i64::MAX - 1,
            i64::MIN + 1,
        ];
        let e = *rng.pick(&edges);
        return e.saturating_add(rng.range(-2, 2));
    }
    if rng.pct(10) {
        return rng.next() as i64;
    }
    let bits = rng.below(63) as u32;
    let v = (rng.next() >> (63 - bits)) as i64;
    if rng.pct(20) { -v } else { v }
}

fn days_in(month: i64, year: i64) -> i64 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A valid RFC3339 timestamp (the strict grammar).
pub fn valid_timestamp(rng: &mut Rng) -> String {
    let year = match rng.below(10) {
        0 => *rng.pick(&[0, 1, 1969, 1970, 2038, 2106, 9999]),
        1 => rng.range(0, 9999),
        _ => rng.range(1970, 2100),
    };
    let month = rng.range(1, 12);
    let day = rng.range(1, days_in(month, year));
    let mut s = format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}",
        rng.range(0, 23),
        rng.range(0, 59),
        rng.range(0, 59)
    );
    if rng.pct(25) {
        s.push('.');
        for _ in 0..1 + rng.below(12) {
            s.push(char::from(b'0' + rng.below(10) as u8));
        }
    }
    if rng.pct(60) {
        s.push('Z');
    } else {
        let sign = if rng.pct(50) { '+' } else { '-' };
        s.push_str(&format!(
            "{sign}{:02}:{:02}",
            rng.range(0, 23),
            rng.range(0, 59)
        ));
    }
    s
}

/// Timestamps for Go's parser: valid ones, the fallback parser's leniencies
/// (one-digit hour, comma fraction, offset hour 24), out-of-range fields, mutations.
pub fn timestamp_text(rng: &mut Rng) -> String {
    match rng.below(10) {
        0..=2 => valid_timestamp(rng),
        3 | 4 => {
            // Field-wise: each field sometimes out of range or oddly sized.
            let year = match rng.below(8) {
                0 => format!("{}", rng.range(0, 999)),
                1 => format!("{:05}", rng.range(0, 99999)),
                2 => format!("-{:03}", rng.range(0, 999)),
                3 => format!("+{:03}", rng.range(0, 999)),
                _ => format!("{:04}", rng.range(1900, 2200)),
            };
            let two = |rng: &mut Rng, hi: i64| -> String {
                match rng.below(10) {
                    0 => format!("{}", rng.range(0, 9)),
                    1 => format!("{:03}", rng.range(0, 100)),
                    2 => format!("{:02}", rng.range(hi + 1, 99)),
                    _ => format!("{:02}", rng.range(0, hi)),
                }
            };
            let month = if rng.pct(85) {
                format!("{:02}", rng.range(1, 12))
            } else {
                two(rng, 12)
            };
            let day = if rng.pct(80) {
                format!("{:02}", rng.range(1, 28))
            } else {
                two(rng, 31)
            };
            let hour = two(rng, 23);
            let min = if rng.pct(85) {
                format!("{:02}", rng.range(0, 59))
            } else {
                two(rng, 59)
            };
            let sec = if rng.pct(85) {
                format!("{:02}", rng.range(0, 59))
            } else {
                two(rng, 60)
            };
            let frac = match rng.below(6) {
                0 => format!(".{}", rng.range(0, 999_999_999)),
                1 => format!(",{}", rng.range(0, 999)),
                2 => ".".to_owned(),
                _ => String::new(),
            };
            let zone = match rng.below(10) {
                0..=3 => "Z".to_owned(),
                4 => "z".to_owned(),
                5 => format!("+{:02}:{:02}", rng.range(0, 25), rng.range(0, 61)),
                6 => format!("-{:02}{:02}", rng.range(0, 23), rng.range(0, 59)),
                7 => format!("+{}:{:02}", rng.range(0, 9), rng.range(0, 59)),
                8 => String::new(),
                _ => format!("-{:02}:{:02}", rng.range(0, 23), rng.range(0, 59)),
            };
            let t = if rng.pct(90) {
                "T"
            } else {
                *rng.pick(&["t", " ", "_"])
            };
            format!("{year}-{month}-{day}{t}{hour}:{min}:{sec}{frac}{zone}")
        }
        5 => {
            let odd = [
                "",
                "Z",
                "2024-02-29T00:00:00Z",
                "2023-02-29T00:00:00Z",
                "2100-02-29T00:00:00Z",
                "2000-02-29T00:00:00Z",
                "2024-01-01T24:00:00Z",
                "2024-01-01T23:59:60Z",
                "2024-01-01T00:00:00+24:00",
                "2024-01-01T00:00:00-24:00",
                "2024-01-01T00:00:00+23:60",
                "2024-01-01T00:00:00-00:00",
                "0000-01-01T00:00:00Z",
                "9999-12-31T23:59:59+00:01",
                "0000-01-01T00:00:00-00:01",
                "9999-12-31T23:59:59.999999999-23:59",
                "2024-01-01T0:0:0Z",
                "2024-1-1T00:00:00Z",
                "invalid date",
            ];
            (*rng.pick(&odd)).to_owned()
        }
        _ => {
            let t = valid_timestamp(rng);
            mutate(rng, &t)
        }
    }
}

/// A bootstrap group: valid, near-valid (length 255/256/257, trailing ':' or '-') or mutated.
pub fn group_like(rng: &mut Rng) -> String {
    const GROUP_CHARS: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789:-";
    let prefix = "system:bootstrappers:";
    match rng.below(10) {
        0 => String::new(),
        1 => {
            // Length edges of the `{0,255}[a-z0-9]` tail.
            let n = *rng.pick(&[0usize, 1, 254, 255, 256, 257]);
            let mut s = prefix.to_owned();
            for _ in 0..n {
                s.push(char::from(*rng.pick(GROUP_CHARS)));
            }
            s.push(char::from(ALPHABET[rng.below(36) as usize]));
            s
        }
        2 => (*rng.pick(&[
            "system:bootstrappers",
            "system:bootstrappers:",
            "system:bootstrappers:kubeadm:default-node-token",
            "system:bootstrappers:a",
            "system:bootstrappers:-",
            "system:bootstrappers::a",
            "system:bootstrappers:a:",
            "system:bootstrappers:a-",
            "system:bootstrappers:foo,system:bootstrappers:bar",
            "system:nodes",
            "System:bootstrappers:a",
        ]))
        .to_owned(),
        _ => {
            let mut s = prefix.to_owned();
            for _ in 0..rng.below(30) {
                s.push(char::from(*rng.pick(GROUP_CHARS)));
            }
            s.push(char::from(ALPHABET[rng.below(36) as usize]));
            if rng.pct(50) { mutate(rng, &s) } else { s }
        }
    }
}

pub fn usage_like(rng: &mut Rng) -> String {
    let u = (*rng.pick(&["signing", "authentication", "signing", "authentication"])).to_owned();
    if rng.pct(75) { u } else { mutate(rng, &u) }
}

pub fn list_of(rng: &mut Rng, max: u64, f: fn(&mut Rng) -> String) -> Vec<String> {
    (0..rng.below(max + 1)).map(|_| f(rng)).collect()
}

/// Free text for descriptions: ASCII, Unicode, control characters, YAML-ish specials.
pub fn text(rng: &mut Rng) -> String {
    let base = *rng.pick(&[
        "",
        "token for worker nodes",
        "ünïcödé ✓ 日本語",
        "line1\nline2",
        "key: value # not a comment",
        "- list",
        "\"quoted\" 'single' `back`",
        "<html>&amp;",
        "tab\there",
        "trailing space ",
        "true",
        "null",
        "0123",
    ]);
    if rng.pct(40) {
        mutate(rng, base)
    } else {
        base.to_owned()
    }
}

fn b64(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// `data` values as the manifest carries them: standard base64 with padding, sometimes
/// with line breaks (Go's decoder skips `\r`/`\n`) or broken (missing padding, URL alphabet).
fn encode_value(rng: &mut Rng, bytes: &[u8]) -> serde_json::Value {
    let e = b64(bytes);
    let v = match rng.below(100) {
        0 if e.len() > 4 => {
            let mut e = e;
            e.insert(e.len() / 2, '\n');
            e
        }
        1 if e.ends_with('=') => e.trim_end_matches('=').to_owned(),
        2 => e.replace('+', "-").replace('/', "_") + "_",
        3 => return serde_json::Value::Null,
        _ => e,
    };
    serde_json::Value::String(v)
}

/// An RFC3339 time `secs_from_now` seconds from `now_unix`, at a random offset.
pub fn time_at(rng: &mut Rng, unix: i64) -> String {
    let off_min = if rng.pct(60) {
        0
    } else {
        rng.range(-23 * 60, 23 * 60)
    };
    // The wall-clock time at that offset, written with the offset.
    let local = kubetoken::Timestamp::from_unix(unix + off_min * 60).to_rfc3339_utc();
    if off_min == 0 {
        return local;
    }
    let sign = if off_min < 0 { '-' } else { '+' };
    let a = off_min.abs();
    format!(
        "{}{sign}{:02}:{:02}",
        local.trim_end_matches('Z'),
        a / 60,
        a % 60
    )
}

pub fn now_unix() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// An expiration value: none, relative to `now` (never within an hour of it, so the two
/// sides' clocks cannot disagree), or any timestamp text.
pub fn expiration(rng: &mut Rng, now: i64) -> Option<String> {
    match rng.below(10) {
        0..=2 => None,
        3..=5 => {
            let delta = rng.range(3600, 400 * 86400);
            Some(time_at(rng, now + delta))
        }
        6 | 7 => {
            let delta = rng.range(3600, 400 * 86400);
            Some(time_at(rng, now - delta))
        }
        8 => Some(String::new()),
        _ => Some(timestamp_text(rng)),
    }
}

/// A bootstrap-token Secret manifest (JSON form): mostly well-formed, with each field
/// sometimes missing, wrong or mutated. `token` is the token it is meant to hold.
pub fn secret_manifest(rng: &mut Rng, token: &str, now: i64) -> serde_json::Value {
    use serde_json::{Map, Value, json};
    let (id, secret) = token.split_once('.').unwrap_or((token, ""));
    let mut meta = Map::new();
    let name_id = if rng.pct(92) {
        id.to_owned()
    } else {
        id_like(rng)
    };
    meta.insert("name".into(), json!(format!("bootstrap-token-{name_id}")));
    match rng.below(20) {
        0 => {}
        1 => {
            meta.insert("namespace".into(), json!("default"));
        }
        _ => {
            meta.insert("namespace".into(), json!("kube-system"));
        }
    }
    if rng.pct(3) {
        meta.insert("deletionTimestamp".into(), json!(time_at(rng, now - 60)));
    }
    let mut obj = Map::new();
    obj.insert("apiVersion".into(), json!("v1"));
    obj.insert("kind".into(), json!("Secret"));
    obj.insert("metadata".into(), Value::Object(meta));
    match rng.below(25) {
        0 => {}
        1 => {
            obj.insert("type".into(), json!("Opaque"));
        }
        2 => {
            obj.insert("type".into(), json!("bootstrap.kubernetes.io/token "));
        }
        _ => {
            obj.insert("type".into(), json!("bootstrap.kubernetes.io/token"));
        }
    }
    if rng.pct(4) {
        return Value::Object(obj);
    }
    let mut data: Vec<(String, Vec<u8>)> = Vec::new();
    let mut field = |rng: &mut Rng, key: &str, good: &str, present_pct: u64| {
        if !rng.pct(present_pct) {
            return;
        }
        let v = match rng.below(20) {
            0 => String::new(),
            1 | 2 => mutate(rng, good),
            _ => good.to_owned(),
        };
        data.push((key.to_owned(), v.into_bytes()));
    };
    field(rng, "token-id", id, 96);
    field(rng, "token-secret", secret, 96);
    const FLAGS: &[&str] = &[
        "true", "true", "true", "true", "false", "True", "true\n", "1", "",
    ];
    let flag = |rng: &mut Rng| -> &'static str { FLAGS[rng.below(FLAGS.len() as u64) as usize] };
    if rng.pct(85) {
        let f = flag(rng);
        data.push((
            "usage-bootstrap-authentication".into(),
            f.as_bytes().to_vec(),
        ));
    }
    if rng.pct(70) {
        let f = flag(rng);
        data.push(("usage-bootstrap-signing".into(), f.as_bytes().to_vec()));
    }
    if rng.pct(5) {
        let u = mutate(rng, "usage-bootstrap-signing");
        let f = flag(rng);
        data.push((u, f.as_bytes().to_vec()));
    }
    if rng.pct(60) {
        let groups = list_of(rng, 3, group_like);
        let mut g = groups.join(",");
        if rng.pct(5) {
            g.push(',');
        }
        data.push(("auth-extra-groups".into(), g.into_bytes()));
    }
    if let Some(e) = expiration(rng, now) {
        data.push(("expiration".into(), e.into_bytes()));
    }
    if rng.pct(30) {
        let d = text(rng);
        data.push(("description".into(), d.into_bytes()));
    }
    if rng.pct(1) {
        // Invalid UTF-8 in a value.
        data.push(("description".into(), vec![b'a', 0xff, 0xfe, b'b']));
    }
    let mut m = Map::new();
    for (k, v) in data {
        let enc = encode_value(rng, &v);
        m.insert(k, enc);
    }
    obj.insert("data".into(), Value::Object(m));
    Value::Object(obj)
}

/// Every PEM text with a certificate in the repo's vectors and fixtures (and the sample CA).
pub fn pem_corpus() -> &'static [String] {
    static CORPUS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    CORPUS.get_or_init(|| {
        fn walk(v: &serde_json::Value, out: &mut Vec<String>) {
            match v {
                serde_json::Value::String(s) if s.contains("-----BEGIN CERTIFICATE-----") => {
                    out.push(s.clone())
                }
                serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
                serde_json::Value::Object(o) => o.values().for_each(|x| walk(x, out)),
                _ => {}
            }
        }
        fn files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                let p = e.path();
                if p.is_dir() {
                    files(&p, out);
                } else {
                    out.push(p);
                }
            }
        }
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut paths = Vec::new();
        files(&root.join("tests/vectors"), &mut paths);
        files(&root.join("tests/fixtures"), &mut paths);
        paths.push(root.join("core/examples/sample_ca.pem"));
        paths.sort();
        let mut out = Vec::new();
        for p in paths {
            let Ok(text) = std::fs::read_to_string(&p) else {
                continue;
            };
            match p.extension().and_then(|e| e.to_str()) {
                Some("json") => {
                    if let Ok(v) = serde_json::from_str(&text) {
                        walk(&v, &mut out);
                    }
                }
                Some("pem" | "crt") if text.contains("-----BEGIN CERTIFICATE-----") => {
                    out.push(text)
                }
                _ => {}
            }
        }
        out.sort();
        out.dedup();
        out
    })
}

/// The `-----BEGIN ...-----` ... `-----END ...-----` blocks of a PEM text.
fn pem_blocks(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(b) = rest.find("-----BEGIN ") {
        let Some(e) = rest[b..].find("-----END ") else {
            break;
        };
        let Some(close) = rest[b + e + 9..].find("-----") else {
            break;
        };
        let end = b + e + 9 + close + 5;
        out.push(rest[b..end].to_owned());
        rest = &rest[end..];
    }
    out
}

/// A PEM bundle: corpus texts as they are, recombined, or damaged in PEM or DER ways.
pub fn pem_text(rng: &mut Rng) -> String {
    let corpus = pem_corpus();
    if corpus.is_empty() {
        return String::new();
    }
    let base = rng.pick(corpus).clone();
    match rng.below(12) {
        0..=2 => base,
        3 | 4 => {
            // Recombine blocks of two bundles, with separators.
            let mut blocks = pem_blocks(&base);
            blocks.extend(pem_blocks(rng.pick::<String>(corpus)));
            let n = 1 + rng.below(blocks.len().max(1) as u64) as usize;
            let mut out = String::new();
            for _ in 0..n {
                if blocks.is_empty() {
                    break;
                }
                out.push_str(rng.pick::<String>(&blocks));
                out.push_str(rng.pick::<&str>(&["\n", "\n\n", "\r\n", "", "\nsome text\n"]));
            }
            out
        }
        5 => base.replace('\n', "\r\n"),
        6 => {
            // A header in the first certificate block (client-go then skips it).
            base.replacen(
                "-----BEGIN CERTIFICATE-----\n",
                "-----BEGIN CERTIFICATE-----\nProc-Type: 4,ENCRYPTED\n\n",
                1,
            )
        }
        7 => base.replacen("BEGIN CERTIFICATE", "BEGIN TRUSTED CERTIFICATE", 1),
        8 => {
            // Flip one base64 character inside the DER of a certificate.
            let bytes: Vec<char> = base.chars().collect();
            let body_start = base.find("-----\n").map(|i| i + 6).unwrap_or(0);
            let body_end = base.find("\n-----END").unwrap_or(bytes.len());
            if body_end > body_start + 4 {
                let mut chars = bytes;
                let i = body_start + rng.below((body_end - body_start) as u64) as usize;
                if chars[i].is_ascii_alphanumeric() {
                    chars[i] = *rng.pick(&['A', 'B', 'Z', 'a', 'q', '0', '9', '+', '/']);
                }
                chars.into_iter().collect()
            } else {
                base
            }
        }
        9 => {
            // Drop one line of base64 (truncated DER).
            let mut lines: Vec<&str> = base.lines().collect();
            if lines.len() > 3 {
                let i = 1 + rng.below(lines.len() as u64 - 2) as usize;
                if !lines[i].starts_with("-----") {
                    lines.remove(i);
                }
            }
            lines.join("\n") + "\n"
        }
        10 => format!(
            "{}{}",
            rng.pick::<&str>(&[" ", "\n", "junk\n", "\u{feff}"]),
            base
        ),
        _ => mutate(rng, &base),
    }
}

/// A well-formed `sha256:<64 hex>` pin.
pub fn valid_pin_hash(rng: &mut Rng) -> String {
    const HEX: &[u8] = b"0123456789abcdef";
    let hex: String = (0..64)
        .map(|_| char::from(HEX[rng.below(16) as usize]))
        .collect();
    format!("sha256:{hex}")
}

/// `sha256:<64 hex>` pins and near misses.
pub fn pin_hash(rng: &mut Rng) -> String {
    let h = valid_pin_hash(rng);
    let hex = h["sha256:".len()..].to_owned();
    match rng.below(10) {
        0..=4 => h,
        5 => h.to_uppercase(),
        6 => format!("SHA256:{hex}"),
        7 => hex,
        8 => format!("sha1:{}", &hex[..40]),
        _ => mutate(rng, &h),
    }
}

/// A kubeconfig (JSON or YAML text) with a cluster CA from the PEM corpus, for
/// kubeadm's join command: unnamed or named clusters, broken contexts, odd servers.
pub fn kubeconfig_text(rng: &mut Rng) -> String {
    use base64::Engine as _;
    use serde_json::json;
    let pem = pem_text(rng);
    let server = match rng.below(14) {
        0 => "https://[fd00::10]:6443".to_owned(),
        1 => "https://cp.example.com:6443/prefix".to_owned(),
        2 => "http://10.0.0.1:8080".to_owned(),
        3 => "https://https://10.0.0.1:6443".to_owned(),
        4 => String::new(),
        5 => (*rng.pick(&[
            "https://a&b:6443",
            "https://a<b>:6443",
            "https://h'q\":6443",
            "https://h+1:6443",
            "https://h 1:6443",
            "https://h\t1:6443",
            "https://ünï.example:6443",
        ]))
        .to_owned(),
        6 => mutate(rng, "https://10.0.0.10:6443"),
        _ => format!(
            "https://10.{}.{}.{}:{}",
            rng.below(256),
            rng.below(256),
            rng.below(256),
            *rng.pick(&[6443, 443, 8443])
        ),
    };
    let mut cluster = json!({"server": server});
    match rng.below(20) {
        0 => cluster["certificate-authority"] = json!("/nonexistent/ca.crt"),
        1 => {}
        2 => cluster["certificate-authority-data"] = json!("not base64!"),
        _ => {
            cluster["certificate-authority-data"] =
                json!(base64::engine::general_purpose::STANDARD.encode(pem.as_bytes()))
        }
    }
    let name = if rng.pct(15) { "" } else { "kubernetes" };
    let mut clusters = vec![json!({"name": name, "cluster": cluster})];
    if rng.pct(20) {
        clusters.push(json!({"name": "other", "cluster": {"server": "https://other:6443",
            "certificate-authority-data": base64::engine::general_purpose::STANDARD.encode(pem_text(rng).as_bytes())}}));
    }
    let ctx_cluster = match rng.below(10) {
        0 => "missing",
        1 => "other",
        _ => name,
    };
    let current = match rng.below(10) {
        0 => "",
        1 => "nope",
        _ => "admin@kubernetes",
    };
    let cfg = json!({
        "apiVersion": "v1",
        "kind": "Config",
        "clusters": clusters,
        "contexts": [{"name": "admin@kubernetes", "context": {"cluster": ctx_cluster, "user": "admin"}}],
        "current-context": current,
        "users": [{"name": "admin", "user": {"token": "redacted"}}],
    });
    cfg.to_string()
}

/// A description as bytes, built from fragments of every class the YAML emitter and the
/// tabwriter treat specially: plain words, unicode (BMP and astral), quotes, `#`, `: `,
/// leading/trailing spaces, tabs, newlines, long runs (folding at 80 columns), YAML 1.1
/// booleans, numbers, nulls and timestamps, indicators, line separators (U+2028, U+2029,
/// NEL), control characters (C0, DEL, C1, U+FEFF, U+FFFE) and bytes outside UTF-8
/// (0xff is text/tabwriter's escape).
pub fn description_bytes(rng: &mut Rng) -> Vec<u8> {
    const WORDS: &[&str] = &[
        "token",
        "for",
        "worker",
        "nodes",
        "a",
        "bb",
        "ccc",
        "dddddddddd",
        "ünïcödé",
        "✓",
        "日本語",
        "ノード用",
        "😀",
        "'",
        "''",
        "\"",
        "#",
        "# c",
        "x#y",
        ":",
        ": ",
        "a:b",
        "key:",
        "-",
        "- x",
        "?",
        "? x",
        "!",
        "&a",
        "*a",
        "|",
        ">",
        "%",
        "@",
        "`",
        "[",
        "]",
        "{",
        "}",
        ",",
        "<<",
        "---",
        "...",
        "~",
        "null",
        "Null",
        "NULL",
        "true",
        "True",
        "yes",
        "Y",
        "y",
        "n",
        "N",
        "no",
        "on",
        "Off",
        "OFF",
        "false",
        "123",
        "-1",
        "+1",
        "0x1F",
        "0o17",
        "0b101",
        "017",
        "09",
        "1_000",
        "0b+1",
        "0b-1",
        ".1_5",
        "1_",
        "1__0",
        "+_1",
        "1.5",
        ".5",
        "-.5e3",
        "1e5",
        "1e999",
        "1.",
        ".inf",
        "-.Inf",
        ".NaN",
        "1:20",
        "190:20:30.15",
        "2025-01-02",
        "2025-1-2",
        "2025-01-02T03:04:05Z",
        "2025-01-02 03:04:05",
        "2025-02-30",
        "2025-01-02t03:04:05.5+02:00",
        "\\",
        "\\n",
        "<b>&amp;",
        "\u{a0}",
        "é",
    ];
    const SPECIAL: &[&[u8]] = &[
        b" ",
        b"  ",
        b"\t",
        b"\n",
        b"\n\n",
        b"\r",
        b"\r\n",
        b"\x0c",
        b"\x0b",
        b"\x00",
        b"\x07",
        b"\x1b",
        b"\x7f",
        "\u{80}".as_bytes(),
        "\u{85}".as_bytes(),
        "\u{9f}".as_bytes(),
        "\u{2028}".as_bytes(),
        "\u{2029}".as_bytes(),
        "\u{feff}".as_bytes(),
        "\u{fffe}".as_bytes(),
        "\u{fffd}".as_bytes(),
        b"\xff",
        b"\xfe",
        b"\xe9",
        b"\xe3\x81",
        b"\xed\xa0\x80",
        b"\xff\t\xff",
        b"\xffx\tx",
    ];
    let mut out = Vec::new();
    let parts = match rng.below(10) {
        0..=3 => rng.range(1, 3),
        4..=7 => rng.range(3, 12),
        _ => rng.range(12, 60),
    };
    let special_pct = *rng.pick(&[0, 5, 15, 40]);
    for i in 0..parts {
        if i > 0 {
            match rng.below(20) {
                0 => {}
                1 => out.extend_from_slice(b"  "),
                2 => out.push(b'\n'),
                _ => out.push(b' '),
            }
        }
        if rng.pct(special_pct) {
            let sp: &[u8] = rng.pick::<&[u8]>(SPECIAL);
            out.extend_from_slice(sp);
        } else {
            out.extend_from_slice(rng.pick(WORDS).as_bytes());
        }
    }
    if rng.pct(5) {
        out.insert(0, b' ');
    }
    if rng.pct(5) {
        out.push(*rng.pick(b" \n"));
    }
    out
}

/// A Secret manifest for `token list`: mostly one kubeadm/karmada/k3s would list, with a
/// generated description; sometimes odd usages, groups, expirations or a broken Secret.
pub fn list_secret(rng: &mut Rng, now: i64) -> serde_json::Value {
    use serde_json::{Map, Value, json};
    let token = valid_token(rng);
    if rng.pct(4) {
        return secret_manifest(rng, &token, now);
    }
    let (id, secret) = token.split_once('.').unwrap_or((&token, ""));
    let mut data: Vec<(String, Vec<u8>)> = vec![
        ("token-id".into(), id.as_bytes().to_vec()),
        ("token-secret".into(), secret.as_bytes().to_vec()),
    ];
    for u in ["authentication", "signing"] {
        if rng.pct(70) {
            data.push((format!("usage-bootstrap-{u}"), b"true".to_vec()));
        }
    }
    if rng.pct(5) {
        // A usage key with any text (BootstrapTokenFromSecret takes every suffix).
        let d = String::from_utf8_lossy(&description_bytes(rng)).into_owned();
        data.push((format!("usage-bootstrap-{d}"), b"true".to_vec()));
    }
    if rng.pct(50) {
        let g: Vec<String> = (0..rng.range(1, 3))
            .map(|_| {
                if rng.pct(10) {
                    let n = rng.range(40, 120) as usize;
                    format!("system:bootstrappers:{}", alnum(rng, n))
                } else {
                    "system:bootstrappers:kubeadm:default-node-token".to_owned()
                }
            })
            .collect();
        data.push(("auth-extra-groups".into(), g.join(",").into_bytes()));
    }
    if rng.pct(50) {
        let delta = rng.range(-400 * 86400, 400 * 86400);
        data.push(("expiration".into(), time_at(rng, now + delta).into_bytes()));
    }
    if rng.pct(90) {
        data.push(("description".into(), description_bytes(rng)));
    }
    let mut m = Map::new();
    for (k, v) in data {
        m.insert(k, json!(b64(&v)));
    }
    let mut meta = Map::new();
    meta.insert("name".into(), json!(format!("bootstrap-token-{id}")));
    if rng.pct(90) {
        meta.insert("namespace".into(), json!("kube-system"));
    }
    json!({
        "apiVersion": "v1",
        "kind": "Secret",
        "metadata": Value::Object(meta),
        "type": "bootstrap.kubernetes.io/token",
        "data": Value::Object(m),
    })
}

/// A plain YAML scalar of the kinds go-yaml v2 resolves (booleans in every casing, null,
/// integers in each base with signs and underscores, floats, infinities, timestamps), a
/// word, or one of those mutated; sometimes quoted or tagged. For reading a YAML value
/// the way sigs.k8s.io/yaml does.
pub fn yaml_scalar(rng: &mut Rng) -> String {
    const WORDS: &[&str] = &[
        "y",
        "Y",
        "n",
        "N",
        "yes",
        "Yes",
        "YES",
        "yEs",
        "no",
        "No",
        "NO",
        "nO",
        "on",
        "On",
        "ON",
        "oN",
        "off",
        "Off",
        "OFF",
        "oFf",
        "true",
        "True",
        "TRUE",
        "truE",
        "tRUE",
        "false",
        "False",
        "FALSE",
        "fAlse",
        "null",
        "Null",
        "NULL",
        "nUll",
        "~",
        "0",
        "-0",
        "+0",
        "00",
        "007",
        "08",
        "0o17",
        "0O17",
        "0x1F",
        "0X1f",
        "-0x1F",
        "0b101",
        "+0b1",
        "1_000",
        "0x_1",
        "1__0",
        "_1",
        "1_",
        "12e3",
        "1e999",
        "-1e400",
        "1.5",
        ".5",
        "5.",
        "-.5",
        "+1.5e-3",
        "1.5E+3",
        ".inf",
        "-.Inf",
        "+.INF",
        ".nan",
        ".NaN",
        "inf",
        "nan",
        "9223372036854775807",
        "9223372036854775808",
        "-9223372036854775808",
        "-9223372036854775809",
        "18446744073709551616",
        "2001-12-14",
        "2001-12-14t21:59:43.10-05:00",
        "2001-12-14 21:59:43.10 -5",
        "12:30:45",
        "1:20",
        "190:20:30",
        "0.",
        "1e",
        "e1",
        "0x",
        "=",
        "<<",
        "abc",
        "a b",
        "0,1",
        "1,000",
    ];
    let w = *rng.pick(WORDS);
    let w = if rng.pct(20) {
        mutate(rng, w)
    } else {
        w.to_owned()
    };
    // A mutation can make text that is no plain scalar at all; quote it then.
    let plain_safe = !w.is_empty()
        && w.chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-._~:= ".contains(c))
        && !w.starts_with([' ', '-', ':', '='])
        && !w.ends_with([' ', ':'])
        && !w.contains(": ")
        && !w.contains(" #");
    // A line break inside quotes continues on an indented line: go-yaml also reads an
    // unindented one, which the YAML spec (and our reader) refuses (docs/differences.md).
    let quoted = |w: &str| {
        format!(
            "'{}'",
            w.replace('\'', "''").replace(['\r', '\n'], "\n    ")
        )
    };
    match rng.below(10) {
        0 => quoted(&w),
        1 => serde_json::to_string(&w).unwrap_or_default(),
        2 => format!("!!str {}", serde_json::to_string(&w).unwrap_or_default()),
        _ if plain_safe => w,
        _ => quoted(&w),
    }
}
