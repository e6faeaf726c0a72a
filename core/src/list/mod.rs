//! `token list` and `token delete` as the CLIs do them, without the cluster:
//! kubeadm (text/JSON/YAML), karmadactl (kubectl table), k3s and rke2 (text/JSON/YAML).
//!
//! Upstream: KK `cmd/kubeadm/app/cmd/token.go` (`RunListTokens`, `tokenTextPrinter`,
//! `RunDeleteTokens`), kubectl `printers.JSONPrinter`/`YAMLPrinter`/`TablePrinter`,
//! KM `pkg/karmadactl/token/token.go`, k3s `pkg/cli/token/token.go`.
//!
//! Which Secrets are listed: like upstream's field selector
//! `type=bootstrap.kubernetes.io/token` in `kube-system`, Secrets of another type or in
//! another namespace are skipped silently (an empty namespace counts as `kube-system`).
//! Each remaining Secret is decoded with [`TokenSpec::from_secret`]
//! (`BootstrapTokenFromSecret`); a Secret that fails to decode is reported in
//! [`Listing::errors`] (messages never contain a token secret) and skipped, the rest
//! still lists.
//!
//! Deliberate differences from upstream (all in the k3s/rke2 flavour unless noted):
//! * k3s prints a bad Secret's error to stdout without a newline and then panics in text
//!   mode (or writes `null` in JSON); we skip it and report it in `errors`.
//! * k3s JSON prints `"token":{}` (its copied `BootstrapTokenString` has only `json:"-"`
//!   fields); we print `"token":{"id":"<id>"}` — the same object shape, with the ID
//!   the text output shows, never the secret.
//! * k3s YAML (yaml.v2 of Go structs) prints the token secret; our k3s YAML is a YAML
//!   sequence of the JSON objects above (same keys, same order).
//! * YAML scalars (kubeadm and k3s): plain, single- or double-quoted following yaml.v2's
//!   rules for ordinary values; we never fold long lines at 80 columns and we write
//!   multi-line strings double-quoted (yaml.v2 would fold / use `|-`). The value read
//!   back is always the same.
//! * karmadactl has no `-o`: json/yaml with the karmada flavour is `unsupported`.

mod print;

use std::fmt;

use crate::error::{Error, Result};
use crate::go::strconv::quote;
use crate::go::time::Timestamp;
use crate::options::{Flavour, TokenSpec};
use crate::secret::{SECRET_TYPE, Secret};
use crate::token::{self, TOKEN_ID_PATTERN, TOKEN_PATTERN};

pub use print::{render, ttl_column};

/// `-o` of `token list`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum ListFormat {
    /// The table (default).
    #[default]
    Text,
    /// JSON.
    Json,
    /// YAML.
    Yaml,
}

impl ListFormat {
    /// `text`, `json` or `yaml`; anything else is `invalid_options`
    /// (`invalid output format: <v>`, k3s's wording).
    pub fn parse(s: &str) -> Result<ListFormat> {
        match s {
            "text" => Ok(ListFormat::Text),
            "json" => Ok(ListFormat::Json),
            "yaml" => Ok(ListFormat::Yaml),
            other => Err(Error::InvalidOptions(format!(
                "invalid output format: {}",
                describe_arg(other)
            ))),
        }
    }

    /// `text`, `json`, `yaml`.
    pub fn name(self) -> &'static str {
        match self {
            ListFormat::Text => "text",
            ListFormat::Json => "json",
            ListFormat::Yaml => "yaml",
        }
    }
}

/// What `token list` printed, and the Secrets it could not decode. `Debug` shows the
/// size of `output`, not its text (it holds full tokens). The result of `list_tokens`:
/// `{"output", "errors": [{"code", "message"}]}`.
#[derive(Clone, PartialEq, Eq, serde::Serialize)]
pub struct Listing {
    /// stdout, byte-identical with the CLI (for kubeadm/karmada this contains the full
    /// tokens, as the CLIs print them).
    pub output: String,
    /// One error per skipped Secret, in input order.
    pub errors: Vec<Error>,
}

