// Type declarations of the npm package `kubetoken` (hand-written; every export;
// test/types/drift.test.mjs checks every result interface against what the functions
// return for the shared vectors, and test/types/compose.mts that results compose).
//
// Calling convention: an op with one argument takes it positionally
// (`parseToken(token)`); an op with several takes one options object with camelCase keys
// (`renderSecret({ token, ttl, now })`). Times are a `Date` or an RFC3339 string, and an
// omitted `now` is the current time. Durations are a Go duration string (`"24h"`, `"90m"`,
// `"0"`) or a number of milliseconds. PEM is a string or bytes (a Uint8Array or Buffer,
// any bytes). Manifests are JSON text (string or bytes; YAML too from "kubetoken/full":
// the default build throws `UnsupportedError` for YAML) or a parsed object; every
// manifest a function returns can be passed back where a manifest is taken. Results are
// camelCase. Results that carry a secret print masked (`console.log`, `util.inspect`,
// `String()`); `JSON.stringify` writes them faithfully. Errors are thrown as
// `KubetokenError` subclasses; wrong JavaScript types are a `TypeError`; rejections
// that are answers (denied, invalid signature, mismatch) are return values.

/** A time: a `Date` or an RFC3339 string (`"2024-01-02T03:04:05Z"`). */
export type Time = Date | string;
/** A time to live: a Go duration string (`"24h"`, `"1h30m"`, `"0"`) or milliseconds. */
export type DurationInput = string | number;
/** PEM text (or DER bytes where noted), as a string or bytes. */
export type Bytes = string | Uint8Array;
/** A JSON value. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
/** A parsed manifest object (any Kubernetes object: what `JSON.parse` of a manifest gives). */
export type ManifestObject = { readonly [key: string]: unknown };
/** A Kubernetes manifest: JSON or YAML text (a string, or UTF-8 bytes), or the parsed object. */
export type Manifest = string | Uint8Array | ManifestObject;

// ---- tokens, durations, times -----------------------------------------------------

/** A new random bootstrap token `[a-z0-9]{6}.[a-z0-9]{16}` (crypto.getRandomValues). */
export function generateToken(): string;
/** Splits a bootstrap token; throws `InvalidTokenError` when malformed. */
export function parseToken(token: string): TokenParts;
/** The two parts of a bootstrap token. **Contains the secret** (printed masked). */
export type TokenParts = { id: string; secret: string };
/** `"<id>.<secret>"`; throws `InvalidTokenError` unless the joined token is valid. */
export function tokenFromParts(options: { id: string; secret: string }): string;
/** `[a-z0-9]{6}.[a-z0-9]{16}`, nothing more. */
export function isValidToken(token: string): boolean;
/** `[a-z0-9]{6}`. */
export function isValidTokenId(tokenId: string): boolean;
/** `bootstrap-token-<id>`. */
export function secretName(tokenId: string): string;
/** The token ID of a `bootstrap-token-<id>` Secret name, or `null`. */
export function parseSecretName(name: string): string | null;
/** Go's `Duration.String()` of a duration (`"1h30m0s"`). */
export function parseDuration(duration: string): string;
/** apimachinery's ShortHumanDuration (`"23h"`, `"<invalid>"`). */
export function shortHumanDuration(duration: string): string;
/** Go's `Format(RFC3339)` of a time; a string keeps its offset, a `Date` is UTC. */
export function parseRfc3339(timestamp: Time): string;

// ---- token options and Secrets --------------------------------------------------------

/** Who the token is for; decides the default extra group. */
export type Flavour = "kubeadm" | "k3s" | "rke2" | "karmada";
/** A token usage (without the `usage-bootstrap-` prefix). */
export type Usage = "signing" | "authentication";

