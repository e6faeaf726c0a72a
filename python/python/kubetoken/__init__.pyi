# Types of the kubetoken package (the functions are the Rust extension kubetoken._native).
# Checked by `python -m mypy.stubtest kubetoken` against the runtime, and by
# tests/test_types.py against the results the core actually returns (every vector case
# and sample call: keys and value types of each TypedDict below).
import datetime
from typing import Any, Mapping, Optional, Sequence, Union

from typing_extensions import NotRequired, TypedDict

from ._errors import (
    CryptoError as CryptoError,
    InputTooLargeError as InputTooLargeError,
    InvalidCertificateError as InvalidCertificateError,
    InvalidManifestError as InvalidManifestError,
    InvalidOptionsError as InvalidOptionsError,
    InvalidSecretError as InvalidSecretError,
    InvalidTokenError as InvalidTokenError,
    KubetokenError as KubetokenError,
    UnsupportedError as UnsupportedError,
)
from ._secret import MASK as MASK, SecretDict as SecretDict

__version__: str
ERROR_CODES: list[tuple[str, str]]

# ---- argument types ----------------------------------------------------------------------

#: A point in time: an RFC3339 string or a timezone-aware ``datetime``.
Time = Union[str, datetime.datetime]
#: A span of time: a Go duration string (``"24h"``, ``"90m"``, ``"0"``) or a ``timedelta``.
Duration = Union[str, datetime.timedelta]
#: A ``ttl``: a Duration, or an ``int`` number of **milliseconds** (docs/api.md's JSON form).
Ttl = Union[str, datetime.timedelta, int]
#: Bytes or text (PEM bundles, JWS content and secrets, ciphertexts): hashed as bytes.
Bytes = Union[str, bytes, bytearray]
#: A manifest: JSON or YAML text (``str``/``bytes``), or the parsed object.
Manifest = Union[str, bytes, bytearray, Mapping[str, Any]]
#: Several Secrets: a sequence of manifests, or one ``List`` manifest.
Secrets = Union[Manifest, Sequence[Manifest]]
#: A list option: a sequence of strings or one comma-separated string.
Strings = Union[Sequence[str], str]

# ---- result types: the core's Rust result types as they serialise (docs/api.md) ---------------------------------------

class BootstrapToken(TypedDict):  # Rust: kubetoken::token::TokenParts
    id: str
    secret: str

class TokenSpec(TypedDict):  # Rust: kubetoken::options::TokenInfo
    token: str
    id: str
    description: str
    ttl: NotRequired[str]
    expires: Optional[str]
    usages: list[str]
    groups: list[str]

class ListedError(TypedDict):  # Rust: kubetoken::options::SecretListEntry (error)
    error: str
    message: str

class SecretMetadata(TypedDict):  # Rust: kubetoken::secret::SecretManifest.metadata
    deletionTimestamp: NotRequired[str]
    name: str
    namespace: NotRequired[str]
    uid: NotRequired[str]

class SecretManifest(TypedDict):  # Rust: kubetoken::secret::SecretManifest
    apiVersion: str
    data: NotRequired[dict[str, str]]
    kind: str
    metadata: SecretMetadata
    stringData: NotRequired[dict[str, str]]
    type: NotRequired[str]

class User(TypedDict):  # Rust: kubetoken::authn::AuthenticationResult.user
    name: str
    groups: list[str]

class Authentication(TypedDict):  # Rust: kubetoken::authn::AuthenticationResult
    authenticated: bool
    user: Optional[User]
    reason: Optional[str]

class Expiration(TypedDict):  # Rust: kubetoken::authn::Expiration
    remaining: str
    expired: bool

class SigningCredentials(TypedDict):  # Rust: kubetoken::authn::SigningCredentials
    token_id: str
    token_secret: str

class CleanerAction(TypedDict):  # Rust: kubetoken::authn::CleanerAction
    action: str
    namespace: NotRequired[str]
    name: NotRequired[str]
    uid: NotRequired[Optional[str]]
    after: NotRequired[str]

class ListError(TypedDict):  # Rust: kubetoken::list::Listing.errors
    code: str
    message: str

class TokenList(TypedDict):  # Rust: kubetoken::list::Listing
    output: str
    errors: list[ListError]

class SignedClusterInfo(TypedDict):  # Rust: kubetoken::discovery::SignOutcome
    changed: bool
    configmap: dict[str, Any]

