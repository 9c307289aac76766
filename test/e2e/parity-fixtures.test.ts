// The transcripts under test/fixtures/transcripts (test/fixtures/README.md) hold the emulator to
// the answers they recorded: each is replayed as `npm run parity -- <file>` runs it, and must show
// no difference.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO } from "./cli";

const FIXTURES = path.join(REPO, "test", "fixtures", "transcripts");
const PARITY = path.join(REPO, "dist", "scripts", "live", "parity.js");

describe("parity with the recorded transcripts", () => {
  const files = fs.readdirSync(FIXTURES).filter((name) => name.endsWith(".json"));

  it("GIVEN the fixtures folder WHEN listed THEN it holds at least one transcript", () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)("GIVEN %s WHEN replayed against the emulator THEN every call is answered alike", (file) => {
    const ran = spawnSync(process.execPath, [PARITY, path.join(FIXTURES, file)], {
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(ran.status, ran.stdout + ran.stderr).toBe(0);
    expect(ran.stdout).toMatch(/^(\d+) calls replayed: \1 answered alike, 0 with differences \(0 differences\)$/m);
  });
});