/** kubeadm's BootstrapToken options. Unknown keys throw `InvalidOptionsError`. */
export interface TokenOptions {
  /** The token; omitted, `null` or `""` = generate one. */
  token?: string | null;
  /** Defaults per flavour (default `"kubeadm"`). */
  flavour?: Flavour | null;
  description?: string | null;
  /** Time to live (default 24h unless `expires` is set; zero or negative = never expires). */
  ttl?: DurationInput | null;
  /** Absolute expiry (exclusive with `ttl`). */
  expires?: Time | null;
  /** Default `["signing", "authentication"]`. An array, or one comma-separated string. */
  usages?: readonly string[] | string | null;
  /** Extra groups; default the flavour's group when the usages include authentication. */
  groups?: readonly string[] | string | null;
}

/** Options of renderSecret / renderSecretYaml / encodeTokenSecret. */
export interface RenderSecretOptions extends TokenOptions {
  /** The time the TTL counts from; default the current time. */
  now?: Time | null;
  /** Write `stringData` (plain text) instead of base64 `data`. */
  stringData?: boolean | null;
}

/**
 * A Kubernetes Secret manifest as kubectl prints it (keys sorted). **Contains the token
 * secret** (base64 in `data`; printed masked).
 */
export type SecretManifest = {
  apiVersion: "v1";
  kind: "Secret";
  metadata: { name: string; namespace?: string; uid?: string; deletionTimestamp?: string };
  type?: string;
  /** base64 values (absent with `stringData: true`). */
  data?: Record<string, string>;
  /** plain values (with `stringData: true`). */
  stringData?: Record<string, string>;
};

/** A decoded bootstrap token Secret. **Contains the token secret** (`token`; printed masked). */
export type TokenInfo = {
  /** The full token `<id>.<secret>`. */
  token: string;
  id: string;
  description: string;
  /** Go duration string, when the Secret carries one. */
  ttl?: string;
  /** RFC3339 in the stored offset, or null (never expires). */
  expires: string | null;
  usages: string[];
  groups: string[];
};

/** A Secret of a list that does not decode (its slot in `parseSecretList`). */
export type SecretListError = { error: ErrorCode; message: string };

/** `ValidateBootstrapGroupName`: `true`, or throws `InvalidOptionsError` (`invalid_group`). */
export function validateGroup(group: string): true;
/** `ValidateUsages`: `true`, or throws `InvalidOptionsError` (`invalid_usage`). */
export function validateUsages(usages: readonly string[]): true;
/** Groups need the `authentication` usage and must match the group pattern. */
export function validateTokenGroups(options: { usages: readonly string[]; groups: readonly string[] }): true;
/** kubeadm's validation of the options with defaults applied: `true`, or throws. */
export function validateTokenOptions(options: TokenOptions): true;
/** Validated options (a token is generated when none is given) → the Secret manifest. */
export function renderSecret(options?: RenderSecretOptions): SecretManifest;
/** The same Secret as YAML text. */
export function renderSecretYaml(options?: RenderSecretOptions): string;
/** `BootstrapTokenToSecret` of exactly the given fields: no defaults, no validation; `token` required. */
export function encodeTokenSecret(options: RenderSecretOptions & { token: string }): SecretManifest;
/** `BootstrapTokenFromSecret`; throws `InvalidSecretError`. */
export function parseSecret(secret: Manifest): TokenInfo;
/** Every bootstrap-token Secret of a List (`kubectl get secrets -o json|yaml`). */
export function parseSecretList(secrets: Manifest | readonly Manifest[]): Array<TokenInfo | SecretListError>;

// ---- API server, controllers, listing, delete ----------------------------------------

/** Why the authenticator said no. */
export type DenyReason =
  | "malformed_token"
  | "not_found"
  | "deleted"
  | "wrong_type"
  | "secret_mismatch"
  | "token_id_mismatch"
  | "expired"
  | "not_for_authentication"
  | "invalid_groups";

/** The authenticator's answer (a denial is not an error). */
export type Authentication =
  | { authenticated: true; user: { name: string; groups: string[] }; reason: null }
  | { authenticated: false; user: null; reason: DenyReason };

