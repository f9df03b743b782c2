/**
 * Batching (lesson 07): padding sequences of different lengths to one length, the key-padding mask
 * that tells attention which positions are real, and seeded shuffled mini-batches.
 *
 * Mask convention (DESIGN.md): 1 = real token (may be attended to), 0 = padding (blocked).
 */
import { tf } from "./backend";
import { AtencionError, checkInt, checkOneOf, describe } from "./errors";
import { COURSE_SEED, Rng } from "./random";

/** Where the padding goes: after the tokens ("right", BERT) or before them ("left", GPT generation). */
export type PadSide = "right" | "left";
const SIDES: readonly PadSide[] = ["right", "left"];

/** Options of `padSequences` and `padBatch` (lesson 07). */
export interface PadOptions {
  /** The padded length (default: the longest sequence). */
  maxLen?: number;
  /** Where the padding goes (default "right"). */
  side?: PadSide;
  /**
   * Cut sequences longer than `maxLen` on the padding side (right: keep the beginning; left: keep
   * the end). Default false: a longer sequence is an error.
   */
  truncate?: boolean;
}

/**
 * Pads (and optionally truncates) `seqs` to one length with `padId` (lesson 07).
 * Returns the padded ids and, for each sequence, how many of its ids are real.
 *
 * Example: `padSequences([[5, 6, 7], [8]], 0)` → ids `[[5, 6, 7], [8, 0, 0]]`, lengths `[3, 1]`.
 */
export function padSequences(
  seqs: readonly (readonly number[])[],
  padId: number,
  { maxLen, side = "right", truncate = false }: PadOptions = {},
): { ids: number[][]; lengths: number[] } {
  const where = "padSequences";
  if (!Array.isArray(seqs) || !seqs.every((s) => Array.isArray(s))) {
    throw new AtencionError(`${where}: 'seqs' debe ser una lista de listas de ids, y es ${describe(seqs)}.`);
  }
  checkInt(where, "padId", padId, 0);
  checkOneOf(where, "side", side, SIDES);
  const length = maxLen === undefined ? Math.max(0, ...seqs.map((s) => s.length)) : checkInt(where, "maxLen", maxLen, 1);
  const ids = seqs.map((seq, i) => {
    let s = seq.slice();
    if (s.length > length) {
      if (!truncate) {
        throw new AtencionError(`${where}: la secuencia ${i} tiene ${s.length} ids, más que maxLen = ${length}; usa truncate: true para cortarla.`);
      }
      s = side === "right" ? s.slice(0, length) : s.slice(s.length - length);
    }
    const padding = new Array<number>(length - s.length).fill(padId);
    return side === "right" ? [...s, ...padding] : [...padding, ...s];
  });
  return { ids, lengths: seqs.map((s) => Math.min(s.length, length)) };
}

/** Turns a rectangular array of ids [B][T] into an int32 tensor [B, T] (lesson 07). */
export function idsToTensor(ids: readonly (readonly number[])[]): tf.Tensor2D {
  const where = "idsToTensor";
  const width = ids[0]?.length ?? 0;
  ids.forEach((row, i) => {
    if (row.length !== width) {
      throw new AtencionError(`${where}: todas las filas deben tener ${width} ids (como la fila 0), pero la fila ${i} tiene ${row.length}; usa padSequences.`);
    }
    row.forEach((id, j) => {
      if (!Number.isInteger(id)) throw new AtencionError(`${where}: los ids deben ser enteros, y ids[${i}][${j}] es ${describe(id)}.`);
    });
  });
  return tf.tensor2d(ids.map((row) => row.slice()), [ids.length, width], "int32");
}

/**
 * The key-padding mask [B, T] of sequences with these real `lengths`, padded to `maxLen` on `side`
 * (lesson 07): 1 on real tokens, 0 on padding. float32 by default, as attention adds or multiplies it.
 */
export function lengthsToMask(
  lengths: readonly number[],
  maxLen: number,
  { side = "right", dtype = "float32" }: { side?: PadSide; dtype?: "float32" | "int32" | "bool" } = {},
): tf.Tensor2D {
  const where = "lengthsToMask";
  checkInt(where, "maxLen", maxLen, 0);
  checkOneOf(where, "side", side, SIDES);
  lengths.forEach((n, i) => checkInt(where, `lengths[${i}]`, n, 0, maxLen));
  const values = lengths.flatMap((n) => {
    const row = new Array<number>(maxLen).fill(0);
    return side === "right" ? row.fill(1, 0, n) : row.fill(1, maxLen - n);
  });
  return tf.tensor2d(values, [lengths.length, maxLen], dtype);
}

/**
 * Pads `seqs` and returns what a model takes (lesson 07): `ids` int32 [B, T], `mask` [B, T]
 * (1 = real token, 0 = padding) and the real `lengths`. The caller disposes the two tensors.
 */
export function padBatch(
  seqs: readonly (readonly number[])[],
  padId: number,
  options: PadOptions = {},
): { ids: tf.Tensor2D; mask: tf.Tensor2D; lengths: number[] } {
  const padded = padSequences(seqs, padId, options);
  const width = padded.ids[0]?.length ?? 0;
  return {
    ids: idsToTensor(padded.ids),
    mask: lengthsToMask(padded.lengths, width, { side: options.side }),
    lengths: padded.lengths,
  };
}

/** Options of `batches` (lesson 07). */
export interface BatchOptions {
  /** Shuffle the items before cutting them into batches (default false). */
  shuffle?: boolean;
  /** The seed of the shuffle (default COURSE_SEED). Use a different seed per epoch, e.g. COURSE_SEED + epoch. */
  seed?: number;
  /** Leave out the last batch when it is smaller than `batchSize` (default false). */
  dropLast?: boolean;
}

/**
 * Cuts `items` into mini-batches of `batchSize` (lesson 07), optionally shuffled with a seed.
 * Returns an array of batches, so `.length` is the number of steps in one epoch.
 */
export function batches<T>(items: readonly T[], batchSize: number, { shuffle = false, seed = COURSE_SEED, dropLast = false }: BatchOptions = {}): T[][] {
  checkInt("batches", "batchSize", batchSize, 1);
  const order = shuffle ? new Rng(seed).shuffle(items) : items.slice();
  const out: T[][] = [];
  for (let start = 0; start < order.length; start += batchSize) {
    const batch = order.slice(start, start + batchSize);
    if (batch.length === batchSize || !dropLast) out.push(batch);
  }
  return out;
}
