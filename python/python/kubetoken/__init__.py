"""kubetoken: mint, check, render and verify Kubernetes join tokens.

kubeadm/k8s bootstrap tokens (``[a-z0-9]{6}.[a-z0-9]{16}``) and k3s/rke2 ``K10``
tokens, byte-compatible with the upstream Go code. The rules live in one Rust core
shared with the Rust crate and the npm package; the functions here are that core's,
with the same names and argument order (``docs/api.md``).

>>> import kubetoken
>>> kubetoken.parse_token("abcdef.0123456789abcdef")
{'id': 'abcdef', 'secret': ****************}

Results are plain ``dict``/``list``/``str`` values (``json.dumps``-able as they are);
the few that carry a secret are a :class:`SecretDict`, a ``dict`` whose ``repr``
masks it. Errors are :class:`KubetokenError` subclasses with ``.code``. Types for
mypy are in ``__init__.pyi``.
"""

from . import _native
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
from ._native import *  # noqa: F403 (the functions of docs/api.md)
from ._native import __version__
from ._secret import MASK, SecretDict

__all__ = [
    "__version__",
    "MASK",
    "SecretDict",
    "KubetokenError",
    "InvalidTokenError",
    "InvalidOptionsError",
    "InvalidSecretError",
    "InvalidManifestError",
    "InvalidCertificateError",
    "CryptoError",
    "InputTooLargeError",
    "UnsupportedError",
    *(name for name in dir(_native) if not name.startswith("_")),
]
