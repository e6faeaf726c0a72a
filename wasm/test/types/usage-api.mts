// Type test (tsc --noEmit, strict): the rest of the API, each function called with the
// documented argument shapes and its result used at its declared type.

import type {
  Authentication,
  ConfigMapManifest,
  DenyReason,
  Flavour,
  JoinTarget,
  K3sTokenInfo,
  ListFormat,
  Manifest,
  RejectReason,
  RenderSecretOptions,
  SecretManifest,
  TokenInfo,
  TokenOptions,
  Usage,
} from "kubetoken";
import * as k from "kubetoken";

const now = new Date("2024-01-01T00:00:00Z");
const flavour: Flavour = "k3s";
const usage: Usage = "signing";
const opts: TokenOptions = { flavour, ttl: 3_600_000, usages: [usage, "authentication"] };
const render: RenderSecretOptions = { ...opts, now, stringData: true };
const secret: SecretManifest = k.renderSecret(render);
const yaml: string = k.renderSecretYaml({ token: k.generateToken(), expires: "2030-01-01T00:00:00Z" });
const exact: SecretManifest = k.encodeTokenSecret({ token: "abcdef.0123456789abcdef", now: "2024-01-01T00:00:00Z" });
const ok: true =
  k.validateGroup("system:bootstrappers:x") &&
  k.validateUsages(["signing"]) &&
  k.validateTokenGroups({ usages: ["authentication"], groups: [] }) &&
  k.validateTokenOptions(opts);
const manifest: Manifest = secret as unknown as Manifest;
const info: TokenInfo = k.parseSecret(yaml);
const listed = k.parseSecretList([manifest]);
const first = listed[0];
const firstId: string | undefined = first && "id" in first ? first.id : undefined;

const auth: Authentication = k.authenticate({ token: info.token, secrets: [manifest], now });
const reason: DenyReason | null = auth.reason;
if (auth.authenticated) {
  const groups: string[] = auth.user.groups;
  void groups;
}
const groups: string[] = k.getGroups(manifest);
const exp: { remaining: string; expired: boolean } = k.tokenExpiration({ secret: manifest });
const creds = k.signingCredentials({ secret: manifest, now });
const credId: string | undefined = creds?.tokenId;
const action = k.cleanerAction({ secret: manifest });
const after: string | undefined = action.action === "requeue" ? action.after : undefined;
const format: ListFormat = "yaml";
const listing: { output: string; errors: Array<{ code: k.ErrorCode; message: string }> } = k.listTokens({
  secrets: [manifest],
  format,
  flavour: "kubeadm",
  now,
});
const table: string = k.renderTokenList({ tokens: [{ token: info.token, usages: ["signing"] }] });
const names: string[] = k.deleteTokenNames({ args: ["abcdef"], flavour: "karmada" });

const jws: string = k.computeJws({ content: new Uint8Array([1]), tokenId: "abcdef", tokenSecret: "0123456789abcdef" });
const valid: boolean = k.verifyJws({
  signature: jws,
  content: "x",
  tokenId: "abcdef",
  tokenSecret: "0123456789abcdef",
});
const signed: { changed: boolean; configmap: ConfigMapManifest } = k.signClusterInfo({
  configmap: "{}",
  secrets: [manifest],
});
const verified = k.verifyClusterInfo({ configmap: signed.configmap as Manifest, token: info.token, caCertHashes: [] });
const rr: RejectReason | undefined = verified.verified ? undefined : verified.reason;
const server: string | undefined = verified.verified ? verified.server : undefined;
const target: JoinTarget = { server: "https://10.0.0.1:6443", caCertHashes: [`sha256:${"a".repeat(64)}`] };
const join: string = k.joinCommand({ ...target, token: info.token, controlPlane: true, multiline: false });
const register: string = k.registerCommand({
  kubeconfig: "apiVersion: v1",
  context: "x",
  token: info.token,
  parentCommand: "kubectl karmada",
});
const kc = k.parseKubeconfig("apiVersion: v1");
const ctx: string = kc.currentContext + (kc.clusters[0]?.server ?? "");
const published: string = k.clusterInfoKubeconfig({ server: "https://x", caPem: new Uint8Array() });

