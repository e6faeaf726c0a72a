//! Timestamps as Go's `time.Time` sees them for RFC3339.
//!
//! * Writing ([`Timestamp::to_rfc3339_utc`]): `t.UTC().Format(time.RFC3339)`: UTC, whole
//!   seconds (truncated, never rounded), literal `Z`.
//! * Reading ([`Timestamp::parse_rfc3339`]): `time.Parse(time.RFC3339, s)`, which tries the
//!   strict fast path (`parseRFC3339`, Go ≥ 1.20) and then Go's general layout parser,
//!   which is more lenient (one-digit hour, `,` before the fraction).
//! * The parsed offset is kept: [`Timestamp::to_rfc3339`] prints it the way Go's `Format`
//!   does (`Z` for a zero offset, else `±hh:mm`).

use std::fmt;

use crate::error::{Error, Result};
use crate::go::strconv::quote_time as quote;
use crate::redact::describe_time_value as shown;

/// An instant with the UTC offset it was written in.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Timestamp {
    /// Seconds since the Unix epoch (UTC).
    secs: i64,
    /// Nanoseconds within the second, `0..1_000_000_000`.
    nanos: u32,
    /// Offset from UTC in seconds (`+02:00` is 7200). Display only.
    offset: i32,
}

const NANOS_PER_SEC: i128 = 1_000_000_000;
const RFC3339_LAYOUT: &str = "2006-01-02T15:04:05Z07:00";

impl Timestamp {
    /// The instant `secs` seconds after the Unix epoch, in UTC.
    pub fn from_unix(secs: i64) -> Self {
        Timestamp {
            secs,
            nanos: 0,
            offset: 0,
        }
    }

    /// The instant with nanosecond precision, in UTC. `nanos` is normalised.
    pub fn from_unix_nanos(nanos: i128) -> Self {
        let secs = nanos.div_euclid(NANOS_PER_SEC);
        let sub = nanos.rem_euclid(NANOS_PER_SEC);
        Timestamp {
            secs: i64::try_from(secs).unwrap_or(if secs < 0 { i64::MIN } else { i64::MAX }),
            nanos: u32::try_from(sub).unwrap_or(0),
            offset: 0,
        }
    }

    /// Seconds since the Unix epoch.
    pub fn unix(&self) -> i64 {
        self.secs
    }

    /// Nanoseconds since the Unix epoch.
    pub fn unix_nanos(&self) -> i128 {
        i128::from(self.secs) * NANOS_PER_SEC + i128::from(self.nanos)
    }

    /// Sub-second nanoseconds.
    pub fn subsec_nanos(&self) -> u32 {
        self.nanos
    }

    /// The UTC offset (seconds) the timestamp was written with.
    pub fn offset_seconds(&self) -> i32 {
        self.offset
    }

    /// The same instant, in UTC.
    pub fn to_utc(self) -> Self {
        Timestamp { offset: 0, ..self }
    }

    /// `t.UTC().Format(time.RFC3339)`: `YYYY-MM-DDTHH:MM:SSZ`.
    pub fn to_rfc3339_utc(&self) -> String {
        self.to_utc().to_rfc3339()
    }

    /// `t.Format(time.RFC3339Nano)` in the timestamp's own offset: [`Timestamp::to_rfc3339`]
    /// with the fraction of a second (trailing zeros trimmed, none when zero), so that
    /// [`Timestamp::parse_rfc3339`] gives the same instant back.
    pub fn to_rfc3339_nano(&self) -> String {
        let whole = self.to_rfc3339();
        let nanos = self.subsec_nanos();
        if nanos == 0 {
            return whole;
        }
        let frac = format!(".{nanos:09}");
        let frac = frac.trim_end_matches('0');
        // The seconds field ends at index 19 (20 with a leading '-', more for years > 9999).
        match whole
            .find(['Z', '+'])
            .or_else(|| whole.rfind('-').filter(|&i| i > 10))
        {
            Some(i) => format!(
                "{}{frac}{}",
                whole.get(..i).unwrap_or(""),
                whole.get(i..).unwrap_or("")
            ),
            None => whole,
        }
    }

