/**
 * Byte-pair encoding, character-level, with a space marker (lesson 01).
 *
 * Our choices, so that the pieces stay readable in Spanish:
 * - **Characters, not bytes.** The base alphabet is every Unicode character seen in training ("á",
 *   "ñ", "¿" are one symbol each). A character never seen in training becomes `[UNK]`.
 * - **Space marker "▁" (U+2581), as in SentencePiece.** The text is first cut into chunks the way
 *   GPT-2 does: an optional space followed by letters, or by digits, or by other signs; runs of
 *   spaces stand alone. Each space becomes "▁", so "el perro" → "▁el", … → pieces like "▁perro".
 *   Merges never cross a chunk. Decoding joins the pieces and turns "▁" back into spaces, so any
 *   text made of characters seen in training comes back exactly (a "▁" in the input comes back
 *   as a space).
 * - **Training** repeatedly merges the most frequent adjacent pair, counted over all chunks of the
 *   corpus. **Ties** go to the pair whose left symbol, then right symbol, comes first in plain
 *   string order (`<`), so the same corpus always gives the same merges.
 * - **Encoding** repeatedly applies, inside each chunk, the learned merge with the lowest rank
 *   (earliest learned) among the adjacent pairs present, to every occurrence left to right.
 *
 * `encodeAndShowWork` is the slow path that records each step; `encode` is the fast path (per
 * chunk, with a cache); the tests check that they agree.
 */
import { AtencionError, checkInt, describe } from "../errors";
import { SPECIAL_TOKENS, UNK_ID, splitOnSpecialTokens } from "./special";
import { Tokenizer, TokenizerJSON, checkText, checkTexts, parseTokenizerJSON } from "./tokenizer";

/** The symbol that stands for a space inside BPE pieces (lesson 01). */
export const BPE_SPACE = "\u2581";

/** Options of `BpeTokenizer.train` (lesson 01): give exactly one of `vocabSize` and `numMerges`. */
export interface BpeTrainOptions {
  /** Stop when the vocabulary (special tokens + alphabet + merged symbols) has this many tokens. */
  vocabSize?: number;
  /** Stop after learning this many merges. */
  numMerges?: number;
  /** Stop early when the best pair occurs fewer times than this. Default 2. */
  minFrequency?: number;
}

/** One merge applied by `encodeAndShowWork` (lesson 01). */
export interface BpeStep {
  /** The adjacent pair merged, e.g. ["▁p", "er"]. */
  pair: [string, string];
  /** The new symbol, e.g. "▁per". */
  merged: string;
  /** The merge's rank: 0 for the first merge learned. */
  rank: number;
  /** The whole sequence of pieces after this merge. */
  tokens: string[];
}

/** What `encodeAndShowWork` returns (lesson 01). */
export interface BpeWork {
  /** The pieces before any merge: one per character, spaces shown as "▁". */
  initial: string[];
  steps: BpeStep[];
  /** The final pieces, as `tokenize` gives them. */
  tokens: string[];
  /** Their ids, as `encode` gives them. */
  ids: number[];
}

const CHUNK = / ?\p{L}[\p{L}\p{M}]*| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+/gu;

/** Cuts plain text into the chunks that merges never cross, with spaces shown as "▁" (lesson 01). */
export function bpeChunks(text: string): string[] {
  return (text.match(CHUNK) ?? []).map((c) => c.replace(/ /g, BPE_SPACE));
}

/** A sequence of pieces cut into chunks; a special token is a chunk of its own that never merges. */
type Chunked = { pieces: string[]; special: boolean }[];

/** Byte-pair-encoding tokenizer (lesson 01): `BpeTokenizer.train(corpus, { vocabSize: 500 })`. */
export class BpeTokenizer extends Tokenizer {
  readonly type = "bpe" as const;
  /** The learned merges, in the order learned (rank 0 first). */
  readonly merges: readonly (readonly [string, string])[];
  private readonly ranks = new Map<string, Map<string, number>>();
  private readonly cache = new Map<string, string[]>();

