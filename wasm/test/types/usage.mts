// Type test (tsc --noEmit, strict): every export of "kubetoken" used as documented.
// Lines marked @ts-expect-error must fail to type-check: they prove the types are not `any`.
import {
  CryptoError,
  type DurationInput,
  type ErrorCode,
  generateToken,
  InputTooLargeError,
  InvalidCertificateError,
  InvalidManifestError,
  InvalidOptionsError,
  InvalidSecretError,
  InvalidTokenError,
  isValidToken,
  isValidTokenId,
  KubetokenError,
  parseDuration,
  parseRfc3339,
  parseSecretName,
  parseToken,
  secretName,
  shortHumanDuration,
  type Time,
  tokenFromParts,
  UnsupportedError,
} from "kubetoken";

const token: string = generateToken();
const parts: { id: string; secret: string } = parseToken(token);
const ok: boolean = isValidToken(token) && isValidTokenId(parts.id) && tokenFromParts(parts) === token;
const name: string = secretName(parts.id);
const id: string | null = parseSecretName(name);
const d: DurationInput = 90 * 60 * 1000;
const text: string = parseDuration("90m") + parseDuration("24h") + shortHumanDuration("23h");
// @ts-expect-error: parseDuration takes Go duration text; milliseconds are a ttl only
parseDuration(d);
const t: Time = new Date();
const ts: string = parseRfc3339(t) + parseRfc3339("2024-01-02T03:04:05Z");

// @ts-expect-error: a number is not a token
parseToken(42);
// @ts-expect-error: the result has no `token` field
parseToken(token).token;
// @ts-expect-error: parseSecretName may return null
const notNull: string = parseSecretName(name);

function describe(e: unknown): string {
  if (e instanceof InvalidTokenError) return `bad token ${e.code}`;
  if (
    e instanceof InvalidOptionsError ||
    e instanceof InvalidSecretError ||
    e instanceof InvalidManifestError ||
    e instanceof InvalidCertificateError ||
    e instanceof CryptoError ||
    e instanceof InputTooLargeError ||
    e instanceof UnsupportedError
  ) {
    const code: ErrorCode = e.code;
    return `${e.name}: ${code}`;
  }
  if (e instanceof KubetokenError) return JSON.stringify(e.toJSON());
  return String(e);
}
// @ts-expect-error: codes are a closed union
const badCode: ErrorCode = "nope";

export const used = [parts, ok, id, text, ts, describe, notNull, badCode];
