// The version of the package the emulator ships in (GET /__admin/health), read from its
// package.json: the nearest one above this file that names the package (emulator/admin/ in the
// repository, dist/emulator/admin/ once built and installed).
import fs from "node:fs";
import path from "node:path";

const PACKAGE_NAME = "pulumi-alicloud-dynamic";
let cached: string | undefined;

/** The package's version, or `"unknown"` when no package.json of it is found above this file. */
export function packageVersion(): string {
  if (cached !== undefined) return cached;
  cached = "unknown";
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    try {
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as {
        name?: unknown;
        version?: unknown;
      };
      if (manifest.name === PACKAGE_NAME && typeof manifest.version === "string") {
        cached = manifest.version;
        break;
      }
    } catch {
      // No (readable) package.json here: look further up.
    }
    if (path.dirname(dir) === dir) break;
  }
  return cached;
}
