// Runs ONE benchmark case on ONE TensorFlow.js backend, in its own process (so that its peak
// memory is its own), and prints one JSON line with the timings. bench/run.mjs starts it:
//
//   ATENCION_BACKEND=wasm node bench/worker.mjs --case mha/curso/forward [--quick] [--lib lib/dist] [--kernels]
//
// --lib points at another compiled `atencion` (to time an older version side by side);
// --kernels also reports how many times each kernel runs in one repetition.
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { optionValue } from "../scripts/lib/args.mjs";
import { findCase, repetitionPlan } from "./cases.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const valueOf = (flag) => optionValue(args, flag);
const libDir = path.resolve(valueOf("--lib") ?? path.join(here, "..", "lib", "dist"));
const c = findCase(valueOf("--case"));
const plan = repetitionPlan(args.includes("--quick"), process.env.ATENCION_BACKEND);

const require = createRequire(import.meta.url);
const a = require(path.join(libDir, "index.js"));
const { tf } = a;
const log = console.log;
console.log = () => {}; // ready() announces the backend: keep stdout for the JSON line
await a.ready();
console.log = log;

/** Builds the case: returns `run()` (one timed repetition, synchronous or async) and `dispose()`. */
function setup() {
  const seed = 1234;
  const cfg = c.config;
  const ids = (b, t, v, s) => tf.randomUniform([b, t], 0, v, "int32", s);
  if (c.kind === "sdpa") {
    const dh = cfg.D / cfg.H;
    const [q, k, v] = [1, 2, 3].map((i) => tf.randomNormal([cfg.B, cfg.H, cfg.T, dh], 0, 1, "float32", seed + i));
    const mask = a.causalMask(cfg.T);
    const attend = (q, k, v) => a.scaledDotProductAttention(q, k, v, mask);
    const run =
      c.pass === "forward"
        ? () => {
            const r = attend(q, k, v);
            r.output.dataSync();
            tf.dispose(r);
          }
        : () => {
            const grads = tf.grads((q, k, v) => attend(q, k, v).output.sum())([q, k, v]);
            grads[0].dataSync();
            tf.dispose(grads);
          };
    return { run, dispose: () => tf.dispose([q, k, v, mask]) };
  }
  if (c.kind === "mha") {
    const mha = new a.MultiHeadAttention({ dModel: cfg.D, numHeads: cfg.H, seed });
    const x = tf.variable(tf.randomNormal([cfg.B, cfg.T, cfg.D], 0, 1, "float32", seed));
    const mask = a.causalMask(cfg.T);
    const run =
      c.pass === "forward"
        ? () => {
            const r = mha.forward(x, x, x, { mask });
            r.output.dataSync();
            tf.dispose(r);
          }
        : () => {
            const { value, grads } = tf.variableGrads(() => mha.forward(x, x, x, { mask }).output.sum(), [x, ...mha.parameters()]);
            grads[x.name].dataSync();
            tf.dispose([value, ...Object.values(grads)]);
          };
    return { run, dispose: () => (mha.dispose(), tf.dispose([x, mask])) };
  }
  if (c.kind === "train-gpt" || c.kind === "train-seq2seq") {
    let model;
    let loss;
    const tensors = [];
    if (c.kind === "train-gpt") {
      model = new a.Gpt({ ...a.gptNano, vocabSize: cfg.V, contextLength: cfg.T, dropout: cfg.dropout, seed });
      const seq = ids(cfg.B, cfg.T + 1, cfg.V, seed);
      const x = seq.slice([0, 0], [cfg.B, cfg.T]); // [B, T]
      const y = seq.slice([0, 1], [cfg.B, cfg.T]); // [B, T]: the next token
      tensors.push(seq, x, y);
      loss = () => a.crossEntropy(model.forward(x), y);
    } else {
      model = new a.Transformer({ ...a.transformerTiny, srcVocabSize: cfg.V, maxLen: cfg.maxLen, dropout: cfg.dropout, seed });
      const src = ids(cfg.B, cfg.Ts, cfg.V, seed);
      const tgt = ids(cfg.B, cfg.Tt + 1, cfg.V, seed + 1);
      const tgtIn = tgt.slice([0, 0], [cfg.B, cfg.Tt]); // [B, Tt]
      const tgtOut = tgt.slice([0, 1], [cfg.B, cfg.Tt]); // [B, Tt]
      tensors.push(src, tgt, tgtIn, tgtOut);
      loss = () => a.crossEntropy(model.forward(src, tgtIn), tgtOut);
    }
    const optimizer = new a.AdamW(model, { lr: 1e-3 });
    // The library's own training loop, one step per call; its clock covers the step only.
    const run = async () => {
      const r = await a.train({ module: model, loss, batches: [null], optimizer, steps: 1 });
      return r.trainSeconds * 1000;
    };
    return { run, dispose: () => (model.dispose(), optimizer.dispose(), tf.dispose(tensors)) };
  }
  if (c.kind === "generate") {
    const model = new a.Gpt({ ...a.gptNano, vocabSize: cfg.V, contextLength: cfg.T, dropout: cfg.dropout, seed });
    const prompt = Array.from({ length: cfg.prompt }, (_, i) => (i * 37 + 11) % cfg.V);
    const run = () => {
      a.generate(model, prompt, { maxNewTokens: cfg.newTokens, temperature: 0, useCache: cfg.useCache });
    };
    return { run, dispose: () => model.dispose() };
  }
  throw new Error(`tipo de caso desconocido: ${c.kind}`);
}

