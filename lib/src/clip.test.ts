import { before, test } from "node:test";
import assert from "node:assert/strict";
import { tf, ready } from "./backend";
import { assertClose, assertNoLeak, readFixture } from "./testing";
import { clipGradNorm, globalNorm } from "./clip";

before(ready);

interface Reference {
  clip_grad_norm: { grads: [number[][], number[]]; cases: { max_norm: number; total_norm: number; grads: [number[][], number[]] }[] };
}
const ref = readFixture<Reference>("train_reference.json").clip_grad_norm;

test("globalNorm a mano: √(3² + 4² + 12²) = 13", () => {
  const grads = { a: tf.tensor1d([3, 4]), b: tf.tensor2d([[12]]) };
  assert.equal(assertNoLeak(() => globalNorm(grads)), 13);
  assert.equal(globalNorm({}), 0);
  const { grads: clipped, totalNorm } = clipGradNorm(grads, 6.5); // × 6.5/13 = ½
  assert.equal(totalNorm, 13);
  assertClose(clipped.a, [1.5, 2], 1e-6);
  assertClose(clipped.b, [[6]], 1e-6);
  tf.dispose([...Object.values(grads), ...Object.values(clipped)]);
});

test("clipGradNorm coincide con torch.nn.utils.clip_grad_norm_ (por encima y por debajo del máximo)", () => {
  for (const c of ref.cases) {
    const w1 = tf.tidy(() => tf.variable(tf.zeros([2, 3])));
    const w2 = tf.tidy(() => tf.variable(tf.zeros([4])));
    const grads = new Map<tf.Variable, tf.Tensor>([
      [w1, tf.tensor2d(ref.grads[0])],
      [w2, tf.tensor1d(ref.grads[1])],
    ]);
    const out = assertNoLeak(() => clipGradNorm(grads, c.max_norm), 2, "devuelve dos tensores nuevos");
    assert.ok(Math.abs(out.totalNorm - c.total_norm) < 1e-5, `norma ${out.totalNorm} frente a ${c.total_norm}`);
    assert.ok(out.grads instanceof Map, "el mismo tipo de contenedor");
    assertClose(out.grads.get(w1)!, c.grads[0], 1e-6, 0, `maxNorm ${c.max_norm}`);
    assertClose(out.grads.get(w2)!, c.grads[1], 1e-6, 0, `maxNorm ${c.max_norm}`);
    tf.dispose([w1, w2, ...grads.values(), ...out.grads.values()]);
  }
});

test("clipGradNorm rechaza maxNorm no positivo", () => {
  assert.throws(() => clipGradNorm({}, 0), /clipGradNorm: 'maxNorm' debe ser un número mayor que 0, y es 0/);
  assert.throws(() => clipGradNorm({}, -1), /'maxNorm' debe ser un número mayor que 0, y es -1/);
});
