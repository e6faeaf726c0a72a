//! The Go-compatibility floor: the parts of Go's standard library (and go-yaml) whose
//! exact behaviour upstream output and parsing depend on. Private to the crate; the
//! public types are re-exported where their concept lives ([`crate::Timestamp`],
//! [`crate::Duration`], [`crate::x509::pem`]).

pub(crate) mod base64;
pub(crate) mod duration;
pub mod pem;
pub(crate) mod strconv;
pub(crate) mod tabwriter;
pub(crate) mod time;
pub(crate) mod yaml;
#[cfg(feature = "yaml")]
pub(crate) mod yaml_resolve;
