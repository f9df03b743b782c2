import { before, test } from "node:test";
import assert from "node:assert/strict";
import { tf, ready } from "../backend";

before(ready);
import { loadNumeros } from "./numeros";
import { loadFechas } from "./fechas";
import { numberToSpanish } from "./numerals";

test("loadNumeros: tamaños, ejemplos bien escritos, test sin números de train y vocabularios", () => {
  const before = tf.memory().numTensors;
  const data = loadNumeros();
  assert.deepEqual([data.train.length, data.valid.length, data.test.length], [10000, 1000, 2000]);
  const first = data.train[0];
  assert.deepEqual(Object.keys(first), ["source", "target"]);
  for (const r of [...data.train.slice(0, 200), ...data.test.slice(0, 200)]) assert.equal(r.target, numberToSpanish(Number(r.source)));
  const train = new Set(data.train.map((r) => r.source));
  assert.ok(data.test.every((r) => !train.has(r.source)));
  assert.deepEqual(data.vocab.source, ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]);
  for (const w of ["veintiún", "quinientos", "millón", "millones", "y"]) assert.ok(data.vocab.targetWords.includes(w), w);
  assert.ok(data.vocab.targetChars.includes(" ") && data.vocab.targetChars.includes("ú"));
  assert.equal(tf.memory().numTensors, before);
});

test("loadFechas: destinos ISO, formatos con nombre y fechas de test nuevas", () => {
  const data = loadFechas();
  assert.deepEqual([data.train.length, data.valid.length, data.test.length], [10000, 1000, 2000]);
  assert.equal(data.formats.length, 14);
  assert.ok(data.train.every((r) => /^\d{4}-\d{2}-\d{2}$/.test(r.target) && data.formats.includes(r.format)));
  const train = new Set(data.train.map((r) => r.target));
  assert.ok(data.test.every((r) => !train.has(r.target)));
  assert.deepEqual(data.vocab.target, ["-", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]);
  const long = data.train.find((r) => r.format === "largo");
  assert.ok(long !== undefined && /^\d{1,2} de [a-z]+ de \d{4}$/.test(long.source));
});