  /** A tokenizer with this vocabulary (special tokens first) and these merges, in rank order. */
  constructor(vocab: readonly string[], merges: readonly (readonly [string, string])[]) {
    super("BpeTokenizer", vocab);
    merges.forEach((m, rank) => {
      const ok = Array.isArray(m) && m.length === 2 && typeof m[0] === "string" && typeof m[1] === "string";
      if (!ok || !this.has(m[0]) || !this.has(m[1]) || !this.has(m[0] + m[1])) {
        throw new AtencionError(
          `BpeTokenizer: la fusión ${rank} (${describe(m)}) debe ser un par de tokens del vocabulario cuya unión también esté en él.`,
        );
      }
      const inner = this.ranks.get(m[0]) ?? new Map<string, number>();
      if (!inner.has(m[1])) inner.set(m[1], rank);
      this.ranks.set(m[0], inner);
    });
    this.merges = Object.freeze(merges.map(([a, b]) => Object.freeze([a, b] as const)));
  }

  /**
   * Learns the alphabet and the merges from a text or a list of texts (lesson 01). Give exactly one
   * of `vocabSize` and `numMerges`. Stops early when no pair occurs `minFrequency` times.
   */
  static train(texts: string | readonly string[], options: BpeTrainOptions): BpeTokenizer {
    const where = "BpeTokenizer.train";
    const list = checkTexts(where, texts);
    const { vocabSize, numMerges, minFrequency = 2 } = options ?? {};
    if ((vocabSize === undefined) === (numMerges === undefined)) {
      throw new AtencionError(`${where}: da exactamente una de las opciones 'vocabSize' o 'numMerges'.`);
    }
    checkInt(where, "minFrequency", minFrequency, 1);

    // Chunk frequencies; each distinct chunk is a "word" of symbol ids with a count.
    const freq = new Map<string, number>();
    for (const text of list) {
      for (const piece of splitOnSpecialTokens(text)) {
        if ("text" in piece) for (const c of bpeChunks(piece.text)) freq.set(c, (freq.get(c) ?? 0) + 1);
      }
    }
    const alphabet = [...new Set([...freq.keys()].flatMap((c) => Array.from(c)))].sort();
    const vocab = [...SPECIAL_TOKENS, ...alphabet];
    const idOf = new Map(vocab.map((t, i) => [t, i]));
    if (vocabSize !== undefined) checkInt(where, "vocabSize", vocabSize, vocab.length);
    if (numMerges !== undefined) checkInt(where, "numMerges", numMerges, 0);
    const words = [...freq.entries()].map(([c, n]) => ({ ids: Array.from(c, (ch) => idOf.get(ch) as number), n }));

    // Pair counts and, for each pair, the words that may contain it. Pair key: a * 2^21 + b.
    const K = 2 ** 21;
    const counts = new Map<number, number>();
    const holders = new Map<number, Set<number>>();
    const addPairs = (w: number, sign: 1 | -1): void => {
      const { ids, n } = words[w];
      for (let i = 0; i + 1 < ids.length; i++) {
        const key = ids[i] * K + ids[i + 1];
        const c = (counts.get(key) ?? 0) + sign * n;
        if (c === 0) counts.delete(key);
        else counts.set(key, c);
        if (sign > 0) {
          const set = holders.get(key) ?? new Set<number>();
          set.add(w);
          holders.set(key, set);
        }
      }
    };
    words.forEach((_, w) => addPairs(w, 1));

    const merges: [string, string][] = [];
    const done = (): boolean => (numMerges !== undefined ? merges.length >= numMerges : vocab.length >= (vocabSize as number));
    while (!done()) {
      let best = -1;
      let bestCount = 0;
      for (const [key, c] of counts) {
        if (c > bestCount || (c === bestCount && best >= 0 && pairBefore(vocab, key, best, K))) {
          best = key;
          bestCount = c;
        }
      }
      if (best < 0 || bestCount < minFrequency) break;
      const a = Math.floor(best / K);
      const b = best % K;
      const merged = vocab[a] + vocab[b];
      let id = idOf.get(merged);
      if (id === undefined) {
        id = vocab.length;
        vocab.push(merged);
        idOf.set(merged, id);
      }
      merges.push([vocab[a], vocab[b]]);
      for (const w of holders.get(best) ?? []) {
        const ids = words[w].ids;
        if (!ids.some((x, i) => x === a && ids[i + 1] === b)) continue;
        addPairs(w, -1);
        words[w].ids = mergePair(ids, a, b, id);
        addPairs(w, 1);
      }
      holders.delete(best);
    }
    return new BpeTokenizer(vocab, merges);
  }