const hashes: string[] = k.caCertHashes("-----BEGIN CERTIFICATE-----").concat(k.parseCaPins(hashes0()));
function hashes0(): string[] {
  return [];
}
const pinned = k.checkCaPins({ pem: new Uint8Array(), pins: [] });
const pinMessage: string | undefined = pinned.pinned ? undefined : pinned.message;

const k3s: K3sTokenInfo = k.parseK3sToken("K10abc::server:pw");
const caHash: { hash: string; method: "single" | "root" | "raw" } = k.k3sCaHash({ bundle: "pem", now });
const k10: string =
  k.formatK3sToken({ credentials: "abcdef.0123456789abcdef", bundle: "pem" }) +
  k.k3sTokenString({ token: "K10abc::server:pw", user: "node", bundle: null }) +
  k.k3sNormalizeToken("K10abc::server:pw") +
  k.k3sPasswdPassword({ name: "n", passwd: "p" }) +
  k.k3sTokenHash("pw") +
  k.k3sStorageKey("pw") +
  k.k3sTokenCreateOutput({ token: "abcdef.0123456789abcdef", bundle: "pem" });
const check = k.verifyK3sCa({ token: k10, bundle: "pem" });
const status: "match" | "mismatch" | "no_token_hash" | "trusted_by_host" = check.status;
const header: string | null = k.k3sCredentials({ token: "K10abc::server:pw" }).header;
const sealed: string = k.k3sEncrypt({ passphrase: "pw", plaintext: "{}", salt: "0011", nonce: "00".repeat(12) });
const opened: string =
  new TextDecoder().decode(k.k3sDecrypt({ passphrase: "pw", value: sealed })) + k.k3sTokenGenerate();
const opens: boolean = k.k3sTokenOpens({ token: "K10abc::server:pw", value: sealed });

// @ts-expect-error: an unknown flavour
k.renderSecret({ flavour: "minikube" });
// @ts-expect-error: options objects take camelCase keys
k.computeJws({ content: "x", token_id: "abcdef", tokenSecret: "s" });
// @ts-expect-error: join needs a target
k.joinCommand({ token: "abcdef.0123456789abcdef" });
// @ts-expect-error: a number is not a manifest
k.getGroups(42);

const seen: k.TokenInspection = k.inspectToken({ text: "abcdef.0123456789abcdef", purpose: "k3s_server" });
const usable: boolean | null = seen.usable;
const codes: string[] = seen.reasons.map((f: k.Finding) => f.code);
const kind: "bootstrap_token" | "k3s_token" | "password" | "invalid" = k.inspectToken({ text: new Uint8Array(1) }).kind;
const scrubbed: string = k.redact("--token abcdef.0123456789abcdef");
const scrubbedBytes: Uint8Array = k.redact(new Uint8Array(0));
// @ts-expect-error: an unknown purpose
k.inspectToken({ text: "x", purpose: "server" });

const joinLines: k.K3sJoin = k.k3sJoinCommand({
  server: "10.0.0.1",
  token: "K10::server:pw",
  flavour: "rke2",
  role: "server",
});

const explained: k.K3sCaHashExplanation = k.explainK3sCaHash({ bundle: "pem", now });
const firstReason: string | undefined = explained.fallbackReasons[0]?.code;

const rotated: k.K3sRotation = k.k3sRotate({ token: "K10::server:old", newToken: "new" });
const opener: number | null = k.k3sWhichTokenOpens({ tokens: ["a"], value: rotated.value ?? "" });

export const used = [
  rotated,
  opener,
  explained,
  firstReason,
  joinLines,
  usable,
  codes,
  kind,
  scrubbed,
  scrubbedBytes,
  secret,
  exact,
  ok,
  firstId,
  reason,
  groups,
  exp,
  credId,
  after,
  listing,
  table,
  names,
  valid,
  rr,
  server,
  join,
  register,
  ctx,
  published,
  hashes,
  pinMessage,
  k3s,
  caHash,
  status,
  header,
  opened,
  opens,
];