impl fmt::Debug for Listing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Listing")
            .field("output", &format_args!("<{} bytes>", self.output.len()))
            .field("errors", &self.errors)
            .finish()
    }
}

/// The decoded tokens of `secrets` (after the type/namespace filter), plus the errors of
/// those that could not be decoded. Items that are already errors (e.g. a manifest that
/// failed to parse) are passed through into the errors.
pub fn decode_tokens(secrets: &[Result<Secret>]) -> (Vec<TokenSpec>, Vec<Error>) {
    let mut tokens = Vec::new();
    let mut errors = Vec::new();
    for item in secrets {
        match item {
            Err(e) => errors.push(e.clone()),
            Ok(s) => {
                if s.type_ != SECRET_TYPE || !crate::authn::in_kube_system(s) {
                    continue;
                }
                match TokenSpec::from_secret(s) {
                    Ok(t) => tokens.push(t),
                    Err(e) => errors.push(e),
                }
            }
        }
    }
    (tokens, errors)
}

/// `token list` over `secrets` at `now`, for `flavour`, in `format`.
pub fn list_tokens(
    secrets: &[Secret],
    now: Timestamp,
    format: ListFormat,
    flavour: Flavour,
) -> Result<Listing> {
    let items: Vec<Result<Secret>> = secrets.iter().cloned().map(Ok).collect();
    list_token_results(&items, now, format, flavour)
}

/// [`list_tokens`] over items that may already be errors (manifests that failed to
/// parse, as [`crate::secret::parse_secret_list`] returns them); those errors are
/// reported in [`Listing::errors`] in input order.
pub fn list_token_results(
    secrets: &[Result<Secret>],
    now: Timestamp,
    format: ListFormat,
    flavour: Flavour,
) -> Result<Listing> {
    let (tokens, errors) = decode_tokens(secrets);
    crate::limits::check_count(
        "Secret list (invalid item count)",
        errors.len(),
        crate::limits::MAX_LIST_ERRORS,
    )?;
    let output = render(&tokens, now, format, flavour)?;
    Ok(Listing { output, errors })
}

/// An argument in a message: a token ID or short word is quoted; anything that might
/// hold a secret is described without it.
fn describe_arg(s: &str) -> String {
    if s.len() <= 16 && !s.contains('.') && s.chars().all(|c| c.is_ascii_graphic()) {
        quote(s)
    } else {
        token::describe_token(s)
    }
}

/// `token delete` argument resolution: each argument (a token ID or a full token) → the
/// Secret name `bootstrap-token-<id>`, in order (duplicates kept).
///
/// Errors (`invalid_options` for no arguments, `invalid_token` for a bad one) use each
/// CLI's wording, which never echoes the argument. Unlike upstream, which deletes the
/// arguments before a bad one and then stops, we check every argument first: a bad one
/// fails the whole call. k3s's bug (it re-parses the empty `--token` flag instead of the
/// argument, so a full token always fails) is fixed: full tokens work for every flavour.
pub fn delete_token_names<S: AsRef<str>>(args: &[S], flavour: Flavour) -> Result<Vec<String>> {
    let twice_id = format!("{} or {}", quote(TOKEN_ID_PATTERN), quote(TOKEN_ID_PATTERN));
    if args.is_empty() {
        return Err(Error::InvalidOptions(match flavour {
            Flavour::Kubeadm => format!(
                "missing argument; 'token delete' is missing token of form {} or {}",
                quote(TOKEN_PATTERN),
                quote(TOKEN_ID_PATTERN)
            ),
            Flavour::Karmada => format!(
                "missing subcommand; 'token delete' is missing token of form {}",
                quote(TOKEN_ID_PATTERN)
            ),
            Flavour::K3s | Flavour::Rke2 => {
                "missing argument; 'token delete' is missing token".into()
            }
        }));
    }
    let mut names = Vec::with_capacity(args.len());
    for arg in args {
        let arg = arg.as_ref();
        let id = if token::is_valid_token_id(arg) {
            arg.to_owned()
        } else if let Ok(t) = token::BootstrapToken::parse(arg) {
            t.id().to_owned()
        } else {
            return Err(Error::InvalidToken(match flavour {
                Flavour::Kubeadm => format!(
                    "given token didn't match pattern {} or {}",
                    quote(TOKEN_PATTERN),
                    quote(TOKEN_ID_PATTERN)
                ),
                _ => format!("given token didn't match pattern {twice_id}"),
            }));
        };
        names.push(token::secret_name(&id));
    }
    Ok(names)
}

