//! Join and register commands: `kubeadm token create --print-join-command` (kubeadm
//! `cmd/util/join.go` + `cmd/token.go`) and `karmadactl token create
//! --print-register-command` (karmada `util/bootstraptoken`).
//!
//! The commands contain the real token — that is their purpose. Errors never do.
//!
//! Checked against kubeadm v1.36.3 `GetJoinWorkerCommand`/`GetJoinControlPlaneCommand`
//! (the differential oracle). Upstream bug we do not copy: kubeadm up to 1.36 renders
//! the command with `html/template`, so a server containing `+ ' " & < >` is printed
//! HTML-escaped (`h&#43;1:6443`), which is wrong in a shell command. The newest upstream
//! `join.go` builds it with a `strings.Builder` and prints the server raw, as we do.
//! Tokens, hashes and certificate keys we accept never contain those characters, so for
//! every real endpoint (host or IP, port) the bytes are identical with both versions.
//!
//! Output is byte-identical with upstream's line **without** the final newline upstream
//! prints (`stdout == command + "\n"`). Note kubeadm's worker command ends in a space.
//! Like upstream, nothing is shell-quoted; unlike upstream, we refuse inputs that would
//! break the command apart (see [`JoinTarget`], [`JoinOptions::certificate_key`]).

mod k3s;
pub use k3s::{K3sJoin, Role, k3s_join_command, k3s_join_command_with};

use crate::error::{Error, Result};
use crate::kubeconfig::Kubeconfig;
use crate::token::BootstrapToken;

/// What kubeadm prints instead of a token or certificate key it withholds.
pub const WITHHELD: &str = "<value withheld>";

/// karmada's default parent command.
pub const DEFAULT_PARENT_COMMAND: &str = "karmadactl";

/// Where a join command points: the API server and the CA public-key hashes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JoinTarget {
    /// The server as written in the kubeconfig (`https://10.0.0.1:6443`) or given;
    /// every `https://` is removed when rendering, like upstream's `strings.Replace`.
    pub server: String,
    /// `sha256:<hex>` hashes, one `--discovery-token-ca-cert-hash` each (kubeadm) or
    /// comma-joined (karmada). Never empty.
    pub ca_cert_hashes: Vec<String>,
}

/// Prefixes the message of a PEM/certificate error, keeping its code.
pub(crate) fn prefixed(e: Error, prefix: &str) -> Error {
    match e {
        Error::InvalidPem(m) => Error::InvalidPem(format!("{prefix}: {m}")),
        Error::InvalidCertificate(m) => Error::InvalidCertificate(format!("{prefix}: {m}")),
        other => other,
    }
}

fn check_server(server: &str, mk: fn(String) -> Error) -> Result<()> {
    if server.is_empty() {
        return Err(mk("the API server endpoint is empty".into()));
    }
    if server.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(mk(
            "the API server endpoint contains whitespace or control characters".into(),
        ));
    }
    Ok(())
}

impl JoinTarget {
    /// From a kubeconfig, the way kubeadm (`context = None`) and karmadactl
    /// (`--karmada-context`) pick the cluster ([`Kubeconfig::default_cluster`]); the
    /// hashes of every certificate in its `certificate-authority-data`.
    ///
    /// Errors: no usable cluster (`invalid_kubeconfig`, "the current context is
    /// invalid"); CA data that is not PEM certificates (`invalid_pem`); a CA given only
    /// as a file path (`unsupported`: we read no files — embed it or pass the PEM);
    /// no CA at all (`invalid_kubeconfig`, "no CA certificates found in kubeconfig").
    pub fn from_kubeconfig(kubeconfig: &Kubeconfig, context: Option<&str>) -> Result<Self> {
        let (_, cluster) = kubeconfig.default_cluster(context)?;
        let hashes = if let Some(pem) = &cluster.certificate_authority_data {
            crate::pin::hashes_from_pem(pem)
                .map_err(|e| prefixed(e, "failed to parse CA certificate from kubeconfig"))?
        } else if !cluster.certificate_authority.is_empty() {
            return Err(Error::Unsupported(format!(
                "the kubeconfig references its CA certificate by file ({}); kubetoken reads no files: embed it as certificate-authority-data or pass the CA PEM",
                crate::redact::describe_untrusted(&cluster.certificate_authority)
            )));
        } else {
            return Err(Error::InvalidKubeconfig(
                "no CA certificates found in kubeconfig".into(),
            ));
        };
        check_server(&cluster.server, Error::InvalidKubeconfig)?;
        Ok(JoinTarget {
            server: cluster.server.clone(),
            ca_cert_hashes: hashes,
        })
    }

