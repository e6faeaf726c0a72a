// Type test for "kubetoken/full" and "kubetoken/full/init": the same declarations as the
// default entry's, so values move freely between the builds (a page that loads the full
// build on demand passes its results to the lean one and back).

import type { TokenInfo } from "kubetoken";
import * as lean from "kubetoken";
import { parseSecret, renderSecret, UnsupportedError } from "kubetoken/full";
import { init, initSync, parseToken } from "kubetoken/full/init";

export function fromYaml(yaml: string): TokenInfo {
  const parsed: TokenInfo = parseSecret(yaml);
  // A full-build result goes where the lean build takes one, and back.
  lean.renderSecret({ token: parsed.token });
  renderSecret({ token: lean.generateToken() });
  // @ts-expect-error: parseSecret takes a manifest, not a number
  parseSecret(42);
  return parsed;
}

export const isUnsupported = (e: unknown): boolean => e instanceof UnsupportedError && e.code === "unsupported";

export async function start(module: WebAssembly.Module): Promise<string> {
  await init(module);
  initSync(module);
  return parseToken("abcdef.0123456789abcdef").id;
}
