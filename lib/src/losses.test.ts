import { before, test } from "node:test";
import assert from "node:assert/strict";
import { tf, ready } from "./backend";
import { assertClose, assertNoLeak, readFixture } from "./testing";
import { binaryCrossEntropyWithLogits, crossEntropy, Reduction } from "./losses";

before(ready);

interface CeCase {
  name: string;
  targets: number[][];
  ignore_index: number;
  label_smoothing: number;
  reduction: Reduction;
  loss: number | number[][];
  grad_logits: number[][][];
}
interface Reference {
  cross_entropy: { logits: number[][][]; cases: CeCase[] };
  bce_with_logits: { logits: number[]; targets: number[]; mean: number; sum: number; none: number[] };
}
const ref = readFixture<Reference>("train_reference.json");

test("crossEntropy a mano: −log softmax en la clase correcta, media y suma", () => {
  // logits [0, ln 3] → p = [1/4, 3/4]; targets 1 and 0 → losses ln(4/3) and ln 4.
  const logits = tf.tensor2d([[0, Math.log(3)], [0, Math.log(3)]]);
  const targets = tf.tensor1d([1, 0], "int32");
  const none = assertNoLeak(() => crossEntropy(logits, targets, { reduction: "none" }), 1);
  assertClose(none, [Math.log(4 / 3), Math.log(4)], 1e-6);
  assertClose(crossEntropy(logits, targets), (Math.log(4 / 3) + Math.log(4)) / 2, 1e-6);
  assertClose(crossEntropy(logits, targets, { reduction: "sum" }), Math.log(4 / 3) + Math.log(4), 1e-6);
  // Smoothing ε = 0.5 on the first: 0.5·ln(4/3) + 0.5·mean(ln 4, ln(4/3)).
  const smooth = 0.5 * Math.log(4 / 3) + 0.25 * (Math.log(4) + Math.log(4 / 3));
  assertClose(crossEntropy(logits.slice([0, 0], [1, 2]), targets.slice(0, 1), { labelSmoothing: 0.5 }), smooth, 1e-6);
  tf.dispose([logits, targets, none]);
});

test("crossEntropy es estable con logits enormes", () => {
  const logits = tf.tensor2d([[1000, 0], [-1000, 1000]]);
  const targets = tf.tensor1d([0, 0], "int32");
  const loss = crossEntropy(logits, targets, { reduction: "none" });
  assertClose(loss, [0, 2000], 1e-3);
  tf.dispose([logits, targets, loss]);
});

test("crossEntropy coincide con torch (ignore_index, label smoothing, reducciones) y su gradiente también", () => {
  const logits = tf.tensor3d(ref.cross_entropy.logits); // [2, 3, 5]
  for (const c of ref.cross_entropy.cases) {
    const targets = tf.tensor2d(c.targets, undefined, "int32"); // [2, 3]
    const options = { ignoreIndex: c.ignore_index, labelSmoothing: c.label_smoothing, reduction: c.reduction };
    const loss = assertNoLeak(() => crossEntropy(logits, targets, options), 1, c.name);
    assert.deepEqual(loss.shape, c.reduction === "none" ? [2, 3] : [], c.name);
    assertClose(loss, c.loss, 1e-6, 0, c.name);
    const grad = tf.grad((x: tf.Tensor) => crossEntropy(x, targets, options).sum())(logits);
    assertClose(grad, c.grad_logits, 1e-6, 0, `${c.name} (gradiente)`);
    tf.dispose([targets, loss, grad]);
  }
  logits.dispose();
});

test("crossEntropy: si todos los objetivos se ignoran, la media es 0 y no NaN", () => {
  const logits = tf.zeros([2, 4]);
  const targets = tf.tensor1d([-100, -100], "int32");
  const loss = crossEntropy(logits, targets, { ignoreIndex: -100 });
  assert.equal(loss.dataSync()[0], 0);
  tf.dispose([logits, targets, loss]);
});

test("crossEntropy rechaza formas, tipos e ids malos con mensajes en español", () => {
  const logits = tf.zeros([2, 3, 5]);
  const good = tf.zeros([2, 3], "int32");
  const wrongShape = tf.zeros([2, 4], "int32");
  const floats = tf.zeros([2, 3]);
  const outOfRange = tf.tensor2d([[0, 5, 1], [0, 0, 0]], undefined, "int32");
  const negative = tf.tensor2d([[0, -1, 1], [0, 0, 0]], undefined, "int32");
  assertNoLeak(() => {
    assert.throws(() => crossEntropy(logits, wrongShape), /'targets' debe tener forma \[2, 3\].*tiene forma \[2, 4\]/);
    assert.throws(() => crossEntropy(logits, floats), /'targets' debe ser un tensor int32/);
    assert.throws(() => crossEntropy(logits, outOfRange), /ids entre 0 y 4, pero contiene 5 en la posición 1/);
    assert.throws(() => crossEntropy(logits, negative, { ignoreIndex: -100 }), /contiene -1.*/);
    assert.throws(() => crossEntropy(logits, good, { labelSmoothing: 1 }), /'labelSmoothing'/);
    assert.throws(() => crossEntropy(logits, good, { labelSmoothing: -0.1 }), /'labelSmoothing'/);
    assert.throws(() => crossEntropy(logits, good, { reduction: "avg" as Reduction }), /'reduction' debe ser uno de "mean", "sum", "none"/);
  });
  tf.dispose([logits, good, wrongShape, floats, outOfRange, negative]);
});

test("binaryCrossEntropyWithLogits coincide con torch y a mano", () => {
  const b = ref.bce_with_logits;
  const logits = tf.tensor1d(b.logits);
  const targets = tf.tensor1d(b.targets);
  for (const reduction of ["mean", "sum", "none"] as const) {
    const loss = assertNoLeak(() => binaryCrossEntropyWithLogits(logits, targets, { reduction }), 1);
    assertClose(loss, b[reduction], 1e-6, 0, reduction);
    loss.dispose();
  }
  // A hand value: logit 0 is p = 1/2, so the loss is ln 2 whatever the target.
  tf.tidy(() => {
    assertClose(binaryCrossEntropyWithLogits(tf.zeros([1]), tf.tensor1d([0.7])), Math.LN2, 1e-6);
    assert.throws(() => binaryCrossEntropyWithLogits(logits, tf.zeros([5])), /'targets' debe tener la forma de 'logits', \[6\]/);
  });
  tf.dispose([logits, targets]);
});
