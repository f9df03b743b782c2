/**
 * Decoding with an encoder–decoder model (lesson 08): encode the source once, then produce the
 * target one token at a time, starting from BOS, until EOS or `maxLen` tokens.
 *
 * - Greedy: at every step take the most likely token. Fast, but a locally best token can lead
 *   to a worse sentence.
 * - Beam search: keep the `beamSize` best partial sentences (by total log-probability); extend
 *   each by every token, keep the best `beamSize` again. Finished sentences are ranked by
 *   score = log P(y) / |y|^α (the length penalty α; |y| counts the generated tokens, EOS included),
 *   so that longer sentences are not punished just for having more factors below 1.
 *
 * Both use the decoder's KV cache: each step feeds only the newest token.
 */
import { tf } from "./backend";
import { paddingMask } from "./attention";
import { AtencionError, checkInt, checkNumber } from "./errors";
import { TransformerCache } from "./kv_cache";
import type { Module } from "./module";
import { IdBatch, withIdBatch } from "./model_shared";
import type { TransformerDecodeOptions } from "./transformer";

/**
 * What decoding needs from a model (lesson 08): `Transformer` has it. `encode` maps source ids
 * to a memory; `decode` maps target ids (with a cache: only the new ones) to logits `[B, T, V]`.
 */
export interface EncoderDecoderModel extends Module {
  readonly config: { numDecoderLayers: number; tgtVocabSize: number; srcVocabSize: number };
  encode(src: IdBatch, opts?: { srcPadId?: number }): tf.Tensor3D;
  decode(tgt: IdBatch, memory: tf.Tensor, opts?: TransformerDecodeOptions): tf.Tensor3D;
}

/** Options shared by `greedyDecode` and `beamSearch` (lesson 08). */
export interface GreedyDecodeOptions {
  /** The most target tokens to produce (EOS included). */
  maxLen: number;
  /** The id that starts every target. */
  bosId: number;
  /** The id that ends a target. */
  eosId: number;
  /** Source positions holding this id are padding (default: none). */
  srcPadId?: number;
  /** Use the decoder's KV cache (default `true`); the result is the same either way. */
  useCache?: boolean;
}

/** Options of `beamSearch` (lesson 08). */
export interface BeamSearchOptions extends GreedyDecodeOptions {
  /** How many partial sentences to keep (default `4`). */
  beamSize?: number;
  /** α in log P / |y|^α (default `1`; `0` ranks by log-probability alone). */
  lengthPenalty?: number;
}

/** One finished (or cut at `maxLen`) hypothesis of beam search (lesson 08). */
export interface Hypothesis {
  /** The target ids, without BOS and without EOS. */
  ids: number[];
  /** Total log-probability of the tokens produced (EOS included). */
  logProb: number;
  /** `logProb / length^α`, the ranking score. */
  score: number;
  /** True if it ended with EOS, false if it was cut at `maxLen`. */
  finished: boolean;
}

/** The result of `beamSearch` (lesson 08): per source sentence, the best target and all kept hypotheses. */
export interface BeamSearchResult {
  /** The best target of each source, without BOS and EOS. */
  sequences: number[][];
  /** The score of each best target. */
  scores: number[];
  /** Per source, up to `beamSize` hypotheses, best first. */
  hypotheses: Hypothesis[][];
}

function checkDecodeOptions(where: string, model: EncoderDecoderModel, opts: GreedyDecodeOptions): void {
  if (opts === null || typeof opts !== "object") throw new AtencionError(`${where}: faltan las opciones ({ maxLen, bosId, eosId }).`);
  const v = model.config.tgtVocabSize;
  checkInt(where, "maxLen", opts.maxLen);
  checkInt(where, "bosId", opts.bosId, 0, v - 1);
  checkInt(where, "eosId", opts.eosId, 0, v - 1);
  if (opts.srcPadId !== undefined) checkInt(where, "srcPadId", opts.srcPadId, 0, model.config.srcVocabSize - 1);
}

