// GIVEN the Pulumi Node SDK's debug lines, WHEN the package withholds answers for a resource type
// with secret outputs, THEN only that type's registration and read answers are replaced: every
// other line, and every other resource's answer, reaches the log as the SDK wrote it.
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it, vi } from "vitest";
import { WITHHELD, withholdAnswer, withholdDebugAnswers } from "../../../provider/framework/debug-redaction";

const SECRET_TYPE = "pulumi-nodejs:dynamic/alicloud:ManagedInstanceActivation";
const OTHER_TYPE = "pulumi-nodejs:dynamic/alicloud:CenGrantRevocation";
const TYPES = new Set([SECRET_TYPE]);
const ANSWER = 'urn: "urn:pulumi:dev::p::x::codes" id: "act-1" object { activationCode: "a-SECRETCODE" }';

describe("withholdAnswer", () => {
  it("GIVEN the RegisterResource answer of a type with secrets WHEN withheld THEN the label and the error stay, the answer goes", () => {
    const line = `RegisterResource RPC finished: resource:codes[${SECRET_TYPE}]; err: null, resp: ${ANSWER}`;
    expect(withholdAnswer(line, TYPES)).toBe(
      `RegisterResource RPC finished: resource:codes[${SECRET_TYPE}]; err: null, resp: ${WITHHELD}`,
    );
  });

  it("GIVEN a ReadResource answer (its label ends in #...) WHEN withheld THEN the answer goes", () => {
    const line = `ReadResource RPC finished: resource:codes[${SECRET_TYPE}]#...; err: null, resp: ${ANSWER}`;
    expect(withholdAnswer(line, TYPES)).toContain(`resp: ${WITHHELD}`);
    expect(withholdAnswer(line, TYPES)).not.toContain("a-SECRETCODE");
  });

  it("GIVEN a resource whose name holds the line's own separators WHEN withheld THEN the answer still goes", () => {
    const line = `RegisterResource RPC finished: resource:a; err: x, resp: y[${SECRET_TYPE}]; err: null, resp: ${ANSWER}`;
    expect(withholdAnswer(line, TYPES)).not.toContain("a-SECRETCODE");
  });

  it("GIVEN a failed registration WHEN withheld THEN the error is kept for debugging", () => {
    const line = `RegisterResource RPC finished: resource:codes[${SECRET_TYPE}]; err: Error: 14 UNAVAILABLE, resp: ${ANSWER}`;
    expect(withholdAnswer(line, TYPES)).toBe(
      `RegisterResource RPC finished: resource:codes[${SECRET_TYPE}]; err: Error: 14 UNAVAILABLE, resp: ${WITHHELD}`,
    );
  });

  it("GIVEN lines that are not a withheld type's answer WHEN passed THEN each is left exactly as it was", () => {
    for (const line of [
      `RegisterResource RPC finished: resource:grant[${OTHER_TYPE}]; err: null, resp: urn: "g" id: "cen-1:vpc-1:1"`,
      `RegisterResource RPC prepared: t=${SECRET_TYPE}, name=codes`,
      `Invoke RPC finished: tok=pulumi:pulumi:getStack; err: null, resp: ${ANSWER}`,
      `RegisterResourceOutputs RPC finished: urn=urn:pulumi:dev::p::pulumi:pulumi:Stack::p-dev; err: null, resp: x`,
      // A resource named to look like the withheld type: the type in brackets decides, not the name.
      `RegisterResource RPC finished: resource:codes[${SECRET_TYPE}][${OTHER_TYPE}]; err: null, resp: y`,
      "Registering resource: t=pulumi:pulumi:Stack, name=p-dev, custom=false, remote=false",
    ]) {
      expect(withholdAnswer(line, TYPES)).toBe(line);
    }
  });
});

describe("withholdDebugAnswers", () => {
  it("GIVEN the SDK's log.debug WHEN wrapped for two types THEN it is wrapped once, withholds both, and passes every other argument on", () => {
    const log = pulumi.log as unknown as { debug: (...args: unknown[]) => void };
    const original = log.debug;
    const sink = vi.fn();
    log.debug = sink;
    try {
      withholdDebugAnswers(SECRET_TYPE);
      const wrapped = log.debug;
      withholdDebugAnswers("pulumi-nodejs:dynamic/alicloud:Other");
      expect(log.debug).toBe(wrapped);

      log.debug(`RegisterResource RPC finished: resource:a[${SECRET_TYPE}]; err: null, resp: ${ANSWER}`, undefined, 7);
      log.debug("RegisterResource RPC finished: resource:b[pulumi-nodejs:dynamic/alicloud:Other]; err: null, resp: z");
      log.debug(`RegisterResource RPC finished: resource:c[${OTHER_TYPE}]; err: null, resp: kept`);
      expect(sink.mock.calls).toEqual([
        [`RegisterResource RPC finished: resource:a[${SECRET_TYPE}]; err: null, resp: ${WITHHELD}`, undefined, 7],
        [
          `RegisterResource RPC finished: resource:b[pulumi-nodejs:dynamic/alicloud:Other]; err: null, resp: ${WITHHELD}`,
        ],
        [`RegisterResource RPC finished: resource:c[${OTHER_TYPE}]; err: null, resp: kept`],
      ]);
    } finally {
      log.debug = original;
    }
  });
});
