// Pre-training of the lesson 09 BERT (bertTiny: 2 layers, D 128, 2 heads) on the course's texts,
// with masked LM (80/10/10) and next-sentence prediction. Writes, next to this file:
//   tokenizer.json      the word tokenizer (corpus train + resenas train)
//   model.safetensors   the BertForPreTraining (saveModelFile), with its configuration
//
//   node checkpoints/bert-tiny-curso/train.mjs [--steps 2000] [--until 1250] [--batch 64] [--seed 1234] [--resume]
//
// --out DIR writes model.safetensors there instead of next to this file.
// --until stops the run at that step (the learning-rate schedule is still the one of --steps): the
// shipped checkpoint is the one of step 1250 of a 2000-step schedule (see README.md).
//
// Every --save-every steps it saves the model and, outside the repository (the system's temporary
// folder), the optimizer state; --resume continues an interrupted run from there (same batches in
// the same order; the masks of the resumed part are drawn from a new seed, SEED + 1 + step).
//
// Data (all from train splits; valid is only for the log):
//   · the 15 000 sentences of `corpus`, one per input: [CLS] frase [SEP]           (MLM only)
//   · the 5 000 reviews of `resenas` without their labels: [CLS] reseña [SEP]      (MLM only)
//   · the 6 886 NSP pairs of `resenas`: [CLS] A [SEP] B [SEP], segments 0…0 1…1    (MLM + NSP)
// Inputs without a pair get the NSP label IGNORE_INDEX, so they add nothing to that loss.
import { createRequire } from "node:module";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { numberOption } from "../../scripts/lib/args.mjs";

const require = createRequire(import.meta.url);
const A = require("atencion");
const { tf } = A;

const HERE = path.dirname(fileURLToPath(import.meta.url));
const arg = (name, fallback) => numberOption(process.argv, name, fallback);
const STEPS = arg("steps", 2000);
const BATCH = arg("batch", 64);
const SEED = arg("seed", 1234);
const LR = arg("lr", 1e-3);
const SAVE_EVERY = arg("save-every", 250);
const UNTIL = Math.min(arg("until", STEPS), STEPS);
const RESUME = process.argv.includes("--resume");
const OUT = process.argv.includes("--out") ? process.argv[process.argv.indexOf("--out") + 1] : HERE;   // where model.safetensors goes
const MODEL_FILE = path.join(OUT, "model.safetensors");
const STATE_FILE = path.join(os.tmpdir(), "atencion-bert-tiny-curso.state.safetensors");

await A.ready();
const corpus = A.loadCorpus();
const resenas = A.loadResenas();

// The tokenizer: every word of the two training splits (the valid/test words all appear there).
const tokenizer = A.WordTokenizer.train([...corpus.train, ...resenas.train.map((r) => r.text)]);
writeFileSync(path.join(HERE, "tokenizer.json"), JSON.stringify(tokenizer) + "\n");

/** [CLS] a [SEP] (b [SEP]) and the segment of each id. */
function encode(a, b) {
  const ia = tokenizer.encode(a);
  const ids = [A.CLS_ID, ...ia, A.SEP_ID];
  const segments = ids.map(() => 0);
  if (b !== undefined) {
    const ib = tokenizer.encode(b);
    ids.push(...ib, A.SEP_ID);
    segments.push(...ib.map(() => 1), 1);
  }
  return { ids, segments };
}

const single = (text) => ({ ...encode(text), nsp: A.IGNORE_INDEX });
const pair = (p) => ({ ...encode(p.first, p.second), nsp: p.isNext ? 0 : 1 }); // 0 = B follows A (as BERT)
const examples = [...corpus.train.map(single), ...resenas.train.map((r) => single(r.text)), ...resenas.nsp.train.map(pair)];
const validExamples = [...corpus.valid.slice(0, 256).map(single), ...resenas.nsp.valid.slice(0, 256).map(pair)];
const maxLen = Math.max(...examples.map((e) => e.ids.length), ...validExamples.map((e) => e.ids.length));
console.log(`vocabulario ${tokenizer.vocabSize}, ${examples.length} entradas de entrenamiento, la más larga ${maxLen} fichas`);

const config = { ...A.bertTiny, vocabSize: tokenizer.vocabSize, maxLen: 64, seed: SEED };
const model = new A.BertForPreTraining(config);
console.log(`parámetros: ${model.numParameters()}`);
const optimizer = new A.AdamW(model, { lr: LR, weightDecay: 0.01 });

// Resuming: the weights from model.safetensors, the optimizer state and the step from STATE_FILE.
let startStep = 0;
if (RESUME) {
  const saved = A.loadModelFile(MODEL_FILE, "bertForPreTraining");
  model.loadStateDict(saved.stateDict());
  saved.dispose();
  if (existsSync(STATE_FILE)) {
    const { tensors, metadata } = A.loadSafetensors(new Uint8Array(readFileSync(STATE_FILE)));
    optimizer.loadStateDict(tensors);
    tf.dispose(Object.values(tensors));
    startStep = Number(metadata.step);
  } else {
    // No optimizer state (the run died before saving one): the weights, fresh AdamW moments, and
    // the step given by --start (the step at which model.safetensors was saved).
    startStep = arg("start", NaN);
    if (!(startStep > 0 && startStep % SAVE_EVERY === 0)) throw new Error("sin estado guardado: indica --start con el paso del modelo guardado");
    console.log("sin estado del optimizador: momentos de AdamW nuevos");
  }
  console.log(`continúo desde el paso ${startStep}`);
}
function save(step) {
  A.saveModelFile(model, MODEL_FILE);
  const state = optimizer.stateDict();
  writeFileSync(STATE_FILE, A.saveSafetensors(state, { step: String(step) }));
  tf.dispose(Object.values(state));
}

