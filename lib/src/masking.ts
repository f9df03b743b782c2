/**
 * BERT's masked-language-model recipe (lesson 09; Devlin et al., 2019, §3.1):
 *
 *   choose each ordinary token with probability maskProb (15 %); of the chosen ones
 *     80 % → [MASK]      the model must guess them from the context
 *     10 % → a random token
 *     10 % → unchanged   so the model cannot assume that an unmasked token is always right
 *   labels: the original id at the chosen positions, IGNORE_INDEX (−100) everywhere else.
 *
 * Special tokens ([CLS], [SEP], [PAD], …) are never chosen.
 */
import { tf } from "./backend";
import { AtencionError, checkInt, checkNumber, describe } from "./errors";
import { COURSE_SEED, Rng } from "./random";

/** (lesson 09) The label of positions that add nothing to the loss, as in PyTorch (`crossEntropy(…, { ignoreIndex: IGNORE_INDEX })`). */
export const IGNORE_INDEX = -100;

/** Options of `maskTokens` (lesson 09). */
export interface MaskTokensOptions {
  /** Probability that each ordinary token is chosen (default `0.15`). */
  maskProb?: number;
  /** Vocabulary size V: random replacements are drawn from [0, V) minus the special ids. */
  vocabSize: number;
  /** Ids that are never chosen nor drawn as replacements ([CLS], [SEP], [PAD], [MASK], …). */
  specialIds?: readonly number[];
  /** The id of [MASK]. */
  maskId: number;
  /** The random generator (default `new Rng(COURSE_SEED)`); pass one to get a fresh masking per batch. */
  rng?: Rng;
}

/** The masked inputs and their labels, `[B, T]` each (lesson 09). */
export interface MaskedTokens<T> {
  /** The ids the model reads: some replaced by [MASK] or a random id. */
  inputs: T;
  /** The original id at the chosen positions, `IGNORE_INDEX` elsewhere. */
  labels: T;
}

/**
 * Applies the 80/10/10 masking to a batch of ids (lesson 09). Arrays in, arrays out; a tensor in
 * gives two new int32 tensors `[B, T]` (the caller disposes them).
 */
export function maskTokens(ids: readonly (readonly number[])[], options: MaskTokensOptions): MaskedTokens<number[][]>;
export function maskTokens(ids: tf.Tensor, options: MaskTokensOptions): MaskedTokens<tf.Tensor2D>;
export function maskTokens(ids: tf.Tensor | readonly (readonly number[])[], options: MaskTokensOptions): MaskedTokens<number[][]> | MaskedTokens<tf.Tensor2D> {
  const where = "maskTokens";
  const { maskProb = 0.15, vocabSize, specialIds = [], maskId, rng = new Rng(COURSE_SEED) } = options;
  checkNumber(where, "maskProb", maskProb, 0, 1);
  checkInt(where, "vocabSize", vocabSize);
  checkInt(where, "maskId", maskId, 0, vocabSize - 1);
  specialIds.forEach((id, i) => checkInt(where, `specialIds[${i}]`, id, 0, vocabSize - 1));
  const special = new Set([...specialIds, maskId]);
  const ordinary = Array.from({ length: vocabSize }, (_, id) => id).filter((id) => !special.has(id));
  if (ordinary.length === 0) throw new AtencionError(`${where}: todos los ids del vocabulario son especiales; no hay con qué reemplazar.`);

  let rows: number[][];
  if (ids instanceof tf.Tensor) {
    if (ids.rank !== 2) throw new AtencionError(`${where}: 'ids' debe tener forma [B, T], pero tiene forma [${ids.shape.join(", ")}].`);
    rows = ids.arraySync() as number[][];
  } else if (Array.isArray(ids) && ids.every((row) => Array.isArray(row))) {
    rows = ids.map((row) => Array.from(row));
  } else {
    throw new AtencionError(`${where}: 'ids' debe ser un tensor [B, T] o una lista de listas de ids, y es ${describe(ids)}.`);
  }
  const inputs = rows.map((row) => row.slice());
  const labels = rows.map((row) => row.map(() => IGNORE_INDEX));
  rows.forEach((row, b) =>
    row.forEach((id, t) => {
      if (!Number.isInteger(id) || id < 0 || id >= vocabSize) {
        throw new AtencionError(`${where}: ids[${b}][${t}] = ${id} debe ser un entero entre 0 y ${vocabSize - 1}.`);
      }
      if (special.has(id) || !rng.bernoulli(maskProb)) return;
      labels[b][t] = id;
      const r = rng.next();
      if (r < 0.8) inputs[b][t] = maskId; // 80 %: [MASK]
      else if (r < 0.9) inputs[b][t] = rng.choice(ordinary); // 10 %: a random ordinary token
      // else 10 %: unchanged
    }),
  );
  if (!(ids instanceof tf.Tensor)) return { inputs, labels };
  return { inputs: tf.tensor2d(inputs, ids.shape as [number, number], "int32"), labels: tf.tensor2d(labels, ids.shape as [number, number], "int32") };
}
