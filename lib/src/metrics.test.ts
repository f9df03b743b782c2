import { before, test } from "node:test";
import assert from "node:assert/strict";
import { tf, ready } from "./backend";
import { assertNoLeak } from "./testing";
import { accuracy, exactMatch, perplexity, perplexityFromLogits } from "./metrics";

before(ready);

test("accuracy con logits o con predicciones, ignorando el relleno", () => {
  const logits = tf.tensor3d([[[2, 1, 0], [0, 3, 1]], [[0, 0, 5], [1, 0, 0]]]); // argmax [[0, 1], [2, 0]]
  const targets = tf.tensor2d([[0, 2], [2, -100]], undefined, "int32");
  assert.equal(assertNoLeak(() => accuracy(logits, targets)), 2 / 4);
  assert.equal(accuracy(logits, targets, { ignoreIndex: -100 }), 2 / 3);
  const predictions = tf.tensor2d([[0, 2], [1, 1]], undefined, "int32");
  assert.equal(accuracy(predictions, targets), 2 / 4);
  assert.ok(Number.isNaN(accuracy(predictions, tf.fill([2, 2], -100, "int32"), { ignoreIndex: -100 })));
  assert.throws(() => accuracy(tf.zeros([2, 3]), targets), /'logitsOrPredictions' debe tener forma \[2, 2\] \(predicciones\) o \[2, 2, V\] \(logits\).*tiene forma \[2, 3\]/);
  tf.dispose([logits, targets, predictions]);
});

test("exactMatch con textos y con secuencias de ids", () => {
  assert.equal(exactMatch(["hola", "adiós", "sí"], ["hola", "adios", "sí"]), 2 / 3);
  assert.equal(exactMatch([[1, 2], [3], [4, 5]], [[1, 2], [3, 0], [4, 5]]), 2 / 3);
  assert.equal(exactMatch([[1, 2]], [[1, 2, 3]]), 0);
  assert.ok(Number.isNaN(exactMatch([], [])));
  assert.throws(() => exactMatch(["a"], ["a", "b"]), /misma longitud, y tienen 1 y 2/);
});

test("perplexity: e^CE; un modelo uniforme sobre V clases tiene perplejidad V", () => {
  assert.equal(perplexity(0), 1);
  assert.ok(Math.abs(perplexity(Math.log(50)) - 50) < 1e-9);
  const uniform = tf.zeros([2, 3, 7]);
  const targets = tf.tensor2d([[1, 2, 3], [4, 5, -100]], undefined, "int32");
  const ppl = assertNoLeak(() => perplexityFromLogits(uniform, targets, { ignoreIndex: -100 }));
  assert.ok(Math.abs(ppl - 7) < 1e-5, `perplejidad ${ppl}`);
  // By hand: p(target) = 1/2 and 1/4 → CE = (ln 2 + ln 4)/2 → perplexity √8.
  const logits = tf.tensor2d([[0, 0], [0, Math.log(3)]]);
  assert.ok(Math.abs(perplexityFromLogits(logits, tf.tensor1d([0, 0], "int32")) - Math.sqrt(8)) < 1e-5);
  assert.throws(() => perplexity(Number.NaN), /'meanCrossEntropy' debe ser un número/);
  tf.dispose([uniform, targets, logits]);
});
