/**
 * Documents as lists of tokens, and the vocabulary built from them (lesson 01).
 *
 * The representations of lesson 01 take documents already cut into tokens (`string[][]`), e.g.
 * `corpus.map((s) => tokenizer.tokenize(s))`, and give their rows and columns a vocabulary.
 */
import { AtencionError, checkInt, describe } from "../errors";

/** A corpus as lists of tokens: `[["el", "perro", "come"], ["la", "gata", "duerme"]]` (lesson 01). */
export type Documents = readonly (readonly string[])[];

/** Options for building a vocabulary from documents (lesson 01). */
export interface VocabularyOptions {
  /** Keep only tokens seen at least this many times. Default 1. */
  minCount?: number;
  /** Keep at most this many tokens, the most frequent ones (ties: first seen). Default: no limit. */
  maxVocabSize?: number;
}

/** A vocabulary in order of first appearance, with each token's count in the documents (lesson 01). */
export interface Vocabulary {
  words: string[];
  counts: number[];
}

/** Throws a Spanish error unless `docs` is a list of lists of strings. */
export function checkDocuments(where: string, docs: unknown): asserts docs is Documents {
  if (!Array.isArray(docs)) {
    throw new AtencionError(`${where}: 'docs' debe ser una lista de documentos (listas de tokens), y recibí ${describe(docs)}.`);
  }
  docs.forEach((d, i) => {
    if (!Array.isArray(d) || !d.every((t) => typeof t === "string")) {
      const hint = typeof d === "string" ? " Corta cada texto en tokens antes, p. ej. con tokenizer.tokenize(texto)." : "";
      throw new AtencionError(`${where}: 'docs[${i}]' debe ser una lista de tokens (cadenas), y es ${describe(d)}.${hint}`);
    }
  });
}

/**
 * The tokens of `docs` in order of first appearance, keeping those seen `minCount` times or more
 * and, if `maxVocabSize` is given, only the most frequent ones (lesson 01).
 */
export function buildVocabulary(docs: Documents, options: VocabularyOptions = {}): Vocabulary {
  checkDocuments("buildVocabulary", docs);
  const { minCount = 1, maxVocabSize } = options;
  checkInt("buildVocabulary", "minCount", minCount, 1);
  if (maxVocabSize !== undefined) checkInt("buildVocabulary", "maxVocabSize", maxVocabSize, 1);
  const counts = new Map<string, number>();
  for (const d of docs) for (const t of d) counts.set(t, (counts.get(t) ?? 0) + 1);
  let entries = [...counts.entries()].filter(([, n]) => n >= minCount);
  if (maxVocabSize !== undefined && entries.length > maxVocabSize) {
    const keep = new Set(
      entries
        .map(([w, n], order) => ({ w, n, order }))
        .sort((a, b) => b.n - a.n || a.order - b.order)
        .slice(0, maxVocabSize)
        .map(({ w }) => w),
    );
    entries = entries.filter(([w]) => keep.has(w));
  }
  return { words: entries.map(([w]) => w), counts: entries.map(([, n]) => n) };
}

/** A token → row/column index map for a vocabulary; repeated tokens are an error. */
export function indexVocabulary(where: string, words: readonly string[]): Map<string, number> {
  if (!Array.isArray(words) || !words.every((w) => typeof w === "string")) {
    throw new AtencionError(`${where}: 'vocabulary' debe ser una lista de cadenas, y es ${describe(words)}.`);
  }
  const index = new Map<string, number>();
  words.forEach((w, i) => {
    if (index.has(w)) throw new AtencionError(`${where}: la palabra ${describe(w)} aparece dos veces en 'vocabulary'.`);
    index.set(w, i);
  });
  return index;
}
