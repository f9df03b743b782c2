/**
 * Text generation with a GPT (lesson 10): feed the prompt, score the next token, choose one
 * (greedily or by sampling), append it, repeat.
 *
 * Without a cache every step runs the whole sequence again: step n costs O(n) token passes, and
 * the keys and values of the old tokens are recomputed each time although they never change.
 * With the KV cache (`useCache`, the default) the first step fills the cache with the prompt and
 * every later step feeds only the new token; both give the same tokens.
 */
import { tf } from "./backend";
import { AtencionError, checkInt, checkNumber } from "./errors";
import type { Gpt } from "./gpt";
import { TransformerCache } from "./kv_cache";
import { idRows, IdBatch } from "./model_shared";
import { COURSE_SEED, Rng } from "./random";
import { applyTemperature, sampleFromLogits, topKFilter, topPFilter } from "./sampling";

/** Options of `generate` (lesson 10). */
export interface GenerateOptions {
  /** How many tokens to add. */
  maxNewTokens: number;
  /** Divides the logits (default `1`); `0` means greedy: always the most likely token. */
  temperature?: number;
  /** Sample only among the k most likely tokens (default: all). */
  topK?: number;
  /** Sample only in the nucleus of probability p (default `1`: all). */
  topP?: number;
  /** Seed of the sampling (default `COURSE_SEED`): the same seed gives the same text. */
  seed?: number;
  /** Use the KV cache (default `true`); the tokens are the same either way. */
  useCache?: boolean;
  /** Stop a sequence after it produces this id (it is kept at the end); default: never stop early. */
  eosId?: number;
}

/** Checks the options and fills in their defaults. */
function resolveOptions(vocabSize: number, opts: GenerateOptions): Required<Omit<GenerateOptions, "topK" | "eosId">> & Pick<GenerateOptions, "topK" | "eosId"> {
  const where = "generate";
  if (opts === null || typeof opts !== "object") throw new AtencionError(`${where}: faltan las opciones ({ maxNewTokens, … }).`);
  const { temperature = 1, topP = 1, seed = COURSE_SEED, useCache = true, topK, eosId } = opts;
  checkInt(where, "maxNewTokens", opts.maxNewTokens, 0);
  checkNumber(where, "temperature", temperature, 0);
  checkNumber(where, "topP", topP, 0, 1);
  if (topP === 0) throw new AtencionError(`${where}: 'topP' debe ser mayor que 0.`);
  if (topK !== undefined) checkInt(where, "topK", topK);
  if (eosId !== undefined) checkInt(where, "eosId", eosId, 0, vocabSize - 1);
  checkNumber(where, "seed", seed);
  return { maxNewTokens: opts.maxNewTokens, temperature, topP, seed, useCache: Boolean(useCache), topK, eosId };
}

/** One choice per row from the last position's logits `[B, V]`, with the options' rule. */
function chooseNext(logits: tf.Tensor2D, o: ReturnType<typeof resolveOptions>, rng: Rng): number[] {
  if (o.temperature === 0) return tf.tidy(() => Array.from(tf.argMax(logits, 1).dataSync()));
  const filtered = tf.tidy(() => {
    let l = applyTemperature(logits, o.temperature);
    if (o.topK !== undefined) l = topKFilter(l, o.topK);
    if (o.topP < 1) l = topPFilter(l, o.topP);
    return l;
  });
  try {
    return sampleFromLogits(filtered, rng);
  } finally {
    filtered.dispose();
  }
}

/**
 * Continues each prompt by `maxNewTokens` tokens (lesson 10). `prompt` is one sequence of ids
 * (returns one sequence) or a batch of equally long sequences `[B, T]` (returns B sequences); each
 * result starts with its prompt. When a sequence outgrows the context, the model sees its last
 * `contextLength` tokens, as in GPT-2. The model is put in evaluation mode and restored; every
 * tensor is freed.
 */
export function generate(model: Gpt, prompt: readonly number[], opts: GenerateOptions): number[];
export function generate(model: Gpt, prompt: IdBatch, opts: GenerateOptions): number[][];
export function generate(model: Gpt, prompt: readonly number[] | IdBatch, opts: GenerateOptions): number[] | number[][] {
  const where = "generate";
  const { vocabSize, contextLength, numLayers } = model.config;
  const o = resolveOptions(vocabSize, opts);
  const single = Array.isArray(prompt) && prompt.every((x) => typeof x === "number");
  const rows = idRows(where, "prompt", single ? [prompt as readonly number[]] : (prompt as IdBatch), vocabSize);
  if (rows[0].length > contextLength) {
    throw new AtencionError(`${where}: el prompt tiene ${rows[0].length} tokens, más que contextLength = ${contextLength} del modelo.`);
  }
  const rng = new Rng(o.seed);
  const wasTraining = model.training;
  let cache = o.useCache ? new TransformerCache(numLayers) : undefined;
  const finished = rows.map(() => -1); // the length of each row when it produced eosId
  model.eval();
  try {
    for (let step = 0; step < o.maxNewTokens && finished.includes(-1); step++) {
      const length = rows[0].length;
      let input: number[][];
      if (cache !== undefined && cache.length > 0 && cache.length < contextLength) {
        input = rows.map((r) => r.slice(length - 1)); // only the newest token: the rest is cached
      } else {
        if (cache !== undefined && cache.length > 0) {
          cache.dispose(); // the window slides: positions shift, so the cache is rebuilt
          cache = new TransformerCache(numLayers);
        }
        input = rows.map((r) => r.slice(Math.max(0, length - contextLength))); // the last contextLength tokens
      }
      const logits = tf.tidy(() => {
        const all = model.forward(input, { cache });
        const t = all.shape[1];
        return tf.slice(all, [0, t - 1, 0], [-1, 1, -1]).reshape([rows.length, vocabSize]) as tf.Tensor2D; // [B, V]: the last position
      });
      const next = (() => {
        try {
          return chooseNext(logits, o, rng);
        } finally {
          logits.dispose();
        }
      })();
      rows.forEach((r, b) => {
        r.push(next[b]);
        if (finished[b] < 0 && next[b] === o.eosId) finished[b] = r.length;
      });
    }
  } finally {
    cache?.dispose();
    model.train(wasTraining);
  }
  const out = rows.map((r, b) => (finished[b] > 0 ? r.slice(0, finished[b]) : r));
  return single ? out[0] : out;
}
