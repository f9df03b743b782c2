/**
 * Cosine similarity and a vocabulary with its word vectors: neighbours and analogies (lesson 01).
 *
 *   cos(a, b) = a·b / (‖a‖ ‖b‖), in [−1, 1]; 0 when either vector is all zeros.
 *
 * Analogies with 3CosAdd (Mikolov et al., 2013): "a is to b as c is to ?" is the word x, other
 * than a, b and c, whose vector is closest in cosine to b̂ − â + ĉ (the hats: unit vectors).
 * E.g. `analogy("hombre", "rey", "mujer")` → "reina".
 */
import { tf } from "../backend";
import { AtencionError, checkInt, describe } from "../errors";
import { indexVocabulary } from "./vocabulary";

/** A word and its cosine similarity to a query (lesson 01). */
export interface Neighbour {
  word: string;
  similarity: number;
}

/** The saved form of `WordVectors` (lesson 01). */
export interface WordVectorsJSON {
  type: "word-vectors";
  words: string[];
  vectors: number[][];
}

function checkVector(where: string, name: string, v: unknown): asserts v is ArrayLike<number> {
  const ok = v !== null && typeof v === "object" && typeof (v as ArrayLike<number>).length === "number" && !("shape" in v);
  if (!ok) throw new AtencionError(`${where}: '${name}' debe ser una lista de números, y recibí ${describe(v)}.`);
}

/** Cosine similarity of two vectors of the same length (lesson 01); 0 if either is all zeros. */
export function cosineSimilarity(a: ArrayLike<number>, b: ArrayLike<number>): number {
  checkVector("cosineSimilarity", "a", a);
  checkVector("cosineSimilarity", "b", b);
  if (a.length !== b.length) {
    throw new AtencionError(`cosineSimilarity: 'a' y 'b' deben tener la misma longitud, y tienen ${a.length} y ${b.length}.`);
  }
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
}

/** All cosine similarities between the rows of `a` [m, d] and of `b` [n, d] (default `a`): [m, n] (lesson 01). */
export function cosineSimilarityMatrix(a: readonly ArrayLike<number>[], b: readonly ArrayLike<number>[] = a): number[][] {
  for (const [name, m] of [["a", a], ["b", b]] as const) {
    if (!Array.isArray(m)) throw new AtencionError(`cosineSimilarityMatrix: '${name}' debe ser una lista de vectores, y recibí ${describe(m)}.`);
  }
  return a.map((x) => b.map((y) => cosineSimilarity(x, y)));
}

/** A vocabulary with one vector per word (lesson 01): neighbours, similarities and analogies. */
export class WordVectors {
  /** The words, indexed like the rows of the vectors. */
  readonly words: readonly string[];
  /** The width D of every vector. */
  readonly dim: number;
  private readonly data: Float32Array; // [V, D]
  private readonly unit: Float32Array; // [V, D], rows scaled to length 1 (zero rows stay zero)
  private readonly index: Map<string, number>;

  /** `vectors` is one row per word ([V, D] as lists), or a flat Float32Array of V · D numbers. */
  constructor(words: readonly string[], vectors: readonly ArrayLike<number>[] | Float32Array) {
    const where = "WordVectors";
    this.index = indexVocabulary(where, words);
    const V = words.length;
    if (vectors instanceof Float32Array) {
      if (V === 0 || vectors.length % V !== 0) {
        throw new AtencionError(`${where}: 'vectors' debe tener ${V} · D números, y tiene ${vectors.length}.`);
      }
      this.dim = vectors.length / V;
      this.data = Float32Array.from(vectors);
    } else {
      if (!Array.isArray(vectors) || vectors.length !== V) {
        throw new AtencionError(`${where}: 'vectors' debe tener una fila por palabra (${V}), y recibí ${describe(vectors)}.`);
      }
      this.dim = V > 0 ? vectors[0].length : 0;
      this.data = new Float32Array(V * this.dim);
      vectors.forEach((row, i) => {
        checkVector(where, `vectors[${i}]`, row);
        if (row.length !== this.dim) {
          throw new AtencionError(`${where}: 'vectors[${i}]' debe tener ${this.dim} números, y tiene ${row.length}.`);
        }
        this.data.set(Array.from(row), i * this.dim);
      });
    }
    if (!this.data.every(Number.isFinite)) throw new AtencionError(`${where}: 'vectors' contiene NaN o infinitos.`);
    this.words = Object.freeze([...words]);
    this.unit = new Float32Array(this.data.length);
    for (let i = 0; i < V; i++) {
      const row = this.data.subarray(i * this.dim, (i + 1) * this.dim);
      const norm = Math.sqrt(row.reduce((s, x) => s + x * x, 0));
      if (norm > 0) for (let j = 0; j < this.dim; j++) this.unit[i * this.dim + j] = row[j] / norm;
    }
  }