/** Encodes `src` once and hands its memory and padding mask to `fn`; restores the model's mode and frees them. */
function withMemory<T>(
  where: string,
  model: EncoderDecoderModel,
  src: IdBatch,
  srcPadId: number | undefined,
  fn: (memory: tf.Tensor3D, mask: tf.Tensor2D | undefined, batch: number) => T,
): T {
  const wasTraining = model.training;
  model.eval();
  try {
    return withIdBatch(where, "src", src, model.config.srcVocabSize, (ids) => {
      const memory = model.encode(ids, { srcPadId });
      const mask = srcPadId === undefined ? undefined : paddingMask(ids, srcPadId); // [B, Ts]
      try {
        return fn(memory, mask, ids.shape[0]);
      } finally {
        tf.dispose([memory, ...(mask === undefined ? [] : [mask])]);
      }
    });
  } finally {
    model.train(wasTraining);
  }
}

/** Log-probabilities `[n, V]` of the next token after each row of `prefixes`, from the last position. */
function nextLogProbs(
  model: EncoderDecoderModel,
  prefixes: number[][],
  memory: tf.Tensor3D,
  mask: tf.Tensor2D | undefined,
  cache: TransformerCache | undefined,
): tf.Tensor2D {
  return tf.tidy(() => {
    const input = cache !== undefined && cache.length > 0 ? prefixes.map((p) => p.slice(-1)) : prefixes; // with a cache: the newest token
    const logits = model.decode(input, memory, { memoryKeyPaddingMask: mask, cache }); // [n, T, V]
    const t = logits.shape[1];
    return tf.logSoftmax(tf.slice(logits, [0, t - 1, 0], [-1, 1, -1]).reshape([prefixes.length, -1])) as tf.Tensor2D; // [n, V]
  });
}

/**
 * Greedy decoding (lesson 08): for each source sentence, the target built by always taking the
 * most likely next token. Returns one id list per source, without BOS and EOS.
 */
export function greedyDecode(model: EncoderDecoderModel, src: IdBatch, opts: GreedyDecodeOptions): number[][] {
  const where = "greedyDecode";
  checkDecodeOptions(where, model, opts);
  const { maxLen, bosId, eosId, useCache = true } = opts;
  return withMemory(where, model, src, opts.srcPadId, (memory, mask, batch) => {
    const prefixes = Array.from({ length: batch }, () => [bosId]);
    const done = prefixes.map(() => false);
    const cache = useCache ? new TransformerCache(model.config.numDecoderLayers) : undefined;
    try {
      for (let step = 0; step < maxLen && done.includes(false); step++) {
        const logProbs = nextLogProbs(model, prefixes, memory, mask, cache);
        const best = tf.tidy(() => Array.from(tf.argMax(logProbs, 1).dataSync()));
        logProbs.dispose();
        prefixes.forEach((p, b) => {
          p.push(best[b]);
          if (best[b] === eosId) done[b] = true;
        });
      }
    } finally {
      cache?.dispose();
    }
    return prefixes.map((p) => {
      const end = p.indexOf(eosId, 1);
      return p.slice(1, end < 0 ? p.length : end);
    });
  });
}

/** A new cache holding rows `rows` of `cache` (beam search keeps the caches of the surviving beams). */
function reorderCache(cache: TransformerCache, rows: number[]): TransformerCache {
  const out = new TransformerCache(cache.layers.length);
  tf.tidy(() => {
    const index = tf.tensor1d(rows, "int32");
    cache.layers.forEach((layer, i) => {
      for (const kind of ["self", "cross"] as const) {
        const { keys, values } = layer[kind];
        if (keys !== undefined && values !== undefined) out.layers[i][kind].update(tf.gather(keys, index), tf.gather(values, index)); // [n, H, T, dh]
      }
    });
  });
  cache.dispose();
  return out;
}

