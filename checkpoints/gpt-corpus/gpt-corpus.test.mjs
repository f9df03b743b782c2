// The GPT checkpoint of lesson 10 (checkpoints/gpt-corpus): it loads, has the configuration its
// README describes, goes with the corpus's word tokenizer, and runs a forward pass of the right
// shape without leaking tensors. Its accuracy is measured in notebooks/10-gpt.ipynb, not here.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { BOS_ID, EOS_ID, Gpt, WordTokenizer, loadCorpus, loadModelFile, loadTokenizer, ready, tf } from "atencion";

const dir = path.dirname(fileURLToPath(import.meta.url));
const file = (name) => path.join(dir, name);

before(ready);

test("gpt-corpus: gptNano de palabras, sin dropout, y pesa menos de 1 MB", () => {
  assert.ok(statSync(file("model.safetensors")).size < 1_000_000);
  const model = loadModelFile(file("model.safetensors"), "gpt");
  try {
    assert.ok(model instanceof Gpt);
    assert.deepEqual(
      { ...model.config },
      { kind: "gpt", vocabSize: 449, contextLength: 64, dModel: 64, numHeads: 4, numLayers: 2, dFF: 256, dropout: 0, layerNormEps: 1e-5, tieEmbeddings: true, seed: 1234 },
    );
    assert.equal(model.numParameters(), 132928);
    assert.equal(model.training, false);
  } finally {
    model.dispose();
  }
});

test("gpt-corpus: el tokenizador guardado es el de palabras del corpus (el mismo id para cada palabra)", () => {
  const saved = loadTokenizer(readFileSync(file("tokenizer.json"), "utf8"));
  const fresh = WordTokenizer.train(loadCorpus().train);
  assert.equal(saved.type, "word");
  assert.deepEqual(saved.vocabulary, fresh.vocabulary);
  assert.equal(saved.vocabSize, 449);
});

test("gpt-corpus: una frase da logits [1, T, V] finitos y no quedan tensores", () => {
  const tokenizer = loadTokenizer(readFileSync(file("tokenizer.json"), "utf8"));
  const before = tf.memory().numTensors;
  const model = loadModelFile(file("model.safetensors"), "gpt");
  const ids = [BOS_ID, ...tokenizer.encode("La perra de Evan, Riley, es tan hiperactiva que ella nunca deja de moverse."), EOS_ID];
  const logits = model.forward([ids]);
  try {
    assert.deepEqual(logits.shape, [1, ids.length, 449]);
    assert.ok(logits.dataSync().every(Number.isFinite));
  } finally {
    logits.dispose();
    model.dispose();
  }
  assert.equal(tf.memory().numTensors, before);
});

test("gpt-corpus: history.json recoge el entrenamiento que cuenta el README", () => {
  const history = JSON.parse(readFileSync(file("history.json"), "utf8"));
  assert.equal(history.steps, 1000);
  assert.equal(history.batch, 32);
  assert.equal(history.config.seed, 1234);
  assert.ok(history.loss.length > 0 && history.evals.length > 0);
  assert.equal(history.evals.at(-1).step, 1000);
});
