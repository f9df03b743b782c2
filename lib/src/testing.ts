/**
 * Helpers for the library's own tests (`*.test.ts`): closeness with a reported max error, and a
 * check that a function leaves `tf.memory().numTensors` as it found it.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { tf } from "./backend";

type Numeric = tf.Tensor | number | number[] | number[][] | number[][][] | number[][][][] | ArrayLike<number>;

function flat(x: Numeric): { values: number[]; shape: number[] | undefined } {
  if (typeof x === "number") return { values: [x], shape: [] };
  if (x instanceof tf.Tensor) return { values: Array.from(x.dataSync()), shape: x.shape };
  if (Array.isArray(x)) {
    const shape: number[] = [];
    let cur: unknown = x;
    while (Array.isArray(cur)) {
      shape.push(cur.length);
      cur = cur[0];
    }
    return { values: (x as unknown[]).flat(Infinity) as number[], shape };
  }
  return { values: Array.from(x as ArrayLike<number>), shape: undefined };
}

/** Max absolute difference between two numeric things of the same size. */
export function maxAbsDiff(actual: Numeric, expected: Numeric): number {
  const a = flat(actual).values;
  const e = flat(expected).values;
  assert.equal(a.length, e.length, `tamaños distintos: ${a.length} y ${e.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - e[i]);
    if (Number.isNaN(d)) return NaN;
    m = Math.max(m, d);
  }
  return m;
}

/** Asserts equal shapes (when both known) and max |actual − expected| ≤ atol + rtol·|expected|. */
export function assertClose(actual: Numeric, expected: Numeric, atol = 1e-5, rtol = 0, message = ""): void {
  const a = flat(actual);
  const e = flat(expected);
  if (a.shape !== undefined && e.shape !== undefined && a.shape.length > 0 && e.shape.length > 0) {
    assert.deepEqual(a.shape, e.shape, `${message} formas distintas`);
  }
  assert.equal(a.values.length, e.values.length, `${message} tamaños distintos`);
  let worst = 0;
  let at = -1;
  for (let i = 0; i < a.values.length; i++) {
    const excess = Math.abs(a.values[i] - e.values[i]) - (atol + rtol * Math.abs(e.values[i]));
    if (!(excess <= worst)) {
      worst = Number.isNaN(excess) ? Infinity : excess;
      at = i;
    }
  }
  assert.ok(
    at < 0,
    `${message} lejos en el índice ${at}: ${a.values[at]} frente a ${e.values[at]} (máx. error ${maxAbsDiff(a.values, e.values)})`,
  );
}

/** Runs `fn` and asserts that it leaves as many tensors as it found, except for what it returns. */
export function assertNoLeak<T>(fn: () => T, returned = 0, message = "fuga de tensores"): T {
  const before = tf.memory().numTensors;
  const out = fn();
  assert.equal(tf.memory().numTensors - before, returned, message);
  return out;
}

/** Async version of `assertNoLeak`. */
export async function assertNoLeakAsync<T>(fn: () => Promise<T>, returned = 0, message = "fuga de tensores"): Promise<T> {
  const before = tf.memory().numTensors;
  const out = await fn();
  assert.equal(tf.memory().numTensors - before, returned, message);
  return out;
}

/** Parses a JSON file of `lib/fixtures/` (reference numbers computed by a script from PyTorch). */
export function readFixture<T>(file: string): T {
  // The compiled tests run from lib/dist/; the fixtures lie beside it, in lib/fixtures/.
  return JSON.parse(readFileSync(path.join(__dirname, "..", "fixtures", file), "utf8")) as T;
}
