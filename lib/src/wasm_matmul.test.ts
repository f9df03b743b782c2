import { before, test } from "node:test";
import assert from "node:assert/strict";
import { tf, ready } from "./backend";
import { registerMissingKernels } from "./kernels";
import { assertClose, assertNoLeak } from "./testing";

before(ready);

/** a · b in double precision, for [m, k] · [k, n] given as nested arrays. */
const product = (a: number[][], b: number[][]) => a.map((row) => b[0].map((_, j) => row.reduce((s, x, k) => s + x * b[k][j], 0)));
const transpose = (a: number[][]) => a[0].map((_, j) => a.map((row) => row[j]));

test("matMul con y sin transposiciones da el producto calculado a mano", () => {
  registerMissingKernels(tf.getBackend()); // a second registration changes nothing
  const a = [[1, 2, 3], [4, 5, 6]]; // [2, 3]
  const b = [[1, 0], [-1, 2], [0.5, 3]]; // [3, 2]
  const expected = product(a, b); // [[0.5, 13], [2, 28]]
  assert.deepEqual(expected, [[0.5, 13], [2, 28]]);
  const [ta, tb, taT, tbT] = [tf.tensor2d(a), tf.tensor2d(b), tf.tensor2d(transpose(a)), tf.tensor2d(transpose(b))];
  for (const [x, y, transposeA, transposeB] of [[ta, tb, false, false], [taT, tb, true, false], [ta, tbT, false, true], [taT, tbT, true, true]] as const) {
    const out = assertNoLeak(() => tf.matMul(x, y, transposeA, transposeB), 1);
    assertClose(out, expected, 1e-6, 0, `transposeA=${transposeA}, transposeB=${transposeB}`);
    out.dispose();
  }
  tf.dispose([ta, tb, taT, tbT]);
});

test("por lotes (como q·kᵀ en la atención) y con gradientes iguales a los de la forma sin transponer", () => {
  const q = tf.randomNormal([2, 3, 4, 5], 0, 1, "float32", 1);
  const k = tf.randomNormal([2, 3, 6, 5], 0, 1, "float32", 2);
  const viaFlag = tf.matMul(q, k, false, true); // [2, 3, 4, 6]
  const explicit = tf.matMul(q, tf.transpose(k, [0, 1, 3, 2]));
  assert.deepEqual(viaFlag.shape, [2, 3, 4, 6]);
  assertClose(viaFlag, explicit, 1e-5);
  const loss = (a: tf.Tensor, b: tf.Tensor) => tf.matMul(a, b, false, true).square().sum() as tf.Scalar;
  const [gq, gk] = assertNoLeak(() => tf.grads(loss)([q, k]), 2);
  // d/dq Σ (q·kᵀ)² = 2 (q·kᵀ)·k ;  d/dk = 2 (q·kᵀ)ᵀ·q
  tf.tidy(() => {
    assertClose(gq, tf.matMul(explicit, k).mul(2), 1e-4);
    assertClose(gk, tf.matMul(tf.transpose(explicit, [0, 1, 3, 2]), q).mul(2), 1e-4);
  });
  tf.dispose([q, k, viaFlag, explicit, gq, gk]);
});

/** Every matrix of a batch multiplied in double precision; `a`/`b` as flat values of [batch|1, m, k] / [batch|1, k, n]. */
function batchedProduct(a: Float32Array, b: Float32Array, batch: number, m: number, k: number, n: number, sharedA: boolean, sharedB: boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i < batch; i++) {
    const ao = sharedA ? 0 : i * m * k;
    const bo = sharedB ? 0 : i * k * n;
    for (let r = 0; r < m; r++) for (let c = 0; c < n; c++) {
      let s = 0;
      for (let j = 0; j < k; j++) s += a[ao + r * k + j] * b[bo + j * n + c];
      out.push(s);
    }
  }
  return out;
}

test("por lotes: cada matriz del lote, también con un operando compartido por todo el lote", () => {
  // [a shape, b shape, output shape, a shared by the batch, b shared by the batch]: m = 16, k = 12,
  // n = 20 (3 840 multiply-adds per matrix: one XNNPACK product each), and a tiny m = 1 (the loop).
  const cases: [number[], number[], number[], boolean, boolean][] = [
    [[2, 3, 16, 12], [2, 3, 12, 20], [2, 3, 16, 20], false, false], // one product per (b, h), as attention
    [[2, 3, 16, 12], [1, 1, 12, 20], [2, 3, 16, 20], false, true], // b shared: the batch folds into the rows
    [[6, 16, 12], [12, 20], [6, 16, 20], false, true], // b of rank 2
    [[1, 16, 12], [3, 12, 20], [3, 16, 20], true, false], // a shared
    [[2, 3, 1, 12], [2, 3, 12, 20], [2, 3, 1, 20], false, false], // one query per head, as in decoding
  ];
  /** [..., m, n] → [..., n, m] */
  const swapLastTwo = (x: tf.Tensor) => tf.transpose(x, [...x.shape.keys()].map((i) => (i < x.rank - 2 ? i : 2 * x.rank - 3 - i)));
  for (const [aShape, bShape, outShape, sharedA, sharedB] of cases) {
    const what = `[${aShape}] · [${bShape}]`;
    const a = tf.randomNormal(aShape, 0, 1, "float32", 3);
    const b = tf.randomNormal(bShape, 0, 1, "float32", 4);
    const out = assertNoLeak(() => tf.matMul(a, b), 1);
    assert.deepEqual(out.shape, outShape, what);
    const batch = outShape.slice(0, -2).reduce((p, d) => p * d, 1);
    const [m, k, n] = [aShape[aShape.length - 2], 12, 20];
    const expected = batchedProduct(a.dataSync() as Float32Array, b.dataSync() as Float32Array, batch, m, k, n, sharedA, sharedB);
    assertClose(out.dataSync(), expected, 1e-5, 0, what);
    // Through both flags, on transposed copies: the same numbers.
    const [aT, bT] = [swapLastTwo(a), swapLastTwo(b)];
    const viaFlags = assertNoLeak(() => tf.matMul(aT, bT, true, true), 1);
    assertClose(viaFlags, out, 1e-5, 0, `${what} con transposeA y transposeB`);
    tf.dispose([a, b, aT, bT, out, viaFlags]);
  }
});

test("x · Wᵀ con un peso que cambia (como tras un paso del optimizador) usa siempre el valor actual, y liberar W libera todo", () => {
  const x = tf.tensor2d([[1, 1], [1, -1]]); // [2, 2]
  const w = tf.variable(tf.tensor2d([[1, 2], [3, 4], [5, 6]])); // [3, 2]
  const first = tf.matMul(x, w, false, true); // x · Wᵀ: [2, 3]
  assert.deepEqual(first.arraySync(), [[3, 7, 11], [-1, -1, -1]]);
  tf.tidy(() => w.assign(w.mul(-1)));
  const second = tf.matMul(x, w, false, true);
  assert.deepEqual(second.arraySync(), [[-3, -7, -11], [1, 1, 1]]);
  // The backend holds no more data after W is gone than before W existed.
  const dataBefore = tf.backend().numDataIds();
  const w2 = tf.tensor2d([[1, 0], [0, 1]]);
  tf.matMul(x, w2, false, true).dispose();
  tf.matMul(x, w2, false, true).dispose(); // the second product reuses Wᵀ
  w2.dispose();
  assert.equal(tf.backend().numDataIds(), dataBefore);
  tf.dispose([x, w, first, second]);
});
