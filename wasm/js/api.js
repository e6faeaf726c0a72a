// The public API, shared by every entry point (index.js, node.js, init.js): the wasm
// functions (camelCase of docs/api.md's ops) and the error classes. Entry points
// initialise the wasm module before user code can call these.
export {
  generateToken,
  parseToken,
  isValidToken,
  isValidTokenId,
  secretName,
  parseSecretName,
  parseDuration,
  shortHumanDuration,
  parseRfc3339,
} from "../pkg/kubetoken.js";
export {
  KubetokenError,
  InvalidTokenError,
  InvalidOptionsError,
  InvalidSecretError,
  InvalidManifestError,
  InvalidCertificateError,
  CryptoError,
  InputTooLargeError,
  UnsupportedError,
} from "./errors.js";
