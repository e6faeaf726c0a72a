"""The public functions: thin wrappers over the native module.

Argument conversion (``datetime``/``timedelta``/``bytes``/``dict``) and every rule live
in Rust (``kubetoken._native`` over the ``kubetoken`` crate); this layer only wraps JSON
results into the typed result classes of :mod:`kubetoken._types`.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, Optional, Sequence, Union

from . import _native
from ._errors import KubetokenError
from ._types import (
    Authentication,
    BootstrapToken,
    CleanerAction,
    DiscoveryResult,
    Expiration,
    K3sCaCheck,
    K3sCaHash,
    K3sCredentials,
    K3sToken,
    PinCheck,
    Kubeconfig,
    SecretManifest,
    SignedClusterInfo,
    SigningCredentials,
    TokenList,
    TokenSpec,
)

#: A point in time: an RFC3339 string or a timezone-aware ``datetime``.
Time = Union[str, _dt.datetime]
#: A span of time: a Go duration string (``"24h"``, ``"90m"``, ``"0"``) or a ``timedelta``.
Duration = Union[str, _dt.timedelta]
#: PEM text.
Pem = Union[str, bytes]
#: A manifest: JSON or YAML text, or the parsed object.
Manifest = Union[str, bytes, dict[str, Any]]
#: A list option: a sequence of strings or one comma-separated string.
Strings = Union[Sequence[str], str]


# ---- tokens ------------------------------------------------------------------------


def generate_token() -> str:
    """A new random bootstrap token ``<id>.<secret>`` from the OS CSPRNG."""
    return _native.generate_token()


def parse_token(token: str) -> BootstrapToken:
    """Parses ``[a-z0-9]{6}.[a-z0-9]{16}``; raises :class:`InvalidTokenError`."""
    result: BootstrapToken = BootstrapToken._from_dict(_native.parse_token(token))
    return result


def is_valid_token(token: str) -> bool:
    """Whether ``token`` is a well-formed bootstrap token."""
    return _native.is_valid_token(token)


def is_valid_token_id(token_id: str) -> bool:
    """Whether ``token_id`` is a well-formed token ID (``[a-z0-9]{6}``)."""
    return _native.is_valid_token_id(token_id)


def secret_name(token_id: str) -> str:
    """``bootstrap-token-<id>`` (no validation, like upstream)."""
    return _native.secret_name(token_id)


def parse_secret_name(name: str) -> Optional[str]:
    """The token ID of a ``bootstrap-token-<id>`` name, else ``None``."""
    return _native.parse_secret_name(name)


def parse_duration(duration: Duration) -> str:
    """Go's ``Duration.String()`` of a Go duration string or ``timedelta``."""
    return _native.parse_duration(duration)


def short_human_duration(duration: Duration) -> str:
    """apimachinery's ``ShortHumanDuration`` (``"23h"``, ``"<invalid>"``, ...)."""
    return _native.short_human_duration(duration)


def parse_rfc3339(timestamp: Time) -> str:
    """Go's ``Format(RFC3339)`` of a timestamp, offset kept."""
    return _native.parse_rfc3339(timestamp)


# ---- token options and Secrets ------------------------------------------------------


def validate_group(group: str) -> bool:
    """``True`` if ``group`` matches the bootstrap group pattern; else raises
    :class:`InvalidOptionsError` (``invalid_group``)."""
    return _native.validate_group(group)


def validate_usages(usages: Sequence[str]) -> bool:
    """``True`` if every usage is known (``signing``, ``authentication``); else raises."""
    return _native.validate_usages(usages)


def validate_token_groups(usages: Sequence[str], groups: Sequence[str]) -> bool:
    """``True`` if the groups are valid for the usages (groups need authentication)."""
    return _native.validate_token_groups(usages, groups)


def validate_token_options(
    token: Optional[str] = None,
    *,
    flavour: Optional[str] = None,
    description: Optional[str] = None,
    ttl: Optional[Duration] = None,
    expires: Optional[Time] = None,
    usages: Optional[Strings] = None,
    groups: Optional[Strings] = None,
) -> bool:
    """``True`` if these options (defaults applied) make a valid token; else raises."""
    return _native.validate_token_options(
        token,
        flavour=flavour,
        description=description,
        ttl=ttl,
        expires=expires,
        usages=usages,
        groups=groups,
    )


