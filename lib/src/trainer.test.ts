import { before, test } from "node:test";
import assert from "node:assert/strict";
import { tf, ready, useBackend, availableBackends } from "./backend";
import { Module } from "./module";
import { COURSE_SEED, Rng } from "./random";
import { assertNoLeakAsync } from "./testing";
import { crossEntropy } from "./losses";
import { accuracy } from "./metrics";
import { AdamW, SGD } from "./optim";
import { warmupCosineSchedule } from "./schedules";
import { batches } from "./batching";
import { HistoryEntry, train } from "./trainer";

before(ready);

/** A 2-layer perceptron, 2 → hidden (tanh) → 2 classes, built inline for the test. */
class Mlp extends Module {
  private readonly w1: tf.Variable;
  private readonly b1: tf.Variable;
  private readonly w2: tf.Variable;
  private readonly b2: tf.Variable;
  constructor(hidden: number, seed: number) {
    super();
    this.w1 = this.addParameter("w1", tf.randomNormal([2, hidden], 0, 1, "float32", seed));
    this.b1 = this.addParameter("b1", tf.zeros([hidden]));
    this.w2 = this.addParameter("w2", tf.randomNormal([hidden, 2], 0, 0.5, "float32", seed + 1));
    this.b2 = this.addParameter("b2", tf.zeros([2]));
  }
  forward(x: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => x.matMul(this.w1).add(this.b1).tanh().matMul(this.w2).add(this.b2)); // [B, 2]
  }
}

const XOR = { x: [[0, 0], [0, 1], [1, 0], [1, 1]], y: [0, 1, 1, 0] };

test("train + AdamW + warm-up/coseno + recorte aprende XOR, sin fugas de tensores", async () => {
  const start = tf.memory().numTensors;
  const model = new Mlp(8, COURSE_SEED);
  const x = tf.tensor2d(XOR.x);
  const y = tf.tensor1d(XOR.y, "int32");
  const optimizer = new AdamW(model, { lr: 0.05, weightDecay: 0.01 });
  const schedule = warmupCosineSchedule({ peakLr: 0.05, warmup: 20, totalSteps: 300, minLr: 0.005 });
  const evaluations: number[] = [];
  const seen: number[] = [];
  const result = await train({
    module: model,
    loss: () => crossEntropy(model.forward(x), y),
    batches: [XOR], // the whole data set is one batch
    optimizer,
    schedule,
    clipNorm: 0.2,
    steps: 300,
    evalEvery: 100,
    evaluate: (step) => {
      assert.equal(model.training, false, "evaluate corre en modo evaluación");
      evaluations.push(step);
      return tf.tidy(() => accuracy(model.forward(x), y));
    },
    onProgress: (entry) => void seen.push(entry.step),
    tokensPerBatch: (batch) => batch.y.length,
  });
  const { history } = result;
  assert.equal(history.length, 300);
  assert.deepEqual(history.slice(0, 3).map((e) => e.step), [1, 2, 3]);
  assert.deepEqual(evaluations, [100, 200, 300]);
  assert.equal(seen.length, 300);
  const last = history[299];
  assert.ok(history[0].loss > 0.5, `pérdida inicial ${history[0].loss}`);
  assert.ok(last.loss < 0.05, `pérdida final ${last.loss}`);
  assert.equal(last.eval, 1, "acierta los 4 puntos");
  // The schedule drove the learning rate, and the norm before clipping was recorded.
  history.forEach((e) => assert.equal(e.lr, schedule(e.step)));
  assert.ok(history.every((e) => e.gradNorm !== undefined && e.gradNorm >= 0));
  assert.ok(history.some((e) => e.gradNorm! > 0.2), "el recorte actuó en algún paso");
  assert.equal(result.steps, 300);
  assert.equal(result.tokens, 1200);
  assert.ok(result.tokensPerSecond! > 0 && result.stepsPerSecond > 0 && result.trainSeconds <= result.seconds);
  assert.equal(model.training, true, "el modo del modelo se restaura");

  // Several more steps create no tensors (the optimizer's state already exists).
  await assertNoLeakAsync(() => train({ module: model, loss: () => crossEntropy(model.forward(x), y), batches: [XOR], optimizer, steps: 5, clipNorm: 1 }));
  optimizer.dispose();
  model.dispose();
  tf.dispose([x, y]);
  assert.equal(tf.memory().numTensors, start, "todo liberado");
});

