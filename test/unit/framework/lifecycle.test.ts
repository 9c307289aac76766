// The lifecycle framework on its own, with a resource whose calls are scripted: what create does
// with each kind of refusal, without a cloud behind it.
import { describe, expect, it } from "vitest";
import { DescribeActivations } from "../../../api/ecs";
import { AlibabaCloudError } from "../../../provider/client/errors";
import { makeSettings } from "../../../provider/client/settings";
import { ownerDigest } from "../../../provider/framework/holdings";
import { lifecycle } from "../../../provider/framework/lifecycle";
import { CreatedButFailed, type ResourceSpec } from "../../../provider/framework/resource-spec";
import { computed, declareFields, flag, text } from "../../../provider/framework/schema";

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

// A resource whose id the service assigns, in a scripted service: `objects` is what exists, each
// with the owner marker it carries; `calls` what the resource was asked to do.
interface Made {
  id: string;
  marker: string | undefined;
  inUse: boolean;
  closed?: boolean;
}
const TICKET_FIELDS = declareFields<{ readonly label?: string; readonly closed?: boolean }, object>()({
  label: text(/^[a-z]+$/, "a label", { onChange: "replace" }),
  closed: flag({ onChange: "update", default: false }),
  secret: computed<string>({ secret: true }),
});
function ticket(service: { objects: Made[]; calls: string[]; call: (marker: string | undefined) => Promise<string> }) {
  const spec: ResourceSpec<typeof TICKET_FIELDS, Made> = {
    fields: TICKET_FIELDS,
    products: ["ecs"],
    describe: (inputs) => `ticket ${inputs.label ?? ""}`.trim(),
    probe: async (_op, _inputs, id) => service.objects.find((object) => object.id === id),
    // `closed` is the live state, as an activation's `disabled` is.
    outputs: (inputs, live, previous) => ({
      ...inputs,
      closed: live?.closed ?? previous?.closed ?? false,
      secret: previous?.secret ?? "",
    }),
    create: {
      style: "service-id",
      call: async (_op, _inputs, marker) => {
        const id = await service.call(marker);
        return { id, once: { secret: `secret-of-${id}` } };
      },
      marked: async (_op, marker) => service.objects.filter((object) => object.marker === marker),
      returnedOnce: "its secret",
    },
    remove: {
      call: async (_op, id) => {
        service.calls.push(`remove ${id}`);
        service.objects = service.objects.filter((object) => object.id !== id);
      },
      goneCodes: [],
      waitUntilGone: false,
    },
    async update(_op, id, olds, news) {
      if (news.closed && !olds.closed) {
        service.calls.push(`close ${id}`);
        if (service.calls.includes("fail close")) throw new Error("the close was refused");
      }
      return { ...olds, ...news };
    },
    replaceWhen: { closed: (olds, news) => olds.closed === true && news.closed !== true },
  };
  return spec;
}
const URN_INPUT = { __urn: "urn:pulumi:dev::shop::pkg:index:Ticket::t1" };
const lost = () =>
  new AlibabaCloudError({
    action: "MakeTicket",
    code: "ServiceUnavailable",
    detail: "no answer",
    retryable: true,
    outcome: "unknown",
    afterUnanswered: true,
  });

describe("create, when the service assigns the id", () => {
  it("GIVEN a call whose answer is lost after it made the object WHEN create fails THEN only what that call made is deleted, and a kept object with the same marker stays", async () => {
    const service = { objects: [] as Made[], calls: [] as string[], call: async (_: string | undefined) => "" };
    service.call = async (marker) => {
      service.objects.push({ id: "t-lost", marker, inUse: false });
      throw lost();
    };
    const { create } = lifecycle(ticket(service), settings);
    // A ticket kept by retainOnDelete from an earlier create of the same resource.
    const marker = ownerDigest(URN_INPUT.__urn);
    service.objects.push({ id: "t-kept", marker, inUse: false });
    await expect(create({ ...inputs, ...URN_INPUT })).rejects.toThrow(
      "its secret is known to nobody, so what it made was looked for by this resource's owner tag and deleted",
    );
    expect(service.objects.map((object) => object.id)).toEqual(["t-kept"]);
    expect(service.calls).toEqual(["remove t-lost"]);
  });

  it("GIVEN an input the call cannot carry WHEN applying it fails after the object was made THEN the object is recorded with what only its answer showed", async () => {
    const service = { objects: [] as Made[], calls: ["fail close"], call: async (_: string | undefined) => "" };
    service.call = async (marker) => {
      service.objects.push({ id: "t-1", marker, inUse: false });
      return "t-1";
    };
    const failure = await lifecycle(ticket(service), settings)
      .create({ ...inputs, ...URN_INPUT, closed: true })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CreatedButFailed);
    expect(failure).toMatchObject({ id: "t-1", properties: { secret: "secret-of-t-1", closed: false } });
    expect(String(failure)).toContain("the close was refused; the next up completes it");
  });

  it("GIVEN a look that fails after the call answered WHEN create runs THEN the object is recorded with what only its answer showed, not lost", async () => {
    const service = { objects: [] as Made[], calls: [] as string[], call: async (_: string | undefined) => "" };
    service.call = async (marker) => {
      service.objects.push({ id: "t-2", marker, inUse: false });
      return "t-2";
    };
    const spec: ResourceSpec<typeof TICKET_FIELDS, Made> = {
      ...ticket(service),
      probe: async () => {
        throw new Error("Describe refused: Forbidden.RAM");
      },
    };
    const failure = await lifecycle(spec, settings)
      .create({ ...inputs, ...URN_INPUT })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CreatedButFailed);
    expect(failure).toMatchObject({ id: "t-2", properties: { secret: "secret-of-t-2" } });
    expect(String(failure)).toContain("Describe refused: Forbidden.RAM; the next up completes it");
  });

  it("GIVEN the fields alone WHEN diffed THEN an omitted flag means its default, a one-way flag turned back replaces, and a shared input updates in place", async () => {
    const service = { objects: [] as Made[], calls: [] as string[], call: async () => "t-1" };
    const { diff } = lifecycle(ticket(service), settings);
    const stored = { ...inputs, secret: "s", closed: false };
    expect(await diff("t-1", stored, { ...inputs })).toMatchObject({ changes: false, replaces: [] });
    expect(await diff("t-1", stored, { ...inputs, closed: true })).toMatchObject({ changes: true, replaces: [] });
    expect(await diff("t-1", { ...stored, closed: true }, { ...inputs })).toMatchObject({ replaces: ["closed"] });
    expect(await diff("t-1", stored, { ...inputs, profile: "ops" })).toMatchObject({ changes: true, replaces: [] });
    expect(await diff("t-1", stored, { ...inputs, regionId: "cn-beijing" })).toMatchObject({ replaces: ["regionId"] });
  });
});

