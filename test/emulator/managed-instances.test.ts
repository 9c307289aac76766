// GIVEN the default activation and its two managed instances WHEN the agent registers servers and
// the APIs list, rename and deregister them THEN names, counts and filters behave as documented and
// every refusal (of the APIs and of the agent's registration) comes from a real situation.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AdminError, DEFAULT_ACTIVATION_CODE, type RunningEmulator } from "../../emulator/index.js";
import { call, ECS, expectFailure, IDS, pop, start } from "./helpers.js";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await start();
});
afterAll(() => emu.stop());
beforeEach(() => emu.admin.reset());

interface Instance {
  ActivationId: string;
  AgentVersion: string;
  Connected: boolean;
  Hostname: string;
  InstanceId: string;
  InstanceName: string;
  InternetIp: string;
  IntranetIp: string;
  InvocationCount: number;
  LastInvokedTime: string;
  MachineId: string;
  OsType: string;
  OsVersion: string;
  RegistrationTime: string;
}
interface Instances {
  TotalCount: number;
  PageNumber: number;
  PageSize: number;
  NextToken?: string;
  Instances: Instance[];
}

const ecs = () => pop(emu.url, ECS);
const listInstances = (params: Record<string, unknown> = {}) =>
  call<Instances>(ecs(), "DescribeManagedInstances", { RegionId: "cn-hangzhou", ...params });
const register = (overrides: Record<string, string> = {}) =>
  emu.admin.registerAgent({
    regionId: "cn-hangzhou",
    activationId: IDS.activation,
    activationCode: DEFAULT_ACTIVATION_CODE,
    hostname: "web-03.example",
    intranetIp: "10.0.0.13",
    ...overrides,
  });
async function agentRefusal(promise: Promise<unknown>): Promise<{ status: number; code: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AdminError) return { status: error.status, code: error.code };
    throw error;
  }
  throw new Error("expected the registration to be refused");
}

describe("DescribeManagedInstances", () => {
  it("GIVEN the default world WHEN listing THEN both instances come back as a plain Instances array with every documented field", async () => {
    const all = await listInstances();
    expect(all.TotalCount).toBe(2);
    expect(all.Instances.map((i) => i.InstanceId)).toEqual([IDS.mi1, IDS.mi2]);
    expect(all.Instances[0]).toMatchObject({
      ActivationId: IDS.activation,
      Hostname: "web-01",
      InstanceName: "web-001",
      MachineId: "e03231b37ab14e53b5795ad625fc0001",
      OsType: "linux",
      Connected: true,
      InvocationCount: 0,
      IntranetIp: "10.0.0.11",
      RegistrationTime: "2025-01-01T00:10:00Z",
    });
  });

  it("GIVEN filters WHEN listing THEN each narrows the result", async () => {
    await emu.admin.seed({
      accounts: [
        {
          uid: IDS.mainUid,
          managedInstances: [
            {
              regionId: "cn-hangzhou",
              instanceId: "mi-hz01emuwin000001",
              activationId: IDS.activation,
              hostname: "win-01",
              osType: "windows",
              connected: false,
              intranetIp: "192.168.1.5",
              machineId: "win0000000000000000000000000001",
            },
          ],
        },
      ],
    });
    const ids = async (params: Record<string, unknown>) =>
      (await listInstances(params)).Instances.map((i) => i.InstanceId);
    expect(await ids({ InstanceId: [IDS.mi2, "mi-hz01emuwin000001"] })).toEqual([IDS.mi2, "mi-hz01emuwin000001"]);
    expect(await ids({ InstanceName: "web-002" })).toEqual([IDS.mi2]);
    expect(await ids({ InstanceIp: "47.0.0.11" })).toEqual([IDS.mi1]);
    expect(await ids({ InstanceIp: "192.168.1.5" })).toEqual(["mi-hz01emuwin000001"]);
    expect(await ids({ ActivationId: IDS.activation })).toHaveLength(3);
    expect(await ids({ MachineId: "e03231b37ab14e53b5795ad625fc0002" })).toEqual([IDS.mi2]);
    expect(await ids({ OsType: "Windows" })).toEqual(["mi-hz01emuwin000001"]);
    expect(await ids({ Connected: "false" })).toEqual(["mi-hz01emuwin000001"]);
    expect(await ids({ Connected: "true", OsType: "linux" })).toEqual([IDS.mi1, IDS.mi2]);
  });

  it("GIVEN three instances WHEN paging by PageNumber/PageSize and by MaxResults/NextToken THEN both styles walk them", async () => {
    await register();
    const page = await listInstances({ PageNumber: 2, PageSize: 2 });
    expect([page.TotalCount, page.Instances.length, page.NextToken]).toEqual([3, 1, undefined]);
    const first = await listInstances({ MaxResults: 2 });
    const second = await listInstances({ MaxResults: 2, NextToken: first.NextToken });
    expect([...first.Instances, ...second.Instances].map((i) => i.InstanceId).slice(0, 2)).toEqual([IDS.mi1, IDS.mi2]);
    expect(second.Instances).toHaveLength(1);
    expect(second.NextToken).toBe("");
  });

  it("GIVEN bad paging or filters WHEN listing THEN the documented 400 codes", async () => {
    await expectFailure(listInstances({ PageNumber: -1 }), "InvalidParam.PageNumber", 400);
    await expectFailure(listInstances({ PageSize: 0 }), "InvalidParam.PageSize", 400);
    await expectFailure(listInstances({ MaxResults: 0 }), "InvalidParameter.MaxResults", 400);
    await expectFailure(listInstances({ NextToken: "eyJ4IjoxfQ" }), "InvalidParameter.NextToken", 400);
    await expectFailure(
      listInstances({
        Tag: [
          { Key: "k", Value: "v" },
          { Key: "k", Value: "w" },
        ],
      }),
      "Duplicate.TagKey",
      400,
    );
    await expectFailure(listInstances({ RegionId: "eu-central-1" }), "RegionId.ApiNotSupported", 400);
    await expectFailure(listInstances({ RegionId: "cn-atlantis" }), "InvalidRegionId.NotFound", 404);
  });
});

