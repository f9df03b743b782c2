import { before, test } from "node:test";
import assert from "node:assert/strict";
import { tf, ready } from "./backend";
import { Module } from "./module";
import { assertClose, assertNoLeak, readFixture } from "./testing";
import { Adam, AdamW, Optimizer, SGD } from "./optim";

before(ready);

/** A variable with these values (inside tidy, so that the initial tensor is freed). */
const variable = (values: number | number[] | number[][]) => tf.tidy(() => tf.variable(tf.tensor(values)));

interface OptCase {
  name: string;
  lrs: number[];
  losses: number[];
  weight: number[][][];
  bias: number[][];
  config: { momentum?: number; dampening?: number; nesterov?: boolean; weight_decay: number; betas?: [number, number]; eps?: number };
}
interface Reference {
  optimizers: { X: number[][]; Y: number[][]; weight: number[][]; bias: number[]; cases: OptCase[] };
}
const ref = readFixture<Reference>("train_reference.json").optimizers;

function makeOptimizer(c: OptCase, params: tf.Variable[]): Optimizer {
  const { momentum, dampening, nesterov, weight_decay: weightDecay, betas, eps } = c.config;
  const lr = c.lrs[0];
  if (c.name.startsWith("sgd")) return new SGD(params, { lr, momentum, dampening, nesterov, weightDecay });
  if (c.name.startsWith("adamw")) return new AdamW(params, { lr, betas, eps, weightDecay });
  return new Adam(params, { lr, betas, eps, weightDecay });
}

test("SGD, Adam y AdamW dan los mismos 5 pasos que torch.optim (regresión lineal)", () => {
  const X = tf.tensor2d(ref.X);
  const Y = tf.tensor2d(ref.Y);
  for (const c of ref.cases) {
    const start = tf.memory().numTensors;
    const weight = variable(ref.weight);
    const bias = variable(ref.bias);
    const optimizer = makeOptimizer(c, [weight, bias]);
    const loss = () => tf.tidy(() => X.matMul(weight).add(bias).sub(Y).square().mean()) as tf.Scalar;
    c.lrs.forEach((lr, t) => {
      optimizer.lr = lr;
      const { value, grads } = tf.variableGrads(loss, [weight, bias]);
      assertClose(value, c.losses[t], 1e-5, 0, `${c.name}, pérdida del paso ${t + 1}`);
      optimizer.step(grads);
      assertClose(weight, c.weight[t], 1e-6, 0, `${c.name}, peso tras el paso ${t + 1}`);
      assertClose(bias, c.bias[t], 1e-6, 0, `${c.name}, sesgo tras el paso ${t + 1}`);
      tf.dispose([value, ...Object.values(grads)]);
    });
    optimizer.dispose();
    tf.dispose([weight, bias]);
    assert.equal(tf.memory().numTensors, start, `${c.name}: fuga de tensores`);
  }
  tf.dispose([X, Y]);
});

test("Adam a mano: el primer paso mueve cada peso lr·signo(g) (salvo ε)", () => {
  const w = variable([1, -2, 3]);
  const optimizer = new Adam([w], { lr: 0.5, eps: 0 });
  const grads = new Map([[w, tf.tensor1d([0.3, -4, 0.001])]]);
  assertNoLeak(() => optimizer.step(grads), 2, "el estado de Adam: m y v");
  assertClose(w, [0.5, -1.5, 2.5], 1e-6);
  assert.deepEqual(Object.keys(optimizer.stateDict()).sort(), ["state.0.exp_avg", "state.0.exp_avg_sq", "state.0.step"]);
  optimizer.dispose();
  tf.dispose([w, ...grads.values()]);
});

