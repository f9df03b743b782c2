import { before, test } from "node:test";
import assert from "node:assert/strict";
import { tf, ready } from "./backend";
import { Rng } from "./random";
import { applyTemperature, sampleFromLogits, topKFilter, topPFilter } from "./sampling";
import { assertClose, assertNoLeak } from "./testing";

before(ready);

/** The tensor's values as nested arrays (the tensor is freed). */
const values = (t: tf.Tensor): number[][] => {
  const out = t.arraySync() as number[][];
  t.dispose();
  return out;
};

test("temperatura: logits / T", () => {
  const logits = tf.tensor2d([[1, 2, 3], [-2, 0, 4]]);
  assertClose(values(assertNoLeak(() => applyTemperature(logits, 2), 1)), [[0.5, 1, 1.5], [-1, 0, 2]], 1e-7);
  assertClose(values(applyTemperature(logits, 0.5)), [[2, 4, 6], [-4, 0, 8]], 1e-7);
  assert.throws(() => applyTemperature(logits, 0), /'temperature' debe ser mayor que 0/);
  assert.throws(() => applyTemperature(logits, -1), /'temperature' debe ser un número entre 0 y Infinity/);
  const cube = tf.zeros([1, 1, 3]);
  assert.throws(() => applyTemperature(cube as tf.Tensor2D, 1), /applyTemperature: 'logits' debe tener forma \[V\] o \[B, V\]/);
  tf.dispose([logits, cube]);
});

test("top-k: deja los k mayores por fila (con empates) y pone −∞ al resto", () => {
  const logits = tf.tensor2d([[1, 3, 2, 3], [5, 4, 0, -1]]);
  const NEG = -Infinity;
  assert.deepEqual(values(assertNoLeak(() => topKFilter(logits, 2), 1)), [[NEG, 3, NEG, 3], [5, 4, NEG, NEG]]);
  assert.deepEqual(values(topKFilter(logits, 1)), [[NEG, 3, NEG, 3], [5, NEG, NEG, NEG]], "empates con el k-ésimo se quedan");
  assert.deepEqual(values(topKFilter(logits, 9)), [[1, 3, 2, 3], [5, 4, 0, -1]]);
  const row = tf.tensor1d([0.1, 0.7, 0.2]);
  assert.deepEqual(values(topKFilter(row, 2)), [NEG, 0.699999988079071, 0.20000000298023224]);
  assert.throws(() => topKFilter(logits, 0), /'k' debe ser un entero ≥ 1/);
  tf.dispose([logits, row]);
});

test("top-p: el núcleo mínimo cuya probabilidad suma al menos p, en cualquier orden", () => {
  // probabilities 0.15, 0.5, 0.05, 0.3 (sorted: 0.5, 0.3, 0.15, 0.05; accumulated before each: 0, 0.5, 0.8, 0.95)
  const logits = tf.tensor1d([0.15, 0.5, 0.05, 0.3].map(Math.log));
  const kept = (p: number) => (values(topPFilter(logits, p)) as unknown as number[]).map((x) => x !== -Infinity);
  assert.deepEqual(kept(0.45), [false, true, false, false], "el más probable siempre");
  assert.deepEqual(kept(0.7), [false, true, false, true]);
  assert.deepEqual(kept(0.9), [true, true, false, true]);
  assert.deepEqual(kept(1), [true, true, true, true]);
  // row 0 uniform: 3 tokens reach 0.7, and the 4th ties with the 3rd, so it stays; row 1: 0.87 on the first
  const batch = tf.tensor2d([[0, 0, 0, 0], [3, 0, 0, 0], [1, 2, 3, 4]]);
  const kept2d = values(assertNoLeak(() => topPFilter(batch, 0.7), 1)).map((r) => r.filter((x) => x !== -Infinity).length);
  assert.deepEqual(kept2d, [4, 1, 2], "cada fila por su cuenta"); // row 2: softmax 0.64, 0.24, …
  assert.throws(() => topPFilter(logits, 0), /'p' debe ser mayor que 0/);
  assert.throws(() => topPFilter(logits, 1.2), /'p' debe ser un número entre 0 y 1/);
  tf.dispose([logits, batch]);
});

test("muestreo sembrado: frecuencias de softmax, nunca un token filtrado, misma semilla mismos tokens", () => {
  const probs = [0.5, 0.3, 0.2, 0];
  const logits = tf.tensor1d(probs.map(Math.log)); // log 0 = −∞
  const rng = new Rng(42);
  const counts = [0, 0, 0, 0];
  const draws = assertNoLeak(() => Array.from({ length: 20000 }, () => sampleFromLogits(logits, rng)));
  draws.forEach((id) => counts[id]++);
  counts.forEach((c, i) => assert.ok(Math.abs(c / 20000 - probs[i]) < 0.012, `token ${i}: ${c / 20000} frente a ${probs[i]}`));
  assert.equal(counts[3], 0);
  const batch = tf.tensor2d([[0, 0, 0], [0, 10, 0]]);
  const a = sampleFromLogits(batch, new Rng(1));
  assert.equal(a.length, 2);
  assert.deepEqual(sampleFromLogits(batch, new Rng(1)), a);
  const dead = tf.tensor1d([-Infinity, -Infinity]);
  assert.throws(() => sampleFromLogits(dead, new Rng(1)), /sampleFromLogits: la fila 0 de 'logits' no da probabilidades válidas/);
  assert.throws(() => sampleFromLogits(batch, 3 as never), /'rng' debe ser un Rng/);
  tf.dispose([logits, batch, dead]);
});