class DiscoveryResult(TypedDict):  # Rust: kubetoken::discovery::DiscoveryResult
    verified: bool
    server: NotRequired[str]
    cluster_name: NotRequired[str]
    ca_pem: NotRequired[Optional[str]]
    ca_cert_hashes: NotRequired[list[str]]
    pinned: NotRequired[bool]
    kubeconfig: NotRequired[str]
    reason: NotRequired[str]
    message: NotRequired[str]

class KubeconfigCluster(TypedDict):  # Rust: kubetoken::kubeconfig::KubeconfigInfo.clusters
    name: str
    server: str
    ca_pem: Optional[str]
    certificate_authority: Optional[str]
    insecure_skip_tls_verify: bool

class KubeconfigContext(TypedDict):  # Rust: kubetoken::kubeconfig::KubeconfigInfo.contexts
    name: str
    cluster: str
    user: str
    namespace: str

class Kubeconfig(TypedDict):  # Rust: kubetoken::kubeconfig::KubeconfigInfo
    current_context: str
    clusters: list[KubeconfigCluster]
    contexts: list[KubeconfigContext]

class PinCheck(TypedDict):  # Rust: kubetoken::pin::PinCheck
    pinned: bool
    message: NotRequired[str]
    hashes: NotRequired[list[str]]

class K3sToken(TypedDict):  # Rust: kubetoken::k3s::K3sTokenInfo
    ca_hash: str
    kind: str
    token_id: Optional[str]
    token: Optional[str]
    username: str
    password: str

class K3sCaHash(TypedDict):  # Rust: kubetoken::k3s::CaHash
    hash: str
    method: str

class K3sCaCheck(TypedDict):  # Rust: kubetoken::k3s::CaVerification
    ok: bool
    status: str
    token_hash: Optional[str]
    computed_hash: Optional[str]
    warning: Optional[str]
    message: Optional[str]
    username: str

class K3sCredentials(TypedDict):  # Rust: kubetoken::k3s::CredentialHeader
    scheme: str
    username: Optional[str]
    header: Optional[str]

# ---- tokens ------------------------------------------------------------------------------

def generate_token() -> str: ...
def parse_token(token: str) -> BootstrapToken: ...
def token_from_parts(id: str, secret: str) -> str: ...
def is_valid_token(token: str) -> bool: ...
def is_valid_token_id(token_id: str) -> bool: ...
def secret_name(token_id: str) -> str: ...
def parse_secret_name(name: str) -> Optional[str]: ...
def parse_duration(duration: Duration) -> str: ...
def short_human_duration(duration: Duration) -> str: ...
def parse_rfc3339(timestamp: Time) -> str: ...

# ---- token options and Secrets -----------------------------------------------------------

def validate_group(group: str) -> bool: ...
def validate_usages(usages: Sequence[str]) -> bool: ...
def validate_token_groups(usages: Sequence[str], groups: Sequence[str]) -> bool: ...
def validate_token_options(
    token: Optional[str] = None,
    *,
    flavour: Optional[str] = None,
    description: Optional[str] = None,
    ttl: Optional[Ttl] = None,
    expires: Optional[Time] = None,
    usages: Optional[Strings] = None,
    groups: Optional[Strings] = None,
) -> bool: ...
def render_secret(
    token: Optional[str] = None,
    *,
    flavour: Optional[str] = None,
    description: Optional[str] = None,
    ttl: Optional[Ttl] = None,
    expires: Optional[Time] = None,
    usages: Optional[Strings] = None,
    groups: Optional[Strings] = None,
    now: Optional[Time] = None,
    string_data: Optional[bool] = None,
) -> SecretManifest: ...
def render_secret_yaml(
    token: Optional[str] = None,
    *,
    flavour: Optional[str] = None,
    description: Optional[str] = None,
    ttl: Optional[Ttl] = None,
    expires: Optional[Time] = None,
    usages: Optional[Strings] = None,
    groups: Optional[Strings] = None,
    now: Optional[Time] = None,
    string_data: Optional[bool] = None,
) -> str: ...
def encode_token_secret(
    token: str,
    *,
    flavour: Optional[str] = None,
    description: Optional[str] = None,
    ttl: Optional[Ttl] = None,
    expires: Optional[Time] = None,
    usages: Optional[Strings] = None,
    groups: Optional[Strings] = None,
    now: Optional[Time] = None,
    string_data: Optional[bool] = None,
) -> SecretManifest: ...
def parse_secret(secret: Manifest) -> TokenSpec: ...
def parse_secret_list(secrets: Secrets) -> list[Union[TokenSpec, ListedError]]: ...

