import { before, test } from "node:test";
import assert from "node:assert/strict";
import { tf, ready } from "./backend";
import { causalMask, paddingMask, scaledDotProductAttention } from "./attention";
import { KVCache } from "./kv_cache";
import { MultiHeadAttention, mergeHeads, splitHeads } from "./multihead";
import { assertClose, assertNoLeak } from "./testing";

before(ready);

const rand = (shape: number[], seed: number) => tf.randomNormal(shape, 0, 1, "float32", seed);
const disposeAll = (...rs: { output: tf.Tensor; weights: tf.Tensor }[]) => tf.dispose(rs.flatMap((r) => [r.output, r.weights]));

test("parámetros con los nombres y formas de PyTorch; sesgos a cero; semilla reproducible", () => {
  const mha = new MultiHeadAttention({ dModel: 8, numHeads: 2, seed: 3 });
  assert.deepEqual(
    Object.entries(mha.stateDict()).map(([k, v]) => `${k} ${v.shape}`),
    ["in_proj_weight 24,8", "in_proj_bias 24", "out_proj.weight 8,8", "out_proj.bias 8"],
  );
  assertClose(mha.in_proj_bias!, new Array(24).fill(0));
  assertClose(mha.out_proj.bias!, new Array(8).fill(0));
  const w = Array.from(mha.in_proj_weight.dataSync());
  assert.ok(w.every((x) => Math.abs(x) <= Math.sqrt(6 / 32)));
  const again = new MultiHeadAttention({ dModel: 8, numHeads: 2, seed: 3 });
  assert.deepEqual(Array.from(again.in_proj_weight.dataSync()), w);
  const noBias = new MultiHeadAttention({ dModel: 4, numHeads: 2, bias: false });
  assert.deepEqual(Object.keys(noBias.stateDict()), ["in_proj_weight", "out_proj.weight"]);
  [mha, again, noBias].forEach((m) => m.dispose());
});

test("splitHeads y mergeHeads: formas, valores y son inversas", () => {
  const x = tf.range(0, 12).reshape([1, 2, 6]); // [B=1, T=2, D=6]
  const s = assertNoLeak(() => splitHeads(x, 3), 1);
  assert.deepEqual(s.shape, [1, 3, 2, 2]);
  // cabeza 1 = columnas 2 y 3 de cada posición
  assert.deepEqual(s.arraySync()[0][1], [[2, 3], [8, 9]]);
  assertClose(mergeHeads(s), x);
  assert.throws(() => splitHeads(x, 4), /dModel = 6 debe ser divisible por numHeads = 4/);
  assert.throws(() => mergeHeads(x), /mergeHeads: 'x' debe tener forma \[B, H, T, dh\]/);
  tf.dispose([x, s]);
});

test("a mano: con proyecciones identidad y H = 2, cada cabeza atiende con su coordenada", () => {
  const mha = new MultiHeadAttention({ dModel: 2, numHeads: 2 });
  const eye = tf.eye(2);
  const rec = { in_proj_weight: tf.concat([eye, eye, eye]), in_proj_bias: tf.zeros([6]), "out_proj.weight": eye, "out_proj.bias": tf.zeros([2]) };
  mha.loadStateDict(rec);
  const x = tf.tensor3d([[[1, 0], [0, 2], [3, 1]]]); // [1, 3, 2]
  const { output, weights } = mha.forward(x, x, x);
  // cabeza h: atención de una dimensión (dh = 1, escala 1) sobre la columna h
  for (let h = 0; h < 2; h++) {
    const col = tf.slice(x, [0, 0, h], [1, 3, 1]);
    const ref = scaledDotProductAttention(col, col, col);
    assertClose(tf.slice(output, [0, 0, h], [1, 3, 1]), ref.output, 1e-6);
    assertClose(tf.slice(weights, [0, h, 0, 0], [1, 1, 3, 3]).reshape([1, 3, 3]), ref.weights, 1e-6);
    disposeAll(ref);
  }
  tf.dispose([eye, ...Object.values(rec), x, output, weights]);
  mha.dispose();
});

