// GIVEN a small dynamic resource defined here, WHEN the real engine runs up / preview / up with a
// changed input / destroy, THEN outputs, side effects and the exported state are what Pulumi promises.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestStack, type TestStack } from "../../testing/index";
import { STACK_ENV } from "./cloud";

/** A file on disk: the smallest real side effect a dynamic provider can have. */
const fileProvider: pulumi.dynamic.ResourceProvider = {
  async create(inputs) {
    const fsm = require("node:fs") as typeof import("node:fs");
    const file = `${inputs.dir}/${inputs.name}.txt`;
    fsm.writeFileSync(file, String(inputs.content));
    return { id: file, outs: { ...inputs, path: file, size: Buffer.byteLength(String(inputs.content)) } };
  },
  async diff(_id, olds, news) {
    const replaces = ["dir", "name", "content"].filter((k) => olds[k] !== news[k]);
    return { changes: replaces.length > 0, replaces, deleteBeforeReplace: true };
  },
  async delete(id) {
    const fsm = require("node:fs") as typeof import("node:fs");
    fsm.rmSync(id, { force: true });
  },
};

/** The resource class: a dynamic resource with a type token of its own. */
class NoteFile extends pulumi.dynamic.Resource {
  declare readonly path: pulumi.Output<string>;
  declare readonly size: pulumi.Output<number>;
  constructor(name: string, args: { dir: string; name: string; content: string }) {
    super(fileProvider, name, { ...args, path: undefined, size: undefined }, {}, "harness", "NoteFile");
  }
}

describe("the testing kit's stack, with no cloud, drives the real Pulumi engine", () => {
  const sideEffects = fs.mkdtempSync(path.join(os.tmpdir(), "pad-harness-files-"));
  let content = "first";
  let test: TestStack;

  beforeAll(async () => {
    test = await createTestStack({
      projectName: "harness",
      env: STACK_ENV,
      program: async () => {
        const file = new NoteFile("note", { dir: sideEffects, name: "note", content });
        return { path: file.path, size: file.size };
      },
    });
  });

  afterAll(async () => {
    await test?.dispose();
    fs.rmSync(sideEffects, { recursive: true, force: true });
  });

  it("up creates the resource with the expected outputs and side effect", async () => {
    const result = await test.stack.up();
    expect(result.summary.resourceChanges?.create).toBe(2);
    const file = path.join(sideEffects, "note.txt");
    expect(result.outputs.path?.value).toBe(file);
    expect(result.outputs.size?.value).toBe(5);
    expect(fs.readFileSync(file, "utf8")).toBe("first");
    const resources = await test.resources();
    const note = resources.find((r) => r.urn.endsWith("::note"));
    expect(note?.type).toBe("pulumi-nodejs:dynamic/harness:NoteFile");
    expect(note?.id).toBe(file);
    expect(note?.outputs?.content).toBe("first");
  });

  it("a second preview shows no changes", async () => {
    const preview = await test.stack.preview();
    expect(preview.changeSummary.same).toBe(2);
    expect(Object.keys(preview.changeSummary).filter((k) => k !== "same")).toEqual([]);
  });

  it("a changed input replaces the resource, deleting the old one first", async () => {
    content = "second!";
    const result = await test.stack.up();
    expect(result.summary.resourceChanges?.replace).toBe(1);
    expect(result.outputs.size?.value).toBe(7);
    expect(fs.readFileSync(path.join(sideEffects, "note.txt"), "utf8")).toBe("second!");
  });

  it("destroy removes it, and the exported state no longer holds it", async () => {
    const result = await test.stack.destroy();
    expect(result.summary.resourceChanges?.delete).toBe(2);
    expect(fs.existsSync(path.join(sideEffects, "note.txt"))).toBe(false);
    const resources = await test.resources();
    expect(resources.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic"))).toEqual([]);
  });
});
