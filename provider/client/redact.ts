// Scrubs anything secret from text that may reach an error, a log or the state. pop-core puts the
// whole signed URL in its messages, and a gateway's SignatureDoesNotMatch message echoes the
// string to sign: we never pass such text on, and scrub whatever server text we do pass on.

const SIGNED_PARAMS = ["Signature", "SecurityToken", "AccessKeyId", "SignatureNonce", "AccessKeySecret"];
// `Name=value` and its percent-encoded twin `Name%3Dvalue` (once or twice encoded), up to a separator.
const PARAM_PATTERN = new RegExp(`\\b(${SIGNED_PARAMS.join("|")})(=|%3D|%253D)[^&\\s,;"']*`, "gi");
const AUTHORIZATION_PATTERN =
  /(ACS3-HMAC-SHA256\s+Credential=)[^\s,]+(,\s*SignedHeaders=[^\s,]+)?(,\s*Signature=)[0-9a-f]+/gi;

/** Replaces signed parameters and every given secret value in `text` with `***`. */
export function redact(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text.replace(PARAM_PATTERN, "$1$2***").replace(AUTHORIZATION_PATTERN, "$1***$3***");
  for (const secret of secrets) {
    // Short values would mangle ordinary words; real keys and tokens are long.
    if (secret && secret.length >= 8) out = out.split(secret).join("***");
  }
  return out;
}