  /** How many words. */
  get size(): number {
    return this.words.length;
  }

  /** Whether `word` has a vector. */
  has(word: string): boolean {
    return this.index.has(word);
  }

  /** The row of `word`; a Spanish error if it has none. */
  indexOf(word: string): number {
    const i = typeof word === "string" ? this.index.get(word) : undefined;
    if (i === undefined) {
      throw new AtencionError(`WordVectors: la palabra ${describe(word)} no está en el vocabulario (${this.size} palabras).`);
    }
    return i;
  }

  /** A copy of the vector of `word`. */
  vector(word: string): number[] {
    const i = this.indexOf(word);
    return Array.from(this.data.subarray(i * this.dim, (i + 1) * this.dim));
  }

  /** Cosine similarity of two words. */
  similarity(a: string, b: string): number {
    const i = this.indexOf(a);
    const j = this.indexOf(b);
    let dot = 0;
    for (let d = 0; d < this.dim; d++) dot += this.unit[i * this.dim + d] * this.unit[j * this.dim + d];
    return dot;
  }

  /**
   * The `k` words closest in cosine to a word (itself excluded) or to a vector, most similar first
   * (lesson 01). Ties: the earlier word first.
   */
  mostSimilar(query: string | ArrayLike<number>, k = 10, exclude: readonly string[] = []): Neighbour[] {
    const where = "WordVectors.mostSimilar";
    checkInt(where, "k", k, 1);
    let target: ArrayLike<number>;
    const skip = new Set(exclude.map((w) => this.index.get(w)).filter((i): i is number => i !== undefined));
    if (typeof query === "string") {
      const i = this.indexOf(query);
      skip.add(i);
      target = this.unit.subarray(i * this.dim, (i + 1) * this.dim);
    } else {
      checkVector(where, "query", query);
      if (query.length !== this.dim) {
        throw new AtencionError(`${where}: 'query' debe tener ${this.dim} números, y tiene ${query.length}.`);
      }
      target = query;
    }
    let norm = 0;
    for (let d = 0; d < this.dim; d++) norm += target[d] * target[d];
    norm = Math.sqrt(norm) || 1;
    const scored: Neighbour[] = [];
    for (let i = 0; i < this.size; i++) {
      if (skip.has(i)) continue;
      let dot = 0;
      for (let d = 0; d < this.dim; d++) dot += this.unit[i * this.dim + d] * target[d];
      scored.push({ word: this.words[i], similarity: dot / norm });
    }
    // A stable sort keeps the earlier word first among equal similarities.
    return scored.sort((x, y) => y.similarity - x.similarity).slice(0, k);
  }

  /** "a is to b as c is to ?" by 3CosAdd, excluding a, b and c (lesson 01): `analogy("hombre", "rey", "mujer")`. */
  analogy(a: string, b: string, c: string, k = 1): Neighbour[] {
    const [ia, ib, ic] = [a, b, c].map((w) => this.indexOf(w));
    const target = new Float32Array(this.dim);
    for (let d = 0; d < this.dim; d++) {
      target[d] = this.unit[ib * this.dim + d] - this.unit[ia * this.dim + d] + this.unit[ic * this.dim + d];
    }
    return this.mostSimilar(target, k, [a, b, c]);
  }

  /** The vectors as a tensor [V, D], e.g. to start an embedding layer from them. The caller disposes it. */
  toTensor(): tf.Tensor2D {
    return tf.tensor2d(this.data, [this.size, this.dim]);
  }

  /** The saved form; `JSON.stringify(vectors)` uses it. */
  toJSON(): WordVectorsJSON {
    const vectors = this.words.map((_, i) => Array.from(this.data.subarray(i * this.dim, (i + 1) * this.dim)));
    return { type: "word-vectors", words: [...this.words], vectors };
  }

  /** Loads vectors saved with `toJSON` / `JSON.stringify`. */
  static fromJSON(json: string | WordVectorsJSON): WordVectors {
    let obj: unknown = json;
    if (typeof json === "string") {
      try {
        obj = JSON.parse(json);
      } catch (e) {
        throw new AtencionError(`WordVectors.fromJSON: el texto no es JSON válido (${(e as Error).message}).`);
      }
    }
    const o = obj as Partial<WordVectorsJSON> | null;
    if (o === null || typeof o !== "object" || o.type !== "word-vectors") {
      throw new AtencionError(`WordVectors.fromJSON: se esperaba un objeto con type "word-vectors", y recibí ${describe(obj)}.`);
    }
    return new WordVectors(o.words as string[], o.vectors as number[][]);
  }
}