def render_secret(
    token: Optional[str] = None,
    *,
    flavour: Optional[str] = None,
    description: Optional[str] = None,
    ttl: Optional[Duration] = None,
    expires: Optional[Time] = None,
    usages: Optional[Strings] = None,
    groups: Optional[Strings] = None,
    now: Optional[Time] = None,
    string_data: bool = False,
) -> SecretManifest:
    """The bootstrap-token Secret to create, like ``kubeadm token create``.

    ``token=None`` generates one (read it back with :func:`parse_secret`). Defaults:
    TTL 24h, usages ``signing,authentication``, the flavour's group (``kubeadm``,
    ``k3s``, ``rke2``, ``karmada``). ``now`` defaults to the current time.
    ``string_data=True`` writes ``stringData`` instead of base64 ``data``.
    """
    return SecretManifest(
        _native.render_secret(
            token,
            flavour=flavour,
            description=description,
            ttl=ttl,
            expires=expires,
            usages=usages,
            groups=groups,
            now=now,
            string_data=string_data,
        )
    )


def render_secret_yaml(
    token: Optional[str] = None,
    *,
    flavour: Optional[str] = None,
    description: Optional[str] = None,
    ttl: Optional[Duration] = None,
    expires: Optional[Time] = None,
    usages: Optional[Strings] = None,
    groups: Optional[Strings] = None,
    now: Optional[Time] = None,
    string_data: bool = False,
) -> str:
    """:func:`render_secret` as YAML text (``kubectl apply -f -`` ready)."""
    return _native.render_secret_yaml(
        token,
        flavour=flavour,
        description=description,
        ttl=ttl,
        expires=expires,
        usages=usages,
        groups=groups,
        now=now,
        string_data=string_data,
    )


def encode_token_secret(
    token: str,
    *,
    flavour: Optional[str] = None,
    description: Optional[str] = None,
    ttl: Optional[Duration] = None,
    expires: Optional[Time] = None,
    usages: Optional[Strings] = None,
    groups: Optional[Strings] = None,
    now: Optional[Time] = None,
    string_data: bool = False,
) -> SecretManifest:
    """kubeadm's ``BootstrapTokenToSecret``: the Secret exactly as given (no defaults,
    no validation)."""
    return SecretManifest(
        _native.encode_token_secret(
            token,
            flavour=flavour,
            description=description,
            ttl=ttl,
            expires=expires,
            usages=usages,
            groups=groups,
            now=now,
            string_data=string_data,
        )
    )


def parse_secret(secret: Union[Manifest, SecretManifest]) -> TokenSpec:
    """kubeadm's ``BootstrapTokenFromSecret``: the token stored in a Secret manifest
    (JSON/YAML text or dict; ``data`` and/or ``stringData``)."""
    if isinstance(secret, SecretManifest):
        secret = secret.to_dict()
    result: TokenSpec = TokenSpec._from_dict(_native.parse_secret(secret))
    return result


def parse_secret_list(
    secrets: Union[Manifest, list[Any]],
) -> list[Union[TokenSpec, KubetokenError]]:
    """Every bootstrap-token Secret in ``kubectl get secrets -o json|yaml`` output (or
    one Secret). A malformed item comes back as the :class:`KubetokenError` it would
    raise, in its slot; the others still parse."""
    out: list[Union[TokenSpec, KubetokenError]] = []
    for item in _native.parse_secret_list(secrets):
        out.append(item if isinstance(item, KubetokenError) else TokenSpec._from_dict(item))
    return out


# ---- helpers for the keyword-argument ops --------------------------------------------


def _manifest(m: Any) -> Any:
    return m.to_dict() if isinstance(m, SecretManifest) else m


def _manifests(ms: Any) -> Any:
    if isinstance(ms, (list, tuple)):
        return [_manifest(m) for m in ms]
    return _manifest(ms)


def _text(b: Any) -> Any:
    return b.decode("utf-8") if isinstance(b, (bytes, bytearray)) else b


#: One Secret manifest: text, dict, or a rendered :class:`SecretManifest`.
SecretArg = Union[str, bytes, dict[str, Any], SecretManifest]
#: Several Secrets: a list of manifests, or one ``List`` manifest (text or dict).
SecretsArg = Union[Sequence[SecretArg], str, bytes, dict[str, Any]]


