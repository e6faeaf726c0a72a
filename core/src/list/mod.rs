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
//! * k3s YAML (yaml.v2 of Go structs) prints the token secret; our k3s YAML is go-yaml
//!   v2's output for the sequence of the JSON objects above (same keys, same order).
//! * kubeadm YAML: a token whose values hold a character the YAML reader inside
//!   `sigs.k8s.io/yaml.Marshal` refuses (U+007F–U+009F except NEL, U+FFFE, U+FFFF) makes
//!   kubeadm print `unable to print token <full token>: yaml: control characters are not
//!   allowed` and stop; we report that token in `errors` (its ID only) and list the rest.
//!
//! Everything else prints byte for byte as upstream, YAML included: the scalars are
//! written by [`crate::go::yaml`] (go-yaml v2's emitter: plain/single/double/literal
//! styles, folding at 80 columns, escapes). Descriptions are printed as stored (Go
//! strings are bytes): the text printers and the tabwriter (whose escape character is
//! byte 0xff) work on bytes, JSON writes `\ufffd` for each byte outside UTF-8, kubeadm
//! YAML shows U+FFFD (its JSON step), k3s YAML `!!binary`. [`Listing::output_bytes`] is
//! the exact output; [`Listing::output`] is the same text with each byte outside UTF-8
//! as U+FFFD (only text output of a non-UTF-8 description has any).
//! * karmadactl has no `-o`: json/yaml with the karmada flavour is `unsupported`.

mod print;

use std::fmt;

use crate::error::{Error, Result};
use crate::go::strconv::quote;
use crate::go::time::Timestamp;
use crate::options::{Flavour, TokenSpec};
use crate::secret::{KEY_DESCRIPTION, SECRET_TYPE, Secret};
use crate::token::{self, TOKEN_ID_PATTERN, TOKEN_PATTERN};

use print::{Row, check_flavour_format, go_lossy, render_rows};
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

/// What `token list` printed, and the Secrets it could not decode or print. `Debug`
/// shows the size of the output, not its text (it holds full tokens). The result of
/// `list_tokens`: `{"output", "errors": [{"code", "message"}]}` (`output_bytes` is
/// Rust-only).
#[derive(Clone, PartialEq, Eq, serde::Serialize)]
pub struct Listing {
    /// stdout as text: [`Listing::output_bytes`] where those are UTF-8, which is always
    /// the case except in text mode with a description that is not UTF-8; then each byte
    /// outside valid UTF-8 becomes U+FFFD (after the columns were laid out on the bytes).
    /// For kubeadm/karmada this contains the full tokens, as the CLIs print them.
    pub output: String,
    /// stdout byte for byte as the CLI writes it (Go strings are bytes).
    #[serde(skip)]
    pub output_bytes: Vec<u8>,
    /// One error per skipped Secret, in input order.
    pub errors: Vec<Error>,
}

impl fmt::Debug for Listing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Listing")
            .field(
                "output",
                &format_args!("<{} bytes>", self.output_bytes.len()),
            )
            .field("errors", &self.errors)
            .finish()
    }
}

/// The decoded tokens with their index in `secrets` and their description as stored
/// (bytes), plus the errors with their index.
type Decoded = (Vec<(usize, TokenSpec, Vec<u8>)>, Vec<(usize, Error)>);

fn decode_rows(secrets: &[Result<Secret>]) -> Decoded {
    let mut tokens = Vec::new();
    let mut errors = Vec::new();
    for (i, item) in secrets.iter().enumerate() {
        match item {
            Err(e) => errors.push((i, e.clone())),
            Ok(s) => {
                if s.type_ != SECRET_TYPE || !crate::authn::in_kube_system(s) {
                    continue;
                }
                match TokenSpec::from_secret(s) {
                    Ok(t) => {
                        let raw = s.get_bytes(KEY_DESCRIPTION).unwrap_or_default().to_vec();
                        tokens.push((i, t, raw));
                    }
                    Err(e) => errors.push((i, e)),
                }
            }
        }
    }
    (tokens, errors)
}

