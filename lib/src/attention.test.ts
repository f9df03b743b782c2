import { before, test } from "node:test";
import assert from "node:assert/strict";
import { tf, ready } from "./backend";
import { attentionLoop, causalMask, combineMasks, paddingMask, scaledDotProductAttention } from "./attention";
import { Dropout } from "./dropout";
import { assertClose, assertNoLeak } from "./testing";

before(ready);

const rand = (shape: number[], seed: number) => tf.randomNormal(shape, 0, 1, "float32", seed);

test("atención a mano: una consulta, dos claves, con y sin escala", () => {
  const q = tf.tensor2d([[1, 0]]);
  const k = tf.tensor2d([[1, 0], [0, 1]]);
  const v = tf.tensor2d([[1, 2], [3, 4]]);
  for (const [scale, s] of [[true, 1 / Math.SQRT2], [false, 1], [2, 2]] as const) {
    const { output, weights } = assertNoLeak(() => scaledDotProductAttention(q, k, v, undefined, { scale }), 2);
    // puntuaciones [1, 0]·s → pesos softmax
    const w0 = Math.exp(s) / (Math.exp(s) + 1);
    assertClose(weights, [[w0, 1 - w0]], 1e-6);
    assertClose(output, [[w0 * 1 + (1 - w0) * 3, w0 * 2 + (1 - w0) * 4]], 1e-6);
    tf.dispose([output, weights]);
  }
  tf.dispose([q, k, v]);
});

test("la máscara se aplica antes del softmax: filas que suman 1, ceros exactos donde se bloquea", () => {
  const [q, k, v] = [rand([4, 3], 1), rand([4, 3], 2), rand([4, 2], 3)];
  const mask = causalMask(4);
  const { output, weights } = scaledDotProductAttention(q, k, v, mask);
  const w = weights.arraySync() as number[][];
  w.forEach((row, i) => {
    assert.ok(Math.abs(row.reduce((a, b) => a + b, 0) - 1) < 1e-6);
    row.forEach((x, j) => (j > i ? assert.equal(x, 0) : assert.ok(x > 0)));
  });
  // la primera consulta solo ve la primera clave: su salida es v[0]
  assertClose(tf.slice(output, [0, 0], [1, 2]), tf.slice(v, [0, 0], [1, 2]), 1e-6);
  // una máscara booleana da lo mismo
  const boolMask = mask.cast("bool");
  assertClose(scaledDotProductAttention(q, k, v, boolMask).output, output);
  tf.dispose([q, k, v, mask, output, weights, boolMask]);
});

test("una fila totalmente bloqueada no da NaN: pesos uniformes 1/Tk", () => {
  const [q, k, v] = [rand([2, 3], 4), rand([3, 3], 5), rand([3, 2], 6)];
  const mask = tf.tensor2d([[0, 0, 0], [1, 1, 0]]);
  const { output, weights } = scaledDotProductAttention(q, k, v, mask);
  assert.ok(Array.from(output.dataSync()).every(Number.isFinite));
  assertClose(tf.slice(weights, [0, 0], [1, 3]), [[1 / 3, 1 / 3, 1 / 3]], 1e-6);
  const loop = attentionLoop(q, k, v, mask);
  assertClose(loop.output, output, 1e-6);
  tf.dispose([q, k, v, mask, output, weights, loop.output, loop.weights]);
});

test("attentionLoop (bucle sobre consultas) es igual a la versión en lote, con máscaras combinadas", () => {
  const [q, k, v] = [rand([2, 3, 4, 5], 7), rand([2, 3, 6, 5], 8), rand([2, 3, 6, 2], 9)];
  const mask = combineMasks(causalMask(4, 6), paddingMask([5, 6]))!; // [2, 1, 4, 6]
  const fast = scaledDotProductAttention(q, k, v, mask);
  const slow = assertNoLeak(() => attentionLoop(q, k, v, mask), 2);
  assert.deepEqual(fast.output.shape, [2, 3, 4, 2]);
  assert.deepEqual(fast.weights.shape, [2, 3, 4, 6]);
  assertClose(slow.output, fast.output, 1e-5);
  assertClose(slow.weights, fast.weights, 1e-6);
  const unscaled = [scaledDotProductAttention(q, k, v, undefined, { scale: false }), attentionLoop(q, k, v, undefined, { scale: false })];
  assertClose(unscaled[1].output, unscaled[0].output, 1e-5);
  tf.dispose([q, k, v, mask, fast.output, fast.weights, slow.output, slow.weights, ...unscaled.flatMap((r) => [r.output, r.weights])]);
});

test("causalMask, paddingMask y combineMasks (a mano)", () => {
  assert.deepEqual(causalMask(3).arraySync(), [[1, 0, 0], [1, 1, 0], [1, 1, 1]]);
  // dos consultas nuevas tras dos posiciones en caché: ven hasta las posiciones 2 y 3
  assert.deepEqual(causalMask(2, 4).arraySync(), [[1, 1, 1, 0], [1, 1, 1, 1]]);
  assert.deepEqual(paddingMask([2, 3, 0]).arraySync(), [[1, 1, 0], [1, 1, 1], [0, 0, 0]]);
  assert.deepEqual(paddingMask([1], 3).arraySync(), [[1, 0, 0]]);
  assert.deepEqual(paddingMask([[5, 7, 0], [0, 2, 0]], 0).arraySync(), [[1, 1, 0], [0, 1, 0]]);
  const ids = tf.tensor2d([[4, 1, 1]], undefined, "int32");
  assert.deepEqual(assertNoLeak(() => paddingMask(ids, 1), 1).arraySync(), [[1, 0, 0]]);
  const [causal, keys] = [causalMask(2), tf.tensor2d([[1, 0], [1, 1]]).cast("bool")];
  const both = assertNoLeak(() => combineMasks(causal, keys), 1)!;
  assert.deepEqual(both.arraySync(), [[[[1, 0], [1, 0]]], [[[1, 0], [1, 1]]]]);
  assert.deepEqual(combineMasks(causalMask(2))!.shape, [1, 1, 2, 2]);
  assert.deepEqual(combineMasks(undefined, paddingMask([1, 2]))!.shape, [2, 1, 1, 2]);
  assert.deepEqual(combineMasks(tf.ones([3, 2, 2]))!.shape, [3, 1, 2, 2]);
  assert.equal(combineMasks(), undefined);
  tf.dispose([ids, causal, keys, both]);
});

