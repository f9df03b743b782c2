import { before, test } from "node:test";
import assert from "node:assert/strict";
import { tf, ready } from "./backend";
import { generate } from "./generate";
import { Gpt } from "./gpt";
import { assertNoLeak } from "./testing";

before(ready);

const config = { vocabSize: 9, contextLength: 8, dModel: 16, numHeads: 2, numLayers: 2, dFF: 32, seed: 21 };

/** Greedy generation written out: run the whole (cropped) sequence, take the argmax of the last position. */
function greedyByHand(model: Gpt, prompt: number[], n: number): number[] {
  const seq = prompt.slice();
  for (let i = 0; i < n; i++) {
    const context = seq.slice(-model.config.contextLength);
    const logits = model.forward([context]);
    const last = (logits.arraySync() as number[][][])[0][context.length - 1];
    logits.dispose();
    seq.push(last.indexOf(Math.max(...last)));
  }
  return seq;
}

test("voraz (temperatura 0) = el argmax paso a paso; con y sin caché, también al desbordar el contexto", () => {
  const model = new Gpt(config); // in training mode with dropout: generate must switch to evaluation
  model.eval();
  const expected = greedyByHand(model, [1, 2, 3], 10); // 13 tokens > contextLength 8: the window slides
  model.train();
  for (const useCache of [true, false]) {
    const out = assertNoLeak(() => generate(model, [1, 2, 3], { maxNewTokens: 10, temperature: 0, useCache }));
    assert.deepEqual(out, expected, `useCache ${useCache}`);
  }
  assert.equal(model.training, true, "el modo se restaura");
  model.dispose();
});

test("muestreo sembrado: la caché no cambia los tokens; la semilla sí; lotes; top-k 1 es voraz", () => {
  const model = new Gpt(config);
  const opts = { maxNewTokens: 12, temperature: 1.3, topP: 0.95, seed: 5 };
  const prompts = [[1, 2], [3, 4]];
  const withCache = assertNoLeak(() => generate(model, prompts, opts));
  assert.deepEqual(generate(model, prompts, { ...opts, useCache: false }), withCache);
  assert.equal(withCache.length, 2);
  assert.deepEqual(withCache.map((r) => r.length), [14, 14]);
  assert.deepEqual(withCache.map((r) => r.slice(0, 2)), prompts, "cada resultado empieza por su prompt");
  assert.notDeepEqual(generate(model, prompts, { ...opts, seed: 6 }), withCache);
  const ids = tf.tensor2d(prompts, undefined, "int32");
  assert.deepEqual(generate(model, ids, opts), withCache, "el prompt también puede ser un tensor [B, T]");
  model.eval();
  assert.deepEqual(generate(model, [5], { maxNewTokens: 6, topK: 1, seed: 9 }), greedyByHand(model, [5], 6));
  ids.dispose();
  model.dispose();
});

test("eosId corta cada secuencia tras producirlo; maxNewTokens 0 devuelve el prompt", () => {
  const model = new Gpt(config).eval();
  const greedy = greedyByHand(model, [1, 2], 6).slice(2);
  const eos = greedy[2];
  const cut = generate(model, [1, 2], { maxNewTokens: 6, temperature: 0, eosId: eos });
  assert.deepEqual(cut, [1, 2, ...greedy.slice(0, greedy.indexOf(eos) + 1)]);
  assert.deepEqual(generate(model, [1, 2], { maxNewTokens: 0 }), [1, 2]);
  model.dispose();
});

test("errores en español", () => {
  const model = new Gpt(config);
  assert.throws(() => generate(model, [1, 2, 3, 4, 5, 6, 7, 8, 1], { maxNewTokens: 1 }), /generate: el prompt tiene 9 tokens, más que contextLength = 8 del modelo/);
  assert.throws(() => generate(model, [1, 9], { maxNewTokens: 1 }), /generate: el id 9 .* fuera del vocabulario/);
  assert.throws(() => generate(model, [], { maxNewTokens: 1 }), /'prompt' debe tener al menos un id por fila/);
  assert.throws(() => generate(model, [1], { maxNewTokens: -1 }), /'maxNewTokens' debe ser un entero ≥ 0/);
  assert.throws(() => generate(model, [1], { maxNewTokens: 1, topP: 0 }), /'topP' debe ser mayor que 0/);
  assert.throws(() => generate(model, [1], { maxNewTokens: 1, topK: 0 }), /'topK' debe ser un entero ≥ 1/);
  assert.throws(() => generate(model, [1], { maxNewTokens: 1, eosId: 9 }), /'eosId' debe ser un entero entre 0 y 8/);
  model.dispose();
});