    /// `t.Format(time.RFC3339)` in the timestamp's own offset.
    pub fn to_rfc3339(&self) -> String {
        let local = self.secs.saturating_add(i64::from(self.offset));
        let days = local.div_euclid(86_400);
        let sod = local.rem_euclid(86_400);
        let (y, m, d) = civil_from_days(days);
        let mut out = String::with_capacity(25);
        if y < 0 {
            out.push('-');
        }
        let ya = y.unsigned_abs();
        if ya < 10_000 {
            out.push_str(&format!("{ya:04}"));
        } else {
            out.push_str(&ya.to_string());
        }
        out.push_str(&format!(
            "-{m:02}-{d:02}T{:02}:{:02}:{:02}",
            sod / 3600,
            sod % 3600 / 60,
            sod % 60
        ));
        if self.offset == 0 {
            out.push('Z');
        } else {
            let sign = if self.offset < 0 { '-' } else { '+' };
            let o = self.offset.unsigned_abs();
            out.push_str(&format!("{sign}{:02}:{:02}", o / 3600, o % 3600 / 60));
        }
        out
    }

    /// The instant written with these calendar fields (what a binding reads off a
    /// `datetime`): exactly what [`Timestamp::parse_rfc3339`] gives for the same fields
    /// written as RFC3339 text, or `None` when that text would not parse (a field out
    /// of range, an offset that is not whole minutes or not under 24h) — the caller then
    /// goes through the text to get the error.
    #[allow(clippy::too_many_arguments)]
    pub fn from_fields(
        year: i32,
        month: u32,
        day: u32,
        hour: u32,
        minute: u32,
        second: u32,
        nanos: u32,
        offset_seconds: i32,
    ) -> Option<Self> {
        let year = i64::from(year);
        let ok = (0..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in(month, year)
            && hour <= 23
            && minute <= 59
            && second <= 59
            && nanos < 1_000_000_000
            && offset_seconds % 60 == 0
            && offset_seconds.abs() < 24 * 3600;
        ok.then(|| {
            build(
                year,
                month,
                day,
                hour,
                minute,
                second,
                nanos,
                offset_seconds,
            )
        })
    }

    /// `time.Parse(time.RFC3339, s)`. The error message follows Go's wording.
    ///
    /// Strings over [`crate::limits::MAX_TIMESTAMP_BYTES`] are `input_too_large` (Go has
    /// no cap).
    pub fn parse_rfc3339(s: &str) -> Result<Self> {
        crate::limits::check_bytes("timestamp", s.len(), crate::limits::MAX_TIMESTAMP_BYTES)?;
        if let Some(t) = parse_fast(s.as_bytes()) {
            return Ok(t);
        }
        parse_general(s)
    }
}

/// `t + d` (Go `Time.Add`), saturating at the representable range; keeps the offset.
impl std::ops::Add<crate::go::duration::Duration> for Timestamp {
    type Output = Timestamp;
    fn add(self, d: crate::go::duration::Duration) -> Timestamp {
        let n = self.unix_nanos().saturating_add(i128::from(d.as_nanos()));
        Timestamp {
            offset: self.offset,
            ..Self::from_unix_nanos(n)
        }
    }
}

/// `a - b` as a Go `Duration`, saturating like Go's `Time.Sub`.
impl std::ops::Sub for Timestamp {
    type Output = crate::go::duration::Duration;
    fn sub(self, other: Timestamp) -> crate::go::duration::Duration {
        let n = self.unix_nanos() - other.unix_nanos();
        let n = n.clamp(i128::from(i64::MIN), i128::from(i64::MAX));
        crate::go::duration::Duration::from_nanos(i64::try_from(n).unwrap_or(0))
    }
}

impl fmt::Debug for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Timestamp({})", self.to_rfc3339())
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_rfc3339())
    }
}

impl std::str::FromStr for Timestamp {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Self::parse_rfc3339(s)
    }
}

impl serde::Serialize for Timestamp {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_rfc3339())
    }
}

impl<'de> serde::Deserialize<'de> for Timestamp {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Timestamp::parse_rfc3339(&s).map_err(serde::de::Error::custom)
    }
}

/// Days since 1970-01-01 → (year, month, day) in the proleptic Gregorian calendar.
pub(crate) fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// (year, month, day) → days since 1970-01-01.
pub(crate) fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn is_leap(y: i64) -> bool {
    y.rem_euclid(4) == 0 && (y.rem_euclid(100) != 0 || y.rem_euclid(400) == 0)
}

pub(crate) fn days_in(m: u32, y: i64) -> u32 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn digits(b: &[u8]) -> Option<u32> {
    if b.is_empty() || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    b.iter().try_fold(0u32, |a, &c| {
        a.checked_mul(10)?.checked_add(u32::from(c - b'0'))
    })
}

fn build(
    year: i64,
    mon: u32,
    day: u32,
    h: u32,
    mi: u32,
    s: u32,
    nanos: u32,
    off: i32,
) -> Timestamp {
    let days = days_from_civil(year, mon, day);
    let secs = days * 86_400 + i64::from(h) * 3600 + i64::from(mi) * 60 + i64::from(s);
    Timestamp {
        secs: secs - i64::from(off),
        nanos,
        offset: off,
    }
}