describe("create, when the object appears on its own", () => {
  const FOUND_FIELDS = declareFields<{ readonly serial?: string; readonly nickname?: string }, object>()({
    serial: text(/^s-[0-9]+$/, "a serial", { onChange: "replace", reported: true }),
    nickname: text(/^[a-z]+$/, "a nickname", { onChange: "update", reported: true }),
  });
  interface Device {
    serial: string;
    nickname: string;
  }
  function device(seen: (Device | undefined)[], renamed: string[]): ResourceSpec<typeof FOUND_FIELDS, Device> {
    let look = 0;
    return {
      fields: FOUND_FIELDS,
      products: ["ecs"],
      describe: () => "device",
      probe: async () => seen.at(-1),
      outputs: (inputs, live) => ({ ...inputs, ...live }),
      create: {
        style: "find",
        find: async () => seen[Math.min(look++, seen.length - 1)],
        idOf: (live) => live.serial,
        waitFor: (given) => (given.serial ? undefined : { what: "a device to appear", timeoutMs: 5_000 }),
        missing: (given) => `device ${given.serial} is not there`,
      },
      remove: { call: async () => undefined, goneCodes: [], waitUntilGone: false },
      async update(_op, _id, olds, news) {
        if (news.nickname !== undefined && news.nickname !== olds.nickname) renamed.push(news.nickname);
        return { ...olds, ...news };
      },
    };
  }

  it("GIVEN no id WHEN the object appears after two looks THEN create waits for it, records it and applies the inputs it lacks", async () => {
    const renamed: string[] = [];
    const spec = device([undefined, undefined, { serial: "s-1", nickname: "old" }], renamed);
    const made = await lifecycle(spec, settings).create({ ...inputs, nickname: "new" });
    expect(made).toMatchObject({ id: "s-1", outs: { serial: "s-1", nickname: "new" } });
    expect(renamed).toEqual(["new"]);
  });

  it("GIVEN a found object WHEN applying an input fails THEN it is recorded as it was found", async () => {
    const spec = device([{ serial: "s-3", nickname: "old" }], []);
    const failing: ResourceSpec<typeof FOUND_FIELDS, Device> = {
      ...spec,
      update: async () => {
        throw new Error("rename refused");
      },
    };
    const failure = await lifecycle(failing, settings)
      .create({ ...inputs, serial: "s-3", nickname: "new" })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CreatedButFailed);
    expect(failure).toMatchObject({ id: "s-3", properties: { serial: "s-3", nickname: "old" } });
  });

  it("GIVEN an id that names nothing WHEN create runs THEN it fails at once, naming it", async () => {
    const spec = device([undefined], []);
    await expect(lifecycle(spec, settings).create({ ...inputs, serial: "s-9" })).rejects.toThrow(
      "device s-9 is not there",
    );
  });

  it("GIVEN a reported input omitted WHEN diffed THEN the live value in its output is no change; given and different, it is", async () => {
    const { diff } = lifecycle(device([], []), settings);
    const stored = { ...inputs, serial: "s-1", nickname: "old" };
    expect(await diff("s-1", stored, { ...inputs })).toMatchObject({ changes: false, replaces: [] });
    expect(await diff("s-1", stored, { ...inputs, nickname: "new" })).toMatchObject({ changes: true, replaces: [] });
    expect(await diff("s-1", stored, { ...inputs, serial: "s-2" })).toMatchObject({ replaces: ["serial"] });
  });
});

describe("the products a resource declares", () => {
  it("GIVEN a resource that calls an action of a product it does not declare WHEN the call is made THEN it fails before any request, naming the product to add", async () => {
    const spec = thing([absent], new Error("unused"));
    const calling: ResourceSpec<typeof FIELDS, true> = {
      ...spec,
      create: {
        style: "natural-key",
        id: (given) => given.name,
        existsCodes: [],
        exists: (given) => ({ statement: `thing ${given.name} exists`, removal: "remove" }),
        call: async (op) => {
          await op.call(DescribeActivations, {});
        },
      },
    };
    await expect(lifecycle(calling, settings).create(inputs)).rejects.toThrow(
      'DescribeActivations is an action of ecs, and the resource\'s products are vpc: add "ecs" to them',
    );
  });
});
