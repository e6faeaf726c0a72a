//! Every input cap of the crate, in one place (the table in `docs/api.md`, "Limits").
//!
//! Caps are checked **before** the work they bound and refused with
//! [`Error::InputTooLarge`] (`input_too_large`), whose message names the input and the
//! limit and never quotes the input. Every door (Rust, Python, Node, the JSON façade)
//! goes through these checks, so the same input is refused the same way everywhere.
//!
//! They are set so that no call within the caps takes more than ~100 ms of CPU or more
//! than ~10× its input in memory (measured with `cargo run --release --example limits`).

use crate::error::{Error, Result};

/// Bytes of one manifest: a Secret, a ConfigMap, a kubeconfig (text or bytes). The API
/// server's own limit on an object is about 1.5 MiB; a bootstrap Secret is < 1 KiB.
pub const MAX_MANIFEST_BYTES: usize = 1 << 20;

/// Bytes of a Secret list (`kubectl get secrets -o json|yaml`): sized for real clusters
/// (100,000 bootstrap-token Secrets are ~60 MB of JSON, ~45 MB of YAML).
pub const MAX_LIST_BYTES: usize = 256 << 20;

/// Items of a Secret list (all documents of a YAML stream together).
pub const MAX_LIST_ITEMS: usize = 200_000;

/// The smallest average item a Secret list may have: a list of `n` bytes holds at most
/// `n / 32 + 1` items (and at most [`MAX_LIST_ITEMS`]). `kubectl` prints ≥ ~250 bytes per
/// Secret; each decoded item costs ~300 bytes, so this keeps a list of empty items
/// (`{"items":[{},{},...]}`) within ~10× its input.
pub const MIN_LIST_ITEM_BYTES: usize = 32;

/// Bytes of one item of a Secret list (its keys and scalars): the API server stores at
/// most ~1.5 MiB per object.
pub const MAX_LIST_ITEM_BYTES: usize = 2 << 20;

/// Nodes (values, keys included) of one item of a Secret list, and of a single manifest.
pub const MAX_ITEM_NODES: usize = 65_536;

/// Levels of nested mappings and sequences in one manifest, list or argument (the
/// outermost is level 1; a Secret is 3 deep, a kubeconfig 4, a Secret with managedFields
/// in a list about 10). Text is counted from the document's root, a parsed value (a
/// binding's object or array, a `from_value` argument) from the value itself. Bounds the
/// readers' recursion (and a cyclic object in a binding): 64 is also the YAML parser's
/// own default, and YAML nested 100 deep overflowed a 2 MiB thread stack in a debug build.
pub const MAX_NESTING: usize = 64;

/// Input bytes per node: a value read from `n` bytes has at most `n / 8 + 1024` nodes (and
/// at most [`MAX_ITEM_NODES`]); a decoded node costs ~80 bytes.
pub const MIN_NODE_BYTES: usize = 8;

/// Items of a Secret list that fail to decode, reported one by one; a list with more is
/// refused as a whole (`input_too_large`): each reported error costs a formatted
/// message, and a list that is mostly garbage is not `kubectl` output.
pub const MAX_LIST_ERRORS: usize = 1_000;

/// YAML events of one document stream (a list's ~35 per Secret fit 200,000 items).
pub const MAX_YAML_EVENTS: usize = 16_000_000;

/// YAML anchors and aliases: none. `kubectl` never writes them, and each alias replays
/// its anchor (billion laughs); a document with one is refused before it is expanded.
pub const MAX_YAML_ALIASES: usize = 0;

/// Bytes of a PEM bundle (CA bundle, `/cacerts`, `ca_pem`).
pub const MAX_PEM_BYTES: usize = 1 << 20;

/// Certificates in a PEM bundle.
pub const MAX_CERTIFICATES: usize = 64;

/// Bytes of JWS content (the cluster-info kubeconfig) and of a token secret given to the
/// JWS functions.
pub const MAX_JWS_BYTES: usize = 1 << 20;

/// Secrets given to `sign_cluster_info` and `authenticate` (one HMAC of the content per
/// signer).
pub const MAX_SIGNERS: usize = 10_000;

