//! k3s and rke2 join lines: the agent/server command, the install-script one-liner and the
//! config file, from a server and a token — with the refusal rules of the kubeadm join
//! command (no broken commands; errors never echo the token).
//!
//! Upstream facts (k3s-io/k3s `install.sh`, `pkg/cli/cmds`; rancher/rke2 `install.sh`,
//! docs): k3s agents and joining servers talk to `https://<host>:6443`, rke2's supervisor
//! listens on `9345`. k3s's install script reads `K3S_URL` (set → an agent) and
//! `K3S_TOKEN`; a server join passes `server --server <url>` after `sh -s -`. rke2's
//! script takes `INSTALL_RKE2_TYPE=agent|server` and the node reads
//! `/etc/rancher/rke2/config.yaml` (`server:`, `token:`); k3s reads
//! `/etc/rancher/k3s/config.yaml`. Server URLs must be `https://` (k3s refuses others).

use serde::Serialize;

use crate::error::{Error, Result};
use crate::k3s::{K3S, K3sToken, NORMALIZE_ERROR, Program, RKE2};
use crate::options::Flavour;

/// Which node joins.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// An agent (worker).
    Agent,
    /// A server joining an existing cluster.
    Server,
}

impl Role {
    /// `agent` or `server`; `invalid_options` otherwise.
    pub fn parse(s: &str) -> Result<Role> {
        match s {
            "agent" => Ok(Role::Agent),
            "server" => Ok(Role::Server),
            other => Err(Error::InvalidOptions(format!(
                "unknown role {}; it is agent or server",
                crate::redact::describe_untrusted(other)
            ))),
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Role::Agent => "agent",
            Role::Server => "server",
        }
    }
}

/// `k3s_join_command`'s result. Every text but `server` and `config_path` carries the
/// token (that is their purpose); `Debug` masks them.
#[derive(Clone, PartialEq, Eq, Serialize)]
pub struct K3sJoin {
    /// `k3s` or `rke2`.
    pub program: &'static str,
    /// `agent` or `server`.
    pub role: Role,
    /// The server URL as the node uses it: `https://<host>:<port>`.
    pub server: String,
    /// `<program> <role> --server <url> --token <token>`.
    pub command: String,
    /// The install script one-liner (k3s) or script (rke2: install, config, start).
    pub install: String,
    /// Where the config file goes.
    pub config_path: String,
    /// The config file: `server: <url>\ntoken: <token>\n`.
    pub config: String,
}

impl std::fmt::Debug for K3sJoin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let m = crate::token::MASK;
        f.debug_struct("K3sJoin")
            .field("program", &self.program)
            .field("role", &self.role)
            .field("server", &self.server)
            .field("command", &m)
            .field("install", &m)
            .field("config_path", &self.config_path)
            .field("config", &m)
            .finish()
    }
}

fn bad_server(why: &str) -> Error {
    Error::InvalidOptions(format!("the server {why}"))
}

/// `https://<host>:<port>` from `https://host[:port][/]`, `host[:port]` or `[v6][:port]`.
fn server_url(server: &str, port: u16) -> Result<String> {
    if server.is_empty() {
        return Err(bad_server("is empty"));
    }
    if server.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(bad_server("contains whitespace or control characters"));
    }
    let rest = match server.split_once("://") {
        Some((scheme, rest)) if scheme.eq_ignore_ascii_case("https") => rest,
        Some(_) => {
            return Err(bad_server(
                "must be an https:// URL (k3s and rke2 accept no other scheme)",
            ));
        }
        None => server,
    };
    let rest = rest.strip_suffix('/').unwrap_or(rest);
    let (host, port_text) = if let Some(v6) = rest.strip_prefix('[') {
        let (inside, after) = v6
            .split_once(']')
            .ok_or_else(|| bad_server("has an unclosed '[' (IPv6 address)"))?;
        if inside.is_empty()
            || !inside
                .chars()
                .all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.')
        {
            return Err(bad_server("has an invalid IPv6 address"));
        }
        let port = match after {
            "" => None,
            p => Some(
                p.strip_prefix(':')
                    .ok_or_else(|| bad_server("has text after the IPv6 address"))?,
            ),
        };
        (format!("[{inside}]"), port)
    } else {
        let (h, p) = match rest.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (rest, None),
        };
        let label_ok = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '.' || c == '_';
        if h.is_empty() || !h.chars().all(label_ok) {
            return Err(bad_server(
                "must be a host name or IP address, with an optional port (no path, user or query)",
            ));
        }
        (h.to_owned(), p)
    };
    let port = match port_text {
        None => port,
        Some(p) => p
            .parse::<u16>()
            .ok()
            .filter(|n| *n > 0 && p.bytes().all(|b| b.is_ascii_digit()))
            .ok_or_else(|| bad_server("has an invalid port"))?,
    };
    Ok(format!("https://{host}:{port}"))
}

/// Characters a token may show unquoted in a shell word and a YAML plain scalar.
fn plain(s: &str) -> bool {
    s.bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"._:-/+=@%~".contains(&b))
        && !s.starts_with(['-', ':', '%', '@', '~'])
        && !s.contains(": ")
}