/** Beam search for one source sentence whose memory is `memory [1, Ts, D]`. */
function beamSearchOne(
  model: EncoderDecoderModel,
  memory: tf.Tensor3D,
  mask: tf.Tensor2D | undefined,
  o: Required<Omit<BeamSearchOptions, "srcPadId">>,
): Hypothesis[] {
  const { beamSize: k, maxLen, bosId, eosId, lengthPenalty } = o;
  const score = (logProb: number, length: number) => logProb / length ** lengthPenalty;
  let beams = [{ ids: [bosId], logProb: 0 }];
  const done: Hypothesis[] = [];
  let cache = o.useCache ? new TransformerCache(model.config.numDecoderLayers) : undefined;
  try {
    for (let step = 1; step <= maxLen; step++) {
      const n = beams.length;
      const [mem, msk] = tf.tidy(() => [tf.tile(memory, [n, 1, 1]), mask === undefined ? undefined : tf.tile(mask, [n, 1])]); // [n, Ts, D], [n, Ts]
      const candidates = tf.tidy(() => {
        const logProbs = nextLogProbs(model, beams.map((b) => b.ids), mem as tf.Tensor3D, msk as tf.Tensor2D | undefined, cache);
        const total = logProbs.add(tf.tensor2d(beams.map((b) => [b.logProb]))) as tf.Tensor2D; // [n, V]: log P(prefix) + log P(token | prefix)
        const v = total.shape[1];
        const top = tf.topk(total.reshape([-1]), Math.min(2 * k, n * v)); // the 2k best extensions over every beam
        const values = Array.from(top.values.dataSync());
        return Array.from(top.indices.dataSync()).map((flat, i) => ({ beam: Math.floor(flat / v), token: flat % v, logProb: values[i] }));
      });
      tf.dispose([mem, ...(msk === undefined ? [] : [msk])]);
      const next: { ids: number[]; logProb: number }[] = [];
      const rows: number[] = [];
      for (const c of candidates) {
        if (next.length === k) break;
        const ids = [...beams[c.beam].ids, c.token];
        if (c.token === eosId) done.push({ ids: ids.slice(1, -1), logProb: c.logProb, score: score(c.logProb, step), finished: true });
        else {
          next.push({ ids, logProb: c.logProb });
          rows.push(c.beam);
        }
      }
      beams = next;
      if (step === maxLen || beams.length === 0) break;
      // Stop when beamSize sentences are finished and no live beam currently scores better than the worst of them.
      const ranked = [...done].sort((a, b) => b.score - a.score);
      if (ranked.length >= k && Math.max(...beams.map((b) => score(b.logProb, step))) < ranked[k - 1].score) break;
      if (cache !== undefined) cache = reorderCache(cache, rows);
    }
  } finally {
    cache?.dispose();
  }
  for (const b of beams) done.push({ ids: b.ids.slice(1), logProb: b.logProb, score: score(b.logProb, b.ids.length - 1), finished: false });
  return done.sort((a, b) => b.score - a.score).slice(0, k);
}

/**
 * Beam search (lesson 08): for each source sentence, the `beamSize` best targets by
 * log P / |y|^α. With `beamSize: 1` it gives the greedy targets.
 */
export function beamSearch(model: EncoderDecoderModel, src: IdBatch, opts: BeamSearchOptions): BeamSearchResult {
  const where = "beamSearch";
  checkDecodeOptions(where, model, opts);
  const o = {
    maxLen: opts.maxLen,
    bosId: opts.bosId,
    eosId: opts.eosId,
    useCache: opts.useCache ?? true,
    beamSize: checkInt(where, "beamSize", opts.beamSize ?? 4),
    lengthPenalty: checkNumber(where, "lengthPenalty", opts.lengthPenalty ?? 1),
  };
  return withMemory(where, model, src, opts.srcPadId, (memory, mask, batch) => {
    const hypotheses = Array.from({ length: batch }, (_, b) => {
      const [mem, msk] = tf.tidy(() => [tf.slice(memory, [b, 0, 0], [1, -1, -1]), mask === undefined ? undefined : tf.slice(mask, [b, 0], [1, -1])]); // [1, Ts, D], [1, Ts]
      try {
        return beamSearchOne(model, mem as tf.Tensor3D, msk as tf.Tensor2D | undefined, o);
      } finally {
        tf.dispose([mem, ...(msk === undefined ? [] : [msk])]);
      }
    });
    return { sequences: hypotheses.map((h) => h[0].ids), scores: hypotheses.map((h) => h[0].score), hypotheses };
  });
}