# ---- API server, controllers, listing, delete ----------------------------------------


def authenticate(token: str, secrets: SecretsArg, now: Optional[Time] = None) -> Authentication:
    """The kube-apiserver bootstrap-token authenticator over the given Secrets.

    Denials are answers: ``authenticated=False`` with a ``reason``. The presented token
    never appears in the result or in errors."""
    result: Authentication = Authentication._from_dict(
        _native.call("authenticate", {"token": token, "secrets": _manifests(secrets), "now": now})
    )
    return result


def get_groups(secret: SecretArg) -> list[str]:
    """``GetGroups``: ``system:bootstrappers`` plus the Secret's extra groups, sorted."""
    groups: list[str] = _native.call("get_groups", {"secret": _manifest(secret)})
    return groups


def token_expiration(secret: SecretArg, now: Optional[Time] = None) -> Expiration:
    """``GetExpiration``: time left and whether the token has expired."""
    result: Expiration = Expiration._from_dict(
        _native.call("token_expiration", {"secret": _manifest(secret), "now": now})
    )
    return result


def signing_credentials(secret: SecretArg, now: Optional[Time] = None) -> Optional[SigningCredentials]:
    """The BootstrapSigner's check: the ID and secret to sign with, or ``None``."""
    data = _native.call("signing_credentials", {"secret": _manifest(secret), "now": now})
    if data is None:
        return None
    result: SigningCredentials = SigningCredentials._from_dict(data)
    return result


def cleaner_action(secret: SecretArg, now: Optional[Time] = None) -> CleanerAction:
    """The TokenCleaner's decision for a Secret: delete, requeue or nothing."""
    result: CleanerAction = CleanerAction._from_dict(
        _native.call("cleaner_action", {"secret": _manifest(secret), "now": now})
    )
    return result


def list_tokens(
    secrets: SecretsArg,
    now: Optional[Time] = None,
    format: str = "text",
    flavour: str = "kubeadm",
) -> TokenList:
    """``kubeadm token list`` (or karmada/k3s/rke2) over Secrets, without a cluster.
    ``format`` is ``text``, ``json`` or ``yaml``."""
    result: TokenList = TokenList._from_dict(
        _native.call(
            "list_tokens",
            {"secrets": _manifests(secrets), "now": now, "format": format, "flavour": flavour},
        )
    )
    return result


def render_token_list(
    tokens: Sequence[Union[dict[str, Any], TokenSpec]],
    now: Optional[Time] = None,
    format: str = "text",
    flavour: str = "kubeadm",
) -> str:
    """The ``token list`` printer alone, over token objects (``{token, description?,
    expires?, usages?, groups?}`` or :class:`TokenSpec`)."""
    plain = [_token_object(t) for t in tokens]
    out: str = _native.call(
        "render_token_list", {"tokens": plain, "now": now, "format": format, "flavour": flavour}
    )
    return out


def _token_object(t: Union[dict[str, Any], TokenSpec]) -> dict[str, Any]:
    if isinstance(t, TokenSpec):
        d = t.to_dict()
        d.pop("id", None)  # derived from the token; not a token option
        return d
    return t


def delete_token_names(args: Sequence[str], flavour: str = "kubeadm") -> list[str]:
    """``token delete`` arguments (IDs or full tokens) → Secret names, all checked first."""
    names: list[str] = _native.call("delete_token_names", {"args": list(args), "flavour": flavour})
    return names


# ---- JWS, cluster-info discovery, join commands --------------------------------------


def compute_jws(content: Union[str, bytes], token_id: str, token_secret: Union[str, bytes]) -> str:
    """cluster-bootstrap ``ComputeDetachedSignature``: ``<header>..<signature>``."""
    return _native.compute_jws(content, token_id, token_secret)


def verify_jws(
    signature: str, content: Union[str, bytes], token_id: str, token_secret: Union[str, bytes]
) -> bool:
    """``DetachedTokenIsValid`` (constant-time; only the canonical form verifies)."""
    return _native.verify_jws(signature, content, token_id, token_secret)