/// Go's `parseRFC3339` (the strict fast path).
fn parse_fast(s: &[u8]) -> Option<Timestamp> {
    if s.len() < 20 {
        return None;
    }
    let year = digits(s.get(0..4)?)?;
    let mon = digits(s.get(5..7)?)?;
    let day = digits(s.get(8..10)?)?;
    let hour = digits(s.get(11..13)?)?;
    let min = digits(s.get(14..16)?)?;
    let sec = digits(s.get(17..19)?)?;
    if s.get(4) != Some(&b'-')
        || s.get(7) != Some(&b'-')
        || s.get(10) != Some(&b'T')
        || s.get(13) != Some(&b':')
        || s.get(16) != Some(&b':')
    {
        return None;
    }
    let year = i64::from(year);
    if !(1..=12).contains(&mon)
        || day < 1
        || day > days_in(mon, year)
        || hour > 23
        || min > 59
        || sec > 59
    {
        return None;
    }
    let mut rest = s.get(19..)?;
    let mut nanos = 0u32;
    if rest.len() >= 2 && rest.first() == Some(&b'.') && rest.get(1).is_some_and(u8::is_ascii_digit)
    {
        let n = 1 + rest
            .iter()
            .skip(1)
            .take_while(|c| c.is_ascii_digit())
            .count();
        nanos = frac_nanos(rest.get(1..n)?);
        rest = rest.get(n..)?;
    }
    let off = match rest {
        [b'Z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let hh = digits(&[*h1, *h2])?;
            let mm = digits(&[*m1, *m2])?;
            if hh > 23 || mm > 59 {
                return None;
            }
            let o = i32::try_from((hh * 60 + mm) * 60).ok()?;
            if *sign == b'-' { -o } else { o }
        }
        _ => return None,
    };
    Some(build(year, mon, day, hour, min, sec, nanos, off))
}

/// Fraction digits → nanoseconds, truncating past nine digits.
fn frac_nanos(d: &[u8]) -> u32 {
    let mut n = 0u32;
    for i in 0..9 {
        n = n * 10 + d.get(i).map_or(0, |c| u32::from(c - b'0'));
    }
    n
}

fn perr(value: &str, elem_value: &str, elem: &str, msg: Option<&str>) -> Error {
    let piece = |p: &str| crate::redact::describe_piece(value, p);
    let m = match msg {
        Some(m) => format!("parsing time {}{m}", shown(value)),
        None => format!(
            "parsing time {} as {}: cannot parse {} as {}",
            shown(value),
            quote(RFC3339_LAYOUT),
            piece(elem_value),
            quote(elem)
        ),
    };
    Error::InvalidTimestamp(m)
}

/// Go `getnum(s, fixed)`: one or two leading digits.
fn getnum(s: &str, fixed: bool) -> Option<(u32, &str)> {
    let b = s.as_bytes();
    let d0 = b.first().filter(|c| c.is_ascii_digit())?;
    match b.get(1).filter(|c| c.is_ascii_digit()) {
        Some(d1) => Some((
            u32::from(d0 - b'0') * 10 + u32::from(d1 - b'0'),
            s.get(2..)?,
        )),
        None if fixed => None,
        None => Some((u32::from(d0 - b'0'), s.get(1..)?)),
    }
}

/// Go `atoi` on the four year characters: optional sign, then all digits.
fn go_atoi(s: &str) -> Option<i64> {
    let (neg, digits_part) = match s.as_bytes().first() {
        Some(b'-') => (true, s.get(1..)?),
        Some(b'+') => (false, s.get(1..)?),
        _ => (false, s),
    };
    let v = i64::from(digits(digits_part.as_bytes())?);
    Some(if neg { -v } else { v })
}

