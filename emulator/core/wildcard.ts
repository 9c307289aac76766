// `*` patterns (RAM actions, policy conditions) as compiled RegExps. Every signed call checks its
// caller's patterns, so each is compiled once.
const compiled = new Map<string, RegExp>();

/** The pattern (`*` wildcards) as a whole-text RegExp; `flags` "i" to ignore case. */
export function wildcard(pattern: string, flags: "" | "i"): RegExp {
  const key = `${flags}/${pattern}`;
  let regex = compiled.get(key);
  if (!regex) {
    regex = new RegExp(`^${pattern.split("*").map(escapeRegex).join(".*")}$`, flags);
    compiled.set(key, regex);
  }
  return regex;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
