// The repository's Markdown as the docs tests read it: which files, their headings' anchors (as
// GitHub makes them), their relative links, and their TypeScript and JavaScript snippets.
import fs from "node:fs";
import path from "node:path";

/** The repository's root. */
export const ROOT = path.resolve(__dirname, "..", "..", "..");

/** Every Markdown file of the docs: the READMEs, docs/ (the generated API reference aside), the changelog. */
export function markdownFiles(): string[] {
  const docs = fs
    .readdirSync(path.join(ROOT, "docs"), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".md"))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => !file.includes(`${path.sep}docs${path.sep}api${path.sep}`));
  const examples = fs
    .readdirSync(path.join(ROOT, "examples"))
    .map((name) => path.join(ROOT, "examples", name, "README.md"))
    .filter((file) => fs.existsSync(file));
  const others = ["README.md", "CHANGELOG.md", "emulator/README.md", "test/fixtures/README.md"].map((file) =>
    path.join(ROOT, file),
  );
  return [...others, ...docs, ...examples].filter((file) => fs.existsSync(file)).sort();
}

/** `text` without its fenced code blocks (their lines blanked, so that line numbers stay). */
export function withoutCode(text: string): string {
  return text.replace(/^```[^\n]*\n[\s\S]*?^```\s*$/gm, (block) => block.replace(/[^\n]/g, ""));
}

/** The anchors of a file's headings, as GitHub makes them (a repeated one gets -1, -2, ...). */
export function anchors(text: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const match of withoutCode(text).matchAll(/^#{1,6} (.+)$/gm)) {
    const slug = (match[1] ?? "")
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, "")
      .replace(/\s/g, "-");
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    out.add(n === 0 ? slug : `${slug}-${n}`);
  }
  return out;
}

/** One relative link: where it is and what it names. */
export interface Link {
  readonly file: string;
  readonly line: number;
  readonly target: string;
}

/** The links of a file that point inside the repository (not to a URL), outside code. */
export function relativeLinks(file: string): Link[] {
  const lines = withoutCode(fs.readFileSync(file, "utf8")).split("\n");
  const links: Link[] = [];
  lines.forEach((text, index) => {
    for (const match of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = match[1] ?? "";
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
      links.push({ file, line: index + 1, target });
    }
  });
  return links;
}

/** One fenced snippet. */
export interface Snippet {
  readonly file: string;
  readonly line: number;
  readonly language: "ts" | "js";
  readonly code: string;
}

/** The TypeScript and JavaScript snippets of a file. */
export function snippets(file: string): Snippet[] {
  const text = fs.readFileSync(file, "utf8");
  const out: Snippet[] = [];
  for (const match of text.matchAll(/^```(ts|typescript|js|javascript)\n([\s\S]*?)^```\s*$/gm)) {
    const line = text.slice(0, match.index).split("\n").length;
    const language = match[1]?.startsWith("t") ? "ts" : "js";
    out.push({ file, line, language, code: match[2] ?? "" });
  }
  return out;
}