  /** Loads a tokenizer saved with `toJSON` / `JSON.stringify`. */
  static fromJSON(json: string | object): BpeTokenizer {
    const obj = parseTokenizerJSON("BpeTokenizer.fromJSON", json, "bpe");
    if (!Array.isArray(obj.merges)) {
      throw new AtencionError(`BpeTokenizer.fromJSON: el campo 'merges' debe ser una lista de pares, y es ${describe(obj.merges)}.`);
    }
    return new BpeTokenizer(obj.vocab, obj.merges as [string, string][]);
  }

  /** The rank of merging `a` with `b`, or undefined if that merge was not learned. */
  rankOf(a: string, b: string): number | undefined {
    return this.ranks.get(a)?.get(b);
  }

  /** The final pieces of a text (fast path: each chunk once, then from a cache). */
  tokenize(text: string): string[] {
    checkText("BpeTokenizer.tokenize", "text", text);
    const out: string[] = [];
    for (const piece of splitOnSpecialTokens(text)) {
      if (!("text" in piece)) {
        out.push(SPECIAL_TOKENS[piece.special]);
        continue;
      }
      for (const chunk of bpeChunks(piece.text)) {
        let pieces = this.cache.get(chunk);
        if (pieces === undefined) {
          pieces = this.applyMerges([{ pieces: Array.from(chunk), special: false }], () => undefined)[0].pieces;
          if (this.cache.size > 100_000) this.cache.clear();
          this.cache.set(chunk, pieces);
        }
        out.push(...pieces);
      }
    }
    return out;
  }

  /**
   * The slow, readable path (lesson 01): starts from single characters and applies, one step at a
   * time, the learned merge with the lowest rank present anywhere in the text. Returns every step.
   * Its final tokens and ids equal `tokenize` and `encode`.
   */
  encodeAndShowWork(text: string): BpeWork {
    checkText("BpeTokenizer.encodeAndShowWork", "text", text);
    const chunks: Chunked = splitOnSpecialTokens(text).flatMap((p): Chunked =>
      "text" in p
        ? bpeChunks(p.text).map((c) => ({ pieces: Array.from(c), special: false }))
        : [{ pieces: [SPECIAL_TOKENS[p.special]], special: true }],
    );
    const flat = (): string[] => chunks.flatMap((c) => c.pieces);
    const initial = flat();
    const steps: BpeStep[] = [];
    this.applyMerges(chunks, (pair, rank) => steps.push({ pair, merged: pair[0] + pair[1], rank, tokens: flat() }));
    const tokens = flat();
    return { initial, steps, tokens, ids: tokens.map((t) => (this.has(t) ? this.tokenToId(t) : UNK_ID)) };
  }

  /** Applies merges by rank to every (non-special) chunk, in place; reports each step. */
  private applyMerges(chunks: Chunked, onStep: (pair: [string, string], rank: number) => void): Chunked {
    for (;;) {
      let bestRank = Infinity;
      for (const c of chunks) {
        if (c.special) continue;
        for (let i = 0; i + 1 < c.pieces.length; i++) {
          const r = this.rankOf(c.pieces[i], c.pieces[i + 1]);
          if (r !== undefined && r < bestRank) bestRank = r;
        }
      }
      if (bestRank === Infinity) return chunks;
      const [a, b] = this.merges[bestRank];
      for (const c of chunks) if (!c.special) c.pieces = mergePair(c.pieces, a, b, a + b);
      onStep([a, b], bestRank);
    }
  }

  protected detokenize(tokens: string[]): string {
    return tokens.join("").split(BPE_SPACE).join(" ");
  }

  toJSON(): TokenizerJSON {
    return { type: this.type, version: 1, vocab: [...this.vocabulary], merges: this.merges.map(([a, b]) => [a, b]) };
  }
}

/** Replaces every non-overlapping adjacent (a, b), left to right, by `merged`. */
function mergePair<T>(seq: readonly T[], a: T, b: T, merged: T): T[] {
  const out: T[] = [];
  for (let i = 0; i < seq.length; i++) {
    if (i + 1 < seq.length && seq[i] === a && seq[i + 1] === b) {
      out.push(merged);
      i++;
    } else out.push(seq[i]);
  }
  return out;
}

/** Tie-break: does pair `x` come before pair `y` in (left, right) string order? */
function pairBefore(vocab: readonly string[], x: number, y: number, K: number): boolean {
  const xa = vocab[Math.floor(x / K)];
  const ya = vocab[Math.floor(y / K)];
  if (xa !== ya) return xa < ya;
  return vocab[x % K] < vocab[y % K];
}
