// Error classes of the kubetoken npm package.
//
// The wasm module throws these through `makeError` (imported by the Rust side as a
// wasm-bindgen snippet; the build points that import at this very file so there is one
// copy of each class and `instanceof` works for every entry point).
//
// One subclass per error family (`Error::FAMILIES` in core/src/error.rs); `.code` is the stable
// machine-readable code (`"invalid_token"`, ...). Messages never contain a token secret,
// password or K10 credential (the core guarantees it; the tests check it).

/** Base class of every error kubetoken throws. */
export class KubetokenError extends Error {
  /**
   * @param {string} message
   * @param {string} code
   */
  constructor(message, code) {
    super(message);
    /** Stable machine-readable code, e.g. `"invalid_token"`. */
    this.code = code;
  }

  /** `{name, code, message}` so `JSON.stringify(err)` is useful (and secret-free). */
  toJSON() {
    return { name: this.name, code: this.code, message: this.message };
  }
}

/** A bootstrap token, token ID or K10 token is malformed. */
export class InvalidTokenError extends KubetokenError {}
/** Options are invalid: group, usage, duration, timestamp, or a bad combination. */
export class InvalidOptionsError extends KubetokenError {}
/** A Secret manifest is malformed or is not a bootstrap-token Secret. */
export class InvalidSecretError extends KubetokenError {}
/** A ConfigMap (cluster-info) or kubeconfig is malformed. */
export class InvalidManifestError extends KubetokenError {}
/** PEM, certificate DER or a CA hash is malformed. */
export class InvalidCertificateError extends KubetokenError {}
/** Ciphertext is malformed, decryption failed, or the random source failed. */
export class CryptoError extends KubetokenError {}
/** An input is larger than the documented cap (1 MiB). */
export class InputTooLargeError extends KubetokenError {}
/** Something valid that kubetoken deliberately does not support. */
export class UnsupportedError extends KubetokenError {}

const FAMILIES = {
  KubetokenError,
  InvalidTokenError,
  InvalidOptionsError,
  InvalidSecretError,
  InvalidManifestError,
  InvalidCertificateError,
  CryptoError,
  InputTooLargeError,
  UnsupportedError,
};

// `name` lives on each prototype (not on instances): `err.name` is the class name,
// `String(err)` is "InvalidTokenError: ...", and JSON.stringify goes through toJSON.
for (const [name, cls] of Object.entries(FAMILIES)) {
  Object.defineProperty(cls.prototype, "name", {
    value: name,
    writable: true,
    enumerable: false,
    configurable: true,
  });
}

/**
 * Called from Rust: the error object to throw for a core error.
 * @param {string} family a family name (`Error::FAMILIES` in core/src/error.rs)
 * @param {string} code
 * @param {string} message
 * @returns {KubetokenError}
 */
export function makeError(family, code, message) {
  const cls = Object.hasOwn(FAMILIES, family) ? FAMILIES[family] : KubetokenError;
  const err = new cls(message, code);
  // Start the stack at the caller, not in this bridge.
  Error.captureStackTrace?.(err, makeError);
  return err;
}

/**
 * Called from Rust: a `TypeError` for an argument of the wrong JavaScript type.
 * @param {string} message
 * @returns {TypeError}
 */
export function makeTypeError(message) {
  return new TypeError(message);
}
