"""``SecretDict``: the ``dict`` that results carrying a secret come back as.

It is a plain ``dict`` in every way that serialises (``json.dumps``, Ansible's
``exit_json``, ``pickle``, ``copy``, ``==`` with a ``dict``) and its ``repr``/``str``
mask the secret fields (``secret``, ``token``, ``token_secret``, ``token-secret``,
``password``, ``header``, ``output``) at any depth. PyYAML's dumpers look classes up by
exact type, so once ``yaml`` is imported the class is registered with them as a plain
mapping (``yaml.safe_dump`` writes the real values, as for a ``dict``).
"""

import sys

#: What kubetoken prints instead of a secret.
MASK = "****************"

_SECRET_KEYS = frozenset(
    {
        "secret",
        "token",
        "token_secret",
        "token-secret",
        "password",
        "header",
        "output",
        "command",
        "install",
        "config",
        "new_token",
        "new_passphrase",
    }
)


def _shown(key: object, value: object) -> str:
    if key in _SECRET_KEYS and isinstance(value, str) and value:
        head, dot, _ = value.partition(".")
        if key == "token" and dot and len(head) == 6:
            return repr(f"{head}.{MASK}")
        return MASK
    return _masked(value)


def _masked(value: object) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k!r}: {_shown(k, v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_masked(v) for v in value) + "]"
    return repr(value)


class SecretDict(dict):  # type: ignore[type-arg]
    """A result ``dict`` that holds a secret; ``repr``/``str`` mask it."""

    __slots__ = ()

    def __repr__(self) -> str:
        return _masked(self)

    __str__ = __repr__


def _register_yaml() -> bool:
    """Registers ``SecretDict`` as a mapping with PyYAML's dumpers, once it is loaded."""
    yaml = sys.modules.get("yaml")
    representer = getattr(yaml, "representer", None)
    safe = getattr(representer, "SafeRepresenter", None)
    if safe is None:
        return False
    for name in ("SafeDumper", "Dumper", "CSafeDumper", "CDumper"):
        dumper = getattr(yaml, name, None)
        if dumper is not None:
            dumper.add_representer(SecretDict, safe.represent_dict)
    for cls in (safe, getattr(representer, "Representer", None)):
        if cls is not None:
            cls.add_representer(SecretDict, safe.represent_dict)
    return True


_register_yaml()
