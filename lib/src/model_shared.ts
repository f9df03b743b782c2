/**
 * What the models share (lessons 08–11): the configuration fields common to all of them, batches of
 * token ids `[B, T]` and their checks, the `kind` of a configuration, and the model-width /
 * head-count rule. Messages are in Spanish and name the model, the argument, the expected shape
 * and the shape received.
 */
import { tf } from "./backend";
import { checkIds } from "./embedding";
import { AtencionError, checkInt, describe, formatShape } from "./errors";
import { checkTensorRank } from "./shape_checks";

/**
 * Configuration fields every model has (lessons 08–11). Each model's configuration documents its
 * own defaults.
 */
export interface ModelSizeConfig {
  /** Model width D. */
  dModel?: number;
  /** Attention heads H; must divide D (each head has D / H dimensions). */
  numHeads?: number;
  /** Hidden width of the feed-forward blocks (default `4 · dModel`). */
  dFF?: number;
  /** Dropout on embeddings, attention weights and residual branches while training (default `0.1`). */
  dropout?: number;
  /** LayerNorm epsilon. */
  layerNormEps?: number;
  /** Seed of every initialisation and dropout mask (default `COURSE_SEED`). */
  seed?: number;
}

/** A batch of token ids `[B, T]`: an int32 (or integer-valued) tensor, or rows of ids of equal length (lesson 08). */
export type IdBatch = tf.Tensor | readonly (readonly number[])[];

/** The ids as a `[B, T]` tensor: the caller's own tensor, or a new int32 one built from rows. */
function toTensor(where: string, name: string, ids: IdBatch): tf.Tensor {
  if (ids instanceof tf.Tensor) return ids;
  const rows = ids as readonly (readonly number[])[];
  if (!Array.isArray(rows) || rows.length === 0 || !rows.every((row) => Array.isArray(row))) {
    throw new AtencionError(`${where}: '${name}' debe ser un tensor [B, T] o una lista no vacía de listas de ids, y es ${describe(ids)}.`);
  }
  const width = rows[0].length;
  rows.forEach((row, i) => {
    if (row.length !== width) {
      throw new AtencionError(
        `${where}: todas las filas de '${name}' deben tener ${width} ids (como la fila 0), pero la fila ${i} tiene ${row.length}; rellena con padSequences.`,
      );
    }
  });
  if (width === 0) throw new AtencionError(`${where}: '${name}' debe tener al menos un id por fila, y tiene forma [${rows.length}, 0].`);
  const values = new Float32Array(rows.length * width);
  rows.forEach((row, i) => values.set(row, i * width));
  return tf.tensor2d(values, [rows.length, width], "float32");
}

/**
 * (lesson 08) Checks a batch of ids (rank 2, every id an integer in [0, vocabSize)) and runs `fn` on it as a
 * `[B, T]` tensor; a tensor built here from arrays is freed afterwards.
 */
export function withIdBatch<T>(where: string, name: string, ids: IdBatch, vocabSize: number, fn: (ids: tf.Tensor2D) => T): T {
  const t = toTensor(where, name, ids);
  try {
    checkTensorRank(where, name, t, 2, "[B, T]");
    if (t.shape[1] === 0) throw new AtencionError(`${where}: '${name}' debe tener al menos un id por fila, y tiene forma ${formatShape(t.shape)}.`);
    checkIds(where, name, t, vocabSize);
    return fn(t as tf.Tensor2D);
  } finally {
    if (t !== ids) t.dispose();
  }
}

/** The rows of a batch of ids as plain arrays, for generation loops (lesson 10). */
export function idRows(where: string, name: string, ids: IdBatch, vocabSize: number): number[][] {
  return withIdBatch(where, name, ids, vocabSize, (t) => (t.arraySync() as number[][]).map((row) => row.map((id) => Math.round(id))));
}

/** Throws unless `config.kind` is absent or one of `allowed`, e.g. a BERT preset given to `Gpt` (lesson 11). */
export function checkKind(where: string, kind: unknown, allowed: readonly string[]): void {
  if (kind !== undefined && !allowed.includes(kind as string)) {
    throw new AtencionError(
      `${where}: esta configuración es de un modelo ${describe(kind)}; aquí se espera ${allowed.map((k) => `"${k}"`).join(" o ")} (o ningún 'kind').`,
    );
  }
}

/** Throws unless `dModel` is a positive integer divisible by `numHeads` (lesson 05: each head gets D / H dimensions). */
export function checkWidthAndHeads(where: string, dModel: unknown, numHeads: unknown): void {
  checkInt(where, "dModel", dModel);
  checkInt(where, "numHeads", numHeads);
  if ((dModel as number) % (numHeads as number) !== 0) {
    throw new AtencionError(
      `${where}: dModel = ${dModel} debe ser divisible por numHeads = ${numHeads} (cada cabeza tiene dModel / numHeads dimensiones).`,
    );
  }
}
