// Renaming or moving a CEN grant, a ClassicLink or a CEN attachment in the program, through the
// real Pulumi engine against the emulator (rename-kit.ts says what each test proves).
import { describe } from "vitest";
import { describeRenames, KINDS, useRenameCloud } from "./rename-kit";

describe("renaming or moving a resource named by its inputs", () => {
  const h = useRenameCloud();
  for (const kind of KINDS.filter((k) => k.naturalKey)) describeRenames(kind, h);
});
