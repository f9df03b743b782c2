import { before, test } from "node:test";
import assert from "node:assert/strict";
import { ready } from "../backend";
import { Rng } from "../random";
import { assertNoLeak } from "../testing";
import { BPE_SPACE, BpeTokenizer, bpeChunks } from "./bpe";
import { SPECIAL_TOKENS, UNK_ID } from "./special";

before(ready);

const CORPUS = [
  "El perro de Evan, Riley, es tan hiperactivo que nunca deja de moverse.",
  "¿Dónde está el pingüino? ¡Está en el árbol!",
  "La niña canta una canción; el niño come pan.",
  "Los perros y las perras corren por el parque.\nMañana lloverá.",
  "  Dos espacios, un tabulador\ty 3,5 kilos.",
];

/** The textbook algorithm, recounting every pair at every step: the reference for training. */
function naiveMerges(texts: string[], numMerges: number): [string, string][] {
  const words = texts.flatMap(bpeChunks).map((c) => Array.from(c));
  const merges: [string, string][] = [];
  while (merges.length < numMerges) {
    const counts = new Map<string, { pair: [string, string]; n: number }>();
    for (const w of words) {
      for (let i = 0; i + 1 < w.length; i++) {
        const key = JSON.stringify([w[i], w[i + 1]]);
        const e = counts.get(key) ?? { pair: [w[i], w[i + 1]] as [string, string], n: 0 };
        e.n++;
        counts.set(key, e);
      }
    }
    const sorted = [...counts.values()].sort(
      (x, y) => y.n - x.n || (x.pair[0] < y.pair[0] ? -1 : x.pair[0] > y.pair[0] ? 1 : x.pair[1] < y.pair[1] ? -1 : 1),
    );
    if (sorted.length === 0 || sorted[0].n < 2) break;
    const [a, b] = sorted[0].pair;
    merges.push([a, b]);
    for (const w of words) {
      for (let i = 0; i + 1 < w.length; i++) if (w[i] === a && w[i + 1] === b) w.splice(i, 2, a + b);
    }
  }
  return merges;
}

test("bpeChunks: espacio delante de cada palabra como «▁», nada se pierde", () => {
  assert.deepEqual(bpeChunks("el perro, ¿sí?"), ["el", "▁perro", ",", "▁¿", "sí", "?"]);
  assert.deepEqual(bpeChunks("a  b\nc"), ["a", "▁", "▁b", "\n", "c"]);
  const text = CORPUS.join(" ");
  assert.equal(bpeChunks(text).join("").split(BPE_SPACE).join(" "), text);
});

test("fusiones calculadas a mano, con desempate por orden de cadena", () => {
  // Chunks: "sol", "▁sol", "▁solo". Counts: (s,o) 3, (o,l) 3, (▁,s) 2, (l,o) 1.
  // Tie (o,l) vs (s,o): "o" < "s", so (o,l) first; then (s,ol) 3; then (▁,sol) 2; then (▁sol,o) 1 < 2: stop.
  const tok = BpeTokenizer.train("sol sol solo", { numMerges: 10 });
  assert.deepEqual(tok.merges, [["o", "l"], ["s", "ol"], ["▁", "sol"]]);
  assert.deepEqual(tok.vocabulary, [...SPECIAL_TOKENS, "l", "o", "s", "▁", "ol", "sol", "▁sol"]);
  const work = assertNoLeak(() => tok.encodeAndShowWork("solo sol"));
  assert.deepEqual(work.initial, ["s", "o", "l", "o", "▁", "s", "o", "l"]);
  assert.deepEqual(
    work.steps.map((s) => [s.pair, s.merged, s.rank, s.tokens]),
    [
      [["o", "l"], "ol", 0, ["s", "ol", "o", "▁", "s", "ol"]],
      [["s", "ol"], "sol", 1, ["sol", "o", "▁", "sol"]],
      [["▁", "sol"], "▁sol", 2, ["sol", "o", "▁sol"]],
    ],
  );
  assert.deepEqual(work.ids, [12, 8, 13]);
  assert.deepEqual(tok.encode("solo sol"), [12, 8, 13]);
  assert.equal(tok.decode([12, 8, 13]), "solo sol");
  const more = BpeTokenizer.train("sol sol solo", { numMerges: 4, minFrequency: 1 });
  assert.deepEqual(more.merges[3], ["▁sol", "o"]);
});

