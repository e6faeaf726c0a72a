"""Exceptions raised by kubetoken.

Every error is a :class:`KubetokenError` (a :class:`ValueError`) with a stable
machine-readable ``.code`` (``"invalid_token"``, ``"invalid_duration"``, ...). The class
is chosen by the error's family, so callers can catch broadly or narrowly::

    try:
        kubetoken.parse_token(text)
    except kubetoken.InvalidTokenError as e:
        print(e.code)  # "invalid_token"

Messages never contain a token secret, password or K10 credential.

Answers are not errors: a denied authentication, an invalid signature or a CA hash
mismatch come back as results carrying a reason.
"""


class KubetokenError(ValueError):
    """Base class of every kubetoken error; ``.code`` is the stable error code."""

    code: str

    def __init__(self, message: str, code: str = "") -> None:
        super().__init__(message)
        self.code = code

    def __reduce__(self) -> "tuple[type[KubetokenError], tuple[str, str]]":
        return (type(self), (str(self), self.code))


class InvalidTokenError(KubetokenError):
    """A bootstrap token, token ID or k3s ``K10`` token is malformed."""


class InvalidOptionsError(KubetokenError):
    """A group, usage, duration, timestamp or combination of options is invalid."""


class InvalidSecretError(KubetokenError):
    """A Secret manifest is malformed or is not a bootstrap-token Secret."""


class InvalidManifestError(KubetokenError):
    """A ConfigMap (cluster-info) or kubeconfig is malformed."""


class InvalidCertificateError(KubetokenError):
    """PEM text, a certificate or a CA hash / public-key pin is invalid."""


class CryptoError(KubetokenError):
    """Decryption failed, a ciphertext is malformed, or the OS random source failed."""


class InputTooLargeError(KubetokenError):
    """An input exceeds its documented size cap (1 MiB for manifests and PEM)."""


class UnsupportedError(KubetokenError):
    """Something valid that kubetoken deliberately does not support (yet)."""


__all__ = [
    "KubetokenError",
    "InvalidTokenError",
    "InvalidOptionsError",
    "InvalidSecretError",
    "InvalidManifestError",
    "InvalidCertificateError",
    "CryptoError",
    "InputTooLargeError",
    "UnsupportedError",
]
