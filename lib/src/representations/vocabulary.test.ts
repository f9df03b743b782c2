import { before, test } from "node:test";
import assert from "node:assert/strict";
import { ready } from "../backend";
import { assertNoLeak } from "../testing";
import { buildVocabulary, checkDocuments, indexVocabulary } from "./vocabulary";

before(ready);

const DOCS = [
  ["el", "perro", "come"],
  ["el", "gato", "come", "pescado"],
  ["el", "perro", "ladra"],
];

test("vocabulario en orden de aparición, con cuentas, minCount y maxVocabSize", () => {
  const v = assertNoLeak(() => buildVocabulary(DOCS));
  assert.deepEqual(v.words, ["el", "perro", "come", "gato", "pescado", "ladra"]);
  assert.deepEqual(v.counts, [3, 2, 2, 1, 1, 1]);
  assert.deepEqual(buildVocabulary(DOCS, { minCount: 2 }).words, ["el", "perro", "come"]);
  // The 4 most frequent (ties: first seen), still listed in order of first appearance.
  assert.deepEqual(buildVocabulary(DOCS, { maxVocabSize: 4 }).words, ["el", "perro", "come", "gato"]);
  assert.deepEqual(buildVocabulary([]).words, []);
});

test("errores en español para documentos y vocabularios mal formados", () => {
  assert.throws(() => checkDocuments("bagOfWords", ["el perro come"]), /'docs\[0\]' debe ser una lista de tokens \(cadenas\), y es "el perro come". Corta cada texto en tokens/);
  assert.throws(() => checkDocuments("bagOfWords", "el perro"), /'docs' debe ser una lista de documentos/);
  assert.throws(() => buildVocabulary(DOCS, { minCount: 0 }), /'minCount' debe ser un entero ≥ 1, y es 0/);
  assert.throws(() => indexVocabulary("tfidf", ["a", "b", "a"]), /tfidf: la palabra "a" aparece dos veces en 'vocabulary'/);
  assert.deepEqual([...indexVocabulary("x", ["a", "b"]).entries()], [["a", 0], ["b", 1]]);
});
