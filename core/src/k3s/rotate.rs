//! `k3s token rotate` offline (k3s-io/k3s `pkg/cli/token`, server side
//! `pkg/server/handlers/token.go`, `pkg/cluster/storage.go`): the new server token is
//! validated before anything else — `NormalizeToken` must accept it, so an `<id>.<secret>`
//! bootstrap token is refused as the upstream fix does (k3s#7313 / PR #7389, k3s#12982 /
//! PR #12989) — or generated as k3s does (`Random(16)`: 16 random bytes, lowercase hex);
//! the old token must open the bootstrap-data blob before it is re-encrypted under the
//! new one. Randomness is an input (`fill`), so the whole rotation is a pure function.

use serde::Serialize;
use zeroize::Zeroizing;

use super::{
    K3sToken, NONCE_LEN, TOKEN_PREFIX, decrypt, encrypt_with, normalize_token, storage_key,
    token_hash,
};
use crate::error::{Error, Result};
use crate::pin::hex_lower;

/// `k3s_rotate`'s result. `new_token`, `new_passphrase` and `value` are secrets (the
/// value is encrypted, but opens with the new token); `Debug` masks the first two.
#[derive(Clone, PartialEq, Eq, Serialize)]
pub struct Rotation {
    /// Whether the new passphrase was generated (no new token given).
    pub generated: bool,
    /// What the server's token file holds afterwards: `K10<hash>::server:<new>` when the
    /// old token carried a CA hash (rotation keeps the CA), else the bare passphrase.
    pub new_token: String,
    /// The new passphrase (`NormalizeToken` of the new token).
    pub new_passphrase: String,
    /// `/bootstrap/<hash>` of the old passphrase (deleted by the rotation).
    pub old_storage_key: String,
    /// `/bootstrap/<hash>` of the new passphrase.
    pub new_storage_key: String,
    /// The etcd-snapshot token hash of the old passphrase (snapshots taken before the
    /// rotation need the old token).
    pub old_token_hash: String,
    /// The etcd-snapshot token hash of the new passphrase.
    pub new_token_hash: String,
    /// The bootstrap-data blob re-encrypted under the new passphrase (`None` when none
    /// was given).
    pub value: Option<String>,
}

impl std::fmt::Debug for Rotation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let m = crate::token::MASK;
        f.debug_struct("Rotation")
            .field("generated", &self.generated)
            .field("new_token", &m)
            .field("new_passphrase", &m)
            .field("old_storage_key", &self.old_storage_key)
            .field("new_storage_key", &self.new_storage_key)
            .field("old_token_hash", &self.old_token_hash)
            .field("new_token_hash", &self.new_token_hash)
            .field("value", &self.value.as_ref().map(|_| m))
            .finish()
    }
}

/// Rotates the server token from `old` to `new` (generated from `fill` when `None` or
/// empty, as the server does for an empty `newToken`), re-encrypting `value` (a
/// bootstrap-data blob `salt:base64(...)`) when given: `old` must open it first.
///
/// Order of checks: the new token (`invalid_k3s_token`: k3s's `NormalizeToken` message,
/// never the token), the old token (same), then the blob (`invalid_ciphertext`, or
/// `decryption_failed` when the old token does not open it), then randomness
/// (`random_failure`).
pub fn rotate_with(
    old: &str,
    new: Option<&str>,
    value: Option<&[u8]>,
    fill: &mut dyn FnMut(&mut [u8]) -> Result<()>,
) -> Result<Rotation> {
    let given = new.filter(|n| !n.is_empty());
    let given_pass = given.map(normalize_token).transpose()?;
    let old_pass = normalize_token(old)?;
    let plaintext = value.map(|v| decrypt(&old_pass, v)).transpose()?;
    let (generated, new_pass) = match given_pass {
        Some(p) => (false, p),
        None => {
            let mut b = Zeroizing::new([0u8; 16]);
            fill(b.as_mut())?;
            (true, Zeroizing::new(hex_lower(b.as_ref())))
        }
    };
    let value = match plaintext {
        Some(pt) => {
            let mut salt = [0u8; 8];
            fill(&mut salt)?;
            let mut nonce = [0u8; NONCE_LEN];
            fill(&mut nonce)?;
            Some(encrypt_with(
                &new_pass,
                pt.as_slice(),
                &hex_lower(&salt),
                nonce,
            )?)
        }
        None => None,
    };
    let hash = K3sToken::parse(old)
        .map(|t| t.ca_hash().to_owned())
        .unwrap_or_default();
    let new_token = if hash.is_empty() {
        new_pass.as_str().to_owned()
    } else {
        crate::token::concat(&[TOKEN_PREFIX, &hash, "::server:", &new_pass])
    };
    Ok(Rotation {
        generated,
        new_token,
        new_passphrase: new_pass.as_str().to_owned(),
        old_storage_key: storage_key(&old_pass),
        new_storage_key: storage_key(&new_pass),
        old_token_hash: token_hash(&old_pass),
        new_token_hash: token_hash(&new_pass),
        value,
    })
}

