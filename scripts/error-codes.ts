// `npm run docs` (after the build): writes docs/error-codes.md from the error tables
// (scripts/lib/error-codes-doc.ts).
import fs from "node:fs";
import path from "node:path";
import { ERROR_CODES_DOC, renderErrorCodes } from "./lib/error-codes-doc.js";
import { repoRoot } from "./lib/repo.js";

const file = path.join(repoRoot(), ERROR_CODES_DOC);
fs.mkdirSync(path.dirname(file), { recursive: true });
fs.writeFileSync(file, renderErrorCodes());
console.log(`wrote ${ERROR_CODES_DOC}`);
