// Every error the emulator answers is documented for the action that answered it (api/*-errors.ts
// or the common codes): generated, correctly signed calls to every action of every product, every
// parameter at a valid value but a few changed to broken ones or left out, through the pure handle(). An answer the tables do
// not document for its action would come back as 500 InternalError (core/pipeline.ts).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { COMMON_ERRORS } from "../../api/common-errors.js";
import type { ErrorEntry } from "../../api/errors.js";
import { PRODUCTS } from "../../api/index.js";
import { createEmulator, makeRequest, signRequestV1 } from "../../emulator/index.js";
import { IDS, KEYS } from "./helpers.js";

const VALUES = {
  RegionId: ["cn-hangzhou", "cn-shanghai", "eu-central-1", "cn-nowhere", "x"],
  InstanceId: [
    IDS.vpcLink1,
    IDS.vbr,
    IDS.ccn,
    IDS.classic1,
    IDS.vpcInstance,
    IDS.mi1,
    "vpc-bp1unknown000000001",
    "bad",
  ],
  VpcId: [IDS.vpcLink1, IDS.vpcPlain, IDS.otherVpc, "vpc-bp1unknown000000001", "bad"],
  InstanceType: ["VPC", "VBR", "CCN", "ExpressConnect", "VPN", "Bogus"],
  CenId: [IDS.cen1, IDS.cen2, "cen-unknown00000000001", "bad"],
  CenOwnerId: [IDS.cenOwnerUid, IDS.mainUid, "1", "abc"],
  ChildInstanceId: [IDS.vpcLink1, IDS.vbr, IDS.ccn, "vpc-bp1unknown000000001"],
  ChildInstanceType: ["VPC", "VBR", "CCN", "VPN"],
  ChildInstanceRegionId: ["cn-hangzhou", "cn-nowhere"],
  ChildInstanceOwnerId: [IDS.mainUid, IDS.cenOwnerUid, "1", "abc"],
  ProductType: ["VPC", "VBR", "ExpressConnect", "Bogus"],
  ResourceId: [IDS.vpcLink1, IDS.mi1, "bad"],
  "ResourceId.1": [IDS.mi1, IDS.activation, "bad"],
  ResourceType: ["managedinstance", "activation", "instance", "bogus"],
  OrderType: ["PayByCenOwner", "PayByResourceOwner", "Bogus"],
  MaxResults: ["0", "5", "1000", "x"],
  NextToken: ["x", "1"],
  PageNumber: ["0", "1", "x"],
  PageSize: ["0", "10", "1000"],
  ActivationId: [IDS.activation, "bad"],
  InstanceName: ["web", "x".repeat(200), "bad name!"],
  Description: ["d", "x".repeat(200)],
  InstanceCount: ["1", "0", "100000"],
  TimeToLiveInHours: ["1", "0", "100000"],
  IpAddressRange: ["0.0.0.0/0", "bad"],
  ResourceGroupId: ["rg-unknown"],
  "Tag.1.Key": ["k", "acs:k", ""],
  "Tag.1.Value": ["v", "http://x"],
  "InstanceId.1": [IDS.mi1, "mi-unknown"],
  MachineId: ["m", "x".repeat(40)],
  Connected: ["true", "maybe"],
  RoleArn: ["acs:ram::1234567890123456:role/cen-granter", "acs:ram::1:role/none", "bad"],
  RoleSessionName: ["session", "x"],
  DurationSeconds: ["900", "10", "999999"],
  Policy: ['{"Version":"1","Statement":[]}', "not json"],
  ExternalId: ["emu-hub-external-0001", "!"],
  OIDCProviderArn: ["acs:ram::1234567890123456:oidc-provider/emu-ci", "bad"],
  OIDCToken: ["a.b.c", "bad"],
  ClientToken: ["token-1", "token-2"],
} as const;

const ACTIONS = Object.values(PRODUCTS).flatMap(({ info, actions, errors }) =>
  Object.values(actions).map((action) => ({
    name: action.name as string,
    version: info.version,
    code: info.code,
    errors: errors as Readonly<Record<string, ErrorEntry>>,
  })),
);

/** Whether `code` with `status` is documented for the action. */
function documented(action: (typeof ACTIONS)[number], code: string, status: number): boolean {
  const own = (action.errors[code]?.answers as Readonly<Record<string, number | undefined>> | undefined)?.[action.name];
  if (own !== undefined) return own === status;
  const common = COMMON_ERRORS[code as keyof typeof COMMON_ERRORS];
  return common !== undefined && common.status === status;
}

describe("documented answers", () => {
  it("GIVEN generated signed calls to every action WHEN handled THEN every error answered is documented for its action with its status, and none is a 500", async () => {
    const emulator = createEmulator();
    const params = fc.dictionary(fc.constantFrom(...(Object.keys(VALUES) as (keyof typeof VALUES)[])), fc.nat(), {
      maxKeys: 8,
    });
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ACTIONS.map((action) => `${action.code} ${action.name}`)),
        params,
        fc.constantFrom(KEYS.main, KEYS.cenOwner),
        async (named, picks, key) => {
          const action = ACTIONS.find((a) => `${a.code} ${a.name}` === named) as (typeof ACTIONS)[number];
          // Every parameter at its first (valid) value, then a few changed to another, or left out.
          const values: Record<string, string> = Object.fromEntries(
            Object.entries(VALUES).map(([name, pool]) => [name, pool[0] as string]),
          );
          for (const [name, n] of Object.entries(picks)) {
            const pool = VALUES[name as keyof typeof VALUES];
            const value = pool[n % (pool.length + 1)];
            if (value === undefined) delete values[name];
            else values[name] = value;
          }
          const encoded = signRequestV1({
            method: "POST",
            params: { RegionId: "cn-hangzhou", ...values, Action: action.name, Version: action.version },
            accessKeyId: key.accessKeyId,
            accessKeySecret: key.accessKeySecret,
          });
          const answer = await emulator.handle(
            makeRequest("POST", "/", { "content-type": "application/x-www-form-urlencoded" }, encoded),
          );
          expect(answer.status).toBeLessThan(500);
          if (answer.status >= 400) {
            const code = (JSON.parse(answer.body) as { Code: string }).Code;
            seen.add(code);
            expect(documented(action, code, answer.status), `${action.name} answered ${answer.status} ${code}`).toBe(
              true,
            );
          }
        },
      ),
      { numRuns: 3000, seed: 16 },
    );
    // The generator reaches deep into the actions, not only the gateway's refusals.
    expect(seen.size).toBeGreaterThan(40);
  });
});
