import { before, test } from "node:test";
import assert from "node:assert/strict";
import { ready } from "../backend";
import { Rng } from "../random";
import { assertNoLeak } from "../testing";
import { SPECIAL_TOKENS, UNK_ID } from "./special";
import { WordTokenizer, joinWords, splitWords } from "./word";

before(ready);

const NOUNS = ["perro", "gata", "niño", "canción", "pingüino", "árbol", "Sofía", "Ñandú"];
const VERBS = ["come", "canta", "está", "busca", "oyó"];
const ADJ = ["bonito", "rápida", "útil", "pequeño"];

/** Sentences that follow Spanish spacing conventions, from templates. */
function sentences(n: number, seed: number): string[] {
  const rng = new Rng(seed);
  const N = () => rng.choice(NOUNS);
  const V = () => rng.choice(VERBS);
  const A = () => rng.choice(ADJ);
  const templates = [
    () => `El ${N()} ${V()} un ${N()} ${A()}.`,
    () => `¿Dónde ${V()} el ${N()}?`,
    () => `¡Qué ${A()} es el ${N()}!`,
    () => `${N()}, ${N()} y ${N()}; luego: ${N()}...`,
    () => `«${N()}», dijo ${N()} (con ${rng.int(100)},${rng.int(10)} kilos).`,
    () => `Dijo "${V()}" y el ${N()} franco-alemán ${V()} a 40 km/h, ¿no?`,
    () => `El 25% de 1.000 ${N()}s… ¡${V()}!`,
  ];
  return Array.from({ length: n }, () => rng.choice(templates)());
}

test("splitWords corta palabras con tildes, números y signos sueltos", () => {
  assert.deepEqual(splitWords("¿Dónde está el pingüino?"), ["¿", "Dónde", "está", "el", "pingüino", "?"]);
  assert.deepEqual(splitWords("¡Año 2024: 3,5 kilos, 1.000 €!"), ["¡", "Año", "2024", ":", "3,5", "kilos", ",", "1.000", "€", "!"]);
  assert.deepEqual(splitWords("  "), []);
});

test("joinWords pega los signos al estilo español", () => {
  assert.equal(joinWords(["¿", "qué", "tal", "?", "¡", "bien", "!"]), "¿qué tal? ¡bien!");
  assert.equal(joinWords(["hola", ",", "(", "sí", ")", "«", "no", "»", "."]), "hola, (sí) «no».");
  assert.equal(joinWords(["dijo", '"', "hola", '"', "y", '"', "adiós", '"', "."]), 'dijo "hola" y "adiós".');
  assert.equal(joinWords(["franco", "-", "alemán", "km", "/", "h"]), "franco-alemán km/h");
  assert.equal(joinWords(["[CLS]", "hola", "[SEP]"]), "[CLS] hola [SEP]");
  assert.equal(joinWords([]), "");
});

test("vocabulario por frecuencia (empates: primero visto), minúsculas, tildes", () => {
  const tok = WordTokenizer.train(["El perro y el gato.", "El niño y la niña."]);
  assert.deepEqual(tok.vocabulary, [...SPECIAL_TOKENS, "el", "y", ".", "perro", "gato", "niño", "la", "niña"]);
  assert.deepEqual(tok.encode("El NIÑO y el gato."), [7, 12, 8, 7, 11, 9]);
  assert.equal(tok.decode([7, 12, 8, 7, 11, 9]), "el niño y el gato.");
  assert.deepEqual(tok.encode("el pingüino"), [7, UNK_ID]);
  assert.equal(tok.decode(tok.encode("el pingüino")), "el [UNK]");

  const cased = WordTokenizer.train(["El perro y el gato."], { lowercase: false });
  assert.deepEqual(cased.tokenize("El perro"), ["El", "perro"]);
  assert.equal(cased.tokenToId("el"), 10);
  assert.equal(cased.tokenToId("El"), 7);
});

test("minFrequency y maxVocabSize", () => {
  const texts = ["a b c a b a", "a b d"];
  assert.deepEqual(WordTokenizer.train(texts, { minFrequency: 2 }).vocabulary.slice(7), ["a", "b"]);
  assert.deepEqual(WordTokenizer.train(texts, { maxVocabSize: 8 }).vocabulary.slice(7), ["a"]);
  assert.deepEqual(WordTokenizer.train(texts, { maxVocabSize: 10 }).vocabulary.slice(7), ["a", "b", "c"]);
  assert.equal(WordTokenizer.train(texts, { maxVocabSize: 7 }).vocabSize, 7);
  assert.throws(() => WordTokenizer.train(texts, { maxVocabSize: 3 }), /'maxVocabSize' debe ser un entero ≥ 7, y es 3/);
  assert.throws(() => WordTokenizer.train(texts, { minFrequency: 0 }), /'minFrequency' debe ser un entero ≥ 1, y es 0/);
});

test("decode(encode(x)) === x en 400 frases con tildes y signos", () => {
  const texts = sentences(400, 3);
  const cased = WordTokenizer.train(texts, { lowercase: false });
  const lower = WordTokenizer.train(texts);
  for (const x of texts) {
    assert.equal(cased.decode(cased.encode(x)), x);
    assert.equal(lower.decode(lower.encode(x)), x.toLowerCase());
  }
  assert.ok(cased.vocabSize > lower.vocabSize);
});

test("tokens especiales en el texto, guardar y cargar, errores en español", () => {
  const tok = WordTokenizer.train(sentences(50, 1));
  const ids = assertNoLeak(() => tok.encode("[CLS] El perro [SEP] [MASK] canta [SEP]"));
  assert.deepEqual([ids[0], ids[3], ids[4], ids[6]], [4, 5, 6, 5]);
  assert.equal(tok.decode(ids), "[CLS] el perro [SEP] [MASK] canta [SEP]");
  assert.equal(tok.decode(ids, { skipSpecialTokens: true }), "el perro canta");

  const back = WordTokenizer.fromJSON(JSON.stringify(tok));
  assert.equal(back.lowercase, true);
  assert.deepEqual(back.vocabulary, tok.vocabulary);
  assert.throws(() => WordTokenizer.fromJSON({ type: "word", version: 1, vocab: [...SPECIAL_TOKENS] }), /'lowercase' debe ser true o false/);

  assert.throws(() => tok.encode(undefined as unknown as string), /WordTokenizer.encode: 'text' debe ser una cadena de texto/);
  assert.throws(() => tok.decode([0, 1, 1e6]), /'ids\[2\]' debe ser un entero entre 0 y/);
  assert.throws(() => tok.tokenToId("[PALABRA]"), /token especial desconocido/);
  assert.throws(() => tok.tokenize({} as unknown as string), /WordTokenizer.tokenize: 'text' debe ser una cadena de texto \(string\), y recibí object/);
});