# ---- API server, controllers, listing, delete --------------------------------------------

def authenticate(token: str, secrets: Secrets, now: Optional[Time] = None) -> Authentication: ...
def get_groups(secret: Manifest) -> list[str]: ...
def token_expiration(secret: Manifest, now: Optional[Time] = None) -> Expiration: ...
def signing_credentials(
    secret: Manifest, now: Optional[Time] = None
) -> Optional[SigningCredentials]: ...
def cleaner_action(secret: Manifest, now: Optional[Time] = None) -> CleanerAction: ...
def list_tokens(
    secrets: Secrets,
    now: Optional[Time] = None,
    format: Optional[str] = None,
    flavour: Optional[str] = None,
) -> TokenList: ...
def render_token_list(
    tokens: Optional[Sequence[Mapping[str, Any]]] = None,
    now: Optional[Time] = None,
    format: Optional[str] = None,
    flavour: Optional[str] = None,
) -> str: ...
def delete_token_names(args: Sequence[str], flavour: Optional[str] = None) -> list[str]: ...

# ---- JWS, cluster-info discovery, join commands ------------------------------------------

def compute_jws(content: Bytes, token_id: str, token_secret: Bytes) -> str: ...
def verify_jws(signature: str, content: Bytes, token_id: str, token_secret: Bytes) -> bool: ...
def sign_cluster_info(
    configmap: Manifest, secrets: Secrets, now: Optional[Time] = None
) -> SignedClusterInfo: ...
def verify_cluster_info(
    configmap: Manifest, token: str, ca_cert_hashes: Optional[Sequence[str]] = None
) -> DiscoveryResult: ...
def join_command(
    token: Optional[str] = None,
    *,
    kubeconfig: Optional[Manifest] = None,
    context: Optional[str] = None,
    server: Optional[str] = None,
    ca_pem: Optional[Bytes] = None,
    ca_cert_hashes: Optional[Sequence[str]] = None,
    control_plane: Optional[bool] = None,
    certificate_key: Optional[str] = None,
    withhold_token: Optional[bool] = None,
    withhold_certificate_key: Optional[bool] = None,
    multiline: Optional[bool] = None,
) -> str: ...
def register_command(
    token: str,
    *,
    kubeconfig: Optional[Manifest] = None,
    context: Optional[str] = None,
    server: Optional[str] = None,
    ca_pem: Optional[Bytes] = None,
    ca_cert_hashes: Optional[Sequence[str]] = None,
    parent_command: Optional[str] = None,
) -> str: ...
def parse_kubeconfig(kubeconfig: Manifest) -> Kubeconfig: ...
def cluster_info_kubeconfig(server: str, ca_pem: Bytes) -> str: ...

# ---- CA pins, k3s/rke2 -------------------------------------------------------------------

def ca_cert_hashes(pem: Bytes) -> list[str]: ...
def parse_ca_pins(pins: Sequence[str]) -> list[str]: ...
def check_ca_pins(pem: Bytes, pins: Sequence[str]) -> PinCheck: ...
def parse_k3s_token(token: str) -> K3sToken: ...
def format_k3s_token(credentials: str, bundle: Bytes, now: Optional[Time] = None) -> str: ...
def k3s_token_string(
    token: str,
    bundle: Optional[Bytes] = None,
    now: Optional[Time] = None,
    user: Optional[str] = None,
) -> str: ...
def k3s_ca_hash(bundle: Bytes, now: Optional[Time] = None) -> K3sCaHash: ...
def verify_k3s_ca(
    token: str,
    bundle: Optional[Bytes] = None,
    now: Optional[Time] = None,
    user: Optional[str] = None,
) -> K3sCaCheck: ...
def k3s_credentials(token: str, user: Optional[str] = None) -> K3sCredentials: ...
def k3s_normalize_token(token: str) -> str: ...
def k3s_passwd_password(name: str, passwd: str) -> str: ...
def k3s_token_hash(passphrase: str) -> str: ...
def k3s_storage_key(passphrase: str) -> str: ...
def k3s_encrypt(
    passphrase: str,
    plaintext: Bytes,
    *,
    salt: Optional[str] = None,
    nonce: Optional[str] = None,
) -> str: ...
def k3s_decrypt(passphrase: str, value: Bytes) -> bytes: ...
def k3s_token_opens(token: str, value: Bytes) -> bool: ...
def k3s_token_create_output(token: str, bundle: Bytes, now: Optional[Time] = None) -> str: ...
def k3s_token_generate() -> str: ...
