// A Pulumi program's own start, for the benchmark: a fresh Node process that loads @pulumi/pulumi,
// declares `count` resources of one kind, and reports how long after the process started the
// last of them reached the engine. The engine is Pulumi's mock monitor (pulumi.runtime.setMocks),
// which takes each registration as the SDK sends it and answers at once, so the figure is the
// program's cost alone (loading modules, constructing the resources, serializing each one's
// provider and inputs), with no engine or provider process in it.
//
//   node dist/scripts/lib/program-start.js grant <count>
//   node dist/scripts/lib/program-start.js noop <count> [<output>,<output>,...]
//
// `grant` loads pulumi-alicloud-dynamic by name from node_modules, as a user's program does, and
// declares CenGrantRevocations. `noop` declares a dynamic resource whose provider is defined in
// the program, as a user's own dynamic provider is (and serialized by value, as for them): with
// the outputs named, it has those properties and is given the grants' arguments, so that it
// carries the same data as a grant; without, its one property is `index`. Prints one JSON line:
// { registeredMs, declaredMs, providerBytes, outputs } (`outputs`: the resource's own output
// properties, which Pulumi's per-property work is proportional to).
import * as pulumi from "@pulumi/pulumi";

const [kind, countText, outputList] = process.argv.slice(2);
const count = Number(countText);
if ((kind !== "grant" && kind !== "noop") || !Number.isInteger(count) || count < 1) {
  process.stderr.write("usage: node program-start.js grant|noop <count> [<output>,...]\n");
  process.exit(2);
}

/** The same arguments for every kind: those of a grant. */
const argsOf = (i: number) => ({
  cenId: `cen-bench${String(i).padStart(6, "0")}`,
  cenOwnerId: "9300000000000007",
  instanceId: "vpc-bp1emumainlink0000001",
});

/** A resource's own output properties: not Pulumi's (urn, id) nor hidden ones (`__...`). */
const outputsOf = (resource: object) =>
  Object.entries(resource)
    .filter(([key, value]) => pulumi.Output.isInstance(value) && key !== "urn" && key !== "id" && !key.startsWith("__"))
    .map(([key]) => key);
let outputs: string[] = [];

let registered = 0;
let providerBytes = 0;
let declaredMs = 0;

pulumi.runtime.setMocks(
  {
    newResource(args) {
      registered += 1;
      if (registered === count) {
        // performance.now() counts from this process's start.
        const registeredMs = performance.now();
        providerBytes = Buffer.byteLength(String(args.inputs.__provider ?? ""));
        process.stdout.write(`${JSON.stringify({ registeredMs, declaredMs, providerBytes, outputs })}\n`);
        // The program then runs to its end, as any does (exiting here would count as leaked promises).
      }
      return { id: `${args.name}-id`, state: args.inputs };
    },
    call: () => ({}),
  },
  "bench",
  "start",
  true,
);

if (kind === "grant") {
  const { CenGrantRevocation } = require("pulumi-alicloud-dynamic") as typeof import("pulumi-alicloud-dynamic");
  for (let i = 0; i < count; i += 1) {
    const grant = new CenGrantRevocation(`grant-${i}`, argsOf(i));
    if (i === 0) outputs = outputsOf(grant);
  }
} else {
  // A user's own no-op dynamic provider, written in the program.
  const provider: pulumi.dynamic.ResourceProvider = {
    async create(inputs) {
      return { id: `noop-${inputs.index}`, outs: inputs };
    },
    async delete() {},
  };
  const shape = outputList ? outputList.split(",") : undefined;
  class Noop extends pulumi.dynamic.Resource {
    constructor(name: string, index: number) {
      const props = shape
        ? { ...Object.fromEntries(shape.map((key) => [key, undefined])), ...argsOf(index) }
        : { index };
      super(provider, name, props, {}, "bench", "Noop");
    }
  }
  for (let i = 0; i < count; i += 1) {
    const noop = new Noop(`noop-${i}`, i);
    if (i === 0) outputs = outputsOf(noop);
  }
}
declaredMs = performance.now();

// Should a registration never arrive, fail rather than hang the benchmark.
setTimeout(() => {
  process.stderr.write(`only ${registered} of ${count} resources registered within 60 s\n`);
  process.exit(1);
}, 60_000).unref();
