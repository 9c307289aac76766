// GIVEN the small building blocks (versioned table, paging tokens, IP ranges, fault specs,
// timestamps) WHEN used directly THEN they behave as the emulator relies on.
import { describe, expect, it } from "vitest";
import { parseTimestamp } from "../../emulator/core/auth.js";
import { ServiceError } from "../../emulator/core/errors.js";
import { FaultEngine, parseFaultSpec } from "../../emulator/core/faults.js";
import { readPaging, takePage } from "../../emulator/core/paging.js";
import { Params } from "../../emulator/core/params.js";
import { ipInRange, parseIpRange, rangesOverlap } from "../../emulator/world/net.js";
import { Table } from "../../emulator/world/table.js";

describe("versioned Table", () => {
  it("GIVEN a write visible later WHEN read THEN writers see it now and Describe readers only from its time", () => {
    const table = new Table<string>();
    table.set("k", "v1", 0);
    table.set("k", "v2", 100, 200);
    expect(table.get("k")).toBe("v2");
    expect(table.visible("k", 150)).toBe("v1");
    expect(table.visible("k", 200)).toBe("v2");
  });

  it("GIVEN a delayed delete WHEN read THEN the tombstone hides the row only after its time, and prune forgets it", () => {
    const table = new Table<string>();
    table.set("k", "v1", 0);
    table.delete("k", 10, 50);
    expect(table.get("k")).toBeUndefined();
    expect([...table.visibleValues(49)]).toEqual(["v1"]);
    expect([...table.visibleValues(50)]).toEqual([]);
    table.prune(60);
    expect(table.toData()).toEqual({});
  });

  it("GIVEN saved data with a pending tombstone WHEN loaded THEN it behaves the same", () => {
    const table = new Table<string>();
    table.set("k", "v1", 0);
    table.delete("k", 10, 50);
    const copy = new Table<string>();
    copy.load(JSON.parse(JSON.stringify(table.toData())));
    expect([copy.visible("k", 20), copy.visible("k", 60), copy.get("k")]).toEqual(["v1", undefined, undefined]);
  });
});

describe("paging", () => {
  const errors = {
    pageNumber: () => new ServiceError(400, "PN", ""),
    pageSize: () => new ServiceError(400, "PS", ""),
    maxResults: () => new ServiceError(400, "MR", ""),
    nextToken: () => new ServiceError(400, "NT", ""),
  };
  const params = (entries: Record<string, string>) => new Params(new Map(Object.entries(entries)));

  it("GIVEN MaxResults and a token WHEN walking 5 items by 2 THEN pages are 2, 2, 1 and the last token is empty", () => {
    const items = [1, 2, 3, 4, 5];
    let token: string | undefined;
    const seen: number[] = [];
    for (let i = 0; i < 3; i++) {
      const request = readPaging(params({ MaxResults: "2", ...(token ? { NextToken: token } : {}) }), "f", errors);
      const { page, fields } = takePage(items, request, "f");
      seen.push(...page);
      token = fields.NextToken;
    }
    expect(seen).toEqual(items);
    expect(token).toBe("");
  });

  it("GIVEN a token issued for other filters WHEN used THEN it is refused", () => {
    const { fields } = takePage([1, 2, 3], readPaging(params({ MaxResults: "1" }), "a", errors), "a");
    expect(() => readPaging(params({ NextToken: fields.NextToken ?? "" }), "b", errors)).toThrow(ServiceError);
  });
});

describe("IP ranges", () => {
  it("GIVEN IPv4 and IPv6 ranges WHEN matching THEN membership and overlap are right", () => {
    const range = parseIpRange("10.8.0.0/16");
    expect(range && ipInRange("10.8.200.1", range)).toBe(true);
    expect(range && ipInRange("10.9.0.1", range)).toBe(false);
    const any = parseIpRange("0.0.0.0/0");
    expect(any && ipInRange("47.1.2.3", any)).toBe(true);
    const v6 = parseIpRange("2001:db8::/32");
    expect(v6 && ipInRange("2001:db8:1::5", v6)).toBe(true);
    expect(v6 && ipInRange("10.0.0.1", v6)).toBe(false);
    const ten = parseIpRange("10.0.0.0/8");
    const sub = parseIpRange("10.1.0.0/16");
    const other = parseIpRange("192.168.0.0/16");
    expect(ten && sub && rangesOverlap(ten, sub)).toBe(true);
    expect(ten && other && rangesOverlap(ten, other)).toBe(false);
    expect([parseIpRange("10.0.0.0/33"), parseIpRange("nope"), parseIpRange("1.2.3.4/8/1")]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });
});

describe("faults and timestamps", () => {
  it("GIVEN CLI fault specs WHEN parsed THEN rules carry kind, count, action and latency", () => {
    expect(parseFaultSpec("DropAfterEffect:count=1:action=GrantInstanceToCen")).toEqual({
      kind: "DropAfterEffect",
      count: 1,
      action: "GrantInstanceToCen",
    });
    expect(parseFaultSpec("Latency:ms=50")).toEqual({ kind: "Latency", latencyMs: 50 });
    expect(() => parseFaultSpec("Latency")).toThrow(/latencyMs/);
  });

  it("GIVEN a latency rule and an error rule WHEN deciding THEN latency adds up and the first error wins", () => {
    const engine = new FaultEngine();
    engine.configure({
      rules: [
        { kind: "Latency", latencyMs: 10 },
        { kind: "Latency", latencyMs: 5 },
        { kind: "Throttling" },
        { kind: "InternalError" },
      ],
    });
    const fired: string[] = [];
    expect(engine.decide("X", (kind) => fired.push(kind))).toEqual({ latencyMs: 15, kind: "Throttling" });
    expect(fired).toEqual(["Latency", "Latency", "Throttling"]);
  });

  it("GIVEN timestamps WHEN parsed THEN only real UTC ISO 8601 instants pass", () => {
    expect(parseTimestamp("2016-02-23T12:46:24Z")).toBe(Date.UTC(2016, 1, 23, 12, 46, 24));
    expect(parseTimestamp("2016-02-23T12:46:24.123Z")).toBe(Date.UTC(2016, 1, 23, 12, 46, 24, 123));
    expect(parseTimestamp("2016-02-23 12:46:24")).toBeUndefined();
    expect(parseTimestamp("2016-02-23T12:46:24+08:00")).toBeUndefined();
    expect(parseTimestamp("2016-02-30T00:00:00Z")).toBeUndefined();
  });
});
