// Generated requests against every surface of the emulator (fast-check, through the pure
// handle()): methods, paths with valid and broken percent-encodings, query strings with duplicate
// and empty parameters, headers, bodies of any content type, and signed requests with wrong
// secrets. Whatever comes, an answer comes in the surface's own shape, and a refused request
// changes nothing in the world. Generated seeds either load or are refused naming the field.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createEmulator, makeRequest, signRequestV1 } from "../../emulator/index.js";
import { KEYS, VPC } from "./helpers.js";
import { generatedRequest as request } from "./request-arbitraries.js";

/** The world as the admin surface shows it, without its clock reading. */
async function snapshot(emulator: ReturnType<typeof createEmulator>): Promise<string> {
  const answer = await emulator.handle(makeRequest("GET", "/__admin/world"));
  const { now: _now, ...world } = JSON.parse(answer.body) as { now: string };
  return JSON.stringify(world);
}

describe("generated requests", () => {
  it("GIVEN any request on any surface WHEN handled THEN an answer comes in that surface's shape, and a refused one changes nothing", async () => {
    const emulator = createEmulator();
    let before = await snapshot(emulator);
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const url = r.query ? `${r.path}?${r.query}` : r.path;
        const answer = await emulator.handle(
          makeRequest(r.method, url, r.contentType ? { "content-type": r.contentType } : {}, r.body),
        );
        expect(Number.isInteger(answer.status) && answer.status >= 200 && answer.status < 600).toBe(true);
        expect(typeof answer.body).toBe("string");
        const admin = r.path.startsWith("/__admin");
        const sts = r.path.startsWith("/latest/") || r.path.startsWith("/__sts/");
        if (!admin && !sts && answer.status >= 400 && !answer.drop) {
          // Alibaba's error envelope, in JSON or XML.
          expect(answer.body).toMatch(/"Code":"[^"]+"|<Code>[^<]+<\/Code>/);
          expect(answer.body).toMatch(/RequestId/);
        }
        if (admin && answer.status >= 400) expect(JSON.parse(answer.body)).toHaveProperty("code");
        if (answer.status >= 400) expect(await snapshot(emulator)).toBe(before);
        else if (admin) {
          // An admin change that was accepted: start the next request from the start world again.
          emulator.reset();
          before = await snapshot(emulator);
        }
      }),
      { numRuns: 400, seed: 18 },
    );
  });

  it("GIVEN signed RPC requests with generated parameters and a wrong secret or none WHEN handled THEN each is refused and nothing changes", async () => {
    const emulator = createEmulator();
    const before = await snapshot(emulator);
    const params = fc.dictionary(
      fc.oneof(
        fc.constantFrom("InstanceId", "CenId", "CenOwnerId", "InstanceType", "RegionId"),
        fc.string({ minLength: 1, maxLength: 10 }),
      ),
      fc.string({ maxLength: 30 }),
      { maxKeys: 5 },
    );
    await fc.assert(
      fc.asyncProperty(params, fc.constantFrom("wrong-secret", ""), async (extra, secret) => {
        const encoded = signRequestV1({
          method: "POST",
          params: { RegionId: "cn-hangzhou", ...extra, Action: "GrantInstanceToCen", Version: VPC },
          accessKeyId: KEYS.main.accessKeyId,
          accessKeySecret: secret,
        });
        const answer = await emulator.handle(
          makeRequest("POST", "/", { "content-type": "application/x-www-form-urlencoded" }, encoded),
        );
        expect(answer.status).toBe(400);
        expect(answer.body).toMatch(/"Code":"(SignatureDoesNotMatch|IncompleteSignature|MissingParameter[^"]*)"/);
        expect(await snapshot(emulator)).toBe(before);
      }),
      { numRuns: 100, seed: 18 },
    );
  });
});

describe("generated seeds", () => {
  it("GIVEN generated seed documents WHEN posted THEN each loads, or is refused naming the field, and a refused one changes nothing", async () => {
    const emulator = createEmulator();
    const seed = fc.oneof(
      fc.anything({ maxDepth: 3 }),
      fc.record(
        {
          settings: fc.dictionary(
            fc.constantFrom("taskDurationMs", "duplicateGrant", "notAttachedCode", "nope"),
            fc.anything({ maxDepth: 1 }),
          ),
          accounts: fc.array(
            fc.record(
              {
                uid: fc.oneof(fc.constantFrom("1234567890123456", "1"), fc.string()),
                cens: fc.array(
                  fc.record({ cenId: fc.string(), transitRouterEdition: fc.string() }, { requiredKeys: [] }),
                ),
                regions: fc.anything({ maxDepth: 1 }),
              },
              { requiredKeys: [] },
            ),
            { maxLength: 2 },
          ),
        },
        { requiredKeys: [] },
      ),
    );
    await fc.assert(
      fc.asyncProperty(seed, async (document) => {
        const before = await snapshot(emulator);
        const answer = await emulator.handle(
          makeRequest("POST", "/__admin/seed", { "content-type": "application/json" }, JSON.stringify(document) ?? ""),
        );
        if (answer.status === 200) {
          emulator.reset();
          return;
        }
        expect(answer.status).toBe(400);
        const refusal = JSON.parse(answer.body) as { code: string; message: string; errors?: { path: string }[] };
        expect(["InvalidSeed", "InvalidBody"]).toContain(refusal.code);
        expect(refusal.message.length).toBeGreaterThan(0);
        expect(await snapshot(emulator)).toBe(before);
      }),
      { numRuns: 300, seed: 18 },
    );
  });
});
