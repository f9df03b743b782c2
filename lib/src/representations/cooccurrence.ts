/**
 * Word–context co-occurrence counts and PPMI (lesson 01).
 *
 * Co-occurrence with a symmetric window w: for every position i of every document and every other
 * position j with |i − j| ≤ w in the same document, `matrix[word_i][word_j] += 1` (or 1/|i − j| with
 * `weighting: "harmonic"`). Positions hold their place even when their token is outside the
 * vocabulary; they just add nothing. The matrix is dense V × V: meant for vocabularies of up to a
 * few thousand words.
 *
 * PPMI (positive pointwise mutual information), with N the sum of all counts C:
 *   P(w, c) = C[w][c] / N,   P(w) = Σ_c C[w][c] / N,   P_α(c) = (Σ_w C[w][c])^α / Σ_c' (Σ_w C[w][c'])^α
 *   PPMI(w, c) = max(0, log2(P(w, c) / (P(w) · P_α(c))))      and 0 where C[w][c] = 0.
 * α = 1 is the plain definition; α = 0.75 (Levy, Goldberg & Dagan, 2015) lowers the weight of
 * rare contexts.
 */
import { AtencionError, checkInt, checkNumber, checkOneOf, describe } from "../errors";
import type { TermMatrix } from "./bow";
import { Documents, VocabularyOptions, buildVocabulary, checkDocuments, indexVocabulary } from "./vocabulary";

/** Options of `cooccurrenceMatrix` (lesson 01). */
export interface CooccurrenceOptions extends VocabularyOptions {
  /** How many positions to each side count as context. Default 2. */
  window?: number;
  /** The rows and columns, in order. Default: built from `docs` with `minCount` / `maxVocabSize`, in order of first appearance. */
  vocabulary?: readonly string[];
  /** "count" adds 1 per pair; "harmonic" adds 1/distance. Default "count". */
  weighting?: "count" | "harmonic";
}

/** The V × V word–context counts of `docs` (lesson 01); see the file comment. */
export function cooccurrenceMatrix(docs: Documents, options: CooccurrenceOptions = {}): TermMatrix {
  const where = "cooccurrenceMatrix";
  checkDocuments(where, docs);
  const { window = 2, weighting = "count" } = options;
  checkInt(where, "window", window, 1);
  checkOneOf(where, "weighting", weighting, ["count", "harmonic"] as const);
  const vocabulary = options.vocabulary === undefined ? buildVocabulary(docs, options).words : [...options.vocabulary];
  const index = indexVocabulary(where, vocabulary);
  const V = vocabulary.length;
  const matrix = Array.from({ length: V }, () => new Array<number>(V).fill(0));
  for (const d of docs) {
    const ids = d.map((t) => index.get(t) ?? -1);
    for (let i = 0; i < ids.length; i++) {
      if (ids[i] < 0) continue;
      const row = matrix[ids[i]];
      for (let j = Math.max(0, i - window); j <= Math.min(ids.length - 1, i + window); j++) {
        if (j !== i && ids[j] >= 0) row[ids[j]] += weighting === "harmonic" ? 1 / Math.abs(i - j) : 1;
      }
    }
  }
  return { vocabulary, matrix };
}

/** Options of `ppmi` (lesson 01). */
export interface PpmiOptions {
  /** Context-distribution smoothing exponent α. Default 1 (none). */
  alpha?: number;
}

/** Positive pointwise mutual information of a count matrix (lesson 01); see the file comment. */
export function ppmi(counts: readonly (readonly number[])[], options: PpmiOptions = {}): number[][] {
  const where = "ppmi";
  const alpha = checkNumber(where, "alpha", options.alpha ?? 1, 0, 1);
  const cols = Array.isArray(counts) && Array.isArray(counts[0]) ? counts[0].length : -1;
  const ok =
    cols >= 0 &&
    counts.every((row) => Array.isArray(row) && row.length === cols && row.every((x) => typeof x === "number" && x >= 0 && Number.isFinite(x)));
  if (!ok) {
    throw new AtencionError(
      `${where}: 'counts' debe ser una matriz (lista de filas de igual longitud) de números ≥ 0, y recibí ${describe(counts)}.`,
    );
  }
  const rowSums = counts.map((row) => row.reduce((s, x) => s + x, 0));
  const colSums = Array.from({ length: cols }, (_, j) => counts.reduce((s, row) => s + row[j], 0));
  const total = rowSums.reduce((s, x) => s + x, 0);
  const colPow = colSums.map((c) => (c > 0 ? c ** alpha : 0));
  const colPowTotal = colPow.reduce((s, x) => s + x, 0);
  return counts.map((row, i) =>
    row.map((c, j) => {
      if (c === 0) return 0;
      const pmi = Math.log2(c / total / ((rowSums[i] / total) * (colPow[j] / colPowTotal)));
      return Math.max(0, pmi);
    }),
  );
}