/// [`rotate_with`] with the operating system's random source.
#[cfg(feature = "getrandom")]
pub fn rotate(old: &str, new: Option<&str>, value: Option<&[u8]>) -> Result<Rotation> {
    rotate_with(old, new, value, &mut crate::token::os_random)
}

/// Which of `tokens` opens the bootstrap-data `value`: the index of the first whose
/// passphrase decrypts it, `None` when none does. Tokens k3s cannot normalise (bootstrap
/// tokens, unparseable) never open it; a malformed value is `invalid_ciphertext`.
pub fn which_token_opens(tokens: &[String], value: &[u8]) -> Result<Option<usize>> {
    use crate::limits::{MAX_K3S_TOKENS, check_count};
    check_count("k3s tokens (count)", tokens.len(), MAX_K3S_TOKENS)?;
    for (i, t) in tokens.iter().enumerate() {
        let Ok(pass) = normalize_token(t) else {
            continue;
        };
        match decrypt(&pass, value) {
            Ok(_) => return Ok(Some(i)),
            Err(Error::DecryptionFailed(_)) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(None)
}

/// A random source replaying `bytes` (hex) in order: the test injection of the JSON
/// façade's `random` argument; `random_failure` when it runs out.
pub fn replay(hex: &str) -> Result<impl FnMut(&mut [u8]) -> Result<()> + use<>> {
    let bad = || Error::InvalidOptions("random must be hex digits (an even number)".into());
    if !hex.len().is_multiple_of(2) {
        return Err(bad());
    }
    let bytes = (0..hex.len() / 2)
        .map(|i| {
            hex.get(2 * i..2 * i + 2)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .ok_or_else(bad)
        })
        .collect::<Result<Vec<u8>>>()?;
    let mut at = 0usize;
    Ok(move |buf: &mut [u8]| {
        let end = at + buf.len();
        let src = bytes
            .get(at..end)
            .ok_or_else(|| Error::Random("the given random bytes ran out".into()))?;
        buf.copy_from_slice(src);
        at = end;
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zeros(b: &mut [u8]) -> Result<()> {
        b.fill(0);
        Ok(())
    }

    #[test]
    fn new_token_is_checked_first() {
        let e = rotate_with(
            "not:even",
            Some("abcdef.0123456789abcdef"),
            Some(b"x"),
            &mut zeros,
        )
        .unwrap_err();
        assert_eq!(e.code(), "invalid_k3s_token");
        assert!(!e.to_string().contains("0123456789abcdef"));
    }

    #[test]
    fn generates_and_reencrypts() {
        let blob = encrypt_with("oldpw", b"{}\n", "0011223344556677", [1; 12]).unwrap();
        let r = rotate_with(
            "K10aa::server:oldpw",
            None,
            Some(blob.as_bytes()),
            &mut zeros,
        );
        // "K10aa" has a hash of the wrong length: k3s cannot normalise it.
        assert_eq!(r.unwrap_err().code(), "invalid_k3s_token");
        let r = rotate_with("oldpw", None, Some(blob.as_bytes()), &mut zeros).unwrap();
        assert!(r.generated);
        assert_eq!(r.new_passphrase, "0".repeat(32));
        let v = r.value.clone().unwrap();
        assert_eq!(
            decrypt(&r.new_passphrase, v.as_bytes()).unwrap().as_slice(),
            b"{}\n"
        );
        assert!(!format!("{r:?}").contains(&"0".repeat(32)));
        let which = which_token_opens(&["x".into(), r.new_token.clone()], v.as_bytes());
        assert_eq!(which.unwrap(), Some(1));
        let e = rotate_with("wrong", None, Some(blob.as_bytes()), &mut zeros).unwrap_err();
        assert_eq!(e.code(), "decryption_failed");
    }
}