    /// The join target of the first that is given of: a kubeconfig (with `context`,
    /// [`Self::from_kubeconfig`]), the CA bundle (with `server`, [`Self::from_ca_pem`]),
    /// CA hashes (with `server`, [`Self::from_hashes`]). The rule of every door's
    /// `join_command` and `register_command`; each converts all its arguments first.
    pub fn first_given(
        kubeconfig: Option<&Kubeconfig>,
        context: Option<&str>,
        server: &str,
        ca_pem: Option<&[u8]>,
        ca_cert_hashes: &[String],
    ) -> Result<Self> {
        match (kubeconfig, ca_pem) {
            (Some(kc), _) => Self::from_kubeconfig(kc, context),
            (None, Some(pem)) => Self::from_ca_pem(server, pem),
            (None, None) => Self::from_hashes(server, ca_cert_hashes),
        }
    }

    /// From a server and the cluster CA bundle (PEM; one hash per certificate).
    pub fn from_ca_pem(server: &str, ca_pem: impl AsRef<[u8]>) -> Result<Self> {
        check_server(server, Error::InvalidOptions)?;
        Ok(JoinTarget {
            server: server.to_owned(),
            ca_cert_hashes: crate::pin::hashes_from_pem(ca_pem)?,
        })
    }

    /// From a server and hashes you already have. Each hash must pass
    /// `pubkeypin.Set.Allow` (`sha256:<64 hex>`, `invalid_hash`); at least one.
    /// Hashes are printed as given.
    pub fn from_hashes(server: &str, ca_cert_hashes: &[String]) -> Result<Self> {
        check_server(server, Error::InvalidOptions)?;
        if ca_cert_hashes.is_empty() {
            return Err(Error::InvalidOptions(
                "at least one CA certificate hash is needed".into(),
            ));
        }
        let mut set = crate::pin::PinSet::new();
        for h in ca_cert_hashes {
            set.allow(h)?;
        }
        Ok(JoinTarget {
            server: server.to_owned(),
            ca_cert_hashes: ca_cert_hashes.to_vec(),
        })
    }

    /// `strings.Replace(server, "https://", "", -1)`: every occurrence goes, `http://`
    /// stays.
    pub fn host_port(&self) -> String {
        self.server.replace("https://", "")
    }
}

/// Options of [`kubeadm_join_command`]. `Debug` masks the certificate key (it decrypts
/// the control-plane certificates kubeadm uploads).
#[derive(Clone, Default, PartialEq, Eq)]
pub struct JoinOptions {
    /// Add `--control-plane` (implied by a non-empty `certificate_key`, as with
    /// `kubeadm token create --print-join-command --certificate-key K`).
    pub control_plane: bool,
    /// `--certificate-key` value (control plane only). Must be ASCII letters and digits
    /// (kubeadm's keys are 64 hex digits); anything else is `invalid_options`.
    pub certificate_key: String,
    /// Print `<value withheld>` instead of the token (the token is then not needed).
    pub withhold_token: bool,
    /// Print `<value withheld>` as the certificate key (control plane only).
    pub withhold_certificate_key: bool,
    /// Return `getJoinCommand`'s multi-line text (`\`-newline-tab continuations, what
    /// `kubeadm init` prints) instead of the single line of `token create`.
    pub multiline: bool,
}

