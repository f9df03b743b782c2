// The shipped checkpoints: each loads with loadModelFile, has the configuration its README states,
// runs a forward pass of the right shape and leaves no tensors behind. Their accuracy is measured
// in the lessons, on held-out data, not here.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import atencion from "atencion";

const { tf, ready, loadModelFile, loadNumeros, loadTraduccion, SPECIAL_TOKENS, PAD_ID, BOS_ID, greedyDecode, EOS_ID } = atencion;
const here = path.dirname(fileURLToPath(import.meta.url));

before(ready);

// Every checkpoint folder: model.safetensors ≤ 3 MB with its README.md and train.mjs; it loads in
// evaluation mode with as many parameters as its configuration says, without leaking tensors.
test("cada punto de control carga, pesa ≤ 3 MB, tiene README.md y train.mjs y los parámetros de su configuración", () => {
  const names = readdirSync(here).filter((d) => existsSync(path.join(here, d, "model.safetensors")));
  assert.ok(names.length > 0);
  for (const name of names) {
    const file = path.join(here, name, "model.safetensors");
    assert.ok(statSync(file).size <= 3 * 1024 * 1024, `${name}: ${statSync(file).size} bytes`);
    assert.ok(existsSync(path.join(here, name, "README.md")), `${name}: falta README.md`);
    assert.ok(existsSync(path.join(here, name, "train.mjs")), `${name}: falta train.mjs`);
    const start = tf.memory().numTensors;
    const model = loadModelFile(file);
    assert.equal(model.numParameters(), atencion.countParameters(model.config), name);
    assert.equal(model.training, false, `${name}: loadModelFile lo devuelve en modo evaluación`);
    model.dispose();
    assert.equal(tf.memory().numTensors, start, `${name}: fuga de tensores`);
  }
});

// Lesson 08: an encoder–decoder Transformer (transformerTiny) per data set; vocabularies = special tokens + the data set's symbols.
const seq2seq = [
  { name: "numeros", src: () => loadNumeros().vocab.source.length, tgt: () => loadNumeros().vocab.targetWords.length, srcLen: 9, tgtLen: 15 },
  { name: "traduccion", src: () => loadTraduccion().vocab.source.length, tgt: () => loadTraduccion().vocab.target.length, srcLen: 14, tgtLen: 16 },
];

for (const c of seq2seq) {
  test(`checkpoints/${c.name}: Transformer transformerTiny, forward [B, Tt, V] y decodificación sin fugas`, () => {
    const file = path.join(here, c.name, "model.safetensors");
    assert.ok(statSync(file).size < 3e6, "cada punto de control pesa menos de 3 MB");
    const start = tf.memory().numTensors;
    const model = loadModelFile(file, "transformer");
    try {
      const cfg = model.config;
      const srcVocab = SPECIAL_TOKENS.length + c.src();
      const tgtVocab = SPECIAL_TOKENS.length + c.tgt();
      assert.deepEqual(
        [cfg.kind, cfg.srcVocabSize, cfg.tgtVocabSize, cfg.dModel, cfg.numHeads, cfg.numEncoderLayers, cfg.numDecoderLayers, cfg.dFF, cfg.maxLen],
        ["transformer", srcVocab, tgtVocab, 64, 4, 2, 2, 256, 32],
      );
      assert.equal(model.training, false, "loadModelFile devuelve el modelo en modo evaluación");
      const src = [Array.from({ length: c.srcLen }, (_, i) => (i < 2 ? PAD_ID : SPECIAL_TOKENS.length + (i % (srcVocab - SPECIAL_TOKENS.length))))];
      const tgt = [[BOS_ID, ...Array.from({ length: c.tgtLen - 1 }, (_, i) => SPECIAL_TOKENS.length + i)]];
      const logits = model.forward(src, tgt, { srcPadId: PAD_ID });
      assert.deepEqual(logits.shape, [1, c.tgtLen, tgtVocab]);
      assert.ok(logits.dataSync().every(Number.isFinite));
      logits.dispose();
      const out = greedyDecode(model, src, { maxLen: 4, bosId: BOS_ID, eosId: EOS_ID, srcPadId: PAD_ID });
      assert.equal(out.length, 1);
      assert.ok(out[0].length <= 4 && out[0].every((id) => Number.isInteger(id) && id >= 0 && id < tgtVocab));
    } finally {
      model.dispose();
    }
    assert.equal(tf.memory().numTensors, start);
  });
}

// --- Lesson 09: BERT pre-trained on the course's texts, and fine-tuned on resenas ---------------

/** The lesson 09 tokenizer, rebuilt from the data sets exactly as the lesson and train.mjs do. */
function lesson09Tokenizer() {
  const corpus = atencion.loadCorpus();
  const resenas = atencion.loadResenas();
  return atencion.WordTokenizer.train([...corpus.train, ...resenas.train.map((r) => r.text)]);
}

const bertEncoder = (vocabSize) => ({ vocabSize, maxLen: 64, dModel: 128, numHeads: 2, numLayers: 2, dFF: 512, typeVocabSize: 2 });

test("bert-tiny-curso: the saved tokenizer is the one the lesson rebuilds from the data sets", () => {
  const saved = atencion.loadTokenizer(readFileSync(path.join(here, "bert-tiny-curso", "tokenizer.json"), "utf8"));
  const rebuilt = lesson09Tokenizer();
  assert.deepEqual([...saved.vocabulary], [...rebuilt.vocabulary]);
  assert.equal(saved.vocabSize, 663);
});

test("bert-tiny-curso: a bertTiny BertForPreTraining; MLM logits [B, T, V] and NSP logits [B, 2]", () => {
  const before = tf.memory().numTensors;
  const model = atencion.loadModelFile(path.join(here, "bert-tiny-curso", "model.safetensors"), "bertForPreTraining");
  const { config } = model;
  for (const [key, value] of Object.entries(bertEncoder(663))) assert.equal(config[key], value, key);
  const ids = [[atencion.CLS_ID, 10, atencion.MASK_ID, 12, atencion.SEP_ID, 20, 21, atencion.SEP_ID], [atencion.CLS_ID, 30, 31, atencion.SEP_ID, atencion.PAD_ID, atencion.PAD_ID, atencion.PAD_ID, atencion.PAD_ID]];
  const segmentIds = [[0, 0, 0, 0, 0, 1, 1, 1], [0, 0, 0, 0, 0, 0, 0, 0]];
  const attentionMask = tf.tensor2d(ids.map((row) => row.map((id) => (id === atencion.PAD_ID ? 0 : 1))));
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
  const model = atencion.loadModelFile(path.join(here, "bert-tiny-resenas", "model.safetensors"), "bertForSequenceClassification");
  const { config } = model;
  for (const [key, value] of Object.entries({ ...bertEncoder(663), numLabels: 2 })) assert.equal(config[key], value, key);
  const attentionMask = tf.tensor2d([[1, 1, 1, 1, 1], [1, 1, 1, 0, 0]]);
  const logits = model.forward([[atencion.CLS_ID, 10, 11, 12, atencion.SEP_ID], [atencion.CLS_ID, 13, atencion.SEP_ID, atencion.PAD_ID, atencion.PAD_ID]], { attentionMask });
  assert.deepEqual(logits.shape, [2, 2]);
  const p = tf.tidy(() => tf.softmax(logits).sum(-1).dataSync());
  for (const s of p) assert.ok(Math.abs(s - 1) < 1e-5);
  tf.dispose([logits, attentionMask]);
  model.dispose();
  assert.equal(tf.memory().numTensors, before);
});
