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
from ._types import BootstrapToken, SecretManifest, TokenSpec

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
