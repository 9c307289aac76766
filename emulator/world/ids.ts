// Identifiers in the shapes the real services use.
import { createHash, randomBytes, randomUUID } from "node:crypto";

const REGION_ABBREVIATIONS: { readonly [regionId: string]: string } = {
  "cn-hangzhou": "hz",
  "cn-shanghai": "sh",
  "cn-beijing": "bj",
  "cn-shenzhen": "sz",
  "cn-qingdao": "qd",
  "cn-zhangjiakou": "zjk",
  "cn-huhehaote": "hhht",
  "cn-wulanchabu": "wlcb",
  "cn-heyuan": "hy",
  "cn-guangzhou": "gz",
  "cn-chengdu": "cd",
  "cn-hongkong": "hk",
  "ap-southeast-1": "sg",
  "ap-northeast-1": "jp",
  "us-west-1": "usw",
  "us-east-1": "use",
  "eu-central-1": "fra",
};

/** The short region tag used inside Cloud Assistant IDs (`mi-hz01...`, `a-hz0...`). */
export function regionAbbreviation(regionId: string): string {
  return (
    REGION_ABBREVIATIONS[regionId] ??
    regionId
      .split("-")
      .map((part) => part.charAt(0))
      .join("")
  );
}

const LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";
const CODE_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

function randomChars(alphabet: string, length: number): string {
  const bytes = randomBytes(length);
  let out = "";
  for (const byte of bytes) out += alphabet.charAt(byte % alphabet.length);
  return out;
}

/** `4ECEEE12-56F1-4FBC-9AB1-890F1234ABCD` style. */
export function newActivationId(): string {
  return randomUUID().toUpperCase();
}

/** `a-hz0ch3SwhOlE1234+Xo32lAZC7890` style. */
export function newActivationCode(regionId: string): string {
  return `a-${regionAbbreviation(regionId)}0${randomChars(CODE_CHARS, 26)}`;
}

/** `mi-hz018jrc1o0abcd` style. */
export function newManagedInstanceId(regionId: string): string {
  return `mi-${regionAbbreviation(regionId)}01${randomChars(LOWER_ALNUM, 11)}`;
}

/** Hex SHA-256: how activation codes are kept (the code itself is returned once, never stored). */
export function hashSecret(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** A 32-hex-digit machine code derived from some text (stable for a seed). */
export function machineIdFrom(text: string): string {
  return createHash("md5").update(text, "utf8").digest("hex");
}

/** A new random 32-hex-digit machine code. */
export function newMachineId(): string {
  return randomBytes(16).toString("hex");
}
