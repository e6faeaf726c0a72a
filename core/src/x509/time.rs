//! X.509 validity times: `UTCTime` and `GeneralizedTime` as Go's `encoding/asn1` reads
//! them, in Unix nanoseconds.

use std::ops::Range;

use super::der::{Der, GENERALIZED_TIME, UTC_TIME};

pub(super) fn digits(s: &[u8]) -> Option<i64> {
    if s.is_empty() || !s.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(s.iter().fold(0i64, |a, &b| a * 10 + i64::from(b - b'0')))
}

/// Unix nanoseconds of a validated civil time with a zone offset in seconds.
pub(super) fn civil(
    y: i64,
    mo: i64,
    d: i64,
    h: i64,
    mi: i64,
    s: i64,
    nanos: i64,
    offset: i64,
) -> Option<i128> {
    use crate::go::time::{days_from_civil, days_in};
    let (mo, d) = (u32::try_from(mo).ok()?, u32::try_from(d).ok()?);
    if !(1..=12).contains(&mo) || d < 1 || d > days_in(mo, y) || h > 23 || mi > 59 || s > 59 {
        return None;
    }
    let secs = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s - offset;
    Some(i128::from(secs) * 1_000_000_000 + i128::from(nanos))
}

/// The zone suffix Go's `Z0700` layout accepts and re-serialises identically: `Z`, or
/// `±hhmm` with a non-zero offset.
pub(super) fn zone(z: &[u8]) -> Option<i64> {
    match z {
        b"Z" => Some(0),
        [sign @ (b'+' | b'-'), hm @ ..] if hm.len() == 4 => {
            let h = digits(hm.get(..2)?)?;
            let m = digits(hm.get(2..)?)?;
            // Go's time.Parse rejects hours > 24 / minutes > 59 in offsets; "+0000" would
            // re-serialise as "Z", failing cryptobyte's round-trip check.
            if h > 24 || m > 59 || (h == 0 && m == 0) {
                return None;
            }
            let off = h * 3600 + m * 60;
            Some(if *sign == b'-' { -off } else { off })
        }
        _ => None,
    }
}

/// cryptobyte `ReadASN1UTCTime`: `YYMMDDHHMM[SS](Z|±hhmm)`, years 50–99 → 19xx.
pub(super) fn utc_time(c: &[u8]) -> Option<i128> {
    let n = |r: Range<usize>| c.get(r).and_then(digits);
    let (secs, zone_at) = match c.get(10) {
        Some(b'0'..=b'9') => (n(10..12)?, 12),
        _ => (0, 10),
    };
    let off = zone(c.get(zone_at..)?)?;
    let yy = n(0..2)?;
    let y = if yy >= 50 { 1900 + yy } else { 2000 + yy };
    civil(y, n(2..4)?, n(4..6)?, n(6..8)?, n(8..10)?, secs, 0, off)
}

/// cryptobyte `ReadASN1GeneralizedTime`: `YYYYMMDDHHMMSS[.fff](Z|±hhmm)`, the fraction
/// without trailing zeros (Go's round-trip check).
pub(super) fn generalized_time(c: &[u8]) -> Option<i128> {
    let n = |r: Range<usize>| c.get(r).and_then(digits);
    let mut at = 14;
    let mut nanos = 0i64;
    if c.get(14) == Some(&b'.') {
        let frac_len = c
            .get(15..)?
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        if frac_len == 0 || frac_len > 9 {
            return None;
        }
        let frac = c.get(15..15 + frac_len)?;
        if frac.last() == Some(&b'0') {
            return None;
        }
        nanos = digits(frac)? * 10i64.pow(u32::try_from(9 - frac_len).ok()?);
        at = 15 + frac_len;
    }
    let off = zone(c.get(at..)?)?;
    civil(
        n(0..4)?,
        n(4..6)?,
        n(6..8)?,
        n(8..10)?,
        n(10..12)?,
        n(12..14)?,
        nanos,
        off,
    )
}

pub(super) fn read_time(d: &mut Der<'_>) -> Option<i128> {
    let t = d.read_any()?;
    match t.tag {
        UTC_TIME => utc_time(t.content),
        GENERALIZED_TIME => generalized_time(t.content),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times() {
        assert_eq!(utc_time(b"700101000000Z"), Some(0));
        assert_eq!(utc_time(b"491231235959Z"), Some(2524607999 * 1_000_000_000));
        assert_eq!(utc_time(b"7001010000Z"), Some(0));
        assert_eq!(utc_time(b"700101000000+0100"), Some(-3600 * 1_000_000_000));
        assert_eq!(utc_time(b"700101000000+0000"), None);
        assert_eq!(utc_time(b"700231000000Z"), None);
        assert_eq!(generalized_time(b"19700101000000Z"), Some(0));
        assert_eq!(generalized_time(b"19700101000000.5Z"), Some(500_000_000));
        assert_eq!(generalized_time(b"19700101000000.50Z"), None);
        assert_eq!(
            generalized_time(b"99991231235959Z"),
            Some(253402300799 * 1_000_000_000)
        );
    }
}
