/**
 * Token embeddings and position information (lessons 01 and 06): a learned table `[V, D]` looked up by
 * token id, a learned table of positions, and the fixed sinusoidal encoding of the 2017 paper.
 */
import { tf } from "./backend";
import { AtencionError, checkInt, checkNumber, formatShape } from "./errors";
import { Module } from "./module";
import { COURSE_SEED } from "./random";

/** Token ids: an int32 (or integer-valued) tensor, or nested arrays of integers. */
export type TokenIds = tf.Tensor | number[] | number[][];

/** Configuration of an `Embedding`. */
export interface EmbeddingConfig {
  /** Vocabulary size V. */
  numEmbeddings: number;
  /** Vector width D. */
  dim: number;
  /** Id whose vector is zero and gets no gradient (e.g. the padding token); default none. */
  paddingIdx?: number;
  /** Standard deviation of the normal initialisation (default `1`, as `torch.nn.Embedding`). */
  std?: number;
  /** Seed of the initialisation (default `COURSE_SEED`). */
  seed?: number;
}

/**
 * A learned lookup table `weight [V, D]` (lessons 01 and 06): `ids [...] → [..., D]`, row `ids[i]` for each
 * id, as `torch.nn.Embedding` (initialised N(0, 1)). Ids must be integers in [0, V); anything else
 * is an error that names the id and the vocabulary size. With `paddingIdx`, that row starts at
 * zero and its output is zero, so it receives no gradient.
 */
export class Embedding extends Module {
  readonly numEmbeddings: number;
  readonly dim: number;
  readonly paddingIdx: number | undefined;
  readonly weight: tf.Variable;

  constructor({ numEmbeddings, dim, paddingIdx, std = 1, seed = COURSE_SEED }: EmbeddingConfig) {
    super();
    this.numEmbeddings = checkInt("Embedding", "numEmbeddings", numEmbeddings);
    this.dim = checkInt("Embedding", "dim", dim);
    checkNumber("Embedding", "std", std, 0);
    if (paddingIdx !== undefined) checkInt("Embedding", "paddingIdx", paddingIdx, 0, numEmbeddings - 1);
    this.paddingIdx = paddingIdx;
    const init = tf.tidy(() => {
      const w = tf.randomNormal([numEmbeddings, dim], 0, std, "float32", seed);
      if (paddingIdx === undefined) return w;
      const keep = tf.oneHot([paddingIdx], numEmbeddings).reshape([numEmbeddings, 1]).mul(-1).add(1); // [V, 1]
      return w.mul(keep);
    });
    this.weight = this.addParameter("weight", init);
  }

  /** `ids [...] → vectors [..., D]`. */
  forward(ids: TokenIds): tf.Tensor {
    const idsTensor = ids instanceof tf.Tensor ? ids : tf.tensor(ids, undefined, "int32");
    try {
      checkIds("Embedding", "ids", idsTensor, this.numEmbeddings);
      return tf.tidy(() => {
        const flat = idsTensor.reshape([-1]).cast("int32"); // [N]
        let out = tf.gather(this.weight, flat); // [N, D]
        if (this.paddingIdx !== undefined) out = out.mul(flat.notEqual(this.paddingIdx).cast("float32").expandDims(1));
        return out.reshape([...idsTensor.shape, this.dim]); // [..., D]
      });
    } finally {
      if (idsTensor !== ids) idsTensor.dispose();
    }
  }
}

/**
 * Throws unless every value of `ids` is an integer in [0, vocabSize), naming the first bad id and
 * where it is (lesson 06).
 */
export function checkIds(where: string, name: string, ids: tf.Tensor, vocabSize: number): void {
  if (!(ids instanceof tf.Tensor)) throw new AtencionError(`${where}: '${name}' debe ser un tensor de ids enteros.`);
  const values = ids.dataSync();
  for (let i = 0; i < values.length; i++) {
    const id = values[i];
    if (!Number.isInteger(id) || id < 0 || id >= vocabSize) {
      const what = Number.isInteger(id) ? "está fuera del vocabulario" : "no es un entero";
      throw new AtencionError(
        `${where}: el id ${id} (posición ${i} de '${name}', forma ${formatShape(ids.shape)}) ${what}: ` +
          `los ids deben ser enteros entre 0 y ${vocabSize - 1} (tamaño del vocabulario ${vocabSize}).`,
      );
    }
  }
}

/** Configuration of a `LearnedPositionalEmbedding`. */
export interface LearnedPositionalEmbeddingConfig {
  /** Longest sequence it can encode (positions 0 … maxLen − 1). */
  maxLen: number;
  /** Vector width D. */
  dim: number;
  /** Standard deviation of the normal initialisation (default `1`). */
  std?: number;
  /** Seed of the initialisation (default `COURSE_SEED`). */
  seed?: number;
}

/**
 * A learned vector per position, `weight [maxLen, D]` (lesson 06; BERT and GPT use it instead of
 * the sinusoids). `forward(T, offset)` returns the rows of positions offset … offset + T − 1,
 * `[T, D]`, to be added to the token embeddings `[B, T, D]` (broadcast over B). The offset is the
 * number of tokens already in a KV cache during incremental decoding.
 */
export class LearnedPositionalEmbedding extends Module {
  readonly maxLen: number;
  readonly dim: number;
  readonly weight: tf.Variable;

  constructor({ maxLen, dim, std = 1, seed = COURSE_SEED }: LearnedPositionalEmbeddingConfig) {
    super();
    this.maxLen = checkInt("LearnedPositionalEmbedding", "maxLen", maxLen);
    this.dim = checkInt("LearnedPositionalEmbedding", "dim", dim);
    checkNumber("LearnedPositionalEmbedding", "std", std, 0);
    this.weight = this.addParameter("weight", tf.randomNormal([maxLen, dim], 0, std, "float32", seed));
  }

  /** Positions `offset … offset + length − 1` → `[length, D]`. */
  forward(length: number, offset = 0): tf.Tensor2D {
    const where = "LearnedPositionalEmbedding";
    checkInt(where, "length", length);
    checkInt(where, "offset", offset, 0);
    if (offset + length > this.maxLen) {
      throw new AtencionError(
        `${where}: las posiciones ${offset}…${offset + length - 1} no caben: maxLen = ${this.maxLen} (posiciones 0…${this.maxLen - 1}).`,
      );
    }
    return tf.tidy(() => tf.slice(this.weight, [offset, 0], [length, this.dim]) as tf.Tensor2D); // [T, D]
  }
}

/**
 * The fixed sinusoidal positional encoding of Vaswani et al. (2017) (lesson 06), `[maxLen, dModel]`:
 * `PE(p, 2i) = sin(p / 10000^(2i/d))`, `PE(p, 2i+1) = cos(p / 10000^(2i/d))`. Computed in double
 * precision, returned as float32. An odd `dModel` ends with a sine column.
 */
export function sinusoidalPositionalEncoding(maxLen: number, dModel: number): tf.Tensor2D {
  checkInt("sinusoidalPositionalEncoding", "maxLen", maxLen);
  checkInt("sinusoidalPositionalEncoding", "dModel", dModel);
  const values = new Float32Array(maxLen * dModel);
  for (let p = 0; p < maxLen; p++) {
    for (let j = 0; j < dModel; j++) {
      const twoI = j - (j % 2); // 2i: the even index of the pair (2i, 2i+1)
      const angle = p / Math.pow(10000, twoI / dModel);
      values[p * dModel + j] = j % 2 === 0 ? Math.sin(angle) : Math.cos(angle);
    }
  }
  return tf.tensor2d(values, [maxLen, dModel]);
}