/** The kube-apiserver bootstrap-token authenticator over the given Secrets. */
export function authenticate(options: {
  /** The presented bearer token. */
  token: string;
  /** Secret manifests, or one List manifest (`kubectl get secrets -o json|yaml`). */
  secrets: readonly Manifest[] | Manifest;
  now?: Time | null;
}): Authentication;
/** `GetGroups`: the user's groups (sorted, de-duplicated); throws on a bad group. */
export function getGroups(secret: Manifest): string[];
/** `GetExpiration`: time left (Go duration) and whether it has expired. */
export function tokenExpiration(options: { secret: Manifest; now?: Time | null }): TokenExpiration;
/** Time left on a token. */
export type TokenExpiration = { remaining: string; expired: boolean };
/** The BootstrapSigner's view: credentials to sign with, or `null`. */
export function signingCredentials(options: { secret: Manifest; now?: Time | null }): SigningCredentials | null;
/** What the BootstrapSigner signs with. **Contains the secret** (printed masked). */
export type SigningCredentials = { tokenId: string; tokenSecret: string };
/** The TokenCleaner's decision for one Secret. */
export function cleanerAction(options: { secret: Manifest; now?: Time | null }): CleanerAction;
/** What the TokenCleaner does with a Secret. */
export type CleanerAction =
  | { action: "delete"; namespace: string; name: string; uid: string | null }
  | { action: "requeue"; after: string }
  | { action: "none" };
/** Output format of token lists. */
export type ListFormat = "text" | "json" | "yaml";
/** `token list` without the cluster: bad Secrets are reported in `errors` and skipped. */
export function listTokens(options: {
  /** Secret manifests, or one List manifest (`kubectl get secrets -o json|yaml`). */
  secrets: readonly Manifest[] | Manifest;
  now?: Time | null;
  format?: ListFormat | null;
  flavour?: Flavour | null;
}): TokenListing;
/** `token list` output; kubeadm/karmada text shows full tokens (printed masked). */
export type TokenListing = { output: string; errors: Array<{ code: ErrorCode; message: string }> };
/** The token list printer alone, over decoded tokens (printed as given). */
export function renderTokenList(options: {
  tokens: ReadonlyArray<{
    token: string;
    description?: string | null;
    expires?: Time | null;
    usages?: readonly string[] | null;
    groups?: readonly string[] | null;
  }>;
  now?: Time | null;
  format?: ListFormat | null;
  flavour?: Flavour | null;
}): string;
/** `token delete` arguments (IDs or full tokens) → Secret names, in order. */
export function deleteTokenNames(options: { args: readonly string[]; flavour?: Flavour | null }): string[];

// ---- JWS, cluster-info discovery, join commands ----------------------------------------

/** `ComputeDetachedSignature`: `"<header>..<signature>"` (HS256 keyed by the token secret). */
export function computeJws(options: { content: Bytes; tokenId: string; tokenSecret: Bytes }): string;
/** `DetachedTokenIsValid` (constant-time): an answer, never an error. */
export function verifyJws(options: { signature: string; content: Bytes; tokenId: string; tokenSecret: Bytes }): boolean;
/** A ConfigMap manifest (cluster-info). */
export type ConfigMapManifest = {
  apiVersion: string;
  kind: "ConfigMap";
  metadata: { name: string; namespace?: string; [key: string]: unknown };
  data?: Record<string, string>;
  /** Anything else of the input manifest, kept as it was. */
  [key: string]: unknown;
};
/** The BootstrapSigner over cluster-info: one `jws-kubeconfig-<id>` per signing token. */
export function signClusterInfo(options: {
  configmap: Manifest;
  /** Secret manifests, or one List manifest (`kubectl get secrets -o json|yaml`). */
  secrets: readonly Manifest[] | Manifest;
  now?: Time | null;
}): SignedClusterInfo;
/** The signed cluster-info (`configmap` is what to write when `changed`). */
export type SignedClusterInfo = { changed: boolean; configmap: ConfigMapManifest };
/** Why discovery refused a server. */
export type RejectReason = "no_kubeconfig" | "no_signature" | "bad_signature" | "ca_not_pinned";
/** kubeadm join's token discovery on a fetched cluster-info ConfigMap (no I/O). */
export function verifyClusterInfo(options: {
  configmap: Manifest;
  token: string;
  caCertHashes?: readonly string[] | null;
}): ClusterInfoVerification;
/** Token discovery's answer. */
export type ClusterInfoVerification =
  | {
      verified: true;
      server: string;
      clusterName: string;
      caPem: string | null;
      caCertHashes: string[];
      pinned: boolean;
      kubeconfig: string;
    }
  | { verified: false; reason: RejectReason; message: string };