def sign_cluster_info(
    configmap: Manifest, secrets: SecretsArg, now: Optional[Time] = None
) -> SignedClusterInfo:
    """The BootstrapSigner over the cluster-info ConfigMap: one ``jws-kubeconfig-<id>``
    per Secret that may sign."""
    result: SignedClusterInfo = SignedClusterInfo._from_dict(
        _native.call(
            "sign_cluster_info",
            {"configmap": configmap, "secrets": _manifests(secrets), "now": now},
        )
    )
    return result


def verify_cluster_info(
    configmap: Manifest, token: str, ca_cert_hashes: Sequence[str] = ()
) -> DiscoveryResult:
    """kubeadm join token discovery (without I/O): verify the signature and CA pins.
    Rejections are answers (``verified=False`` with a ``reason``)."""
    result: DiscoveryResult = DiscoveryResult._from_dict(
        _native.call(
            "verify_cluster_info",
            {"configmap": configmap, "token": token, "ca_cert_hashes": list(ca_cert_hashes)},
        )
    )
    return result


def join_command(
    token: Optional[str] = None,
    *,
    kubeconfig: Optional[Manifest] = None,
    context: Optional[str] = None,
    server: Optional[str] = None,
    ca_pem: Optional[Pem] = None,
    ca_cert_hashes: Optional[Sequence[str]] = None,
    control_plane: bool = False,
    certificate_key: Optional[str] = None,
    withhold_token: bool = False,
    withhold_certificate_key: bool = False,
    multiline: bool = False,
) -> str:
    """``kubeadm token create --print-join-command`` (without the final newline).
    Target: ``kubeconfig`` (+ ``context``), or ``server`` + ``ca_pem``, or ``server`` +
    ``ca_cert_hashes``."""
    out: str = _native.call(
        "join_command",
        {
            "token": token,
            "kubeconfig": kubeconfig,
            "context": context,
            "server": server,
            "ca_pem": _text(ca_pem),
            "ca_cert_hashes": None if ca_cert_hashes is None else list(ca_cert_hashes),
            "control_plane": control_plane,
            "certificate_key": certificate_key,
            "withhold_token": withhold_token,
            "withhold_certificate_key": withhold_certificate_key,
            "multiline": multiline,
        },
    )
    return out


def register_command(
    token: str,
    *,
    kubeconfig: Optional[Manifest] = None,
    context: Optional[str] = None,
    server: Optional[str] = None,
    ca_pem: Optional[Pem] = None,
    ca_cert_hashes: Optional[Sequence[str]] = None,
    parent_command: Optional[str] = None,
) -> str:
    """``karmadactl token create --print-register-command`` (without the final newline)."""
    out: str = _native.call(
        "register_command",
        {
            "token": token,
            "kubeconfig": kubeconfig,
            "context": context,
            "server": server,
            "ca_pem": _text(ca_pem),
            "ca_cert_hashes": None if ca_cert_hashes is None else list(ca_cert_hashes),
            "parent_command": parent_command,
        },
    )
    return out


def parse_kubeconfig(kubeconfig: Manifest) -> Kubeconfig:
    """The clusters and contexts of a kubeconfig (users are never read)."""
    result: Kubeconfig = Kubeconfig._from_dict(
        _native.call("parse_kubeconfig", {"kubeconfig": kubeconfig})
    )
    return result


def cluster_info_kubeconfig(server: str, ca_pem: Pem) -> str:
    """The ``kubeconfig`` kubeadm puts in the cluster-info ConfigMap."""
    out: str = _native.call("cluster_info_kubeconfig", {"server": server, "ca_pem": _text(ca_pem)})
    return out


# ---- CA pins, k3s/rke2 -----------------------------------------------------------------


def ca_cert_hashes(pem: Pem) -> list[str]:
    """kubeadm's CA pins: ``sha256:<hex>`` of each certificate's SubjectPublicKeyInfo."""
    out: list[str] = _native.call("ca_cert_hashes", {"pem": _text(pem)})
    return out


def parse_ca_pins(pins: Sequence[str]) -> list[str]:
    """Checks ``--discovery-token-ca-cert-hash`` values (``pubkeypin.Set.Allow``);
    returns them in canonical form or raises ``invalid_hash``."""
    out: list[str] = _native.call("parse_ca_pins", {"pins": list(pins)})
    return out