/// What the CLIs print after deleting a token: `bootstrap token "<id>" deleted\n`.
pub fn deleted_message(token_id: &str) -> String {
    format!("bootstrap token {} deleted\n", quote(token_id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use print::tests::{ts, upstream_one};

    #[test]
    fn listing_debug_hides_the_tokens() {
        let secret = upstream_one().to_secret(ts("2025-01-01T00:00:00Z"));
        let l = list_tokens(
            &[secret],
            ts("2025-01-01T00:00:00Z"),
            ListFormat::Text,
            Flavour::Kubeadm,
        )
        .unwrap();
        assert!(l.output.contains("abcdef.1234567890123456"));
        let dbg = format!("{l:?}");
        assert!(!dbg.contains("1234567890123456"), "{dbg}");
        assert!(
            dbg.contains(&format!("<{} bytes>", l.output.len())),
            "{dbg}"
        );
    }

    #[test]
    fn formats_and_flavours() {
        assert_eq!(
            ListFormat::parse("xml").unwrap_err().to_string(),
            "invalid output format: \"xml\""
        );
        assert_eq!(ListFormat::parse("yaml").unwrap(), ListFormat::Yaml);
        let e = list_tokens(
            &[],
            ts("2025-01-01T00:00:00Z"),
            ListFormat::Json,
            Flavour::Karmada,
        )
        .unwrap_err();
        assert_eq!(e.code(), "unsupported");
        // A secret never lands in a format error.
        let e = ListFormat::parse("abcdef.0123456789abcdef")
            .unwrap_err()
            .to_string();
        assert!(!e.contains("0123456789abcdef"), "{e}");
    }

    #[test]
    fn delete_names() {
        let n = delete_token_names(&["abcdef", "abcdef.0123456789abcdef"], Flavour::K3s).unwrap();
        assert_eq!(n, ["bootstrap-token-abcdef", "bootstrap-token-abcdef"]);
        for f in Flavour::ALL {
            let none: [&str; 0] = [];
            assert_eq!(
                delete_token_names(&none, f).unwrap_err().code(),
                "invalid_options"
            );
            let e = delete_token_names(&["abcdef.0123456789abcdeX"], f).unwrap_err();
            assert_eq!(e.code(), "invalid_token");
            assert!(!e.to_string().contains("0123456789abcde"), "{e}");
        }
        assert_eq!(
            delete_token_names(&["x"], Flavour::Karmada)
                .unwrap_err()
                .to_string(),
            "given token didn't match pattern \"\\\\A([a-z0-9]{6})\\\\z\" or \"\\\\A([a-z0-9]{6})\\\\z\""
        );
        assert_eq!(
            deleted_message("abcdef"),
            "bootstrap token \"abcdef\" deleted\n"
        );
    }

    #[test]
    fn listing_json() {
        let l = Listing {
            output: "TOKEN\n".into(),
            errors: vec![Error::InvalidSecret("bad".into())],
        };
        assert_eq!(
            serde_json::to_string(&l).unwrap(),
            r#"{"output":"TOKEN\n","errors":[{"code":"invalid_secret","message":"bad"}]}"#
        );
    }
}
