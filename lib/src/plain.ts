/**
 * Plain arrays from tensors or nested arrays, with shape checks (used by the pictures and by PCA).
 * Reading a tensor with `arraySync` creates no tensor, so nothing leaks.
 */
import * as tf from "@tensorflow/tfjs";
import { AtencionError, checkShape, describe, formatShape } from "./errors";

/** A vector given as a tensor or an array. */
export type VectorLike = tf.Tensor | readonly number[];
/** A matrix given as a tensor or nested arrays. */
export type MatrixLike = tf.Tensor | readonly (readonly number[])[];
type Rows = readonly (readonly number[])[];
/** A stack of matrices, `[H, R, C]` or `[B, H, R, C]` (attention weights), as a tensor or nested arrays. */
export type StackLike = tf.Tensor | readonly Rows[] | readonly (readonly Rows[])[];

/** The shape of a rectangular nested array; throws when the rows differ in length. */
export function nestedShape(where: string, name: string, value: unknown): number[] {
  if (!Array.isArray(value)) return [];
  const inner = value.map((v) => nestedShape(where, name, v));
  if (inner.length === 0) return [0];
  const first = inner[0];
  for (const s of inner) {
    if (s.length !== first.length || s.some((d, i) => d !== first[i])) {
      throw new AtencionError(
        `${where}: '${name}' debe ser rectangular, pero tiene partes de formas ${formatShape(first)} y ${formatShape(s)}.`,
      );
    }
  }
  return [value.length, ...first];
}

function checkFinite(where: string, name: string, values: readonly number[]): void {
  const bad = values.findIndex((v) => typeof v !== "number" || !Number.isFinite(v));
  if (bad >= 0) throw new AtencionError(`${where}: '${name}' debe contener números finitos, y en la posición ${bad} hay ${describe(values[bad])}.`);
}

function read(where: string, name: string, value: unknown, rank: number, dims: string): { shape: number[]; data: unknown } {
  if (value instanceof tf.Tensor) {
    checkShape(where, name, value, new Array<null>(rank).fill(null), dims);
    return { shape: value.shape, data: value.arraySync() };
  }
  if (!Array.isArray(value)) {
    throw new AtencionError(`${where}: '${name}' debe ser un tensor o una lista con forma ${dims}, y recibí ${describe(value)}.`);
  }
  const shape = nestedShape(where, name, value);
  checkShape(where, name, { shape }, new Array<null>(rank).fill(null), dims);
  return { shape, data: value };
}

/** A vector as `number[]`. */
export function toVector(where: string, name: string, value: VectorLike, dims = "[N]"): number[] {
  const v = (read(where, name, value, 1, dims).data as number[]).slice();
  checkFinite(where, name, v);
  return v;
}

/** A matrix as `number[][]`, of shape `[rows, cols]` when given (null: any). */
export function toMatrix(
  where: string,
  name: string,
  value: MatrixLike,
  dims = "[filas, columnas]",
  expected: readonly (number | null)[] = [null, null],
): number[][] {
  const { shape, data } = read(where, name, value, 2, dims);
  checkShape(where, name, { shape }, expected, dims);
  const m = (data as number[][]).map((row) => row.slice());
  checkFinite(where, name, m.flat());
  return m;
}

/**
 * A stack of matrices as `number[][][]`: a tensor or array `[H, R, C]`, or `[B, H, R, C]` of which
 * the item `batchIndex` is taken (attention weights have shape `[B, H, Tq, Tk]`).
 */
export function toStack(where: string, name: string, value: StackLike, batchIndex = 0, dims = "[B, H, Tq, Tk] o [H, Tq, Tk]"): number[][][] {
  const shape = value instanceof tf.Tensor ? value.shape : nestedShape(where, name, value);
  if (shape.length !== 3 && shape.length !== 4) {
    throw new AtencionError(`${where}: '${name}' debe tener forma ${dims}, pero tiene forma ${formatShape(shape)}.`);
  }
  const data = (value instanceof tf.Tensor ? value.arraySync() : value) as number[][][] | number[][][][];
  let stack: number[][][];
  if (shape.length === 4) {
    if (!Number.isInteger(batchIndex) || batchIndex < 0 || batchIndex >= shape[0]) {
      throw new AtencionError(`${where}: 'batchIndex' debe ser un entero entre 0 y ${shape[0] - 1} (B = ${shape[0]}), y es ${batchIndex}.`);
    }
    stack = (data as number[][][][])[batchIndex];
  } else {
    stack = data as number[][][];
  }
  const out = stack.map((m) => m.map((row) => row.slice()));
  checkFinite(where, name, out.flat(2));
  return out;
}

/** Attention weights come after the softmax: each lies in [0, 1]; scores before it do not (lesson 03). */
export function checkAttentionWeights(where: string, name: string, z: number[][]): void {
  z.forEach((row, i) =>
    row.forEach((w, j) => {
      if (w < -1e-6 || w > 1 + 1e-6) {
        throw new AtencionError(
          `${where}: '${name}' deben ser pesos de atención, entre 0 y 1 (después de la softmax), pero en la fila ${i}, columna ${j} hay ${w}. ¿Pasaste las puntuaciones en lugar de los pesos?`,
        );
      }
    }),
  );
}
