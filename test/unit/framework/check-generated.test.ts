// Generated inputs for every resource kind's `check` (fast-check): whatever a program passes
// (any types, lengths, encodings, unknowns, properties the resource does not have), check answers
// with the inputs or with failures that each name a property and say what is allowed; it never
// throws, and it makes no call to the cloud.
import http from "node:http";
import type { AddressInfo } from "node:net";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeSettings } from "../../../provider/client/settings";
import { UNKNOWN } from "../../../provider/framework/check";
import { SCOPE_FIELDS } from "../../../provider/framework/common-fields";
import { lifecycle } from "../../../provider/framework/lifecycle";
import type { ResourceSpec } from "../../../provider/framework/resource-spec";
import type { Fields } from "../../../provider/framework/schema";
import { cenChildInstanceAttachment } from "../../../provider/lifecycles/cen-child-instance-attachment";
import { cenGrantRevocation } from "../../../provider/lifecycles/cen-grant-revocation";
import { classicLinkAttachment } from "../../../provider/lifecycles/classic-link-attachment";
import { managedInstanceActivation } from "../../../provider/lifecycles/managed-instance-activation";
import { managedInstanceRegistration } from "../../../provider/lifecycles/managed-instance-registration";
import { transitRouterGrant } from "../../../provider/lifecycles/transit-router-grant";

const SPECS: Record<string, ResourceSpec<Fields, unknown>> = {
  CenGrantRevocation: cenGrantRevocation as unknown as ResourceSpec<Fields, unknown>,
  CenChildInstanceAttachment: cenChildInstanceAttachment as unknown as ResourceSpec<Fields, unknown>,
  ClassicLinkAttachment: classicLinkAttachment as unknown as ResourceSpec<Fields, unknown>,
  ManagedInstanceActivation: managedInstanceActivation as unknown as ResourceSpec<Fields, unknown>,
  ManagedInstanceRegistration: managedInstanceRegistration as unknown as ResourceSpec<Fields, unknown>,
  TransitRouterGrant: transitRouterGrant as unknown as ResourceSpec<Fields, unknown>,
};

/** Values a program can pass: anything JSON-like, Pulumi's unknown, and strings near the valid ones. */
const value = fc.oneof(
  fc.anything({ maxDepth: 2, maxKeys: 4 }),
  fc.constant(UNKNOWN),
  fc.string({ unit: "binary", maxLength: 300 }),
  fc.constantFrom("vpc-", "cen-1", "vpc-bp1abc", "i-1", "mi-", "cn-hangzhou", "", " ", "%ZZ", "1234567890123456"),
  fc.integer(),
  fc.double(),
  fc.boolean(),
);

let requests = 0;
let server: http.Server;
let endpoint: string;
beforeAll(async () => {
  server = http.createServer((_req, res) => {
    requests += 1;
    res.end("{}");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe.each(Object.entries(SPECS))("%s check", (_kind, spec) => {
  const names = [...Object.keys(SCOPE_FIELDS), ...Object.keys(spec.fields), "customTimeouts", "notAProperty"];
  const inputs = fc.dictionary(fc.oneof(fc.constantFrom(...names), fc.string({ maxLength: 12 })), value, {
    maxKeys: 8,
  });

  it("GIVEN generated inputs WHEN checked THEN inputs or failures naming a property, never an exception, no call", async () => {
    const settings = makeSettings(undefined, {
      ALICLOUD_ENDPOINT: endpoint,
      ALIBABA_CLOUD_REGION: "cn-hangzhou",
      ALIBABA_CLOUD_ACCESS_KEY_ID: "LTAI5tExampleKey0001",
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: "example-secret",
    });
    const check = lifecycle(spec, settings).check;
    await fc.assert(
      fc.asyncProperty(inputs, async (news) => {
        const result = await check({}, news);
        expect(result.inputs).toBeDefined();
        for (const failure of result.failures ?? []) {
          expect(typeof failure.property).toBe("string");
          expect(failure.reason.length).toBeGreaterThan(0);
          expect(failure.reason).toContain(failure.property.split(".")[0]);
        }
      }),
      { numRuns: 300, seed: 18 },
    );
    expect(requests).toBe(0);
  });
});