/** Where a node joins: a kubeconfig (+ context), or a server with its CA or CA hashes. */
export type JoinTarget =
  | { kubeconfig: Manifest; context?: string | null }
  | { server: string; caPem: Bytes }
  | { server: string; caCertHashes: readonly string[] };
/** `kubeadm token create --print-join-command` (no final newline). */
export function joinCommand(
  options: JoinTarget & {
    token?: string | null;
    controlPlane?: boolean | null;
    certificateKey?: string | null;
    withholdToken?: boolean | null;
    withholdCertificateKey?: boolean | null;
    multiline?: boolean | null;
  },
): string;
/** `karmadactl token create --print-register-command` (no final newline). */
export function registerCommand(options: JoinTarget & { token: string; parentCommand?: string | null }): string;
/** Clusters and contexts of a kubeconfig (users are never read). */
export function parseKubeconfig(kubeconfig: Manifest): KubeconfigInfo;
/** A kubeconfig's clusters and contexts. */
export type KubeconfigInfo = {
  currentContext: string;
  clusters: Array<{
    name: string;
    server: string;
    caPem: string | null;
    certificateAuthority: string;
    insecureSkipTlsVerify: boolean;
  }>;
  contexts: Array<{ name: string; cluster: string; user: string; namespace: string }>;
};
/** The kubeconfig text kubeadm publishes in cluster-info. */
export function clusterInfoKubeconfig(options: { server: string; caPem: Bytes }): string;

// ---- CA pins, k3s/rke2 -----------------------------------------------------------------

/** `sha256:<hex of SPKI>` of each certificate of a PEM bundle (kubeadm's CA cert hashes). */
export function caCertHashes(pem: Bytes): string[];
/** Validates pins (`sha256:<64 hex>`) and returns them normalised; throws `invalid_hash`. */
export function parseCaPins(pins: readonly string[]): string[];
/** Whether any certificate of the bundle matches a pin (an answer). */
export function checkCaPins(options: { pem: Bytes; pins: readonly string[] }): PinCheck;
/** Whether a bundle is pinned (with the bundle's hashes when it is not). */
export type PinCheck = { pinned: true } | { pinned: false; message: string; hashes: string[] };

