import { before, test } from "node:test";
import assert from "node:assert/strict";
import { tf, ready } from "../backend";

before(ready);
import { loadResenas } from "./resenas";

test("loadResenas: etiquetas, gemelas en test y pares para la predicción de la frase siguiente", () => {
  const before = tf.memory().numTensors;
  const data = loadResenas();
  assert.deepEqual([data.train.length, data.valid.length, data.test.length], [5000, 600, 1000]);
  for (const r of data.test) {
    assert.equal(r.positive, r.label === "positiva");
    assert.ok(r.twin !== null);
    const twin = data.test[r.twin];
    assert.equal(twin.twin, data.test.indexOf(r));
    assert.notEqual(twin.label, r.label);
  }
  assert.ok(data.train.some((r) => r.twin === null));
  assert.ok(data.train.every((r) => ["producto", "cine"].includes(r.domain) && r.constructions.length > 0));
  const pero = data.test.find((r) => r.constructions.join() === "pero" && !r.text.includes(". "));
  assert.ok(pero !== undefined);
  for (const split of [data.nsp.train, data.nsp.valid, data.nsp.test]) {
    assert.ok(split.length > 0);
    const next = split.filter((p) => p.isNext).length / split.length;
    assert.ok(next > 0.45 && next < 0.55, `isNext ${next}`);
  }
  assert.ok(data.nsp.train.filter((p) => p.isNext).every((p) => data.train.some((r) => r.text.includes(`${p.first} ${p.second}`))));
  assert.equal(tf.memory().numTensors, before);
});