test("errores en español: formas que no encajan y máscaras malas", () => {
  const q = tf.zeros([2, 4, 8]);
  const k = tf.zeros([2, 5, 8]);
  const v = tf.zeros([2, 5, 3]);
  assert.throws(() => scaledDotProductAttention(q, tf.zeros([2, 5, 7]), v), /'k' debe tener forma \[2, Tk, 8\] \(la de q es \[2, 4, 8\]\), pero tiene forma \[2, 5, 7\]/);
  assert.throws(() => scaledDotProductAttention(q, k, tf.zeros([2, 6, 3])), /'v' debe tener forma \[2, 5, dv\]/);
  assert.throws(() => scaledDotProductAttention(q, tf.zeros([5, 8]), v), /'k' debe tener forma \[\.\.\., Tk, dk\] \(3 dimensiones, como q\), pero tiene forma \[5, 8\]/);
  assert.throws(() => scaledDotProductAttention(tf.zeros([8]), k, v), /'q' debe tener forma \[\.\.\., Tq, dk\]/);
  assert.throws(() => scaledDotProductAttention(q, k, v, causalMask(4)), /'mask' debe poder extenderse a la forma \[2, 4, 5\] \[\.\.\., Tq, Tk\], pero tiene forma \[4, 4\]/);
  assert.throws(() => scaledDotProductAttention(q, k, v, undefined, { scale: NaN }), /'opts.scale' debe ser un número/);
  assert.throws(() => causalMask(3, 2), /'tk' debe ser un entero ≥ 3/);
  assert.throws(() => paddingMask([2, -1]), /'lengths\[1\]' debe ser un entero ≥ 0/);
  assert.throws(() => paddingMask([3], 2), /'maxLen' debe ser un entero ≥ 3/);
  assert.throws(() => combineMasks(causalMask(2), paddingMask([3, 3])), /'keyPaddingMask' \[2, 3\] y 'mask' \[2, 2\] no encajan/);
  assert.throws(() => combineMasks(tf.ones([4])), /'mask' debe tener forma \[Tq, Tk\] o \[B, Tq, Tk\]/);
  tf.dispose([q, k, v]);
});

test("gradientes de tf.grad iguales a diferencias centrales (q, k, v), sin fugas", () => {
  const q0 = rand([3, 2], 10).arraySync() as number[][];
  const k0 = rand([4, 2], 11).arraySync() as number[][];
  const v0 = rand([4, 2], 12).arraySync() as number[][];
  const r = rand([3, 2], 13);
  const mask = tf.tensor2d([[1, 1, 0, 1], [1, 1, 1, 1], [0, 1, 1, 0]]);
  const loss = (q: tf.Tensor, k: tf.Tensor, v: tf.Tensor) => scaledDotProductAttention(q, k, v, mask).output.mul(r).sum() as tf.Scalar;
  const inputs = [q0, k0, v0];
  const tensors = inputs.map((x) => tf.tensor2d(x));
  const grads = assertNoLeak(() => tf.grads((q, k, v) => loss(q, k, v))(tensors), 3);
  const h = 1e-2;
  inputs.forEach((x, which) => {
    const numeric = x.map((row, i) =>
      row.map((_, j) => {
        const at = (d: number) =>
          tf.tidy(() => {
            const moved = inputs.map((y, w) => tf.tensor2d(y.map((rr, ii) => rr.map((val, jj) => (w === which && ii === i && jj === j ? val + d : val)))));
            return loss(moved[0], moved[1], moved[2]).dataSync()[0];
          });
        return (at(h) - at(-h)) / (2 * h);
      }),
    );
    assertClose(grads[which], numeric, 2e-3, 0, `gradiente ${"qkv"[which]}`);
  });
  tf.dispose([r, mask, ...grads, ...tensors]);
});

test("dropout de atención: activo en entrenamiento, apagado en evaluación; los pesos devueltos son los del softmax", () => {
  const [q, k, v] = [rand([1, 4, 3], 14), rand([1, 4, 3], 15), rand([1, 4, 2], 16)];
  const dropout = new Dropout({ p: 0.5, seed: 2 });
  const plain = scaledDotProductAttention(q, k, v);
  const dropped = assertNoLeak(() => scaledDotProductAttention(q, k, v, undefined, { dropout }), 2);
  assertClose(dropped.weights, plain.weights);
  assert.ok(Math.max(...Array.from(tf.sub(dropped.output, plain.output).abs().dataSync())) > 1e-3);
  dropout.eval();
  const evaluated = scaledDotProductAttention(q, k, v, undefined, { dropout });
  assertClose(evaluated.output, plain.output);
  tf.dispose([q, k, v, plain.output, plain.weights, dropped.output, dropped.weights, evaluated.output, evaluated.weights]);
});
