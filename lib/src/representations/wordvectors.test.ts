import { before, test } from "node:test";
import assert from "node:assert/strict";
import { ready } from "../backend";
import { assertClose, assertNoLeak } from "../testing";
import { WordVectors, cosineSimilarity, cosineSimilarityMatrix } from "./wordvectors";

before(ready);

// Hand-made 2-D vectors: x = "royalty", y = "feminine".
const WORDS = ["hombre", "mujer", "rey", "reina", "perro"];
const VECS = [
  [1, 0],
  [1, 1],
  [3, 0],
  [3, 1],
  [-1, 0.2],
];

test("similitud coseno de vectores y de matrices, contra cuentas a mano", () => {
  assert.equal(cosineSimilarity([1, 0], [0, 2]), 0);
  assertClose(cosineSimilarity([1, 1], [2, 0]), 1 / Math.SQRT2, 1e-12);
  assertClose(cosineSimilarity([1, 2, 3], [-2, -4, -6]), -1, 1e-12);
  assert.equal(cosineSimilarity([0, 0], [1, 1]), 0);
  assertClose(cosineSimilarity(new Float32Array([3, 4]), [4, 3]), 24 / 25, 1e-7);
  const m = assertNoLeak(() => cosineSimilarityMatrix([[1, 0], [0, 1]], [[1, 1], [1, 0], [0, -3]]));
  assertClose(m, [[Math.SQRT1_2, 1, 0], [Math.SQRT1_2, 0, -1]], 1e-12);
  assertClose(cosineSimilarityMatrix([[1, 0], [1, 1]]), [[1, Math.SQRT1_2], [Math.SQRT1_2, 1]], 1e-12);
  assert.throws(() => cosineSimilarity([1, 2], [1, 2, 3]), /'a' y 'b' deben tener la misma longitud, y tienen 2 y 3/);
  assert.throws(() => cosineSimilarity("ab" as unknown as number[], [1]), /'a' debe ser una lista de números, y recibí "ab"/);
});

test("WordVectors: vecinos, similitudes y analogía 3CosAdd con vectores a mano", () => {
  const wv = new WordVectors(WORDS, VECS);
  assert.equal(wv.size, 5);
  assert.equal(wv.dim, 2);
  assert.deepEqual(wv.vector("reina"), [3, 1]);
  assertClose(wv.similarity("rey", "hombre"), 1, 1e-7);
  assertClose(wv.similarity("hombre", "mujer"), Math.SQRT1_2, 1e-7);
  const near = wv.mostSimilar("rey", 2);
  assert.deepEqual(near.map((n) => n.word), ["hombre", "reina"]); // cos 1, then 3/√10
  assertClose(near[1].similarity, 3 / Math.sqrt(10), 1e-6);
  assert.deepEqual(wv.mostSimilar([0, 1], 1).map((n) => n.word), ["mujer"]);
  assert.deepEqual(wv.mostSimilar("rey", 10, ["hombre"]).map((n) => n.word), ["reina", "mujer", "perro"]);
  // hombre : rey :: mujer : ?  →  unit(rey) − unit(hombre) + unit(mujer) = unit(mujer), excluding the inputs:
  // the nearest of reina (3,1) and perro (−1, 0.2) to (1,1) is reina.
  const [best] = wv.analogy("hombre", "rey", "mujer");
  assert.equal(best.word, "reina");
  assertClose(best.similarity, cosineSimilarity([3, 1], [1, 1]), 1e-6);
  assert.equal(wv.analogy("rey", "reina", "hombre", 3).length, 2);
});

test("WordVectors: tensor [V, D], JSON, errores en español", () => {
  const wv = new WordVectors(WORDS, VECS);
  const t = assertNoLeak(() => wv.toTensor(), 1);
  assert.deepEqual(t.shape, [5, 2]);
  assertClose(t, VECS, 1e-7);
  t.dispose();
  const back = WordVectors.fromJSON(JSON.stringify(wv));
  assert.deepEqual(back.words, WORDS);
  assert.deepEqual(back.vector("perro").map((x) => Math.round(x * 10) / 10), [-1, 0.2]);
  const flat = new WordVectors(["a", "b"], new Float32Array([1, 2, 3, 4, 5, 6]));
  assert.equal(flat.dim, 3);
  assert.deepEqual(flat.vector("b"), [4, 5, 6]);

  assert.throws(() => wv.vector("gato"), /WordVectors: la palabra "gato" no está en el vocabulario \(5 palabras\)/);
  assert.throws(() => wv.analogy("hombre", "rey", "gata"), /"gata" no está en el vocabulario/);
  assert.throws(() => wv.mostSimilar("rey", 0), /'k' debe ser un entero ≥ 1, y es 0/);
  assert.throws(() => wv.mostSimilar([1, 2, 3]), /'query' debe tener 2 números, y tiene 3/);
  assert.throws(() => new WordVectors(["a", "b"], [[1, 2]]), /'vectors' debe tener una fila por palabra \(2\)/);
  assert.throws(() => new WordVectors(["a", "b"], [[1, 2], [3]]), /'vectors\[1\]' debe tener 2 números, y tiene 1/);
  assert.throws(() => new WordVectors(["a"], new Float32Array([NaN])), /NaN o infinitos/);
  assert.throws(() => new WordVectors(["a", "a"], [[1], [2]]), /"a" aparece dos veces/);
  assert.throws(() => WordVectors.fromJSON({ type: "char" } as never), /type "word-vectors"/);
});