const SPECIAL = [A.PAD_ID, A.UNK_ID, A.BOS_ID, A.EOS_ID, A.CLS_ID, A.SEP_ID];
const maskRng = new A.Rng(SEED + 1 + startStep);

/** Pads a list of examples and masks them afresh (dynamic masking): tensors for one step. */
function toBatch(list, rng) {
  const width = Math.max(...list.map((e) => e.ids.length));
  const pad = (row) => [...row, ...new Array(width - row.length).fill(A.PAD_ID)];
  const ids = list.map((e) => pad(e.ids));
  const { inputs, labels } = A.maskTokens(ids, { vocabSize: tokenizer.vocabSize, maskId: A.MASK_ID, specialIds: SPECIAL, rng });
  return {
    inputs: tf.tensor2d(inputs, undefined, "int32"),
    labels: tf.tensor2d(labels, undefined, "int32"),
    segments: tf.tensor2d(list.map((e) => pad(e.segments)), undefined, "int32"),
    attention: tf.tensor2d(ids.map((row) => row.map((id) => (id === A.PAD_ID ? 0 : 1))), undefined, "float32"),
    nsp: tf.tensor1d(list.map((e) => e.nsp), "int32"),
  };
}

/** The batches of one epoch: shuffled, then grouped by length so that little is padding. */
function epochBatches(epoch) {
  const order = new A.Rng(SEED + 100 + epoch).shuffle(examples);
  const out = [];
  const chunk = BATCH * 32;
  for (let start = 0; start < order.length; start += chunk) {
    const part = order.slice(start, start + chunk).sort((a, b) => a.ids.length - b.ids.length);
    for (let i = 0; i + BATCH <= part.length; i += BATCH) out.push(part.slice(i, i + BATCH));
  }
  return new A.Rng(SEED + 200 + epoch).shuffle(out);
}

/** The epoch's batches as tensors, made one at a time and freed after their step (`skip` the first ones). */
function* tensorBatches(epoch, skip = 0) {
  for (const list of epochBatches(epoch).slice(skip)) {
    const batch = toBatch(list, maskRng);
    try {
      yield batch;
    } finally {
      tf.dispose(Object.values(batch));
    }
  }
}

function losses(batch) {
  const { mlmLogits, nspLogits } = model.forward(batch.inputs, { segmentIds: batch.segments, attentionMask: batch.attention });
  const mlm = A.crossEntropy(mlmLogits, batch.labels, { ignoreIndex: A.IGNORE_INDEX });
  const nsp = A.crossEntropy(nspLogits, batch.nsp, { ignoreIndex: A.IGNORE_INDEX });
  return { mlm, nsp, mlmLogits, nspLogits };
}

// A fixed masking of the valid inputs, for comparable numbers along the run.
const validBatches = A.batches(validExamples, 64).map((list) => toBatch(list, new A.Rng(SEED + 7)));
function evaluate() {
  let mlmSum = 0, mlmHits = 0, mlmCount = 0, nspHits = 0, nspCount = 0;
  for (const b of validBatches) {
    tf.tidy(() => {
      const { mlmLogits, nspLogits } = losses(b);
      const n = b.labels.notEqual(A.IGNORE_INDEX).sum().dataSync()[0];
      mlmSum += A.crossEntropy(mlmLogits, b.labels, { ignoreIndex: A.IGNORE_INDEX, reduction: "sum" }).dataSync()[0];
      mlmHits += A.accuracy(mlmLogits, b.labels, { ignoreIndex: A.IGNORE_INDEX }) * n;
      mlmCount += n;
      const m = b.nsp.notEqual(A.IGNORE_INDEX).sum().dataSync()[0];
      if (m > 0) {
        nspHits += A.accuracy(nspLogits, b.nsp, { ignoreIndex: A.IGNORE_INDEX }) * m;
        nspCount += m;
      }
    });
  }
  return { mlmLoss: +(mlmSum / mlmCount).toFixed(4), mlmAcc: +(mlmHits / mlmCount).toFixed(4), nspAcc: +(nspHits / nspCount).toFixed(4) };
}

const schedule = A.warmupLinearSchedule({ peakLr: LR, warmup: Math.round(STEPS / 20), totalSteps: STEPS });
const perEpoch = epochBatches(0).length;
const startEpoch = Math.floor(startStep / perEpoch);
const started = Date.now();
let last;
const result = await A.train({
  module: model,
  optimizer,
  schedule: (step) => schedule(startStep + step),
  clipNorm: 1,
  steps: UNTIL - startStep,
  batches: (epoch) => (epoch === 0 ? tensorBatches(startEpoch, startStep % perEpoch) : tensorBatches(startEpoch + epoch)),
  loss: (batch) => {
    const { mlm, nsp } = losses(batch);
    return mlm.add(nsp);
  },
  evalEvery: SAVE_EVERY, // the saved steps are multiples of SAVE_EVERY, so a resumed run keeps the rhythm
  evaluate: () => evaluate(),
  onProgress: (entry) => {
    if (entry.eval !== undefined && entry.eval !== last) {
      last = entry.eval;
      const minutes = ((Date.now() - started) / 60000).toFixed(1);
      console.log(`paso ${startStep + entry.step} · ${minutes} min · pérdida ${entry.loss.toFixed(3)} · valid ${JSON.stringify(entry.eval)}`);
      save(startStep + entry.step);
    }
  },
});
save(UNTIL);
console.log(`hecho: ${result.steps} pasos en ${(result.seconds / 60).toFixed(1)} min; valid ${JSON.stringify(evaluate())}`);