describe("the agent (admin) registers servers", () => {
  it("GIVEN the default activation (prefix web, count 10) WHEN a server registers THEN it is web-03 and RegisteredCount becomes 3", async () => {
    const registered = await register({ machineId: "e03231b37ab14e53b5795ad625fc0003", internetIp: "47.0.0.13" });
    expect(registered.instanceId).toMatch(/^mi-hz01[a-z0-9]{11}$/);
    expect(registered.instanceName).toBe("web-03");
    const listed = await listInstances({ InstanceId: [registered.instanceId] });
    expect(listed.Instances[0]).toMatchObject({
      InstanceName: "web-03",
      Hostname: "web-03.example",
      MachineId: "e03231b37ab14e53b5795ad625fc0003",
      IntranetIp: "10.0.0.13",
      InternetIp: "47.0.0.13",
      Connected: true,
    });
    const activations = await call<{ ActivationList: Array<{ RegisteredCount: number }> }>(
      ecs(),
      "DescribeActivations",
      {
        RegionId: "cn-hangzhou",
        ActivationId: IDS.activation,
      },
    );
    expect(activations.ActivationList[0]?.RegisteredCount).toBe(3);
    expect((await emu.admin.counters()).effects).toEqual({ [`RegisterManagedInstance:${registered.instanceId}`]: 1 });
  });

  it("GIVEN an activation of 100 with a prefix, and one without WHEN servers register THEN names are db-001 and the hostname", async () => {
    const withPrefix = await call<{ ActivationId: string; ActivationCode: string }>(ecs(), "CreateActivation", {
      RegionId: "cn-hangzhou",
      InstanceName: "db",
      InstanceCount: 100,
    });
    const plain = await call<{ ActivationId: string; ActivationCode: string }>(ecs(), "CreateActivation", {
      RegionId: "cn-hangzhou",
    });
    const a = await register({
      activationId: withPrefix.ActivationId,
      activationCode: withPrefix.ActivationCode,
      hostname: "db-host",
    });
    const b = await register({
      activationId: plain.ActivationId,
      activationCode: plain.ActivationCode,
      hostname: "lonely-host",
    });
    expect([a.instanceName, b.instanceName]).toEqual(["db-001", "lonely-host"]);
  });

  it("GIVEN a Cloud Assistant command WHEN the agent reports it THEN InvocationCount and LastInvokedTime change", async () => {
    const invoked = await emu.admin.invokeAgent({ instanceId: IDS.mi1 });
    expect(invoked.invocationCount).toBe(1);
    const [instance] = (await listInstances({ InstanceId: [IDS.mi1] })).Instances;
    expect(instance?.InvocationCount).toBe(1);
    expect(instance?.LastInvokedTime).toBe(invoked.lastInvokedTime);
  });

  it("GIVEN a wrong code, a disabled, expired or used-up activation, or an IP out of range WHEN registering THEN it is refused", async () => {
    expect(await agentRefusal(register({ activationCode: "a-hz0wrong" }))).toEqual({
      status: 403,
      code: "ActivationCode.Invalid",
    });
    expect(await agentRefusal(register({ activationId: "00000000-0000-0000-0000-000000000000" }))).toEqual({
      status: 404,
      code: "ActivationId.NotFound",
    });
    const small = await call<{ ActivationId: string; ActivationCode: string }>(ecs(), "CreateActivation", {
      RegionId: "cn-hangzhou",
      InstanceCount: 1,
      IpAddressRange: "10.8.0.0/16",
    });
    const use = (overrides: Record<string, string>) =>
      register({ activationId: small.ActivationId, activationCode: small.ActivationCode, ...overrides });
    expect(await agentRefusal(use({ intranetIp: "10.9.0.1" }))).toEqual({
      status: 403,
      code: "Activation.IpNotAllowed",
    });
    await use({ intranetIp: "10.8.0.1" });
    expect(await agentRefusal(use({ intranetIp: "10.8.0.2" }))).toEqual({
      status: 403,
      code: "Activation.CountExceeded",
    });
    await call(ecs(), "DisableActivation", { RegionId: "cn-hangzhou", ActivationId: IDS.activation });
    expect(await agentRefusal(register())).toEqual({ status: 403, code: "Activation.Disabled" });
  });

  it("GIVEN an activation with a 1-hour TTL WHEN the clock moves 61 minutes THEN registration is refused as expired", async () => {
    const shortLived = await call<{ ActivationId: string; ActivationCode: string }>(ecs(), "CreateActivation", {
      RegionId: "cn-hangzhou",
      TimeToLiveInHours: 1,
    });
    await emu.admin.setClock({ offsetMs: 61 * 60_000 });
    expect(
      await agentRefusal(
        register({ activationId: shortLived.ActivationId, activationCode: shortLived.ActivationCode }),
      ),
    ).toEqual({ status: 403, code: "Activation.Expired" });
    // The default activation never expires.
    expect((await register()).instanceName).toBe("web-03");
  });

  it("GIVEN a machine already registered WHEN it registers again THEN 409 MachineId.AlreadyRegistered", async () => {
    expect(await agentRefusal(register({ machineId: "e03231b37ab14e53b5795ad625fc0001" }))).toEqual({
      status: 409,
      code: "MachineId.AlreadyRegistered",
    });
  });

  it("GIVEN a region without Cloud Assistant WHEN registering THEN 400 RegionId.ApiNotSupported", async () => {
    expect(await agentRefusal(register({ regionId: "eu-central-1" }))).toEqual({
      status: 400,
      code: "RegionId.ApiNotSupported",
    });
  });
});

