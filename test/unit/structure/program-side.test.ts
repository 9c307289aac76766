// What a Pulumi program loads when it imports the package: the resource classes and their types,
// and nothing of the provider side (client layer, lifecycles, Alibaba libraries), with the
// environment and the Pulumi SDK's functions untouched. And no import cycle anywhere in the library, type-only imports included.
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "..", "..", "..");
const installed = path.join(root, "node_modules", "pulumi-alicloud-dynamic");

describe("the program side", () => {
  it("GIVEN a program that imports the package WHEN it loads THEN no provider-side module loads, and the environment and the SDK's log functions are unchanged", async () => {
    const script = `
      const before = JSON.stringify(process.env);
      const log = require("@pulumi/pulumi").log;
      const debug = log.debug;
      const pkg = require(process.argv[1]);
      const loaded = Object.keys(require.cache).filter((f) => !f.includes("@pulumi") && !f.includes("@grpc") && !f.includes("google-protobuf"));
      console.log(JSON.stringify({ loaded, same: before === JSON.stringify(process.env) && log.debug === debug, classes: Object.keys(pkg.resources) }));`;
    // By path: inside the repository, the package name would resolve to its own dist/ instead.
    const { stdout } = await promisify(execFile)(process.execPath, ["-e", script, installed], {
      cwd: root,
      env: { ...process.env, DEBUG: "*" },
    });
    const { loaded, same, classes } = JSON.parse(stdout) as { loaded: string[]; same: boolean; classes: string[] };
    expect(classes).toEqual([
      "CenChildInstanceAttachment",
      "CenGrantRevocation",
      "ClassicLinkAttachment",
      "ManagedInstanceActivation",
      "ManagedInstanceRegistration",
      "TransitRouterGrant",
    ]);
    const ours = loaded.filter((file) => file.startsWith(installed)).map((file) => path.relative(installed, file));
    expect(ours.length).toBeGreaterThan(5);
    expect(ours.filter((file) => /client|lifecycles|handlers/.test(file))).toEqual([]);
    expect(loaded.filter((file) => file.includes("@alicloud"))).toEqual([]);
    expect(same).toBe(true);
  });
});

/** Every relative import of a TypeScript file, `import type` and `export ... from` included. */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, "utf8");
  const found: string[] = [];
  for (const match of text.matchAll(/^\s*(?:import|export)\b(?:[^;]*?\bfrom)?\s*"(\.{1,2}\/[^"]+)"/gms)) {
    const target = path.resolve(path.dirname(file), (match[1] ?? "").replace(/\.js$/, ".ts"));
    found.push(target);
  }
  return found;
}

function sources(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .flatMap((entry) =>
      entry.isFile() && entry.name.endsWith(".ts") ? [path.join(entry.parentPath, entry.name)] : [],
    );
}

describe("the module graph", () => {
  it("GIVEN every module of provider/, api/ and emulator/ WHEN imports are followed THEN none leads back to itself", () => {
    const files = ["provider", "api", "emulator"].flatMap((dir) => sources(path.join(root, dir)));
    const graph = new Map(files.map((file) => [file, importsOf(file)]));
    const cycles: string[] = [];
    const state = new Map<string, "open" | "done">();
    const visit = (file: string, trail: string[]) => {
      if (state.get(file) === "done") return;
      if (state.get(file) === "open") {
        cycles.push([...trail.slice(trail.indexOf(file)), file].map((f) => path.relative(root, f)).join(" -> "));
        return;
      }
      state.set(file, "open");
      for (const next of graph.get(file) ?? []) visit(next, [...trail, file]);
      state.set(file, "done");
    };
    for (const file of files) visit(file, []);
    expect(cycles).toEqual([]);
  });

  it("GIVEN the program-side modules WHEN their imports are followed THEN none reaches the client layer or a lifecycle", () => {
    const graph = (file: string) => importsOf(file);
    const reached = new Set<string>();
    const queue = [path.join(root, "provider", "index.ts")];
    while (queue.length > 0) {
      const file = queue.pop() as string;
      if (reached.has(file)) continue;
      reached.add(file);
      // Type-only imports load nothing at run time; the error type is named, never loaded.
      const text = fs.readFileSync(file, "utf8");
      const valueImports = graph(file).filter((target) => {
        const spec = path.relative(path.dirname(file), target).replace(/\.ts$/, ".js");
        const escaped = spec.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        return !new RegExp(
          `import type [^;]*from\\s+"(\\./)?${escaped}"|export type [^;]*from\\s+"(\\./)?${escaped}"`,
        ).test(text);
      });
      queue.push(...valueImports);
    }
    const sideways = [...reached]
      .map((f) => path.relative(root, f))
      .filter((f) => /client\/|lifecycles\/|handlers/.test(f));
    expect(sideways).toEqual([]);
  });
});

describe("the registry of resource kinds", () => {
  it("GIVEN every kind in provider/kinds.ts WHEN its provider module is looked for THEN it exists and serves that kind", async () => {
    const { RESOURCE_MODULES } = await import("../../../provider/kinds.js");
    for (const [kind, module] of Object.entries(RESOURCE_MODULES)) {
      const file = path.join(root, "provider", "providers", `${module}.ts`);
      expect(fs.existsSync(file), file).toBe(true);
      expect(fs.readFileSync(file, "utf8")).toContain(`lazyProvider("${kind}")`);
    }
    const modules = fs.readdirSync(path.join(root, "provider", "providers")).map((f) => f.replace(/\.ts$/, ""));
    expect(modules.sort()).toEqual(Object.values(RESOURCE_MODULES).sort());
  });
});
