import { before, test } from "node:test";
import assert from "node:assert/strict";
import { tf, ready } from "./backend";
import { Linear } from "./linear";
import { assertClose, assertNoLeak } from "./testing";

before(ready);

test("Linear calcula x·Wᵀ + b (a mano) sobre cualquier dimensión inicial", () => {
  const lin = new Linear({ inFeatures: 3, outFeatures: 2 });
  const w = tf.tensor2d([[1, 0, -1], [2, 1, 0]]);
  const b = tf.tensor1d([0.5, -1]);
  lin.loadStateDict({ weight: w, bias: b });
  const x = tf.tensor3d([[[1, 2, 3]], [[0, -1, 4]]]); // [2, 1, 3]
  const y = assertNoLeak(() => lin.forward(x), 1);
  // [1,2,3]: 1−3+0.5 = −1.5, 2+2−1 = 3 ; [0,−1,4]: −4+0.5 = −3.5, −1−1 = −2
  assertClose(y, [[[-1.5, 3]], [[-3.5, -2]]]);
  assertClose(lin.forward(tf.tensor1d([1, 2, 3])), [-1.5, 3]);
  tf.dispose([w, b, x, y]);
  lin.dispose();
});

test("Linear: nombres y formas de PyTorch, inicio U(−1/√in, 1/√in), semillas reproducibles", () => {
  const a = new Linear({ inFeatures: 16, outFeatures: 4, seed: 7 });
  const b = new Linear({ inFeatures: 16, outFeatures: 4, seed: 7 });
  const c = new Linear({ inFeatures: 16, outFeatures: 4, seed: 8 });
  const sd = a.stateDict();
  assert.deepEqual(Object.keys(sd), ["weight", "bias"]);
  assert.deepEqual(sd.weight.shape, [4, 16]);
  assert.deepEqual(sd.bias.shape, [4]);
  const w = Array.from(sd.weight.dataSync());
  assert.ok(w.every((v) => Math.abs(v) <= 0.25));
  assert.ok(Math.max(...w.map(Math.abs)) > 0.15, "los pesos deben ocupar el intervalo");
  assert.deepEqual(w, Array.from(b.stateDict().weight.dataSync()));
  assert.notDeepEqual(w, Array.from(c.stateDict().weight.dataSync()));
  const noBias = new Linear({ inFeatures: 2, outFeatures: 2, bias: false });
  assert.deepEqual(Object.keys(noBias.stateDict()), ["weight"]);
  [a, b, c, noBias].forEach((m) => m.dispose());
});

test("Linear: errores en español para entradas malas", () => {
  const lin = new Linear({ inFeatures: 3, outFeatures: 2 });
  const x = tf.zeros([2, 4]);
  assert.throws(() => lin.forward(x), /Linear: 'x' debe tener forma \[\.\.\., in=3\], pero tiene forma \[2, 4\]/);
  assert.throws(() => lin.forward(tf.scalar(1)), /debe tener forma \[\.\.\., in=3\]/);
  assert.throws(() => lin.forward([1, 2, 3] as unknown as tf.Tensor), /'x' debe ser un tensor/);
  assert.throws(() => new Linear({ inFeatures: 0, outFeatures: 2 }), /'inFeatures' debe ser un entero ≥ 1/);
  x.dispose();
  lin.dispose();
});

test("Linear: el gradiente llega a weight y bias sin fugas", () => {
  const lin = new Linear({ inFeatures: 3, outFeatures: 2 });
  const x = tf.tensor2d([[1, 2, 3]]);
  assertNoLeak(() => {
    const { value, grads } = tf.variableGrads(() => lin.forward(x).sum() as tf.Scalar);
    // d/dW sum(xWᵀ + b) = x en cada fila; d/db = 1
    assertClose(grads[lin.weight.name], [[1, 2, 3], [1, 2, 3]]);
    assertClose(grads[lin.bias!.name], [1, 1]);
    tf.dispose([value, ...Object.values(grads)]);
  });
  x.dispose();
  lin.dispose();
});
