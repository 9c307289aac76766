import { describe, expect, it } from "vitest";
import { backoffDelay } from "../../../provider/client/retry";

describe("backoffDelay", () => {
  const policy = { baseDelayMs: 200, maxDelayMs: 5_000 };

  it("GIVEN successive attempts WHEN computed THEN the ceiling doubles and stays within [ceiling/2, ceiling]", () => {
    expect(backoffDelay(0, policy, () => 0)).toBe(100);
    expect(backoffDelay(0, policy, () => 1)).toBe(200);
    expect(backoffDelay(3, policy, () => 0)).toBe(800);
    expect(backoffDelay(3, policy, () => 1)).toBe(1_600);
  });

  it("GIVEN many attempts WHEN computed THEN the delay never exceeds the cap", () => {
    for (let attempt = 0; attempt < 100; attempt += 1) {
      expect(backoffDelay(attempt, policy)).toBeLessThanOrEqual(5_000);
      expect(backoffDelay(attempt, policy)).toBeGreaterThanOrEqual(100);
    }
  });
});
