"""The public functions: thin wrappers over the native module.

Argument conversion (``datetime``/``timedelta``/``bytes``/``dict``) and every rule live
in Rust (``kubetoken._native`` over the ``kubetoken`` crate); this layer only wraps JSON
results into the typed result classes of :mod:`kubetoken._types`.
"""

from __future__ import annotations

import datetime as _dt
from typing import Optional, Union

from . import _native
from ._types import BootstrapToken

#: A point in time: an RFC3339 string or a timezone-aware ``datetime``.
Time = Union[str, _dt.datetime]
#: A span of time: a Go duration string (``"24h"``, ``"90m"``, ``"0"``) or a ``timedelta``.
Duration = Union[str, _dt.timedelta]
#: PEM text.
Pem = Union[str, bytes]


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
