import { before, test } from "node:test";
import assert from "node:assert/strict";
import { ready } from "../backend";
import { Rng } from "../random";
import { assertNoLeak } from "../testing";
import { CharTokenizer } from "./char";
import { BOS_ID, EOS_ID, PAD_ID, SPECIAL_TOKENS, UNK_ID } from "./special";

before(ready);

const CORPUS = ["¿Qué hora es?", "¡Hola, niño!", "El pingüino come."];

test("el vocabulario: especiales y luego los caracteres ordenados", () => {
  const tok = CharTokenizer.train("baba ñ");
  assert.deepEqual(tok.vocabulary, [...SPECIAL_TOKENS, " ", "a", "b", "ñ"]);
  assert.equal(tok.vocabSize, 11);
  assert.deepEqual(tok.encode("abañ"), [8, 9, 8, 10]);
  assert.equal(tok.decode([9, 8, 8, 7, 10]), "baa ñ");
  assert.equal(tok.idToToken(10), "ñ");
  assert.equal(tok.tokenToId("b"), 9);
  assert.equal(tok.tokenToId("z"), UNK_ID);
  assert.equal(tok.tokenToId("[MASK]"), 6);
});

test("caracteres desconocidos → [UNK]; tokens especiales escritos en el texto", () => {
  const tok = CharTokenizer.train(CORPUS);
  const ids = assertNoLeak(() => tok.encode("[BOS]hola€[EOS]"));
  assert.deepEqual(ids.slice(0, 1), [BOS_ID]);
  assert.equal(ids[5], UNK_ID);
  assert.equal(ids[6], EOS_ID);
  assert.equal(ids.length, 7);
  assert.equal(tok.decode(ids), "[BOS]hola[UNK][EOS]");
  assert.equal(tok.decode(ids, { skipSpecialTokens: true }), "hola");
  assert.deepEqual(tok.tokenize("ü😀"), ["ü", "😀"]);
});

test("decode(encode(x)) === x en 300 textos hechos con el alfabeto", () => {
  const tok = CharTokenizer.train(CORPUS);
  const alphabet = tok.vocabulary.slice(SPECIAL_TOKENS.length);
  const rng = new Rng(7);
  for (let n = 0; n < 300; n++) {
    const len = rng.int(40);
    const text = Array.from({ length: len }, () => rng.choice(alphabet)).join("");
    assert.equal(tok.decode(tok.encode(text)), text);
  }
});

test("guardar y cargar en JSON da el mismo tokenizador", () => {
  const tok = CharTokenizer.train(CORPUS);
  const json = JSON.stringify(tok);
  assert.equal(JSON.parse(json).type, "char");
  const back = CharTokenizer.fromJSON(json);
  assert.deepEqual(back.vocabulary, tok.vocabulary);
  assert.deepEqual(back.encode("¿Qué?"), tok.encode("¿Qué?"));
  assert.throws(() => CharTokenizer.fromJSON({ type: "word", version: 1, vocab: [] }), /tipo "word", no "char"/);
  assert.throws(() => CharTokenizer.fromJSON("{no es json"), /no es JSON válido/);
  assert.throws(() => new CharTokenizer([...SPECIAL_TOKENS, "ab"]), /un solo carácter, y hay "ab"/);
  assert.throws(() => new CharTokenizer(["a", ...SPECIAL_TOKENS]), /debe empezar por \[PAD\]/);
  assert.throws(() => new CharTokenizer([...SPECIAL_TOKENS, "a", "a"]), /"a" aparece dos veces/);
});

test("entradas incorrectas: errores en español que nombran el argumento", () => {
  const tok = CharTokenizer.train(CORPUS);
  assert.throws(() => tok.encode(42 as unknown as string), /CharTokenizer.encode: 'text' debe ser una cadena de texto \(string\), y recibí 42/);
  assert.throws(() => tok.decode([3, tok.vocabSize]), new RegExp(`'ids\\[1\\]' debe ser un entero entre 0 y ${tok.vocabSize - 1}, y es ${tok.vocabSize}`));
  assert.throws(() => tok.decode([-1]), /'ids\[0\]' debe ser un entero entre 0/);
  assert.throws(() => tok.decode([1.5]), /'ids\[0\]' debe ser un entero/);
  assert.throws(() => tok.decode("abc" as unknown as number[]), /'ids' debe ser una lista de enteros, y recibí "abc"/);
  assert.throws(() => tok.idToToken(999), /'id' debe ser un entero entre 0 y/);
  assert.throws(() => tok.tokenToId("[FOO]"), /token especial desconocido "\[FOO\]"/);
  assert.throws(() => tok.tokenize(null as unknown as string), /CharTokenizer.tokenize: 'text' debe ser una cadena de texto \(string\), y recibí null/);
  assert.throws(() => CharTokenizer.train([1, 2] as unknown as string[]), /'texts\[0\]' debe ser una cadena/);
  assert.throws(() => CharTokenizer.train(null as unknown as string), /'texts' debe ser un texto o una lista de textos/);
});

test("encodeBatch: [BOS]/[EOS], recorte a maxLen, relleno con [PAD] y longitudes", () => {
  const tok = CharTokenizer.train("abc");
  // a=7, b=8, c=9 (right after the 7 special tokens)
  const batch = assertNoLeak(() => tok.encodeBatch(["abc", "a", ""], { addBos: true, addEos: true }));
  assert.deepEqual(batch.ids, [
    [BOS_ID, 7, 8, 9, EOS_ID],
    [BOS_ID, 7, EOS_ID, PAD_ID, PAD_ID],
    [BOS_ID, EOS_ID, PAD_ID, PAD_ID, PAD_ID],
  ]);
  assert.deepEqual(batch.lengths, [5, 3, 2]);
  const cut = tok.encodeBatch(["abcabc", "b"], { addEos: true, maxLen: 4 });
  assert.deepEqual(cut.ids, [
    [7, 8, 9, EOS_ID],
    [8, EOS_ID, PAD_ID, PAD_ID],
  ]);
  assert.deepEqual(cut.lengths, [4, 2]);
  const ragged = tok.encodeBatch(["ab", "c"], { pad: false });
  assert.deepEqual(ragged.ids, [[7, 8], [9]]);
  assert.throws(() => tok.encodeBatch(["a"], { addBos: true, addEos: true, maxLen: 1 }), /'maxLen' debe ser un entero ≥ 2, y es 1/);
  assert.throws(() => tok.encodeBatch("abc" as unknown as string[]), /encodeBatch: 'texts' debe ser una lista de textos, y recibí "abc"/);
});