impl std::fmt::Debug for JoinOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let key = if self.certificate_key.is_empty() {
            ""
        } else {
            crate::token::MASK
        };
        f.debug_struct("JoinOptions")
            .field("control_plane", &self.control_plane)
            .field("certificate_key", &key)
            .field("withhold_token", &self.withhold_token)
            .field("withhold_certificate_key", &self.withhold_certificate_key)
            .field("multiline", &self.multiline)
            .finish()
    }
}

/// `kubeadm token create --print-join-command` (single line, without the final
/// newline; worker commands end in a space) or, with [`JoinOptions::multiline`],
/// `getJoinCommand`'s text (`⇥` marks a tab):
///
/// ```text
/// kubeadm join <host:port> --token <token> \
/// ⇥--discovery-token-ca-cert-hash <h1> --discovery-token-ca-cert-hash <h2> \
/// ⇥--control-plane --certificate-key <key>
/// ```
///
/// Errors: `invalid_token` (never echoing the secret), `invalid_options` (bad key).
pub fn kubeadm_join_command(
    token: &str,
    target: &JoinTarget,
    opts: &JoinOptions,
) -> Result<String> {
    let token_text = if opts.withhold_token {
        WITHHELD.to_owned()
    } else {
        BootstrapToken::parse(token)?.expose()
    };
    let control_plane = opts.control_plane || !opts.certificate_key.is_empty();
    let key = if opts.withhold_certificate_key {
        WITHHELD
    } else {
        if !opts
            .certificate_key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric())
        {
            return Err(Error::InvalidOptions(
                "the certificate key must consist of ASCII letters and digits (kubeadm prints 64 hex digits)".into(),
            ));
        }
        opts.certificate_key.as_str()
    };
    if target.ca_cert_hashes.is_empty() {
        return Err(Error::InvalidOptions(
            "at least one CA certificate hash is needed".into(),
        ));
    }
    let mut out = format!(
        "kubeadm join {} --token {token_text} \\\n\t",
        target.host_port()
    );
    for h in &target.ca_cert_hashes {
        out.push_str("--discovery-token-ca-cert-hash ");
        out.push_str(h);
        out.push(' ');
    }
    if control_plane {
        out.push_str("\\\n\t--control-plane ");
        if !key.is_empty() {
            out.push_str("--certificate-key ");
            out.push_str(key);
        }
    }
    if opts.multiline {
        Ok(out)
    } else {
        // `token create` strips every backslash-newline and tab.
        Ok(out.replace("\\\n", "").replace('\t', ""))
    }
}

