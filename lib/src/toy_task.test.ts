// Issue 3's "done when": a GPT preset learns to sort 6 digits to ≥ 99 % exact match on held-out
// sequences, trained with the course's own train, AdamW, schedule and crossEntropy. The time is
// reported (t.diagnostic), never asserted.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { tf, ready } from "./backend";
import { generate } from "./generate";
import { Gpt } from "./gpt";
import { crossEntropy } from "./losses";
import { IGNORE_INDEX } from "./masking";
import { exactMatch } from "./metrics";
import { AdamW } from "./optim";
import { gptNano } from "./presets";
import { COURSE_SEED, Rng } from "./random";
import { warmupCosineSchedule } from "./schedules";
import { train } from "./trainer";

before(ready);

const N = 6; // digits to sort
const SEP = 10; // the separator token: vocabulary 0–9 and SEP
const STEPS = 200;
const BATCH = 64;

const digits = (rng: Rng) => Array.from({ length: N }, () => rng.int(10));
const sorted = (d: number[]) => [...d].sort((a, b) => a - b);

/**
 * One training sequence: "3 1 2 0 9 1 SEP 0 1 1 2 3 9". The model reads all but the last token and
 * predicts each next one; only the sorted half is scored (IGNORE_INDEX elsewhere).
 */
function example(d: number[]): { x: number[]; y: number[] } {
  const seq = [...d, SEP, ...sorted(d)];
  return { x: seq.slice(0, -1), y: seq.slice(1).map((id, i) => (i >= N ? id : IGNORE_INDEX)) };
}

test("un gptNano aprende a ordenar 6 dígitos: ≥ 99 % de aciertos exactos en secuencias no vistas", async (t) => {
  const start = tf.memory().numTensors;
  const testRng = new Rng(99);
  const heldOut = Array.from({ length: 1000 }, () => digits(testRng));
  const unseen = new Set(heldOut.map((d) => d.join("")));

  // Fresh random batches every epoch, never a held-out sequence.
  const batchesOf = (epoch: number) => {
    const rng = new Rng(COURSE_SEED + epoch);
    return Array.from({ length: 50 }, () => {
      const rows: { x: number[]; y: number[] }[] = [];
      while (rows.length < BATCH) {
        const d = digits(rng);
        if (!unseen.has(d.join(""))) rows.push(example(d));
      }
      return { x: rows.map((r) => r.x), y: rows.map((r) => r.y) };
    });
  };

  const model = new Gpt({ ...gptNano, vocabSize: 11, dropout: 0 });
  const optimizer = new AdamW(model, { lr: 5e-3, weightDecay: 0.01 });
  const result = await train({
    module: model,
    optimizer,
    schedule: warmupCosineSchedule({ peakLr: 5e-3, warmup: 10, totalSteps: STEPS, minLr: 5e-4 }),
    clipNorm: 1,
    steps: STEPS,
    batches: batchesOf,
    loss: (batch) => {
      const targets = tf.tensor2d(batch.y, undefined, "int32");
      return crossEntropy(model.forward(batch.x), targets, { ignoreIndex: IGNORE_INDEX });
    },
  });

  const t0 = performance.now();
  const outputs = generate(model, heldOut.map((d) => [...d, SEP]), { maxNewTokens: N, temperature: 0 });
  const accuracy = exactMatch(outputs.map((o) => o.slice(N + 1)), heldOut.map(sorted));
  const last = result.history[result.history.length - 1];
  t.diagnostic(
    `${tf.getBackend()}: ${STEPS} pasos de ${BATCH} en ${result.trainSeconds.toFixed(1)} s (${(1000 * result.trainSeconds / STEPS).toFixed(0)} ms/paso), ` +
      `pérdida final ${last.loss.toFixed(4)}, acierto exacto ${(100 * accuracy).toFixed(1)} % en ${heldOut.length} secuencias no vistas ` +
      `(generación voraz con caché: ${((performance.now() - t0) / 1000).toFixed(1)} s); ${model.numParameters()} parámetros`,
  );
  assert.ok(accuracy >= 0.99, `acierto exacto ${accuracy}`);
  optimizer.dispose();
  model.dispose();
  assert.equal(tf.memory().numTensors, start, "entrenar y generar no dejan tensores");
});
