//! Go `time.Duration`: parsing (`time.ParseDuration`), printing (`Duration.String`,
//! e.g. `24h0m0s`) and apimachinery's `ShortHumanDuration` (the `token list` TTL column).

use std::fmt;

use crate::error::{Error, Result};
use crate::redact::describe_time_value as shown;

/// A signed span of nanoseconds, like Go's `time.Duration` (±292 years).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Duration(i64);

const NS: u64 = 1;
const US: u64 = 1_000;
const MS: u64 = 1_000_000;
const SEC: u64 = 1_000_000_000;
const MIN: u64 = 60 * SEC;
const HOUR: u64 = 60 * MIN;

impl Duration {
    /// Zero.
    pub const ZERO: Duration = Duration(0);
    /// kubeadm's default token TTL, 24h.
    pub const DEFAULT_TTL: Duration = Duration(24 * HOUR as i64);

    /// From nanoseconds.
    pub const fn from_nanos(n: i64) -> Self {
        Duration(n)
    }
    /// From whole seconds (saturating).
    pub const fn from_secs(s: i64) -> Self {
        Duration(s.saturating_mul(SEC as i64))
    }
    /// From milliseconds (saturating).
    pub const fn from_millis(ms: i64) -> Self {
        Duration(ms.saturating_mul(MS as i64))
    }
    /// Nanoseconds.
    pub const fn as_nanos(self) -> i64 {
        self.0
    }
    /// Whole seconds, truncated toward zero (Go `int(d.Seconds())`).
    pub const fn as_secs(self) -> i64 {
        self.0 / SEC as i64
    }
    /// Whole milliseconds, truncated toward zero.
    pub const fn as_millis(self) -> i64 {
        self.0 / MS as i64
    }
    /// True for a positive span.
    pub const fn is_positive(self) -> bool {
        self.0 > 0
    }

