// Fine-tuning of the lesson 09 BERT on `resenas` (sentiment, positiva / negativa): the encoder
// starts from the pre-trained checkpoint `../bert-tiny-curso/model.safetensors`, a new linear layer
// reads the pooled [CLS] vector. Writes `model.safetensors` (BertForSequenceClassification) here:
// the weights of the step with the best accuracy on valid (test is only read by the lesson).
//
//   node checkpoints/bert-tiny-resenas/train.mjs [--steps 800] [--batch 32] [--lr 3e-4] [--seed 1234]
//   node checkpoints/bert-tiny-resenas/train.mjs --scratch    same recipe without pre-training (for comparison; saves nothing)
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { numberOption } from "../../scripts/lib/args.mjs";

const require = createRequire(import.meta.url);
const A = require("atencion");
const { tf } = A;

const HERE = path.dirname(fileURLToPath(import.meta.url));
const PRETRAINED = path.join(HERE, "..", "bert-tiny-curso");
const arg = (name, fallback) => numberOption(process.argv, name, fallback);
const STEPS = arg("steps", 800);
const BATCH = arg("batch", 32);
const LR = arg("lr", 3e-4);
const SEED = arg("seed", 1234);
const EVAL_EVERY = arg("eval-every", 100);
const SCRATCH = process.argv.includes("--scratch");

await A.ready();
const resenas = A.loadResenas();
const tokenizer = A.loadTokenizer(readFileSync(path.join(PRETRAINED, "tokenizer.json"), "utf8"));

let model;
if (SCRATCH) {
  model = new A.BertForSequenceClassification({ ...A.bertTiny, kind: undefined, vocabSize: tokenizer.vocabSize, maxLen: 64, seed: SEED });
} else {
  const pre = A.loadModelFile(path.join(PRETRAINED, "model.safetensors"), "bertForPreTraining");
  model = new A.BertForSequenceClassification({ ...pre.config, kind: undefined, seed: SEED });
  model.bert.loadStateDict(pre.bert.stateDict());
  pre.dispose();
}
console.log(`${SCRATCH ? "sin pre-entrenar" : "desde bert-tiny-curso"}: ${model.numParameters()} parámetros`);

/** [CLS] reseña [SEP] and the class: 1 = positiva, 0 = negativa. */
const encode = (r) => ({ ids: [A.CLS_ID, ...tokenizer.encode(r.text), A.SEP_ID], label: r.positive ? 1 : 0 });
const trainSet = resenas.train.map(encode);
const validSet = resenas.valid.map(encode);

function toBatch(list) {
  const width = Math.max(...list.map((e) => e.ids.length));
  const ids = list.map((e) => [...e.ids, ...new Array(width - e.ids.length).fill(A.PAD_ID)]);
  return {
    ids: tf.tensor2d(ids, undefined, "int32"),
    attention: tf.tensor2d(ids.map((row) => row.map((id) => (id === A.PAD_ID ? 0 : 1))), undefined, "float32"),
    labels: tf.tensor1d(list.map((e) => e.label), "int32"),
  };
}

function* epochBatches(epoch) {
  for (const list of A.batches(trainSet, BATCH, { shuffle: true, seed: SEED + epoch, dropLast: true })) {
    const batch = toBatch(list);
    try {
      yield batch;
    } finally {
      tf.dispose(Object.values(batch));
    }
  }
}

const validBatches = A.batches(validSet, 100).map(toBatch);
function validAccuracy() {
  let hits = 0;
  for (const b of validBatches) {
    const logits = model.forward(b.ids, { attentionMask: b.attention });
    hits += A.accuracy(logits, b.labels) * b.labels.shape[0];
    logits.dispose();
  }
  return hits / validSet.length;
}

let best = { acc: -1, step: 0, seenAt: 0 };
const optimizer = new A.AdamW(model, { lr: LR, weightDecay: 0.01 });
const started = Date.now();
const result = await A.train({
  module: model,
  optimizer,
  schedule: A.warmupLinearSchedule({ peakLr: LR, warmup: Math.round(STEPS / 10), totalSteps: STEPS }),
  clipNorm: 1,
  steps: STEPS,
  batches: (epoch) => epochBatches(epoch),
  loss: (b) => A.crossEntropy(model.forward(b.ids, { attentionMask: b.attention }), b.labels),
  evalEvery: EVAL_EVERY,
  evaluate: () => validAccuracy(),
  onProgress: (entry) => {
    if (entry.eval === undefined || entry.step === best.seenAt) return;
    best.seenAt = entry.step;
    const minutes = ((Date.now() - started) / 60000).toFixed(1);
    console.log(`paso ${entry.step} · ${minutes} min · pérdida ${entry.loss.toFixed(3)} · acierto en valid ${(100 * entry.eval).toFixed(1)} %`);
    if (entry.eval > best.acc) {
      best = { ...best, acc: entry.eval, step: entry.step };
      if (!SCRATCH) A.saveModelFile(model, path.join(HERE, "model.safetensors")); // the best so far
    }
  },
});
console.log(`hecho: ${result.steps} pasos en ${(result.seconds / 60).toFixed(1)} min; mejor valid ${(100 * best.acc).toFixed(1)} % en el paso ${best.step}`);
if (!SCRATCH) console.log(`guardado model.safetensors (paso ${best.step})`);
