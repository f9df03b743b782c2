import { before, test } from "node:test";
import assert from "node:assert/strict";
import { tf, ready } from "../backend";

before(ready);
import { loadCorpus, AGREEMENT_PHENOMENA } from "./corpus";

test("loadCorpus: frases, y pares mínimos de los tres fenómenos que difieren en una palabra", () => {
  const before = tf.memory().numTensors;
  const data = loadCorpus();
  assert.deepEqual([data.train.length, data.valid.length, data.test.length], [15000, 1000, 1000]);
  assert.ok(data.train.every((s) => /^[A-ZÁÉÍÓÚ].*\.$/.test(s)));
  assert.equal(data.minimalPairs.length, 1200);
  for (const ph of AGREEMENT_PHENOMENA) assert.equal(data.minimalPairs.filter((p) => p.phenomenon === ph).length, 400);
  const p = data.minimalPairs.find((x) => x.phenomenon === "pronombre-antecedente" && x.good.includes(", que ") === false && / que (él|ella) /.test(x.good));
  assert.ok(p !== undefined);
  assert.notEqual(p.good, p.bad);
  assert.ok(data.train.some((s) => /^El perro de \S+, \S+, es tan \S+ que él /.test(s)));
  assert.equal(tf.memory().numTensors, before);
});
