"""Result classes: small, frozen, secret-free in ``repr``/``str``, with ``to_dict()``.

Each class's fields are exactly the JSON result shape of ``docs/api.md`` (the shape the
shared conformance vectors use), so ``result.to_dict()`` is what the Rust core and the
npm package return for the same call.
"""

from __future__ import annotations

import copy
import dataclasses
from typing import Any, ClassVar, Optional

#: What kubetoken prints instead of a secret.
MASK = "****************"


def _plain(value: Any) -> Any:
    if isinstance(value, _Result):
        return value.to_dict()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


@dataclasses.dataclass(frozen=True)
class _Result:
    """Base of the result classes."""

    #: Fields whose values are secrets: shown as ``MASK`` by ``repr``.
    _secret_fields: ClassVar[frozenset[str]] = frozenset()
    #: Python attribute name → JSON key, where they differ.
    _json_names: ClassVar[dict[str, str]] = {}

    #: Optional fields left out of ``to_dict()`` when ``None`` (absent in the JSON shape).
    _omit_if_none: ClassVar[frozenset[str]] = frozenset()

    @classmethod
    def _field_names(cls) -> tuple[str, ...]:
        names: Optional[tuple[str, ...]] = cls.__dict__.get("_names_cache")
        if names is None:
            names = tuple(f.name for f in dataclasses.fields(cls))
            setattr(cls, "_names_cache", names)
        return names

    #: Fields holding nested results: field name → result class (or ``list`` of it).
    _nested: ClassVar[dict[str, Any]] = {}

    def to_dict(self) -> dict[str, Any]:
        """The result as plain JSON-compatible data (secrets included): exactly the JSON
        shape of docs/api.md."""
        raw = self.__dict__.get("_raw")
        if raw is not None:
            return copy.deepcopy(raw)
        return {
            self._json_names.get(f.name, f.name): _plain(getattr(self, f.name))
            for f in dataclasses.fields(self)
            if not (f.name in self._omit_if_none and getattr(self, f.name) is None)
        }

    @classmethod
    def _from_dict(cls, data: dict[str, Any]) -> Any:
        kwargs: dict[str, Any] = {}
        for name in cls._field_names():
            value = data.get(cls._json_names.get(name, name))
            nested = cls._nested.get(name)
            if nested is not None and value is not None:
                if isinstance(nested, list):
                    value = [nested[0]._from_dict(v) for v in value]
                else:
                    value = nested._from_dict(value)
            kwargs[name] = value
        obj = cls(**kwargs)
        # `data` is a fresh object from the native module: keep it as the exact JSON
        # shape; to_dict() hands out deep copies.
        object.__setattr__(obj, "_raw", data)
        return obj

    def __repr__(self) -> str:
        parts = []
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            shown = self._mask(f.name, value) if f.name in self._secret_fields else repr(value)
            parts.append(f"{f.name}={shown}")
        return f"{type(self).__name__}({', '.join(parts)})"

    __str__ = __repr__

    @staticmethod
    def _mask(name: str, value: Any) -> str:
        if not value:
            return repr(value)
        if isinstance(value, str) and "." in value and name == "token":
            return repr(value.split(".", 1)[0] + "." + MASK)
        return MASK


@dataclasses.dataclass(frozen=True, repr=False)
class BootstrapToken(_Result):
    """A parsed bootstrap token ``<id>.<secret>``.

    ``str()``/``repr()`` mask the secret (``abcdef.****************``); use
    :meth:`expose` for the full token string.
    """

    _secret_fields: ClassVar[frozenset[str]] = frozenset({"secret"})

    id: str
    secret: str

    def expose(self) -> str:
        """The full ``<id>.<secret>`` string. Handle with care."""
        return f"{self.id}.{self.secret}"

    def masked(self) -> str:
        """``<id>.****************``: safe to print or log."""
        return f"{self.id}.{MASK}"

    def __str__(self) -> str:
        return self.masked()