test("AdamW encoge los pesos con decaimiento desacoplado aunque el gradiente sea 0", () => {
  const w = variable([2, -4]);
  const optimizer = new AdamW([w], { lr: 0.1, weightDecay: 0.5 });
  const grads = new Map([[w, tf.zeros([2])]]);
  optimizer.step(grads); // θ·(1 − 0.1·0.5), and the Adam step is 0
  assertClose(w, [1.9, -3.8], 1e-6);
  // Adam's L2 decay would enter the moments instead: the first step moves by lr·signo(λθ).
  const v = variable([2, -4]);
  const adam = new Adam([v], { lr: 0.1, weightDecay: 0.5 });
  adam.step(new Map([[v, grads.get(w)!]]));
  assertClose(v, [1.9, -3.9], 1e-6);
  tf.dispose([w, v, ...grads.values()]);
  optimizer.dispose();
  adam.dispose();
});

test("SGD con momento a mano y parámetros sin gradiente", () => {
  const a = variable(1);
  const b = variable(5);
  const optimizer = new SGD([a, b], { lr: 0.1, momentum: 0.9 });
  const g = tf.scalar(2);
  optimizer.step({ [a.name]: g }); // buffer = 2, a = 1 − 0.2; b has no gradient: untouched
  optimizer.step({ [a.name]: g }); // buffer = 0.9·2 + 2 = 3.8, a = 0.8 − 0.38
  assertClose(a, 0.42, 1e-6);
  assertClose(b, 5, 0);
  assert.throws(() => optimizer.step({ otro: g }), /ningún gradiente corresponde/);
  assert.throws(() => optimizer.step({ [a.name]: tf.zeros([2]) }), /gradiente del parámetro 0 debe tener forma \[\], pero tiene forma \[2\]/);
  tf.dispose([a, b, g]);
  optimizer.dispose();
});

test("stateDict / loadStateDict: un optimizador restaurado sigue igual que el original", () => {
  const w1 = variable([1, 2]);
  const w2 = variable([1, 2]);
  const o1 = new AdamW([w1], { lr: 0.1 });
  const o2 = new AdamW([w2], { lr: 0.1 });
  const g = tf.tensor1d([0.5, -1]);
  o1.step(new Map([[w1, g]]));
  const saved = o1.stateDict();
  assert.equal(saved["state.0.step"].dataSync()[0], 1);
  w2.assign(w1);
  o2.loadStateDict(saved);
  tf.dispose(Object.values(saved));
  const before = tf.memory().numTensors;
  o1.step(new Map([[w1, g]]));
  o2.step(new Map([[w2, g]]));
  assert.equal(tf.memory().numTensors, before, "un paso no crea tensores nuevos");
  assertClose(w2, w1, 0);
  const bad = { "state.0.exp_avg": tf.zeros([3]) };
  assert.throws(() => o2.loadStateDict(bad), /'state.0.exp_avg' debe tener forma \[2\], pero tiene forma \[3\]/);
  assert.throws(() => o2.loadStateDict({ "state.7.step": g }), /nombre desconocido 'state.7.step'/);
  tf.dispose([w1, w2, g, ...Object.values(bad)]);
  o1.dispose();
  o2.dispose();
});

test("un optimizador toma los parámetros entrenables de un Module y valida su configuración", () => {
  class Tiny extends Module {
    constructor() {
      super();
      this.addParameter("weight", tf.ones([2, 2]));
      this.addParameter("frozen", tf.zeros([2]), false);
    }
  }
  const m = new Tiny();
  assert.equal(new SGD(m, { lr: 0.1 }).params.length, 1);
  assert.throws(() => new AdamW([], {}), /'params' debe ser una lista no vacía/);
  assert.throws(() => new Adam(m, { lr: -1 }), /Adam: 'lr' debe ser un número entre 0 y Infinity, y es -1/);
  assert.throws(() => new AdamW(m, { betas: [0.9, 1] }), /AdamW: 'betas' deben ser menores que 1/);
  assert.throws(() => new SGD(m, { lr: 0.1, nesterov: true }), /'nesterov' necesita 'momentum' > 0/);
  const o = new SGD(m, { lr: 0.1 });
  assert.throws(() => (o.lr = Number.NaN), /'lr'/);
  m.dispose();
});
