// The Pulumi Node SDK logs the engine's answer to every resource registration at debug level
// ("RegisterResource RPC finished: resource:<name>[<type>]; err: ..., resp: ...", and the same for
// ReadResource), the resource's outputs in it with secret values in plain text. That line reaches
// the engine as a debug diagnostic whatever the log level: `--debug` prints it, `-v=3` and above
// write it to log files, the Automation API's event stream carries it, and the CLI's automatic
// logs keep it. For the resource types named here (those with secret outputs, such as an
// activation's code), the answer is withheld from that line; every other line is left as it is.
// Program side: runs in the program's process, where the SDK logs.
import * as pulumi from "@pulumi/pulumi";

/** What stands in for a withheld answer. */
export const WITHHELD = "[withheld by pulumi-alicloud-dynamic: the outputs hold secrets]";

/** Marks the SDK's wrapped `log.debug`, and holds the types it withholds (shared by every copy of this package). */
const WRAPPED = Symbol.for("pulumi-alicloud-dynamic.withheldDebugAnswers");

type Debug = typeof pulumi.log.debug;
type Wrapped = Debug & { [WRAPPED]?: Set<string> };

const ANSWER_LINE = /^(?:RegisterResource|ReadResource) RPC finished: resource:/;

/**
 * `message` with its answer withheld, when it is the SDK's answer line for one of `types`. The
 * label is `resource:<name>[<type>]` and the name is the user's: the type is found by what follows
 * it, so that no name can hide it, and everything after the first `, resp: ` beyond it goes.
 */
export function withholdAnswer(message: string, types: ReadonlySet<string>): string {
  if (!ANSWER_LINE.test(message)) return message;
  for (const type of types) {
    for (const end of [`[${type}]; err: `, `[${type}]#...; err: `]) {
      const labelEnd = message.indexOf(end);
      if (labelEnd < 0) continue;
      const answerAt = message.indexOf(", resp: ", labelEnd + end.length);
      if (answerAt >= 0) return `${message.slice(0, answerAt)}, resp: ${WITHHELD}`;
    }
  }
  return message;
}

/**
 * Withholds the SDK's debug line of answers for resources of `type`. The SDK's runtime calls
 * `log.debug` through the module object that `pulumi.log` is, so wrapping it there reaches every
 * call; it is wrapped once.
 */
export function withholdDebugAnswers(type: string): void {
  const log = pulumi.log as unknown as { debug: Wrapped };
  const types = log.debug[WRAPPED];
  if (types) {
    types.add(type);
    return;
  }
  const original = log.debug;
  const withheld = new Set([type]);
  const wrapped: Wrapped = (message, ...rest) =>
    original(typeof message === "string" ? withholdAnswer(message, withheld) : message, ...rest);
  wrapped[WRAPPED] = withheld;
  log.debug = wrapped;
}