@dataclasses.dataclass(frozen=True, repr=False)
class TokenSpec(_Result):
    """A bootstrap token as stored in its Secret (kubeadm's ``BootstrapToken``).

    ``token`` holds the full token: ``repr()`` masks it.
    """

    _secret_fields: ClassVar[frozenset[str]] = frozenset({"token"})
    _omit_if_none: ClassVar[frozenset[str]] = frozenset({"ttl"})

    token: str
    id: str
    description: str
    expires: Optional[str]
    usages: list[str]
    groups: list[str]
    ttl: Optional[str] = None


@dataclasses.dataclass(frozen=True, repr=False)
class User(_Result):
    """An authenticated bootstrap-token user (``system:bootstrap:<id>``)."""

    name: str
    groups: list[str]


@dataclasses.dataclass(frozen=True, repr=False)
class Authentication(_Result):
    """The answer of the API server's bootstrap-token authenticator.

    ``authenticated`` is ``False`` with a ``reason`` code (``malformed_token``,
    ``not_found``, ``deleted``, ``wrong_type``, ``secret_mismatch``,
    ``token_id_mismatch``, ``expired``, ``not_for_authentication``, ``invalid_groups``).
    """

    _nested: ClassVar[dict[str, Any]] = {"user": User}

    authenticated: bool
    user: Optional[User]
    reason: Optional[str]


@dataclasses.dataclass(frozen=True, repr=False)
class Expiration(_Result):
    """``GetExpiration``: the time left (Go duration) and whether it has expired."""

    remaining: str
    expired: bool


@dataclasses.dataclass(frozen=True, repr=False)
class SigningCredentials(_Result):
    """The ID and secret the BootstrapSigner signs cluster-info with."""

    _secret_fields: ClassVar[frozenset[str]] = frozenset({"token_secret"})

    token_id: str
    token_secret: str


@dataclasses.dataclass(frozen=True, repr=False)
class CleanerAction(_Result):
    """What the TokenCleaner does with a Secret: ``action`` is ``delete`` (with
    ``namespace``, ``name``, ``uid``), ``requeue`` (``after``, a Go duration) or
    ``none``."""

    action: str
    namespace: Optional[str] = None
    name: Optional[str] = None
    uid: Optional[str] = None
    after: Optional[str] = None


@dataclasses.dataclass(frozen=True, repr=False)
class ListError(_Result):
    """A Secret ``list_tokens`` could not decode (and skipped)."""

    code: str
    message: str


@dataclasses.dataclass(frozen=True, repr=False)
class TokenList(_Result):
    """``token list`` output. ``output`` holds full tokens for kubeadm/karmada (as
    upstream prints them); ``repr()`` hides it."""

    _secret_fields: ClassVar[frozenset[str]] = frozenset({"output"})
    _nested: ClassVar[dict[str, Any]] = {"errors": [ListError]}

    output: str
    errors: list[ListError]


@dataclasses.dataclass(frozen=True, repr=False)
class SignedClusterInfo(_Result):
    """The BootstrapSigner's cluster-info ConfigMap and whether it changed."""

    changed: bool
    configmap: dict[str, Any]


@dataclasses.dataclass(frozen=True, repr=False)
class DiscoveryResult(_Result):
    """kubeadm join's token discovery over a cluster-info ConfigMap.

    ``verified`` is ``False`` with a ``reason`` (``no_kubeconfig``, ``no_signature``,
    ``bad_signature``, ``ca_not_pinned``) and a ``message``; otherwise the fields from
    ``server`` to ``kubeconfig`` are set.
    """

    verified: bool
    server: Optional[str] = None
    cluster_name: Optional[str] = None
    ca_pem: Optional[str] = None
    ca_cert_hashes: Optional[list[str]] = None
    pinned: Optional[bool] = None
    kubeconfig: Optional[str] = None
    reason: Optional[str] = None
    message: Optional[str] = None


@dataclasses.dataclass(frozen=True, repr=False)
class Kubeconfig(_Result):
    """The parts of a kubeconfig kubetoken reads (users are never read)."""

    current_context: str
    clusters: list[dict[str, Any]]
    contexts: list[dict[str, Any]]