test("forward (en lote, Q/K/V fusionadas) es igual a forwardLoop (bucle sobre cabezas): autoatención y cruzada", () => {
  const mha = new MultiHeadAttention({ dModel: 12, numHeads: 3, seed: 9 });
  tf.tidy(() => mha.in_proj_bias!.assign(rand([36], 1))); // sesgos no nulos, para que cuenten
  const x = rand([2, 5, 12], 2);
  const mem = rand([2, 4, 12], 3);
  const val = rand([2, 4, 12], 4);
  const mask = causalMask(5);
  const kpm = paddingMask([5, 3]);
  const self = assertNoLeak(() => mha.forward(x, x, x, { mask, keyPaddingMask: kpm }), 2);
  const selfLoop = mha.forwardLoop(x, x, x, { mask, keyPaddingMask: kpm });
  assert.deepEqual(self.output.shape, [2, 5, 12]);
  assert.deepEqual(self.weights.shape, [2, 3, 5, 5]);
  assertClose(selfLoop.output, self.output, 1e-5);
  assertClose(selfLoop.weights, self.weights, 1e-6);
  // la fila 0 del lote 1 no ve las posiciones 3 y 4 (relleno)
  assert.deepEqual(Array.from(tf.slice(self.weights, [1, 0, 4, 3], [1, 3, 1, 2]).dataSync()), [0, 0, 0, 0, 0, 0]);
  const memKpm = paddingMask([4, 2]);
  const cross = mha.forward(x, mem, mem, { keyPaddingMask: memKpm });
  const crossLoop = mha.forwardLoop(x, mem, mem, { keyPaddingMask: memKpm });
  assert.deepEqual(cross.weights.shape, [2, 3, 5, 4]);
  assertClose(crossLoop.output, cross.output, 1e-5);
  const kv = mha.forward(x, mem, val, { mask: tf.ones([2, 5, 4]) });
  const kvLoop = mha.forwardLoop(x, mem, val);
  assertClose(kvLoop.output, kv.output, 1e-5);
  disposeAll(self, selfLoop, cross, crossLoop, kv, kvLoop);
  tf.dispose([x, mem, val, mask, kpm, memKpm]);
  mha.dispose();
});

test("caché KV: token a token da lo mismo que la pasada causal completa (autoatención)", () => {
  const mha = new MultiHeadAttention({ dModel: 8, numHeads: 2, seed: 4 });
  const x = rand([2, 6, 8], 5);
  const kpm = paddingMask([6, 4]);
  const mask = causalMask(6);
  const full = mha.forward(x, x, x, { mask, keyPaddingMask: kpm });
  const start = tf.memory().numTensors;
  const cache = new KVCache();
  // primero un trozo de 3 (máscara causal [3, 3]), luego de uno en uno (máscara [1, Tpast + 1])
  const outputs: tf.Tensor[] = [];
  let t = 0;
  for (const n of [3, 1, 1, 1]) {
    const chunk = tf.slice(x, [0, t, 0], [2, n, 8]);
    const keys = tf.slice(kpm, [0, 0], [2, t + n]);
    const m = causalMask(n, t + n);
    const r = mha.forward(chunk, chunk, chunk, { cache, mask: m, keyPaddingMask: keys });
    assert.deepEqual(r.weights.shape, [2, 2, n, t + n]);
    outputs.push(r.output);
    tf.dispose([chunk, keys, m, r.weights]);
    t += n;
    assert.equal(cache.length, t);
  }
  assert.deepEqual(cache.keys!.shape, [2, 2, 6, 4]);
  const stepped = tf.concat(outputs, 1);
  assertClose(stepped, full.output, 1e-5);
  tf.dispose([stepped, ...outputs]);
  cache.dispose();
  assert.equal(tf.memory().numTensors, start, "la caché libera lo suyo");
  tf.dispose([x, kpm, mask]);
  disposeAll(full);
  mha.dispose();
});

