"""kubetoken: mint, check, render and verify Kubernetes join tokens.

kubeadm/k8s bootstrap tokens (``[a-z0-9]{6}.[a-z0-9]{16}``) and k3s/rke2 ``K10``
tokens, byte-compatible with the upstream Go code. The rules live in one Rust core
shared with the Rust crate and the npm package; this package is a thin binding.

>>> import kubetoken
>>> t = kubetoken.parse_token("abcdef.0123456789abcdef")
>>> t
BootstrapToken(id='abcdef', secret=****************)
"""

from __future__ import annotations

from ._api import (
    Duration,
    Pem,
    Time,
    generate_token,
    is_valid_token,
    is_valid_token_id,
    parse_duration,
    parse_rfc3339,
    parse_secret_name,
    parse_token,
    secret_name,
    short_human_duration,
)
from ._errors import (
    CryptoError,
    InputTooLargeError,
    InvalidCertificateError,
    InvalidManifestError,
    InvalidOptionsError,
    InvalidSecretError,
    InvalidTokenError,
    KubetokenError,
    UnsupportedError,
)
from ._native import ERROR_CODES, __version__
from ._types import MASK, BootstrapToken

__all__ = [
    "__version__",
    "ERROR_CODES",
    "MASK",
    # types
    "BootstrapToken",
    "Duration",
    "Pem",
    "Time",
    # errors
    "KubetokenError",
    "InvalidTokenError",
    "InvalidOptionsError",
    "InvalidSecretError",
    "InvalidManifestError",
    "InvalidCertificateError",
    "CryptoError",
    "InputTooLargeError",
    "UnsupportedError",
    # tokens
    "generate_token",
    "parse_token",
    "is_valid_token",
    "is_valid_token_id",
    "secret_name",
    "parse_secret_name",
    "parse_duration",
    "short_human_duration",
    "parse_rfc3339",
]
