// Trains the GPT of lesson 10 on the course corpus and saves it next to this file:
//   model.safetensors   the model (saveModelFile: weights + configuration)
//   tokenizer.json      the word tokenizer it reads
//   history.json        the training curve and the periodic evaluations (valid perplexity, minimal pairs)
//
//   npm run build && node checkpoints/gpt-corpus/train.mjs [--steps 1000] [--batch 32] [--lr 3e-3]
//
// The model is the `gptNano` preset with the corpus's word vocabulary: D 64, 4 heads, 2 blocks,
// context 64, no dropout. Each row of a batch holds whole sentences, "[BOS] words… [EOS]" one after
// another, padded to 64 tokens; padding is ignored by the loss. Seeds: the model's is COURSE_SEED,
// the sentences are shuffled and packed again each epoch with COURSE_SEED + epoch.
import { createRequire } from "node:module";
import { writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { numberOption } from "../../scripts/lib/args.mjs";

const require = createRequire(import.meta.url);
const a = require("../../lib/dist/index.js");
const { tf } = a;
const here = path.dirname(fileURLToPath(import.meta.url));

const arg = (name, fallback) => numberOption(process.argv, name, fallback);
const STEPS = arg("steps", 1000);
const BATCH = arg("batch", 32);
const LR = arg("lr", 3e-3);
const EVAL_EVERY = arg("eval-every", 200);
const SAVE_EVERY = arg("save-every", 400);

await a.ready();
const { train, valid, minimalPairs } = a.loadCorpus();
const tokenizer = a.WordTokenizer.train(train);
const config = { ...a.gptNano, vocabSize: tokenizer.vocabSize, dropout: 0, seed: a.COURSE_SEED };
const CONTEXT = config.contextLength;

/** "[BOS] words… [EOS]" as ids. */
const encode = (sentence) => [a.BOS_ID, ...tokenizer.encode(sentence), a.EOS_ID];

/** Whole sentences packed into rows of CONTEXT ids, padded with PAD_ID. */
function pack(sentences) {
  const rows = [];
  let row = [];
  for (const s of sentences) {
    const ids = encode(s);
    if (row.length + ids.length > CONTEXT) {
      rows.push(row);
      row = [];
    }
    row.push(...ids);
  }
  if (row.length > 0) rows.push(row);
  return rows.map((r) => [...r, ...new Array(CONTEXT - r.length).fill(a.PAD_ID)]);
}

/** The sentences in a seeded order, packed, in batches: one epoch. */
function epochBatches(epoch) {
  const order = a.batches(train, train.length, { shuffle: true, seed: a.COURSE_SEED + epoch })[0];
  return a.batches(pack(order), BATCH, { shuffle: true, seed: a.COURSE_SEED + epoch });
}

const model = new a.Gpt(config);
const optimizer = new a.AdamW(model, { lr: LR, weightDecay: 0.01 });

/** Next-token cross-entropy of a batch of rows [B, CONTEXT]: inputs are ids 0…T−2, targets ids 1…T−1. */
const lossOf = (rows) =>
  tf.tidy(() => {
    const x = tf.tensor2d(rows.map((r) => r.slice(0, -1)), undefined, "int32"); // [B, T]
    const y = tf.tensor2d(rows.map((r) => r.slice(1)), undefined, "int32"); // [B, T]
    return a.crossEntropy(model.forward(x), y, { ignoreIndex: a.PAD_ID });
  });

/** Log-probability of each sentence ([BOS] … [EOS], every word and [EOS] scored), in batches. */
function sentenceLogProbs(sentences) {
  const out = [];
  for (let i = 0; i < sentences.length; i += 250) {
    const ids = sentences.slice(i, i + 250).map(encode);
    const width = Math.max(...ids.map((r) => r.length));
    const rows = ids.map((r) => [...r, ...new Array(width - r.length).fill(a.PAD_ID)]);
    out.push(
      ...tf.tidy(() => {
        const x = tf.tensor2d(rows.map((r) => r.slice(0, -1)), undefined, "int32");
        const y = tf.tensor2d(rows.map((r) => r.slice(1)), undefined, "int32");
        const nll = a.crossEntropy(model.forward(x), y, { ignoreIndex: a.PAD_ID, reduction: "none" }); // [B, T]
        return nll.sum(1).neg().arraySync();
      }),
    );
  }
  return out;
}

function evaluate() {
  const logProbs = sentenceLogProbs(valid);
  const tokens = valid.reduce((n, s) => n + encode(s).length - 1, 0);
  const result = { validPerplexity: Math.exp(-logProbs.reduce((x, y) => x + y, 0) / tokens) };
  const good = sentenceLogProbs(minimalPairs.map((p) => p.good));
  const bad = sentenceLogProbs(minimalPairs.map((p) => p.bad));
  for (const phenomenon of [...a.AGREEMENT_PHENOMENA, "total"]) {
    const idx = minimalPairs.flatMap((p, i) => (phenomenon === "total" || p.phenomenon === phenomenon ? [i] : []));
    result[phenomenon] = idx.filter((i) => good[i] > bad[i]).length / idx.length;
  }
  return result;
}

const save = () => {
  a.saveModelFile(model, path.join(here, "model.safetensors"));
  writeFileSync(path.join(here, "tokenizer.json"), JSON.stringify(tokenizer) + "\n");
};

console.log(`gptNano de palabras: ${model.numParameters()} parámetros, vocabulario ${tokenizer.vocabSize}, ${a.backendName()}`);
const started = Date.now();
const evals = [];
const result = await a.train({
  module: model,
  optimizer,
  steps: STEPS,
  batches: epochBatches,
  loss: lossOf,
  schedule: a.warmupCosineSchedule({ peakLr: LR, warmup: Math.min(100, Math.floor(STEPS / 10)), totalSteps: STEPS, minLr: LR / 10 }),
  clipNorm: 1,
  evalEvery: EVAL_EVERY,
  evaluate: (step) => {
    const r = evaluate();
    evals.push({ step, ...r });
    const pct = (x) => (100 * x).toFixed(1);
    console.log(
      `paso ${step} (${((Date.now() - started) / 1000).toFixed(0)} s): perplejidad valid ${r.validPerplexity.toFixed(2)} · pares ` +
        `${pct(r["sujeto-verbo"])} / ${pct(r["sustantivo-adjetivo"])} / ${pct(r["pronombre-antecedente"])} · total ${pct(r.total)} %`,
    );
    return r.validPerplexity;
  },
  onProgress: (entry) => {
    if (entry.step % SAVE_EVERY === 0) save();
  },
  logEvery: 50,
});
save();
const history = {
  config,
  steps: result.steps,
  batch: BATCH,
  peakLr: LR,
  trainSeconds: Math.round(result.trainSeconds),
  seconds: Math.round((Date.now() - started) / 1000),
  machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}, ${a.backendName()}, Node ${process.version}`,
  loss: result.history.filter((h) => h.step % 10 === 0).map((h) => ({ step: h.step, loss: Number(h.loss.toFixed(4)) })),
  evals: evals.map((e) => Object.fromEntries(Object.entries(e).map(([k, v]) => [k, k === "step" ? v : Number(v.toFixed(4))]))),
};
writeFileSync(path.join(here, "history.json"), JSON.stringify(history) + "\n");
console.log(`listo: ${result.steps} pasos en ${history.trainSeconds} s de entrenamiento (${history.seconds} s en total), ${history.machine}`);
model.dispose();
optimizer.dispose();
