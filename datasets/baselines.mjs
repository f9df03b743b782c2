// Small helpers shared by the baseline scripts (datasets/*/baseline.mjs): reading the committed
// files and splitting text into words. Plain JavaScript, no tensors, so the numbers are exact.
import { readFileSync } from "node:fs";
import path from "node:path";

/** Lines of a data file (without the final empty line). */
export function lines(dir, file) {
  return readFileSync(path.join(dir, file), "utf8").split("\n").filter((l) => l !== "");
}

/** Rows of a TSV file with a header, as objects. */
export function tsv(dir, file) {
  const [header, ...rows] = lines(dir, file);
  const columns = header.split("\t");
  return rows.map((r) => Object.fromEntries(r.split("\t").map((v, i) => [columns[i], v])));
}

/** Lower-case words and punctuation marks: "Bonita, pero cara." → ["bonita", ",", "pero", "cara", "."]. */
export function words(text) {
  return text.toLowerCase().match(/[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu) ?? [];
}

/** A percentage with one decimal. */
export const pct = (x) => `${(100 * x).toFixed(1)} %`;
