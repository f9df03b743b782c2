import { before, test } from "node:test";
import assert from "node:assert/strict";
import { tf, ready } from "./backend";
import { Dropout } from "./dropout";
import { assertNoLeak } from "./testing";

before(ready);

test("Dropout invertido: ceros o x/(1−p), proporción cercana a p, media conservada", () => {
  const d = new Dropout({ p: 0.25, seed: 3 });
  const x = tf.ones([100, 100]);
  const y = assertNoLeak(() => d.forward(x), 1);
  const v = Array.from(y.dataSync());
  assert.ok(v.every((a) => a === 0 || Math.abs(a - 1 / 0.75) < 1e-6));
  const zeros = v.filter((a) => a === 0).length / v.length;
  assert.ok(Math.abs(zeros - 0.25) < 0.02, `proporción de ceros ${zeros}`);
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  assert.ok(Math.abs(mean - 1) < 0.03, `media ${mean}`);
  tf.dispose([x, y]);
});

test("Dropout: misma semilla, mismas máscaras; cada llamada una máscara nueva; eval es la identidad", () => {
  const x = tf.ones([4, 8]);
  const a = new Dropout({ p: 0.5, seed: 11 });
  const b = new Dropout({ p: 0.5, seed: 11 });
  const a1 = a.forward(x);
  const a2 = a.forward(x);
  const b1 = b.forward(x);
  assert.deepEqual(Array.from(a1.dataSync()), Array.from(b1.dataSync()));
  assert.notDeepEqual(Array.from(a1.dataSync()), Array.from(a2.dataSync()));
  a.eval();
  assert.equal(assertNoLeak(() => a.forward(x)), x);
  assert.equal(new Dropout({ p: 0 }).forward(x), x);
  tf.dispose([x, a1, a2, b1]);
});

test("Dropout: p fuera de [0, 1) da error en español", () => {
  assert.throws(() => new Dropout({ p: 1 }), /Dropout: 'p' debe ser un número entre 0 y/);
  assert.throws(() => new Dropout({ p: -0.1 }), /'p' debe ser un número/);
  assert.throws(() => new Dropout().forward(null as unknown as tf.Tensor), /'x' debe ser un tensor/);
});
