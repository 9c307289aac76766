// The toolchain's child processes (scripts/toolchain/exec.mjs), run on this Node.
import { describe, expect, it } from "vitest";
import { CommandFailed, capture, run } from "../../../scripts/toolchain/exec.mjs";

const node = process.execPath;

describe("run", () => {
  it("GIVEN a command that succeeds WHEN run THEN it resolves", async () => {
    await expect(run(node, ["-e", "process.exit(0)"], { stdio: "ignore" })).resolves.toBeUndefined();
  });

  it("GIVEN a command that exits with 3 WHEN run THEN it rejects with the command line and exit code 3", async () => {
    const failure = await run(node, ["-e", "process.exit(3)"], { stdio: "ignore" }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CommandFailed);
    expect((failure as CommandFailed).exitCode).toBe(3);
    expect((failure as CommandFailed).message).toBe(`${node} -e process.exit(3) failed (exit code 3)`);
  });

  it("GIVEN a command killed by a signal WHEN run THEN it rejects naming the signal, with exit code 1", async () => {
    const failure = await run(node, ["-e", "process.kill(process.pid, 'SIGTERM')"], { stdio: "ignore" }).catch(
      (error: unknown) => error,
    );
    expect((failure as CommandFailed).message).toMatch(/failed \(signal SIGTERM\)$/);
    expect((failure as CommandFailed).exitCode).toBe(1);
  });

  it("GIVEN a command that does not exist WHEN run THEN it rejects with the spawn error", async () => {
    await expect(run("pad-no-such-command", [], { stdio: "ignore" })).rejects.toThrow(/ENOENT/);
  });
});

describe("capture", () => {
  it("GIVEN a command that prints WHEN captured THEN its stdout, trimmed", () => {
    expect(capture(node, ["-e", "console.log('  v1.2.3  ')"])).toBe("v1.2.3");
  });

  it("GIVEN a command that fails or does not exist WHEN captured THEN undefined", () => {
    expect(capture(node, ["-e", "console.log('x'); process.exit(1)"])).toBeUndefined();
    expect(capture("pad-no-such-command", [])).toBeUndefined();
  });
});
