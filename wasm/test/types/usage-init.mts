// Type test for "kubetoken/init".
import { generateToken, type InitInput, init, initSync, KubetokenError } from "kubetoken/init";

export async function start(bytes: Uint8Array, module: WebAssembly.Module): Promise<string> {
  const input: InitInput = new URL("https://example.invalid/kubetoken_bg.wasm");
  await init(input);
  await init(module);
  await init();
  initSync(bytes);
  initSync(module);
  // @ts-expect-error: initSync needs the module (it cannot fetch)
  initSync();
  return generateToken() + String(KubetokenError.name);
}
