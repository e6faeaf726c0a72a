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

    def to_dict(self) -> dict[str, Any]:
        """The result as plain JSON-compatible data (secrets included)."""
        return {
            self._json_names.get(f.name, f.name): _plain(getattr(self, f.name))
            for f in dataclasses.fields(self)
            if not (f.name in self._omit_if_none and getattr(self, f.name) is None)
        }

    @classmethod
    def _from_dict(cls, data: dict[str, Any]) -> Any:
        back = {v: k for k, v in cls._json_names.items()}
        return cls(**{back.get(k, k): v for k, v in data.items()})

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
