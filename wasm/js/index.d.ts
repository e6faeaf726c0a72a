// Type declarations of the npm package `kubetoken` (hand-written; every export).
//
// Calling convention: an op with one argument takes it positionally
// (`parseToken(token)`); an op with several takes one options object with camelCase keys
// (`renderSecret({ token, ttl, now })`). Times are a `Date` or an RFC3339 string, and an
// omitted `now` is the current time. Durations are a Go duration string (`"24h"`, `"90m"`,
// `"0"`) or a number of milliseconds. PEM is a string or a Uint8Array. Manifests are
// JSON/YAML text or a parsed object. Errors are thrown as `KubetokenError` subclasses;
// rejections that are answers (denied, invalid signature, mismatch) are return values.

/** A time: a `Date` or an RFC3339 string (`"2024-01-02T03:04:05Z"`). */
export type Time = Date | string;
/** A duration: a Go duration string (`"24h"`, `"1h30m"`, `"0"`) or milliseconds. */
export type DurationInput = string | number;
/** PEM text (or DER bytes where noted), as a string or bytes. */
export type Bytes = string | Uint8Array;
/** A JSON value. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
/** A Kubernetes manifest: JSON or YAML text, or the parsed object. */
export type Manifest = string | { [key: string]: Json };

// ---- tokens, durations, times -----------------------------------------------------

/** A new random bootstrap token `[a-z0-9]{6}.[a-z0-9]{16}` (crypto.getRandomValues). */
export function generateToken(): string;
/** Splits a bootstrap token; throws `InvalidTokenError` when malformed. */
export function parseToken(token: string): { id: string; secret: string };
/** `[a-z0-9]{6}.[a-z0-9]{16}`, nothing more. */
export function isValidToken(token: string): boolean;
/** `[a-z0-9]{6}`. */
export function isValidTokenId(tokenId: string): boolean;
/** `bootstrap-token-<id>`. */
export function secretName(tokenId: string): string;
/** The token ID of a `bootstrap-token-<id>` Secret name, or `null`. */
export function parseSecretName(name: string): string | null;
/** Go's `Duration.String()` of a duration (`"1h30m0s"`). */
export function parseDuration(duration: DurationInput): string;
/** apimachinery's ShortHumanDuration (`"23h"`, `"<invalid>"`). */
export function shortHumanDuration(duration: DurationInput): string;
/** Go's `Format(RFC3339)` of a time; a string keeps its offset, a `Date` is UTC. */
export function parseRfc3339(timestamp: Time): string;

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