/** A linear regression y = 3x − 1 + noise in mini-batches, by epochs; returns the history. */
async function regression(epochs: number): Promise<{ history: HistoryEntry[]; w: number; b: number; batchesPerEpoch: number }> {
  const rng = new Rng(COURSE_SEED);
  const points = Array.from({ length: 40 }, () => {
    const x = rng.uniform(-1, 1);
    return { x, y: 3 * x - 1 + rng.normal(0, 0.01) };
  });
  const w = tf.tidy(() => tf.variable(tf.scalar(0)));
  const b = tf.tidy(() => tf.variable(tf.scalar(0)));
  const optimizer = new SGD([w, b], { lr: 0.3, momentum: 0.5 });
  const epochBatches = (epoch: number) => batches(points, 8, { shuffle: true, seed: COURSE_SEED + epoch });
  const { history } = await train({
    loss: (batch) =>
      tf.tidy(() => {
        const x = tf.tensor1d(batch.map((p) => p.x));
        const target = tf.tensor1d(batch.map((p) => p.y));
        return x.mul(w).add(b).sub(target).square().mean() as tf.Scalar;
      }),
    batches: epochBatches,
    optimizer,
    epochs,
  });
  const out = { history, w: w.dataSync()[0], b: b.dataSync()[0], batchesPerEpoch: epochBatches(0).length };
  optimizer.dispose();
  tf.dispose([w, b]);
  return out;
}

test("train por épocas con lotes barajados por época: regresión lineal y = 3x − 1", async () => {
  const run = await assertNoLeakAsync(() => regression(10));
  assert.equal(run.batchesPerEpoch, 5);
  assert.equal(run.history.length, 50);
  assert.deepEqual([...new Set(run.history.map((e) => e.epoch))], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  assert.ok(Math.abs(run.w - 3) < 0.02 && Math.abs(run.b + 1) < 0.02, `w = ${run.w}, b = ${run.b}`);
  assert.ok(run.history[49].loss < 1e-3, `pérdida final ${run.history[49].loss}`);
  // The same seeds give the same run.
  const again = await regression(2);
  assert.deepEqual(again.history.map((e) => e.loss), run.history.slice(0, 10).map((e) => e.loss));
});

test("train da la misma curva en cada backend instalado", async () => {
  const curves = new Map<string, number[]>();
  for (const name of availableBackends()) {
    await useBackend(name);
    curves.set(name, (await regression(2)).history.map((e) => e.loss));
  }
  await useBackend(availableBackends()[0]);
  const cpu = curves.get("cpu")!;
  for (const [name, curve] of curves) curve.forEach((l, i) => assert.ok(Math.abs(l - cpu[i]) < 1e-5, `${name}, paso ${i + 1}: ${l} frente a ${cpu[i]}`));
});

test("train: errores claros para configuraciones malas, pérdida NaN o un generador agotado", async () => {
  const w = tf.tidy(() => tf.variable(tf.ones([2])));
  const optimizer = new SGD([w], { lr: 0.1 });
  const loss = () => w.sum() as tf.Scalar;
  const start = tf.memory().numTensors;
  await assert.rejects(train({ loss, batches: [0], optimizer }), /train: indica 'steps' o 'epochs'/);
  await assert.rejects(train({ loss, batches: [0], optimizer, steps: 1, clipNorm: 0 }), /'clipNorm' debe ser un número mayor que 0, y es 0/);
  await assert.rejects(train({ loss: () => w.mul(2) as unknown as tf.Scalar, batches: [0], optimizer, steps: 1 }), /'loss' debe devolver un escalar \(forma \[\]\), y devolvió forma \[2\]/);
  await assert.rejects(
    train({ loss: () => w.sum().div(0) as tf.Scalar, batches: [0], optimizer, steps: 1 }),
    /la pérdida es Infinity en el paso 1/,
  );
  assert.deepEqual(Array.from(w.dataSync()), [1, 1], "una pérdida no finita no toca los pesos");
  function* once() {
    yield 0;
  }
  const generator = once();
  await assert.rejects(train({ loss, batches: generator, optimizer, steps: 3 }), /la época 1 no trajo ningún lote/);
  assert.equal(tf.memory().numTensors, start, "los errores no dejan tensores");
  optimizer.dispose();
  w.dispose();
});
