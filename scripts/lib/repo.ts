// Where the repository is, for the scripts and the tests that read its files (they also run
// compiled, from dist/, so a fixed relative path would not do).
import fs from "node:fs";
import path from "node:path";

/** The repository's root: the nearest folder up from `from` whose package.json is this package's. */
export function repoRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, "package.json");
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, "utf8")).name === "pulumi-alicloud-dynamic") {
      return dir;
    }
    if (path.dirname(dir) === dir) throw new Error(`No pulumi-alicloud-dynamic package.json above ${from}`);
  }
}
