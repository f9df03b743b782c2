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
