import { before, test } from "node:test";
import assert from "node:assert/strict";
import { tf, ready } from "./backend";
import { assertNoLeak } from "./testing";
import { batches, idsToTensor, lengthsToMask, padBatch, padSequences } from "./batching";

before(ready);

test("padSequences rellena a la derecha o a la izquierda y devuelve las longitudes reales", () => {
  assert.deepEqual(padSequences([[5, 6, 7], [8], []], 0), { ids: [[5, 6, 7], [8, 0, 0], [0, 0, 0]], lengths: [3, 1, 0] });
  assert.deepEqual(padSequences([[5, 6, 7], [8]], 1, { side: "left", maxLen: 4 }), { ids: [[1, 5, 6, 7], [1, 1, 1, 8]], lengths: [3, 1] });
  assert.deepEqual(padSequences([], 0), { ids: [], lengths: [] });
});

test("padSequences corta por el lado del relleno con truncate, y sin él da un error claro", () => {
  const seqs = [[1, 2, 3, 4], [5]];
  assert.deepEqual(padSequences(seqs, 0, { maxLen: 2, truncate: true }), { ids: [[1, 2], [5, 0]], lengths: [2, 1] });
  assert.deepEqual(padSequences(seqs, 0, { maxLen: 2, truncate: true, side: "left" }), { ids: [[3, 4], [0, 5]], lengths: [2, 1] });
  assert.throws(() => padSequences(seqs, 0, { maxLen: 2 }), /la secuencia 0 tiene 4 ids, más que maxLen = 2; usa truncate: true/);
  assert.throws(() => padSequences(seqs, 0, { side: "center" as "left" }), /'side' debe ser uno de "right", "left"/);
  assert.throws(() => padSequences(seqs, -1), /'padId' debe ser un entero ≥ 0/);
  assert.throws(() => padSequences([1, 2] as unknown as number[][], 0), /'seqs' debe ser una lista de listas/);
});

test("lengthsToMask: 1 en los tokens reales y 0 en el relleno, de cada lado y en cada dtype", () => {
  const right = assertNoLeak(() => lengthsToMask([3, 1, 0], 3), 1);
  assert.deepEqual(right.arraySync(), [[1, 1, 1], [1, 0, 0], [0, 0, 0]]);
  assert.equal(right.dtype, "float32");
  const left = lengthsToMask([3, 1], 4, { side: "left", dtype: "bool" });
  assert.equal(left.dtype, "bool");
  assert.deepEqual(left.arraySync(), [[0, 1, 1, 1], [0, 0, 0, 1]]);
  assert.throws(() => lengthsToMask([5], 4), /'lengths\[0\]' debe ser un entero entre 0 y 4, y es 5/);
  tf.dispose([right, left]);
});

test("idsToTensor y padBatch dan tensores int32 [B, T] y la máscara de relleno", () => {
  const batch = assertNoLeak(() => padBatch([[4, 5], [6, 7, 8]], 0, { side: "left" }), 2);
  assert.equal(batch.ids.dtype, "int32");
  assert.deepEqual(batch.ids.arraySync(), [[0, 4, 5], [6, 7, 8]]);
  assert.deepEqual(batch.mask.arraySync(), [[0, 1, 1], [1, 1, 1]]);
  assert.deepEqual(batch.lengths, [2, 3]);
  assert.throws(() => idsToTensor([[1, 2], [3]]), /la fila 1 tiene 1; usa padSequences/);
  assert.throws(() => idsToTensor([[1, 2.5]]), /ids\[0\]\[1\] es 2.5/);
  tf.dispose([batch.ids, batch.mask]);
});

test("batches: tamaños, dropLast, y la misma semilla da el mismo orden", () => {
  const items = Array.from({ length: 10 }, (_, i) => i);
  assert.deepEqual(batches(items, 4), [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]);
  assert.deepEqual(batches(items, 4, { dropLast: true }), [[0, 1, 2, 3], [4, 5, 6, 7]]);
  const a = batches(items, 3, { shuffle: true, seed: 7 });
  assert.deepEqual(a, batches(items, 3, { shuffle: true, seed: 7 }));
  assert.notDeepEqual(a, batches(items, 3, { shuffle: true, seed: 8 }));
  assert.deepEqual(a.flat().sort((x, y) => x - y), items, "cada elemento una vez");
  assert.deepEqual(items, Array.from({ length: 10 }, (_, i) => i), "no cambia la lista original");
  assert.throws(() => batches(items, 0), /'batchSize' debe ser un entero ≥ 1, y es 0/);
});