/** A decoded K10 (or bare) k3s/rke2 token. **Contains the credentials** (printed masked). */
export type K3sTokenInfo = {
  /** The CA hash of a `K10<hash>::` token ("" without one). */
  caHash: string;
  /** What the credentials are. */
  kind: string;
  /** The bootstrap token ID when the credentials are a bootstrap token. */
  tokenId: string | null;
  /** The bootstrap token when the credentials are one. */
  token: string | null;
  username: string;
  password: string;
};
/** Parses a k3s/rke2 token (`K10<sha256>::<user>:<password>`, `K10<sha256>::<id>.<secret>`, or bare). */
export function parseK3sToken(token: string): K3sTokenInfo;
/** k3s's CA-bundle hash (`hashCA`), checking the chain at `now`. */
export function k3sCaHash(options: { bundle: Bytes; now?: Time | null }): K3sCaHash;
/** k3s's CA hash and how it was computed. */
export type K3sCaHash = { hash: string; method: "single" | "root" | "raw" };
/** One certificate of a CA bundle, as `explainK3sCaHash` reports it. */
export type BundleCertificate = {
  index: number;
  subject: string | null;
  issuer: string | null;
  subjectKeyId: string;
  authorityKeyId: string;
  isCa: boolean;
  notBefore: string;
  notAfter: string;
  fingerprintSha256: string;
  kubeadmPin: string;
  pool: "only" | "leaf" | "root" | "intermediate";
};
/** Why a bundle's chain did not verify. */
export type ChainProblem = { code: string; message: string; certificate: number; issuer: number | null };
/** Which certificate k3s hashed, how, why it fell back to the file bytes, and the kubeadm pins. */
export type K3sCaHashExplanation = {
  hash: string;
  method: "single" | "root" | "raw";
  hashed: "file_bytes" | "root_der";
  hashedCertificate: number | null;
  certificates: BundleCertificate[];
  chain: number[] | null;
  fallbackReasons: ChainProblem[];
  kubeadmPins: string[];
  summary: string;
};
/** `k3sCaHash`, explained (the "token CA hash does not match" question). */
export function explainK3sCaHash(options: { bundle: Bytes; now?: Time | null }): K3sCaHashExplanation;
/** `K10<CA hash>::<credentials>` ("" for empty credentials). */
export function formatK3sToken(options: { credentials: string; bundle: Bytes; now?: Time | null }): string;
/** The token as k3s writes it (with the CA hash when a bundle is given). */
export function k3sTokenString(options: {
  token: string;
  user?: string | null;
  bundle?: Bytes | null;
  now?: Time | null;
}): string;
/** The agent's CA check of a token against the server's CA bundle (an answer). */
export function verifyK3sCa(options: {
  token: string;
  user?: string | null;
  bundle?: Bytes | null;
  now?: Time | null;
}): K3sCaCheck;
/** The agent's CA check. */
export type K3sCaCheck = {
  ok: boolean;
  status: "match" | "mismatch" | "no_token_hash" | "trusted_by_host";
  tokenHash: string;
  computedHash: string;
  warning: string | null;
  message: string | null;
  username: string;
};
/** The HTTP credentials k3s sends for a token. `header` contains the password. */
export function k3sCredentials(options: { token: string; user?: string | null }): K3sCredentials;
/** The HTTP credentials k3s sends. **`header` contains the password** (printed masked). */
export type K3sCredentials = { scheme: string; username: string | null; header: string | null };
/** The passphrase k3s derives bootstrap-data keys from. */
export function k3sNormalizeToken(token: string): string;
/** The password k3s stores for a node in its passwd file. */
export function k3sPasswdPassword(options: { name: string; passwd: string }): string;
/** k3s's token hash (of a passphrase). */
export function k3sTokenHash(passphrase: string): string;
/** The datastore key of the bootstrap data for a passphrase. */
export function k3sStorageKey(passphrase: string): string;
/**
 * Encrypts bootstrap data like k3s (PBKDF2-SHA1 + AES-256-GCM) → `<salt>:<base64>`.
 * Salt and nonce are random unless both are given (nonce: 24 hex characters or 12 bytes).
 */
export function k3sEncrypt(options: {
  passphrase: string;
  plaintext: Bytes;
  salt?: string | null;
  nonce?: string | Uint8Array | null;
}): string;
/**
 * Decrypts k3s bootstrap data → the plaintext bytes (JSON text: `new TextDecoder().decode(...)`).
 * Throws `CryptoError` on a wrong passphrase or tampering.
 */
export function k3sDecrypt(options: { passphrase: string; value: Bytes }): Uint8Array;
/** Whether the token's passphrase decrypts `value` (an answer). */
export function k3sTokenOpens(options: { token: string; value: Bytes }): boolean;
/** `k3s token generate` output: `"<id>.<secret>\n"` (random). */
export function k3sTokenGenerate(): string;
/** `k3s token create` output for a bootstrap token and the server CA bundle. */
export function k3sTokenCreateOutput(options: { token: string; bundle: Bytes; now?: Time | null }): string;
/** `k3sRotate`'s result. **Contains the new token** (`newToken`, `newPassphrase`). */
export type K3sRotation = {
  generated: boolean;
  newToken: string;
  newPassphrase: string;
  oldStorageKey: string;
  newStorageKey: string;
  oldTokenHash: string;
  newTokenHash: string;
  value: string | null;
};
/** `k3s token rotate` offline: validate (or generate) the new token, re-encrypt the bootstrap-data blob. */
export function k3sRotate(options: {
  token: string;
  newToken?: string | null;
  value?: Bytes | null;
  random?: string | null;
}): K3sRotation;
/** The index of the first token whose passphrase opens the bootstrap-data blob, or `null`. */
export function k3sWhichTokenOpens(options: { tokens: string[]; value: Bytes }): number | null;
/** k3s/rke2 join lines. **Contains the token** in `command`, `install`, `config`. */
export type K3sJoin = {
  program: "k3s" | "rke2";
  role: "agent" | "server";
  server: string;
  command: string;
  install: string;
  configPath: string;
  config: string;
};
/** The agent/server join command, install script and config file for a k3s or rke2 node (`flavour` default `k3s`, `role` default `agent`). */
export function k3sJoinCommand(options: {
  server: string;
  token: string;
  flavour?: "k3s" | "rke2" | null;
  role?: "agent" | "server" | null;
}): K3sJoin;

