// Helpers shared by the data-set generators: seeded choices, disjoint splits, and byte-stable writing
// (UTF-8, "\n" line ends, columns in a fixed order). Nothing here depends on the locale or the clock.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * Writes a table as TSV: a header line with the column names, then one line per row, fields
 * separated by tabs (no field may contain a tab or a line break).
 */
export function writeTsv(dir, file, columns, rows) {
  const line = (fields) => {
    for (const f of fields) {
      if (typeof f !== "string" || /[\t\n\r]/.test(f)) throw new Error(`${file}: campo inválido ${JSON.stringify(f)}`);
    }
    return fields.join("\t") + "\n";
  };
  mkdirSync(dir, { recursive: true });
  const body = rows.map((r) => line(columns.map((c) => r[c])));
  writeFileSync(path.join(dir, file), line(columns) + body.join(""), "utf8");
  return file;
}

/** Writes `rows.train`, `rows.valid`, `rows.test` as `<prefix>train.tsv`, …; returns the file names. */
export function writeSplits(dir, columns, rows, prefix = "") {
  return ["train", "valid", "test"].map((split) => writeTsv(dir, `${prefix}${split}.tsv`, columns, rows[split]));
}

/** Writes lines of text, each ended by "\n". */
export function writeLines(dir, file, lines) {
  mkdirSync(dir, { recursive: true });
  for (const l of lines) if (l.includes("\n")) throw new Error(`línea con salto de línea: ${l}`);
  writeFileSync(path.join(dir, file), lines.map((l) => l + "\n").join(""), "utf8");
  return file;
}

/** Writes a JSON value, pretty-printed, with a final newline. */
export function writeJson(dir, file, value) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, file), JSON.stringify(value, null, 1) + "\n", "utf8");
  return file;
}

/**
 * Draws examples with `draw()` until every split has its size, keeping each `key(example)` in at
 * most one split (so no test example was ever seen in training). `sizes` is e.g.
 * `{ train: 8000, valid: 500, test: 1000 }`; examples are dealt to the splits in proportion.
 */
export function disjointSplits(draw, key, sizes, seen = new Set(), maxTries = 50) {
  const names = Object.keys(sizes);
  const out = Object.fromEntries(names.map((n) => [n, []]));
  const total = names.reduce((s, n) => s + sizes[n], 0);
  let misses = 0;
  // Deal in a fixed round-robin pattern proportional to the sizes, so the splits fill together.
  let dealt = 0;
  while (names.some((n) => out[n].length < sizes[n])) {
    const example = draw();
    const k = key(example);
    if (seen.has(k)) {
      if (++misses > maxTries * total) throw new Error("disjointSplits: demasiados ejemplos repetidos");
      continue;
    }
    seen.add(k);
    let target = names.find((n) => out[n].length < (sizes[n] * (dealt + 1)) / total) ?? names.find((n) => out[n].length < sizes[n]);
    out[target].push(example);
    dealt++;
  }
  return out;
}

/** Sorted unique values (code-unit order, not locale order, so it is the same everywhere). */
export function sortedUnique(values) {
  return [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The characters of some strings, sorted (code points, so accents and ñ are single characters). */
export function charVocab(strings) {
  const chars = new Set();
  for (const s of strings) for (const c of s) chars.add(c);
  return sortedUnique([...chars]);
}

/** First letter upper case. */
export const capitalize = (s) => s.charAt(0).toUpperCase() + s.slice(1);

