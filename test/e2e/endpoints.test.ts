// Endpoints set for some products only, through the real Pulumi engine: the configuration a
// README reader copies when it names `vpc` and `ecs` alone. Preview says which products the
// program's resources still call on their public endpoints; a call to a host that does not resolve
// fails at once, naming the host and the setting it came from.
import { CenChildInstanceAttachment, ClassicLinkAttachment } from "pulumi-alicloud-dynamic";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestStack } from "../../testing/index";
import { accountConfig, type Cloud, emulatedStack, failureOf, MAIN, outputCollector, startCloud, WORLD } from "./cloud";

describe("alicloud:endpoints for vpc and ecs only", () => {
  let cloud: Cloud;
  let test: TestStack;

  beforeAll(async () => {
    cloud = await startCloud();
    const endpoints = JSON.stringify([{ vpc: cloud.url, ecs: cloud.url }]);
    test = await emulatedStack(
      cloud,
      async () => {
        new CenChildInstanceAttachment("attachment", {
          cenId: WORLD.cen,
          childInstanceId: WORLD.vpcLinked,
          childInstanceOwnerId: MAIN.uid,
        });
        new ClassicLinkAttachment("link", {
          instanceId: WORLD.classic1,
          vpcId: WORLD.vpcLinked,
          assumeRole: { roleArn: `acs:ram::${MAIN.uid}:role/linker` },
        });
      },
      // The shared variable would serve every product: this stack has the config alone.
      { config: { ...accountConfig(), "alicloud:endpoints": { value: endpoints } }, env: { ALICLOUD_ENDPOINT: "" } },
    );
  });

  afterAll(async () => {
    await test?.dispose();
    await cloud?.close();
  });

  it("GIVEN a CBN resource and a role to assume WHEN preview THEN it warns that cbn and sts go to their public endpoints", async () => {
    const output = outputCollector();
    await test.stack.preview({ onOutput: output.onOutput });
    const text = output.text().replace(/\s+/g, " ");
    expect(text).toContain(
      "endpoints are set for some products but not for cbn, which this program's resources call: those calls go to the public endpoint cbn.aliyuncs.com",
    );
    expect(text).toContain("Set alicloud:endpoints cbn, ALICLOUD_CBN_ENDPOINT or ALICLOUD_ENDPOINT");
    expect(text).toContain("but not for sts");
  });

  it("GIVEN public hosts that do not resolve here WHEN up THEN each failure names the host and its setting, without minutes of retries", async () => {
    const started = Date.now();
    const failure = await failureOf(test.stack.up());
    const text = failure.replace(/\s+/g, " ");
    expect(text).toContain("could not connect to cbn.aliyuncs.com (from the public default for cbn");
    expect(text).toContain("could not connect to sts.aliyuncs.com (from the public default for sts");
    expect(text).toContain("no such host");
    // The kit's FAST_PROVIDER_TIMING allows 30 s of retries: a name that does not resolve must not use them.
    expect(Date.now() - started).toBeLessThan(25_000);
  });
});