// ---- inspect and redact -----------------------------------------------------------

/** Where a token is about to be used (`-` is accepted for `_`). */
export type Purpose = "kubeadm_join" | "karmada_register" | "k3s_server" | "k3s_agent" | "rke2_server" | "rke2_agent";
/** One reason or warning: a stable code and a message (never the secret). */
export type Finding = { code: string; message: string };
/** What a string is and whether it is usable for `purpose`. Carries no secret. */
export type TokenInspection = {
  kind: "bootstrap_token" | "k3s_token" | "password" | "invalid";
  tokenId: string | null;
  caHash: string | null;
  username: string | null;
  credentials: "bootstrap" | "password" | null;
  purpose: Purpose | null;
  usable: boolean | null;
  reasons: Finding[];
  warnings: Finding[];
};
/** Classifies a token-like string (text or bytes); `usable` answers for `purpose`. */
export function inspectToken(options: { text: Bytes; purpose?: Purpose | null }): TokenInspection;
/** Every bootstrap-token secret, K10 credential, Bearer value and token-key value masked (IDs kept). */
export function redact(text: string): string;
export function redact(text: Uint8Array): Uint8Array;
export function redact(text: string | Uint8Array): string | Uint8Array;

// ---- errors -----------------------------------------------------------------------

/** Stable error codes (`.code`). */
export type ErrorCode =
  | "invalid_token"
  | "invalid_token_id"
  | "invalid_k3s_token"
  | "invalid_group"
  | "invalid_usage"
  | "invalid_duration"
  | "invalid_timestamp"
  | "invalid_options"
  | "invalid_secret"
  | "invalid_configmap"
  | "invalid_kubeconfig"
  | "invalid_pem"
  | "invalid_certificate"
  | "invalid_hash"
  | "invalid_ciphertext"
  | "decryption_failed"
  | "random_failure"
  | "input_too_large"
  | "unsupported";

/** Base class of every error kubetoken throws. Messages never contain a secret. */
export class KubetokenError extends Error {
  constructor(message: string, code: ErrorCode);
  /** Stable machine-readable code. */
  readonly code: ErrorCode;
  toJSON(): { name: string; code: ErrorCode; message: string };
}
/** `invalid_token`, `invalid_token_id`, `invalid_k3s_token`. */
export class InvalidTokenError extends KubetokenError {}
/** `invalid_group`, `invalid_usage`, `invalid_duration`, `invalid_timestamp`, `invalid_options`. */
export class InvalidOptionsError extends KubetokenError {}
/** `invalid_secret`. */
export class InvalidSecretError extends KubetokenError {}
/** `invalid_configmap`, `invalid_kubeconfig`. */
export class InvalidManifestError extends KubetokenError {}
/** `invalid_pem`, `invalid_certificate`, `invalid_hash`. */
export class InvalidCertificateError extends KubetokenError {}
/** `invalid_ciphertext`, `decryption_failed`, `random_failure`. */
export class CryptoError extends KubetokenError {}
/** `input_too_large`. */
export class InputTooLargeError extends KubetokenError {}
/** `unsupported`. */
export class UnsupportedError extends KubetokenError {}