describe("ModifyManagedInstance and DeregisterManagedInstance", () => {
  it("GIVEN a managed instance WHEN renamed THEN the answer and the list show the new name", async () => {
    const renamed = await call<{ Instance: { InstanceId: string; InstanceName: string } }>(
      ecs(),
      "ModifyManagedInstance",
      {
        RegionId: "cn-hangzhou",
        InstanceId: IDS.mi1,
        InstanceName: "frontend-1",
      },
    );
    expect(renamed.Instance).toEqual({ InstanceId: IDS.mi1, InstanceName: "frontend-1" });
    expect((await listInstances({ InstanceId: [IDS.mi1] })).Instances[0]?.InstanceName).toBe("frontend-1");
  });

  it("GIVEN bad names or an unknown instance WHEN renaming THEN InstanceName.ExceedLimit, InstanceName.InvalidPattern, InvalidInstance.NotFound", async () => {
    const modify = (params: Record<string, string>) =>
      call(ecs(), "ModifyManagedInstance", { RegionId: "cn-hangzhou", InstanceId: IDS.mi1, ...params });
    const long = await expectFailure(modify({ InstanceName: `a${"b".repeat(128)}` }), "InstanceName.ExceedLimit", 400);
    expect(long.data.Message).toBe("The specified instance name exceed limit.");
    await expectFailure(modify({ InstanceName: "-dash" }), "InstanceName.InvalidPattern", 400);
    const missing = await expectFailure(
      modify({ InstanceId: "mi-hz01nothere0000", InstanceName: "ok-name" }),
      "InvalidInstance.NotFound",
      404,
    );
    expect(missing.data.Message).toBe("The specified instances id does not exist.");
  });

  it("GIVEN a managed instance WHEN deregistered THEN the answer has the seed document's Instance fields and DeregisteredCount grows", async () => {
    const answer = await call<{ RequestId: string; Instance: Record<string, unknown> }>(
      ecs(),
      "DeregisterManagedInstance",
      {
        RegionId: "cn-hangzhou",
        InstanceId: IDS.mi2,
      },
    );
    expect(Object.keys(answer.Instance).sort()).toEqual(
      [
        "ActivationId",
        "AgentVersion",
        "Hostname",
        "InstanceId",
        "InstanceName",
        "InternetIp",
        "IntranetIp",
        "InvocationCount",
        "LastInvokedTime",
        "MachineId",
        "OsType",
        "OsVersion",
        "RegistrationTime",
        "ResourceGroupId",
      ].sort(),
    );
    expect(answer.Instance).toMatchObject({
      InstanceId: IDS.mi2,
      InstanceName: "web-002",
      Hostname: "web-02",
      OsType: "linux",
    });
    expect((await listInstances()).Instances.map((i) => i.InstanceId)).toEqual([IDS.mi1]);
    const activations = await call<{ ActivationList: Array<{ RegisteredCount: number; DeregisteredCount: number }> }>(
      ecs(),
      "DescribeActivations",
      { RegionId: "cn-hangzhou" },
    );
    expect(activations.ActivationList[0]).toMatchObject({ RegisteredCount: 2, DeregisteredCount: 1 });
    expect((await emu.admin.counters()).effects).toEqual({ [`DeregisterManagedInstance:${IDS.mi2}`]: 1 });
  });

  it("GIVEN an unknown or already deregistered instance WHEN deregistering THEN 404 InvalidInstance.NotFound", async () => {
    const deregister = () => call(ecs(), "DeregisterManagedInstance", { RegionId: "cn-hangzhou", InstanceId: IDS.mi1 });
    await deregister();
    const error = await expectFailure(deregister(), "InvalidInstance.NotFound", 404);
    expect(error.data.Message).toBe("The specified instance id does not exist.");
  });

  it("GIVEN a region whose dispatch is degraded WHEN deregistering there THEN 500 InternalError.Dispatch (the seed document's error) and nothing changes", async () => {
    await emu.admin.seed({ regions: [{ regionId: "cn-hangzhou", dispatchDegraded: true }] });
    const error = await expectFailure(
      call(ecs(), "DeregisterManagedInstance", { RegionId: "cn-hangzhou", InstanceId: IDS.mi1 }),
      "InternalError.Dispatch",
      500,
    );
    expect(error.data.Message).toBe("An error occurred when you dispatched the request.");
    await emu.admin.seed({ regions: [{ regionId: "cn-hangzhou", dispatchDegraded: false }] });
    expect((await listInstances()).TotalCount).toBe(2);
  });
});

