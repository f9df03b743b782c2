import { before, test } from "node:test";
import assert from "node:assert/strict";
import { ready } from "../backend";
import { assertClose, assertNoLeak } from "../testing";
import { bagOfWords, tfidf } from "./bow";

before(ready);

const DOCS = [
  ["el", "perro", "come"],
  ["el", "gato", "come", "pescado"],
  ["el", "perro", "ladra"],
];

test("bolsa de palabras: cuentas y binaria, con vocabulario propio o dado", () => {
  const bow = assertNoLeak(() => bagOfWords([["el", "perro", "y", "el", "gato"], ["el", "gato"]]));
  assert.deepEqual(bow.vocabulary, ["el", "perro", "y", "gato"]);
  assert.deepEqual(bow.matrix, [
    [2, 1, 1, 1],
    [1, 0, 0, 1],
  ]);
  assert.deepEqual(bagOfWords([["el", "el", "gato"]], { binary: true }).matrix, [[1, 1]]);
  const fixed = bagOfWords([["el", "pez", "gato", "gato"]], { vocabulary: ["gato", "perro", "el"] });
  assert.deepEqual(fixed.matrix, [[2, 0, 1]]); // "pez" is outside the vocabulary: ignored
  assert.throws(() => bagOfWords([["a"]], { vocabulary: ["a", "a"] }), /la palabra "a" aparece dos veces/);
  assert.throws(() => bagOfWords(["el perro"] as unknown as string[][]), /bagOfWords: 'docs\[0\]' debe ser una lista de tokens/);
});

test("TF-IDF con idf suavizado y norma L2 (como scikit-learn), contra cuentas a mano", () => {
  // n = 3 documents. df: el 3, perro 2, come 2, gato 1, pescado 1, ladra 1.
  // idf = ln((1 + 3) / (1 + df)) + 1: el 1, perro/come ln(4/3) + 1, gato/pescado/ladra ln(2) + 1.
  const r = assertNoLeak(() => tfidf(DOCS));
  assert.deepEqual(r.vocabulary, ["el", "perro", "come", "gato", "pescado", "ladra"]);
  const i3 = Math.log(4 / 3) + 1;
  const i1 = Math.log(2) + 1;
  assertClose(r.idf, [1, i3, i3, i1, i1, i1], 1e-12);
  // Document 0: (1, i3, i3) / ‖(1, i3, i3)‖; reference values from numpy.
  assertClose(r.matrix[0], [0.48133417, 0.61980538, 0.61980538, 0, 0, 0], 1e-8);
  assertClose(r.matrix[1], [0.34520502, 0, 0.44451431, 0.5844829, 0.5844829, 0], 1e-8);
  for (const row of r.matrix) assertClose(Math.hypot(...row), 1, 1e-12);
});

test("TF-IDF: variantes (sin suavizar, tf sublineal, normas) e idf reutilizado para una consulta", () => {
  const raw = tfidf(DOCS, { smoothIdf: false, norm: "none" });
  // idf = ln(n / df) + 1: el 1, perro ln(3/2) + 1, gato ln 3 + 1.
  assertClose(raw.idf.slice(0, 4), [1, Math.log(1.5) + 1, Math.log(1.5) + 1, Math.log(3) + 1], 1e-12);
  assertClose(raw.matrix[2], [1, Math.log(1.5) + 1, 0, 0, 0, Math.log(3) + 1], 1e-12);
  const sub = tfidf([["a", "a", "a", "a", "b"]], { sublinearTf: true, norm: "l1" });
  // One document: idf = 1 for both; tf = 1 + ln 4 and 1; L1 normalisation.
  assertClose(sub.matrix[0], [(1 + Math.log(4)) / (2 + Math.log(4)), 1 / (2 + Math.log(4))], 1e-12);
  assert.deepEqual(tfidf([["x"]], { vocabulary: ["y"], smoothIdf: false }).matrix, [[0]]);

  const fit = tfidf(DOCS);
  const query = tfidf([["perro", "gato", "pájaro"]], { vocabulary: fit.vocabulary, idf: fit.idf });
  const w = [0, fit.idf[1], 0, fit.idf[3], 0, 0];
  const norm = Math.hypot(...w);
  assertClose(query.matrix[0], w.map((x) => x / norm), 1e-12);
  assert.throws(() => tfidf(DOCS, { idf: [1, 2] }), /tfidf: 'idf' debe ser una lista de 6 números/);
  assert.throws(() => tfidf(DOCS, { norm: "l3" as "l2" }), /'norm' debe ser uno de "l2", "l1", "none", y es "l3"/);
});
