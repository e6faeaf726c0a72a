# Stubs for the Rust extension module kubetoken._native (hand-written; checked by
# `python -m mypy.stubtest kubetoken`). Results are the JSON shapes of docs/api.md.
import datetime
from typing import Any, Optional, Sequence, Union

__all__ = [
    "ERROR_CODES",
    "__version__",
    "call",
    "compute_jws",
    "encode_token_secret",
    "generate_token",
    "is_valid_token",
    "is_valid_token_id",
    "parse_duration",
    "parse_rfc3339",
    "parse_secret",
    "parse_secret_list",
    "parse_secret_name",
    "parse_token",
    "render_secret",
    "render_secret_yaml",
    "secret_name",
    "short_human_duration",
    "validate_group",
    "validate_token_groups",
    "validate_token_options",
    "validate_usages",
    "verify_jws",
]

__version__: str
ERROR_CODES: list[tuple[str, str]]

_Time = Union[str, datetime.datetime]
_Duration = Union[str, datetime.timedelta]

def generate_token() -> str: ...
def parse_token(token: str) -> dict[str, Any]: ...
def is_valid_token(token: str) -> bool: ...
def is_valid_token_id(token_id: str) -> bool: ...
def secret_name(token_id: str) -> str: ...
def parse_secret_name(name: str) -> Optional[str]: ...
def parse_duration(duration: _Duration) -> str: ...
def short_human_duration(duration: _Duration) -> str: ...
def parse_rfc3339(timestamp: _Time) -> str: ...
_Strings = Union[Sequence[str], str]

def validate_group(group: str) -> bool: ...
def validate_usages(usages: Sequence[str]) -> bool: ...
def validate_token_groups(usages: Sequence[str], groups: Sequence[str]) -> bool: ...
def validate_token_options(
    token: Optional[str] = None,
    *,
    flavour: Optional[str] = None,
    description: Optional[str] = None,
    ttl: Optional[_Duration] = None,
    expires: Optional[_Time] = None,
    usages: Optional[_Strings] = None,
    groups: Optional[_Strings] = None,
) -> bool: ...
def render_secret(
    token: Optional[str] = None,
    *,
    flavour: Optional[str] = None,
    description: Optional[str] = None,
    ttl: Optional[_Duration] = None,
    expires: Optional[_Time] = None,
    usages: Optional[_Strings] = None,
    groups: Optional[_Strings] = None,
    now: Optional[_Time] = None,
    string_data: bool = False,
) -> dict[str, Any]: ...
def render_secret_yaml(
    token: Optional[str] = None,
    *,
    flavour: Optional[str] = None,
    description: Optional[str] = None,
    ttl: Optional[_Duration] = None,
    expires: Optional[_Time] = None,
    usages: Optional[_Strings] = None,
    groups: Optional[_Strings] = None,
    now: Optional[_Time] = None,
    string_data: bool = False,
) -> str: ...
def encode_token_secret(
    token: str,
    *,
    flavour: Optional[str] = None,
    description: Optional[str] = None,
    ttl: Optional[_Duration] = None,
    expires: Optional[_Time] = None,
    usages: Optional[_Strings] = None,
    groups: Optional[_Strings] = None,
    now: Optional[_Time] = None,
    string_data: bool = False,
) -> dict[str, Any]: ...
def parse_secret(secret: Union[str, bytes, dict[str, Any]]) -> dict[str, Any]: ...
def parse_secret_list(secrets: Union[str, bytes, dict[str, Any], list[Any]]) -> list[Any]: ...
def call(op: str, kwargs: dict[str, Any]) -> Any: ...
def compute_jws(content: Union[str, bytes], token_id: str, token_secret: Union[str, bytes]) -> str: ...
def verify_jws(
    signature: str, content: Union[str, bytes], token_id: str, token_secret: Union[str, bytes]
) -> bool: ...
