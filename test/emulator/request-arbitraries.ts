// Generated HTTP requests for every surface of the emulator (fast-check arbitraries): methods,
// paths under each surface's prefix with valid and broken percent-encodings, query strings with
// duplicate and empty parameters, bodies of every content type. Used by the generated-requests
// test and by the emulator benchmark's memory phase.
import fc from "fast-check";
import { VPC as VPC_PRODUCT } from "../../api/vpc.js";

const VPC = VPC_PRODUCT.version;

const PREFIXES = [
  "/",
  "/__admin/",
  "/__admin/world",
  "/__admin/seed",
  "/__admin/reset",
  "/__admin/faults",
  "/latest/meta-data/ram/security-credentials/",
  "/latest/api/token",
  "/__sts/credentials/1234567890123456/",
  "/__sts/oidc-token",
];
const segment = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom("%ZZ", "%", "%E0%A4%A", "..", "%2F", "a%00b", "ecs-role"),
);
const path = fc
  .tuple(fc.constantFrom(...PREFIXES), fc.array(segment, { maxLength: 3 }))
  .map(([prefix, parts]) => prefix + parts.join("/"));
const query = fc
  .array(
    fc.tuple(
      fc.oneof(fc.constantFrom("Action", "Version", "RegionId", "Format", "Signature", "AccessKeyId"), fc.string()),
      fc.oneof(fc.constantFrom("DescribeVpcs", VPC, "cn-hangzhou", "XML", "JSON", ""), fc.string()),
    ),
    { maxLength: 6 },
  )
  .map((pairs) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&"));
const method = fc.constantFrom("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "BREW");
const contentType = fc.constantFrom(
  undefined,
  "application/json",
  "application/x-www-form-urlencoded",
  "text/plain",
  "multipart/form-data; boundary=x",
  "application/octet-stream",
);
const body = fc.oneof(
  fc.constant(""),
  fc.string({ maxLength: 200 }),
  fc.json(),
  fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
);

/** A request to any surface: method, path, query string, content type and body, each generated. */
export const generatedRequest = fc.record({ method, path, query, contentType, body });
