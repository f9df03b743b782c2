import { before, test } from "node:test";
import assert from "node:assert/strict";
import { tf, ready } from "./backend";
import { FeedForward, gelu } from "./feedforward";
import { assertClose, assertNoLeak } from "./testing";

before(ready);

test("gelu exacta: x·Φ(x) en valores conocidos", () => {
  const x = tf.tensor1d([-3, -1, 0, 0.5, 1, 2]);
  const y = assertNoLeak(() => gelu(x), 1);
  // Φ(−3) = 0.0013499, Φ(−1) = 0.1586553, Φ(0.5) = 0.6914625, Φ(1) = 0.8413447, Φ(2) = 0.9772499
  assertClose(y, [-3 * 0.0013499, -0.1586553, 0, 0.5 * 0.6914625, 0.8413447, 2 * 0.9772499], 2e-6);
  tf.dispose([x, y]);
});

test("FeedForward: linear2(act(linear1(x))) a mano, con relu y con gelu", () => {
  for (const activation of ["relu", "gelu"] as const) {
    const ff = new FeedForward({ dModel: 2, dFF: 3, activation, dropout: 0 });
    const rec = {
      "linear1.weight": tf.tensor2d([[1, 0], [0, 1], [1, -1]]),
      "linear1.bias": tf.tensor1d([0, 0, 0]),
      "linear2.weight": tf.tensor2d([[1, 1, 1], [1, 0, -1]]),
      "linear2.bias": tf.tensor1d([0, 1]),
    };
    ff.loadStateDict(rec);
    const x = tf.tensor2d([[1, -1]]); // linear1 → [1, −1, 2]
    const y = assertNoLeak(() => ff.forward(x), 1);
    const g = (v: number) => v * 0.5 * (1 + erf(v / Math.SQRT2));
    const h = activation === "relu" ? [1, 0, 2] : [g(1), g(-1), g(2)];
    assertClose(y, [[h[0] + h[1] + h[2], h[0] - h[2] + 1]], 1e-5);
    tf.dispose([x, y, ...Object.values(rec)]);
    ff.dispose();
  }
});

test("FeedForward: nombres de parámetros y errores", () => {
  const ff = new FeedForward({ dModel: 4, dFF: 8 });
  assert.deepEqual(
    Object.entries(ff.stateDict()).map(([k, v]) => `${k} ${v.shape}`),
    ["linear1.weight 8,4", "linear1.bias 8", "linear2.weight 4,8", "linear2.bias 4"],
  );
  assert.throws(() => new FeedForward({ dModel: 4, activation: "tanh" as "relu" }), /'activation' debe ser uno de "relu", "gelu"/);
  assert.throws(() => ff.forward(tf.zeros([2, 5])), /Linear: 'x' debe tener forma \[\.\.\., in=4\]/);
  ff.dispose();
});

/** erf by its Maclaurin series (enough terms for |x| ≤ 3), for hand references. */
function erf(x: number): number {
  let sum = 0;
  let term = x;
  for (let n = 0; n < 60; n++) {
    sum += term / (2 * n + 1);
    term *= (-x * x) / (n + 1);
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}
