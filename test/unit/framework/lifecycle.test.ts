// The lifecycle framework on its own, with a resource whose calls are scripted: what create does
// with each kind of refusal, without a cloud behind it.
import { describe, expect, it } from "vitest";
import { AlibabaCloudError } from "../../../provider/client/errors";
import { makeSettings } from "../../../provider/client/settings";
import { lifecycle, type ResourceSpec } from "../../../provider/framework/lifecycle";
import { declareFields, text } from "../../../provider/framework/schema";

interface ThingArgs {
  readonly name: string;
}
const FIELDS = declareFields<ThingArgs, object>()({
  name: text(/^[a-z]+$/, "a name", { onChange: "replace", required: true }),
});

const refused = (code: string, afterUnanswered = false) =>
  new AlibabaCloudError({
    action: "MakeThing",
    code,
    detail: "refused",
    retryable: false,
    outcome: "answered",
    afterUnanswered,
  });

/** A resource whose probe answers from `looks` in turn, and whose create call throws `failure`. */
function thing(looks: (() => Promise<true | undefined>)[], failure: Error): ResourceSpec<typeof FIELDS, true> {
  let look = 0;
  return {
    fields: FIELDS,
    products: ["vpc"],
    describe: (inputs) => `thing ${inputs.name}`,
    probe: () => (looks[Math.min(look++, looks.length - 1)] as () => Promise<true | undefined>)(),
    outputs: (inputs) => ({ ...inputs }),
    create: {
      style: "natural-key",
      id: (inputs) => inputs.name,
      existsCodes: ["OperationDenied"],
      exists: (inputs) => ({ statement: `thing ${inputs.name} exists`, removal: "remove" }),
      call: async () => {
        throw failure;
      },
    },
    remove: { call: async () => undefined, goneCodes: [], waitUntilGone: false },
  };
}

const settings = makeSettings(undefined, { ALICLOUD_DYNAMIC_POLL_INTERVAL_MS: "10" });
const inputs = { name: "a", regionId: "cn-hangzhou" };
const absent = async () => undefined;

describe("create, when the call is refused", () => {
  it("GIVEN a refusal that can mean 'exists' WHEN the confirming look itself fails THEN the look's failure is reported, not hidden", async () => {
    const failing = async (): Promise<undefined> => {
      throw new Error("credentials expired while looking");
    };
    const spec = thing([absent, failing], refused("OperationDenied"));
    await expect(lifecycle(spec, settings).create(inputs)).rejects.toThrow("credentials expired while looking");
  });

  it("GIVEN a refusal that can mean 'exists' WHEN nothing is there THEN the call's own refusal is the error", async () => {
    const spec = thing([absent], refused("OperationDenied"));
    await expect(lifecycle(spec, settings).create(inputs)).rejects.toMatchObject({ code: "OperationDenied" });
  });

  it("GIVEN 'exists' after an unanswered attempt of ours WHEN the look finds it THEN it is recorded as ours", async () => {
    const spec = thing([absent, async () => true], refused("OperationDenied", true));
    await expect(lifecycle(spec, settings).create(inputs)).resolves.toMatchObject({ id: "a" });
  });

  it("GIVEN any other refusal WHEN create runs THEN it fails at once with it", async () => {
    const spec = thing([absent], refused("InvalidVpcId.NotFound"));
    await expect(lifecycle(spec, settings).create(inputs)).rejects.toMatchObject({ code: "InvalidVpcId.NotFound" });
  });
});
