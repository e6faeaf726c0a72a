"""kubetoken: mint, check, render and verify Kubernetes join tokens.

kubeadm/k8s bootstrap tokens (``[a-z0-9]{6}.[a-z0-9]{16}``) and k3s/rke2 ``K10``
tokens, byte-compatible with the upstream Go code. The rules live in one Rust core
shared with the Rust crate and the npm package; this package is a thin binding with
the same function names (``docs/api.md``).

>>> import kubetoken
>>> kubetoken.parse_token("abcdef.0123456789abcdef")
BootstrapToken(id='abcdef', secret=****************)

Errors are :class:`KubetokenError` subclasses with ``.code``; ``repr``/``str`` of every
result and every error message are free of token secrets and passwords.
"""
# The names below mirror _api.py, _types.py and _errors.py; add new functions to
# the import and to __all__ (test_api checks that every _api function is exported).

from __future__ import annotations

from ._api import (
    Duration,
    Manifest,
    Pem,
    Strings,
    Time,
    encode_token_secret,
    generate_token,
    is_valid_token,
    is_valid_token_id,
    parse_duration,
    parse_rfc3339,
    parse_secret,
    parse_secret_list,
    parse_secret_name,
    parse_token,
    render_secret,
    render_secret_yaml,
    secret_name,
    short_human_duration,
    validate_group,
    validate_token_groups,
    validate_token_options,
    validate_usages,
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
from ._types import (
    MASK,
    BootstrapToken,
    SecretManifest,
    TokenSpec,
)

__all__ = [
    "__version__",
    "ERROR_CODES",
    "MASK",
    "BootstrapToken",
    "SecretManifest",
    "TokenSpec",
    "Time",
    "Duration",
    "Pem",
    "Manifest",
    "Strings",
    "KubetokenError",
    "InvalidTokenError",
    "InvalidOptionsError",
    "InvalidSecretError",
    "InvalidManifestError",
    "InvalidCertificateError",
    "CryptoError",
    "InputTooLargeError",
    "UnsupportedError",
    "generate_token",
    "parse_token",
    "is_valid_token",
    "is_valid_token_id",
    "secret_name",
    "parse_secret_name",
    "parse_duration",
    "short_human_duration",
    "parse_rfc3339",
    "validate_group",
    "validate_usages",
    "validate_token_groups",
    "validate_token_options",
    "render_secret",
    "render_secret_yaml",
    "encode_token_secret",
    "parse_secret",
    "parse_secret_list",
]
