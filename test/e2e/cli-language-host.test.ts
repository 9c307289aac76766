// GIVEN a TypeScript Pulumi program in a folder of its own (Pulumi.yaml `runtime: nodejs`), WHEN a
// user drives it with the Pulumi CLI's commands, THEN the CLI's Node.js language host (the official
// one, or the one scripts/toolchain builds where the CLI has none) runs it: configuration and secrets
// reach the program, its output is shown, its stack outputs are recorded, and its errors fail the
// command with the program's message shown once.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliSandbox, createCliSandbox, linkNodeModules, REPO, type TestCli } from "./cli";

const PROGRAM = `import * as pulumi from "@pulumi/pulumi";

if (process.env.CLI_HOST_TEST_FAIL) {
  throw new Error("the program failed on request");
}

const config = new pulumi.Config();
const greeting = config.require("greeting");

const measure: pulumi.dynamic.ResourceProvider = {
  async create(inputs) {
    return { id: \`greeting-\${inputs.text.length}\`, outs: { text: inputs.text, length: inputs.text.length } };
  },
};

class Greeting extends pulumi.dynamic.Resource {
  declare readonly length: pulumi.Output<number>;
  constructor(name: string, text: string) {
    super(measure, name, { text, length: undefined }, {}, "cli-host", "Greeting");
  }
}

const resource = new Greeting("greeting", greeting);
console.log(\`the greeting is \${greeting}\`);

export const plain = greeting;
export const length = resource.length;
export const token = config.requireSecret("token");
export const wrapped = pulumi.secret(\`\${greeting}, wrapped\`);
`;

describe("the Pulumi CLI runs a TypeScript program folder through its Node.js language host", () => {
  let sandbox: CliSandbox;
  let program: string;
  let cli: TestCli;

  beforeAll(() => {
    sandbox = createCliSandbox({ prefix: "pad-cli-host-", passphrase: "cli-language-host-test" });
    program = path.join(sandbox.root, "program");
    fs.mkdirSync(program);
    fs.writeFileSync(path.join(program, "Pulumi.yaml"), "name: cli-host\nruntime: nodejs\n");
    fs.writeFileSync(
      path.join(program, "package.json"),
      JSON.stringify({
        name: "cli-host",
        private: true,
        main: "index.ts",
        dependencies: { "@pulumi/pulumi": "^3" },
        devDependencies: { typescript: "^5" },
      }),
    );
    fs.writeFileSync(
      path.join(program, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: { strict: true, target: "ES2022", module: "nodenext", skipLibCheck: true, types: [] },
        files: ["index.ts"],
      }),
    );
    fs.writeFileSync(path.join(program, "index.ts"), PROGRAM);
    // The repository's own dependencies stand in for an `npm install` in the program folder.
    linkNodeModules(program);
    cli = sandbox.cli(program);
  });

  afterAll(() => {
    sandbox?.dispose();
  });

  /** Runs `pulumi <args>`, which must succeed, and returns its standard output. */
  const ok = (...args: string[]) => cli.command(...args);

  const outputs = async (...flags: string[]) => JSON.parse(await ok("stack", "output", "--json", ...flags));

  it("stack init and config set store plain and secret configuration", async () => {
    await ok("stack", "init", "dev");
    await ok("config", "set", "greeting", "hello");
    await ok("config", "set", "--secret", "token", "t0ps3cret");
    expect(JSON.parse(await ok("config", "--json"))).toEqual({
      "cli-host:greeting": { value: "hello", secret: false },
      "cli-host:token": { secret: true },
    });
    const stackFile = fs.readFileSync(path.join(program, "Pulumi.dev.yaml"), "utf8");
    expect(stackFile).toContain("secure:");
    expect(stackFile).not.toContain("t0ps3cret");
  });

  it("preview runs the program, passes on what it prints and plans the stack and its resource", async () => {
    const plan = JSON.parse(await ok("preview", "--json"));
    expect(plan.diagnostics).toContainEqual(
      expect.objectContaining({ message: expect.stringContaining("the greeting is hello") }),
    );
    expect(plan.changeSummary).toEqual({ create: 2 });
    expect(plan.steps.map((step: { newState?: { type?: string } }) => step.newState?.type).sort()).toEqual([
      "pulumi-nodejs:dynamic/cli-host:Greeting",
      "pulumi:pulumi:Stack",
    ]);
  });

  it("up creates the resource and records the program's outputs, secrets kept secret", async () => {
    const stdout = await ok("up", "--yes");
    expect(stdout).toContain("the greeting is hello");
    expect(stdout).toMatch(/\+ 2 created/);

    expect(await outputs()).toEqual({ plain: "hello", length: 5, token: "[secret]", wrapped: "[secret]" });
    expect(await outputs("--show-secrets")).toEqual({
      plain: "hello",
      length: 5,
      token: "t0ps3cret",
      wrapped: "hello, wrapped",
    });
    expect((await ok("stack", "output", "token", "--show-secrets")).trim()).toBe("t0ps3cret");

    const state = JSON.parse(await ok("stack", "export"));
    const greeting = state.deployment.resources.find((r: { type: string }) => r.type.endsWith(":Greeting"));
    expect(greeting?.id).toBe("greeting-5");
    expect(greeting?.outputs).toMatchObject({ text: "hello", length: 5 });
  });

  it("refresh and a second up find nothing to change", async () => {
    const refresh = await ok("refresh", "--yes");
    expect(refresh).toMatch(/2 unchanged/);
    const again = await ok("up", "--yes");
    expect(again).toMatch(/2 unchanged/);
    expect(again).not.toMatch(/\b(created|updated|replaced|deleted)\b/);
    expect(await outputs()).toMatchObject({ plain: "hello", length: 5 });
  });

  it("about reports the Node.js runtime and the program's dependencies", async () => {
    const about = JSON.parse(await ok("about", "--json"));
    expect(about.runtime).toMatchObject({ language: "nodejs", version: expect.stringMatching(/^v\d+\.\d+\.\d+$/) });
    expect(path.basename(about.runtime.executable)).toMatch(/^node(\.exe)?$/);
    expect(about.plugins).toContainEqual(expect.objectContaining({ kind: "language", name: "nodejs" }));
    const sdk = JSON.parse(fs.readFileSync(path.join(REPO, "node_modules/@pulumi/pulumi/package.json"), "utf8"));
    expect(about.dependencies).toContainEqual({ name: "@pulumi/pulumi", version: sdk.version });
  });

  it("a program that throws fails the command, shows its error once and leaves the stack alone", async () => {
    for (const command of [["preview"], ["up", "--yes"]]) {
      const outcome = await cli.attempt(command, { env: { CLI_HOST_TEST_FAIL: "1" } });
      const shown = outcome.stdout + outcome.stderr;
      expect(outcome.code, shown).not.toBe(0);
      expect(shown.split("the program failed on request").length - 1, shown).toBe(1);
      // The SDK reported the error itself: the language host adds no second, generic one.
      expect(shown).not.toMatch(/unhandled error occurred|exited with (non-zero exit )?code/);
    }
    expect(await outputs()).toMatchObject({ plain: "hello", length: 5 });
  });

  it("destroy deletes the resource and empties the stack", async () => {
    const stdout = await ok("destroy", "--yes");
    expect(stdout).toMatch(/- 2 deleted/);
    expect(await outputs()).toEqual({});
  });
});