@dataclasses.dataclass(frozen=True, repr=False)
class PinCheck(_Result):
    """``pubkeypin.Set.CheckAny`` over a PEM bundle: ``pinned``, or not with the
    computed ``hashes`` and kubeadm's ``message``."""

    pinned: bool
    message: Optional[str] = None
    hashes: Optional[list[str]] = None


@dataclasses.dataclass(frozen=True, repr=False)
class K3sToken(_Result):
    """A parsed k3s/rke2 token (``K10<ca hash>::<credentials>`` or a bare one).

    ``kind`` is ``bootstrap`` (``token``/``token_id`` set) or ``password``
    (``username``/``password`` set). ``repr()`` masks the token and the password.
    """

    _secret_fields: ClassVar[frozenset[str]] = frozenset({"token", "password"})

    ca_hash: Optional[str]
    kind: str
    token_id: Optional[str]
    token: Optional[str]
    username: Optional[str]
    password: Optional[str]


@dataclasses.dataclass(frozen=True, repr=False)
class K3sCaHash(_Result):
    """The CA hash a k3s server puts in its ``K10`` tokens, and how it was computed."""

    hash: str
    method: str


@dataclasses.dataclass(frozen=True, repr=False)
class K3sCaCheck(_Result):
    """An agent's check of the server CA against the token's hash (an answer: ``ok``
    with a ``status``; never an exception)."""

    ok: bool
    status: str
    token_hash: Optional[str]
    computed_hash: Optional[str]
    warning: Optional[str]
    message: Optional[str]
    username: Optional[str]


@dataclasses.dataclass(frozen=True, repr=False)
class K3sCredentials(_Result):
    """The HTTP credentials an agent presents (``header`` is the full Authorization
    value: ``repr()`` masks it)."""

    _secret_fields: ClassVar[frozenset[str]] = frozenset({"header"})

    scheme: str
    username: Optional[str]
    header: str


class SecretManifest:
    """A rendered bootstrap-token Secret manifest (``apiVersion: v1, kind: Secret``).

    Immutable; :meth:`to_dict` returns a fresh plain ``dict`` for ``kubectl``, the
    ``kubernetes`` client, ``json.dumps`` or ``yaml.safe_dump``. ``repr()`` shows the
    name and keys, never the token secret.
    """

    __slots__ = ("_manifest",)
    _manifest: dict[str, Any]

    def __init__(self, manifest: dict[str, Any]) -> None:
        object.__setattr__(self, "_manifest", copy.deepcopy(manifest))

    def __setattr__(self, name: str, value: Any) -> None:
        raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")

    def to_dict(self) -> dict[str, Any]:
        """The manifest as a plain ``dict`` (a copy; contains the base64 token secret)."""
        return copy.deepcopy(self._manifest)

    @property
    def name(self) -> str:
        """``metadata.name`` (``bootstrap-token-<id>``)."""
        return str(self._manifest.get("metadata", {}).get("name", ""))

    @property
    def namespace(self) -> str:
        """``metadata.namespace`` (``kube-system``)."""
        return str(self._manifest.get("metadata", {}).get("namespace", ""))

    @property
    def type(self) -> str:
        """``type`` (``bootstrap.kubernetes.io/token``)."""
        return str(self._manifest.get("type", ""))

    def keys(self) -> list[str]:
        """The ``data`` (or ``stringData``) keys, sorted like Go's map order."""
        data = self._manifest.get("data") or self._manifest.get("stringData") or {}
        return sorted(data)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, SecretManifest):
            return self._manifest == other._manifest
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.name)

    def __repr__(self) -> str:
        return (
            f"SecretManifest(name={self.name!r}, namespace={self.namespace!r}, "
            f"type={self.type!r}, keys={self.keys()!r})"
        )

    __str__ = __repr__

    def __reduce__(self) -> tuple[Any, ...]:
        return (SecretManifest, (self._manifest,))
