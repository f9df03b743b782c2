import { test } from "node:test";
import assert from "node:assert/strict";
import { tf, ready, useBackend, availableBackends, BackendName } from "./backend";
import { unsortedSegmentSumValues } from "./kernels";

test("unsortedSegmentSumValues suma filas por segmento (a mano)", () => {
  // x: 3 filas de 2; ids [1, 0, 1] → segmento 0 = fila 1, segmento 1 = fila 0 + fila 2.
  const out = unsortedSegmentSumValues([1, 2, 3, 4, 5, 6], [3, 2], [1, 0, 1], 3);
  assert.deepEqual(Array.from(out), [3, 4, 6, 8, 0, 0]);
});

test("ready() elige un backend y se puede llamar dos veces", async () => {
  await ready();
  await ready();
  assert.ok(["tensorflow", "wasm", "cpu"].includes(tf.getBackend()));
});

test("ATENCION_BACKEND inválido da un error que lo nombra", async () => {
  const { spawnSync } = await import("node:child_process");
  const r = spawnSync(process.execPath, ["-e", "require('./index').ready().catch(e => { console.error(e.message); process.exit(3); })"], {
    cwd: __dirname,
    env: { ...process.env, ATENCION_BACKEND: "gpu" },
    encoding: "utf8",
  });
  assert.equal(r.status, 3);
  assert.match(r.stderr, /ATENCION_BACKEND="gpu" no es un backend válido/);
});

/** One SGD step on an embedding + linear classifier; returns the loss before and after, and the table gradient. */
function trainingStep(): { before: number; after: number; grad: number[] } {
  // Inside tidy, so that the initial values (which a variable does not own) are freed.
  const table = tf.tidy(() => tf.variable(tf.tensor2d([[0.1, -0.2], [0.3, 0.4], [-0.5, 0.6], [0.7, -0.8]])));
  const w = tf.tidy(() => tf.variable(tf.tensor2d([[0.5, -0.5], [0.25, 0.75]])));
  const ids = tf.tensor1d([0, 2, 2, 3], "int32");
  const labels = tf.tidy(() => tf.oneHot(tf.tensor1d([1, 0, 0, 1], "int32"), 2));
  const lossFn = () => tf.losses.softmaxCrossEntropy(labels, tf.matMul(tf.gather(table, ids), w)) as tf.Scalar;
  const before = tf.tidy(() => lossFn().dataSync()[0]);
  const { value, grads } = tf.variableGrads(lossFn);
  const grad = Array.from(grads[table.name].dataSync());
  tf.tidy(() => {
    for (const v of [table, w]) v.assign(v.sub(grads[v.name].mul(0.5)));
  });
  const after = tf.tidy(() => lossFn().dataSync()[0]);
  value.dispose();
  Object.values(grads).forEach((g) => g.dispose());
  tf.dispose([table, w, ids, labels]);
  return { before, after, grad };
}

test("un paso de entrenamiento con embeddings funciona en cada backend instalado, igual que en cpu", async () => {
  const backends = availableBackends();
  assert.ok(backends.includes("wasm"), "el backend wasm debe estar instalado");
  const results = new Map<BackendName, ReturnType<typeof trainingStep>>();
  for (const name of backends) {
    await useBackend(name);
    const start = tf.memory().numTensors;
    results.set(name, trainingStep());
    assert.equal(tf.memory().numTensors, start, `fuga de tensores en ${name}`);
  }
  const cpu = results.get("cpu")!;
  assert.ok(cpu.after < cpu.before, "la pérdida debe bajar");
  // Row 1 of the table is never looked up: its gradient is exactly zero.
  assert.deepEqual(cpu.grad.slice(2, 4), [0, 0]);
  for (const [name, r] of results) {
    assert.ok(Math.abs(r.before - cpu.before) < 1e-5, `${name}: pérdida inicial`);
    assert.ok(Math.abs(r.after - cpu.after) < 1e-5, `${name}: pérdida tras el paso`);
    r.grad.forEach((g, i) => assert.ok(Math.abs(g - cpu.grad[i]) < 1e-5, `${name}: gradiente[${i}]`));
  }
  await ready();
  await useBackend(availableBackends()[0]);
});
