import { before, test } from "node:test";
import assert from "node:assert/strict";
import { tf, ready } from "./backend";
import { IGNORE_INDEX, maskTokens } from "./masking";
import { Rng } from "./random";
import { assertNoLeak } from "./testing";

before(ready);

const [PAD, CLS, SEP, MASK] = [0, 1, 2, 3];
const V = 1000;

/** B rows of [CLS] + T ordinary ids + [SEP], drawn with a seed. */
function batch(b: number, t: number, seed: number): number[][] {
  const rng = new Rng(seed);
  return Array.from({ length: b }, () => [CLS, ...Array.from({ length: t }, () => 4 + rng.int(V - 4)), SEP]);
}

test("80/10/10: proporciones con semilla (20 000 tokens), especiales intactos, etiquetas −100 fuera de lo elegido", () => {
  const ids = batch(100, 200, 7);
  const { inputs, labels } = maskTokens(ids, { vocabSize: V, specialIds: [PAD, CLS, SEP], maskId: MASK, rng: new Rng(11) });
  let ordinary = 0;
  let chosen = 0;
  let masked = 0;
  let random = 0;
  let same = 0;
  ids.forEach((row, b) =>
    row.forEach((id, t) => {
      const [x, y] = [inputs[b][t], labels[b][t]];
      if (id === CLS || id === SEP) {
        assert.equal(y, IGNORE_INDEX);
        assert.equal(x, id, "los especiales no se tocan");
        return;
      }
      ordinary++;
      if (y === IGNORE_INDEX) {
        assert.equal(x, id, "lo no elegido queda igual");
        return;
      }
      chosen++;
      assert.equal(y, id, "la etiqueta es el id original");
      if (x === MASK) masked++;
      else if (x === id) same++;
      else {
        random++;
        assert.ok(x >= 4 && x < V, `reemplazo ${x} no especial`);
      }
    }),
  );
  const p = chosen / ordinary;
  // standard deviations: √(0.15·0.85/19 800) ≈ 0.0025 for p; √(0.8·0.2/2970) ≈ 0.007 for the 80 %
  assert.ok(Math.abs(p - 0.15) < 0.01, `elegidos ${p}`);
  assert.ok(Math.abs(masked / chosen - 0.8) < 0.03, `[MASK] ${masked / chosen}`);
  assert.ok(Math.abs(random / chosen - 0.1) < 0.02, `aleatorios ${random / chosen}`);
  assert.ok(Math.abs(same / chosen - 0.1) < 0.02, `sin cambio ${same / chosen}`);
});

test("semillas, casos límite y tensores", () => {
  const ids = batch(4, 30, 1);
  const opts = { vocabSize: V, specialIds: [PAD, CLS, SEP], maskId: MASK };
  assert.deepEqual(maskTokens(ids, { ...opts, rng: new Rng(5) }), maskTokens(ids, { ...opts, rng: new Rng(5) }));
  assert.notDeepEqual(maskTokens(ids, { ...opts, rng: new Rng(5) }).inputs, maskTokens(ids, { ...opts, rng: new Rng(6) }).inputs);
  const none = maskTokens(ids, { ...opts, maskProb: 0 });
  assert.deepEqual(none.inputs, ids);
  assert.ok(none.labels.flat().every((y) => y === IGNORE_INDEX));
  const all = maskTokens(ids, { ...opts, maskProb: 1 });
  assert.deepEqual(all.labels.map((r) => r.slice(1, -1)), ids.map((r) => r.slice(1, -1)), "con maskProb 1 se eligen todos los ordinarios");
  const t = tf.tensor2d(ids, undefined, "int32");
  const out = assertNoLeak(() => maskTokens(t, { ...opts, rng: new Rng(5) }), 2);
  assert.equal(out.inputs.dtype, "int32");
  assert.deepEqual(out.labels.shape, [4, 32]);
  assert.deepEqual(out.inputs.arraySync(), maskTokens(ids, { ...opts, rng: new Rng(5) }).inputs);
  tf.dispose([t, out.inputs, out.labels]);
});

test("errores en español", () => {
  const opts = { vocabSize: 10, specialIds: [0], maskId: 3 };
  assert.throws(() => maskTokens([[1, 12]], opts), /maskTokens: ids\[0\]\[1\] = 12 debe ser un entero entre 0 y 9/);
  assert.throws(() => maskTokens([[1]], { ...opts, maskId: 10 }), /'maskId' debe ser un entero entre 0 y 9, y es 10/);
  assert.throws(() => maskTokens([[1]], { ...opts, maskProb: 1.5 }), /'maskProb' debe ser un número entre 0 y 1/);
  assert.throws(() => maskTokens([1, 2] as never, opts), /'ids' debe ser un tensor \[B, T\] o una lista de listas/);
  const flat = tf.tensor1d([1, 2], "int32");
  assert.throws(() => maskTokens(flat, opts), /'ids' debe tener forma \[B, T\], pero tiene forma \[2\]/);
  flat.dispose();
});
