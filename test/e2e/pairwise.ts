// Pairwise variant matrices: rows of switch values in which every pair of values of two different
// switches appears at least once, far fewer than the full product (3 x 2 x 2 needs 6 rows, not 12).
// unknown-answers.test.ts checks the rows with its own enumeration of the pairs.

/** The values of each switch. */
export type Choices = { readonly [name: string]: readonly string[] };

/** One row: a value for each switch. */
export type Row<C extends Choices> = { -readonly [K in keyof C]: C[K][number] };

const pairKey = (a: string, va: string, b: string, vb: string) => `${a}=${va}&${b}=${vb}`;

/** Every pair of values of two different switches, as keys. */
function allPairs(choices: Choices): Set<string> {
  const names = Object.keys(choices);
  const pairs = new Set<string>();
  names.forEach((a, i) => {
    for (const b of names.slice(i + 1)) {
      for (const va of choices[a] ?? []) for (const vb of choices[b] ?? []) pairs.add(pairKey(a, va, b, vb));
    }
  });
  return pairs;
}

/** The pairs a row covers. */
function pairsOf(choices: Choices, row: { readonly [name: string]: string }): string[] {
  const names = Object.keys(choices);
  return names.flatMap((a, i) => names.slice(i + 1).map((b) => pairKey(a, row[a] ?? "", b, row[b] ?? "")));
}

/**
 * A pairwise matrix, built greedily and deterministically: each row starts from the first pair not
 * yet covered, and every other switch takes the value that covers most new pairs (ties: the value
 * listed first, so the defaults lead).
 */
export function pairwise<C extends Choices>(choices: C): Row<C>[] {
  const names = Object.keys(choices);
  const uncovered = allPairs(choices);
  const rows: Row<C>[] = [];
  while (uncovered.size > 0) {
    const [first] = uncovered;
    const row: { [name: string]: string } = {};
    for (const part of (first ?? "").split("&")) {
      const [name, value] = part.split("=");
      if (name !== undefined && value !== undefined) row[name] = value;
    }
    for (const name of names) {
      if (row[name] !== undefined) continue;
      let best = choices[name]?.[0] ?? "";
      let bestGain = -1;
      for (const value of choices[name] ?? []) {
        const gain = Object.keys(row).filter((other) => {
          const [a, b] = names.indexOf(other) < names.indexOf(name) ? [other, name] : [name, other];
          const va = a === name ? value : (row[a] ?? "");
          const vb = b === name ? value : (row[b] ?? "");
          return uncovered.has(pairKey(a, va, b, vb));
        }).length;
        if (gain > bestGain) {
          best = value;
          bestGain = gain;
        }
      }
      row[name] = best;
    }
    for (const pair of pairsOf(choices, row)) uncovered.delete(pair);
    rows.push(row as Row<C>);
  }
  return rows;
}