def check_ca_pins(pins: Sequence[str], pem: Pem) -> PinCheck:
    """Whether any certificate of ``pem`` is pinned (an answer, not an error)."""
    result: PinCheck = PinCheck._from_dict(
        _native.call("check_ca_pins", {"pins": list(pins), "pem": _text(pem)})
    )
    return result


def parse_k3s_token(token: str) -> K3sToken:
    """Parses a k3s/rke2 token (``K10<hash>::<id>.<secret>``, ``K10<hash>::<user>:<password>``
    or a bare token/password)."""
    result: K3sToken = K3sToken._from_dict(_native.call("parse_k3s_token", {"token": token}))
    return result


def k3s_ca_hash(bundle: Pem, now: Optional[Time] = None) -> K3sCaHash:
    """The CA hash k3s puts in its ``K10`` tokens for this CA bundle."""
    result: K3sCaHash = K3sCaHash._from_dict(
        _native.call("k3s_ca_hash", {"bundle": _text(bundle), "now": now})
    )
    return result


def format_k3s_token(credentials: str, bundle: Pem, now: Optional[Time] = None) -> str:
    """``K10<ca hash>::<credentials>`` for this CA bundle."""
    out: str = _native.call(
        "format_k3s_token", {"credentials": credentials, "bundle": _text(bundle), "now": now}
    )
    return out


def k3s_token_string(
    token: str, user: Optional[str] = None, bundle: Optional[Pem] = None, now: Optional[Time] = None
) -> str:
    """The token as k3s writes it back (with the CA hash of ``bundle`` when given)."""
    out: str = _native.call(
        "k3s_token_string",
        {"token": token, "user": user, "bundle": _text(bundle), "now": now},
    )
    return out


def verify_k3s_ca(
    token: str, user: Optional[str] = None, bundle: Optional[Pem] = None, now: Optional[Time] = None
) -> K3sCaCheck:
    """An agent's check of the server's CA bundle against the token's CA hash."""
    result: K3sCaCheck = K3sCaCheck._from_dict(
        _native.call(
            "verify_k3s_ca", {"token": token, "user": user, "bundle": _text(bundle), "now": now}
        )
    )
    return result


def k3s_credentials(token: str, user: Optional[str] = None) -> K3sCredentials:
    """The Authorization header an agent sends for this token."""
    result: K3sCredentials = K3sCredentials._from_dict(
        _native.call("k3s_credentials", {"token": token, "user": user})
    )
    return result


def k3s_normalize_token(token: str) -> str:
    """The passphrase k3s derives keys from (the token without ``K10<hash>::``)."""
    out: str = _native.call("k3s_normalize_token", {"token": token})
    return out


def k3s_passwd_password(name: str, passwd: str) -> Optional[str]:
    """The password of user ``name`` in a k3s ``passwd`` file's text, or ``None``."""
    out: Optional[str] = _native.call("k3s_passwd_password", {"name": name, "passwd": passwd})
    return out


def k3s_token_hash(passphrase: str) -> str:
    """The hash k3s stores to recognise a token."""
    out: str = _native.call("k3s_token_hash", {"passphrase": passphrase})
    return out


def k3s_storage_key(passphrase: str) -> str:
    """The datastore key k3s keeps its bootstrap data under for this passphrase."""
    out: str = _native.call("k3s_storage_key", {"passphrase": passphrase})
    return out


def k3s_token_generate() -> str:
    """What ``k3s token generate`` prints: a new random token and a newline."""
    out: str = _native.call("k3s_token_generate", {})
    return out


def k3s_decrypt(passphrase: str, value: Union[str, bytes]) -> str:
    """Decrypts k3s bootstrap data (PBKDF2 + AES-GCM); raises ``CryptoError``."""
    out: str = _native.call("k3s_decrypt", {"passphrase": passphrase, "value": _text(value)})
    return out


def k3s_token_opens(token: str, value: Union[str, bytes]) -> bool:
    """Whether ``token`` decrypts this bootstrap data."""
    out: bool = _native.call("k3s_token_opens", {"token": token, "value": _text(value)})
    return out


def k3s_token_create_output(token: str, bundle: Pem, now: Optional[Time] = None) -> str:
    """What ``k3s token create`` prints for this token and CA bundle."""
    out: str = _native.call(
        "k3s_token_create_output", {"token": token, "bundle": _text(bundle), "now": now}
    )
    return out
