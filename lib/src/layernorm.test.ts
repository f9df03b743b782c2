import { before, test } from "node:test";
import assert from "node:assert/strict";
import { tf, ready } from "./backend";
import { LayerNorm } from "./layernorm";
import { assertClose, assertNoLeak } from "./testing";

before(ready);

test("LayerNorm normaliza con la varianza sesgada (a mano)", () => {
  const ln = new LayerNorm({ dim: 4 });
  const x = tf.tensor2d([[1, 2, 3, 4], [2, 2, 2, 2]]);
  const y = assertNoLeak(() => ln.forward(x), 1);
  // media 2.5, varianza sesgada (2.25+0.25+0.25+2.25)/4 = 1.25
  const s = Math.sqrt(1.25 + 1e-5);
  assertClose(y, [[-1.5 / s, -0.5 / s, 0.5 / s, 1.5 / s], [0, 0, 0, 0]]);
  ln.loadStateDict({ weight: tf.tensor1d([1, 2, 1, 1]), bias: tf.tensor1d([0, 0, 0, 10]) }, { strict: true });
  const y2 = ln.forward(x);
  assertClose(y2, [[-1.5 / s, -1 / s, 0.5 / s, 10 + 1.5 / s], [0, 0, 0, 10]]);
  assert.deepEqual(Object.keys(ln.stateDict()), ["weight", "bias"]);
  tf.dispose([x, y, y2]);
  ln.dispose();
});

test("LayerNorm: gradiente de tf.grad igual a diferencias centrales", () => {
  const ln = new LayerNorm({ dim: 5 });
  const x = tf.tensor2d([[0.3, -1.2, 2.0, 0.7, -0.4], [1.5, 0.1, -0.6, 0.9, 0.2]]);
  const r = tf.tensor2d([[0.5, -1, 2, 0.3, 1.1], [-0.7, 0.4, 0.9, -1.3, 0.6]]); // pesos de la pérdida
  const loss = (t: tf.Tensor) => ln.forward(t).mul(r).sum() as tf.Scalar;
  const analytic = assertNoLeak(() => tf.grad(loss)(x), 1);
  const xs = x.arraySync();
  const h = 1e-2;
  const numeric = xs.map((row, i) =>
    row.map((_, j) => {
      const at = (d: number) =>
        tf.tidy(() => loss(tf.tensor2d(xs.map((rr, ii) => rr.map((v, jj) => (ii === i && jj === j ? v + d : v))))).dataSync()[0]);
      return (at(h) - at(-h)) / (2 * h);
    }),
  );
  assertClose(analytic, numeric, 2e-3);
  tf.dispose([x, r, analytic]);
  ln.dispose();
});

test("LayerNorm: errores en español", () => {
  const ln = new LayerNorm({ dim: 4 });
  assert.throws(() => ln.forward(tf.zeros([2, 3])), /LayerNorm: 'x' debe tener forma \[\.\.\., D=4\], pero tiene forma \[2, 3\]/);
  assert.throws(() => new LayerNorm({ dim: 4, eps: -1 }), /'eps' debe ser un número/);
  ln.dispose();
});