fn shell_word(s: &str) -> String {
    if plain(s) {
        s.to_owned()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

fn yaml_scalar(s: &str) -> String {
    if plain(s) {
        s.to_owned()
    } else {
        // A JSON string is a YAML double-quoted scalar (control characters are refused
        // before this).
        serde_json::to_string(s).unwrap_or_default()
    }
}

/// [`k3s_join_command`] with its optional arguments as the doors take them: `flavour`
/// (default `k3s`) and `role` (default `agent`), parsed in that order before the server
/// and the token are checked.
pub fn k3s_join_command_with(
    server: &str,
    token: &str,
    flavour: Option<&str>,
    role: Option<&str>,
) -> Result<K3sJoin> {
    let flavour = flavour.map_or(Ok(Flavour::K3s), Flavour::parse)?;
    let role = role.map_or(Ok(Role::Agent), Role::parse)?;
    k3s_join_command(server, token, flavour, role)
}

/// The join lines for `program` (`Flavour::K3s` or `Flavour::Rke2`), `role` and a token
/// (`K10…`, a bootstrap token or a bare password, as k3s `parseToken` takes it).
///
/// Errors: `invalid_k3s_token` (k3s's parse errors; whitespace around the token or
/// control characters in it; a bootstrap-token server token, which k3s refuses —
/// k3s#7313), `invalid_options` (a flavour other than k3s/rke2, a server that is not a
/// host[:port] or `https://` URL). Messages never contain the token.
pub fn k3s_join_command(
    server: &str,
    token: &str,
    flavour: Flavour,
    role: Role,
) -> Result<K3sJoin> {
    let program: Program = Program::of(flavour).ok_or_else(|| {
        Error::InvalidOptions(
            "k3s_join_command renders k3s or rke2 joins (flavour k3s or rke2)".into(),
        )
    })?;
    let default_port = if program == RKE2 { 9345 } else { 6443 };
    if token.chars().any(char::is_control) || token.trim() != token {
        return Err(Error::InvalidK3sToken(
            "the token has whitespace around it or control characters in it (a file read without trimming?)"
                .into(),
        ));
    }
    let parsed = K3sToken::parse(token)?;
    if role == Role::Server && parsed.bootstrap_token().is_some() {
        return Err(Error::InvalidK3sToken(format!(
            "a bootstrap token (<id>.<secret>) cannot join a server: {NORMALIZE_ERROR}"
        )));
    }
    let url = server_url(server, default_port)?;
    let name = program.name;
    let r = role.as_str();
    let word = shell_word(token);
    let config_path = format!("/etc/rancher/{name}/config.yaml");
    let config = format!("server: {url}\ntoken: {}\n", yaml_scalar(token));
    let command = format!("{name} {r} --server {url} --token {word}");
    let install = if program == K3S {
        match role {
            Role::Agent => format!(
                "curl -sfL https://get.k3s.io | {}={url} {}={word} sh -",
                K3S.url_env, K3S.token_env
            ),
            Role::Server => format!(
                "curl -sfL https://get.k3s.io | {}={word} sh -s - server --server {url}",
                K3S.token_env
            ),
        }
    } else {
        format!(
            "curl -sfL https://get.rke2.io | INSTALL_RKE2_TYPE={r} sh -\n\
             mkdir -p /etc/rancher/rke2\n\
             cat > {config_path} <<'EOF'\n{config}EOF\n\
             systemctl enable --now rke2-{r}.service\n"
        )
    };
    Ok(K3sJoin {
        program: name,
        role,
        server: url,
        command,
        install,
        config_path,
        config,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const H: &str = "e6b1f6b2d5c1a0f9e8d7c6b5a49382716f5e4d3c2b1a0f9e8d7c6b5a49382716";

    #[test]
    fn servers() {
        for (s, want) in [
            ("10.0.0.1", "https://10.0.0.1:6443"),
            ("https://k3s.example:6443/", "https://k3s.example:6443"),
            ("HTTPS://h:1", "https://h:1"),
            ("[fd00::1]", "https://[fd00::1]:6443"),
            ("[fd00::1]:7443", "https://[fd00::1]:7443"),
        ] {
            assert_eq!(server_url(s, 6443).unwrap(), want, "{s}");
        }
        for s in [
            "", "http://h", "h:0", "h:x", "h;rm", "h/p", "u@h", "[::1", "[zz]", "h 1", "h:65536",
        ] {
            assert_eq!(
                server_url(s, 6443).unwrap_err().code(),
                "invalid_options",
                "{s}"
            );
        }
    }

    #[test]
    fn quoting_keeps_commands_whole() {
        let j = k3s_join_command("h", "pa ss'x", Flavour::K3s, Role::Agent).unwrap();
        assert_eq!(
            j.command,
            r"k3s agent --server https://h:6443 --token 'pa ss'\''x'"
        );
        assert_eq!(j.config, "server: https://h:6443\ntoken: \"pa ss'x\"\n");
        let t = format!("K10{H}::server:pw");
        let j = k3s_join_command("h", &t, Flavour::Rke2, Role::Server).unwrap();
        assert_eq!(j.config, format!("server: https://h:9345\ntoken: {t}\n"));
        assert!(!format!("{j:?}").contains("pw"));
    }

    #[test]
    fn refusals_never_echo_the_token() {
        for (t, role) in [
            ("abcdef.0123456789abcdef", Role::Server),
            ("pw\n", Role::Agent),
            ("K10abc::server:pw", Role::Agent),
            ("", Role::Agent),
        ] {
            let e = k3s_join_command("h", t, Flavour::K3s, role).unwrap_err();
            assert_eq!(e.code(), "invalid_k3s_token", "{t:?}");
            assert!(!e.to_string().contains("0123456789abcdef"), "{e}");
        }
        let e = k3s_join_command("h", "pw", Flavour::Kubeadm, Role::Agent).unwrap_err();
        assert_eq!(e.code(), "invalid_options");
    }
}