/// The decoded tokens of `secrets` (after the type/namespace filter), plus the errors of
/// those that could not be decoded. Items that are already errors (e.g. a manifest that
/// failed to parse) are passed through into the errors.
pub fn decode_tokens(secrets: &[Result<Secret>]) -> (Vec<TokenSpec>, Vec<Error>) {
    let (tokens, errors) = decode_rows(secrets);
    (
        tokens.into_iter().map(|(_, t, _)| t).collect(),
        errors.into_iter().map(|(_, e)| e).collect(),
    )
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
///
/// The description is printed as stored: Go strings are bytes. A token that kubeadm's
/// YAML printer cannot write (a value with a character the YAML reader inside
/// `sigs.k8s.io/yaml` refuses: U+007F–U+009F but NEL, U+FFFE, U+FFFF) is reported in
/// the errors (`invalid_secret`, naming the token ID only) and left out; the others
/// still print. kubeadm stops at that token instead.
pub fn list_token_results(
    secrets: &[Result<Secret>],
    now: Timestamp,
    format: ListFormat,
    flavour: Flavour,
) -> Result<Listing> {
    check_flavour_format(format, flavour)?;
    let (tokens, mut errors) = decode_rows(secrets);
    crate::limits::check_count(
        "Secret list (invalid item count)",
        errors.len(),
        crate::limits::MAX_LIST_ERRORS,
    )?;
    let rows: Vec<Row<'_>> = tokens
        .iter()
        .map(|(_, t, d)| Row { t, description: d })
        .collect();
    let (output_bytes, refused) = render_rows(&rows, now, format, flavour);
    for (row, e) in refused {
        if let Some((i, _, _)) = tokens.get(row) {
            errors.push((*i, e));
        }
    }
    errors.sort_by_key(|(i, _)| *i);
    Ok(Listing {
        output: go_lossy(&output_bytes),
        output_bytes,
        errors: errors.into_iter().map(|(_, e)| e).collect(),
    })
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
    crate::limits::check_list_len(args.len())?;
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
            dbg.contains(&format!("<{} bytes>", l.output_bytes.len())),
            "{dbg}"
        );
    }

    #[test]
    fn bytes_and_refused_tokens() {
        let now = ts("2025-01-01T00:00:00Z");
        let with_desc = |token: &str, d: &[u8]| {
            let mut s = upstream_one().to_secret(now);
            let t = token::BootstrapToken::parse(token).unwrap();
            let data = s.data.as_mut().unwrap();
            data.insert("token-id".into(), t.id().as_bytes().to_vec());
            data.insert("token-secret".into(), t.secret().as_bytes().to_vec());
            data.insert(KEY_DESCRIPTION.into(), d.to_vec());
            s.name = token::secret_name(t.id());
            s
        };
        let del = with_desc("aaaaaa.0123456789abcdef", b"del");
        let ok = with_desc("bbbbbb.0123456789abcdef", b"fine");
        let l = list_tokens(&[del.clone(), ok], now, ListFormat::Yaml, Flavour::Kubeadm).unwrap();
        assert_eq!(l.errors.len(), 1);
        assert_eq!(l.errors[0].code(), "invalid_secret");
        let msg = l.errors[0].to_string();
        assert!(
            msg.contains("\"aaaaaa\"") && !msg.contains("0123456789abcdef"),
            "{msg}"
        );
        assert!(!l.output.contains("aaaaaa") && l.output.contains("bbbbbb"));
        assert!(!l.output.contains("---"), "one document");
        // Text keeps the bytes; the text form has U+FFFD for each byte outside UTF-8.
        let cafe = with_desc("cccccc.0123456789abcdef", b"caf\xe9\xe3\x81");
        let l = list_tokens(&[cafe], now, ListFormat::Text, Flavour::Kubeadm).unwrap();
        assert!(l.output_bytes.windows(6).any(|w| w == b"caf\xe9\xe3\x81"));
        assert!(
            l.output.contains("caf\u{fffd}\u{fffd}\u{fffd} "),
            "{}",
            l.output
        );
        assert_eq!(l.output.len(), l.output_bytes.len() + 6);
        // JSON writes each such byte as \ufffd; YAML as U+FFFD (kubeadm) or !!binary (k3s).
        let bad = with_desc("cccccc.0123456789abcdef", b"caf\xe9");
        let j = list_tokens(
            std::slice::from_ref(&bad),
            now,
            ListFormat::Json,
            Flavour::Kubeadm,
        );
        assert!(j.unwrap().output.contains(r#""description": "caf\ufffd""#));
        let y = list_tokens(
            std::slice::from_ref(&bad),
            now,
            ListFormat::Yaml,
            Flavour::Kubeadm,
        );
        assert!(y.unwrap().output.contains("description: caf\u{fffd}\n"));
        let y = list_tokens(&[bad], now, ListFormat::Yaml, Flavour::K3s).unwrap();
        assert!(
            y.output.contains("description: !!binary Y2Fm6Q==\n"),
            "{}",
            y.output
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
            output_bytes: b"TOKEN\n".to_vec(),
            errors: vec![Error::InvalidSecret("bad".into())],
        };
        assert_eq!(
            serde_json::to_string(&l).unwrap(),
            r#"{"output":"TOKEN\n","errors":[{"code":"invalid_secret","message":"bad"}]}"#
        );
    }
}