/// Go's general layout parser for `2006-01-02T15:04:05Z07:00`, used when the fast path fails.
fn parse_general(orig: &str) -> Result<Timestamp> {
    let mut v = orig;
    // 2006
    // Go: `len(value) < 4 || !isDigit(value, 0)` (so no sign), then atoi of 4 bytes.
    if v.len() < 4
        || !v.as_bytes().first().is_some_and(u8::is_ascii_digit)
        || !v.is_char_boundary(4)
    {
        return Err(perr(orig, v, "2006", None));
    }
    let year = go_atoi(v.get(..4).unwrap_or("")).ok_or_else(|| perr(orig, v, "2006", None))?;
    v = v.get(4..).unwrap_or("");
    v = lit(orig, v, "-", "-01-02T15:04:05Z07:00")?;
    let (mon, r) = getnum(v, true).ok_or_else(|| perr(orig, v, "01", None))?;
    if !(1..=12).contains(&mon) {
        return Err(perr(orig, "", "", Some(": month out of range")));
    }
    v = lit(orig, r, "-", "-02T15:04:05Z07:00")?;
    let (day, r) = getnum(v, true).ok_or_else(|| perr(orig, v, "02", None))?;
    v = lit(orig, r, "T", "T15:04:05Z07:00")?;
    let (hour, r) = getnum(v, false).ok_or_else(|| perr(orig, v, "15", None))?;
    if hour >= 24 {
        return Err(perr(orig, "", "", Some(": hour out of range")));
    }
    v = lit(orig, r, ":", ":04:05Z07:00")?;
    let (min, r) = getnum(v, true).ok_or_else(|| perr(orig, v, "04", None))?;
    if min >= 60 {
        return Err(perr(orig, "", "", Some(": minute out of range")));
    }
    v = lit(orig, r, ":", ":05Z07:00")?;
    let (sec, r) = getnum(v, true).ok_or_else(|| perr(orig, v, "05", None))?;
    if sec >= 60 {
        return Err(perr(orig, "", "", Some(": second out of range")));
    }
    v = r;
    let mut nanos = 0;
    let vb = v.as_bytes();
    if vb.len() >= 2
        && matches!(vb.first(), Some(b'.' | b','))
        && vb.get(1).is_some_and(u8::is_ascii_digit)
    {
        let n = 1 + vb.iter().skip(1).take_while(|c| c.is_ascii_digit()).count();
        nanos = frac_nanos(vb.get(1..n).unwrap_or(&[]));
        v = v.get(n..).unwrap_or("");
    }
    // Z07:00
    let off: i32;
    if v.starts_with('Z') {
        off = 0;
        v = v.get(1..).unwrap_or("");
    } else {
        let vb = v.as_bytes();
        if vb.len() < 6 || vb.get(3) != Some(&b':') || !matches!(vb.first(), Some(b'+' | b'-')) {
            return Err(perr(orig, v, "Z07:00", None));
        }
        let hh = getnum(v.get(1..3).unwrap_or(""), true).map(|x| x.0);
        let mm = getnum(v.get(4..6).unwrap_or(""), true).map(|x| x.0);
        let (Some(hh), Some(mm)) = (hh, mm) else {
            return Err(perr(orig, v, "Z07:00", None));
        };
        if hh > 24 {
            return Err(perr(
                orig,
                "",
                "",
                Some(": time zone offset hour out of range"),
            ));
        }
        if mm > 60 {
            return Err(perr(
                orig,
                "",
                "",
                Some(": time zone offset minute out of range"),
            ));
        }
        let o = i32::try_from((hh * 60 + mm) * 60).unwrap_or(0);
        off = if vb.first() == Some(&b'-') { -o } else { o };
        v = v.get(6..).unwrap_or("");
    }
    if !v.is_empty() {
        return Err(perr(
            orig,
            "",
            "",
            Some(&format!(
                ": extra text: {}",
                crate::redact::describe_piece(orig, v)
            )),
        ));
    }
    if day < 1 || day > days_in(mon, year) {
        return Err(perr(orig, "", "", Some(": day out of range")));
    }
    Ok(build(year, mon, day, hour, min, sec, nanos, off))
}

