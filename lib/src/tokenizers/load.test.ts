import { before, test } from "node:test";
import assert from "node:assert/strict";
import { ready } from "../backend";
import { BpeTokenizer } from "./bpe";
import { CharTokenizer } from "./char";
import { loadTokenizer } from "./load";
import { WordTokenizer } from "./word";

before(ready);

const CORPUS = ["¿Qué hora es?", "Son las tres y cuarto.", "¡Qué tarde es!"];

test("loadTokenizer reconstruye cada tipo por su campo 'type'", () => {
  const made = [
    CharTokenizer.train(CORPUS),
    WordTokenizer.train(CORPUS, { lowercase: false }),
    BpeTokenizer.train(CORPUS, { numMerges: 10 }),
  ];
  for (const tok of made) {
    const back = loadTokenizer(JSON.stringify(tok));
    assert.equal(back.constructor, tok.constructor);
    assert.equal(back.type, tok.type);
    assert.deepEqual(back.vocabulary, tok.vocabulary);
    for (const x of CORPUS) assert.deepEqual(back.encode(x), tok.encode(x));
  }
});

test("tipos desconocidos y JSON roto dan errores en español", () => {
  assert.throws(() => loadTokenizer({ type: "sentencepiece", vocab: [] }), /tipo de tokenizador desconocido "sentencepiece"/);
  assert.throws(() => loadTokenizer("[1, 2"), /loadTokenizer: el texto no es JSON válido/);
  assert.throws(() => loadTokenizer([] as unknown as object), /se esperaba el objeto JSON de un tokenizador/);
  assert.throws(() => loadTokenizer({ type: "char", vocab: [1] }), /'vocab' debe ser una lista de cadenas/);
});