/// `karmadactl token create --print-register-command`, without the final newline:
/// `<parent> register <host:port> --token <token> --discovery-token-ca-cert-hash <h1>,<h2>`.
/// `parent_command` "" means `karmadactl` (`kubectl karmada` is the plugin form).
pub fn karmada_register_command(
    token: &str,
    target: &JoinTarget,
    parent_command: &str,
) -> Result<String> {
    let token = BootstrapToken::parse(token)?;
    let parent = if parent_command.is_empty() {
        DEFAULT_PARENT_COMMAND
    } else {
        parent_command
    };
    if parent.chars().any(char::is_control) {
        return Err(Error::InvalidOptions(
            "the parent command contains control characters".into(),
        ));
    }
    if target.ca_cert_hashes.is_empty() {
        return Err(Error::InvalidOptions(
            "at least one CA certificate hash is needed".into(),
        ));
    }
    Ok(format!(
        "{parent} register {} --token {} --discovery-token-ca-cert-hash {}",
        target.host_port(),
        token.expose(),
        target.ca_cert_hashes.join(",")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_masks_the_certificate_key() {
        let key = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
        let o = JoinOptions {
            certificate_key: key.into(),
            ..JoinOptions::default()
        };
        let dbg = format!("{o:?}");
        assert!(!dbg.contains("0123456789abcdef"), "{dbg}");
        assert!(dbg.contains(crate::token::MASK), "{dbg}");
        assert!(format!("{:?}", JoinOptions::default()).contains("certificate_key: \"\""));
    }

    fn target(hashes: &[&str]) -> JoinTarget {
        JoinTarget {
            server: "https://10.0.0.1:6443".into(),
            ca_cert_hashes: hashes.iter().map(|s| (*s).to_owned()).collect(),
        }
    }

    const T: &str = "abcdef.0123456789abcdef";

    #[test]
    fn worker_and_control_plane() {
        let t = target(&["sha256:aaaa", "sha256:bbbb"]);
        assert_eq!(
            kubeadm_join_command(T, &t, &JoinOptions::default()).unwrap(),
            "kubeadm join 10.0.0.1:6443 --token abcdef.0123456789abcdef --discovery-token-ca-cert-hash sha256:aaaa --discovery-token-ca-cert-hash sha256:bbbb "
        );
        let cp = JoinOptions {
            certificate_key: "KEY".into(),
            ..JoinOptions::default()
        };
        assert_eq!(
            kubeadm_join_command(T, &target(&["sha256:aaaa"]), &cp).unwrap(),
            "kubeadm join 10.0.0.1:6443 --token abcdef.0123456789abcdef --discovery-token-ca-cert-hash sha256:aaaa --control-plane --certificate-key KEY"
        );
        let withheld = JoinOptions {
            control_plane: true,
            withhold_token: true,
            withhold_certificate_key: true,
            multiline: true,
            ..JoinOptions::default()
        };
        assert_eq!(
            kubeadm_join_command("test-token", &target(&["sha256:aaaa"]), &withheld).unwrap(),
            "kubeadm join 10.0.0.1:6443 --token <value withheld> \\\n\t--discovery-token-ca-cert-hash sha256:aaaa \\\n\t--control-plane --certificate-key <value withheld>"
        );
        let bare_cp = JoinOptions {
            control_plane: true,
            ..JoinOptions::default()
        };
        assert!(
            kubeadm_join_command(T, &target(&["h"]), &bare_cp)
                .unwrap()
                .ends_with("--discovery-token-ca-cert-hash h --control-plane ")
        );
    }

    #[test]
    fn every_https_is_removed() {
        let t = JoinTarget {
            server: "https://x/https://y".into(),
            ca_cert_hashes: vec!["h".into()],
        };
        assert_eq!(t.host_port(), "x/y");
        let t = JoinTarget {
            server: "http://x".into(),
            ca_cert_hashes: vec!["h".into()],
        };
        assert_eq!(t.host_port(), "http://x");
    }

    #[test]
    fn errors_do_not_echo_secrets() {
        let t = target(&["sha256:aaaa"]);
        for bad in [
            "abcdef.0123456789abcdeX",
            "abcdef 0123456789abcdef",
            "x.0123456789abcdef",
        ] {
            let e = kubeadm_join_command(bad, &t, &JoinOptions::default()).unwrap_err();
            assert_eq!(e.code(), "invalid_token");
            assert!(!e.to_string().contains("0123456789abcde"), "{e}");
            let e = karmada_register_command(bad, &t, "").unwrap_err();
            assert!(!e.to_string().contains("0123456789abcde"), "{e}");
        }
        let key = JoinOptions {
            certificate_key: "a b".into(),
            ..JoinOptions::default()
        };
        assert_eq!(
            kubeadm_join_command(T, &t, &key).unwrap_err().code(),
            "invalid_options"
        );
        assert_eq!(
            kubeadm_join_command(T, &target(&[]), &JoinOptions::default())
                .unwrap_err()
                .code(),
            "invalid_options"
        );
    }

    #[test]
    fn karmada() {
        assert_eq!(
            karmada_register_command(T, &target(&["sha256:aaaa", "sha256:bbbb"]), "").unwrap(),
            "karmadactl register 10.0.0.1:6443 --token abcdef.0123456789abcdef --discovery-token-ca-cert-hash sha256:aaaa,sha256:bbbb"
        );
        assert!(
            karmada_register_command(T, &target(&["h"]), "kubectl karmada")
                .unwrap()
                .starts_with("kubectl karmada register ")
        );
    }
}
