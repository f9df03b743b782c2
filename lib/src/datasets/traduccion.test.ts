import { before, test } from "node:test";
import assert from "node:assert/strict";
import { tf, ready } from "../backend";

before(ready);
import { loadTraduccion } from "./traduccion";

test("loadTraduccion: pares con alineamientos numéricos dentro de las frases, que se cruzan", () => {
  const before = tf.memory().numTensors;
  const data = loadTraduccion();
  assert.deepEqual([data.train.length, data.valid.length, data.test.length], [8000, 500, 1000]);
  for (const r of data.train) {
    const [en, es] = [r.source.split(" ").length, r.target.split(" ").length];
    for (const [i, j] of r.alignment) assert.ok(Number.isInteger(i) && i < en && Number.isInteger(j) && j < es);
  }
  // "the black dogs …" → "los perros negros …": black (1) ↔ negros (2), dogs (2) ↔ perros (1).
  const r = data.train.find((x) => x.source.startsWith("the black dogs "));
  assert.ok(r !== undefined);
  assert.ok(r.target.startsWith("los perros negros "));
  assert.deepEqual(r.alignment.slice(0, 3), [[0, 0], [2, 1], [1, 2]]);
  assert.ok(data.vocab.source.includes("black") && data.vocab.target.includes("negras"));
  assert.equal(tf.memory().numTensors, before);
});