test("caché 'cross': la memoria se proyecta una vez y se reutiliza", () => {
  const mha = new MultiHeadAttention({ dModel: 8, numHeads: 4, seed: 6 });
  const x = rand([1, 3, 8], 7);
  const mem = rand([1, 5, 8], 8);
  const memKpm = paddingMask([4], 5);
  const full = mha.forward(x, mem, mem, { keyPaddingMask: memKpm });
  const cache = new KVCache("cross");
  const outs: tf.Tensor[] = [];
  for (let i = 0; i < 3; i++) {
    const xi = tf.slice(x, [0, i, 0], [1, 1, 8]);
    const r = mha.forward(xi, mem, mem, { cache, keyPaddingMask: memKpm });
    assert.equal(cache.length, 5);
    outs.push(r.output);
    tf.dispose([xi, r.weights]);
  }
  const cachedKeys = cache.keys;
  const stepped = tf.concat(outs, 1);
  assertClose(stepped, full.output, 1e-5);
  assert.equal(cache.keys, cachedKeys);
  assert.throws(() => mha.forward(x, mem, mem, { cache: new KVCache("self") }), /una caché 'self' solo sirve para autoatención/);
  assert.throws(() => cache.update(cache.keys!, cache.values!), /una caché 'cross' ya está llena/);
  tf.dispose([x, mem, memKpm, stepped, ...outs]);
  disposeAll(full);
  cache.dispose();
  mha.dispose();
});

test("errores en español: dModel no divisible, anchos, lotes y máscaras", () => {
  assert.throws(() => new MultiHeadAttention({ dModel: 10, numHeads: 3 }), /MultiHeadAttention: dModel = 10 debe ser divisible por numHeads = 3/);
  const mha = new MultiHeadAttention({ dModel: 4, numHeads: 2 });
  const x = tf.zeros([2, 3, 4]);
  const wide = tf.zeros([2, 3, 5]);
  assert.throws(() => mha.forward(wide, wide, wide), /'query' debe tener forma \[B, T, D\] con D \(dModel\) = 4, pero tiene forma \[2, 3, 5\]/);
  assert.throws(() => mha.forward(tf.zeros([3, 4]), x, x), /'query' debe tener forma \[B, Tq, D=4\], pero tiene forma \[3, 4\]/);
  assert.throws(() => mha.forward(x, tf.zeros([1, 3, 4]), x), /'key' debe tener forma \[B, T, D\] con B \(el lote de 'query'\) = 2/);
  assert.throws(() => mha.forward(x, x, tf.zeros([2, 2, 4])), /'value' debe tener forma \[B, Tk, D\] con Tk \(la longitud de 'key'\) = 3/);
  assert.throws(() => mha.forward(x, x, x, { mask: causalMask(4) }), /'mask' debe tener forma \[3, 3\], pero tiene forma \[4, 4\]/);
  assert.throws(() => mha.forward(x, x, x, { keyPaddingMask: paddingMask([3, 3, 3]) }), /'keyPaddingMask' debe tener forma \[2, 3\] \[B, Tk\], pero tiene forma \[3, 3\]/);
  tf.dispose([x, wide]);
  mha.dispose();
});

test("sin fugas en la pasada hacia delante ni en la de gradientes; el gradiente llega a todos los parámetros", () => {
  const mha = new MultiHeadAttention({ dModel: 8, numHeads: 2, dropout: 0.1, seed: 2 });
  const x = rand([2, 4, 8], 9);
  const mask = causalMask(4);
  assertNoLeak(() => {
    const { value, grads } = tf.variableGrads(() => mha.forward(x, x, x, { mask }).output.square().mean() as tf.Scalar);
    assert.deepEqual(Object.keys(grads).length, 4);
    for (const g of Object.values(grads)) assert.ok(tf.tidy(() => tf.abs(g).sum().dataSync()[0]) > 0);
    tf.dispose([value, ...Object.values(grads)]);
  });
  tf.dispose([x, mask]);
  mha.dispose();
});
