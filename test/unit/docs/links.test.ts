// Every link between the docs names a file that exists, and a heading of it that exists: a moved
// file or a renamed heading fails the build instead of leaving a dead link.
import fs from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { anchors, markdownFiles, ROOT, relativeLinks } from "./markdown";

it("GIVEN every Markdown file of the docs WHEN its relative links are followed THEN each file and heading exists", () => {
  const files = markdownFiles();
  expect(files.map((file) => path.relative(ROOT, file))).toEqual(
    expect.arrayContaining(["README.md", "docs/resources.md", "docs/recovery.md", "emulator/README.md"]),
  );
  const broken: string[] = [];
  let checked = 0;
  for (const file of files) {
    for (const link of relativeLinks(file)) {
      checked += 1;
      const [target = "", anchor] = link.target.split("#");
      const resolved = target === "" ? file : path.resolve(path.dirname(file), decodeURIComponent(target));
      const where = `${path.relative(ROOT, file)}:${link.line} -> ${link.target}`;
      if (!fs.existsSync(resolved)) {
        broken.push(`${where}: no such file`);
        continue;
      }
      if (anchor && resolved.endsWith(".md") && !anchors(fs.readFileSync(resolved, "utf8")).has(anchor)) {
        broken.push(`${where}: no such heading`);
      }
    }
  }
  expect(checked).toBeGreaterThan(30);
  expect(broken).toEqual([]);
});
