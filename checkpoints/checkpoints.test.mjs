// The shipped checkpoints (checkpoints/<name>/model.safetensors): each one loads with
// `loadModelFile`, is small, has the configuration its lesson expects, and runs a forward pass of
// the right shape without leaking tensors. Accuracy is not checked here: the lessons measure it.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const A = require("atencion");
const { tf } = A;

const HERE = path.dirname(fileURLToPath(import.meta.url));
const MAX_BYTES = 3 * 1024 * 1024;

before(A.ready);

const checkpoints = readdirSync(HERE).filter((d) => existsSync(path.join(HERE, d, "model.safetensors")));

test("every checkpoint loads, is at most 3 MB, and has as many parameters as its configuration says", () => {
  assert.ok(checkpoints.length > 0);
  for (const name of checkpoints) {
    const file = path.join(HERE, name, "model.safetensors");
    assert.ok(statSync(file).size <= MAX_BYTES, `${name}: ${statSync(file).size} bytes`);
    assert.ok(existsSync(path.join(HERE, name, "README.md")), `${name}: falta README.md`);
    assert.ok(existsSync(path.join(HERE, name, "train.mjs")), `${name}: falta train.mjs`);
    const before = tf.memory().numTensors;
    const model = A.loadModelFile(file);
    assert.equal(model.numParameters(), A.countParameters(model.config), name);
    assert.equal(model.training, false, `${name}: loadModelFile returns it in evaluation mode`);
    model.dispose();
    assert.equal(tf.memory().numTensors, before, `${name}: leaked tensors`);
  }
});

// --- Lesson 09: BERT pre-trained on the course's texts, and fine-tuned on resenas ---------------

/** The lesson 09 tokenizer, rebuilt from the data sets exactly as the lesson and train.mjs do. */
function lesson09Tokenizer() {
  const corpus = A.loadCorpus();
  const resenas = A.loadResenas();
  return A.WordTokenizer.train([...corpus.train, ...resenas.train.map((r) => r.text)]);
}

const bertEncoder = (vocabSize) => ({ vocabSize, maxLen: 64, dModel: 128, numHeads: 2, numLayers: 2, dFF: 512, typeVocabSize: 2 });

test("bert-tiny-curso: the saved tokenizer is the one the lesson rebuilds from the data sets", () => {
  const saved = A.loadTokenizer(readFileSync(path.join(HERE, "bert-tiny-curso", "tokenizer.json"), "utf8"));
  const rebuilt = lesson09Tokenizer();
  assert.deepEqual([...saved.vocabulary], [...rebuilt.vocabulary]);
  assert.equal(saved.vocabSize, 663);
});

test("bert-tiny-curso: a bertTiny BertForPreTraining; MLM logits [B, T, V] and NSP logits [B, 2]", () => {
  const before = tf.memory().numTensors;
  const model = A.loadModelFile(path.join(HERE, "bert-tiny-curso", "model.safetensors"), "bertForPreTraining");
  const { config } = model;
  for (const [key, value] of Object.entries(bertEncoder(663))) assert.equal(config[key], value, key);
  const ids = [[A.CLS_ID, 10, A.MASK_ID, 12, A.SEP_ID, 20, 21, A.SEP_ID], [A.CLS_ID, 30, 31, A.SEP_ID, A.PAD_ID, A.PAD_ID, A.PAD_ID, A.PAD_ID]];
  const segmentIds = [[0, 0, 0, 0, 0, 1, 1, 1], [0, 0, 0, 0, 0, 0, 0, 0]];
  const attentionMask = tf.tensor2d(ids.map((row) => row.map((id) => (id === A.PAD_ID ? 0 : 1))));
  const { mlmLogits, nspLogits } = model.forward(ids, { segmentIds, attentionMask });
  assert.deepEqual(mlmLogits.shape, [2, 8, 663]);
  assert.deepEqual(nspLogits.shape, [2, 2]);
  assert.ok(Array.from(mlmLogits.dataSync()).every(Number.isFinite));
  tf.dispose([mlmLogits, nspLogits, attentionMask]);
  model.dispose();
  assert.equal(tf.memory().numTensors, before);
});

test("bert-tiny-resenas: a BertForSequenceClassification with the same encoder; logits [B, 2]", () => {
  const before = tf.memory().numTensors;
  const model = A.loadModelFile(path.join(HERE, "bert-tiny-resenas", "model.safetensors"), "bertForSequenceClassification");
  const { config } = model;
  for (const [key, value] of Object.entries({ ...bertEncoder(663), numLabels: 2 })) assert.equal(config[key], value, key);
  const attentionMask = tf.tensor2d([[1, 1, 1, 1, 1], [1, 1, 1, 0, 0]]);
  const logits = model.forward([[A.CLS_ID, 10, 11, 12, A.SEP_ID], [A.CLS_ID, 13, A.SEP_ID, A.PAD_ID, A.PAD_ID]], { attentionMask });
  assert.deepEqual(logits.shape, [2, 2]);
  const p = tf.tidy(() => tf.softmax(logits).sum(-1).dataSync());
  for (const s of p) assert.ok(Math.abs(s - 1) < 1e-5);
  tf.dispose([logits, attentionMask]);
  model.dispose();
  assert.equal(tf.memory().numTensors, before);
});
