import { before, test } from "node:test";
import assert from "node:assert/strict";
import { tf, ready } from "./backend";
import { assertClose, assertNoLeak } from "./testing";

before(ready);

test("gather por filas: las filas pedidas, con la forma de los índices delante, y error fuera de rango", () => {
  const table = tf.tensor2d([[0, 1], [10, 11], [20, 21]]); // [3, 2]
  const ids = tf.tensor2d([[2, 0], [1, 2]], [2, 2], "int32"); // [2, 2]
  const out = assertNoLeak(() => tf.gather(table, ids), 1);
  assert.deepEqual(out.shape, [2, 2, 2]);
  assert.deepEqual(out.arraySync(), [[[20, 21], [0, 1]], [[10, 11], [20, 21]]]);
  // A vector gathers numbers; int32 tables stay int32.
  const ints = tf.tensor1d([5, 6, 7], "int32");
  const picked = tf.gather(ints, tf.tensor1d([2, 2, 0], "int32"));
  assert.equal(picked.dtype, "int32");
  assert.deepEqual(Array.from(picked.dataSync()), [7, 7, 5]);
  // Another axis (not the fast path) still gives the right columns.
  const cols = tf.gather(table, tf.tensor1d([1], "int32"), 1);
  assert.deepEqual(cols.arraySync(), [[1], [11], [21]]);
  assert.throws(() => tf.gather(table, tf.tensor1d([3], "int32")), /3/);
  tf.dispose([table, ids, out, ints, picked, cols]);
});

test("gather por filas: correcto también cuando reservar la salida hace crecer la memoria de wasm", () => {
  // Growing the wasm memory detaches every view of it taken before: the indices must be read after
  // the output is allocated (a bug once: the first gather that grew the heap returned garbage).
  const backend = tf.backend() as tf.KernelBackend & { wasm?: { HEAP8: Int8Array } };
  const heapBytes = backend.wasm?.HEAP8.length ?? 16 * 2 ** 20;
  const rowSize = 4096;
  const count = Math.ceil((heapBytes + 2 ** 24) / (4 * rowSize)); // an output larger than the whole heap
  const table = tf.tidy(() => tf.range(0, 3).reshape([3, 1]).tile([1, rowSize])); // row r is all r
  const ids = tf.tensor1d(Array.from({ length: count }, (_, i) => (i % 3 === 2 ? 2 : i % 3)), "int32");
  const out = assertNoLeak(() => tf.gather(table, ids), 1);
  if (backend.wasm !== undefined) assert.ok(backend.wasm.HEAP8.length > heapBytes, "the heap grew");
  const firstColumn = tf.tidy(() => out.slice([0, 0], [-1, 1]).reshape([-1]).dataSync());
  const expected = Array.from({ length: count }, (_, i) => i % 3);
  assert.deepEqual(Array.from(firstColumn), expected);
  const rowSums = tf.tidy(() => out.sum(1).dataSync());
  assert.ok(Array.from(rowSums).every((v, i) => v === expected[i] * rowSize), "every element of every row");
  tf.dispose([table, ids, out]);
});

test("gather por filas: el gradiente suma las filas repetidas (UnsortedSegmentSum)", () => {
  const table = tf.tensor2d([[1, 2], [3, 4], [5, 6]]);
  const ids = tf.tensor1d([2, 0, 2], "int32");
  const grad = assertNoLeak(() => tf.grad((t: tf.Tensor) => tf.gather(t, ids).mul(tf.tensor2d([[1, 1], [2, 2], [3, 3]])).sum())(table), 1);
  assertClose(grad, [[2, 2], [0, 0], [4, 4]], 0); // row 2 gets 1 + 3, row 0 gets 2
  tf.dispose([table, ids, grad]);
});

test("clone comparte los datos pero no la vida: liberar el original no toca la copia", () => {
  const x = tf.tensor2d([[1, 2], [3, 4]]);
  const before = tf.memory().numTensors;
  const y = tf.clone(x);
  assert.equal(tf.memory().numTensors, before + 1);
  x.dispose();
  assert.deepEqual(y.arraySync(), [[1, 2], [3, 4]]);
  const z = y.add(1); // a kernel on the shared data writes a new tensor
  assert.deepEqual(z.arraySync(), [[2, 3], [4, 5]]);
  assert.deepEqual(y.arraySync(), [[1, 2], [3, 4]]);
  tf.dispose([y, z]);
  assert.equal(tf.memory().numTensors, before - 1);
});
