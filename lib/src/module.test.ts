import { before, test } from "node:test";
import assert from "node:assert/strict";
import { tf, ready } from "./backend";

before(ready);
import { Module } from "./module";

class Leaf extends Module {
  readonly weight: tf.Variable;
  constructor() {
    super();
    this.weight = this.addParameter("weight", tf.ones([2, 3]));
    this.addParameter("bias", tf.zeros([2]));
  }
}
class Tree extends Module {
  constructor() {
    super();
    this.addModule("linear1", new Leaf());
    this.addModule("norm", new Leaf());
  }
}

test("nombres con puntos, como en PyTorch, y cuenta de parámetros", () => {
  const before = tf.memory().numTensors;
  const m = new Tree();
  assert.deepEqual(Object.keys(m.stateDict()), ["linear1.weight", "linear1.bias", "norm.weight", "norm.bias"]);
  assert.equal(m.numParameters(), 16);
  m.dispose();
  assert.equal(tf.memory().numTensors, before);
});

test("loadStateDict copia valores, comprueba nombres y formas", () => {
  const m = new Tree();
  const record = tf.tidy(() => {
    const r: Record<string, tf.Tensor> = {};
    for (const [k, v] of Object.entries(m.stateDict())) r[k] = tf.fill(v.shape, 7);
    return r;
  });
  const before = tf.memory().numTensors;
  m.loadStateDict(record);
  assert.equal(tf.memory().numTensors, before);
  assert.deepEqual(Array.from(m.stateDict()["norm.bias"].dataSync()), [7, 7]);
  const { ["norm.bias"]: dropped, ...partial } = record;
  assert.throws(() => m.loadStateDict(partial), /Faltan: norm.bias/);
  m.loadStateDict(partial, { strict: false });
  const wrong = { ...record, "norm.bias": tf.zeros([3]) };
  assert.throws(() => m.loadStateDict(wrong), /'norm.bias' debe tener forma \[2\], pero el registro trae \[3\]/);
  assert.throws(() => m.loadStateDict({ ...record, extra: dropped }), /Sobran: extra/);
  tf.dispose([...Object.values(record), wrong["norm.bias"]]);
  m.dispose();
});

test("train() y eval() se propagan a los hijos", () => {
  const m = new Tree();
  m.eval();
  assert.ok(m.namedChildren().every(([, c]) => !c.training));
  m.train();
  assert.ok(m.namedChildren().every(([, c]) => c.training));
  m.dispose();
});