    /// `time.ParseDuration`: `[-+]?([0-9]*(\.[0-9]*)?[a-z]+)+`, or `0`. Units `ns`, `us`,
    /// `µs`, `μs`, `ms`, `s`, `m`, `h`. Overflow is an error.
    ///
    /// Strings over [`crate::limits::MAX_DURATION_BYTES`] are `input_too_large` (Go has
    /// no cap).
    pub fn parse_go(s: &str) -> Result<Self> {
        crate::limits::check_bytes("duration", s.len(), crate::limits::MAX_DURATION_BYTES)?;
        let orig = s;
        let invalid = || Error::InvalidDuration(format!("time: invalid duration {}", shown(orig)));
        let mut s = s;
        let mut neg = false;
        if let Some(r) = s.strip_prefix('-') {
            neg = true;
            s = r;
        } else if let Some(r) = s.strip_prefix('+') {
            s = r;
        }
        if s == "0" {
            return Ok(Duration(0));
        }
        if s.is_empty() {
            return Err(invalid());
        }
        let mut d: u64 = 0;
        while !s.is_empty() {
            if !s.starts_with(|c: char| c == '.' || c.is_ascii_digit()) {
                return Err(invalid());
            }
            let pl = s.len();
            let (mut v, rest) = leading_int(s).ok_or_else(invalid)?;
            s = rest;
            let pre = pl != s.len();
            let mut post = false;
            let (mut f, mut scale) = (0u64, 1f64);
            if let Some(rest) = s.strip_prefix('.') {
                s = rest;
                let pl = s.len();
                let (ff, sc, rest) = leading_fraction(s);
                f = ff;
                scale = sc;
                s = rest;
                post = pl != s.len();
            }
            if !pre && !post {
                return Err(invalid());
            }
            let ul = s
                .find(|c: char| c == '.' || c.is_ascii_digit())
                .unwrap_or(s.len());
            let u = s.get(..ul).unwrap_or("");
            if u.is_empty() {
                return Err(Error::InvalidDuration(format!(
                    "time: missing unit in duration {}",
                    shown(orig)
                )));
            }
            let unit = match u {
                "ns" => NS,
                "us" | "\u{b5}s" | "\u{3bc}s" => US,
                "ms" => MS,
                "s" => SEC,
                "m" => MIN,
                "h" => HOUR,
                _ => {
                    return Err(Error::InvalidDuration(format!(
                        "time: unknown unit {} in duration {}",
                        crate::redact::describe_piece(orig, u),
                        shown(orig)
                    )));
                }
            };
            s = s.get(ul..).unwrap_or("");
            if v > (1u64 << 63) / unit {
                return Err(invalid());
            }
            v *= unit;
            if f > 0 {
                #[allow(
                    clippy::cast_precision_loss,
                    clippy::cast_possible_truncation,
                    clippy::cast_sign_loss
                )]
                let add = (f as f64 * (unit as f64 / scale)) as u64;
                v = v.checked_add(add).ok_or_else(invalid)?;
                if v > 1u64 << 63 {
                    return Err(invalid());
                }
            }
            d = d.checked_add(v).ok_or_else(invalid)?;
            if d > 1u64 << 63 {
                return Err(invalid());
            }
        }
        if neg {
            // -(1<<63) is representable.
            return Ok(Duration(0i64.wrapping_sub_unsigned(d)));
        }
        i64::try_from(d).map(Duration).map_err(|_| invalid())
    }

    /// Go's `Duration.String()`: `24h0m0s`, `1.5s`, `300ms`, `0s`.
    pub fn to_go_string(self) -> String {
        let neg = self.0 < 0;
        let mut u = self.0.unsigned_abs();
        let mut out = String::new();
        if u < SEC {
            if u == 0 {
                return "0s".into();
            }
            let (prec, unit) = if u < US {
                (0, "ns")
            } else if u < MS {
                (3, "µs")
            } else {
                (6, "ms")
            };
            out.push_str(&fmt_frac_int(u, prec));
            out.push_str(unit);
        } else {
            let secs_part = fmt_frac_int(u % MIN, 9);
            u /= MIN;
            let mut s = format!("{secs_part}s");
            if u > 0 {
                s = format!("{}m{s}", u % 60);
                u /= 60;
                if u > 0 {
                    s = format!("{u}h{s}");
                }
            }
            out.push_str(&s);
        }
        if neg { format!("-{out}") } else { out }
    }

    /// apimachinery `duration.ShortHumanDuration`, as kubeadm's TTL column prints it.
    ///
    /// Go computes `int(d.Seconds())`, `int(d.Minutes())`, `int(d.Hours())` and
    /// `int(d.Hours()/24/365)` in `float64`; we do the same, because the rounding
    /// matters: `8760h - 1ns` has `d.Hours() == 8760.0` in Go and prints `1y`, not `364d`.
    pub fn short_human(self) -> String {
        let secs = go_float_units(self.0, SEC) as i64;
        if secs < -1 {
            return "<invalid>".into();
        }
        if secs < 0 {
            return "0s".into();
        }
        if secs < 60 {
            return format!("{secs}s");
        }
        let minutes = go_float_units(self.0, MIN) as i64;
        if minutes < 60 {
            return format!("{minutes}m");
        }
        let hours_f = go_float_units(self.0, HOUR);
        let hours = hours_f as i64;
        if hours < 24 {
            return format!("{hours}h");
        }
        if hours < 24 * 365 {
            return format!("{}d", hours / 24);
        }
        format!("{}y", (hours_f / 24.0 / 365.0) as i64)
    }
}

/// Go's `Duration.Seconds/Minutes/Hours`: `float64(d / unit) + float64(d % unit) / unit`.
#[allow(clippy::cast_precision_loss)]
fn go_float_units(d: i64, unit: u64) -> f64 {
    let unit = unit as i64;
    (d / unit) as f64 + (d % unit) as f64 / unit as f64
}

/// `v / 10^prec` with the fraction printed without trailing zeros (Go `fmtFrac`+`fmtInt`).
fn fmt_frac_int(v: u64, prec: u32) -> String {
    let p = 10u64.pow(prec);
    let int = v / p;
    let mut frac = v % p;
    if frac == 0 {
        return int.to_string();
    }
    let mut digits = prec;
    while frac.is_multiple_of(10) {
        frac /= 10;
        digits -= 1;
    }
    format!("{int}.{frac:0width$}", width = digits as usize)
}

