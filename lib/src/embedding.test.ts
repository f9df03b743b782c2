import { before, test } from "node:test";
import assert from "node:assert/strict";
import { tf, ready } from "./backend";
import { Embedding, LearnedPositionalEmbedding, sinusoidalPositionalEncoding } from "./embedding";
import { assertClose, assertNoLeak } from "./testing";

before(ready);

test("Embedding busca filas por id, con cualquier forma de ids", () => {
  const emb = new Embedding({ numEmbeddings: 4, dim: 2 });
  const w = tf.tensor2d([[0, 1], [2, 3], [4, 5], [6, 7]]);
  emb.loadStateDict({ weight: w });
  const ids = tf.tensor2d([[3, 0], [1, 1]], undefined, "int32");
  const out = assertNoLeak(() => emb.forward(ids), 1);
  assertClose(out, [[[6, 7], [0, 1]], [[2, 3], [2, 3]]]);
  const fromArray = assertNoLeak(() => emb.forward([2, 0]), 1);
  assertClose(fromArray, [[4, 5], [0, 1]]);
  tf.dispose([w, ids, out, fromArray]);
  emb.dispose();
});

test("Embedding: inicio N(0, 1) reproducible; paddingIdx da cero y sin gradiente", () => {
  const a = new Embedding({ numEmbeddings: 50, dim: 40, seed: 5 });
  const v = Array.from(a.weight.dataSync());
  const mean = v.reduce((s, x) => s + x, 0) / v.length;
  const std = Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / v.length);
  assert.ok(Math.abs(mean) < 0.05 && Math.abs(std - 1) < 0.05, `media ${mean}, desviación ${std}`);
  const b = new Embedding({ numEmbeddings: 50, dim: 40, seed: 5 });
  assert.deepEqual(Array.from(b.weight.dataSync()), v);
  const p = new Embedding({ numEmbeddings: 5, dim: 3, paddingIdx: 0, seed: 1 });
  assertClose(tf.slice(p.weight, [0, 0], [1, 3]), [[0, 0, 0]]);
  const ids = tf.tensor1d([0, 2, 0], "int32");
  assertNoLeak(() => {
    const { value, grads } = tf.variableGrads(() => p.forward(ids).sum() as tf.Scalar);
    assertClose(grads[p.weight.name], [[0, 0, 0], [0, 0, 0], [1, 1, 1], [0, 0, 0], [0, 0, 0]]);
    tf.dispose([value, ...Object.values(grads)]);
  });
  tf.dispose(ids);
  [a, b, p].forEach((m) => m.dispose());
});

test("Embedding: ids fuera del vocabulario o no enteros dan error con el id y el tamaño", () => {
  const emb = new Embedding({ numEmbeddings: 10, dim: 2 });
  assert.throws(() => emb.forward([[1, 2], [10, 3]]), /Embedding: el id 10 \(posición 2 de 'ids', forma \[2, 2\]\) está fuera del vocabulario: los ids deben ser enteros entre 0 y 9 \(tamaño del vocabulario 10\)/);
  assert.throws(() => emb.forward([-1]), /el id -1 .* fuera del vocabulario/);
  const frac = tf.tensor1d([1.5]);
  assert.throws(() => emb.forward(frac), /el id 1.5 .* no es un entero/);
  assertNoLeak(() => assert.throws(() => emb.forward([10])));
  assert.throws(() => new Embedding({ numEmbeddings: 4, dim: 2, paddingIdx: 4 }), /'paddingIdx' debe ser un entero entre 0 y 3/);
  frac.dispose();
  emb.dispose();
});

test("LearnedPositionalEmbedding devuelve las filas offset…offset+T−1", () => {
  const pos = new LearnedPositionalEmbedding({ maxLen: 4, dim: 2 });
  const w = tf.tensor2d([[0, 0], [1, 1], [2, 2], [3, 3]]);
  pos.loadStateDict({ weight: w });
  assertClose(assertNoLeak(() => pos.forward(2, 1), 1), [[1, 1], [2, 2]]);
  assertClose(pos.forward(4), w);
  assert.throws(() => pos.forward(2, 3), /las posiciones 3…4 no caben: maxLen = 4/);
  assert.throws(() => pos.forward(0), /'length' debe ser un entero ≥ 1/);
  w.dispose();
  pos.dispose();
});

test("sinusoidalPositionalEncoding: valores a mano en varias posiciones", () => {
  const pe = assertNoLeak(() => sinusoidalPositionalEncoding(50, 6), 1);
  assert.deepEqual(pe.shape, [50, 6]);
  const v = pe.arraySync();
  // p = 0: sin 0 = 0, cos 0 = 1, alternando
  assertClose(v[0], [0, 1, 0, 1, 0, 1]);
  // p = 1: i = 0 → 1/10000^0 = 1; i = 1 → 1/10000^(2/6) = 1/21.5443; i = 2 → 1/10000^(4/6) = 1/464.159
  assertClose(v[1], [Math.sin(1), Math.cos(1), Math.sin(1 / 21.544347), Math.cos(1 / 21.544347), Math.sin(1 / 464.15888), Math.cos(1 / 464.15888)], 1e-6);
  // p = 49, columnas 0 y 1: sin 49 = −0.9537527, cos 49 = 0.3005925
  assertClose([v[49][0], v[49][1]], [-0.9537527, 0.3005925], 1e-6);
  const odd = sinusoidalPositionalEncoding(3, 3);
  assertClose(odd.arraySync()[2], [Math.sin(2), Math.cos(2), Math.sin(2 / Math.pow(10000, 2 / 3))], 1e-6);
  assert.throws(() => sinusoidalPositionalEncoding(0, 4), /'maxLen' debe ser un entero ≥ 1/);
  tf.dispose([pe, odd]);
});
