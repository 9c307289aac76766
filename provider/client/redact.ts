// Scrubs anything secret from text that may reach an error, a log or the state. pop-core puts the
// whole signed URL in its messages, and a gateway's SignatureDoesNotMatch message echoes the
// string to sign: we never pass such text on, and scrub whatever server text we do pass on.

// The V1 query parameters, plus `Credential` of a V3 Authorization header.
const SIGNED_PARAMS = ["Signature", "SecurityToken", "AccessKeyId", "SignatureNonce", "AccessKeySecret", "Credential"];
// `Name=value` and its percent-encoded twin `Name%3Dvalue` (once or twice encoded), up to a separator.
const PARAM_PATTERN = new RegExp(`\\b(${SIGNED_PARAMS.join("|")})(=|%3D|%253D)[^&\\s,;"']*`, "gi");

/** Replaces signed parameters and every given secret value in `text` with `***`. */
export function redact(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text.replace(PARAM_PATTERN, "$1$2***");
  for (const secret of secrets) {
    // Short values would mangle ordinary words; real keys and tokens are long.
    if (secret && secret.length >= 8) out = out.split(secret).join("***");
  }
  return out;
}

// JSON members that hold secrets in credential files and credential service answers.
const SECRET_MEMBERS =
  /"(access_key_secret|sts_token|AccessKeySecret|SecurityToken|security_token|accessKeySecret|securityToken|bearer_token|BearerToken)"\s*:\s*"[^"]*"/g;

/**
 * A credential library's failure, made safe to show: its first line, without any JSON it quoted
 * (a malformed credentials file is echoed whole), secret members scrubbed, at most 200 characters.
 */
export function credentialFailureText(message: string): string {
  const firstLine = message.split("\n")[0] ?? "";
  const quoted = firstLine.search(/[{[]/);
  const head = quoted >= 0 ? `${firstLine.slice(0, quoted).trimEnd()} (content omitted)` : firstLine;
  const scrubbed = redact(head.replace(SECRET_MEMBERS, '"$1":"***"'));
  return scrubbed.length > 200 ? `${scrubbed.slice(0, 200)}...` : scrubbed;
}
