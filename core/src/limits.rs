//! Every input cap of the crate, in one place (the table in `docs/api.md`, "Limits").
//!
//! Caps are checked **before** the work they bound and refused with
//! [`Error::InputTooLarge`] (`input_too_large`), whose message names the input and the
//! limit and never quotes the input. Every door (Rust, Python, Node, the JSON façade)
//! goes through these checks, so the same input is refused the same way everywhere.

use crate::error::{Error, Result};

/// Bytes of one token-option string: `token`, `flavour`, `description`, and each
/// `usages`/`groups` string (a comma-separated list counts as one string).
pub const MAX_OPTION_BYTES: usize = 64 << 10;

/// Bytes of a duration string (`ttl`, `parse_duration`, ...). Go's parser has no cap;
/// no real duration comes near this.
pub const MAX_DURATION_BYTES: usize = 256;

/// Bytes of an RFC3339 timestamp string (`expires`, `now`, ...). Go's parser has no cap
/// (it accepts any number of fraction digits); no real timestamp comes near this.
pub const MAX_TIMESTAMP_BYTES: usize = 256;

/// Number of `usages` or `groups` entries in one set of token options.
pub const MAX_OPTION_ITEMS: usize = 1024;

/// [`Error::InputTooLarge`] when `len` bytes exceed `limit`.
pub fn check_bytes(what: &'static str, len: usize, limit: usize) -> Result<()> {
    if len > limit {
        Err(Error::InputTooLarge { what, limit })
    } else {
        Ok(())
    }
}
