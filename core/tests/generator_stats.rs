//! Statistics of the token generator (`BootstrapToken::generate`, the OS random source)
//! and its failure behaviour with an injected random source.
//!
//! Chi-square goodness of fit against the uniform distribution over the 36 characters
//! (df = 35), over 1,000,000 tokens: once over all 22 characters of every token and once
//! per position (22 positions): 23 tests. For the whole test to fail by chance with
//! probability below 1e-9, each test gets 1e-9 / 23 = 4.35e-11 (Bonferroni). The
//! chi-square(35) quantile at upper tail 4.35e-11 is 119.03 (regularised upper incomplete
//! gamma Q(17.5, x/2), solved with mpmath at 40 digits); we use CRITICAL = 120, whose
//! tail is Q(17.5, 60) = 3.06e-11, so P(false failure) <= 23 * 3.06e-11 = 7.0e-10.
//! With 1,000,000 draws per position every expected count is 27,778, far inside the
//! range where the chi-square approximation of the multinomial statistic holds.
//!
//! Power: `b % 36` without the rejection of bytes >= 252 would give 4 characters
//! probability 8/256; that is a per-position statistic of about 1,950 at this sample size.
//! `a_biased_source_fails_the_test` checks that the statistic does reject a biased stream.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![allow(clippy::indexing_slicing)]

use kubetoken::{BootstrapToken, Error};

const ALPHABET: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
const TOKENS: usize = 1_000_000;
const POSITIONS: usize = 22;
const CRITICAL: f64 = 120.0;

/// Pearson's chi-square statistic of `counts` against the uniform distribution.
fn chi_square(counts: &[u64; 36]) -> f64 {
    let n: u64 = counts.iter().sum();
    let expected = n as f64 / 36.0;
    counts
        .iter()
        .map(|&c| {
            let d = c as f64 - expected;
            d * d / expected
        })
        .sum()
}

/// Counts per position (0..22 over id ‖ secret), checking alphabet and lengths on the way.
fn tally(tokens: impl Iterator<Item = BootstrapToken>) -> Vec<[u64; 36]> {
    // Character → index, 36 = not in the alphabet (a table: this loop runs 22M times
    // in the debug profile).
    let mut index = [36u8; 256];
    for (i, &c) in ALPHABET.iter().enumerate() {
        index[usize::from(c)] = i as u8;
    }
    let mut per_pos = vec![[0u64; 36]; POSITIONS];
    for (n, t) in tokens.enumerate() {
        let (id, secret) = (t.id().as_bytes(), t.secret().as_bytes());
        assert_eq!(id.len(), 6, "ID length");
        assert_eq!(secret.len(), 16, "secret length");
        if n < 1000 {
            let exposed = t.expose();
            assert!(
                kubetoken::BootstrapToken::parse(&exposed).is_ok(),
                "token shape"
            );
            assert_eq!(exposed.len(), 23, "token length");
        }
        for (counts, &c) in per_pos.iter_mut().zip(id.iter().chain(secret)) {
            let i = index[usize::from(c)];
            assert!(i < 36, "character {c:#04x} outside [a-z0-9]");
            counts[usize::from(i)] += 1;
        }
    }
    per_pos
}

/// The overall statistic and the worst per-position one.
fn statistics(per_pos: &[[u64; 36]]) -> (f64, f64) {
    let mut all = [0u64; 36];
    for p in per_pos {
        for (a, c) in all.iter_mut().zip(p) {
            *a += c;
        }
    }
    let worst = per_pos.iter().map(chi_square).fold(0.0, f64::max);
    (chi_square(&all), worst)
}

#[test]
fn generated_tokens_are_uniform_overall_and_per_position() {
    let per_pos = tally((0..TOKENS).map(|_| BootstrapToken::generate().unwrap()));
    let (overall, worst) = statistics(&per_pos);
    println!(
        "chi-square (df 35) over {TOKENS} tokens: overall {overall:.1}, worst position {worst:.1}, critical {CRITICAL}"
    );
    assert!(overall < CRITICAL, "overall chi-square {overall}");
    for (i, p) in per_pos.iter().enumerate() {
        let x = chi_square(p);
        assert!(x < CRITICAL, "position {i}: chi-square {x}");
    }
}