/// Signatures × content bytes of one `sign_cluster_info` call (each signature is an
/// HMAC-SHA256 over the whole base64url content: ~100 ms of CPU at this cap).
pub const MAX_SIGN_WORK_BYTES: usize = 48 << 20;

/// CA pins (`ca_cert_hashes`, `pins`) in one call, and bytes of each pin.
pub const MAX_PINS: usize = 1_000;

/// Bytes of one pin (`sha256:` + 64 hex is 71).
pub const MAX_PIN_BYTES: usize = 256;

/// Bytes of one token-option string: `token`, `flavour`, `description`, and each
/// `usages`/`groups` string (a comma-separated list counts as one string).
pub const MAX_OPTION_BYTES: usize = 64 << 10;

/// Bytes of a duration string (`ttl`, `parse_duration`, ...). Go's parser has no cap;
/// no real duration comes near this.
pub const MAX_DURATION_BYTES: usize = 256;

/// Bytes of an RFC3339 timestamp string (`expires`, `now`, ...). Go's parser has no cap
/// (it accepts any number of fraction digits); no real timestamp comes near this.
pub const MAX_TIMESTAMP_BYTES: usize = 256;

/// Number of `usages` or `groups` entries in one set of token options, and of strings in
/// any list argument of the JSON façade (`args` of `delete_token_names`, ...).
pub const MAX_OPTION_ITEMS: usize = 1024;

/// Bytes of a k3s token, a passphrase, a ciphertext or a plaintext.
pub const MAX_K3S_BYTES: usize = 1 << 20;

/// K10 tokens tried by one `k3s_which_token_opens` call: each try derives a key with
/// PBKDF2 (~1 ms); a k3s server holds a handful (server, agent, the rotated ones).
pub const MAX_K3S_TOKENS: usize = 32;

/// Bytes of one `redact` call. Lines are redacted independently, so a longer text can
/// be redacted in pieces cut after any `\n` with the same result.
pub const MAX_REDACT_BYTES: usize = 64 << 20;

/// [`Error::InputTooLarge`] when `len` bytes exceed `limit`.
pub fn check_bytes(what: &'static str, len: usize, limit: usize) -> Result<()> {
    if len > limit {
        Err(Error::InputTooLarge { what, limit })
    } else {
        Ok(())
    }
}

/// What [`MAX_NESTING`] refuses.
pub(crate) const NESTING: &str = "manifest nesting (level count)";

/// [`Error::InputTooLarge`] for a mapping or sequence at `level` (the outermost is 1)
/// beyond [`MAX_NESTING`]: the check a binding makes as it walks an object or array it was
/// given, the same the core's readers make on text.
pub fn check_nesting(level: usize) -> Result<()> {
    check_count(NESTING, level, MAX_NESTING)
}

/// [`check_nesting`] over a parsed value (the argument itself is level 1 when it is a
/// mapping or sequence), without recursion.
pub(crate) fn check_value_nesting(v: &serde_json::Value) -> Result<()> {
    use serde_json::Value;
    let mut stack: Vec<(&Value, usize)> = vec![(v, 1)];
    while let Some((v, level)) = stack.pop() {
        let children: Box<dyn Iterator<Item = &Value>> = match v {
            Value::Array(a) => Box::new(a.iter()),
            Value::Object(o) => Box::new(o.values()),
            _ => continue,
        };
        check_nesting(level)?;
        stack.extend(children.map(|c| (c, level + 1)));
    }
    Ok(())
}

/// [`MAX_OPTION_ITEMS`] for a list argument (`args`, `usages`, `groups`, ...) of `len`
/// strings.
pub fn check_list_len(len: usize) -> Result<()> {
    check_count("list argument (item count)", len, MAX_OPTION_ITEMS)
}

/// [`Error::InputTooLarge`] when `count` exceeds `limit`; `what` names the count
/// (it ends in "count)" so the message says "items", not "bytes").
pub fn check_count(what: &'static str, count: usize, limit: usize) -> Result<()> {
    check_bytes(what, count, limit)
}
