import { before, test } from "node:test";
import assert from "node:assert/strict";
import { ready } from "../backend";
import { Rng } from "../random";
import { assertNoLeak } from "../testing";
import { cooccurrenceMatrix, ppmi } from "./cooccurrence";
import { trainSkipGram } from "./skipgram";
import { svdEmbeddings } from "./svd";
import { WordVectors } from "./wordvectors";

before(ready);

/**
 * A synthetic Spanish corpus with systematic contexts: people differ in gender (el/la, -o/-a
 * adjectives), rank (palace vs. village) and age (school vs. newspaper); animals share their own.
 */
function corpus(n: number, seed: number): string[][] {
  const rng = new Rng(seed);
  const people: [string, "m" | "f", number, number][] = [
    ["rey", "m", 1, 0], ["reina", "f", 1, 0], ["príncipe", "m", 1, 1], ["princesa", "f", 1, 1],
    ["hombre", "m", 0, 0], ["mujer", "f", 0, 0], ["niño", "m", 0, 1], ["niña", "f", 0, 1],
  ];
  const animals = ["perro", "gato", "caballo", "conejo"];
  const rank = [["trabaja en el campo", "compra pan en el mercado", "vive en la aldea"], ["vive en el palacio", "lleva la corona", "gobierna el reino"]];
  const age = [["tiene muchos años", "lee el periódico", "conduce el coche"], ["va a la escuela", "juega en el patio", "aprende a leer"]];
  const animal = ["come pienso", "duerme en la alfombra", "juega con la pelota", "bebe agua"];
  const adj = { m: ["cansado", "contento", "alto"], f: ["cansada", "contenta", "alta"] };
  return Array.from({ length: n }, () => {
    if (rng.bernoulli(0.25)) return `el ${rng.choice(animals)} ${rng.choice(animal)} .`;
    const [w, g, r, y] = rng.choice(people);
    const art = g === "m" ? "el" : "la";
    const k = rng.int(3);
    if (k === 0) return `${art} ${w} ${rng.choice(rank[r])} .`;
    if (k === 1) return `${art} ${w} ${rng.choice(age[y])} .`;
    return `${art} ${w} está ${rng.choice(adj[g])} .`;
  }).map((s) => s.split(" "));
}

/** Related words closer than unrelated ones, and the analogies of the lesson. */
function checkSemantics(wv: WordVectors): void {
  assert.ok(wv.similarity("rey", "reina") > wv.similarity("rey", "perro"), "rey–reina más cerca que rey–perro");
  assert.ok(wv.similarity("hombre", "mujer") > wv.similarity("hombre", "gato"), "hombre–mujer más cerca que hombre–gato");
  assert.ok(wv.similarity("perro", "gato") > wv.similarity("perro", "reina"), "perro–gato más cerca que perro–reina");
  assert.ok(["gato", "caballo", "conejo"].includes(wv.mostSimilar("perro", 1)[0].word));
  assert.equal(wv.analogy("hombre", "rey", "mujer")[0].word, "reina");
  assert.equal(wv.analogy("rey", "reina", "hombre")[0].word, "mujer");
}

const OPTIONS = { dim: 24, window: 3, epochs: 5 };

test("skip-gram: palabras relacionadas más cerca y la analogía hombre : rey :: mujer : reina", () => {
  const docs = corpus(1200, 1);
  const r = assertNoLeak(() => trainSkipGram(docs, OPTIONS));
  assert.equal(r.vectors.dim, 24);
  assert.equal(r.vectors.words[0], "el");
  assert.equal(r.losses.length, 5);
  assert.ok(r.losses[4] < r.losses[0], `la pérdida baja: ${r.losses.map((x) => x.toFixed(3)).join(" ")}`);
  // Before training, the loss of a pair is about (1 + K) · ln 2 = 4.16; it must fall well below that.
  assert.ok(r.losses[4] < 2.5, `pérdida final ${r.losses[4]}`);
  assert.ok(r.pairs.every((p) => p > 10000));
  checkSemantics(r.vectors);
});

test("skip-gram: misma semilla, mismos vectores; otra semilla, otros", () => {
  const docs = corpus(200, 2);
  const a = trainSkipGram(docs, { dim: 8, epochs: 2, seed: 5 });
  const b = trainSkipGram(docs, { dim: 8, epochs: 2, seed: 5 });
  const c = trainSkipGram(docs, { dim: 8, epochs: 2, seed: 6 });
  assert.deepEqual(a.vectors.vector("rey"), b.vectors.vector("rey"));
  assert.deepEqual(a.losses, b.losses);
  assert.notDeepEqual(a.vectors.vector("rey"), c.vectors.vector("rey"));
});

test("skip-gram: vocabulario con minCount, submuestreo, errores en español", () => {
  const docs = [...corpus(100, 3), ["palabrarara", "el"]];
  const r = trainSkipGram(docs, { dim: 4, epochs: 1, minCount: 2 });
  assert.ok(!r.vectors.has("palabrarara") && r.vectors.has("rey"));
  const sub = trainSkipGram(docs, { dim: 4, epochs: 1, subsample: 1e-3 });
  const full = trainSkipGram(docs, { dim: 4, epochs: 1 });
  assert.ok(sub.pairs[0] < full.pairs[0], "el submuestreo descarta palabras frecuentes");
  assert.throws(() => trainSkipGram([["a", "a"]]), /hacen falta al menos 2 palabras en el vocabulario, y hay 1/);
  assert.throws(() => trainSkipGram(docs, { dim: 0 }), /trainSkipGram: 'dim' debe ser un entero ≥ 1, y es 0/);
  assert.throws(() => trainSkipGram(docs, { learningRate: 0.01, minLearningRate: 0.1 }), /'minLearningRate' debe ser un número entre 0 y 0.01/);
  assert.throws(() => trainSkipGram(["el rey"] as unknown as string[][]), /'docs\[0\]' debe ser una lista de tokens/);
});

test("PPMI + SVD truncada también da vectores con esas propiedades", () => {
  const docs = corpus(1200, 1);
  const { vocabulary, matrix } = cooccurrenceMatrix(docs, { window: 3 });
  const wv = new WordVectors(vocabulary, svdEmbeddings(ppmi(matrix, { alpha: 0.75 }), 10));
  checkSemantics(wv);
});