/// xorshift64*: a deterministic byte stream for the injected sources below.
struct Xorshift(u64);

impl Xorshift {
    fn byte(&mut self) -> u8 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 56) as u8
    }
}

#[test]
fn a_biased_source_fails_the_test() {
    // Bytes uniform over 0..=250 only: after the generator's mapping 'z' (35) gets 6/251
    // and every other character 7/251 — expected statistic ~166 per position at 300k.
    let mut rng = Xorshift(0x9e37_79b9_7f4a_7c15);
    let mut fill = |b: &mut [u8]| {
        for x in b.iter_mut() {
            *x = loop {
                let v = rng.byte();
                if v <= 250 {
                    break v;
                }
            };
        }
        Ok(())
    };
    let per_pos = tally((0..300_000).map(|_| BootstrapToken::generate_with(&mut fill).unwrap()));
    let (overall, worst) = statistics(&per_pos);
    assert!(overall > CRITICAL, "overall {overall}");
    assert!(worst > CRITICAL, "worst position {worst}");
}

#[test]
fn a_failing_source_gives_an_error_never_a_token() {
    // Fails at once.
    let mut fail = |_: &mut [u8]| Err(Error::Random("the OS random source failed".into()));
    let e = BootstrapToken::generate_with(&mut fail).unwrap_err();
    assert_eq!(e.code(), "random_failure");

    // Fills the buffer and then reports failure: the bytes must not be used.
    let mut fill_then_fail = |b: &mut [u8]| {
        b.fill(10); // every byte maps to 'a'
        Err(Error::Random("the OS random source failed".into()))
    };
    let e = BootstrapToken::generate_with(&mut fill_then_fail).unwrap_err();
    assert_eq!(e.code(), "random_failure");

    // Succeeds once with too few usable bytes (a partial token), then fails: an error,
    // not a short token, and the partial characters are not in the message.
    let mut calls = 0;
    let mut partial = |b: &mut [u8]| {
        calls += 1;
        if calls > 1 {
            return Err(Error::Random("the OS random source failed".into()));
        }
        b.fill(0xff); // rejected
        for (x, v) in b.iter_mut().zip(0u8..10) {
            *x = v + 10; // "abcdefghij"
        }
        Ok(())
    };
    let e = BootstrapToken::generate_with(&mut partial).unwrap_err();
    assert_eq!(e.code(), "random_failure");
    assert!(!e.to_string().contains("abcdefghij"), "{e}");
    assert!(!format!("{e:?}").contains("abcdefghij"), "{e:?}");

    // A source that only ever returns unusable bytes: an error, not a hang.
    let mut stuck = |b: &mut [u8]| {
        b.fill(0xfc);
        Ok(())
    };
    assert_eq!(
        BootstrapToken::generate_with(&mut stuck)
            .unwrap_err()
            .code(),
        "random_failure"
    );

    // The token options path (render_secret) takes the same source.
    let opts = kubetoken::TokenOptions::default();
    let now = kubetoken::Timestamp::parse_rfc3339("2026-01-01T00:00:00Z").unwrap();
    let e = opts.render_secret_with(now, &mut fail).unwrap_err();
    assert_eq!(e.code(), "random_failure");
    let e = opts.to_spec_with(&mut partial).unwrap_err();
    assert_eq!(e.code(), "random_failure");
}

#[test]
fn injected_source_is_used_as_given() {
    // Bytes 0..=35 map to the alphabet in order; the first 22 make the token.
    let mut next = 0u8;
    let mut fill = |b: &mut [u8]| {
        for x in b.iter_mut() {
            *x = next % 36;
            next = next.wrapping_add(1);
        }
        Ok(())
    };
    let t = BootstrapToken::generate_with(&mut fill).unwrap();
    assert_eq!(t.expose(), "012345.6789abcdefghijkl");
}
