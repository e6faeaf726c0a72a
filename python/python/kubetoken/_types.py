"""Result classes: small, frozen, secret-free in ``repr``/``str``, with ``to_dict()``.

Each class's fields are exactly the JSON result shape of ``docs/api.md`` (the shape the
shared conformance vectors use), so ``result.to_dict()`` is what the Rust core and the
npm package return for the same call.
"""

from __future__ import annotations

import dataclasses
from typing import Any, ClassVar

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

    def to_dict(self) -> dict[str, Any]:
        """The result as plain JSON-compatible data (secrets included)."""
        return {
            self._json_names.get(f.name, f.name): _plain(getattr(self, f.name))
            for f in dataclasses.fields(self)
        }

    @classmethod
    def _from_dict(cls, data: dict[str, Any]) -> Any:
        back = {v: k for k, v in cls._json_names.items()}
        return cls(**{back.get(k, k): v for k, v in data.items()})

    def __repr__(self) -> str:
        parts = []
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            shown = MASK if f.name in self._secret_fields and value else repr(value)
            parts.append(f"{f.name}={shown}")
        return f"{type(self).__name__}({', '.join(parts)})"

    __str__ = __repr__


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
