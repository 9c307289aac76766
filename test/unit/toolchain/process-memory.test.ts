// The benchmark's peak-memory sampling of the processes it starts (scripts/lib/process-memory.ts),
// on real child processes of this one.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { describe, expect, it } from "vitest";
import { isDynamicProviderProcess, withPeakMemory } from "../../../scripts/lib/process-memory";

const MB = 1024 * 1024;

/** A child Node process, tagged `marker`, that holds `megabytes` of touched memory for `ms`, then exits. */
async function holdMemory(marker: string, megabytes: number, ms: number): Promise<void> {
  const script = `const b = Buffer.alloc(${megabytes} * 1024 * 1024, 1); setTimeout(() => b.length, ${ms});`;
  const child = spawn(process.execPath, ["-e", script, marker], { stdio: "ignore" });
  const [code] = await once(child, "exit");
  expect(code).toBe(0);
}

describe("withPeakMemory", () => {
  it("GIVEN a matching child that holds 96 MB WHEN sampled THEN its peak is at least that, from one process", async () => {
    const { result, memory } = await withPeakMemory(
      (argv) => argv.includes("pad-memory-probe"),
      async () => {
        await holdMemory("pad-memory-probe", 96, 600);
        return "done";
      },
      50,
    );
    expect(result).toBe("done");
    expect(memory.processes).toBe(1);
    expect(memory.bytes).toBeGreaterThanOrEqual(96 * MB);
    // A Node process holding 96 MB is nowhere near a gigabyte: the figure is this process's, not a sum.
    expect(memory.bytes).toBeLessThan(1024 * MB);
    expect(memory.method).toBe(process.platform === "linux" ? "VmHWM" : "ps RSS");
  });

  it("GIVEN only children that do not match WHEN sampled THEN no figure, and no process counted", async () => {
    const { memory } = await withPeakMemory(
      (argv) => argv.includes("pad-memory-other"),
      () => holdMemory("pad-memory-probe", 8, 300),
      50,
    );
    expect(memory).toEqual({ bytes: undefined, processes: 0, method: expect.any(String) });
  });

  it("GIVEN an operation that fails WHEN sampled THEN the failure passes through and sampling stops", async () => {
    await expect(
      withPeakMemory(
        () => true,
        async () => {
          throw new Error("the operation failed");
        },
      ),
    ).rejects.toThrow("the operation failed");
  });
});

describe("isDynamicProviderProcess", () => {
  it("GIVEN the argument vectors of processes a `pulumi up` starts WHEN matched THEN only the dynamic provider's", () => {
    const provider = "/repo/node_modules/@pulumi/pulumi/cmd/dynamic-provider/index.js";
    expect(isDynamicProviderProcess(["/usr/bin/node", provider, "127.0.0.1:4000"])).toBe(true);
    expect(isDynamicProviderProcess(["node", "/repo/node_modules/@pulumi/pulumi/cmd/dynamic-provider"])).toBe(true);
    expect(
      isDynamicProviderProcess(["C:\\node.exe", "C:\\repo\\@pulumi\\pulumi\\cmd\\dynamic-provider\\index.js"]),
    ).toBe(true);
    expect(isDynamicProviderProcess(["/usr/bin/pulumi", "up", "--yes"])).toBe(false);
    expect(isDynamicProviderProcess(["node", "/repo/node_modules/@pulumi/pulumi/cmd/run/index.js"])).toBe(false);
    expect(isDynamicProviderProcess(["pulumi-language-nodejs", "127.0.0.1:4001"])).toBe(false);
  });
});
