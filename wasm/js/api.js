// The public API (keep in step with index.d.ts; test/exports.test.mjs checks), shared by every entry point (index.js, node.js, init.js): the wasm
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
  // token options and Secrets
  validateGroup,
  validateUsages,
  validateTokenGroups,
  validateTokenOptions,
  renderSecret,
  renderSecretYaml,
  encodeTokenSecret,
  parseSecret,
  parseSecretList,
  // API server, controllers, listing, delete
  authenticate,
  getGroups,
  tokenExpiration,
  signingCredentials,
  cleanerAction,
  listTokens,
  renderTokenList,
  deleteTokenNames,
  // JWS, cluster-info discovery, join commands
  computeJws,
  verifyJws,
  signClusterInfo,
  verifyClusterInfo,
  joinCommand,
  registerCommand,
  parseKubeconfig,
  clusterInfoKubeconfig,
  // CA pins
  caCertHashes,
  parseCaPins,
  checkCaPins,
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