/**
 * Times one repetition: wall-clock ms (a run may report its own, narrower, time) and the CPU time
 * of this process in ms (user + system), which a loaded machine disturbs less.
 */
async function timeOnce(run) {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const own = await run();
  const elapsed = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { wall: typeof own === "number" ? own : elapsed, cpu: (cpu.user + cpu.system) / 1000 };
}

const t0 = performance.now();
const { run, dispose } = setup();
const setupMs = performance.now() - t0;
const rssBaselineBytes = process.memoryUsage().rss;

for (let i = 0; i < plan.warmup; i++) await timeOnce(run);
const tensorsAfterWarmup = tf.memory().numTensors;
const runsMs = [];
const cpuMs = [];
const started = performance.now();
while (runsMs.length < plan.maxRuns && (runsMs.length < plan.minRuns || performance.now() - started < plan.budgetS * 1000)) {
  const { wall, cpu } = await timeOnce(run);
  runsMs.push(wall);
  cpuMs.push(cpu);
}
const leakedTensors = tf.memory().numTensors - tensorsAfterWarmup;

// One more, untimed repetition under tf.profile for the peak bytes held in tensors.
const profile = await tf.profile(async () => {
  await run();
});
const kernels = {};
if (args.includes("--kernels")) {
  for (const k of profile.kernels) {
    const entry = (kernels[k.name] ??= { count: 0, ms: 0 });
    entry.count++;
    entry.ms += typeof k.kernelTimeMs === "number" ? k.kernelTimeMs : 0;
  }
}
const backend = tf.backend();
const wasmHeapBytes = backend.wasm?.HEAPU8?.buffer?.byteLength;
dispose();

const result = {
  case: c.id,
  impl: "atencion",
  backend: tf.getBackend(),
  threads: 1,
  warmup: plan.warmup,
  runsMs,
  cpuMs,
  setupMs,
  leakedTensors,
  memory: {
    peakTensorBytes: profile.peakBytes,
    wasmHeapBytes: wasmHeapBytes ?? null,
    rssBaselineBytes,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
  },
  ...(args.includes("--kernels") ? { kernels, kernelCount: profile.kernels.length } : {}),
};
process.stdout.write(`${JSON.stringify(result)}\n`);