fn leading_int(s: &str) -> Option<(u64, &str)> {
    let n = s.bytes().take_while(u8::is_ascii_digit).count();
    let mut x: u64 = 0;
    for c in s.bytes().take(n) {
        if x > (1u64 << 63) / 10 {
            return None;
        }
        x = x * 10 + u64::from(c - b'0');
        if x > 1u64 << 63 {
            return None;
        }
    }
    Some((x, s.get(n..)?))
}

fn leading_fraction(s: &str) -> (u64, f64, &str) {
    let n = s.bytes().take_while(u8::is_ascii_digit).count();
    let (mut x, mut scale, mut overflow) = (0u64, 1f64, false);
    for c in s.bytes().take(n) {
        if overflow {
            continue;
        }
        if x > ((1u64 << 63) - 1) / 10 {
            overflow = true;
            continue;
        }
        let y = x * 10 + u64::from(c - b'0');
        if y > 1u64 << 63 {
            overflow = true;
            continue;
        }
        x = y;
        scale *= 10.0;
    }
    (x, scale, s.get(n..).unwrap_or(""))
}

impl fmt::Debug for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Duration({})", self.to_go_string())
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_go_string())
    }
}

impl std::str::FromStr for Duration {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Self::parse_go(s)
    }
}

/// Serialized as [`Duration::to_go_string`] (`"1h30m0s"`), the form every result uses.
impl serde::Serialize for Duration {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_go_string())
    }
}

impl<'de> serde::Deserialize<'de> for Duration {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Duration::parse_go(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> i64 {
        Duration::parse_go(s).unwrap().as_nanos()
    }

    #[test]
    fn parse_like_go() {
        assert_eq!(p("24h0m0s"), 86_400 * 1_000_000_000);
        assert_eq!(p("1.5h"), 5_400 * 1_000_000_000);
        assert_eq!(p("300ms"), 300_000_000);
        assert_eq!(p("-1s"), -1_000_000_000);
        assert_eq!(p("0"), 0);
        assert_eq!(p("-0"), 0);
        assert_eq!(p(".5s"), 500_000_000);
        assert_eq!(p("1µs"), 1000);
        assert_eq!(p("9223372036854775807ns"), i64::MAX);
        assert_eq!(p("-9223372036854775808ns"), i64::MIN);
        for bad in [
            "",
            "1",
            "s",
            ".s",
            "1x",
            "9223372036854775808ns",
            "3000000h",
            "1s ",
            " 1s",
            "+",
        ] {
            assert_eq!(
                Duration::parse_go(bad).unwrap_err().code(),
                "invalid_duration",
                "{bad}"
            );
        }
    }

    #[test]
    fn string_like_go() {
        assert_eq!(Duration::DEFAULT_TTL.to_string(), "24h0m0s");
        assert_eq!(Duration::from_nanos(1_500_000_000).to_string(), "1.5s");
        assert_eq!(Duration::from_nanos(300_000_000).to_string(), "300ms");
        assert_eq!(Duration::from_nanos(1500).to_string(), "1.5µs");
        assert_eq!(Duration::ZERO.to_string(), "0s");
        assert_eq!(Duration::from_secs(-90).to_string(), "-1m30s");
    }

    #[test]
    fn short_human() {
        let s = |x: i64| Duration::from_nanos(x).short_human();
        assert_eq!(s(-3_000_000_000), "<invalid>");
        assert_eq!(s(-1_500_000_000), "0s");
        assert_eq!(s(86_399_000_000_000), "23h");
        assert_eq!(s(86_400_000_000_000), "1d");
        assert_eq!(s(366 * 86_400_000_000_000), "1y");
        // Go's float64 d.Hours() rounds 8760h-1ns up to 8760.0 (checked with go1.26).
        assert_eq!(s(8760 * 3_600_000_000_000 - 1), "1y");
        assert_eq!(s(8759 * 3_600_000_000_000), "364d");
    }
}
