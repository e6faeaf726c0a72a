// Type test (tsc --noEmit, strict): every result can be passed where the API takes that
// kind of value, without casts.

import type { ConfigMapManifest, SecretManifest } from "kubetoken";
import * as k from "kubetoken";

const now = "2024-01-01T00:00:00Z";
const token = k.generateToken();
const secret: SecretManifest = k.renderSecret({ token, now });

// A rendered Secret is a Secret manifest everywhere one is taken.
const info = k.parseSecret(secret);
const listed = k.parseSecretList([secret, k.renderSecret({ now })]);
const list = k.parseSecretList({ apiVersion: "v1", kind: "List", items: [secret] });
const auth = k.authenticate({ token: info.token, secrets: [secret, k.renderSecretYaml({ now })], now });
const groups: string[] = k.getGroups(secret);
const exp = k.tokenExpiration({ secret, now });
const creds = k.signingCredentials({ secret, now });
const action = k.cleanerAction({ secret: k.encodeTokenSecret({ token, now }), now });
const listing = k.listTokens({ secrets: [secret], now });

// A signed cluster-info ConfigMap is what verifyClusterInfo takes, and signing composes.
const signed = k.signClusterInfo({
  configmap: { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cluster-info" }, data: {} },
  secrets: [secret],
  now,
});
const cm: ConfigMapManifest = signed.configmap;
const again = k.signClusterInfo({ configmap: cm, secrets: [secret], now });
const verified = k.verifyClusterInfo({ configmap: again.configmap, token });
if (verified.verified) {
  const pins: string[] = k.parseCaPins(verified.caCertHashes);
  k.joinCommand({ token, server: verified.server, caCertHashes: pins });
  if (verified.caPem !== null) k.checkCaPins({ pem: verified.caPem, pins });
}

// Parsed token parts and credentials go back into the functions that take them.
const parts = k.parseToken(token);
const joined: string = k.tokenFromParts(parts);
if (creds !== null) k.computeJws({ content: "x", ...creds });
const k3s = k.parseK3sToken(`K10abc::${token}`);
if (k3s.token !== null) k.renderSecret({ token: k3s.token, now });

// Manifests as bytes (a Buffer is a Uint8Array, what readFileSync returns) and parsed JSON.
const fromFile = k.parseKubeconfig(new Uint8Array(0));
const fromJson = k.parseSecret(JSON.parse(JSON.stringify(secret)) as object as SecretManifest);
const kc = k.parseKubeconfig(new TextEncoder().encode("apiVersion: v1\nkind: Config\n"));

export const used = [info, listed, list, auth, groups, exp, action, listing, joined, fromFile, fromJson, kc];