fn lit<'a>(orig: &str, v: &'a str, l: &str, rest_layout: &str) -> Result<&'a str> {
    // Go reports the literal chunk itself as the layout element (`as "-"`).
    let _ = rest_layout;
    v.strip_prefix(l).ok_or_else(|| perr(orig, v, l, None))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn from_fields_is_the_parse_of_the_same_fields() {
        let cases = [
            ((2024, 5, 1, 12, 0, 0, 0, 0), "2024-05-01T12:00:00Z"),
            (
                (2024, 2, 29, 23, 59, 59, 123_456_000, 19_800),
                "2024-02-29T23:59:59.123456+05:30",
            ),
            ((1, 1, 1, 0, 0, 0, 0, -86_340), "0001-01-01T00:00:00-23:59"),
            (
                (9999, 12, 31, 23, 59, 59, 999_999_000, 0),
                "9999-12-31T23:59:59.999999Z",
            ),
        ];
        for ((y, mo, d, h, mi, s, n, off), text) in cases {
            let t = Timestamp::from_fields(y, mo, d, h, mi, s, n, off).unwrap();
            let p = Timestamp::parse_rfc3339(text).unwrap();
            assert_eq!(
                (t.unix_nanos(), t.offset_seconds()),
                (p.unix_nanos(), p.offset_seconds())
            );
        }
        // Whatever RFC3339 text cannot say is left to the text path (and its error).
        assert!(Timestamp::from_fields(2023, 2, 29, 0, 0, 0, 0, 0).is_none());
        assert!(Timestamp::from_fields(2024, 1, 1, 0, 0, 0, 0, 30).is_none());
        assert!(Timestamp::from_fields(2024, 1, 1, 0, 0, 0, 0, 86_400).is_none());
        assert!(Timestamp::from_fields(10_000, 1, 1, 0, 0, 0, 0, 0).is_none());
    }

    #[test]
    fn rfc3339_nano_round_trips() {
        for t in [
            "2025-01-01T00:00:00Z",
            "2025-01-01T00:00:00.5Z",
            "2025-01-01T00:00:00.123456789+05:30",
            "2025-01-01T00:00:00.000001-08:00",
        ] {
            let ts = Timestamp::parse_rfc3339(t).unwrap();
            assert_eq!(ts.to_rfc3339_nano(), t);
            assert_eq!(Timestamp::parse_rfc3339(&ts.to_rfc3339_nano()).unwrap(), ts);
        }
    }

    #[test]
    fn arithmetic_saturates_at_the_extremes() {
        use crate::go::duration::Duration;
        let (max, min) = (
            Duration::from_nanos(i64::MAX),
            Duration::from_nanos(i64::MIN),
        );
        let top = Timestamp::from_unix(i64::MAX);
        let bottom = Timestamp::from_unix(i64::MIN);
        // Add saturates at the representable range (debug builds would panic on overflow).
        assert_eq!((top + max).unix(), i64::MAX);
        assert_eq!((bottom + min).unix(), i64::MIN);
        assert_eq!(Timestamp::from_unix_nanos(i128::MAX).unix(), i64::MAX);
        assert_eq!(Timestamp::from_unix_nanos(i128::MIN).unix(), i64::MIN);
        // Sub saturates like Go's Time.Sub.
        assert_eq!(top - bottom, max);
        assert_eq!(bottom - top, min);
        // Formatting any of them does not panic and keeps the year sign.
        for t in [top, bottom, top + max, bottom + min] {
            let s = t.to_rfc3339_utc();
            assert!(s.ends_with('Z'), "{s}");
            assert_eq!(s.starts_with('-'), t.unix() < 0, "{s}");
        }
        // An offset at the edge does not overflow either.
        let t = Timestamp::parse_rfc3339("2025-01-01T00:00:00+23:59").unwrap();
        assert!(
            Timestamp {
                secs: i64::MAX,
                ..t
            }
            .to_rfc3339()
            .ends_with("+23:59")
        );
    }

    #[test]
    fn round_trips() {
        let t = Timestamp::parse_rfc3339("1970-01-01T01:01:01Z").unwrap();
        assert_eq!(t.unix(), 3661);
        assert_eq!(t.to_rfc3339_utc(), "1970-01-01T01:01:01Z");
        let t = Timestamp::parse_rfc3339("2024-02-29T23:59:59.999999999+02:00").unwrap();
        assert_eq!(t.to_rfc3339(), "2024-02-29T23:59:59+02:00");
        assert_eq!(t.to_rfc3339_utc(), "2024-02-29T21:59:59Z");
        let t = Timestamp::parse_rfc3339("2024-01-01T00:00:00-00:00").unwrap();
        assert_eq!(t.to_rfc3339(), "2024-01-01T00:00:00Z");
    }

    #[test]
    fn go_leniency_and_rejections() {
        assert!(Timestamp::parse_rfc3339("2024-01-01T1:00:00Z").is_ok());
        assert!(Timestamp::parse_rfc3339("2024-01-01T10:00:00,5Z").is_ok());
        for bad in [
            "invalid date",
            "2024-01-01t10:00:00Z",
            "2024-01-01T10:00:00z",
            "2024-01-01 10:00:00Z",
            "2024-01-01T10:00:00",
            "2023-02-29T10:00:00Z",
            "2024-01-01T10:00:60Z",
            "2024-01-01T10:00:00Z\n",
        ] {
            assert_eq!(
                Timestamp::parse_rfc3339(bad).unwrap_err().code(),
                "invalid_timestamp",
                "{bad}"
            );
        }
        assert_eq!(
            Timestamp::parse_rfc3339("invalid date")
                .unwrap_err()
                .to_string(),
            "parsing time \"invalid date\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"invalid date\" as \"2006\""
        );
    }
}