test("el entrenamiento incremental coincide con el algoritmo de libro", () => {
  const tok = BpeTokenizer.train(CORPUS, { numMerges: 60 });
  const reference = naiveMerges(CORPUS, 60);
  assert.deepEqual(tok.merges, reference);
});

test("vocabSize se alcanza exactamente; errores de opciones en español", () => {
  const tok = BpeTokenizer.train(CORPUS, { vocabSize: 80 });
  assert.equal(tok.vocabSize, 80);
  assert.throws(() => BpeTokenizer.train(CORPUS, {}), /exactamente una de las opciones 'vocabSize' o 'numMerges'/);
  assert.throws(() => BpeTokenizer.train(CORPUS, { vocabSize: 80, numMerges: 3 }), /exactamente una/);
  assert.throws(() => BpeTokenizer.train(CORPUS, { vocabSize: 10 }), /'vocabSize' debe ser un entero ≥ \d+, y es 10/);
  assert.throws(() => BpeTokenizer.train(CORPUS, { numMerges: -1 }), /'numMerges' debe ser un entero ≥ 0, y es -1/);
  assert.throws(() => BpeTokenizer.train(42 as unknown as string, { numMerges: 1 }), /'texts' debe ser un texto o una lista/);
});

test("la ruta lenta (encodeAndShowWork) y la rápida (encode) dan lo mismo", () => {
  const tok = BpeTokenizer.train(CORPUS, { numMerges: 120 });
  for (const text of [...CORPUS, "el perrito hiperactivo", "[CLS] el perro [SEP] come [MASK]", "€ raro ☃"]) {
    const work = tok.encodeAndShowWork(text);
    assert.deepEqual(work.tokens, tok.tokenize(text));
    assert.deepEqual(work.ids, tok.encode(text));
    assert.deepEqual(work.steps.at(-1)?.tokens ?? work.initial, work.tokens);
    assert.ok(work.steps.every((s, i) => i === 0 || s.rank > work.steps[i - 1].rank), "rangos crecientes");
  }
  assert.deepEqual(tok.tokenize("[CLS] el[SEP]"), ["[CLS]", "▁el", "[SEP]"]);
  const unk = tok.encode("el € perro");
  assert.ok(unk.includes(UNK_ID));
  assert.equal(tok.decode(unk), "el [UNK] perro");
});

test("decode(encode(x)) === x en 500 textos con los caracteres del corpus (tildes, ñ, ¿ ¡, espacios)", () => {
  const tok = BpeTokenizer.train(CORPUS, { numMerges: 150 });
  const alphabet = tok.vocabulary.slice(SPECIAL_TOKENS.length).filter((t) => Array.from(t).length === 1 && t !== BPE_SPACE);
  assert.ok(["á", "ñ", "¿", "¡", "ü", "\n", "\t"].every((c) => alphabet.includes(c)));
  const rng = new Rng(11);
  for (let n = 0; n < 500; n++) {
    const text = Array.from({ length: rng.int(60) }, () => (rng.bernoulli(0.2) ? " " : rng.choice(alphabet))).join("");
    assert.equal(tok.decode(tok.encode(text)), text, JSON.stringify(text));
  }
  for (const x of CORPUS) assert.equal(tok.decode(tok.encode(x)), x);
});

test("guardar y cargar en JSON; errores en español", () => {
  const tok = BpeTokenizer.train(CORPUS, { numMerges: 40 });
  const back = BpeTokenizer.fromJSON(JSON.parse(JSON.stringify(tok)));
  assert.deepEqual(back.merges, tok.merges);
  for (const x of CORPUS) assert.deepEqual(back.encode(x), tok.encode(x));
  assert.throws(() => BpeTokenizer.fromJSON({ type: "bpe", version: 1, vocab: [...SPECIAL_TOKENS, "a"] }), /'merges' debe ser una lista/);
  assert.throws(() => new BpeTokenizer([...SPECIAL_TOKENS, "a", "b"], [["a", "b"]]), /la fusión 0 .* debe ser un par de tokens del vocabulario/);
  assert.throws(() => tok.encode(["hola"] as unknown as string), /BpeTokenizer.encode: 'text' debe ser una cadena/);
  assert.throws(() => tok.encodeAndShowWork(5 as unknown as string), /encodeAndShowWork: 'text' debe ser una cadena/);
  assert.throws(() => tok.decode([tok.vocabSize]), /'ids\[0\]' debe ser un entero entre 0 y/);
  assert.throws(() => tok.tokenToId("[NADA]"), /token especial desconocido/);
});