describe("TagResources on Cloud Assistant resources", () => {
  const tagsOf = async (instanceId: string) =>
    (
      await call<{ Instances: { InstanceId: string; Tags: { TagKey: string; TagValue: string }[] }[] }>(
        ecs(),
        "DescribeManagedInstances",
        { RegionId: "cn-hangzhou", "InstanceId.1": instanceId },
      )
    ).Instances[0]?.Tags;
  const tag = (params: Record<string, unknown>) =>
    call(ecs(), "TagResources", { RegionId: "cn-hangzhou", ResourceType: "managedinstance", ...params });

  it("GIVEN a managed instance WHEN tagged twice with one key THEN DescribeManagedInstances shows the key once, with the later value", async () => {
    await tag({ "ResourceId.1": IDS.mi1, "Tag.1.Key": "pulumi:owner", "Tag.1.Value": "first" });
    await tag({ "ResourceId.1": IDS.mi1, "Tag.1.Key": "pulumi:owner", "Tag.1.Value": "second", "Tag.2.Key": "team" });
    expect(await tagsOf(IDS.mi1)).toEqual([
      { TagKey: "pulumi:owner", TagValue: "second" },
      { TagKey: "team", TagValue: "" },
    ]);
    expect((await emu.admin.counters()).effects[`TagResources:${IDS.mi1}`]).toBe(2);
  });

  it("GIVEN one known and one unknown id WHEN tagged THEN 404 InvalidResourceId.NotFound and neither is tagged", async () => {
    await expectFailure(
      tag({ "ResourceId.1": IDS.mi1, "ResourceId.2": "mi-hz01nosuchserver01", "Tag.1.Key": "k", "Tag.1.Value": "v" }),
      "InvalidResourceId.NotFound",
      404,
    );
    expect(await tagsOf(IDS.mi1)).toEqual([]);
  });

  it("GIVEN a type outside the documented list, no ids or no tags WHEN tagged THEN each is refused with its code", async () => {
    await expectFailure(
      tag({ ResourceType: "bucket", "ResourceId.1": IDS.mi1, "Tag.1.Key": "k" }),
      "InvalidResourceType.NotFound",
      404,
    );
    await expectFailure(tag({ "Tag.1.Key": "k" }), "InvalidParameter.ResourceIds", 400);
    await expectFailure(tag({ "ResourceId.1": IDS.mi1 }), "MissingParameter.Tags", 400);
    await expectFailure(tag({ "ResourceId.1": IDS.mi1, "Tag.1.Key": "acs:reserved" }), "InvalidTagKey.Malformed", 400);
  });
});
